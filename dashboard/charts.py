"""The dashboard's charts as Altair specifications, shared by the app and the PDF report.

Every chart reads in greyscale: series differ by line dash as well as colour, and
bars are one dark colour. Titles and definitions live here too, so the app and the report say the same.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass

import altair as alt
import pandas as pd

from base.i18n import N_, _, locale, number
from dashboard.periods import in_order, with_gaps

BAR = "#3b5b8c"  # dark enough to print as a mid grey


@dataclass(frozen=True)
class About:
    """A chart's title and the definition printed under it."""

    title: str
    definition: str


class _Abouts(Mapping[str, About]):
    """Each chart's title and definition (written in English, marked with `N_()`), read in the current
    language."""

    def __init__(self, abouts: Mapping[str, About]) -> None:
        self._abouts = dict(abouts)

    def __getitem__(self, key: str) -> About:
        about = self._abouts[key]
        return About(_(about.title), _(about.definition))

    def __iter__(self) -> Iterator[str]:
        return iter(self._abouts)

    def __len__(self) -> int:
        return len(self._abouts)


ABOUT = _Abouts({
    "police-by-strand": About(
        N_("Police-recorded hate crime by strand"),
        N_("Offences recorded by police, by the monitored strand flagged. One offence can carry several strands, "
           "so strands add up to more than the offences.")),
    "funnel": About(
        N_("Attrition through the justice system"),
        N_("Each stage as counted by its source in that year; percentages are of the stage before and of the "
           "first stage. Stages published only as rates are derived and marked in the data. Sources count "
           "different cases in different years, so a stage can exceed the one before.")),
    "reporting-gap": About(
        N_("Reporting gap"),
        N_("Crime Survey estimates of hate incidents a year against the mean of police-recorded offences over "
           "the same years; the recorded share is police-recorded as a percentage of the estimate.")),
    "rates": About(
        N_("Rates per 100,000 people by police force"),
        N_("Hate crime offences recorded by each force divided by its population, times 100,000. Forces "
           "without a published population are left out.")),
    "cso-vs-police": About(
        N_("CSO-recorded against police-recorded"),
        N_("Incidents a civil society organisation recorded beside the offences police recorded for the "
           "monitored strand it falls within, in the year the period starts. Areas differ (see the columns): "
           "compare trends and orders of magnitude, not totals.")),
})


def number_locale() -> dict[str, object]:
    """How charts write numbers in the current language (a Vega-Lite `config.locale`): 1,869 / 1.869 / 1 869."""
    symbols = locale().number_symbols["latn"]
    return {"number": {"decimal": symbols["decimal"], "thousands": symbols["group"], "grouping": [3],
                       "currency": ["", ""]}}


def localised(spec: dict) -> dict:  # type: ignore[type-arg]
    """A Vega-Lite specification that writes its axes' and tooltips' numbers the current language's way."""
    return {**spec, "config": {**spec.get("config", {}), "locale": number_locale()}}


TREND_HEIGHT = 480  # the whole chart's height on a page: the plot, its rotated years and its legend


def strand_trend_chart(frame: pd.DataFrame) -> alt.Chart:
    """Lines per strand over the years (`period`, `strand` label, `value`, `publication`).

    A year missing from a strand's series (between its first and last) stays on the axis and breaks
    the line there (a row with no value), rather than the line bridging it."""
    frame = with_gaps(frame, "strand") if not frame.empty else frame
    frame = frame.assign(value=pd.to_numeric(frame["value"]).astype(float))  # NaN: null in the JSON, a break
    frame = frame.assign(run=runs(frame, "strand", "value"))  # each unbroken stretch its own line
    periods = in_order(frame["period"]) if not frame.empty else []
    legend = alt.Legend(orient="bottom", columns=3, title=_("Strand"), symbolType="stroke", symbolSize=500,
                        symbolStrokeWidth=2.5, labelLimit=0)  # one legend: colour and dash together
    year, recorded = _("Financial year"), _("Offences recorded")
    return alt.Chart(frame).mark_line(point=alt.OverlayMarkDef(size=30, filled=True), strokeWidth=2).encode(
        x=alt.X("period:O", title=year, scale=alt.Scale(domain=periods) if periods else alt.Undefined),
        y=alt.Y("value:Q", title=recorded),
        color=alt.Color("strand:N", legend=legend, scale=alt.Scale(scheme="dark2")),
        strokeDash=alt.StrokeDash("strand:N", legend=legend), detail="run:N",
        tooltip=[alt.Tooltip("period:O", title=year), alt.Tooltip("strand:N", title=_("Strand")),
                 alt.Tooltip("value:Q", format=",", title=recorded),
                 alt.Tooltip("publication:N", title=_("Publication"))])


def runs(frame: pd.DataFrame, by: str | None, value: str) -> list[str]:
    """Each row's stretch of its series (`by` group, in the frame's order): a new one after every row
    without a value, so a line drawn per stretch breaks at a gap in any Vega-Lite version."""
    keys = frame[by].astype(str) if by else pd.Series("", index=frame.index)
    breaks = frame[value].isna().astype(int).groupby(keys, sort=False).cumsum()
    return [f"{k} {n}" for k, n in zip(keys, breaks)]


