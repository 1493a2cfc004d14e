"""Countries side by side: every line of the method (by its generic id) rated in each assessment,
"absent" where a line is not part of a country's system, with counts, and how a line moved between
two assessments of the same country."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Sequence

from base.i18n import N_, Translated, _
from framework import Assessment, Model
from scoring.compare import direction
from scoring.ratings import ScoredLine, count_ratings, marked, score_assessment

ABSENT = "absent"
ABSENT_WORD = N_("ABSENT")  # a line not part of a country's system, beside the ratings' words


def cell_text(rating: str) -> str:
    """A cell of the comparison as a person reads it, in the current language: shape and word ("● GREEN",
    "× ABSENT")."""
    return "× " + _(ABSENT_WORD) if rating == ABSENT else marked(rating)


class DuplicateAssessment(ValueError):
    """Two of the assessments to compare have the same id."""


@dataclass(frozen=True)
class CountryColumn:
    """One assessment in the comparison, with its country's model and scored lines."""

    assessment: Assessment
    model: Model
    lines: dict[tuple[str, str | None], ScoredLine]

    @property
    def id(self) -> str:
        return self.assessment.id


@dataclass(frozen=True)
class Comparison:
    """Lines × assessments: each cell a rating word or "absent"."""

    columns: tuple[CountryColumn, ...]
    keys: tuple[tuple[str, str | None], ...]  # (relationship, strand), in the method's order
    ratings: dict[tuple[str, str | None], dict[str, str]]
    moves: dict[tuple[str, str | None], list[dict[str, str]]]  # same-country pairs, oldest first

    def line_title(self, key: tuple[str, str | None], method: Model) -> str:
        """A line's title (without its strand) for a reader of several countries: in the method's
        words, or for a national line, the first country's that has it."""
        rel = method.relationships.get(key[0])
        return rel.title if rel is not None else next(c.lines[key].title for c in self.columns if key in c.lines)

    def strand_label(self, strand: str) -> str:
        """A strand's label, from the first country that has it."""
        for c in self.columns:
            for s in c.model.framework.strands:
                if s.id == strand:
                    return s.label
        return strand

    def absent_reason(self, key: tuple[str, str | None], column: CountryColumn) -> str:
        """Why a line is absent from a country's grid, in words."""
        if key[0] in column.model.absent:
            return column.model.absent[key[0]]
        if key[1] and key[0] in column.model.relationships:
            return _("No CSO monitors this strand ({strand}) in this country's profile.").format(
                strand=self.strand_label(key[1]))
        others = [c.assessment.country for c in self.columns if key in c.lines and c.model is not column.model]
        if others:
            return _("A line of the national system of {countries}, not part of this one.").format(
                countries=", ".join(dict.fromkeys(others)))
        return _("This line is not part of this country's system.")

    def counts(self, column: CountryColumn) -> dict[str, int]:
        """How many lines of the comparison have each rating in one assessment, and how many are absent."""
        return {**count_ratings(column.lines.values()),
                ABSENT: sum(1 for k in self.keys if self.ratings[k][column.id] == ABSENT)}

    def headings(self) -> tuple[str, ...]:
        """Each assessment's heading in words: country and date (and its title where two would read alike)."""
        plain = [f"{c.assessment.country} {c.assessment.date}" for c in self.columns]
        return tuple(h if plain.count(h) == 1 else f"{h} – {c.assessment.title}" for h, c in zip(plain, self.columns))

    def table(self, method: Model) -> CountryTable:
        """The heatmap as words, shared by the Countries page, the workbook and the report: a row per
        line (title, strand label), a cell per assessment (shape and word, why where absent or N/A),
        how lines moved between assessments of one country, and the counts."""
        heads = self.headings()
        name = {c.id: h for c, h in zip(self.columns, heads)}
        date = {c.id: c.assessment.date for c in self.columns}
        rows = []
        for k in self.keys:
            cells = []
            for c in self.columns:
                rating = self.ratings[k][c.id]
                reason = self.absent_reason(k, c) if rating == ABSENT else (c.lines[k].na_reason or "")
                cells.append(Cell(rating, cell_text(rating), reason))
            moves = tuple(f"{name[m['from']]} → {date[m['to']] if date[m['to']] != date[m['from']] else name[m['to']]}"
                          f": {MOVE_WORD[m['direction']]}" for m in self.moves.get(k, ()))
            rows.append(TableRow(k, self.line_title(k, method), self.strand_label(k[1]) if k[1] else "",
                                 tuple(cells), moves))
        counts = [self.counts(c) for c in self.columns]
        return CountryTable(heads, tuple(rows),
                            tuple((cell_text(r), tuple(n[r] for n in counts)) for r in counts[0]) if counts else ())

    def as_json(self) -> dict[str, object]:
        """The shape `ffgrid compare --format json` prints."""
        return {
            "assessments": [{"id": c.id, "country": c.assessment.country, "country_code": c.assessment.profile_code,
                             "date": c.assessment.date} for c in self.columns],
            "lines": [{"line": k[0], "strand": k[1], "ratings": self.ratings[k],
                       **({"moves": self.moves[k]} if self.moves.get(k) else {})} for k in self.keys],
            "counts": {c.id: self.counts(c) for c in self.columns},
        }


