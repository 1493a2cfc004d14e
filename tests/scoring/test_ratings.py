"""Ratings: the bands at every total, N/A, unscored, per-strand lines and the England & Wales counts."""

from __future__ import annotations

import pytest

from framework import assessment_from_text
from scoring import count_ratings, rate, score_assessment

HEAD = 'id: t\ntitle: T\ncountry: T\ndate: "2024"\nmodel_version: "2026.1"\nprofile: ew\nauthor: A\nlines:\n'


@pytest.mark.parametrize("framework, action, expected", [
    (0, 0, "red"), (1, 0, "red"), (1, 1, "red"), (2, 0, "red"),
    (2, 1, "amber"), (3, 0, "amber"), (2, 2, "amber"), (3, 1, "amber"),
    (3, 2, "green"), (2, 3, "green"), (3, 3, "green"),
])
def test_band_at_every_total(model, framework, action, expected):
    assert rate(model, framework, action) == expected


def test_every_total_0_to_6_has_the_seed_band(model):
    bands = [model.framework.band_for(t).id for t in range(7)]
    assert bands == ["red", "red", "red", "amber", "amber", "green", "green"]


def test_missing_score_is_unscored_and_na_wins(model):
    assert rate(model, 3, None) == "unscored"
    assert rate(model, 2, 3, not_applicable=True) == "n/a"


def test_ew_2019_counts_match_the_grid(model, ew):
    lines = score_assessment(model, ew)
    assert len(lines) == 36
    assert count_ratings(lines) == {"green": 16, "amber": 9, "red": 10, "n/a": 1, "unscored": 0}
    assert len({ln.key for ln in lines}) == 36


def test_ew_2019_each_line_has_the_seed_scores(model, ew):
    by_key = {ln.key: ln for ln in score_assessment(model, ew)}
    expected = {
        ("police-prosecution", None): (3, 2, "green"), ("police-courts", None): (1, 2, "amber"),
        ("victim-courts", None): (2, 0, "red"), ("public-cso-anti-lgbt", None): (3, 1, "amber"),
        ("ministries-grey-line", None): (2, 3, "n/a"), ("igos-ministries", None): (3, 3, "green"),
        ("csos-ministries", "antisemitism"): (3, 2, "green"), ("csos-ministries", "anti-muslim"): (3, 2, "green"),
        ("csos-ministries", "anti-lgbt"): (2, 2, "amber"), ("csos-ministries", "racist"): (1, 1, "red"),
        ("csos-ministries", "disability"): (1, 1, "red"), ("csos-ministries", "anti-grt"): (1, 1, "red"),
    }
    for key, (f, a, r) in expected.items():
        line = by_key[key]
        assert (line.framework, line.action, line.rating) == (f, a, r), key


def test_per_strand_lines_join_the_strand_cso_and_point_to_one_row(model, ew):
    strand_lines = [ln for ln in score_assessment(model, ew) if ln.relationship == "csos-ministries"]
    assert [ln.from_ for ln in strand_lines] == [f"cso-{s}" for s in
                                                 ("antisemitism", "anti-muslim", "anti-lgbt", "racist", "disability", "anti-grt")]
    assert {ln.to for ln in strand_lines} == {"government-ministries"}
    assert {ln.grid_row for ln in strand_lines} == {29}


def test_lines_not_in_the_assessment_are_unscored(method, model):
    a = assessment_from_text(HEAD + "  - {relationship: police-courts, framework: 1, action: 2}\n"
                             "  - relationship: csos-ministries\n"
                             "    strands: [{strand: racist, framework: 1, action: 1}]\n", "t.yaml", method)
    lines = score_assessment(model, a)
    counts = count_ratings(lines)
    assert counts == {"green": 0, "amber": 1, "red": 1, "n/a": 0, "unscored": 34}
    assert lines[1].key == ("csos-ministries", "racist") and lines[2].key == ("csos-ministries", "antisemitism")