HIDDEN = N_("hidden")  # what a hidden count reads on the chart (read with _())


def counts_spec(frame: pd.DataFrame, category: str, value: str, value_title: str, category_title: str,
                kind: str = "bar", description: str = "") -> dict:
    """A Vega-Lite specification (a dict, its data a named dataset) of counts per category, every category on the
    axis in the frame's order; a hidden count (no value) reads HIDDEN (in the current language) where its bar or
    point would be.
    `kind`: 'bar' (horizontal), 'column' or 'line' (broken at hidden values).

    Written as a dict, not through Altair: the dashboard draws a dozen of these on every filter change,
    and Altair's schema validation took most of that run's time."""
    values = pd.to_numeric(frame[value]).astype(float)
    categories = [str(c) for c in frame[category]]
    shown = [_(HIDDEN) if pd.isna(v) else number(v, 0) for v in values]
    rows = [{category: c, value: None if pd.isna(v) else float(v), "shown": t, "run": r}
            for c, v, t, r in zip(categories, values, shown, runs(frame.assign(**{value: values}), None, value))]
    along, across = ("y", "x") if kind == "bar" else ("x", "y")
    axis = {"labelLimit": 260} if kind == "bar" else {"labelAngle": 0 if kind == "column" else -45}
    where = {"field": category, "type": "nominal", "sort": None, "title": None, "axis": axis,
             "scale": {"domain": categories}}
    tooltip = [{"field": category, "type": "nominal", "title": category_title},
               {"field": "shown", "type": "nominal", "title": value_title}]
    if kind == "line":
        marks = {"mark": {"type": "line", "point": True, "color": BAR},
                 "encoding": {along: where, across: {"field": value, "type": "quantitative", "title": value_title},
                              "detail": {"field": "run", "type": "nominal"}, "tooltip": tooltip}}
    else:
        marks = {"mark": {"type": "bar", "color": BAR},
                 "encoding": {along: where, across: {"field": value, "type": "quantitative", "title": value_title},
                              "tooltip": tooltip}}
    text = {"type": "text", "align": "left", "dx": 3, "color": "#333333", "fontSize": 10,
            **({} if kind == "bar" else {"angle": 270})}
    hidden = {"transform": [{"filter": f"!isValid(datum['{value}'])"}], "mark": text,
              "encoding": {along: where, across: {"datum": 0, "type": "quantitative"},
                           "text": {"field": "shown", "type": "nominal"}, "tooltip": tooltip}}
    return {"$schema": alt.SCHEMA_URL, "description": description or value_title,
            "data": {"name": "counts"}, "datasets": {"counts": pd.DataFrame(rows)}, "layer": [marks, hidden]}


def funnel_chart(frame: pd.DataFrame) -> alt.Chart:
    """One bar per stage of the funnel, in the funnel's order (`stage`, `count`); the stages (words of
    dashboard/funnels.yaml) in the current language."""
    frame = frame.assign(stage=frame["stage"].map(lambda s: _(str(s))))
    return alt.Chart(frame).mark_bar(color=BAR).encode(
        y=alt.Y("stage:N", sort=None, title=None, axis=alt.Axis(labelLimit=260)),
        x=alt.X("count:Q", title=_("Number at each stage")),
        tooltip=[alt.Tooltip("stage:N", title=_("Stage")), alt.Tooltip("count:Q", format=",", title=_("Number")),
                 alt.Tooltip("pct_of_previous:Q", format=".1f", title=_("% of the stage before")),
                 alt.Tooltip("pct_of_first:Q", format=".1f", title=_("% of the first stage")),
                 alt.Tooltip("how:N", title=_("How counted"))])


def bar_chart(frame: pd.DataFrame, category: str, value: str, value_title: str, sort: str | None = "-x",
              tooltip: list[str | alt.Tooltip] | None = None) -> alt.Chart:
    """Horizontal bars of `value` per `category`, largest first unless `sort` says otherwise."""
    return alt.Chart(frame).mark_bar(color=BAR).encode(
        y=alt.Y(f"{category}:N", sort=sort, title=None, axis=alt.Axis(labelLimit=260)),
        x=alt.X(f"{value}:Q", title=value_title), tooltip=tooltip or [category, value])


def rates_chart(frame: pd.DataFrame) -> alt.Chart:
    """Offences per 100,000 people per area, highest first (`area`, `per_100k`, `count`, `population`)."""
    rate = _("Offences per 100,000 people")
    return bar_chart(frame, "area", "per_100k", rate, tooltip=[
        alt.Tooltip("area:N", title=_("Police force")), alt.Tooltip("per_100k:Q", format=",.1f", title=rate),
        alt.Tooltip("count:Q", format=",", title=_("Offences recorded")),
        alt.Tooltip("population:Q", format=",", title=_("Population (people)"))])
