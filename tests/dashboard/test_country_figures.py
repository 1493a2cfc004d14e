"""Several countries' figures in one database: kept apart by area, checked per country, shown only
for the assessment's own country."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.areas import areas_to_show, no_figures, of_country
from dashboard.checks import check
from dashboard.evidence import evidence_for
from dashboard.examples import example_figures
from dashboard.statistics import read_tidy
from framework import ROOT
from store import open_repository
from store.figures import FigureStore

COUNTRIES = ROOT / "data" / "odihr_countries.csv"


@pytest.fixture(scope="module")
def countries(method):
    return {code: method.country(method.profiles[code]) for code in ("ew", "es", "hu", "gr", "it")}


def test_figures_of_several_countries_imported_into_one_database_stay_apart_by_area(method, tmp_path, countries):
    repo = open_repository(method, f"sqlite:///{tmp_path / 'ffgrid.db'}")
    store = FigureStore(repo.engine)
    store.import_frame(read_tidy(ROOT / "data" / "odihr_united_kingdom.csv"), "odihr_united_kingdom.csv")
    store.import_frame(read_tidy(COUNTRIES), "odihr_countries.csv")
    stored = store.frame()
    repo.engine.dispose()
    assert {"United Kingdom", "Spain", "Hungary", "Greece"} == set(stored["area"])
    spain = of_country(stored, countries["es"])
    assert set(spain["area"]) == {"Spain"} and len(spain) == len(read_tidy(COUNTRIES).query("area == 'Spain'"))
    assert set(of_country(stored, countries["ew"])["area"]) == {"United Kingdom"}
    assert areas_to_show(countries["ew"], stored) == ("United Kingdom",)
    assert of_country(stored, countries["it"]).empty
    assert no_figures(countries["it"]) == "No published figures for Italy have been imported yet."


def test_the_checks_flag_each_country_s_own_rows():
    flags = check(read_tidy(COUNTRIES))
    order = {(f.area, f.period, f.measure) for f in flags if f.rule == "stage_order"}
    # Hungary: 8,980 sentenced against 58 prosecuted in 2022; 18 prosecuted against 15 recorded in 2009
    assert {("Hungary", "2022", "sentenced"), ("Hungary", "2009", "prosecuted"), ("Hungary", "2021", "prosecuted"),
            ("Hungary", "2021", "sentenced"), ("Hungary", "2023", "sentenced")} <= order
    assert {a for a, _, _ in order} == {"Hungary"}  # Spain's and Greece's stages are in order
    message = next(f.message for f in flags if (f.area, f.period, f.measure, f.rule) == (
        "Hungary", "2022", "sentenced", "stage_order"))
    assert message == "Sentenced (cases): 8,980, more than Prosecuted (cases): 58"  # in words, not codes
    missing = {(f.area, f.period, f.measure) for f in flags if f.rule == "missing_stage"}
    assert ("Greece", "2011", "recorded_by_police") in missing and ("Hungary", "2020", "sentenced") in missing


def test_the_checks_compare_stages_within_one_area_even_under_one_publication():
    head = "source,publication,period,area,strand,measure,value\n"
    figures = read_tidy(head + "official:ODIHR,One report,2022,Spain,all,recorded_by_police,1869\n"
                               "official:ODIHR,One report,2022,Hungary,all,prosecuted,58\n"
                               "official:ODIHR,One report,2022,Hungary,all,sentenced,8980\n", "one.csv")
    flags = [(f.area, f.rule, f.measure) for f in check(figures)]
    assert ("Hungary", "stage_order", "sentenced") in flags
    assert not [f for f in flags if f[0] == "Spain"]  # not compared with Hungary's counts


def test_evidence_and_measures_come_from_the_assessment_s_country_only(countries):
    figures = pd.concat([example_figures(), read_tidy(COUNTRIES)], ignore_index=True)
    spain = {i.label: (i.value, i.period) for i in evidence_for("police-courts", figures, countries["es"])}
    ew = {i.label: (i.value, i.period) for i in evidence_for("police-courts", figures, countries["ew"])}
    label = "Sentenced, share of recorded (ODIHR)"
    assert spain[label] == ("8.1%", "2022")  # 152 of 1,869
    assert ew[label] == ("0.6%", "2021")  # the United Kingdom's 932 of 158,018
    assert evidence_for("police-courts", figures, countries["it"]) == []
    assert not any("England" in i.publication or "CPS" in i.publication
                   for i in evidence_for("police-prosecution", figures, countries["es"]))
