"""Roll-ups: per actor, per standard, and completeness."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from framework import Model
from scoring.ratings import NA, UNSCORED, ScoredLine, count_ratings


def _members(model: Model, end: str) -> tuple[str, ...]:
    cluster = model.clusters.get(end)
    return cluster.members if cluster else (end,)


def by_actor(model: Model, lines: Iterable[ScoredLine]) -> dict[str, dict[str, int]]:
    """Rating counts of the lines touching each actor; a line to a cluster touches every member."""
    touching: dict[str, list[ScoredLine]] = {a: [] for a in model.actors}
    for line in lines:
        for actor in dict.fromkeys(_members(model, line.from_) + _members(model, line.to)):
            touching[actor].append(line)
    return {actor: count_ratings(ls) for actor, ls in touching.items()}


@dataclass(frozen=True)
class StandardRollup:
    standard: int
    lines: tuple[ScoredLine, ...]

    @property
    def counts(self) -> dict[str, int]:
        return count_ratings(self.lines)

    @property
    def only_red(self) -> bool:
        """Cited only by red lines (among the rated ones): a standard that stands out."""
        rated = [ln.rating for ln in self.lines if ln.rating not in (NA, UNSCORED)]
        return bool(rated) and all(r == "red" for r in rated)


def by_standard(model: Model, lines: Iterable[ScoredLine]) -> dict[int, StandardRollup]:
    """For each standard, the lines whose relationship cites it (uncited standards have none)."""
    citing: dict[int, list[ScoredLine]] = {sid: [] for sid in model.standards}
    for line in lines:
        for sid in model.relationships[line.relationship].standards:
            citing[sid].append(line)
    return {sid: StandardRollup(sid, tuple(ls)) for sid, ls in citing.items()}


@dataclass(frozen=True)
class Completeness:
    total: int
    scored: int
    unscored: tuple[tuple[str, str | None], ...]

    @property
    def percent(self) -> float:
        return 100.0 * self.scored / self.total if self.total else 100.0


def completeness(lines: Iterable[ScoredLine]) -> Completeness:
    """How many lines carry both scores (n/a lines count as scored when their scores are given)."""
    lines = list(lines)
    missing = tuple(ln.key for ln in lines if ln.total is None)
    return Completeness(len(lines), len(lines) - len(missing), missing)
