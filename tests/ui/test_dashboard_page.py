"""The Dashboard page through AppTest: bundled data on first run, filters, suppression, synthetic label."""

from __future__ import annotations

import json
import re
from datetime import date

import pandas as pd
import pyarrow as pa

from helpers import open_figures
from store.accounts import Accounts

DASHBOARD = "ui/dashboard.py"


def _charts(at) -> list[dict]:
    return [json.loads(c.proto.spec) for c in at.get("vega_lite_chart")]


def _chart_data(at, title: str) -> pd.DataFrame:
    """The data sent with the chart whose spec mentions `title` (Arrow, as the browser gets it)."""
    chart = next(c for c in at.get("vega_lite_chart") if title in c.proto.spec)
    return pa.ipc.open_stream(chart.proto.datasets[0].data.data).read_all().to_pandas()


def test_the_dashboard_shows_the_bundled_figures_and_synthetic_cases(app):
    at = app(DASHBOARD)
    assert at.title[0].value == "Data dashboard"
    assert any("Use of this data" in i.value for i in at.info)  # the governance notice
    assert any("SYNTHETIC case records" in w.value for w in at.warning)
    assert {m.label: m.value for m in at.metric}["Records"] == "6,590"  # public view: 2023, 6,589 rounded
    assert set({m.label for m in at.metric}) >= {"Repeat victims", "Repeat offenders"}
    assert any(re.fullmatch(r"\d+(\.\d)?% of victims with an id", c.value) for c in at.caption)  # the share, whole
    assert len(_charts(at)) >= 9
    assert [c for c in _charts(at) if "Victims by age group" in json.dumps(c)]  # the breakdown shown first
    at.button_group(key="case_breakdown").set_value("outcome").run()  # one breakdown at a time, chosen
    assert [c for c in _charts(at) if "Outcomes" in json.dumps(c)]
    assert not [c for c in _charts(at) if "Victims by age group" in json.dumps(c)]
    funnel = at.dataframe[0].value
    assert funnel["Stage"].tolist()[:3] == ["Recorded by police", "Referred to prosecution", "Prosecuted (completed)"]
    assert funnel["Number"].tolist()[0] == "103,379 offences"  # Home Office 2018/19, the latest edition


def test_the_odihr_series_and_its_missing_sentenced_figure(app):
    at = app(DASHBOARD)
    at.selectbox(key="fig_area").set_value("United Kingdom").run()  # the funnels of the area chosen
    assert at.radio(key="funnel_series").options == ["United Kingdom (OSCE-ODIHR)"]
    at.selectbox(key="funnel_period").set_value("2016").run()
    funnel = at.dataframe[0].value.set_index("Stage")
    assert funnel.loc["Recorded by police", "Number"].startswith("80,763 ")
    assert funnel.loc["Sentenced", "How counted"] == "not published" and funnel.loc["Sentenced", "Number"] == "–"


def _records(at) -> int:
    return int({m.label: m.value for m in at.metric}["Records"].replace(",", ""))


def test_filters_and_public_view_change_the_numbers(app):
    at = app(DASHBOARD)
    at.selectbox(key="case_strand").set_value("sexual_orientation").run()
    records = _records(at)
    assert 0 < records < 2_000  # 828 in 2023
    ward = at.selectbox(key="case_ward").options[1]  # after "All wards": one ward, no multi-select
    at.selectbox(key="case_ward").set_value(ward).run()
    narrow = _records(at)
    assert narrow < records
    hour_public = _chart_data(at, '"field": "hour"')
    at.toggle(key="public_view").set_value(False).run()
    at.multiselect(key="case_wards").set_value([ward])
    at.date_input(key="case_dates").set_value((date(2023, 1, 1), date(2023, 12, 31))).run()
    hour_all = _chart_data(at, '"field": "hour"')
    exact = _records(at)
    assert hour_public["records"].isna().sum() >= 2  # small counts hidden, and at least one more to protect them
    assert hour_all["records"].notna().all() and hour_all["records"].sum() == exact
    assert abs(exact - narrow) <= 2 and narrow % 5 == 0  # public view: rounded to a multiple of 5


