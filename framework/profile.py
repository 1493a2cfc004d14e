"""A country profile: how one country's hate crime system looks in terms of the generic method.

The method names roles (law enforcement, prosecution, the ministries, CSOs per bias strand …); a
profile says what each is called in the country, which ministries make up the grey line, which bias
strands have a CSO, which national actors and lines the method lacks, and which of its lines do not
apply there. `framework.country.build` applies a profile to the method.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import ConfigDict, Field, StringConstraints

from framework.model import ActorKind, Criterion, Frozen, Slug
from framework.text import ShortText

Code = Annotated[str, StringConstraints(pattern=r"^[a-z]{2,8}$")]
Language = Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}(-[A-Z]{2})?$")]


class Source(Frozen):
    """A public source that names an agency or organisation."""

    title: ShortText
    url: Annotated[str, StringConstraints(pattern=r"^https?://")] | None = None
    accessed: ShortText | None = None


class Name(Frozen):
    """What an actor or organisation is called in the country (`name`) and in English (`name_en`), and
    where from."""

    name: ShortText
    name_en: ShortText | None = None
    source: Slug | None = None  # a key of the profile's `sources`


class ProfileStrand(Frozen):
    """A bias strand with a CSO in this country: one of the method's, or (with a label) a new one."""

    id: Slug
    label: ShortText | None = None  # required for a strand the method does not know
    monitored_strands: tuple[str, ...] = ()  # the data strands it counts under (new strands only)
    monitored_by: tuple[Name, ...] = ()  # the organisations (CSOs) that monitor it


class NationalActor(Frozen):
    """An actor of the country's system that the method lacks (an equality body, a statistics office …)."""

    id: Slug
    kind: ActorKind
    name: ShortText
    name_en: ShortText | None = None
    source: Slug | None = None


class NationalLine(Frozen):
    """A relationship of the country's system that the method lacks (e.g. to a national actor)."""

    id: Slug
    from_: Slug = Field(alias="from")
    to: Slug
    title: ShortText | None = None
    framework_criteria: tuple[Criterion, ...] = ()
    action_criteria: tuple[Criterion, ...] = ()

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)


class AbsentLine(Frozen):
    """A line of the method that does not apply in the country: left out of its grid and counts."""

    line: Slug
    reason: ShortText


class Profile(Frozen):
    """One country's profile of the method (see the module docstring)."""

    code: Code
    name: ShortText  # in the country's own language
    name_en: ShortText
    languages: tuple[Language, ...] = Field(min_length=1)
    status: Literal["draft", "confirmed"]
    method_version: str
    statistics_areas: tuple[ShortText, ...] = ()  # the area names its statistics use, main one first
    statistics_parts: tuple[ShortText, ...] = ()  # smaller areas inside it that figures name (police forces …)
    sources: dict[Slug, Source] = {}
    actors: dict[Slug, Name] = {}  # names of the method's actors and clusters
    ministries: tuple[Slug, ...] | None = None  # the grey line (default: the method's)
    strands: tuple[ProfileStrand, ...] | None = None  # strands with a CSO (default: the method's)
    # what the case records' three area levels (area_1, area_2, area_3: broadest first) are called there
    area_levels: tuple[ShortText, ShortText, ShortText] = ("Region", "District", "Small area")
    national_actors: tuple[NationalActor, ...] = ()
    lines: tuple[NationalLine, ...] = ()
    absent: tuple[AbsentLine, ...] = ()
    abbreviations: dict[Annotated[str, StringConstraints(min_length=1, max_length=40)], ShortText] = {}  # CPS, NPCC …
    notes: str = ""

    @property
    def title(self) -> str:
        """The country's name for people: its own, and the English one where they differ."""
        return self.name if self.name == self.name_en else f"{self.name} ({self.name_en})"
