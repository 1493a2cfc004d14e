"""The report's data section: the dashboard's charts as vector SVG, sources and editions, small counts hidden."""

from __future__ import annotations

import http.server
import re
import threading
from datetime import datetime, timezone

import pandas as pd
import pytest

from dashboard.examples import example_figures
from dashboard.statistics import read_tidy
from exports.report_data import DataBlock, data_section

HEADER = "source,publication,period,area,strand,measure,value,note\n"


@pytest.fixture(scope="module")
def bundled():
    return data_section(example_figures())


def _small_figures() -> pd.DataFrame:
    rows = [f"police,Ruritania police 2024 (first edition),{y},Ruritania,{s},recorded_offences,{v},"
            for y, (race, religion) in zip((2021, 2022, 2023), ((120, 7), (130, 15), (140, 22)))
            for s, v in (("race", race), ("religion", religion), ("all", race + religion))]
    rows.append("cso:Help Line,Help Line annual report 2023,2023,Capital,antisemitism,incidents_reported,4,")
    return read_tidy(HEADER + "\n".join(rows) + "\n", "ruritania.csv")


def test_the_bundled_figures_give_every_key_chart_with_its_sources_and_editions(bundled):
    titles = [b.title for b in bundled.blocks]
    assert bundled.area == "England and Wales"
    assert titles[0] == "Police-recorded hate crime by strand, England and Wales"
    assert any(t.startswith("Attrition through the justice system: England and Wales") for t in titles)
    assert any(t.startswith("Attrition through the justice system: United Kingdom (OSCE-ODIHR), 2021") for t in titles)
    assert {"Reporting gap, England and Wales", "Rates per 100,000 people by police force, 2018/19",
            "CSO-recorded against police-recorded"} <= set(titles)
    funnel = next(b for b in bundled.blocks if "England and Wales (Home Office, CPS)" in b.title)
    assert funnel.publications == ("CPS Hate crime report 2018-19",
                                   "Home Office, Hate crime England and Wales 2018/19 (HOSB 24/19), Table 2")
    assert funnel.rows[0][:2] == ("Recorded by police", "103,379 offences")
    sources = {publication: (source, periods, how) for source, publication, periods, how in bundled.sources}
    assert sources["OSCE-ODIHR Hate Crime Reporting, United Kingdom official data"] == (
        "OSCE Office for Democratic Institutions and Human Rights (ODIHR)", "2009 to 2021", "bundled example data")
    assert {p for b in bundled.blocks for p in b.publications} == set(sources)


def test_charts_are_vector_svg_with_their_labels_as_text(bundled):
    svg = bundled.blocks[0].svg()
    assert svg.startswith("<svg") and "<image" not in svg
    assert ">Offences recorded</text>" in svg and ">Race</text>" in svg and "stroke-dasharray" in svg


def test_small_counts_are_hidden_from_charts_and_tables_and_rates_that_reveal_them_too():
    section = data_section(_small_figures(), area="Ruritania")
    trend = section.blocks[0]
    assert trend.headings == ("Year", "Race (offences)", "Religion (offences)")
    assert trend.rows[0] == ("2021", "120", "fewer than 10") and trend.rows[1] == ("2022", "130", "15")
    plotted = {(r["period"], r["strand"]): r["value"] for r in next(iter(trend.chart["datasets"].values()))}
    assert plotted[("2021", "Religion")] is None and plotted[("2022", "Religion")] == 15
    cso = next(b for b in section.blocks if b.title.startswith("CSO-recorded"))
    row = dict(zip(cso.headings, cso.rows[0]))
    assert row["Incidents the organisation recorded"] == "fewer than 10"
    assert row["Incidents per 100 police-recorded offences"] == "–"
    assert section.hidden == 2 and "4" not in cso.rows[0]


