"""From gaps to action: recommendations, the action plan with each status change, targets per line,
and measures of success tied to the dashboard's indicators. Part of an assessment (its `plan`).
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, Field

from base.i18n import N_, Translated, _
from framework.text import LongText, ShortText, real_date
from framework.model import Frozen, Score, Slug

Status = Literal["not_started", "in_progress", "completed", "dropped"]
STATUSES: tuple[Status, ...] = ("not_started", "in_progress", "completed", "dropped")
STATUS_LABEL = Translated({"not_started": N_("Not started"), "in_progress": N_("In progress"),
                           "completed": N_("Completed"), "dropped": N_("Dropped")})  # an action's status, in words
# where each status may go next; completed and dropped are final
NEXT: dict[str, tuple[str, ...]] = {"not_started": ("in_progress", "completed", "dropped"),
                                    "in_progress": ("completed", "dropped"), "completed": (), "dropped": ()}
DayText = Annotated[str, Field(pattern=r"^\d{4}-\d{2}-\d{2}$"), AfterValidator(real_date)]


class Recommendation(Frozen):
    """What assessors recommend on a relationship, to which actor, how urgently."""

    id: Slug
    relationship: Slug
    to: Slug  # the actor (or cluster) it is addressed to
    priority: Literal["high", "medium", "low"] = "medium"
    text: LongText


class StatusChange(Frozen):
    status: Status
    date: DayText
    note: ShortText = ""


class Action(Frozen):
    """A commitment by an owner, with every status it has had (the last is the current one)."""

    number: Annotated[int, Field(strict=True, ge=1, le=9_999)]
    title: ShortText
    owner: ShortText  # an actor id or an organisation's name
    due: DayText | None = None
    relationships: tuple[Slug, ...] = ()
    standards: tuple[Annotated[int, Field(strict=True)], ...] = ()
    recommendations: tuple[Slug, ...] = ()
    history: tuple[StatusChange, ...] = Field(min_length=1)

    @property
    def current(self) -> StatusChange:
        return self.history[-1]

    def moved(self, status: str, date: str, note: str = "") -> Action:
        """This action with a new status appended (earlier ones kept); ValueError if not allowed."""
        now = self.current
        if status not in NEXT[now.status]:
            allowed = ", ".join(STATUS_LABEL[s].lower() for s in NEXT[now.status]) or _("nothing (it is final)")
            raise ValueError(_("Action {number} is {status}: it can go to {allowed}, not {to}.").format(
                number=self.number, status=STATUS_LABEL[now.status].lower(), allowed=allowed,
                to=STATUS_LABEL[status].lower() if status in STATUS_LABEL else status))
        if date < now.date:
            raise ValueError(_("Action {number}: {date} is before its last change ({last}).").format(
                number=self.number, date=date, last=now.date))
        return self.model_copy(update={"history": (*self.history, StatusChange(status=status, date=date, note=note))})


class Target(Frozen):
    """The framework and action scores aimed for on a line (a strand's line where scored per strand)."""

    relationship: Slug
    strand: Slug | None = None
    framework: Score
    action: Score


class Value(Frozen):
    value: float
    period: str


class Measure(Frozen):
    """A measure of success: a dashboard indicator with a baseline and a target, tied to an action
    (by number) or a relationship."""

    id: Slug
    label: ShortText
    indicator: Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=120)]  # see dashboard/evidence.py
    relationship: Slug | None = None
    action: int | None = None
    baseline: Value | None = None  # None: still to be established
    target: Value | None = None


class Plan(Frozen):
    illustrative: bool = False  # an example, not anyone's official plan
    note: ShortText = ""
    recommendations: tuple[Recommendation, ...] = ()
    actions: tuple[Action, ...] = ()
    targets: tuple[Target, ...] = ()
    measures: tuple[Measure, ...] = ()

    def empty(self) -> bool:
        return not (self.recommendations or self.actions or self.targets or self.measures)


REPORT_ORDER: tuple[Status, ...] = ("completed", "in_progress", "not_started", "dropped")


def status_report(plan: Plan) -> dict[str, list[Action]]:
    """Actions grouped by current status (completed first, as status reports list them), by number."""
    return {status: sorted((a for a in plan.actions if a.current.status == status), key=lambda a: a.number)
            for status in REPORT_ORDER}
