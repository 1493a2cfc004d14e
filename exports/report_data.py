"""The report's data section: the dashboard's key charts and tables, with their sources and editions.

Charts are the dashboard's own Altair specifications drawn by vl-convert (Vega in an embedded engine,
offline: external data URLs are refused) as vector SVG for the PDF and PNG for the DOCX. Counts from
1 to the threshold are hidden before anything is drawn: charts leave them out, tables say
"fewer than N", and a rate that would give one away is left out too.

Only figures for periods that start before the data cut-off are used; a year missing from a series
stays on the axis with the line broken, and is named in a note; each figure's own note is kept, under
the chart or table it affects; sources are named by their publisher; every heading is in words.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import altair as alt
import pandas as pd
from markupsafe import escape
import vl_convert

from base.i18n import N_, TranslatedTexts, _, day, ngettext, percent
from dashboard.areas import areas_to_show, country_name, no_figures, of_country, profile_of
from dashboard.charts import ABOUT, funnel_chart, rates_chart, strand_trend_chart
from dashboard.disclosure import DEFAULT_THRESHOLD, hide_small, shown_count, small
from dashboard.evidence import UNITS, with_unit
from dashboard.examples import EXAMPLE_FILES
from dashboard.funnels import funnels_for
from dashboard.indicators import (
    cso_vs_police, funnel, latest_edition, rates_per_100k, reporting_gap, strand_trend, with_reach,
)
from dashboard.periods import in_order, in_words, missing_periods, period_start, starts_before
from dashboard.sources import source_label
from dashboard.labels import strand_label
from dashboard.tables import (
    UNIT_WORDS, Column, chart_alt, funnel_columns, gap_columns, gap_notes, versus_columns, with_numbers, word,
)
from exports.citations import readable_date

if TYPE_CHECKING:
    from scoring.measures import MeasureNow

VEGA_LITE = alt.SCHEMA_VERSION.lstrip("v").rsplit(".", 1)[0]  # "6.4": the version Altair writes
WIDTH = 520  # px at 96 dpi: the plot and its labels fit the text width of an A4 page (657 px)
FONT = "DejaVu Sans"  # the report's font, so Vega measures labels as they will print


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
    notes: tuple[str, ...] = ()  # printed under the chart and table: missing years, the sources' own notes

    def svg(self) -> str:
        """The chart as vector SVG (text stays text), drawn offline."""
        return vl_convert.vegalite_to_svg(self.chart, vl_version=VEGA_LITE, allowed_base_urls=[])

    @property
    def alt(self) -> str:
        """The chart's text alternative (its table, where it has one, is its long description)."""
        return chart_alt(self.title, _("the table below") if self.rows else None)

    def described_svg(self) -> str:
        """The SVG as an image named by `alt`: its aria-label and its <title> (a tagged PDF's Alt text)."""
        alt = escape(self.alt)
        svg = self.svg().replace("<svg", f'<svg role="img" aria-label="{alt}"', 1)
        start = svg.index(">", svg.index("<svg")) + 1
        return f"{svg[:start]}<title>{alt}</title>{svg[start:]}"

    def png(self) -> bytes:
        """The chart as PNG at twice screen resolution (for the DOCX)."""
        return vl_convert.vegalite_to_png(self.chart, vl_version=VEGA_LITE, scale=2, allowed_base_urls=[])


@dataclass(frozen=True)
class DataSection:
    """The blocks, the publications they draw on, and how many counts were hidden."""

    area: str
    blocks: tuple[DataBlock, ...]
    sources: tuple[tuple[str, str, str, str], ...]  # publisher, publication (edition), periods, how imported
    hidden: int
    threshold: int
    note: str = ""  # said instead, when the country has no figures
    cutoff: str | None = None  # figures for periods that start before this date (YYYY, YYYY-MM, YYYY-MM-DD)

    @property
    def intro(self) -> str:
        """The paragraph that opens the section, in the report and in the DOCX."""
        published = (_("Figures published for periods up to {cutoff} (periods that start before {day}) on hate "
                       "crime in {area} and beside it, as the dashboard shows them.").format(
                         cutoff=readable_date(self.cutoff), day=in_words(self.cutoff), area=self.area)
                     if self.cutoff else
                     _("Figures published on hate crime in {area} and beside it, as the dashboard shows them.").format(
                         area=self.area))
        hidden = (ngettext("Counts from 1 to {n} are not shown ({hidden} hidden here).",
                           "Counts from 1 to {n} are not shown ({hidden} hidden here).", self.hidden)
                  if self.hidden else _("Counts from 1 to {n} are not shown."))
        revised = _("Where a figure was revised, the latest edition is used; each chart names the publications it "
                    "draws on.")
        return " ".join((published, revised, hidden.format(n=self.threshold - 1, hidden=self.hidden)))


