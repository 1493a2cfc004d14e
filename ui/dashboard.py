"""Dashboard: official figures and case records beside the map, each chart with its definition, its text
alternative (a sentence and its figures as a table) and its data. Each tab is a fragment, so a filter
change reruns only its own tab; the case views are cached per filter."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import altair as alt
import duckdb
import pandas as pd
import streamlit as st

from dashboard.case_views import (
    CaseFilter, breakdown, chart_categories, connect, filter_views, points, public_filter, record_years,
)
from dashboard.case_charts import BREAKDOWN_CHARTS, CASE_CHARTS, CaseChart, case_charts
from dashboard.areas import areas_to_show, no_figures, of_country
from dashboard.charts import ABOUT, HIDDEN, funnel_chart, rates_chart, strand_trend_chart
from dashboard.checks import RULE_WORDS, check, start_year
from dashboard.disclosure import (
    DEFAULT_THRESHOLD, NARROWED_AT_MOST, ROUNDING_BASE, public_number, round_to_base,
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
from ui.state import case_files, figures_frame, model, workspace
from ui.text import md

st.title("Data dashboard")
st.info("**Use of this data.** Figures are shown to inform the assessment of the hate crime recording and "
        "data collection system. Case records are pseudonymous: do not try to identify anyone, and do not "
        "share them outside the partnership. **Public view** shows fixed aggregates: one calendar year at a "
        "time (no ranges of dates), for one area, one strand and one recording agency or all of each (no "
        f"combinations; at most {NARROWED_AT_MOST} of the three narrowed at once), so views nest only as \"all\" "
        "over \"one\". Every chart lists all its categories. "
        f"Counts below the threshold ({DEFAULT_THRESHOLD}), zero included, show as \"fewer than "
        f"{DEFAULT_THRESHOLD}\", with one more hidden where a table's total would reveal them, and every other "
        f"count, totals included, is rounded to a multiple of {ROUNDING_BASE}. Comparing two views, or combining "
        "all of them, then leaves each hidden count a range of values. This is suppression and rounding of "
        "fixed aggregates, not full complementary suppression over every filter: it is checked on the bundled "
        "records, not proved for every data set, and a new import changes the figures of its years, so views "
        "taken before and after it can be compared.",
        icon=":material/policy:")



@st.cache_data(max_entries=16, show_spinner=False)
def quality_flags(figures: pd.DataFrame) -> pd.DataFrame:
    """The data-quality flags of the figures in words (computed once per distinct set of figures: about
    half of this page's time when run on every rerun)."""
    return pd.DataFrame([{
        "Check": RULE_WORDS.get(f.rule, f.rule), "What was found": f.message, "Year": f.period, "Area": f.area,
        "Published by": source_label(f.source, f.area), "Strand": strand_label(f.strand),
        "Measure": measure_words(f.measure), "Publication": f.publication} for f in check(figures)],
        columns=["Check", "What was found", "Year", "Area", "Published by", "Strand", "Measure", "Publication"])


def heading(name: str, area: str | None = None) -> None:
    """A chart's heading, as the report titles it (with the area it shows)."""
    st.header(ABOUT[name].title + (f", {area}" if area else ""))


def chart(spec: alt.TopLevelMixin | dict | None, shown: pd.DataFrame, description: str, definition: str, name: str,
          raw: pd.DataFrame, notes: tuple[str, ...] = ()) -> None:
    """A chart, its text alternative (a sentence, and its figures as a table), its notes, its definition,
    and the numbers behind it as CSV (the table and the CSV made when "Figures as a table" is opened). As
    few elements as that takes: each is a message to the browser, and a filter change redraws them all."""
    if isinstance(spec, dict):
        st.vega_lite_chart(spec=spec, width="stretch")
    elif spec is not None:
        st.altair_chart(spec, width="stretch")
    st.caption("\n\n".join([*([description] if spec is not None else []), *notes, definition]))
    figures = st.expander("Figures as a table", key=f"table-{name}", on_change="rerun")  # made when opened
    if figures.open:
        figures.table(shown, hide_index=True)
        figures.download_button("Numbers behind this chart (CSV)", lambda: csv_bytes(raw),  # made when asked for
                                file_name=f"{name}.csv", mime="text/csv", key=f"download-{name}",
                                icon=":material/download:")


@st.cache_data(max_entries=64, show_spinner=False)
def official_spec(kind: str, frame: pd.DataFrame, description: str) -> dict:
    """An official chart's Vega-Lite specification, built once per distinct frame (Altair's validation
    was most of a filter change's time)."""
    make = {"trend": strand_trend_chart, "funnel": funnel_chart, "rates": rates_chart}[kind]
    return make(frame).properties(description=description).to_dict()


def not_here(what: str, area: str, elsewhere: list[str]) -> None:
    """Say why a chart is not drawn for the chosen area."""
    st.caption(f"No {what} for {area} with these filters"
               + (f": they are published for {and_(elsewhere)}; choose it as the area to see them." if elsewhere
                  else "."))


MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")  # in English whatever the host's locale


def day(d: dt.date) -> str:
    """A date in words: 1 February 2021."""
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


labels = {s.id: s.label for s in strands().values()}


@st.fragment
def official_figures() -> None:
    """The official figures with their filters (a filter change reruns this part only)."""
    country = model()
    everything = with_reach(of_country(figures_frame(), country))  # the country's own; editions ranked first
    shown_areas = areas_to_show(country, everything)
    main = shown_areas[0] if shown_areas else None
    if everything.empty:
        st.info(f"{no_figures(country)} An administrator can import them (ffgrid data import FILE).",
                icon=":material/database:")
        return
    f1, f2, f3, f4 = st.columns([2, 2, 3, 3])
    area = f1.selectbox("Area", sorted(everything["area"].unique(), key=lambda a: a != main), key="fig_area",
                        help="Every chart shows this area's figures, or says why it cannot.")
    publications = st.multiselect("Publications", sorted(everything["publication"].unique()), key="fig_publications",
                                  placeholder="All: the latest edition of each figure is used",
                                  help="Pick publications to see their own editions of the figures.")
    start = everything["period"].map(start_year)  # NaN for pooled periods such as 2015/16-2017/18
    years = sorted({int(y) for y in start.dropna()})
    first, last = f2.select_slider("Years", years, value=(years[0], years[-1]), key="fig_years")
    sources = f3.multiselect("Sources", sorted(everything["source"].unique()), key="fig_sources",
                             format_func=lambda s: source_label(s, main), placeholder="All sources")
    chosen_strands = f4.multiselect("Strands", [s for s in labels if s != "all"], key="fig_strands",
                                    format_func=labels.get, placeholder="All strands")
    in_years = start.isna() | start.between(first, last)  # pooled survey periods are kept
    figures = everything[in_years & (everything["source"].isin(sources) if sources else True)
                         & (everything["publication"].isin(publications) if publications else True)]
    others = [a for a in shown_areas if a != area]
    # the main area's figures include its parts (police forces) and the organisations' own areas
    of_area = figures["area"].eq(area) | (~figures["area"].isin(others) if area == main else False)
    st.caption(f"{int(of_area.sum()):,} of {len(everything):,} figures shown: those for {area}"
               + (" and the areas within it" if area == main else "")
               + f", from {figures.loc[of_area, 'publication'].nunique()} publications. Where a figure was "
                 "revised, the latest edition is used and named.")

    heading("police-by-strand", area)
    trend_all = strand_trend(figures, area=area)
    trend = trend_all[(trend_all["strand"] != "all")
                      & (trend_all["strand"].isin(chosen_strands) if chosen_strands else True)
                      ].assign(strand=lambda d: d["strand"].map(strand_label))
    if trend.empty:
        not_here("police-recorded figures by strand", area, [a for a in others if not strand_trend(figures, a).empty])
    else:
        names = sorted(set(trend["strand"]))
        value = {(r.period, r.strand): r.value for r in trend.itertuples()}
        periods = in_order([*trend["period"], *(p for s in names for p in missing_periods(
            trend.loc[trend["strand"] == s, "period"]))])
        shown = pd.DataFrame([{"Year": p, **{f"{n} (offences)": figure(value.get((p, n))) for n in names}}
                              for p in periods])
        gaps = gap_notes(trend, trend_all[trend_all["strand"] == "all"])
        title = f"{ABOUT['police-by-strand'].title}, {area}"
        chart(official_spec("trend", trend, title), shown,
              f"Chart: {title}: one line per strand ({', '.join(names)}), {periods[0]} to {periods[-1]}. "
              + ("Years missing from a series break its line. " if gaps else "")
              + "The figures are under “Figures as a table”.", ABOUT["police-by-strand"].definition,
              "police-by-strand", trend, tuple(gaps))

    series = {s.name: s for s in funnels_for([area]) if not funnel(everything, s).empty}
    heading("funnel")
    if not series:
        not_here("figures through the justice system", area,
                 [a for a in others if any(not funnel(everything, s).empty for s in funnels_for([a]))])
    else:
        which = st.radio("Series", list(series), horizontal=True, key="funnel_series")
        steps = funnel(figures, series[which]) if which else pd.DataFrame(columns=list(FUNNEL_COLUMNS))
        periods = sorted(steps["period"].unique(), key=period_start, reverse=True)
        period = st.selectbox("Year", periods, key="funnel_period") if periods else None
        steps = steps[steps["period"] == period]
        if steps.empty:
            st.caption(f"No figures of {which} in these filters.")
        else:
            shown = table(with_numbers(steps), [*funnel_columns(), ("publication", "Publication", text)])
            title = f"{ABOUT['funnel'].title}: {which}, {period}"
            chart(official_spec("funnel", steps, title), shown,
                  describe(title, shown, "Stage", "Number", "stages"), ABOUT["funnel"].definition,
                  f"funnel-{period}", steps)
            st.dataframe(shown, hide_index=True, width="stretch")

    heading("reporting-gap", area)
    gap = reporting_gap(figures, area=area)
    if gap.empty:
        not_here("survey estimates", area, [a for a in others if not reporting_gap(figures, a).empty])
    else:
        shown = table(gap, [*gap_columns(), ("survey_publication", "Publication", text)])
        st.dataframe(shown, hide_index=True, width="stretch")
        st.caption(ABOUT["reporting-gap"].definition)
        st.download_button("Numbers behind this table (CSV)", csv_bytes(gap), file_name="reporting-gap.csv",
                           mime="text/csv", key="download-reporting-gap", icon=":material/download:")

    rates = rates_per_100k(figures)
    all_rates = rates[rates["strand"] == "all"]
    years = sorted(all_rates["period"].unique(), key=period_start, reverse=True)
    heading("rates")
    if area != main and years:
        st.caption(f"This chart shows the police forces of {main}: rates by force are published only for them, "
                   f"not for {area}.")
    year = st.selectbox("Year", years, key="rates_period") if years else None
    by_force = all_rates[all_rates["period"] == year].sort_values("per_100k", ascending=False)
    if by_force.empty:
        st.caption("No rates by police force with these filters.")
    else:
        shown = table(by_force, rates_columns())
        title = f"{ABOUT['rates'].title}, {year}"
        chart(official_spec("rates", by_force, title), shown,
              describe(title, shown, "Police force", "Offences per 100,000 people", "police forces", ranked=True),
              ABOUT["rates"].definition, f"rates-{year}", by_force)

    heading("cso-vs-police")
    versus = cso_vs_police(figures, police_area=area)
    if versus.empty:
        st.caption("No figures of civil society organisations with these filters.")
    else:
        named = versus.assign(organisation=versus["organisation"].map(lambda o: source_label(f"cso:{o}", main)))
        st.dataframe(table(named, versus_columns(area, strand=strand_label)), hide_index=True, width="stretch")
        if versus["police_recorded"].isna().all():
            st.caption(f"No police-recorded figures by strand for {area}, so the comparison is empty"
                       + (f"; choose {main} as the area to compare." if area != main else "."))
        st.caption(ABOUT["cso-vs-police"].definition)
        st.download_button("Numbers behind this table (CSV)", csv_bytes(versus), file_name="cso-vs-police.csv",
                           mime="text/csv", key="download-cso-vs-police", icon=":material/download:")

    with st.expander("Data-quality checks"):
        st.caption("Flags from the rules in dashboard/checks.yaml. A flag is a question to ask, not an error.")
        st.dataframe(quality_flags(figures), hide_index=True, width="stretch")


PLURALS = {"Day": "days of the week", "Hour": "hours", "Ethnicity": "ethnicities", "Strand": "strands"}

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
            return filter_views(con, f, ("area_2", *(column for column, _, _ in BREAKDOWN_CHARTS)))
        case "breakdown":
            return breakdown(con, f, arg)
        case "points":
            return points(con, f)
    raise ValueError(f"no case view {name!r}")


@st.cache_data(max_entries=512, show_spinner=False)
def _case_charts(files: tuple[str, ...], f: CaseFilter, public: bool, year: int | None, breakdown: str,
                 level: str) -> list[CaseChart]:
    """The charts of counts of a filter, computed once per filter (the same filter again costs nothing)."""
    every = _view(files, "categories", arg=year) if public else {}
    views = _view(files, "filter", f)
    return case_charts(views.counts, views.by_strand, every, public, breakdown, level)


@st.fragment
def case_records() -> None:
    """The case records with their filters (a filter change reruns this part only)."""
    place = model().profile
    level = place.area_levels[1]  # the level the filters and the area chart use (area_2): a ward, a municipality
    found, synthetic = case_files(place.code)
    files = tuple(str(p) for p in found)
    if synthetic:
        st.warning("SYNTHETIC case records: generated examples, not real cases.", icon=":material/science:")
    span = _view(files, "span")
    if span[0] is None:
        st.info(f"No case records of {md(place.name_en)} imported yet (ffgrid data cases FILE --country "
                f"{place.code}).")
        return
    allowed_cases = workspace().sees_case_records()
    public = st.toggle("Public view", value=True, key="public_view", disabled=not allowed_cases,
                       help=f"One calendar year, one {level.lower()}, strand and agency or all; counts below "
                            f"{DEFAULT_THRESHOLD} (zero too) hidden (and others that would reveal them), every "
                            f"other count rounded to a multiple of {ROUNDING_BASE}."
                            + ("" if allowed_cases else " Your role sees the public view only.")) or not allowed_cases
    c1, c2, c3, c5 = st.columns([2, 2, 2, 2])
    strand = c3.selectbox("Strand", [None, *(s for s in labels if s != "all")],
                          format_func=lambda s: "All" if s is None else labels[s], key="case_strand")
    every: dict[str, list[object]] = {}
    if public:  # fixed aggregates: one year, and one or all of each filter, so views nest only as all over one
        year = c1.selectbox("Year", _view(files, "years"), key="case_year", help="Public view shows one calendar year.")
        every = _view(files, "categories", arg=year)  # every ward and agency, as the select boxes list them
        ward = c2.selectbox(level, [None, *every["area_2"]], format_func=lambda w: "All" if w is None else area_label(w),
                            key="case_ward")
        narrowed = (ward is not None) + (strand is not None) >= NARROWED_AT_MOST  # a third would pin counts down
        if narrowed:
            st.session_state["case_source"] = None
        recorder = c5.selectbox("Recorded by", [None, *every["recorded_by"]], disabled=narrowed,
                                format_func=lambda r: "All agencies" if r is None else r, key="case_source",
                                help=f"Public view narrows at most {NARROWED_AT_MOST} of {level.lower()}, strand and "
                                     "recording agency." if narrowed else None)
        f = public_filter(year, ward, strand, recorder)
        st.caption(f"Public view shows one calendar year ({day(f.start)} to {day(f.end)}) for one {md(level.lower())}, strand and "
                   f"recording agency or all of them; counts below {DEFAULT_THRESHOLD}, zero included, are shown as "
                   f"\"fewer than {DEFAULT_THRESHOLD}\" (\"{HIDDEN}\" on the charts) and every other count, totals "
                   f"included, is rounded to a multiple of {ROUNDING_BASE}.")
    else:
        year = None
        when = c1.date_input("Dates", value=(span[0], span[1]), min_value=span[0], max_value=span[1],
                             key="case_dates")
        start, end = (when if isinstance(when, tuple) and len(when) == 2 else (span[0], span[1]))
        wards = c2.multiselect(level, sorted(_view(files, "breakdown", CaseFilter(), "area_2")["value"]),
                               format_func=area_label, key="case_wards", placeholder="All")
        recorders = c5.multiselect("Recorded by", sorted(_view(files, "breakdown", CaseFilter(), "recorded_by")["value"]),
                                   key="case_sources", placeholder="All agencies")
        f = CaseFilter(start=start, end=end, areas=tuple(wards), strand=strand, sources=tuple(recorders))

    def number(n: int) -> str:
        return public_number(n) if public else f"{n:,}"

    m1, m2, m3 = st.columns(3)
    views = _view(files, "filter", f)
    total = int(views.counts["month"]["records"].sum())
    m1.metric("Records", number(total))
    for col, who, label, found in ((m2, "victim", "of victims with an id", views.repeat_victims),
                                   (m3, "offender", "of known offenders", views.repeat_offenders)):
        r = found.iloc[0]
        people, repeat = (round_to_base(int(n)) if public else int(n) for n in (r.people, r.repeat_people))
        small = public and r.repeat_people < DEFAULT_THRESHOLD  # public: shares of the rounded counts
        col.metric(f"Repeat {who}s", number(int(r.repeat_people)),
                   None if small or people == 0 else f"{round(100 * repeat / people, 1)}% {label}",
                   delta_color="off", delta_arrow="off")
    st.caption("Repeat: two or more records within any 12 months (rolling, both ends included), by pseudonymous "
               "id." + (f" Public view: counts below {DEFAULT_THRESHOLD}, zero included, are hidden, with one more "
                        f"where a total would reveal them; the others are rounded to multiples of {ROUNDING_BASE}."
                        if public else ""))

    titles = {column: title for column, title, _ in BREAKDOWN_CHARTS}
    column = st.session_state.get("case_breakdown") or BREAKDOWN_CHARTS[0][0]  # its control is drawn below
    charts = _case_charts(files, f, public, year, column, level)
    for n, c in enumerate(charts):
        if n == len(CASE_CHARTS) + 1:  # the breakdown next, one at a time (fewer charts to redraw)
            st.segmented_control("Break the records down by", list(titles), format_func=titles.get,
                                 default=BREAKDOWN_CHARTS[0][0], key="case_breakdown", required=True)
        st.markdown(f"**{c.title}**")
        if c.spec is None:
            st.caption("No records with these filters.")
        else:
            chart(c.spec, c.shown, c.description, c.definition, c.name, c.raw, c.notes)

    if not public:
        st.markdown("**Where (records with coordinates)**")
        located = _view(files, "points", f)
        if located.empty:
            st.caption("No records with coordinates with these filters.")
            return
        located = located.assign(strand=located["strand"].map(strand_label),
                                 strands=located["strands"].map(lambda s: ", ".join(map(strand_label, s.split(";")))))
        per = located["strand"].value_counts().rename_axis("Strand (first flagged)").reset_index(name="Records")
        title = "Where (records with coordinates)"
        chart(alt.Chart(located).mark_circle(size=8, opacity=0.35).encode(
            longitude="lon:Q", latitude="lat:Q", color=alt.Color("strand:N", title="Strand (first flagged)"),
            tooltip=[alt.Tooltip("strands:N", title="Strands")]).project(type="mercator").properties(
                height=420, description=title), per.assign(Records=per["Records"].map("{:,}".format)),
              f"Chart: a map of {len(located):,} located records, coloured by the first strand flagged. The records "
              "per strand are under “Figures as a table”.",
              "Each dot is a record with coordinates (a sample of at most 20,000); drawn without map tiles, so "
              "it works offline. Not shown in public view.", "cases-located", located)


official, cases_tab = st.tabs(["Official figures", "Case records"])
with official:
    official_figures()
with cases_tab:
    case_records()
