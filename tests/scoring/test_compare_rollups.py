"""Comparisons between assessments, roll-ups per actor and standard, and completeness."""

from __future__ import annotations

import pytest

from framework import assessment_from_text
from scoring import by_actor, by_standard, compare, compare_assessments, completeness, score_assessment

HEAD = 'id: t\ntitle: T\ncountry: T\ndate: "{date}"\nmodel_version: "2026.1"\nprofile: ew\nauthor: A\nlines:\n'


def assessment(method, date: str, body: str):
    return assessment_from_text(HEAD.format(date=date) + body, f"{date}.yaml", method)


@pytest.fixture
def pair(method):
    before = assessment(method, "2019", """\
  - {relationship: police-courts, framework: 1, action: 2}
  - {relationship: victim-courts, framework: 2, action: 0}
  - {relationship: public-police, framework: 3, action: 2}
  - {relationship: police-prosecution, framework: 2, action: 1}
  - {relationship: ministries-grey-line, framework: 2, action: 3, rating: n/a, na_reason: not rated}
  - relationship: csos-ministries
    strands:
      - {strand: racist, framework: 1, action: 1}
      - {strand: anti-lgbt, framework: 2, action: 2}
""")
    after = assessment(method, "2024", """\
  - {relationship: police-courts, framework: 3, action: 2}
  - {relationship: victim-courts, framework: 2, action: 0}
  - {relationship: public-police, framework: 2, action: 1}
  - {relationship: police-prosecution, framework: 2, action: 2}
  - {relationship: ministries-grey-line, framework: 2, action: 3}
  - relationship: csos-ministries
    strands:
      - {strand: racist, framework: 2, action: 2}
      - {strand: anti-lgbt, framework: 1, action: 1}
""")
    return before, after


def test_compare_finds_moves_up_and_down(model, pair):
    changes = {(c.relationship, c.strand): c for c in compare_assessments(model, *pair)}
    assert changes[("police-courts", None)].direction == "up"
    assert changes[("police-courts", None)].score_delta == 2
    assert changes[("public-police", None)].direction == "down"
    assert changes[("victim-courts", None)].direction == "same"
    assert changes[("police-prosecution", None)].direction == "same"      # amber 3 -> amber 4
    assert changes[("police-prosecution", None)].score_delta == 1
    assert changes[("ministries-grey-line", None)].direction == "changed"  # n/a -> green
    assert changes[("csos-ministries", "racist")].direction == "up"
    assert changes[("csos-ministries", "anti-lgbt")].direction == "down"
    assert changes[("csos-ministries", "disability")].direction == "same"  # unscored both times


def test_compare_reports_added_and_removed_lines(model, pair):
    before, after = (score_assessment(model, a) for a in pair)
    changes = compare(before[:3], after[1:4])
    assert [c.direction for c in changes if c.direction in ("added", "removed")] == ["removed", "added"]


def test_compare_refuses_different_model_versions(model, pair):
    other = pair[1].model_copy(update={"model_version": "2030.1"})
    with pytest.raises(ValueError, match="2030.1"):
        compare_assessments(model, pair[0], other)


def test_rollup_by_actor_counts_cluster_lines_for_members(model, ew):
    rollup = by_actor(model, score_assessment(model, ew))
    courts = rollup["courts"]
    assert (courts["amber"], courts["red"]) == (2, 1)  # police-courts, prosecution-courts; victim-courts
    # home office: police, victim, public lines + ministries grey line + CSO and IGO lines to the grey line
    assert sum(rollup["ministry-of-interior"].values()) == 3 + 1 + 6 + 1
    # its three own lines are red; the CSOs-to-CPS and IGOs-to-CSOs lines reach it through the csos cluster
    assert rollup["cso-racist"] == {"green": 2, "amber": 0, "red": 3, "n/a": 0, "unscored": 0}


def test_rollup_by_standard(model, ew):
    rollup = by_standard(model, score_assessment(model, ew))
    assert rollup[27].lines == () and not rollup[27].only_red
    assert {ln.relationship for ln in rollup[31].lines} >= {"victim-cso-racist", "public-cso-antisemitism"}
    assert rollup[5].counts["green"] >= 2
    red_only = [sid for sid, r in rollup.items() if r.only_red]
    assert all(set(rollup[s].counts) and rollup[s].counts["green"] == 0 for s in red_only)


def test_completeness(model, pair):
    c = completeness(score_assessment(model, pair[0]))
    assert (c.total, c.scored) == (36, 7)
    assert ("csos-ministries", "disability") in c.unscored
    assert round(c.percent, 1) == round(700 / 36, 1)


def test_bundled_illustrative_2024_moves_lines_both_ways(method, model, ew):
    from framework import ROOT, load_assessment

    later = load_assessment(ROOT / "assessments" / "england-wales-2024-illustrative.yaml", method)
    assert later.illustrative and "ILLUSTRATIVE" in later.title and "not an official" in later.notes.lower()
    moves = {(c.relationship, c.strand): c.direction for c in compare_assessments(model, ew, later)}
    assert moves[("police-courts", None)] == "up" and moves[("victim-cso-racist", None)] == "up"
    assert moves[("police-ministry-of-interior", None)] == "down" and moves[("cso-anti-lgbt-police", None)] == "down"
    assert moves[("csos-ministries", "disability")] == "up"
