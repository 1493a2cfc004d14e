"""Indicators on small hand-made figures with known answers, and on the bundled data."""

from __future__ import annotations

import pytest

from dashboard.funnels import series_for
from dashboard.indicators import (
    cso_vs_police, end_year, funnel, latest_edition, rates_per_100k, reporting_gap, with_reach,
)
from dashboard.mapping import apply_mapping, load_mapping
from dashboard.statistics import read_tidy
from framework import ROOT

HEAD = "source,publication,period,area,strand,measure,value\n"
ENGLAND_WALES = series_for("england-wales", "England and Wales")


def _tidy(rows: str):
    return read_tidy(HEAD + rows, "t.csv")


def test_the_edition_is_chosen_before_a_filter_on_years():
    figures = with_reach(_tidy("police,Release 2015 (first),2014/15,E,all,recorded_offences,52528\n"
                               "police,Bulletin 2019,2014/15,E,all,recorded_offences,52465\n"
                               "police,Bulletin 2019,2018/19,E,all,recorded_offences,103379\n"))
    early = figures[figures["period"] == "2014/15"]  # the bulletin's 2018/19 row filtered away
    assert latest_edition(early)["value"].tolist() == [52465.0]
    assert end_year("2015/16-2017/18") == 2017


def test_the_latest_edition_wins_and_is_named():
    figures = _tidy("police,Release 2015 (first),2014/15,E,all,recorded_offences,52528\n"
                    "police,Bulletin 2019,2014/15,E,all,recorded_offences,52465\n"
                    "police,Bulletin 2019,2018/19,E,all,recorded_offences,103379\n")
    latest = latest_edition(figures)
    assert latest.set_index("period").loc["2014/15", ["value", "publication"]].tolist() == [52465.0, "Bulletin 2019"]
    assert len(latest) == 2


def test_funnel_counts_rates_and_a_stage_derived_from_a_rate():
    figures = _tidy(("police,h,2018/19,E,all,recorded_offences,1000\n"
                     "prosecution,c,2018/19,E,all,police_referrals,200\n"
                     "prosecution,c,2018/19,E,all,prosecutions_completed,250\n"
                     "prosecution,c,2018/19,E,all,conviction_rate_pct,80\n"
                     "prosecution,c,2018/19,E,all,sentence_uplift_rate_pct,50\n"
                     "police,h,2018/19,Cleveland,all,recorded_offences,77\n").replace(",E,", ",England and Wales,"))
    f = funnel(figures, ENGLAND_WALES).set_index("stage")
    assert f["count"].tolist() == [1000, 200, 250, 200, 100]
    assert f["pct_of_previous"].tolist()[1:] == [20.0, 125.0, 80.0, 50.0]  # CPS may complete more than referred
    assert f.loc["Sentence uplift applied", "pct_of_first"] == 10.0
    assert f.loc["Convicted", "how"] == "derived: the published rate, 80% of the previous stage"  # words, no code
    assert f["unit"].tolist() == ["offences", "suspects", "defendants", "defendants", "convictions"]
    assert f.loc["Prosecuted (completed)", "how"] == "published count"


def test_a_missing_stage_is_listed_and_rates_skip_over_it():
    figures = _tidy("police,h,2014/15,England and Wales,all,recorded_offences,1000\n"
                    "prosecution,c,2014/15,England and Wales,all,prosecutions_completed,300\n")
    f = funnel(figures, ENGLAND_WALES).set_index("stage")
    assert f.loc["Referred to prosecution", "how"] == "not published"
    assert f.loc["Prosecuted (completed)", "pct_of_previous"] == 30.0


def test_the_odihr_funnel_on_the_bundled_series():
    f = funnel(read_tidy(ROOT / "data" / "odihr_united_kingdom.csv"), series_for("odihr", "United Kingdom"))
    y2009 = f[f["period"] == "2009"].set_index("stage")
    assert y2009["count"].tolist() == [58692, 13030, 10690]
    assert y2009.loc["Sentenced", "pct_of_previous"] == pytest.approx(82.0)
    assert f[(f["period"] == "2016") & (f["stage"] == "Sentenced")]["how"].item() == "not published"


def test_rates_per_100k_match_the_published_rates():
    data = ROOT / "data"
    figures = apply_mapping((data / "bbc_hatecrime_by_force_2017_19.csv").read_text(encoding="utf-8"),
                            load_mapping(data / "mappings" / "bbc_hatecrime_by_force.yaml"), "bbc.csv")
    rates = rates_per_100k(figures)
    ours = rates[rates["strand"] == "all"].set_index(["period", "area"])["per_100k"]
    published = figures[figures["measure"] == "offences_per_100k_population"].set_index(["period", "area"])["value"]
    both = ours.to_frame().join(published, how="inner")
    assert len(both) > 80 and (both["per_100k"] - both["value"]).abs().max() <= 0.5  # published rounded
    assert ("2017/18", "London, City of") not in ours.index  # no population ('#N/A'): no rate
    assert _tidy("police,p,2018,A,all,recorded_offences,50\npolice,p,2018,A,all,population,200000\n").pipe(
        rates_per_100k)["per_100k"].item() == 25.0


def test_reporting_gap_against_the_mean_of_the_pooled_years():
    figures = _tidy("survey,s,2016/17-2017/18,E,all,survey_estimated_incidents_per_year,1000\n"
                    "police,h,2016/17,E,all,recorded_offences,300\npolice,h,2017/18,E,all,recorded_offences,500\n"
                    "survey,s,2010/11-2011/12,E,all,survey_estimated_incidents_per_year,900\n"
                    "police,h,2011/12,E,all,recorded_offences,100\n"
                    "survey,s,2016/17-2017/18,E,race,survey_estimated_incidents_per_year,600\n")
    gap = reporting_gap(figures, area="E").set_index("period")
    assert len(gap) == 2  # a per-strand estimate is not set against the all-strand police total
    assert gap.loc["2016/17-2017/18", ["police_recorded_mean", "recorded_share_pct"]].tolist() == [400.0, 40.0]
    assert gap.loc["2010/11-2011/12", "recorded_share_pct"] != gap.loc["2010/11-2011/12", "recorded_share_pct"]  # NaN


def test_cso_figures_beside_police_figures_of_the_strand_they_fall_within():
    figures = _tidy("cso:CST,r,2018,United Kingdom,antisemitism,incidents_reported,1652\n"
                    "police,h,2018/19,England and Wales,religion,recorded_offences,8566\n"
                    "police,h,2018/19,England and Wales,race,recorded_offences,78991\n")
    row = cso_vs_police(figures).iloc[0]
    assert (row.organisation, row.police_strand, row.police_recorded, row.cso_per_100_police) == (
        "CST", "religion", 8566.0, 19.3)
    assert row.cso_area != row.police_area  # the areas are named, as they differ
