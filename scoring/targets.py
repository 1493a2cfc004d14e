"""Targets: the gap from each line's scores to its target, and how far the country is towards them.

Percent to target = sum over lines of min(score, target) / sum of targets, both dimensions together;
not-applicable lines are left out, and a missing score counts as 0.
"""

from __future__ import annotations

from dataclasses import dataclass

from framework.plan import Plan, Target
from scoring.ratings import NA, ScoredLine


@dataclass(frozen=True)
class Gap:
    """One line against its target."""

    line: ScoredLine
    target: Target

    @property
    def na(self) -> bool:
        return self.line.rating == NA

    @property
    def framework_gap(self) -> int:
        return max(0, self.target.framework - (self.line.framework or 0))

    @property
    def action_gap(self) -> int:
        return max(0, self.target.action - (self.line.action or 0))

    @property
    def gap(self) -> int:
        """Points still to gain on this line (0 when the target is met or the line does not apply)."""
        return 0 if self.na else self.framework_gap + self.action_gap

    @property
    def met(self) -> bool:
        return not self.na and self.gap == 0

    @property
    def reached(self) -> int:
        """Points of the target already reached: min(score, target) in each dimension."""
        return (min(self.line.framework or 0, self.target.framework)
                + min(self.line.action or 0, self.target.action))


def gaps(lines: list[ScoredLine], plan: Plan) -> list[Gap]:
    """Each line that has a target, in the order of the lines."""
    targets = {(t.relationship, t.strand): t for t in plan.targets}
    return [Gap(ln, targets[ln.key]) for ln in lines if ln.key in targets]


def total_gap(found: list[Gap]) -> int:
    """Points to gain across all lines with targets (not-applicable lines left out)."""
    return sum(g.gap for g in found)


def percent_to_target(found: list[Gap]) -> float | None:
    """Sum of min(score, target) over the sum of targets, both dimensions; None if nothing to aim for."""
    counted = [g for g in found if not g.na]
    aimed = sum(g.target.framework + g.target.action for g in counted)
    return None if aimed == 0 else round(100 * sum(g.reached for g in counted) / aimed, 1)