def test_a_chart_may_not_load_data_from_anywhere(tmp_path):
    secret = tmp_path / "secret.csv"
    secret.write_text("a\nSECRET-MARKER\n")
    hits: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            hits.append(self.path)
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b"a\n1\n")

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    spec = {"data": {"url": f"http://127.0.0.1:{server.server_address[1]}/x.csv"}, "mark": "point",
            "encoding": {"x": {"field": "a", "type": "quantitative"}}}
    try:
        with pytest.raises(ValueError):
            DataBlock("t", "d", spec, (), (), ()).svg()
        local = {**spec, "data": {"url": secret.as_uri()}, "mark": "text",
                 "encoding": {"text": {"field": "a", "type": "nominal"}}}
        assert "SECRET-MARKER" not in DataBlock("t", "d", local, (), (), ()).svg()
    finally:
        server.shutdown()
        server.server_close()
    assert hits == []


def test_hostile_names_in_figures_stay_text_in_the_chart():
    hostile = '<script>alert(1)</script><image href="file:///etc/hostname"/>'
    text = (HEADER + "police,p 2019,2019,Ruritania,all,recorded_offences,5000,\n"
            f'police,p 2019,2019,"{hostile}",all,recorded_offences,300,\n'
            f'police,p 2019,2019,"{hostile}",all,population,100000,\n')
    figures = read_tidy(text, "hostile.csv")
    rates = next(b for b in data_section(figures, area="Ruritania").blocks if b.title.startswith("Rates"))
    svg = rates.svg()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in svg and "<script" not in svg and "<image" not in svg


def test_the_country_s_own_area_is_chosen_before_its_parts():
    from exports.report_data import main_area

    figures = example_figures()
    assert main_area(figures, "England & Wales") == "England and Wales"
    assert main_area(pd.concat([figures, _small_figures()]), "") == "England and Wales"  # the most years


def test_no_figures_no_section():
    assert data_section(example_figures().iloc[0:0]) is None


def _uk_and_spain() -> pd.DataFrame:
    """The bundled figures: England and Wales's, the United Kingdom's, and (OSCE-ODIHR's) Spain's and others'."""
    figures = example_figures()
    assert {"Spain", "England and Wales", "United Kingdom"} <= set(figures["area"])
    return figures


def test_a_spanish_report_shows_spain_s_figures_only():
    from framework import load_method

    m = load_method()
    section = data_section(_uk_and_spain(), country="Spain", model=m.country(m.profiles["es"]))
    assert section.area == "Spain"
    assert [b.title for b in section.blocks] == ["Attrition through the justice system: Spain (OSCE-ODIHR), 2022"]
    assert section.blocks[0].rows[0][:2] == ("Recorded by police", "1,869 hate crimes")
    assert [s[1] for s in section.sources] == ["OSCE-ODIHR Hate Crime Reporting, Spain official data "
                                               "(hatecrime.osce.org/spain)"]
    printed = repr(section)
    assert "England and Wales" not in printed and "United Kingdom" not in printed and "Hungary" not in printed


def test_a_country_without_figures_says_so_rather_than_showing_another_s():
    from framework import load_method

    m = load_method()
    section = data_section(_uk_and_spain(), model=m.country(m.profiles["it"]))
    assert section.blocks == () and section.sources == ()
    assert section.note == "No published figures for Italy have been imported yet."


def test_the_england_and_wales_model_gives_the_section_it_gave_before(model):
    figures = _uk_and_spain()
    before = data_section(figures[figures["imported_from"] != "odihr_countries.csv"])  # the UK files alone
    section = data_section(figures, country="England & Wales", model=model)
    assert section == before  # other countries' figures beside it change nothing
    assert [b.title for b in section.blocks][:3] == [
        "Police-recorded hate crime by strand, England and Wales",
        "Attrition through the justice system: England and Wales (Home Office, CPS), 2018/19",
        "Attrition through the justice system: United Kingdom (OSCE-ODIHR), 2021"]


def _dataset(block: DataBlock) -> list[dict]:
    return next(iter(block.chart["datasets"].values()))


