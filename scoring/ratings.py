"""Ratings per relationship and per strand, and their counts."""

from __future__ import annotations

from dataclasses import dataclass
from collections.abc import Callable, Iterator, Mapping
from typing import Iterable

from framework import Assessment, Model
from framework.assessment import Scored
from framework.translations import rating_looks, rating_word

GREEN, AMBER, RED, NA, UNSCORED = "green", "amber", "red", "n/a", "unscored"
RATINGS = (GREEN, AMBER, RED, NA, UNSCORED)
RANK = {RED: 0, AMBER: 1, GREEN: 2}


class ByRating(Mapping[str, str]):
    """A text per rating, looked up when read (so in the current language): `MARK`, a shape per rating
    so that a rating never relies on colour alone; `WORD`, its word; `MARKED`, both ("● GREEN")."""

    def __init__(self, look: Callable[[str], str]) -> None:
        self._look = look

    def __getitem__(self, rating: str) -> str:
        return self._look(rating)

    def __iter__(self) -> Iterator[str]:
        return iter(RATINGS)

    def __len__(self) -> int:
        return len(RATINGS)


def score_text(value: object) -> str:
    """A score as printed: the number, or '–' for none."""
    return "–" if value is None else str(value)


def marked(rating: str) -> str:
    """A rating as a person reads it anywhere: its shape and its word ("● GREEN")."""
    return f"{MARK[rating]} {WORD[rating]}"


MARK, WORD, MARKED = ByRating(lambda rating: rating_looks()[rating][0]), ByRating(rating_word), ByRating(marked)


@dataclass(frozen=True)
class ScoredLine:
    """One scored line of the map: a relationship, or one strand of a relationship scored per strand."""

    relationship: str
    strand: str | None
    from_: str
    to: str
    framework: int | None
    action: int | None
    rating: str
    title: str = ""
    grid_row: int | None = None
    na_reason: str | None = None

    @property
    def key(self) -> tuple[str, str | None]:
        return (self.relationship, self.strand)

    @property
    def total(self) -> int | None:
        return None if self.framework is None or self.action is None else self.framework + self.action

    def as_dict(self) -> dict[str, object]:
        return {
            "id": self.relationship, "from": self.from_, "to": self.to, "strand": self.strand,
            "framework": self.framework, "action": self.action, "total": self.total,
            "rating": self.rating, "title": self.title, "grid_row": self.grid_row,
            "na_reason": self.na_reason,
        }


def rate(model: Model, framework: int | None, action: int | None, not_applicable: bool = False) -> str:
    """The rating of a pair of scores: a band of the total, 'n/a' if so declared, else 'unscored'."""
    if not_applicable:
        return NA
    if framework is None or action is None:
        return UNSCORED
    return model.framework.band_for(framework + action).id


def score_assessment(model: Model, assessment: Assessment) -> list[ScoredLine]:
    """Every line of the model rated from the assessment, per strand where the line has strands.

    Lines are in the assessment's order; relationships it does not cover follow, as unscored.
    """
    out: list[ScoredLine] = []
    covered: set[str] = set()
    for line in assessment.lines:
        rel = model.relationships[line.relationship]
        covered.add(rel.id)
        if not rel.strands:
            out.append(_scored(model, rel.id, None, line, line.grid_row))
            continue
        given = {s.strand: s for s in line.strands}
        order = [s.strand for s in line.strands] + [s for s in rel.strands if s not in given]
        out.extend(_scored(model, rel.id, strand, given.get(strand), line.grid_row) for strand in order)
    for rel in model.relationships.values():
        if rel.id not in covered:
            out.extend(_scored(model, rel.id, strand, None, None) for strand in (rel.strands or (None,)))
    return out


def _scored(model: Model, rid: str, strand: str | None, s: Scored | None, grid_row: int | None) -> ScoredLine:
    rel = model.relationships[rid]
    fw, act = (s.framework, s.action) if s else (None, None)
    return ScoredLine(
        relationship=rid, strand=strand,
        from_=model.end_for_strand(rel.from_, strand), to=model.end_for_strand(rel.to, strand),
        framework=fw, action=act, rating=rate(model, fw, act, bool(s and s.rating == NA)),
        title=rel.title, grid_row=grid_row, na_reason=s.na_reason if s else None,
    )


def count_ratings(lines: Iterable[ScoredLine]) -> dict[str, int]:
    """How many lines have each rating; every rating is a key, zero included."""
    counts = dict.fromkeys(RATINGS, 0)
    for line in lines:
        counts[line.rating] += 1
    return counts
