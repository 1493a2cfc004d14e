"""Differences between two assessments of the same model: what moved up or down."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Literal

from framework import Assessment, Model
from scoring.ratings import RANK, ScoredLine, score_assessment

Direction = Literal["up", "down", "same", "changed", "added", "removed"]


@dataclass(frozen=True)
class Change:
    relationship: str
    strand: str | None
    before: ScoredLine | None
    after: ScoredLine | None
    direction: Direction

    @property
    def score_delta(self) -> int | None:
        """Change in the total score, when both sides are scored."""
        if self.before is None or self.after is None or None in (self.before.total, self.after.total):
            return None
        return self.after.total - self.before.total  # type: ignore[operator]


def direction(before: ScoredLine | None, after: ScoredLine | None) -> Direction:
    """How a line moved from one assessment to another (None: the line is not in it)."""
    if before is None:
        return "added"
    if after is None:
        return "removed"
    if before.rating in RANK and after.rating in RANK:
        delta = RANK[after.rating] - RANK[before.rating]
        return "up" if delta > 0 else "down" if delta < 0 else "same"
    return "same" if before.rating == after.rating else "changed"


def compare(before: Iterable[ScoredLine], after: Iterable[ScoredLine]) -> list[Change]:
    """Line by line (per strand where scored per strand): up or down a rating band, same, or other.

    'changed' is a move to or from n/a or unscored; 'added'/'removed' a line only one side has.
    """
    old = {ln.key: ln for ln in before}
    new = {ln.key: ln for ln in after}
    keys = list(old) + [k for k in new if k not in old]
    return [Change(k[0], k[1], old.get(k), new.get(k), direction(old.get(k), new.get(k))) for k in keys]


def compare_assessments(model: Model, before: Assessment, after: Assessment) -> list[Change]:
    """Compare two assessments made against the same model version."""
    if before.model_version != after.model_version:
        raise ValueError(f"cannot compare assessments of model {before.model_version!r} "
                         f"and {after.model_version!r}")
    return compare(score_assessment(model, before), score_assessment(model, after))
