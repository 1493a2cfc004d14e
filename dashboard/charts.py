"""The dashboard's charts as Altair specifications, shared by the app and the PDF report.

Every chart reads in greyscale: series differ by line dash as well as colour, and
bars are one dark colour. Titles and definitions live here too, so the app and the report say the same.
"""

from __future__ import annotations

from dataclasses import dataclass

import altair as alt
import pandas as pd

from dashboard.periods import in_order, with_gaps

BAR = "#3b5b8c"  # dark enough to print as a mid grey


@dataclass(frozen=True)
class About:
    """A chart's title and the definition printed under it."""

    title: str
    definition: str


ABOUT = {
    "police-by-strand": About(
        "Police-recorded hate crime by strand",
        "Offences recorded by police, by the monitored strand flagged. One offence can carry several strands, "
        "so strands add up to more than the offences."),
    "funnel": About(
        "Attrition through the justice system",
        "Each stage as counted by its source in that year; percentages are of the stage before and of the "
        "first stage. Stages published only as rates are derived and marked in the data. Sources count "
        "different cases in different years, so a stage can exceed the one before."),
    "reporting-gap": About(
        "Reporting gap",
        "Crime Survey estimates of hate incidents a year against the mean of police-recorded offences over "
        "the same years; the recorded share is police-recorded as a percentage of the estimate."),
    "rates": About(
        "Rates per 100,000 people by police force",
        "Hate crime offences recorded by each force divided by its population, times 100,000. Forces "
        "without a published population are left out."),
    "cso-vs-police": About(
        "CSO-recorded against police-recorded",
        "Incidents a civil society organisation recorded beside the offences police recorded for the "
        "monitored strand it falls within, in the year the period starts. Areas differ (see the columns): "
        "compare trends and orders of magnitude, not totals."),
}


def strand_trend_chart(frame: pd.DataFrame) -> alt.Chart:
    """Lines per strand over the years (`period`, `strand` label, `value`, `publication`).

    A year missing from a strand's series (between its first and last) stays on the axis and breaks
    the line there (a row with no value), rather than the line bridging it."""
    frame = with_gaps(frame, "strand") if not frame.empty else frame
    frame = frame.assign(value=pd.to_numeric(frame["value"]).astype(float))  # NaN: null in the JSON, a break
    frame = frame.assign(run=runs(frame, "strand", "value"))  # each unbroken stretch its own line
    periods = in_order(frame["period"]) if not frame.empty else []
    legend = alt.Legend(orient="bottom", columns=3, title="Strand", symbolType="stroke", symbolSize=500,
                        symbolStrokeWidth=2.5, labelLimit=0)  # one legend: colour and dash together
    return alt.Chart(frame).mark_line(point=alt.OverlayMarkDef(size=30, filled=True), strokeWidth=2).encode(
        x=alt.X("period:O", title="Financial year", scale=alt.Scale(domain=periods) if periods else alt.Undefined),
        y=alt.Y("value:Q", title="Offences recorded"),
        color=alt.Color("strand:N", legend=legend, scale=alt.Scale(scheme="dark2")),
        strokeDash=alt.StrokeDash("strand:N", legend=legend), detail="run:N",
        tooltip=["period", "strand", alt.Tooltip("value:Q", format=","), "publication"])


def runs(frame: pd.DataFrame, by: str | None, value: str) -> list[str]:
    """Each row's stretch of its series (`by` group, in the frame's order): a new one after every row
    without a value, so a line drawn per stretch breaks at a gap in any Vega-Lite version."""
    keys = frame[by].astype(str) if by else pd.Series("", index=frame.index)
    breaks = frame[value].isna().astype(int).groupby(keys, sort=False).cumsum()
    return [f"{k} {n}" for k, n in zip(keys, breaks)]


HIDDEN = "hidden"  # what a hidden count reads on the chart


def counts_spec(frame: pd.DataFrame, category: str, value: str, value_title: str, category_title: str,
                kind: str = "bar", description: str = "") -> dict:
    """A Vega-Lite specification (a dict, its data a named dataset) of counts per category, every category on the
    axis in the frame's order; a hidden count (no value) reads HIDDEN where its bar or point would be.
    `kind`: 'bar' (horizontal), 'column' or 'line' (broken at hidden values).

    Written as a dict, not through Altair: the dashboard draws a dozen of these on every filter change,
    and Altair's schema validation took most of that run's time."""
    values = pd.to_numeric(frame[value]).astype(float)
    categories = [str(c) for c in frame[category]]
    shown = [HIDDEN if pd.isna(v) else f"{v:,.0f}" for v in values]
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
    """One bar per stage of the funnel, in the funnel's order (`stage`, `count`)."""
    return alt.Chart(frame).mark_bar(color=BAR).encode(
        y=alt.Y("stage:N", sort=None, title=None, axis=alt.Axis(labelLimit=260)), x=alt.X("count:Q", title="Number at each stage"),
        tooltip=["stage", alt.Tooltip("count:Q", format=","), "pct_of_previous", "pct_of_first", "how"])


def bar_chart(frame: pd.DataFrame, category: str, value: str, value_title: str, sort: str | None = "-x",
              tooltip: list[str | alt.Tooltip] | None = None) -> alt.Chart:
    """Horizontal bars of `value` per `category`, largest first unless `sort` says otherwise."""
    return alt.Chart(frame).mark_bar(color=BAR).encode(
        y=alt.Y(f"{category}:N", sort=sort, title=None, axis=alt.Axis(labelLimit=260)),
        x=alt.X(f"{value}:Q", title=value_title), tooltip=tooltip or [category, value])


def rates_chart(frame: pd.DataFrame) -> alt.Chart:
    """Offences per 100,000 people per area, highest first (`area`, `per_100k`, `count`, `population`)."""
    return bar_chart(frame, "area", "per_100k", "Offences per 100,000 people", tooltip=[
        "area", "per_100k", alt.Tooltip("count:Q", format=","), alt.Tooltip("population:Q", format=",")])
