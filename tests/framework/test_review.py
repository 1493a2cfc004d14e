"""The review flow as data: which steps apply in which state, and what a read-only assessment keeps."""

from __future__ import annotations

import pytest

from framework.review import CHANGES_WHEN_READ_ONLY, BadTransition, Locked, check_writable, may_change, next_status, steps


def test_steps_for_lines_and_assessments():
    assert steps("line", "draft") == ("submit",)
    assert steps("line", "submitted") == ("validate", "send_back")
    assert steps("line", "validated") == ("send_back",)  # a reviewer may reopen a validated line
    assert steps("assessment", "submitted") == ("validate", "send_back")
    assert steps("assessment", "validated") == () and steps("assessment", "published") == ()


def test_next_status_and_its_refusals():
    assert next_status("line", "police-courts", "draft", "submit") == "submitted"
    assert next_status("assessment", "ew", "submitted", "send_back", "Row 4: cite the source.") == "draft"
    with pytest.raises(BadTransition, match="police-courts is draft: it cannot be validated"):
        next_status("line", "police-courts", "draft", "validate")
    with pytest.raises(BadTransition, match="needs a comment"):
        next_status("line", "police-courts", "submitted", "send_back", "  ")
    with pytest.raises(BadTransition):
        next_status("assessment", "ew", "validated", "send_back", "reopen")


def test_only_the_plan_and_comments_change_on_a_read_only_assessment():
    assert CHANGES_WHEN_READ_ONLY == {"plan", "comment"}
    for status, words in (("validated", "validated by a reviewer"), ("published", "published")):
        assert may_change(status, "plan") and may_change(status, "comment")
        assert not may_change(status, "content") and not may_change(status, "review")
        with pytest.raises(Locked, match=f"ew is {words} and read-only: start a new version"):
            check_writable("ew", status, "content")
    assert all(may_change(s, w) for s in ("draft", "submitted") for w in ("content", "review", "plan", "comment"))
