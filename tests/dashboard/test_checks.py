"""Data-quality rules on hand-made figures with known answers, and on the bundled ODIHR series."""

from __future__ import annotations

import pytest

from dashboard.checks import CheckSettings, check
from dashboard.statistics import read_tidy
from framework import ROOT

HEAD = "source,publication,period,area,strand,measure,value\n"
SETTINGS = CheckSettings(stage_order={"official:X": ["recorded", "prosecuted", "sentenced"]},
                         yoy_change_threshold_pct=50,
                         strand_sum=[{"source": "police", "measure": "recorded_offences",
                                      "total_measure": "motivating_factors"}])


def _rules(csv_rows: str) -> list[tuple[str, str, str]]:
    return [(f.rule, f.period, f.measure) for f in check(read_tidy(HEAD + csv_rows, "t.csv"), SETTINGS)]


def test_clean_figures_raise_nothing():
    assert _rules("official:X,p,2018,A,all,recorded,100\nofficial:X,p,2018,A,all,prosecuted,40\n"
                  "official:X,p,2018,A,all,sentenced,20\nofficial:X,p,2019,A,all,recorded,120\n"
                  "official:X,p,2019,A,all,prosecuted,50\nofficial:X,p,2019,A,all,sentenced,25\n") == []


def test_a_later_stage_above_an_earlier_one():
    assert _rules("official:X,p,2018,A,all,recorded,100\nofficial:X,p,2018,A,all,prosecuted,140\n") == [
        ("stage_order", "2018", "prosecuted")]


def test_a_missing_stage_and_a_missing_year():
    flags = _rules("official:X,p,2017,A,all,recorded,100\nofficial:X,p,2017,A,all,sentenced,10\n"
                   "official:X,p,2018,A,all,recorded,100\n"
                   "official:X,p,2020,A,all,recorded,110\nofficial:X,p,2020,A,all,sentenced,11\n")
    assert ("missing_stage", "2018", "sentenced") in flags
    assert ("missing_period", "2020", "recorded") in flags  # 2019 absent
    assert ("missing_period", "2020", "sentenced") in flags


def test_year_on_year_change_beyond_the_threshold_within_one_publication_only():
    assert _rules("police,p,2018/19,A,race,recorded_offences,100\npolice,p,2019/20,A,race,recorded_offences,151\n"
                  ) == [("yoy_change", "2019/20", "recorded_offences")]
    assert _rules("police,p,2018/19,A,race,recorded_offences,100\npolice,p,2019/20,A,race,recorded_offences,150\n"
                  ) == []  # exactly 50% is allowed
    assert _rules("police,p,2018/19,A,race,recorded_offences,100\npolice,q,2019/20,A,race,recorded_offences,300\n"
                  ) == []  # two publications are two series


def test_a_jump_from_zero_is_flagged():
    assert _rules("police,p,2018/19,A,race,recorded_offences,0\npolice,p,2019/20,A,race,recorded_offences,500\n"
                  ) == [("yoy_change", "2019/20", "recorded_offences")]


def test_motivations_are_not_summed_on_top_of_their_monitored_strand():
    assert _rules("police,p,2018/19,A,religion,recorded_offences,100\n"
                  "police,p,2018/19,A,antisemitism,recorded_offences,60\n"
                  "police,p,2018/19,A,all,motivating_factors,120\n") == []


def test_strands_above_motivating_factors_but_not_above_offences():
    rows = ("police,p,2018/19,A,race,recorded_offences,70\npolice,p,2018/19,A,religion,recorded_offences,40\n"
            "police,p,2018/19,A,all,recorded_offences,100\n")
    assert _rules(rows + "police,p,2018/19,A,all,motivating_factors,110\n") == []
    assert _rules(rows + "police,p,2018/19,A,all,motivating_factors,105\n") == [
        ("strand_sum", "2018/19", "recorded_offences")]


def test_percentages_outside_0_to_100():
    assert _rules("prosecution,p,2018/19,A,all,conviction_rate_pct,101\n"
                  "prosecution,p,2018/19,A,all,charge_rate_pct,-1\n") == [
        ("pct_range", "2018/19", "conviction_rate_pct"), ("pct_range", "2018/19", "charge_rate_pct")]


def test_the_real_odihr_anomalies_are_found():
    flags = check(read_tidy(ROOT / "data" / "odihr_united_kingdom.csv"))
    found = {(f.rule, f.period, f.measure) for f in flags}
    assert {("yoy_change", "2014", "prosecuted"), ("yoy_change", "2015", "prosecuted"),
            ("yoy_change", "2021", "prosecuted"), ("yoy_change", "2014", "sentenced"),
            ("missing_stage", "2016", "sentenced")} <= found


@pytest.mark.parametrize("name", ["england_wales_hate_crime.csv", "odihr_united_kingdom.csv"])
def test_flags_name_the_figure(name):
    for f in check(read_tidy(ROOT / "data" / name)):
        assert f.period and f.area and f.source and f.strand and f.measure and f.publication and f.message