def test_official_filters_narrow_the_figures_and_the_cso_comparison_is_shown(app):
    at = app(DASHBOARD)
    before = next(c.value for c in at.caption if "figures shown" in c.value)
    at.select_slider(key="fig_years").set_value((2016, 2018)).run()
    at.multiselect(key="fig_strands").set_value(["race"]).run()
    after = next(c.value for c in at.caption if "figures shown" in c.value)
    assert before != after
    trend = _chart_data(at, "Financial year")
    assert set(trend["strand"]) == {"Race"} and set(trend["period"]) == {"2016/17", "2017/18", "2018/19"}
    versus = next(d.value for d in at.dataframe if "Incidents the organisation recorded" in d.value.columns)
    assert "Community Security Trust" in set(versus["Organisation"])


def test_a_chosen_edition_replaces_the_latest_one(app):
    at = app(DASHBOARD)
    first_release = "Home Office, Hate crime England and Wales 2017/18 (first release)"
    at.selectbox(key="funnel_period").set_value("2017/18").run()
    assert at.dataframe[0].value["Number"].tolist()[0] == "94,121 offences"  # by default: the revised figure
    at.multiselect(key="fig_publications").set_value([first_release, "CPS Hate crime report 2017-18"]).run()
    at.selectbox(key="funnel_period").set_value("2017/18").run()
    funnel = at.dataframe[0].value
    assert funnel["Number"].tolist()[0] == "94,098 offences" and funnel["Publication"].tolist()[0] == first_release
    at.selectbox(key="case_source").set_value("Victim support service (SYNTHETIC)").run()
    assert 0 < _records(at) < 6_589 * 0.3  # about 15% of the synthetic records come from the support service


def test_public_view_hides_small_totals_and_individual_locations(app):
    from dashboard.cases import synthesise
    from store.example_data import SYNTHETIC_CASES

    cases = synthesise(SYNTHETIC_CASES)  # the app's SYNTHETIC examples (seeded: the same records)
    mine = cases[cases["strands"].str.contains("transgender") & cases["recorded_at"].between("2021-01", "2022-01")]
    counts = mine["area_2"].value_counts()
    ward = counts[(counts > 0) & (counts < 10)].index[0]  # a ward with a small count in 2021
    at = app(DASHBOARD)
    at.toggle(key="public_view").set_value(False).run()  # day-level dates and multi-selects outside public view
    at.selectbox(key="case_strand").set_value("transgender")
    at.date_input(key="case_dates").set_value((date(2021, 1, 1), date(2021, 12, 31)))
    at.multiselect(key="case_wards").set_value([ward]).run()
    assert _records(at) == counts[ward] and 0 < counts[ward] < 10
    assert any("Where (records with coordinates)" in m.value for m in at.markdown)
    at.toggle(key="public_view").set_value(True).run()
    at.selectbox(key="case_year").set_value(2021)
    at.selectbox(key="case_ward").set_value(ward).run()
    assert {m.label: m.value for m in at.metric}["Records"] == "fewer than 10"
    assert not any("Where (records with coordinates)" in m.value for m in at.markdown)
    assert any("Where: records by ward" in m.value for m in at.markdown)


