"""Which lines a systems map draws and how they are grouped: one actor's lines (focus), and the CSOs'
strand lines gathered by their other end (one band each, the ratings in the CSO table)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from framework import Model
from scoring import ScoredLine


@dataclass(frozen=True)
class Bundle:
    """The lines between one end and the CSOs of a group, drawn as one band to the CSOs' table."""

    end: str  # the other end (an actor or a cluster)
    group: str  # the CSOs' cluster
    lines: tuple[ScoredLine, ...]


def line_id(line: ScoredLine) -> str:
    """The SVG id of a line: `line-<relationship>` or `line-<relationship>-<strand>`."""
    return f"line-{line.relationship}" + (f"-{line.strand}" if line.strand else "")


def touches(model: Model, line: ScoredLine, actor: str) -> bool:
    """Whether a line is one of `actor`'s: an end is the actor, or a cluster the actor belongs to (or,
    for a cluster `actor`, one of its members)."""
    for end in (line.from_, line.to):
        if end == actor:
            return True
        if end in model.clusters and actor in model.clusters[end].members:
            return True
        if actor in model.clusters and end in model.clusters[actor].members:
            return True
    return False


def focused(model: Model, lines: Iterable[ScoredLine], focus: str | None) -> list[ScoredLine]:
    """The lines to draw: all of them, or with `focus` (an actor or cluster id) only that one's lines."""
    lines = list(lines)
    if focus is None:
        return lines
    if focus not in model.actors and focus not in model.clusters:
        raise ValueError(f"focus: {focus!r} is not an actor or group of this country's model")
    return [ln for ln in lines if touches(model, ln, focus)]


def ends_shown(model: Model, lines: Iterable[ScoredLine], focus: str | None = None) -> set[str]:
    """The actors a map shows: every actor, or with `focus` the actor and the other ends of its lines
    (a cluster end brings all its members)."""
    if focus is None:
        return set(model.actors)
    shown = set(model.clusters[focus].members) if focus in model.clusters else {focus}
    for ln in lines:
        for end in (ln.from_, ln.to):
            shown.update(model.clusters[end].members if end in model.clusters else (end,))
    return shown


def _cso_group(model: Model, end: str) -> str | None:
    """The group cluster of a CSO actor (e.g. 'csos'), if the end is one."""
    actor = model.actors.get(end)
    if actor is None or actor.kind != "cso":
        return None
    return next((c.id for c in model.framework.clusters if c.drawn_as == "group" and end in c.members), None)


def bundled(model: Model, lines: Iterable[ScoredLine]) -> tuple[list[ScoredLine], list[Bundle]]:
    """The lines drawn on their own, and the bundles: the lines from the CSOs of a group to one other end
    (e.g. each CSO to the police), one bundle per other end."""
    groups: dict[tuple[str, str], list[ScoredLine]] = {}
    single: list[ScoredLine] = []
    for ln in lines:
        for cso, other in ((ln.from_, ln.to), (ln.to, ln.from_)):
            group = _cso_group(model, cso)
            if group is not None and _cso_group(model, other) is None:
                groups.setdefault((other, group), []).append(ln)
                break
        else:
            single.append(ln)
    return single, [Bundle(other, group, tuple(members)) for (other, group), members in groups.items()]
