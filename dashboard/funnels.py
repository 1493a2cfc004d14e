"""The attrition funnels as data (`dashboard/funnels.yaml`): each series' stages, for one area or any.

A national series names its area; a series every country reports (OSCE-ODIHR's) names none, and
`funnels_for` gives it for each area asked for (the assessment's country's `statistics_areas`).
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError, model_validator

from base.i18n import N_
from base.yamlio import load_file
from dashboard.indicators import Funnel, Stage

FUNNELS_FILE = Path(__file__).with_name("funnels.yaml")
AREA = "{area}"  # in a series' name: replaced by the area's name
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Measure = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")]
STAGES = (  # the stages' labels of funnels.yaml, marked for the catalogue (read with _() where shown)
    N_("Recorded by police"), N_("Referred to prosecution"), N_("Prosecuted (completed)"), N_("Convicted"),
    N_("Sentence uplift applied"), N_("Prosecuted"), N_("Sentenced"),
)


class StageSpec(BaseModel):
    """One stage: a count (`measure`), a share of the previous stage (`rate`), or both."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    label: Text
    measure: Measure | None = None
    rate: Measure | None = None
    source: Text | None = None  # default: the series' source
    unit: Text = "cases"  # what the stage counts, in words: offences, suspects, defendants

    @model_validator(mode="after")
    def _counted(self) -> StageSpec:
        if self.measure is None and self.rate is None:
            raise ValueError("a stage needs a measure or a rate")
        if self.rate is not None and not self.rate.endswith("_pct"):
            raise ValueError(f"rate {self.rate!r} must be a percentage measure (ending in _pct)")
        return self


class SeriesSpec(BaseModel):
    """One series of the funnel file (see its header)."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    id: Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$")]
    name: Text
    source: Text
    area: Text | None = None
    stages: tuple[StageSpec, ...] = Field(min_length=2)

    @model_validator(mode="after")
    def _well_formed(self) -> SeriesSpec:
        if self.stages[0].measure is None:
            raise ValueError("the first stage needs a measure (a rate is a share of the stage before)")
        if self.area is None and AREA not in self.name:
            raise ValueError(f"a series for any area needs {AREA} in its name, so each area's reads apart")
        return self

    def applies_to(self, area: str) -> bool:
        return self.area is None or self.area == area

    def for_area(self, area: str) -> Funnel:
        return Funnel(self.id, self.name.replace(AREA, area), area,
                      tuple(Stage(s.label, s.source or self.source, s.measure, s.rate, s.unit) for s in self.stages))


def _where(entry: object, loc: tuple[object, ...]) -> str:
    index = loc[0] if loc and isinstance(loc[0], int) else None
    named = entry.get("id") if isinstance(entry, dict) else None
    series = f"series {index + 1}" + (f" ({named})" if named else "") if index is not None else "the file"
    field = ".".join(str(p + 1 if isinstance(p, int) else p) for p in loc[1:])
    return f"{series}, {field}" if field else series


@cache
def load_series(path: Path = FUNNELS_FILE) -> tuple[SeriesSpec, ...]:
    """The series of a funnel file, checked; a ValueError names the file, the series and the field."""
    data = load_file(path)
    if not isinstance(data, list):
        raise ValueError(f"{path}: expected a list of series, got {type(data).__name__}")
    problems, series = [], []
    for i, entry in enumerate(data):
        try:
            series.append(SeriesSpec.model_validate(entry))
        except ValidationError as err:
            for e in err.errors(include_url=False):
                message = "required field is missing" if e["type"] == "missing" else (
                    "unknown field" if e["type"] == "extra_forbidden" else e["msg"].removeprefix("Value error, "))
                problems.append(f"{path}: {_where(entry, (i, *e['loc']))}: {message}")
    ids = [s.id for s in series]
    problems += [f"{path}: series id {d!r} is given twice" for d in sorted({i for i in ids if ids.count(i) > 1})]
    if problems:
        raise ValueError("\n".join(problems))
    return tuple(series)


def funnels_for(areas: Iterable[str], path: Path = FUNNELS_FILE) -> list[Funnel]:
    """Each series (in the file's order) for each of `areas` it applies to."""
    wanted = list(dict.fromkeys(areas))
    return [s.for_area(a) for s in load_series(path) for a in wanted if s.applies_to(a)]


def series_for(series_id: str, area: str, path: Path = FUNNELS_FILE) -> Funnel:
    """One series for one area (KeyError if the file has no such series or it is for another area)."""
    found = next((s for s in load_series(path) if s.id == series_id and s.applies_to(area)), None)
    if found is None:
        raise KeyError(f"no funnel series {series_id!r} for {area!r} in {path}")
    return found.for_area(area)