def test_public_view_shows_one_calendar_year_with_single_choices_and_rounds_every_count_to_five(app):
    from dashboard.cases import synthesise
    from store.example_data import SYNTHETIC_CASES

    cases = synthesise(SYNTHETIC_CASES)
    year = cases[cases["recorded_at"].between("2022-01", "2023-01")]["area_2"].value_counts()
    ward = next(w for w, n in year.sort_index().items() if n >= 10 and n % 5)  # not a multiple of 5
    at = app(DASHBOARD)
    assert any("rounded to a multiple of 5" in i.value and "one calendar year" in i.value
               and "not full complementary suppression" in i.value for i in at.info)
    assert not [d for d in at.date_input if d.key == "case_dates"]  # no dates, ranges or multi-selects
    assert not [m for m in at.multiselect if m.key in ("case_wards", "case_sources")]
    assert at.selectbox(key="case_year").options == ["2023", "2022", "2021"]  # the years in the data
    assert at.selectbox(key="case_source").options[0] == "All agencies"
    at.selectbox(key="case_year").set_value(2022)
    at.selectbox(key="case_ward").set_value(ward).run()
    assert any("one calendar year (1 January 2022 to 31 December 2022)" in c.value for c in at.caption)
    shown = _records(at)
    assert shown % 5 == 0 and abs(shown - year[ward]) <= 2
    months, hours = _chart_data(at, '"field": "month"'), _chart_data(at, '"field": "hour"')
    assert months["month"].tolist() == [f"2022-{m:02d}" for m in range(1, 13)]  # the months of that year, all
    assert hours["hour"].tolist() == [str(h) for h in range(24)]  # every category listed: empty ones are not told apart
    assert not at.selectbox(key="case_source").disabled
    at.selectbox(key="case_source").set_value("Police (SYNTHETIC)")
    at.selectbox(key="case_strand").set_value("race").run()  # ward, strand and agency: one too many
    assert at.selectbox(key="case_source").disabled and at.selectbox(key="case_source").value is None
    at.selectbox(key="case_strand").set_value(None).run()
    charts = [c for c in at.get("vega_lite_chart") if '"field": "records"' in c.proto.spec]
    records = pd.concat([pa.ipc.open_stream(c.proto.datasets[0].data.data).read_all().to_pandas()["records"]
                         for c in charts]).dropna()
    assert len(charts) >= 6 and len(records) >= 3 and (records % 5 == 0).all()  # the CSVs hold the same frames
    at.toggle(key="public_view").set_value(False).run()
    at.multiselect(key="case_wards").set_value([ward])
    at.date_input(key="case_dates").set_value((date(2022, 1, 1), date(2022, 12, 31))).run()
    assert _records(at) == year[ward]  # exact outside public view
    at.date_input(key="case_dates").set_value((date(2022, 1, 1), date(2022, 12, 30))).run()
    assert _records(at) <= year[ward]  # by the day


def _country_assessment(store, method, code: str) -> str:
    from framework.profiles import blank_assessment

    a = blank_assessment(method, method.profiles[code], "2026-01-01", None, "Test")
    store.add(a)
    return a.id


def test_without_case_records_the_page_says_where_to_import_them_in_the_readers_words(app, store, method):
    hungary = _country_assessment(store, method, "hu")
    admin = app(DASHBOARD, user="Ada Admin", assessment=hungary)
    assert "No case records of Hungary imported yet. Import them on the Data in / out page." in [
        i.value for i in admin.info]
    assert not [i for i in admin.info if "ffgrid " in i.value]  # no command line for a person at a page
    viewer = app(DASHBOARD, user="Vic Viewer", assessment=hungary)
    assert any("An assessor or an administrator can import them on the Data in / out page." in i.value
               for i in viewer.info)
    Accounts(store.engine).set_language("Vic Viewer", "hu")
    magyar = app(DASHBOARD, user="Vic Viewer", assessment=hungary)
    assert any("Még nincsenek importált esetrekordok ehhez: Magyarország." in i.value for i in magyar.info)


def test_a_spanish_assessment_sees_spain_s_figures_only(app, store, method):
    at = app(DASHBOARD, user="Ada Admin", assessment=_country_assessment(store, method, "es"))
    assert at.selectbox(key="fig_area").options == ["Spain"]
    assert at.radio(key="funnel_series").options == ["Spain (OSCE-ODIHR)"]
    funnel = at.dataframe[0].value.set_index("Stage")
    assert funnel.loc["Recorded by police", "Number"].startswith("1,869 ")  # 2022, the latest
    shown = " ".join(str(d.value.to_csv()) for d in at.dataframe) + " ".join(c.value for c in at.caption)
    assert "England and Wales" not in shown and "United Kingdom" not in shown


