"""Cross-references in a plan checked against the model: relationships, actors, standards, strands,
recommendation ids, action numbers, indicators, and that each action's statuses follow one another."""

from __future__ import annotations

from collections.abc import Iterator

from base.i18n import _
from framework.model import Model
from framework.plan import NEXT, STATUS_LABEL, Plan

Found = tuple[tuple[str | int, ...], str, str]  # path inside the plan, message, context


def plan_problems(plan: Plan, model: Model, indicators: frozenset[str] | None = None) -> Iterator[Found]:
    """Every problem in the plan (none when it is consistent)."""
    rec_ids = [r.id for r in plan.recommendations]
    for i, r in enumerate(plan.recommendations):
        if rec_ids.index(r.id) != i:
            yield ("recommendations", i, "id"), _("duplicate recommendation id '{id}'").format(id=r.id), r.id
        if r.relationship not in model.relationships:
            yield (("recommendations", i, "relationship"), _("unknown relationship '{id}'").format(id=r.relationship),
                   r.id)
        if r.to not in model.actors and r.to not in model.clusters:
            yield ("recommendations", i, "to"), _("unknown actor '{id}'").format(id=r.to), r.id
    numbers = [a.number for a in plan.actions]
    for i, a in enumerate(plan.actions):
        ctx = _("action {number}").format(number=a.number)
        if numbers.index(a.number) != i:
            yield ("actions", i, "number"), _("duplicate action number {number}").format(number=a.number), ctx
        for j, rid in enumerate(a.relationships):
            if rid not in model.relationships:
                yield ("actions", i, "relationships", j), _("unknown relationship '{id}'").format(id=rid), ctx
        for j, sid in enumerate(a.standards):
            if sid not in model.standards:
                yield ("actions", i, "standards", j), _("unknown standard {number}").format(number=sid), ctx
        for j, rec in enumerate(a.recommendations):
            if rec not in rec_ids:
                yield ("actions", i, "recommendations", j), _("unknown recommendation '{id}'").format(id=rec), ctx
        for j, (before, after) in enumerate(zip(a.history, a.history[1:]), 1):
            if after.status not in NEXT[before.status]:
                yield ("actions", i, "history", j, "status"), _("cannot go from {before} to {after}").format(
                    before=STATUS_LABEL.get(before.status, before.status),
                    after=STATUS_LABEL.get(after.status, after.status)), ctx
            if after.date < before.date:
                yield ("actions", i, "history", j, "date"), _("a status change dated before the one it follows"), ctx
    seen: set[tuple[str, str | None]] = set()
    for i, t in enumerate(plan.targets):
        rel = model.relationships.get(t.relationship)
        ctx = t.relationship
        if rel is None:
            yield ("targets", i, "relationship"), _("unknown relationship '{id}'").format(id=t.relationship), ctx
        elif (t.strand is None) != (not rel.strands) or (t.strand and t.strand not in rel.strands):
            message = (_("strand should be one of {strands}").format(strands=", ".join(rel.strands)) if rel.strands
                       else _("strand should be none (not scored per strand)"))
            yield ("targets", i, "strand"), message, ctx
        if (t.relationship, t.strand) in seen:
            yield ("targets", i), _("a second target for the same line"), ctx
        seen.add((t.relationship, t.strand))
    for i, m in enumerate(plan.measures):
        if indicators is not None and m.indicator not in indicators:
            yield ("measures", i, "indicator"), _("unknown indicator '{id}'").format(id=m.indicator), m.id
        if m.relationship is not None and m.relationship not in model.relationships:
            yield ("measures", i, "relationship"), _("unknown relationship '{id}'").format(id=m.relationship), m.id
        if m.action is not None and m.action not in numbers:
            yield ("measures", i, "action"), _("no action number {number}").format(number=m.action), m.id
