"""Cross-references in a plan checked against the model: relationships, actors, standards, strands,
recommendation ids, action numbers, indicators, and that each action's statuses follow one another."""

from __future__ import annotations

from collections.abc import Iterator

from framework.model import Model
from framework.plan import NEXT, Plan

Found = tuple[tuple[str | int, ...], str, str]  # path inside the plan, message, context


def plan_problems(plan: Plan, model: Model, indicators: frozenset[str] | None = None) -> Iterator[Found]:
    """Every problem in the plan (none when it is consistent)."""
    rec_ids = [r.id for r in plan.recommendations]
    for i, r in enumerate(plan.recommendations):
        if rec_ids.index(r.id) != i:
            yield ("recommendations", i, "id"), f"duplicate recommendation id {r.id!r}", r.id
        if r.relationship not in model.relationships:
            yield ("recommendations", i, "relationship"), f"unknown relationship {r.relationship!r}", r.id
        if r.to not in model.actors and r.to not in model.clusters:
            yield ("recommendations", i, "to"), f"unknown actor {r.to!r}", r.id
    numbers = [a.number for a in plan.actions]
    for i, a in enumerate(plan.actions):
        ctx = f"action {a.number}"
        if numbers.index(a.number) != i:
            yield ("actions", i, "number"), f"duplicate action number {a.number}", ctx
        for j, rid in enumerate(a.relationships):
            if rid not in model.relationships:
                yield ("actions", i, "relationships", j), f"unknown relationship {rid!r}", ctx
        for j, sid in enumerate(a.standards):
            if sid not in model.standards:
                yield ("actions", i, "standards", j), f"unknown standard {sid}", ctx
        for j, rec in enumerate(a.recommendations):
            if rec not in rec_ids:
                yield ("actions", i, "recommendations", j), f"unknown recommendation {rec!r}", ctx
        for j, (before, after) in enumerate(zip(a.history, a.history[1:]), 1):
            if after.status not in NEXT[before.status]:
                yield ("actions", i, "history", j, "status"), f"cannot go from {before.status} to {after.status}", ctx
            if after.date < before.date:
                yield ("actions", i, "history", j, "date"), "a status change dated before the one it follows", ctx
    seen: set[tuple[str, str | None]] = set()
    for i, t in enumerate(plan.targets):
        rel = model.relationships.get(t.relationship)
        ctx = t.relationship
        if rel is None:
            yield ("targets", i, "relationship"), f"unknown relationship {t.relationship!r}", ctx
        elif (t.strand is None) != (not rel.strands) or (t.strand and t.strand not in rel.strands):
            want = f"one of {', '.join(rel.strands)}" if rel.strands else "none (not scored per strand)"
            yield ("targets", i, "strand"), f"strand should be {want}", ctx
        if (t.relationship, t.strand) in seen:
            yield ("targets", i), "a second target for the same line", ctx
        seen.add((t.relationship, t.strand))
    for i, m in enumerate(plan.measures):
        if indicators is not None and m.indicator not in indicators:
            yield ("measures", i, "indicator"), f"unknown indicator {m.indicator!r}", m.id
        if m.relationship is not None and m.relationship not in model.relationships:
            yield ("measures", i, "relationship"), f"unknown relationship {m.relationship!r}", m.id
        if m.action is not None and m.action not in numbers:
            yield ("measures", i, "action"), f"no action number {m.action}", m.id
