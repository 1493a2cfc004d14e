"""Typed, immutable objects for the method: framework, standards and relationship definitions."""

from __future__ import annotations

import re
from collections.abc import Sequence

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, Strict

from base.i18n import N_, Translated, _, ngettext

if TYPE_CHECKING:
    from framework.profile import Profile

Slug = Annotated[str, Field(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=120)]
Score = Annotated[int, Strict()]
ActorKind = Literal["authority", "ministry", "victim", "public", "cso", "igo"]


class Frozen(BaseModel):
    """Base for model objects: immutable, and unknown fields are errors (typos fail loudly)."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class Strand(Frozen):
    id: Slug
    label: str
    monitored_strands: tuple[str, ...] = ()


class Actor(Frozen):
    id: Slug
    label: str  # in a country model: the national name
    kind: ActorKind
    strand: Slug | None = None
    label_en: str | None = None  # in a country model: the English name, where the profile gives one


class Cluster(Frozen):
    id: Slug
    label: str
    label_en: str | None = None
    drawn_as: Literal["grey-line", "group"]
    members: tuple[Slug, ...] = Field(min_length=1)


class Dimension(Frozen):
    id: Literal["framework", "action"]
    label: str
    question: str
    levels: dict[Score, str]


class ScoreScale(Frozen):
    min: Score
    max: Score
    wording_status: Literal["draft", "method"]
    dimensions: tuple[Dimension, ...] = Field(min_length=2, max_length=2)


class RatingBand(Frozen):
    id: Literal["green", "amber", "red"]
    label: str
    min: Score
    max: Score
    meaning: str


RATING_IDS = ("green", "amber", "red", "n/a", "unscored")


class RatingLook(Frozen):
    """How a rating reads wherever it is shown: a shape (never colour alone) and a word."""

    mark: Annotated[str, Field(min_length=1, max_length=2)]
    word: Annotated[str, Field(min_length=1, max_length=40)]


class StrandLine(Frozen):
    """A line every CSO of a strand has: `id` with `{strand}` in it, worded like the line `like`."""

    id: Annotated[str, Field(pattern=r"^[a-z0-9-]*\{strand\}[a-z0-9-]*$")]
    like: Slug


class Framework(Frozen):
    id: Slug
    name: str
    version: str
    source: str = ""
    strands: tuple[Strand, ...]
    actors: tuple[Actor, ...] = Field(min_length=1)
    clusters: tuple[Cluster, ...] = ()
    strand_lines: tuple[StrandLine, ...] = ()
    score_scale: ScoreScale
    rating_bands: tuple[RatingBand, ...] = Field(min_length=1)
    rating_words: dict[Literal["green", "amber", "red", "n/a", "unscored"], RatingLook]
    abbreviations: dict[str, str] = {}  # the method's own (CSO, ODIHR …); a profile adds its country's

    def band_for(self, total: int) -> RatingBand:
        """The rating band a total score falls in (bands are checked to cover every total on load)."""
        for band in self.rating_bands:
            if band.min <= total <= band.max:
                return band
        raise ValueError(f"no rating band covers a total of {total}")


TEXT_SOURCES = Translated({"grid paraphrase": N_("the grid's paraphrase"), "standards document": N_("the standards document"),
                           "to be entered": N_("to be entered")})  # where a standard's text comes from, in words


class Standard(Frozen):
    id: Annotated[int, Strict(), Field(ge=1)]
    text: str | None
    text_source: Literal["grid paraphrase", "standards document", "to be entered"]
    title: str | None = None


# "(Standard 5)", "(Standards 1,2,3,4)", "(Standard 16 and 29)": the grid's own references in a criterion's text
_CITED = re.compile(r"\s*\(\s*(?:see\s+)?standards?\b(?:\s|standards?\b|and\b|&|\d|[,;.])*\)", re.IGNORECASE)


def citing(standards: Sequence[int]) -> str:
    """'(standard 5)', '(standards 4 and 5)', '(standards 1, 2, 3 and 4)'; empty for none."""
    if not standards:
        return ""
    numbers = [str(s) for s in standards]
    listed = numbers[0] if len(numbers) == 1 else _("{some} and {last}").format(some=", ".join(numbers[:-1]),
                                                                                last=numbers[-1])
    return "(" + ngettext("standard {numbers}", "standards {numbers}", len(numbers)).format(numbers=listed) + ")"


class Criterion(Frozen):
    text: str
    standards: tuple[Annotated[int, Strict()], ...] = ()

    @property
    def wording(self) -> str:
        """The criterion's text without the standards it cites (which `standards` lists, and `cited` adds)."""
        return _CITED.sub("", self.text).strip()

    @property
    def cited(self) -> str:
        """The criterion as a reader sees it: its wording, then the standards it cites, once, before
        the sentence's closing full stop."""
        wording = self.wording
        if not self.standards:
            return wording
        body, stop = (wording[:-1].rstrip(), ".") if wording.endswith(".") else (wording, "")
        return f"{body} {citing(self.standards)}{stop}"


