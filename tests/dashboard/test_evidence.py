"""Indicators linked to relationships of the grid, to cite as evidence."""

from __future__ import annotations

import pandas as pd

from dashboard.evidence import evidence_for, links
from dashboard.statistics import read_tidy
from dashboard.vocabulary import strands
from framework import ROOT

HEAD = "source,publication,period,area,strand,measure,value\n"


def test_every_link_names_a_relationship_of_the_model_and_known_strands(model):
    for relationship, items in links().items():
        assert relationship in model.relationships
        for _, limited in items:
            assert set(limited or ()) <= set(strands())


def test_police_to_prosecution_shows_referral_and_prosecution_shares():
    figures = read_tidy(HEAD + "police,h,2018/19,England and Wales,all,recorded_offences,1000\n"
                               "prosecution,c,2018/19,England and Wales,all,police_referrals,150\n"
                               "prosecution,c,2018/19,England and Wales,all,prosecutions_completed,120\n", "t.csv")
    shown = {i.label: (i.value, i.period, i.publication) for i in evidence_for("police-prosecution", figures)}
    assert shown["Referred to prosecution, share of recorded"] == ("15.0%", "2018/19", "c")
    assert shown["Prosecutions completed, share of recorded"] == ("12.0%", "2018/19", "c")


def test_cso_lines_show_only_their_strands_and_unlinked_lines_nothing():
    figures = pd.concat([read_tidy(ROOT / "data" / "england_wales_hate_crime.csv")])
    labels = [i.label for i in evidence_for("cso-disability-police", figures)]
    assert labels == ["Incidents recorded by a CSO (Stop Hate UK, Disability)"]  # the strand in words
    assert evidence_for("igos-csos", figures) == []