SOURCE_HEADINGS = TranslatedTexts(N_("Published by"), N_("Publication (edition)"), N_("Periods"), N_("Imported"))
MEASURE_HEADINGS = TranslatedTexts(N_("Measure"), N_("Baseline"), N_("Now"), N_("Target"),
                                   N_("Progress to target"), N_("Source"))
MEASURE_NOTE = N_("Progress to target: how far the value has moved from the baseline towards the target (0% at "
                  "the baseline, 100% at the target; it can pass 100% or fall below 0%).")  # read with _()


def _spec(chart: alt.Chart | None) -> dict | None:
    return None if chart is None else chart.configure(font=FONT).configure_axis(labelLimit=0).to_dict()


def _block(key: str, frame: pd.DataFrame, columns: list[Column], chart: alt.Chart | None,
           publications: pd.Series, title: str | None = None, text: tuple[str, ...] = (),
           notes: Iterable[str] = ()) -> DataBlock:
    """A block; the columns named in `text` are words, the others figures (right-aligned)."""
    names, headings, formats = zip(*columns) if columns else ((), (), ())
    return DataBlock(title or ABOUT[key].title, ABOUT[key].definition, _spec(chart), tuple(headings),
                     tuple(tuple(fmt(v) for fmt, v in zip(formats, row))
                           for row in frame[list(names)].itertuples(index=False)) if columns else (),
                     tuple(sorted({p for p in publications.dropna().astype(str) if p})),
                     tuple(c not in text for c in names), tuple(notes))


def source_notes(frame: pd.DataFrame, note: str = "note", label: str | None = None,
                 always: bool = False) -> list[str]:
    """The sources' own notes on the figures shown, each once with the periods (and, where it does not
    apply to all of a period's rows or `always`, the `label`s) it is about: 'Note (2020/21; 2022/23: Race): …'."""
    if note not in frame.columns:
        return []
    rows = frame[frame[note].fillna("").astype(str).str.strip() != ""]
    out = []
    for text, group in rows.groupby(rows[note].astype(str).str.strip(), sort=False):
        where = []
        for period in in_order(group["period"]):
            if label is None:
                where.append(str(period))
                continue
            named = list(dict.fromkeys(group.loc[group["period"] == period, label].astype(str)))
            every = set(frame.loc[frame["period"] == period, label].astype(str))
            where.append(str(period) if set(named) >= every and not always else f"{period}: {', '.join(named)}")
        out.append(_("Note ({periods}): {text}").format(periods="; ".join(where), text=text)
                   + ("" if text.endswith(".") else "."))
    return out


def before_cutoff(figures: pd.DataFrame, cutoff: str | None) -> pd.DataFrame:
    """The figures for periods that start before the cut-off, each edition ranked on all of them first
    (`with_reach`), so that the cut-off does not change which edition of a figure is the latest."""
    ranked = figures if "reach" in figures.columns else with_reach(figures)
    return ranked[starts_before(ranked["period"], cutoff)]


IMPLAUSIBLE_PCT = 1000  # a stage more than ten times the one before is named as most likely another count


