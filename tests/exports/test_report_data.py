"""The report's data section: the dashboard's charts as vector SVG, sources and editions, small counts hidden."""

from __future__ import annotations

import http.server
import threading

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
    assert funnel.rows[0][:2] == ("Recorded by police", "103,379")
    sources = {publication: (source, periods, file) for source, publication, periods, file in bundled.sources}
    assert sources["OSCE-ODIHR Hate Crime Reporting, United Kingdom official data"] == (
        "official:ODIHR", "2009 to 2021", "odihr_united_kingdom.csv")
    assert {p for b in bundled.blocks for p in b.publications} == set(sources)


def test_charts_are_vector_svg_with_their_labels_as_text(bundled):
    svg = bundled.blocks[0].svg()
    assert svg.startswith("<svg") and "<image" not in svg
    assert ">Offences recorded</text>" in svg and ">Race</text>" in svg and "stroke-dasharray" in svg


def test_small_counts_are_hidden_from_charts_and_tables_and_rates_that_reveal_them_too():
    section = data_section(_small_figures(), area="Ruritania")
    trend = section.blocks[0]
    assert trend.headings == ("Year", "Race", "Religion")
    assert trend.rows[0] == ("2021", "120", "fewer than 10") and trend.rows[1] == ("2022", "130", "15")
    plotted = {(r["period"], r["strand"]): r["value"] for r in next(iter(trend.chart["datasets"].values()))}
    assert plotted[("2021", "Religion")] is None and plotted[("2022", "Religion")] == 15
    cso = next(b for b in section.blocks if b.title.startswith("CSO-recorded"))
    row = dict(zip(cso.headings, cso.rows[0]))
    assert row["CSO incidents"] == "fewer than 10" and row["CSO per 100 police"] == "–"
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
    assert section.blocks[0].rows[0][:2] == ("Recorded by police", "1,869")
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