MOVE_WORD = Translated({"up": N_("up"), "down": N_("down"), "same": N_("no change"), "changed": N_("changed"),
                        "added": N_("new line"), "removed": N_("line dropped")})  # how a line moved, in words


@dataclass(frozen=True)
class Cell:
    """One assessment's rating of one line: the rating (or "absent"), as words, and why if absent or N/A."""

    rating: str
    text: str
    reason: str = ""


@dataclass(frozen=True)
class TableRow:
    """One line of the heatmap, in words."""

    key: tuple[str, str | None]
    line: str
    strand: str
    cells: tuple[Cell, ...]
    moves: tuple[str, ...] = ()  # "England & Wales 2019 → 2024: up"


@dataclass(frozen=True)
class CountryTable:
    """The heatmap: headings (one per assessment), rows, and the counts (cell word, count per assessment)."""

    headings: tuple[str, ...]
    rows: tuple[TableRow, ...]
    counts: tuple[tuple[str, tuple[int, ...]], ...]

    def absent(self) -> list[tuple[str, TableRow, str]]:
        """Each line absent from an assessment: its heading, the row, and why."""
        return [(h, row, cell.reason) for row in self.rows for h, cell in zip(self.headings, row.cells)
                if cell.rating == ABSENT]


def compare_countries(entries: Sequence[tuple[Assessment, Model]]) -> Comparison:
    """Compare any number of assessments (of any countries) line by line; `DuplicateAssessment` if two
    share an id. Assessments of earlier method versions are read with today's ids (see
    `framework.upgrades`), so they compare through the id map."""
    dup = [i for i, n in Counter(a.id for a, _model in entries).items() if n > 1]
    if dup:
        raise DuplicateAssessment(f"two assessments have the id {dup[0]!r}: give one of them another id")
    columns = tuple(CountryColumn(a, m, {ln.key: ln for ln in score_assessment(m, a)}) for a, m in entries)
    keys = tuple(dict.fromkeys(k for c in columns for k in c.lines))
    ratings = {k: {c.id: c.lines[k].rating if k in c.lines else ABSENT for c in columns} for k in keys}
    moves: dict[tuple[str, str | None], list[dict[str, str]]] = {}
    by_country: dict[str | None, list[CountryColumn]] = {}
    for c in columns:
        by_country.setdefault(c.assessment.profile_code, []).append(c)
    for same in by_country.values():
        ordered = sorted(same, key=lambda c: (c.assessment.date, c.id))
        for before, after in zip(ordered, ordered[1:]):
            for k in keys:
                old, new = before.lines.get(k), after.lines.get(k)
                if old is not None or new is not None:
                    moves.setdefault(k, []).append({"from": before.id, "to": after.id,
                                                    "direction": direction(old, new)})
    return Comparison(columns, keys, ratings, moves)