def test_only_figures_for_periods_that_start_before_the_cut_off_are_used():
    section = data_section(example_figures(), country="England & Wales", cutoff="2019")
    later = {"2019", "2020", "2021", "2022", "2023", "2019/20", "2020/21", "2021/22", "2022/23", "2023/24"}
    trend = section.blocks[0]
    assert [r[0] for r in trend.rows][-1] == "2018/19" and not later & {r["period"] for r in _dataset(trend)}
    printed = " ".join([b.title for b in section.blocks] + [c for b in section.blocks for r in b.rows for c in r]
                       + [s[2] for s in section.sources])
    assert not [p for p in later if p in printed.replace("2017-2019", "")]
    assert "Attrition through the justice system: United Kingdom (OSCE-ODIHR), 2018" in [b.title for b in section.blocks]
    assert section.intro.startswith("Figures published for periods up to 2019 (periods that start before "
                                    "1 January 2019) on hate crime in England and Wales")
    assert data_section(example_figures(), cutoff="2007").note == (
        "No figures have been published for periods that start before 1 January 2007, the data cut-off of this report.")


def test_a_missing_year_stays_on_the_axis_breaks_the_line_and_is_named(bundled):
    trend = bundled.blocks[0]
    data = _dataset(trend)
    gap = [r for r in data if r["period"] == "2019/20"]
    assert gap and all(r["value"] is None for r in gap)  # a row with no value: Vega-Lite breaks the line there
    assert "2019/20" in trend.chart["encoding"]["x"]["scale"]["domain"]
    svg = trend.svg()
    assert ">2019/20</text>" in svg
    lines = re.findall(r'aria-roledescription="line mark"[^>]*d="([^"]+)"', svg)
    strands = {r["strand"] for r in data}
    before = {r["run"] for r in data if r["period"] == "2018/19"}
    after = {r["run"] for r in data if r["period"] == "2020/21"}
    assert len(before) == len(after) == len(strands) and not before & after  # each strand's line in two stretches
    assert len(lines) >= 2 * len(strands) - 2  # drawn apart (a stretch of one point draws no line)
    row = dict(zip(trend.headings, next(r for r in trend.rows if r[0] == "2019/20")))
    assert set(list(row.values())[1:]) == {"–"}
    assert ("No figures by strand for 2019/20: only the total is published (105,090 offences; excludes Greater "
            "Manchester Police); the lines are broken there, not joined across the year.") in trend.notes
    assert any(n.startswith("No figures for 2022/23 for Disability and Sexual orientation:") for n in trend.notes)


def test_the_sources_own_notes_are_kept_under_the_block_they_affect(bundled):
    trend = bundled.blocks[0]
    assert "Note (2022/23: Race): excludes Devon and Cornwall Police." in trend.notes
    assert "Note (2022/23: Religion): revised down from 9,387 in the first edition." in trend.notes
    cso = next(b for b in bundled.blocks if b.title.startswith("CSO-recorded"))
    assert ("Note (2017/18: Stop Hate UK, Race): racist incidents; regional service, not national coverage."
            in cso.notes)


def test_a_stage_above_100_percent_of_the_one_before_is_explained(bundled):
    funnel = next(b for b in bundled.blocks if "England and Wales (Home Office, CPS)" in b.title)
    row = dict(zip(funnel.headings, funnel.rows[2]))
    assert row == {"Stage": "Prosecuted (completed)", "Number": "12,828 defendants", "% of the stage before": "119.3%",
                   "% of the first stage": "12.4%", "How counted": "published count"}
    why = [n for n in funnel.notes if n.startswith("Why a stage can pass 100%")]
    assert why == ["Why a stage can pass 100%: Prosecuted (completed) is 119.3% of Referred to prosecution. Each "
                   "source counts its own units in its own year (here defendants against suspects), and a case "
                   "counted at one stage in one year can reach the next stage in a later year, so the stages are "
                   "not one group of cases followed through."]
    odihr_uk = next(b for b in bundled.blocks if "United Kingdom (OSCE-ODIHR)" in b.title)
    assert not [n for n in odihr_uk.notes if n.startswith("Why")]  # no stage passes 100% there