def test_a_country_without_figures_says_so(app, store, method):
    at = app(DASHBOARD, user="Ada Admin", assessment=_country_assessment(store, method, "it"))
    assert any("No published figures for Italy have been imported yet." in i.value for i in at.info)
    assert not [r for r in at.radio if r.key == "funnel_series"]  # no official charts: none of another country's


def test_case_records_are_shown_with_their_own_country_only(app, store, method):
    at = app(DASHBOARD, user="Ada Admin", assessment=_country_assessment(store, method, "hu"))
    assert any("No case records of Hungary imported yet" in i.value for i in at.info)
    assert not [w for w in at.warning if "SYNTHETIC" in w.value]  # the English city's records are not Hungary's
    assert not [s for s in at.selectbox if s.key == "case_year"]


# ------------------------------------------------------------------------------- in words (issue 16)

CODE = re.compile(r"cso:|official:|E05\d|E01\d|_|^None$|^nan$|^NaN$|\d\.\d{3,}")  # ids, field names, raw floats


def _words(at) -> list[str]:
    """Everything the page shows in its tables and chart legends or axes: column names, cells, the
    category values charts draw, and the options of the filters."""
    shown: list[str] = []
    for grid in (*at.dataframe, *at.table):
        frame = grid.value
        shown += [str(c) for c in frame.columns] + [str(v) for v in frame.to_numpy().ravel()]
    for c in at.get("vega_lite_chart"):
        spec, data = json.loads(c.proto.spec), pa.ipc.open_stream(c.proto.datasets[0].data.data).read_all().to_pandas()
        drawn = {e["field"] for layer in spec.get("layer", [spec]) for k, e in layer["encoding"].items()
                 if isinstance(e, dict) and e.get("type") == "nominal" and k in ("x", "y", "color", "strokeDash")}
        shown += [str(v) for f in drawn for v in data[f].dropna()]
    for box in (*at.selectbox, *at.multiselect):
        shown += [str(o) for o in box.options]
    return shown


def test_the_dashboard_shows_words_never_codes_or_raw_numbers(app):
    at = app(DASHBOARD)
    assert not [w for w in _words(at) if CODE.search(w)]
    assert any("Community Security Trust" in o for o in at.multiselect(key="fig_sources").options)
    gap = next(d.value for d in at.dataframe if "Survey years" in d.value.columns)
    assert gap["Police-recorded, mean of the same years (offences a year)"].str.fullmatch(r"[\d,]+|–").all()
    at.toggle(key="public_view").set_value(False).run()  # the map, its legend and the multi-selects
    assert not [w for w in _words(at) if CODE.search(w)]
    assert "Synthetic ward 14" in at.multiselect(key="case_wards").options


def test_a_year_missing_from_the_police_series_breaks_its_line_and_is_named(app):
    at = app(DASHBOARD)
    assert any("No figures by strand for 2019/20: only the total is published (105,090 offences" in c.value
               for c in at.caption)
    open_figures(at)
    trend = _chart_data(at, "Financial year")
    race = trend[trend["strand"] == "Race"].set_index("period")
    assert pd.isna(race.loc["2019/20", "value"])  # on the axis, without a value ...
    assert race.loc["2018/19", "run"] != race.loc["2020/21", "run"]  # ... and the line is drawn in two stretches
    table = next(t.value for t in at.table if "Year" in t.value.columns).set_index("Year")
    assert table.loc["2019/20", "Race (offences)"] == "–"


def test_every_chart_honours_the_area_or_says_why_not(app):
    at = app(DASHBOARD)
    at.selectbox(key="fig_area").set_value("United Kingdom").run()
    said = [c.value for c in at.caption]
    assert any(c.startswith("No police-recorded figures by strand for United Kingdom with these filters: they are "
                            "published for England and Wales") for c in said)
    assert at.radio(key="funnel_series").options == ["United Kingdom (OSCE-ODIHR)"]  # not England and Wales' funnel
    assert "This chart shows the police forces of England and Wales: rates by force are published only for them, " \
           "not for United Kingdom." in said
    count = next(c for c in said if "figures shown" in c)
    shown, total = (int(n.replace(",", "")) for n in re.match(r"([\d,]+) of ([\d,]+)", count).groups())
    assert 0 < shown < total and "those for United Kingdom," in count
    assert [s.value for s in at.header][0] == "Police-recorded hate crime by strand, United Kingdom"


