"""The review flow as data: the states of a relationship and of a whole assessment, the steps that
apply in each, and what may still change once an assessment is read-only. Pure; the store and the
pages both ask it.

- A relationship goes draft -> submitted -> validated; a reviewer can send it back to draft (with a
  comment) from submitted or validated.
- The assessment goes draft -> submitted -> validated, or back to draft from submitted (with a
  comment). Validated and published assessments are read-only: only their plan (the follow-up)
  and review comments may change; everything else goes through a new version.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

from base.i18n import N_, Translated, _

ROLES = ("admin", "assessor", "reviewer", "viewer")  # what each may do: access/policy.py
NO_ROLE = ""  # an account made by single sign-on, until an admin (or the provider's claim) gives it a role: may do nothing
ROLE_WORDS = Translated({"admin": N_("administrator"), "assessor": N_("assessor"), "reviewer": N_("reviewer"),
                         "viewer": N_("viewer"), NO_ROLE: N_("no role yet")})  # as a person reads them
Step = Literal["submit", "validate", "send_back"]
Kind = Literal["line", "assessment"]
READ_ONLY = frozenset({"validated", "published"})
CHANGES_WHEN_READ_ONLY = frozenset({"plan", "comment"})  # the follow-up and review comments; nothing else
STATUS_WORDS = Translated({"draft": N_("draft"), "submitted": N_("submitted for review"),
                           "validated": N_("validated by a reviewer"), "published": N_("published")})  # as read


class Locked(Exception):
    """The assessment or line is read-only in its review state (validated, or waiting for review)."""


class BadTransition(ValueError):
    """A review step that does not apply to the current state (or lacks its required comment)."""


@dataclass(frozen=True)
class Transition:
    """A review step: the states it starts from, the state it leads to, whether it needs a comment."""

    before: frozenset[str]
    after: str
    needs_comment: bool = False


STEPS: dict[Kind, dict[Step, Transition]] = {
    "line": {"submit": Transition(frozenset({"draft"}), "submitted"),
             "validate": Transition(frozenset({"submitted"}), "validated"),
             "send_back": Transition(frozenset({"submitted", "validated"}), "draft", needs_comment=True)},
    "assessment": {"submit": Transition(frozenset({"draft"}), "submitted"),
                   "validate": Transition(frozenset({"submitted"}), "validated"),
                   "send_back": Transition(frozenset({"submitted"}), "draft", needs_comment=True)},
}
DONE = Translated({"submit": N_("submitted"), "validate": N_("validated"), "send_back": N_("sent back")})


def steps(kind: Kind, status: str) -> tuple[Step, ...]:
    """The review steps that apply to a relationship or assessment in `status`."""
    return tuple(step for step, t in STEPS[kind].items() if status in t.before)


def next_status(kind: Kind, name: str, status: str, step: Step, comment: str | None = None) -> str:
    """The state `step` leads to from `status`; `BadTransition` if it does not apply there or a
    required comment is missing (`name` is what the message calls the thing)."""
    t = STEPS[kind][step]
    if status not in t.before:
        raise BadTransition(_("{name} is {status}: it cannot be {done}").format(
            name=name, status=STATUS_WORDS.get(status, status), done=DONE[step]))
    if t.needs_comment and not (comment or "").strip():
        raise BadTransition(_("sending back needs a comment saying what to change"))
    return t.after


def read_only(status: str) -> bool:
    """Whether an assessment in `status` keeps its content as it is (start a new version instead)."""
    return status in READ_ONLY


def may_change(status: str, what: str) -> bool:
    """Whether `what` ("content", "review", "plan", "report" or "comment") may change on an assessment in `status`."""
    if what == "report":  # the report's own texts are written once the scores are settled, until it is published
        return status != "published"
    return not read_only(status) or what in CHANGES_WHEN_READ_ONLY


def check_writable(slug: str, status: str, what: str) -> None:
    """Raise `Locked` unless `what` may change on the assessment `slug` in `status`."""
    if not may_change(status, what):
        raise Locked(_("{id} is {status} and read-only: start a new version from it to make changes").format(
            id=slug, status=STATUS_WORDS.get(status, status)))


def check_replace(slug: str, stored: str, new: str) -> None:
    """Replacing a whole assessment (an import over it) is for drafts only, and what replaces it is a
    draft too: its status then moves only by the review steps. `Locked` or `BadTransition` otherwise."""
    check_writable(slug, stored, "content")
    if stored != "draft":
        raise Locked(_("{id} is {status}: it can be replaced once a reviewer sends it back").format(
            id=slug, status=STATUS_WORDS.get(stored, stored)))
    if new != "draft":
        raise BadTransition(_("the file gives {id} the status {status}: a replacement must be a draft (it is then "
                              "submitted and validated by the review steps)").format(
            id=slug, status=STATUS_WORDS.get(new, new)))


@dataclass(frozen=True)
class User:
    """A signed-in person: name, role, and the assessments they are assigned to."""

    name: str
    role: str
    assigned: frozenset[str] = field(default_factory=frozenset)


@dataclass(frozen=True)
class Comment:
    """A comment in a relationship's thread (or on the whole assessment), with author and time."""

    relationship: str | None
    author: str
    at: datetime
    kind: str  # comment, sent_back
    text: str