def test_a_stage_ten_times_the_one_before_is_named_as_most_likely_another_count():
    """Hungary's published sentenced figures (8,928 for 50 prosecuted in 2023) are kept, and said to be doubtful."""
    from framework import load_method

    m = load_method()
    section = data_section(example_figures(), country="Hungary", model=m.country(m.profiles["hu"]))
    funnel = section.blocks[0]
    assert dict(zip(funnel.headings, funnel.rows[2]))["Number"] == "8,928 cases"
    why = next(n for n in funnel.notes if n.startswith("Why a stage can pass 100%"))
    assert why.endswith("But Sentenced is more than ten times Prosecuted: it most likely counts something else (all "
                        "cases of its kind, not only hate crimes, or another unit); ask its publisher before citing it.")
    uk = next(b for b in data_section(example_figures(), country="England & Wales").blocks
              if "Home Office, CPS" in b.title)
    assert not [n for n in uk.notes if "ten times" in n]  # 119.3% is explained, not doubted


def _reader_facing(section) -> list[str]:
    return [getattr(section, "intro", ""), section.note, *(t for b in section.blocks for t in (
        b.title, b.definition, *b.headings, *(c for r in b.rows for c in r), *getattr(b, "notes", ()),
        *b.publications)),
        *(c for s in section.sources for c in s)]


@pytest.mark.parametrize("profile, country", [("ew", "England & Wales"), ("es", "Spain")])
def test_reader_facing_text_has_no_codes_column_names_or_file_names(profile, country):
    from framework import load_method

    m = load_method()
    section = data_section(example_figures(), country=country, model=m.country(m.profiles[profile]))
    assert section.blocks and section.sources
    texts = _reader_facing(section)
    assert not [t for t in texts if "cso:" in t or "official:" in t or ".csv" in t]
    assert not [t for t in texts if re.search(r"[a-z]_[a-z]", t)]  # no conviction_rate_pct, anti_grt …
    assert not [s for s in section.sources if s[0] in {"police", "prosecution", "survey", "ODIHR", "CST"}]
    assert {s[3] for s in section.sources} == {"bundled example data"}


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_imported_figures_say_who_imported_them_and_when_in_words(repo):
    from sqlalchemy import update

    from store.figures import FigureStore
    from store.tables import DatasetRow

    store = FigureStore(repo.engine)
    store.import_frame(_small_figures(), "ruritania.csv", imported_by="Ann Smith")
    with repo.engine.begin() as conn:  # a fixed time, not the host's clock
        conn.execute(update(DatasetRow).values(imported_at=datetime(2024, 5, 3, 10, 0, tzinfo=timezone.utc)))
    section = data_section(store.frame(), area="Ruritania")
    assert {s[3] for s in section.sources} == {"imported by Ann Smith on 3 May 2024"}
    assert {s[0] for s in section.sources} == {"Police (recorded crime statistics)", "Help Line"}
    assert {s[3] for s in data_section(_small_figures(), area="Ruritania").sources} == {"a file given for this report"}


def test_measures_show_each_value_with_its_unit_once(model, ew):
    from exports.report import report_context
    from exports.report_data import MEASURE_HEADINGS

    context = report_context(model, ew, example_figures())
    assert tuple(MEASURE_HEADINGS) == ("Measure", "Baseline", "Now", "Target", "Progress to target", "Source")
    rows = {r[0]: r for r in context["measure_rows"]}
    assert rows["Convictions with a sentence uplift announced"] == (
        "Convictions with a sentence uplift announced", "73.6% (2018/19)", "73.6% (2018/19)", "85% (2022/23)", "0%",
        "CPS Hate crime report 2018-19")
    assert rows["Hate incidents that come to police attention"][1:4] == ("to be established", "no figures",
                                                                         "60% (2022/23)")
