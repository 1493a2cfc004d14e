"""Gap and percent-to-target arithmetic with known answers, not-applicable lines included."""

from __future__ import annotations

import pytest

from framework.plan import Plan, Target
from scoring.ratings import ScoredLine
from scoring.targets import gaps, percent_to_target, total_gap


def _line(rid: str, fw: int | None, act: int | None, rating: str = "amber", strand: str | None = None) -> ScoredLine:
    return ScoredLine(rid, strand, "a", "b", fw, act, rating)


LINES = [_line("a", 1, 2), _line("b", 3, 3, "green"), _line("c", None, None, "n/a"), _line("d", None, 1, "unscored"),
         _line("e", 2, 0, "red", strand="race"), _line("f", 0, 0, "red")]
PLAN = Plan(targets=(Target(relationship="a", framework=3, action=3), Target(relationship="b", framework=2, action=2),
                     Target(relationship="c", framework=3, action=3), Target(relationship="d", framework=2, action=2),
                     Target(relationship="e", strand="race", framework=3, action=1)))


def test_gap_per_line_and_in_total():
    found = {g.line.relationship: g for g in gaps(LINES, PLAN)}
    assert set(found) == {"a", "b", "c", "d", "e"}  # f has no target
    assert (found["a"].framework_gap, found["a"].action_gap, found["a"].gap) == (2, 1, 3)
    assert found["b"].gap == 0 and found["b"].met  # above target counts as met, never negative
    assert found["c"].na and found["c"].gap == 0 and not found["c"].met
    assert found["d"].gap == 3  # a missing score counts as 0
    assert found["e"].gap == 2
    assert total_gap(list(found.values())) == 3 + 0 + 3 + 2


def test_percent_to_target_leaves_out_not_applicable_lines():
    found = gaps(LINES, PLAN)
    # reached: a 1+2, b 2+2 (capped), d 0+1, e 2+0 = 10; aimed: a 6, b 4, d 4, e 4 = 18 (c is N/A)
    assert percent_to_target(found) == pytest.approx(round(100 * 10 / 18, 1))
    assert percent_to_target([]) is None
    assert percent_to_target([g for g in found if g.na]) is None