def _beyond_100(steps: pd.DataFrame) -> list[str]:
    """Why a stage can be more than 100% of the one before: said for each stage that is."""
    out, before = [], None
    for r in steps.itertuples():
        if pd.notna(r.count) and before is not None and pd.notna(r.pct_of_previous) and r.pct_of_previous > 100:
            said = [_("Why a stage can pass 100%: {stage} is {share} of {before}.").format(
                stage=word(r.stage), share=percent(r.pct_of_previous / 100), before=word(before.stage)),
                (_("Each source counts its own units in its own year (here {unit} against {before_unit}), and a "
                   "case counted at one stage in one year can reach the next stage in a later year, so the stages "
                   "are not one group of cases followed through.") if r.unit != before.unit else
                 _("Each source counts its own units in its own year, and a case counted at one stage in one year "
                   "can reach the next stage in a later year, so the stages are not one group of cases followed "
                   "through.")).format(unit=UNIT_WORDS.get(r.unit, r.unit),
                                       before_unit=UNIT_WORDS.get(before.unit, before.unit))]
            if r.pct_of_previous > IMPLAUSIBLE_PCT:
                said.append(_("But {stage} is more than ten times {before}: it most likely counts something else "
                              "(all cases of its kind, not only hate crimes, or another unit); ask its publisher "
                              "before citing it.").format(stage=word(r.stage), before=word(before.stage)))
            out.append(" ".join(said))
        before = r if pd.notna(r.count) else before
    return out


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
                 threshold: int = DEFAULT_THRESHOLD, model: Any = None, cutoff: str | None = None) -> DataSection | None:
    """The key charts and tables for the report from tidy figures (None when there are none), for
    `area`, else the one that `main_area` finds for the country.

    Given a country `model` (or profile), only the figures of its areas are used (`dashboard.areas`),
    its first `statistics_areas` with figures is the area, and with none the section says so (`note`).
    Given a `cutoff` (YYYY, YYYY-MM or YYYY-MM-DD), only figures for periods that start before it are used.
    """
    if profile_of(model) is not None:
        figures = of_country(figures, model)
        if figures.empty:
            return DataSection(country_name(model), (), (), 0, threshold, no_figures(model), cutoff)
        shown = areas_to_show(model, figures)
        area = area or (shown[0] if shown else main_area(figures, country))
    elif figures.empty:
        return None
    else:
        shown = tuple(dict.fromkeys(figures["area"]))
    area = area or main_area(figures, country)
    figures = before_cutoff(with_reach(figures), cutoff)  # editions ranked on everything given
    def too_early() -> DataSection:
        return DataSection(area, (), (), 0, threshold, _("No figures have been published for periods that start "
                           "before {day}, the data cut-off of this report.").format(day=in_words(cutoff or "")),
                           cutoff)

    if figures.empty:
        return too_early()
    def count(value: object) -> str:  # as published, or "fewer than N"
        return "–" if pd.isna(value) else shown_count(round(float(value)), threshold)

    blocks: list[DataBlock] = []
    hidden = 0

    trend = strand_trend(figures, area=area)
    totals = trend[trend["strand"] == "all"]
    trend = trend[trend["strand"] != "all"].assign(strand=lambda d: d["strand"].map(strand_label))
    if not trend.empty:
        hidden += int(small(trend["value"], threshold).sum())
        names = sorted(set(trend["strand"]))
        value = {(r.period, r.strand): r.value for r in trend.itertuples()}
        periods = in_order([*trend["period"], *(p for s in names for p in missing_periods(
            trend.loc[trend["strand"] == s, "period"]))])
        chart = strand_trend_chart(trend.assign(value=hide_small(trend["value"], threshold)))
        blocks.append(DataBlock(
            f"{ABOUT['police-by-strand'].title}, {area}", ABOUT["police-by-strand"].definition,
            _spec(chart.properties(width=WIDTH - 60, height=260)),
            (_("Year"), *(_("{strand} (offences)").format(strand=n) for n in names)),
            tuple((str(p), *(count(value.get((p, n))) for n in names)) for p in periods),
            tuple(sorted(set(trend["publication"]))), (False, *(True,) * len(names)),
            (*gap_notes(trend, totals), *source_notes(trend, label="strand"))))

    for series in funnels_for(shown):
        steps = funnel(figures, series)
        if steps.empty:
            continue
        latest = steps[steps["period"] == max(steps["period"], key=period_start)]
        hidden += int(small(latest["count"], threshold).sum())
        chart = funnel_chart(latest.assign(count=hide_small(latest["count"], threshold))).properties(width=WIDTH - 170)
        blocks.append(_block("funnel", with_numbers(latest), funnel_columns(count), chart, latest["publication"],
            f"{ABOUT['funnel'].title}: {series.name}, {latest['period'].iloc[0]}", text=("stage", "how"),
            notes=(*_beyond_100(latest),
                   *source_notes(latest.assign(stage=latest["stage"].map(word)), label="stage"))))

    gap = reporting_gap(figures, area=area).sort_values("period")
    if not gap.empty:
        blocks.append(_block("reporting-gap", gap, gap_columns(count), None, gap["survey_publication"], f"{ABOUT['reporting-gap'].title}, {area}", text=("period",),
            notes=(*source_notes(gap, note="survey_note"), *(
                [_("Police-recorded mean “–”: the figures used do not give the police-recorded total for every "
                   "year of those survey years.")] if gap["police_recorded_mean"].isna().any() else []))))

    rates = rates_per_100k(figures)
    rates = rates[rates["strand"] == "all"]
    if not rates.empty:
        year = rates[rates["period"] == max(rates["period"], key=period_start)]
        few = small(year["count"], threshold)
        hidden += int(few.sum())
        shown = year[~few]  # the rate of a small count would give the count away
        chart = rates_chart(shown).properties(width=WIDTH - 200, height=alt.Step(11))
        notes = source_notes(figures[figures["publication"].isin(set(year["publication"]))
                                     & figures["period"].isin(set(year["period"])) & figures["area"].isin(set(shown["area"]))
                                     & figures["measure"].isin({"recorded_offences", "population"})
                                     & (figures["strand"] == "all")], label="area")
        blocks.append(_block("rates", shown, [], chart, year["publication"],
                             f"{ABOUT['rates'].title}, {year['period'].iloc[0]}", notes=notes))

    versus = cso_vs_police(figures, police_area=area)
    if not versus.empty:
        few = small(versus["cso_incidents"], threshold)
        hidden += int(few.sum())
        versus = versus.assign(cso_per_100_police=versus["cso_per_100_police"].mask(few),
                               organisation=versus["organisation"].map(lambda o: source_label(f"cso:{o}", area)))
        blocks.append(_block("cso-vs-police", versus, versus_columns(area, count, strand_label), None, latest_edition(figures[figures["source"].str.startswith("cso:")])["publication"],
            text=("organisation", "strand", "period", "cso_area"),
            notes=source_notes(versus.assign(who=versus["organisation"] + ", "
                                             + versus["strand"].map(strand_label)),
                               label="who", always=True)))

    if not blocks and cutoff:
        return too_early()
    used = {p for b in blocks for p in b.publications}
    return DataSection(area, tuple(blocks), _sources(figures[figures["publication"].isin(used)], area), hidden,
                       threshold, cutoff=cutoff)


