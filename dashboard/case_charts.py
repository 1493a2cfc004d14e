"""The case records' charts of counts for one filter, ready to draw: by month, weekday and hour, by strand,
the breakdown chosen and (in public view) by area; each with the figures as a reader sees them, hidden
counts read as hidden, and a sentence describing it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping, Sequence

import pandas as pd

from dashboard.case_views import every_category
from dashboard.charts import HIDDEN, counts_spec
from dashboard.disclosure import DEFAULT_THRESHOLD, public_counts
from dashboard.labels import area_label, strand_label
from dashboard.tables import and_, describe

CASE_CHARTS = (("month", "Records by month", "Month", "line"), ("weekday", "By day of the week", "Day", "column"),
               ("hour", "By hour of the day", "Hour", "column"))
BREAKDOWN_CHARTS = (("victim_age_group", "Victims by age group", "Age group"),
                    ("offender_age_group", "Offenders by age group", "Age group"),
                    ("victim_ethnicity", "Victims by ethnicity", "Ethnicity"),
                    ("offender_ethnicity", "Offenders by ethnicity", "Ethnicity"),
                    ("offence_category", "Offence category", "Offence category"), ("outcome", "Outcomes", "Outcome"))
PLURALS = {"Day": "days of the week", "Hour": "hours", "Ethnicity": "ethnicities", "Strand": "strands"}


@dataclass(frozen=True)
class CaseChart:
    """One chart of counts: its title, its Vega-Lite specification (None: no records with the filters),
    its figures as shown, the sentence describing it, its notes, and the numbers behind it."""

    title: str
    name: str
    definition: str
    spec: dict | None = None  # type: ignore[type-arg]
    shown: pd.DataFrame | None = None
    description: str = ""
    notes: tuple[str, ...] = ()
    raw: pd.DataFrame | None = None


def case_charts(counted: Mapping[str, pd.DataFrame], by_strand: pd.DataFrame, every: Mapping[str, Sequence[object]],
                public: bool, breakdown: str, level: str) -> list[CaseChart]:
    """The charts of one filter's counts (`counted`: per unit and breakdown column, `by_strand`); in
    public view (`every`: each chart's categories) every category is listed and its count suppressed or
    rounded. The first len(CASE_CHARTS) + 1 are over time and by strand; then the breakdown, then the area."""

    def counts(frame: pd.DataFrame, key: str, chart: str) -> pd.DataFrame:
        if not public:
            return frame
        full = every_category(frame, key, every[chart], by_size=chart not in ("month", "weekday", "hour"))
        return full.assign(records=public_counts(full.set_index(key)["records"]).counts.array)

    charts = [_chart(counts(counted[unit], unit, unit), unit, title, category, kind,
                     f"Records by the {unit} they were recorded, with the filters above.", f"cases-by-{unit}")
              for unit, title, category, kind in CASE_CHARTS]
    frame = counts(by_strand, "strand", "strand")
    charts.append(_chart(frame.assign(strand=frame["strand"].map(strand_label)), "strand", "By strand", "Strand", "bar",
                         "Records per strand flagged; a record with several strands counts once for each.",
                         "cases-by-strand"))
    _, title, category = next(b for b in BREAKDOWN_CHARTS if b[0] == breakdown)
    charts.append(_chart(counts(counted[breakdown], "value", breakdown), "value", title, category, "bar",
                         f"Records by {category.lower()}; 'unknown' where it was not recorded.", f"cases-{breakdown}"))
    if public:
        frame = counts(counted["area_2"], "value", "area_2")
        charts.append(_chart(frame.assign(value=frame["value"].map(area_label)), "value",
                             f"Where: records by {level.lower()}", level, "bar",
                             f"Records by {level.lower()}. The map of individual records is shown only outside public "
                             "view.", "cases-by-ward"))
    return charts


def _chart(frame: pd.DataFrame, key: str, title: str, category: str, kind: str, definition: str, name: str) -> CaseChart:
    """A chart of counts per category, hidden ones named on the chart and under it."""
    if frame.empty:
        return CaseChart(title, name, definition)
    shown = pd.DataFrame({category: frame[key].astype(str),
                          "Records": [HIDDEN if pd.isna(v) else f"{int(v):,}" for v in frame["records"]]})
    hidden = shown.loc[shown["Records"] == HIDDEN, category].tolist()
    said = ((f"Hidden ({len(hidden)}): {and_(hidden)}: fewer than {DEFAULT_THRESHOLD} records each, or hidden as "
             "well so that a total does not give one away.",) if hidden else ())
    spec = counts_spec(frame.assign(**{key: shown[category]}), key, "records", "Records", category, kind, title)
    what = PLURALS.get(category, category.lower() + "s") if kind != "line" else "months"
    return CaseChart(title, name, definition, spec, shown,
                     describe(title, shown, category, "Records", what, ranked=kind == "bar", extra=said), said, frame)
