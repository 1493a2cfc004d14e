"""Typed, immutable objects for an assessment: a country's scores, text and evidence at a date."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import Field, StringConstraints

from framework.model import Frozen, Score, Slug
from framework.plan import Plan
from framework.profile import Code, Profile
from framework.report_texts import ReportTexts
from framework.text import LONG_TEXT_MAX, SHORT_TEXT_MAX, DateText, LongText, NoNul, ShortText  # noqa: F401

RatingWord = Literal["green", "amber", "red", "n/a"]


class Situation(Frozen):
    """The description of the national situation, per dimension (Markdown)."""

    framework: LongText | None = None
    action: LongText | None = None


class Evidence(Frozen):
    title: ShortText
    url: Annotated[str, StringConstraints(pattern=r"^https?://", max_length=SHORT_TEXT_MAX), NoNul] | None = None
    dimension: Literal["framework", "action"] | None = None
    note: LongText | None = None
    standards: tuple[Annotated[int, Field(strict=True)], ...] = ()
    # as a citation in the bibliography: who published it, when, and when the link was last read
    publisher: ShortText | None = None
    published: DateText | None = None
    accessed: DateText | None = None


class Scored(Frozen):
    """Scores of one line (or one strand of a line), with the rating the source states, if any."""

    framework: Score | None = None
    action: Score | None = None
    rating: RatingWord | None = None
    na_reason: ShortText | None = None


class StrandScore(Scored):
    strand: Slug


class Line(Scored):
    """An assessed relationship; a line scored per strand carries its scores in `strands`."""

    relationship: Slug
    grid_row: Annotated[int, Field(strict=True, ge=1, le=9_999)] | None = None
    situation: Situation = Situation()
    evidence: tuple[Evidence, ...] = ()
    strands: tuple[StrandScore, ...] = ()
    comments: tuple[ShortText, ...] = ()


class Assessment(Frozen):
    id: Slug
    title: ShortText
    country: ShortText
    date: DateText
    model_version: str
    profile: Code | Profile | None = None  # the country profile: a shipped one's code, or the profile itself
    author: ShortText
    source: ShortText = ""
    status: Literal["draft", "submitted", "validated", "published"] = "draft"  # a new file enters review
    illustrative: bool = False
    notes: LongText = ""
    lines: tuple[Line, ...] = ()
    plan: Plan = Plan()
    report: ReportTexts = ReportTexts()  # the published report's own texts: summary, imprint, abbreviations

    @property
    def data_cutoff(self) -> str:
        """The date after which figures are left out of the report: set in `report`, else the assessment's date."""
        return self.report.data_cutoff or self.date

    def as_data(self) -> dict[str, Any]:
        """Plain data (as in the YAML file), without empty or default-valued fields, but with its status
        (a reader sees that a file is a draft)."""
        data = self.model_dump(mode="json", by_alias=True, exclude_defaults=True)
        if "status" in data:
            return data
        at = list(data).index("author") + 1
        items = list(data.items())
        return dict(items[:at] + [("status", self.status)] + items[at:])

    @property
    def profile_code(self) -> str | None:
        """The code of the assessment's profile."""
        return self.profile.code if isinstance(self.profile, Profile) else self.profile

    def line(self, relationship: str) -> Line | None:
        """The line assessing a relationship, if there is one."""
        return next((ln for ln in self.lines if ln.relationship == relationship), None)