class Relationship(Frozen):
    id: Slug
    title: str
    from_: Slug = Field(alias="from")
    to: Slug
    strands: tuple[Slug, ...] = ()
    framework_criteria: tuple[Criterion, ...] = ()
    action_criteria: tuple[Criterion, ...] = ()

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)

    @property
    def standards(self) -> tuple[int, ...]:
        """Every standard the relationship cites, in order, without repeats."""
        cited = (s for c in (*self.framework_criteria, *self.action_criteria) for s in c.standards)
        return tuple(dict.fromkeys(cited))


@dataclass(frozen=True)
class Model:
    """The validated method: framework, standards by id and relationship definitions by id."""

    framework: Framework
    standards: dict[int, Standard]
    relationships: dict[str, Relationship]
    source: str = ""
    indicators: frozenset[str] | None = None  # names measures of success may use (None: not checked)
    profile: Profile | None = None  # the country this model is of (None: the generic method)
    absent: dict[str, str] = field(default_factory=dict)  # method lines left out of it, with the reason
    lacking: dict[str, tuple[str, ...]] = field(default_factory=dict)  # of those, the ends it has none of
    language: str = "en"  # the language of the method's words in it (`framework.translations.in_language`)
    english: Model | None = field(default=None, compare=False, repr=False)  # a translation's model in English
    translations: dict[str, Model] = field(default_factory=dict, init=False, compare=False, repr=False)  # by language
    actors: dict[str, Actor] = field(init=False)
    clusters: dict[str, Cluster] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "actors", {a.id: a for a in self.framework.actors})
        object.__setattr__(self, "clusters", {c.id: c for c in self.framework.clusters})

    @property
    def version(self) -> str:
        return self.framework.version

    def label(self, end_id: str) -> str:
        """Display label of an actor or cluster id (in a country model, its national name)."""
        end = self.actors.get(end_id) or self.clusters.get(end_id)
        return end.label if end else end_id

    def label_en(self, end_id: str) -> str:
        """The English name of an actor or cluster (its label where no English name is given)."""
        end = self.actors.get(end_id) or self.clusters.get(end_id)
        return (end.label_en or end.label) if end else end_id

    def strand_label(self, strand_id: str | None) -> str:
        """The words for a bias strand ("Antisemitism"), empty for none."""
        if not strand_id:
            return ""
        return next((s.label for s in self.framework.strands if s.id == strand_id), strand_id)

    def line_name(self, relationship: str, strand: str | None = None) -> str:
        """A line as a reader names it: the relationship's title, and its strand in words."""
        title = self.relationships[relationship].title if relationship in self.relationships else relationship
        return f"{title} ({self.strand_label(strand)})" if strand else title

    def end_for_strand(self, end_id: str, strand: str | None) -> str:
        """The end of a per-strand line: a cluster end becomes its member CSO of that strand."""
        cluster = self.clusters.get(end_id)
        if strand is None or cluster is None:
            return end_id
        for member in cluster.members:
            if self.actors[member].strand == strand:
                return member
        return end_id
