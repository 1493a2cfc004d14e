"""The report's data section: the dashboard's key charts and tables, with their sources and editions.

Charts are the dashboard's own Altair specifications drawn by vl-convert (Vega in an embedded engine,
offline: external data URLs are refused) as vector SVG for the PDF and PNG for the DOCX. Counts from
1 to the threshold are hidden before anything is drawn: charts leave them out, tables say
"fewer than N", and a rate that would give one away is left out too.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import altair as alt
import pandas as pd
import vl_convert

from dashboard.areas import areas_to_show, country_name, no_figures, of_country, profile_of
from dashboard.charts import ABOUT, funnel_chart, rates_chart, strand_trend_chart
from dashboard.disclosure import DEFAULT_THRESHOLD, hide_small, shown_count, small
from dashboard.funnels import funnels_for
from dashboard.indicators import (
    cso_vs_police, funnel, latest_edition, rates_per_100k, reporting_gap, strand_trend, with_reach,
)
from dashboard.vocabulary import strands

VEGA_LITE = alt.SCHEMA_VERSION.lstrip("v").rsplit(".", 1)[0]  # "6.4": the version Altair writes
WIDTH = 520  # px at 96 dpi: the plot and its labels fit the text width of an A4 page (657 px)
FONT = "DejaVu Sans"  # the report's font, so Vega measures labels as they will print
Column = tuple[str, str, Callable[[object], str]]  # frame column, heading, formatter


def _pct(value: object) -> str:
    return "–" if pd.isna(value) else f"{value:.1f}%"


def _text(value: object) -> str:
    return "" if pd.isna(value) else str(value)


@dataclass(frozen=True)
class DataBlock:
    """One chart and/or table of the data section, what it means, and the publications it draws on."""

    title: str
    definition: str
    chart: dict | None  # a Vega-Lite specification with its data inlined
    headings: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]  # formatted for print; hidden counts read "fewer than N"
    publications: tuple[str, ...]
    numeric: tuple[bool, ...] = ()  # per column: right-aligned figures

    def svg(self) -> str:
        """The chart as vector SVG (text stays text), drawn offline."""
        return vl_convert.vegalite_to_svg(self.chart, vl_version=VEGA_LITE, allowed_base_urls=[])

    def png(self) -> bytes:
        """The chart as PNG at twice screen resolution (for the DOCX)."""
        return vl_convert.vegalite_to_png(self.chart, vl_version=VEGA_LITE, scale=2, allowed_base_urls=[])


@dataclass(frozen=True)
class DataSection:
    """The blocks, the publications they draw on, and how many counts were hidden."""

    area: str
    blocks: tuple[DataBlock, ...]
    sources: tuple[tuple[str, str, str, str], ...]  # source, publication (edition), periods, imported from
    hidden: int
    threshold: int
    note: str = ""  # said instead, when the country has no figures


def _spec(chart: alt.Chart | None) -> dict | None:
    return None if chart is None else chart.configure(font=FONT).configure_axis(labelLimit=0).to_dict()


def _block(key: str, frame: pd.DataFrame, columns: list[Column], chart: alt.Chart | None,
           publications: pd.Series, title: str | None = None, text: tuple[str, ...] = ()) -> DataBlock:
    """A block; the columns named in `text` are words, the others figures (right-aligned)."""
    return DataBlock(title or ABOUT[key].title, ABOUT[key].definition, _spec(chart), tuple(h for _, h, _ in columns),
                     tuple(tuple(fmt(v) for (_, _, fmt), v in zip(columns, row))
                           for row in frame[[c for c, _, _ in columns]].itertuples(index=False)) if columns else (),
                     tuple(sorted({p for p in publications.dropna().astype(str) if p})),
                     tuple(c not in text for c, _, _ in columns))


def main_area(figures: pd.DataFrame, country: str = "") -> str:
    """The area the country's own figures are for: the one named like `country` ('&' read as 'and'),
    else the one with police-recorded figures for the most years (then the most figures)."""
    def key(name: str) -> str:
        return " ".join(name.replace("&", " and ").lower().split())

    areas = list(dict.fromkeys(figures["area"]))
    named = [a for a in areas if key(a) == key(country)]
    if named:
        return named[0]
    police = figures[(figures["source"] == "police") & (figures["measure"] == "recorded_offences")]
    ranked = (police if not police.empty else figures).groupby("area")["period"].agg(["nunique", "size"])
    return str(ranked.sort_values(["nunique", "size"], ascending=False).index[0])


def data_section(figures: pd.DataFrame, area: str | None = None, country: str = "",
                 threshold: int = DEFAULT_THRESHOLD, model: Any = None) -> DataSection | None:
    """The key charts and tables for the report from tidy figures (None when there are none), for
    `area`, else the one that `main_area` finds for the country.

    Given a country `model` (or profile), only the figures of its areas are used (`dashboard.areas`),
    its first `statistics_areas` with figures is the area, and with none the section says so (`note`).
    """
    if profile_of(model) is not None:
        figures = of_country(figures, model)
        if figures.empty:
            return DataSection(country_name(model), (), (), 0, threshold, no_figures(model))
        shown = areas_to_show(model, figures)
        area = area or (shown[0] if shown else main_area(figures, country))
    elif figures.empty:
        return None
    else:
        shown = tuple(dict.fromkeys(figures["area"]))
    figures = with_reach(figures)  # editions ranked on everything given
    area = area or main_area(figures, country)
    labels = {s.id: s.label for s in strands().values()}

    def count(value: object) -> str:  # as published, or "fewer than N"
        return "–" if pd.isna(value) else shown_count(round(float(value)), threshold)

    blocks: list[DataBlock] = []
    hidden = 0

    trend = strand_trend(figures, area=area)
    trend = trend[trend["strand"] != "all"].assign(strand=lambda d: d["strand"].map(labels).fillna(d["strand"]))
    if not trend.empty:
        hidden += int(small(trend["value"], threshold).sum())
        wide = trend.pivot_table(index="period", columns="strand", values="value", aggfunc="first", sort=True)
        chart = strand_trend_chart(trend.assign(value=hide_small(trend["value"], threshold)))
        blocks.append(DataBlock(
            f"{ABOUT['police-by-strand'].title}, {area}", ABOUT["police-by-strand"].definition,
            _spec(chart.properties(width=WIDTH - 60, height=260)), ("Year", *map(str, wide.columns)),
            tuple((str(p), *map(count, row)) for p, row in wide.iterrows()), tuple(sorted(set(trend["publication"]))),
            (False, *(True for _ in wide.columns))))

    for series in funnels_for(shown):
        steps = funnel(figures, series)
        if steps.empty:
            continue
        latest = steps[steps["period"] == steps["period"].max()]
        hidden += int(small(latest["count"], threshold).sum())
        chart = funnel_chart(latest.assign(count=hide_small(latest["count"], threshold))).properties(width=WIDTH - 170)
        blocks.append(_block("funnel", latest, [
            ("stage", "Stage", _text), ("count", "Count", count), ("pct_of_previous", "% of previous", _pct),
            ("pct_of_first", "% of first", _pct), ("how", "How", _text)], chart, latest["publication"],
            f"{ABOUT['funnel'].title}: {series.name}, {latest['period'].iloc[0]}", text=("stage", "how")))

    gap = reporting_gap(figures, area=area).sort_values("period")
    if not gap.empty:
        blocks.append(_block("reporting-gap", gap, [
            ("period", "Survey years", _text), ("survey_estimate", "Survey estimate a year", count),
            ("police_recorded_mean", "Police-recorded (mean)", count), ("recorded_share_pct", "Recorded share", _pct)],
            None, gap["survey_publication"], f"{ABOUT['reporting-gap'].title}, {area}", text=("period",)))

    rates = rates_per_100k(figures)
    rates = rates[rates["strand"] == "all"]
    if not rates.empty:
        year = rates[rates["period"] == rates["period"].max()]
        few = small(year["count"], threshold)
        hidden += int(few.sum())
        shown = year[~few]  # the rate of a small count would give the count away
        chart = rates_chart(shown).properties(width=WIDTH - 200, height=alt.Step(11))
        blocks.append(_block("rates", shown, [], chart, year["publication"],
                             f"{ABOUT['rates'].title}, {year['period'].iloc[0]}"))

    versus = cso_vs_police(figures, police_area=area)
    if not versus.empty:
        few = small(versus["cso_incidents"], threshold)
        hidden += int(few.sum())
        blocks.append(_block("cso-vs-police", versus.assign(cso_per_100_police=versus["cso_per_100_police"].mask(few)), [
            ("organisation", "Organisation", _text), ("strand", "Strand", lambda s: labels.get(str(s), str(s))),
            ("period", "Period", _text), ("cso_area", "CSO area", _text), ("cso_incidents", "CSO incidents", count),
            ("police_recorded", f"Police-recorded ({area})", count),
            ("cso_per_100_police", "CSO per 100 police", lambda v: "–" if pd.isna(v) else f"{v:.1f}")],
            None, latest_edition(figures[figures["source"].str.startswith("cso:")])["publication"],
            text=("organisation", "strand", "period", "cso_area")))

    used = {p for b in blocks for p in b.publications}
    return DataSection(area, tuple(blocks), _sources(figures[figures["publication"].isin(used)]), hidden, threshold)


def _sources(figures: pd.DataFrame) -> tuple[tuple[str, str, str, str], ...]:
    """Each publication used: its source, edition, the periods its figures cover, and the file imported."""
    imported = figures["imported_from"] if "imported_from" in figures.columns else pd.Series("", index=figures.index)
    rows = []
    for (source, publication), group in figures.assign(_from=imported).groupby(["source", "publication"]):
        periods = sorted(set(group["period"]))
        span = "; ".join(periods) if len(periods) <= 2 else f"{periods[0]} to {periods[-1]}"
        rows.append((str(source), str(publication), span,
                     ", ".join(sorted(set(group["_from"].dropna().astype(str)) - {""}))))
    return tuple(rows)