def test_hidden_counts_stay_on_the_axis_and_read_hidden(app):
    at = app(DASHBOARD)
    at.selectbox(key="case_strand").set_value("transgender").run()  # small counts: about 3% of records
    hours = _chart_data(at, '"field": "hour"')
    assert hours["hour"].tolist() == [str(h) for h in range(24)]  # every hour on the axis ...
    hidden = hours[hours["records"].isna()]
    assert len(hidden) >= 2 and set(hidden["shown"]) == {"hidden"}  # ... the hidden ones labelled as such
    spec = next(json.loads(c.proto.spec) for c in at.get("vega_lite_chart") if '"field": "hour"' in c.proto.spec)
    assert any(layer["mark"]["type"] == "text" for layer in spec["layer"])  # drawn where the bar would be
    assert any(f"\n\nHidden ({len(hidden)}): " in c.value and "fewer than 10 records each" in c.value
               for c in at.caption)
    open_figures(at)
    table = next(t.value for t in at.table if "Hour" in t.value.columns)
    assert (table["Records"] == "hidden").sum() == len(hidden)


def test_every_chart_has_a_text_alternative_and_its_figures_as_a_table(app):
    at = app(DASHBOARD)
    assert not at.table  # made only when opened
    open_figures(at)
    charts = at.get("vega_lite_chart")
    tables = [e for e in at.expander if e.label == "Figures as a table"]
    assert len(charts) >= 9 and len(tables) >= len(charts) and len(at.table) >= len(charts)
    described = [c.value for c in at.caption if c.value.startswith("Chart: ")]
    assert len(described) >= len(charts)
    assert any(d.startswith("Chart: By hour of the day: 24 hours; the highest is ") for d in described)
    assert all(json.loads(c.proto.spec).get("description") for c in charts)


def test_the_public_view_switch_has_room_for_its_label(app):
    at = app(DASHBOARD)
    toggle = at.toggle(key="public_view")
    assert toggle.label == "Public view"
    assert not [c for c in at.columns if toggle in list(c)]  # not squeezed into a narrow filter column


# ------------------------------------------------------------------------------- in Hungarian (issue 17)

def test_the_dashboard_in_hungarian_titles_its_charts_and_writes_numbers_the_hungarian_way(app, store):
    from store.accounts import Accounts

    Accounts(store.engine).set_language("Test Assessor", "hu")
    at = app(DASHBOARD)
    title = "A rendőrség által rögzített gyűlölet-bűncselekmények területenként"  # Police-recorded hate crime by strand
    assert at.header[0].value == f"{title}, England and Wales"
    trend = next(c for c in _charts(at) if c["encoding"]["x"]["field"] == "period")
    assert trend["description"] == f"{title}, England and Wales"
    axes = (trend["encoding"]["x"]["title"], trend["encoding"]["y"]["title"])
    assert axes == ("Pénzügyi év", "Rögzített bűncselekmények")  # "Financial year", "Offences recorded"
    assert trend["config"]["locale"]["number"]["thousands"] == "\xa0"  # the axes write 105 090, not 105,090
    assert {m.label: m.value for m in at.metric}["Esetek"] == "6\xa0590"  # public view: 2023, 6,589 rounded
    assert any(c.value.startswith("Ábra: A nap órái szerint: 24 óra; a legmagasabb: ") for c in at.caption)
    funnel = at.dataframe[0].value
    assert funnel["Szakasz"].tolist()[0] == "Rendőrség által rögzítve"  # "Stage": "Recorded by police"
    assert funnel["Szám"].tolist()[0] == "103\xa0379 bűncselekmény"  # "103,379 offences"