def how_imported(group: pd.DataFrame) -> str:
    """How a publication's figures came here, in words (never a file name)."""
    examples = {p.name for p in EXAMPLE_FILES}
    known = [c for c in ("imported_from", "imported_at", "imported_by") if c in group.columns]
    if not known:
        return _("a file given for this report")
    said = []
    for r in group.drop_duplicates(known).itertuples():
        who, when = getattr(r, "imported_by", None), getattr(r, "imported_at", None)
        who = None if who is None or pd.isna(who) or not str(who).strip() else str(who)
        when = None if when is None or pd.isna(when) else pd.Timestamp(when)
        if who == "bundled example" or (who is None and when is None and getattr(r, "imported_from", "") in examples):
            said.append(_("bundled example data"))
        elif who is None and when is None:
            said.append(_("a file given for this report"))
        else:
            said.append(_imported(who, when))
    return "; ".join(dict.fromkeys(said))


def _imported(who: str | None, when: pd.Timestamp | None) -> str:
    """'imported by Ada on 1 March 2024', with whichever of the two is known."""
    on = day(when.date()) if when is not None else None
    if who and on:
        return _("imported by {person} on {date}").format(person=who, date=on)
    return _("imported by {person}").format(person=who) if who else _("imported on {date}").format(date=on)


def _sources(figures: pd.DataFrame, area: str) -> tuple[tuple[str, str, str, str], ...]:
    """Each publication used: its publisher, edition, the periods its figures cover, and how it came here."""
    rows = []
    for (source, publication), group in figures.groupby(["source", "publication"]):
        periods = in_order(group["period"])
        span = ("; ".join(periods) if len(periods) <= 2
                else _("{first} to {last}").format(first=periods[0], last=periods[-1]))
        rows.append((source_label(str(source), area), str(publication), span, how_imported(group)))
    return tuple(sorted(rows))


def measure_rows(values: Iterable[MeasureNow]) -> tuple[tuple[str, ...], ...]:
    """The measures of success as the reports print them (`MEASURE_HEADINGS`): each value with its unit once."""
    def point(value: float, period: str, unit: str) -> str:
        return f"{with_unit(value, unit)} ({period})"

    rows = []
    for v in values:
        m, now, unit = v.measure, v.current, UNITS.get(v.measure.indicator, "")
        rows.append((m.label,
                     point(m.baseline.value, m.baseline.period, unit) if m.baseline else _("to be established"),
                     (point(now.number, now.period, unit) if now.number is not None else f"{now.value} ({now.period})")
                     if now else _("no figures"),
                     point(m.target.value, m.target.period, unit) if m.target else "",
                     percent(v.to_target / 100, 0) if v.to_target is not None else "",
                     now.publication if now else ""))
    return tuple(rows)
