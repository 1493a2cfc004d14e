"""Countries side by side: every line of the method (by its generic id) rated in each assessment,
"absent" where a line is not part of a country's system, with counts, and how a line moved between
two assessments of the same country."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Sequence

from framework import Assessment, Model
from scoring.compare import direction
from scoring.ratings import ScoredLine, count_ratings, score_assessment

ABSENT = "absent"


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

    def title(self, key: tuple[str, str | None], method: Model) -> str:
        """A line's title for a reader of several countries: in the method's words, or for a national
        line, the first country's that has it."""
        rel = method.relationships.get(key[0])
        title = rel.title if rel is not None else next(c.lines[key].title for c in self.columns if key in c.lines)
        return title + (f" ({self.strand_label(key[1])})" if key[1] else "")

    def strand_label(self, strand: str) -> str:
        """A strand's label, from the first country that has it."""
        for c in self.columns:
            for s in c.model.framework.strands:
                if s.id == strand:
                    return s.label
        return strand

    def absent_reason(self, key: tuple[str, str | None], column: CountryColumn) -> str:
        """Why a line is absent from a country's grid, in words."""
        return column.model.absent.get(key[0], "This line is not part of this country's system.")

    def as_json(self) -> dict[str, object]:
        """The shape `ffgrid compare --format json` prints."""
        return {
            "assessments": [{"id": c.id, "country": c.assessment.country, "country_code": c.assessment.profile_code,
                             "date": c.assessment.date} for c in self.columns],
            "lines": [{"line": k[0], "strand": k[1], "ratings": self.ratings[k],
                       **({"moves": self.moves[k]} if self.moves.get(k) else {})} for k in self.keys],
            "counts": {c.id: {**count_ratings(c.lines.values()),
                              ABSENT: sum(1 for k in self.keys if self.ratings[k][c.id] == ABSENT)}
                       for c in self.columns},
        }


def compare_countries(entries: Sequence[tuple[Assessment, Model]]) -> Comparison:
    """Compare any number of assessments (of any countries) line by line; `DuplicateAssessment` if two
    share an id. Assessments of earlier method versions are read with today's ids (see
    `framework.upgrades`), so they compare through the id map."""
    dup = [i for i, n in Counter(a.id for a, _ in entries).items() if n > 1]
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
