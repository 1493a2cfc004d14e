"""Dashboard: official figures and case records beside the map, each chart with its definition, its text
alternative (a sentence and its figures as a table) and its data, in the reader's language. Each tab is a
fragment, so a filter change reruns only its own tab; the case views are cached per filter (and what holds
words, per language too)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import altair as alt
import duckdb
import pandas as pd
import streamlit as st

from base.i18n import N_, _, day, language, ngettext, number, percent, using
from dashboard.case_views import (
    CaseFilter, breakdown, chart_categories, connect, filter_views, points, public_filter, record_years,
)
from dashboard.case_charts import BREAKDOWN_CHARTS, CASE_CHARTS, CaseChart, case_charts
from dashboard.areas import areas_to_show, country_name, no_figures, of_country
from dashboard.charts import ABOUT, HIDDEN, TREND_HEIGHT, funnel_chart, localised, rates_chart, strand_trend_chart
from dashboard.checks import RULE_WORDS, check, start_year
from dashboard.disclosure import (
    DEFAULT_THRESHOLD, NARROWED_AT_MOST, ROUNDING_BASE, fewer_than, public_number, round_to_base,
)
from dashboard.funnels import funnels_for
from dashboard.indicators import FUNNEL_COLUMNS, cso_vs_police, funnel, rates_per_100k, reporting_gap, strand_trend, with_reach
from dashboard.labels import area_label, strand_label
from dashboard.measure_words import measure_words
from dashboard.periods import in_order, missing_periods, period_start
from dashboard.sources import source_label
from dashboard.tables import (
    and_, describe, figure, funnel_columns, gap_columns, gap_notes, rates_columns, table, text, versus_columns,
    with_numbers,
)
from dashboard.vocabulary import strands
from exports.csv_text import csv_bytes
from ui.ahead import ahead, following
from ui.components import wrapping_row
from ui.state import case_files, figures_frame, model, workspace
from ui.text import md
from ui.warmup import fragment

st.title(_("Data dashboard"))
st.info(_("**Use of this data.** Figures are shown to inform the assessment of the hate crime recording and "
          "data collection system. Case records are pseudonymous: do not try to identify anyone, and do not "
          "share them outside the partnership. **Public view** shows fixed aggregates: one calendar year at a "
          "time (no ranges of dates), for one area, one strand and one recording agency or all of each (no "
          "combinations; at most {narrowed} of the three narrowed at once), so views nest only as \"all\" "
          "over \"one\". Every chart lists all its categories. Counts below the threshold ({threshold}), zero "
          "included, show as \"{fewer}\", with one more hidden where a table's total would reveal them, and "
          "every other count, totals included, is rounded to a multiple of {base}. Comparing two views, or "
          "combining all of them, then leaves each hidden count a range of values. This is suppression and "
          "rounding of fixed aggregates, not full complementary suppression over every filter: it is checked on "
          "the bundled records, not proved for every data set, and a new import changes the figures of its "
          "years, so views taken before and after it can be compared.").format(
            narrowed=NARROWED_AT_MOST, threshold=DEFAULT_THRESHOLD, fewer=fewer_than(), base=ROUNDING_BASE),
        icon=":material/policy:")

NAME_WIDTH = 240  # px: a filter of place names (areas, wards) shows a long name whole

FLAG_COLUMNS = (N_("Check"), N_("What was found"), N_("Year"), N_("Area"), N_("Published by"), N_("Strand"),
                N_("Measure"), N_("Publication"))  # the data-quality table's headings (read with _())


@st.cache_data(max_entries=16, show_spinner=False)
def quality_flags(figures: pd.DataFrame, language_code: str) -> pd.DataFrame:
    """The data-quality flags of the figures in words, in the language spoken now (`language_code`, computed
    once per distinct set of figures and language: about half of this page's time when run on every rerun)."""
    rows = [(RULE_WORDS.get(f.rule, f.rule), f.message, f.period, f.area, source_label(f.source, f.area),
             strand_label(f.strand), measure_words(f.measure), f.publication) for f in check(figures)]
    return pd.DataFrame(rows, columns=[_(c) for c in FLAG_COLUMNS])


def import_hint() -> str:
    """Where data is imported, for the person reading: on the Data in / out page, by whoever may."""
    return (_("Import them on the {page} page.") if workspace().may("import_data") else
            _("An assessor or an administrator can import them on the {page} page.")).format(page=_("Data in / out"))


def heading(name: str, area: str | None = None) -> None:
    """A chart's heading, as the report titles it (with the area it shows)."""
    st.header(ABOUT[name].title + (f", {area}" if area else ""))


def chart(spec: alt.TopLevelMixin | dict | None, shown: pd.DataFrame, description: str, definition: str, name: str,
          raw: pd.DataFrame, notes: tuple[str, ...] = (), height: int | None = None) -> None:
    """A chart, its text alternative (a sentence, and its figures as a table), its notes, its definition,
    and the numbers behind it as CSV (the table and the CSV made when "Figures as a table" is opened). As
    few elements as that takes: each is a message to the browser, and a filter change redraws them all."""
    if isinstance(spec, dict):
        st.vega_lite_chart(spec=localised(spec), width="stretch", height=height or "content")
    elif spec is not None:
        st.altair_chart(spec, width="stretch")
    st.caption("\n\n".join([*([description] if spec is not None else []), *notes, definition]))
    figures = st.expander(_("Figures as a table"), key=f"table-{name}", on_change="rerun")  # made when opened
    if figures.open:
        figures.table(shown, hide_index=True)
        figures.download_button(_("Numbers behind this chart (CSV)"), lambda: csv_bytes(raw),  # made when asked for
                                file_name=f"{name}.csv", mime="text/csv", key=f"download-{name}",
                                icon=":material/download:")


@st.cache_data(max_entries=64, show_spinner=False)
def official_spec(kind: str, frame: pd.DataFrame, description: str, language_code: str) -> dict:
    """An official chart's Vega-Lite specification, in the language spoken now (`language_code`), built
    once per distinct frame (Altair's validation was most of a filter change's time)."""
    make = {"trend": strand_trend_chart, "funnel": funnel_chart, "rates": rates_chart}[kind]
    return make(frame).properties(description=description).to_dict()


NOT_HERE = {  # why a chart is not drawn for an area: with nothing elsewhere, and published for other areas
    "trend": (N_("No police-recorded figures by strand for {area} with these filters."),
              N_("No police-recorded figures by strand for {area} with these filters: they are published for "
                 "{areas}; choose it as the area to see them.")),
    "funnel": (N_("No figures through the justice system for {area} with these filters."),
               N_("No figures through the justice system for {area} with these filters: they are published for "
                  "{areas}; choose it as the area to see them.")),
    "gap": (N_("No survey estimates for {area} with these filters."),
            N_("No survey estimates for {area} with these filters: they are published for {areas}; choose it as "
               "the area to see them.")),
}


def not_here(what: str, area: str, elsewhere: list[str]) -> None:
    """Say why a chart (`what`: a key of NOT_HERE) is not drawn for the chosen area."""
    nowhere, other = NOT_HERE[what]
    st.caption(_(other if elsewhere else nowhere).format(area=area, areas=and_(elsewhere) if elsewhere else ""))


def strand_codes() -> list[str]:
    """The data strands a filter offers (all but the total)."""
    return [s for s in strands() if s != "all"]


@fragment
def official_figures() -> None:
    """The official figures with their filters (a filter change reruns this part only)."""
    country = model()
    everything = with_reach(of_country(figures_frame(), country))  # the country's own; editions ranked first
    shown_areas = areas_to_show(country, everything)
    main = shown_areas[0] if shown_areas else None
    if everything.empty:
        st.info(" ".join((no_figures(country, md), import_hint())), icon=":material/database:")
        return
    filters = wrapping_row()
    area = filters.selectbox(_("Area"), sorted(everything["area"].unique(), key=lambda a: a != main), key="fig_area",
                             width=NAME_WIDTH, help=_("Every chart shows this area's figures, or says why it cannot."))
    publications = st.multiselect(_("Publications"), sorted(everything["publication"].unique()),
                                  key="fig_publications",
                                  placeholder=_("All: the latest edition of each figure is used"),
                                  help=_("Pick publications to see their own editions of the figures."))
    start = everything["period"].map(start_year)  # NaN for pooled periods such as 2015/16-2017/18
    years = sorted({int(y) for y in start.dropna()})
    first, last = filters.select_slider(_("Years"), years, value=(years[0], years[-1]), key="fig_years")
    sources = filters.multiselect(_("Sources"), sorted(everything["source"].unique()), key="fig_sources",
                                  format_func=lambda s: source_label(s, main), placeholder=_("All sources"))
    chosen_strands = filters.multiselect(_("Strands"), strand_codes(), key="fig_strands", format_func=strand_label,
                                         placeholder=_("All strands"))
    in_years = start.isna() | start.between(first, last)  # pooled survey periods are kept
    figures = everything[in_years & (everything["source"].isin(sources) if sources else True)
                         & (everything["publication"].isin(publications) if publications else True)]
    others = [a for a in shown_areas if a != area]
    # the main area's figures include its parts (police forces) and the organisations' own areas
    of_area = figures["area"].eq(area) | (~figures["area"].isin(others) if area == main else False)
    used = figures.loc[of_area, "publication"].nunique()
    shown_count = (ngettext("{shown} of {total} figures shown: those for {area} and the areas within it, from {n} "
                            "publication.", "{shown} of {total} figures shown: those for {area} and the areas within "
                            "it, from {n} publications.", used) if area == main else
                   ngettext("{shown} of {total} figures shown: those for {area}, from {n} publication.",
                            "{shown} of {total} figures shown: those for {area}, from {n} publications.", used))
    st.caption(" ".join((shown_count.format(shown=number(int(of_area.sum())), total=number(len(everything)), area=area,
                                            n=number(used)),
                         _("Where a figure was revised, the latest edition is used and named."))))

    heading("police-by-strand", area)
    trend_all = strand_trend(figures, area=area)
    trend = trend_all[(trend_all["strand"] != "all")
                      & (trend_all["strand"].isin(chosen_strands) if chosen_strands else True)
                      ].assign(strand=lambda d: d["strand"].map(strand_label))
    if trend.empty:
        not_here("trend", area, [a for a in others if not strand_trend(figures, a).empty])
    else:
        names = sorted(set(trend["strand"]))
        value = {(r.period, r.strand): r.value for r in trend.itertuples()}
        periods = in_order([*trend["period"], *(p for s in names for p in missing_periods(
            trend.loc[trend["strand"] == s, "period"]))])
        shown = pd.DataFrame([{_("Year"): p, **{_("{strand} (offences)").format(strand=n): figure(value.get((p, n)))
                                                for n in names}} for p in periods])
        gaps = gap_notes(trend, trend_all[trend_all["strand"] == "all"])
        title = f"{ABOUT['police-by-strand'].title}, {area}"
        said = [_("Chart: {title}: one line per strand ({strands}), {first} to {last}.").format(
                    title=title, strands=", ".join(names), first=periods[0], last=periods[-1]),
                *([_("Years missing from a series break its line.")] if gaps else []),
                _("The figures are under “Figures as a table”.")]
        chart(official_spec("trend", trend, title, language()), shown, " ".join(said),
              ABOUT["police-by-strand"].definition, "police-by-strand", trend, tuple(gaps), height=TREND_HEIGHT)

    series = {s.name: s for s in funnels_for([area]) if not funnel(everything, s).empty}
    heading("funnel")
    if not series:
        not_here("funnel", area, [a for a in others if any(not funnel(everything, s).empty for s in funnels_for([a]))])
    else:
        which = st.radio(_("Series"), list(series), horizontal=True, key="funnel_series")
        steps = funnel(figures, series[which]) if which else pd.DataFrame(columns=list(FUNNEL_COLUMNS))
        periods = sorted(steps["period"].unique(), key=period_start, reverse=True)
        period = st.selectbox(_("Year"), periods, key="funnel_period") if periods else None
        steps = steps[steps["period"] == period]
        if steps.empty:
            st.caption(_("No figures of {series} in these filters.").format(series=which))
        else:
            shown = table(with_numbers(steps), [*funnel_columns(), ("publication", _("Publication"), text)])
            title = f"{ABOUT['funnel'].title}: {which}, {period}"
            chart(official_spec("funnel", steps, title, language()), shown,
                  describe(title, shown, _("Stage"), _("Number"), steps["count"],
                           lambda n: ngettext("{n} stage", "{n} stages", n)),
                  ABOUT["funnel"].definition, f"funnel-{period}", steps)
            st.dataframe(shown, hide_index=True, width="stretch")

    heading("reporting-gap", area)
    gap = reporting_gap(figures, area=area)
    if gap.empty:
        not_here("gap", area, [a for a in others if not reporting_gap(figures, a).empty])
    else:
        shown = table(gap, [*gap_columns(), ("survey_publication", _("Publication"), text)])
        st.dataframe(shown, hide_index=True, width="stretch")
        st.caption(ABOUT["reporting-gap"].definition)
        st.download_button(_("Numbers behind this table (CSV)"), csv_bytes(gap), file_name="reporting-gap.csv",
                           mime="text/csv", key="download-reporting-gap", icon=":material/download:")

    rates = rates_per_100k(figures)
    all_rates = rates[rates["strand"] == "all"]
    years = sorted(all_rates["period"].unique(), key=period_start, reverse=True)
    heading("rates")
    if area != main and years:
        st.caption(_("This chart shows the police forces of {main}: rates by force are published only for them, "
                     "not for {area}.").format(main=main, area=area))
    year = st.selectbox(_("Year"), years, key="rates_period") if years else None
    by_force = all_rates[all_rates["period"] == year].sort_values("per_100k", ascending=False)
    if by_force.empty:
        st.caption(_("No rates by police force with these filters."))
    else:
        shown = table(by_force, rates_columns())
        title = f"{ABOUT['rates'].title}, {year}"
        chart(official_spec("rates", by_force, title, language()), shown,
              describe(title, shown, _("Police force"), _("Offences per 100,000 people"), by_force["per_100k"],
                       lambda n: ngettext("{n} police force", "{n} police forces", n), ranked=True),
              ABOUT["rates"].definition, f"rates-{year}", by_force)

    heading("cso-vs-police")
    versus = cso_vs_police(figures, police_area=area)
    if versus.empty:
        st.caption(_("No figures of civil society organisations with these filters."))
    else:
        named = versus.assign(organisation=versus["organisation"].map(lambda o: source_label(f"cso:{o}", main)))
        st.dataframe(table(named, versus_columns(area, strand=strand_label)), hide_index=True, width="stretch")
        if versus["police_recorded"].isna().all():
            st.caption(_("No police-recorded figures by strand for {area}, so the comparison is empty.").format(
                           area=area) if area == main else
                       _("No police-recorded figures by strand for {area}, so the comparison is empty; choose {main} "
                         "as the area to compare.").format(area=area, main=main))
        st.caption(ABOUT["cso-vs-police"].definition)
        st.download_button(_("Numbers behind this table (CSV)"), csv_bytes(versus), file_name="cso-vs-police.csv",
                           mime="text/csv", key="download-cso-vs-police", icon=":material/download:")

    with st.expander(_("Data-quality checks")):
        st.caption(_("Flags from the rules in dashboard/checks.yaml. A flag is a question to ask, not an error."))
        st.dataframe(quality_flags(figures, language()), hide_index=True, width="stretch")


@st.cache_resource(max_entries=4)
def _connection(files: tuple[str, ...]) -> duckdb.DuckDBPyConnection:
    """One DuckDB over the case files, shared by every session (each query on its own cursor)."""
    return connect([Path(f) for f in files])


@st.cache_data(max_entries=512, show_spinner=False)
def _view(files: tuple[str, ...], name: str, f: CaseFilter | None = None, arg: object = None) -> object:
    """One case view's numbers, cached per files and filter (the same filter again costs nothing)."""
    con = _connection(files).cursor()
    match name:
        case "span":
            return con.execute("SELECT min(recorded_at)::DATE, max(recorded_at)::DATE FROM cases").fetchone()
        case "years":
            return record_years(con)
        case "categories":
            return chart_categories(con, arg)
        case "filter":  # every chart's counts of the filter (in one scan), by strand, and repeats, at once
            return filter_views(con, f, ("area_2", *BREAKDOWN_CHARTS))
        case "breakdown":
            return breakdown(con, f, arg)
        case "points":
            return points(con, f)
    raise ValueError(f"no case view {name!r}")


@st.cache_data(max_entries=512, show_spinner=False)
def _case_charts(files: tuple[str, ...], f: CaseFilter, public: bool, year: int | None, breakdown: str,
                 level: str, language_code: str) -> list[CaseChart]:
    """The charts of counts of a filter, in the language spoken now (`language_code`), computed once per filter
    and language (the same filter again costs nothing)."""
    every = _view(files, "categories", arg=year) if public else {}
    views = _view(files, "filter", f)
    return case_charts(views.counts, views.by_strand, every, public, breakdown, level)


def _charts_ahead(files: tuple[str, ...], f: CaseFilter, public: bool, year: int | None, breakdown: str,
                  level: str, language_code: str) -> None:
    """`_case_charts` computed ahead, in the background (ui/ahead.py), in the person's language."""
    with using(language_code):
        _case_charts(files, f, public, year, breakdown, level, language_code)


@fragment
def case_records() -> None:
    """The case records with their filters (a filter change reruns this part only)."""
    place = model().profile
    level = place.area_levels[1]  # the level the filters and the area chart use (area_2): a ward, a municipality
    found, synthetic = case_files(place.code)
    files = tuple(str(p) for p in found)
    if synthetic:
        st.warning(_("SYNTHETIC case records: generated examples, not real cases."), icon=":material/science:")
    span = _view(files, "span")
    if span[0] is None:
        st.info(" ".join((_("No case records of {country} imported yet.").format(country=md(country_name(place))),
                          import_hint())), icon=":material/database:")
        return
    allowed_cases = workspace().sees_case_records()
    public = st.toggle(_("Public view"), value=True, key="public_view", disabled=not allowed_cases,
                       help=" ".join((_("One calendar year, one {level}, strand and agency or all; counts "
                                        "below {threshold} (zero too) hidden (and others that would reveal them), "
                                        "every other count rounded to a multiple of {base}.").format(
                                          level=level.lower(), threshold=DEFAULT_THRESHOLD, base=ROUNDING_BASE),
                                      *(() if allowed_cases else (_("Your role sees the public view only."),))))
                       ) or not allowed_cases
    filters = wrapping_row()

    def choose_strand() -> str | None:
        return filters.selectbox(_("Strand"), [None, *strand_codes()], key="case_strand",
                                 format_func=lambda s: _("All") if s is None else strand_label(s))

    every: dict[str, list[object]] = {}
    if public:  # fixed aggregates: one year, and one or all of each filter, so views nest only as all over one
        year = filters.selectbox(_("Year"), _view(files, "years"), key="case_year",
                                 help=_("Public view shows one calendar year."))
        every = _view(files, "categories", arg=year)  # every ward and agency, as the select boxes list them
        ward = filters.selectbox(level, [None, *every["area_2"]], width=NAME_WIDTH,
                                 format_func=lambda w: _("All") if w is None else area_label(w), key="case_ward")
        strand = choose_strand()
        narrowed = (ward is not None) + (strand is not None) >= NARROWED_AT_MOST  # a third would pin counts down
        if narrowed:
            st.session_state["case_source"] = None
        recorder = filters.selectbox(_("Recorded by"), [None, *every["recorded_by"]], disabled=narrowed,
                                     format_func=lambda r: _("All agencies") if r is None else r, key="case_source",
                                     help=_("Public view narrows at most {n} of {level}, strand and recording "
                                            "agency.").format(n=NARROWED_AT_MOST, level=level.lower())
                                     if narrowed else None)
        f = public_filter(year, ward, strand, recorder)
        st.caption(_("Public view shows one calendar year ({start} to {end}) for one {level}, strand and recording "
                     "agency or all of them; counts below {threshold}, zero included, are shown as \"{fewer}\" "
                     "(\"{hidden}\" on the charts) and every other count, totals included, is rounded to a multiple "
                     "of {base}.").format(start=day(f.start), end=day(f.end), level=md(level.lower()),
                                          threshold=DEFAULT_THRESHOLD, fewer=fewer_than(), hidden=_(HIDDEN),
                                          base=ROUNDING_BASE))
    else:
        year = None
        when = filters.date_input(_("Dates"), value=(span[0], span[1]), min_value=span[0], max_value=span[1],
                                  key="case_dates")
        start, end = (when if isinstance(when, tuple) and len(when) == 2 else (span[0], span[1]))
        wards = filters.multiselect(level, sorted(_view(files, "breakdown", CaseFilter(), "area_2")["value"]),
                                    format_func=area_label, key="case_wards", placeholder=_("All"), width=NAME_WIDTH)
        strand = choose_strand()
        recorders = filters.multiselect(_("Recorded by"),
                                        sorted(_view(files, "breakdown", CaseFilter(), "recorded_by")["value"]),
                                        key="case_sources", placeholder=_("All agencies"))
        f = CaseFilter(start=start, end=end, areas=tuple(wards), strand=strand, sources=tuple(recorders))

    def count(n: int) -> str:
        return public_number(n) if public else number(n)

    m1, m2, m3 = st.columns(3)
    views = _view(files, "filter", f)
    total = int(views.counts["month"]["records"].sum())
    m1.metric(_("Records"), count(total))
    for col, label, share_of, found in (
            (m2, _("Repeat victims"), N_("{share} of victims with an id"), views.repeat_victims),
            (m3, _("Repeat offenders"), N_("{share} of known offenders"), views.repeat_offenders)):
        r = found.iloc[0]
        people, repeat = (round_to_base(int(n)) if public else int(n) for n in (r.people, r.repeat_people))
        small = public and r.repeat_people < DEFAULT_THRESHOLD  # public: shares of the rounded counts
        col.metric(label, count(int(r.repeat_people)))
        if not (small or people == 0):  # under the figure, wrapped (a metric's delta is cut to one line)
            col.caption(_(share_of).format(share=percent(repeat / people)))
    st.caption(" ".join((_("Repeat: two or more records within any 12 months (rolling, both ends included), by "
                           "pseudonymous id."),
                         *((_("Public view: counts below {threshold}, zero included, are hidden, with one more where a "
                              "total would reveal them; the others are rounded to multiples of {base}.").format(
                                 threshold=DEFAULT_THRESHOLD, base=ROUNDING_BASE),) if public else ()))))

    first = next(iter(BREAKDOWN_CHARTS))
    column = st.session_state.get("case_breakdown") or first  # its control is drawn below
    charts = _case_charts(files, f, public, year, column, level, language())
    for n, c in enumerate(charts):
        if n == len(CASE_CHARTS) + 1:  # the breakdown next, one at a time (fewer charts to redraw)
            st.segmented_control(_("Break the records down by"), list(BREAKDOWN_CHARTS),
                                 format_func=lambda b: _(BREAKDOWN_CHARTS[b].title), default=first,
                                 key="case_breakdown", required=True)
        st.markdown(f"**{c.title}**")
        if c.spec is None:
            st.caption(_("No records with these filters."))
        else:
            chart(c.spec, c.shown, c.description, c.definition, c.name, c.raw, c.notes)

    # The other strands' charts, computed while these are read: choosing one then only draws it. (Not where
    # a public view already narrows as far as it may: no strand can be chosen there.)
    if not public or bool(f.areas) + bool(f.sources) < NARROWED_AT_MOST:
        ahead(_charts_ahead, [(files, replace(f, strand=s), public, year, column, level, language())
                              for s in following([None, *strand_codes()], strand)])
    if not public:
        located_map(files, f)


def located_map(files: tuple[str, ...], f: CaseFilter) -> None:
    """The records with coordinates on a map (outside public view), coloured by the first strand flagged."""
    title = _("Where (records with coordinates)")
    st.markdown(f"**{title}**")
    located = _view(files, "points", f)
    if located.empty:
        st.caption(_("No records with coordinates with these filters."))
        return
    located = located.assign(strand=located["strand"].map(strand_label),
                             strands=located["strands"].map(lambda s: ", ".join(map(strand_label, s.split(";")))))
    first, records = _("Strand (first flagged)"), _("Records")
    per = located["strand"].value_counts().rename_axis(first).reset_index(name=records)
    drawn = alt.Chart(located).mark_circle(size=8, opacity=0.35).encode(
        longitude="lon:Q", latitude="lat:Q", color=alt.Color("strand:N", title=first),
        tooltip=[alt.Tooltip("strands:N", title=_("Strands"))]).project(type="mercator").properties(
            height=420, description=title)
    chart(drawn, per.assign(**{records: per[records].map(number)}),
          _("Chart: a map of {count} located records, coloured by the first strand flagged. The records per strand "
            "are under “Figures as a table”.").format(count=number(len(located))),
          _("Each dot is a record with coordinates (a sample of at most {limit}); drawn without map tiles, so it works "
            "offline. Not shown in public view.").format(limit=number(20_000)), "cases-located", located)


official, cases_tab = st.tabs([_("Official figures"), _("Case records")])
with official:
    official_figures()
with cases_tab:
    case_records()
