"""Dashboard: official figures and case records beside the map, each chart with its definition and data."""

from __future__ import annotations

import datetime as dt

import altair as alt
import pandas as pd
import streamlit as st

from dashboard.case_views import (
    CaseFilter, breakdown, by_strand, chart_categories, connect, every_category, points, public_filter, record_years,
    repeats, trend,
)
from dashboard.areas import areas_to_show, no_figures, of_country
from dashboard.charts import ABOUT, BAR, bar_chart, funnel_chart, rates_chart, strand_trend_chart
from dashboard.checks import check, start_year
from dashboard.disclosure import (
    DEFAULT_THRESHOLD, NARROWED_AT_MOST, ROUNDING_BASE, public_counts, public_number, round_to_base,
)
from dashboard.funnels import funnels_for
from dashboard.indicators import (
    FUNNEL_COLUMNS, cso_vs_police, funnel, rates_per_100k, reporting_gap, strand_trend, with_reach,
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
    """The data-quality flags of the figures (computed once per distinct set of figures: about half
    of this page's time when run on every rerun)."""
    return pd.DataFrame([f.as_dict() for f in check(figures)])


def section(name: str) -> None:
    """A chart's heading, as the report titles it."""
    st.subheader(ABOUT[name].title)


def chart(frame: pd.DataFrame, spec: alt.Chart | None, definition: str, name: str) -> None:
    """A chart (or the table when there is no chart), its definition, and the numbers behind it."""
    if frame.empty:
        st.caption("No figures for these filters.")
        return
    if spec is not None:
        st.altair_chart(spec, width="stretch")
    st.caption(definition)
    st.download_button("Numbers behind this chart (CSV)", csv_bytes(frame), file_name=f"{name}.csv",
                       mime="text/csv", key=f"download-{name}", icon=":material/download:")


MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")  # in English whatever the host's locale


def day(d: dt.date) -> str:
    """A date in words: 1 February 2021."""
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


official, cases_tab = st.tabs(["Official figures", "Case records"])

labels = {s.id: s.label for s in strands().values()}
with official:
    country = model()
    everything = with_reach(of_country(figures_frame(), country))  # the country's own; editions ranked first
    shown_areas = areas_to_show(country, everything)
    main = shown_areas[0] if shown_areas else None
    if everything.empty:
        st.info(f"{no_figures(country)} An administrator can import them (ffgrid data import FILE).",
                icon=":material/database:")
    else:
        f1, f2, f3, f4 = st.columns([2, 2, 3, 3])
        area = f1.selectbox("Area", sorted(everything["area"].unique(), key=lambda a: a != main),
                            key="fig_area", help="For the police trend by strand and the reporting gap.")
        publications = st.multiselect("Publications", sorted(everything["publication"].unique()), key="fig_publications",
                                      placeholder="All: the latest edition of each figure is used",
                                      help="Pick publications to see their own editions of the figures.")
        start = everything["period"].map(start_year)  # NaN for pooled periods such as 2015/16-2017/18
        years = sorted({int(y) for y in start.dropna()})
        first, last = f2.select_slider("Years", years, value=(years[0], years[-1]), key="fig_years")
        sources = f3.multiselect("Sources", sorted(everything["source"].unique()), key="fig_sources",
                                 placeholder="All sources")
        chosen_strands = f4.multiselect("Strands", [s for s in labels if s != "all"], key="fig_strands",
                                        format_func=labels.get, placeholder="All strands")
        in_years = start.isna() | start.between(first, last)  # pooled survey periods are kept
        figures = everything[in_years & (everything["source"].isin(sources) if sources else True)
                             & (everything["publication"].isin(publications) if publications else True)]
        st.caption(f"{len(figures):,} of {len(everything):,} figures, from {figures['publication'].nunique()} "
                   "publications. Where a figure was revised, the latest edition is used and named.")

        section("police-by-strand")
        trend_frame = strand_trend(figures, area=area)
        monitored = trend_frame[(trend_frame["strand"] != "all")
                                & (trend_frame["strand"].isin(chosen_strands) if chosen_strands else True)
                                ].assign(strand=lambda d: d["strand"].map(labels))
        chart(monitored, strand_trend_chart(monitored), ABOUT["police-by-strand"].definition, "police-by-strand")

        section("funnel")
        series = {s.name: s for s in funnels_for(shown_areas) if not funnel(everything, s).empty}
        which = st.radio("Series", list(series), horizontal=True, key="funnel_series")
        steps = funnel(figures, series[which]) if which else pd.DataFrame(columns=list(FUNNEL_COLUMNS))
        periods = sorted(steps["period"].unique(), reverse=True)
        period = st.selectbox("Year", periods, key="funnel_period") if periods else None
        shown = steps[steps["period"] == period]
        chart(shown, funnel_chart(shown), ABOUT["funnel"].definition, f"funnel-{period}")
        if not shown.empty:
            st.dataframe(shown[["stage", "count", "pct_of_previous", "pct_of_first", "how", "publication"]],
                         hide_index=True, width="stretch")

        section("reporting-gap")
        gap = reporting_gap(figures, area=area)
        chart(gap, None, ABOUT["reporting-gap"].definition, "reporting-gap")
        if not gap.empty:
            st.dataframe(gap, hide_index=True, width="stretch")

        section("rates")
        rates = rates_per_100k(figures)
        all_rates = rates[rates["strand"] == "all"]
        years = sorted(all_rates["period"].unique(), reverse=True)
        year = st.selectbox("Year", years, key="rates_period") if years else None
        by_force = all_rates[all_rates["period"] == year]
        chart(by_force, rates_chart(by_force), ABOUT["rates"].definition, f"rates-{year}")

        section("cso-vs-police")
        versus = cso_vs_police(figures, police_area=main or area)
        chart(versus, None, ABOUT["cso-vs-police"].definition, "cso-vs-police")
        if not versus.empty:
            st.dataframe(versus, hide_index=True, width="stretch")

        with st.expander("Data-quality checks"):
            flags = quality_flags(figures)
            st.caption("Flags from the rules in dashboard/checks.yaml. A flag is a question to ask, not an error.")
            st.dataframe(flags, hide_index=True, width="stretch")

with cases_tab:
    place = model().profile
    level = place.area_levels[1]  # the level the filters and the area chart use (area_2): a ward, a municipality
    files, synthetic = case_files(place.code)
    if synthetic:
        st.warning("SYNTHETIC case records: generated examples, not real cases.", icon=":material/science:")
    con = connect(files)
    span = con.execute("SELECT min(recorded_at)::DATE, max(recorded_at)::DATE FROM cases").fetchone()
    if span[0] is None:
        st.info(f"No case records of {md(place.name_en)} imported yet (ffgrid data cases FILE --country "
                f"{place.code}).")
        st.stop()
    c1, c2, c3, c5, c4 = st.columns([2, 2, 1, 2, 1])
    allowed_cases = workspace().sees_case_records()
    public = c4.toggle("Public view", value=True, key="public_view", disabled=not allowed_cases,
                       help=f"One calendar year, one {level.lower()}, strand and agency or all; counts below "
                            f"{DEFAULT_THRESHOLD} (zero too) hidden (and others that would reveal them), every "
                            f"other count rounded to a multiple of {ROUNDING_BASE}."
                            + ("" if allowed_cases else " Your role sees the public view only.")) or not allowed_cases
    strand = c3.selectbox("Strand", [None, *(s for s in labels if s != "all")],
                          format_func=lambda s: "All" if s is None else labels[s],
                          key="case_strand")
    if public:  # fixed aggregates: one year, and one or all of each filter, so views nest only as all over one
        year = c1.selectbox("Year", record_years(con), key="case_year", help="Public view shows one calendar year.")
        every = chart_categories(con, year)  # every ward and agency among them, as the select boxes list them
        ward = c2.selectbox(level, [None, *every["area_2"]], format_func=lambda w: "All" if w is None else w,
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
                   f"\"fewer than {DEFAULT_THRESHOLD}\" and every other count, totals included, is rounded to a "
                   f"multiple of {ROUNDING_BASE}.")
    else:
        when = c1.date_input("Dates", value=(span[0], span[1]), min_value=span[0], max_value=span[1],
                             key="case_dates")
        start, end = (when if isinstance(when, tuple) and len(when) == 2 else (span[0], span[1]))
        wards = c2.multiselect(level, sorted(breakdown(con, CaseFilter(), "area_2")["value"]), key="case_wards",
                               placeholder="All")
        recorders = c5.multiselect("Recorded by", sorted(breakdown(con, CaseFilter(), "recorded_by")["value"]),
                                   key="case_sources", placeholder="All agencies")
        f = CaseFilter(start=start, end=end, areas=tuple(wards), strand=strand, sources=tuple(recorders))

    def counts(frame: pd.DataFrame, key: str, chart: str) -> pd.DataFrame:
        """Public view: every category listed, counts suppressed and rounded; else as they are."""
        if not public:
            return frame
        full = every_category(frame, key, every[chart], by_size=chart not in ("month", "weekday", "hour"))
        return full.assign(records=public_counts(full.set_index(key)["records"]).counts.array)

    def number(n: int) -> str:
        return public_number(n) if public else f"{n:,}"

    m1, m2, m3 = st.columns(3)
    total = int(trend(con, f, "month")["records"].sum())
    m1.metric("Records", number(total))
    for col, who, label in ((m2, "victim", "of victims with an id"), (m3, "offender", "of known offenders")):
        r = repeats(con, f, who).iloc[0]
        people, repeat = (round_to_base(int(n)) if public else int(n) for n in (r.people, r.repeat_people))
        small = public and r.repeat_people < DEFAULT_THRESHOLD  # public: shares of the rounded counts
        col.metric(f"Repeat {who}s", number(int(r.repeat_people)),
                   None if small or people == 0 else f"{round(100 * repeat / people, 1)}% {label}",
                   delta_color="off", delta_arrow="off")
    st.caption("Repeat: two or more records within any 12 months (rolling, both ends included), by pseudonymous "
               "id." + (f" Public view: counts below {DEFAULT_THRESHOLD}, zero included, are hidden, with one more "
                        f"where a total would reveal them; the others are rounded to multiples of {ROUNDING_BASE}."
                        if public else ""))

    for unit, title in (("month", "Records by month"), ("weekday", "By day of the week"), ("hour", "By hour")):
        frame = counts(trend(con, f, unit), unit, unit)
        st.markdown(f"**{title}**")
        mark = alt.Chart(frame).mark_line(point=True) if unit == "month" else alt.Chart(frame).mark_bar(color=BAR)
        chart(frame, mark.encode(x=alt.X(f"{unit}:O", sort=None, title=None), y=alt.Y("records:Q", title="Records"),
                                 tooltip=[unit, "records"]),
              f"Records by the {unit} they were recorded, with the filters above.", f"cases-by-{unit}")

    st.markdown("**By strand**")
    frame = counts(by_strand(con, f), "strand", "strand")
    frame = frame.assign(strand=frame["strand"].map(labels).fillna(frame["strand"]))
    chart(frame, bar_chart(frame, "strand", "records", "Records"), "Records per strand flagged; a record with several strands counts once for each.", "cases-by-strand")

    left, right = st.columns(2)
    for i, (column, title) in enumerate((("victim_age_group", "Victims by age group"),
                                         ("offender_age_group", "Offenders by age group"),
                                         ("victim_ethnicity", "Victims by ethnicity"),
                                         ("offender_ethnicity", "Offenders by ethnicity"),
                                         ("offence_category", "Offence category"), ("outcome", "Outcomes"))):
        with (left if i % 2 == 0 else right):
            frame = counts(breakdown(con, f, column), "value", column)
            st.markdown(f"**{title}**")
            chart(frame, bar_chart(frame, "value", "records", "Records"), f"Records by {column.replace('_', ' ')}; 'unknown' where it was not recorded.", f"cases-{column}")

    if public:
        st.markdown(f"**Where: records by {md(level.lower())}**")
        frame = counts(breakdown(con, f, "area_2"), "value", "area_2")
        chart(frame, bar_chart(frame, "value", "records", "Records"), f"Records by {level.lower()}. The map of individual records is shown only outside public view.", "cases-by-ward")
    else:
        st.markdown("**Where (records with coordinates)**")
        located = points(con, f)
        chart(located, alt.Chart(located).mark_circle(size=8, opacity=0.35).encode(
            longitude="lon:Q", latitude="lat:Q", color=alt.Color("strand:N", title="Strand (first flagged)"),
            tooltip=["strands"]).project(type="mercator").properties(height=420),
              "Each dot is a record with coordinates (a sample of at most 20,000); drawn without map tiles, so "
              "it works offline. Not shown in public view.", "cases-located")
