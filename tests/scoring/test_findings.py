"""Key findings generated from the scores: in words, naming lines by title and strand, never by id."""

from __future__ import annotations

from framework import load_assessment
from framework.loader import bundled_assessments
from scoring import score_assessment
from scoring.findings import generated_findings, weakest


def _texts(found):
    return {f.kind: f.text for f in found}


def test_the_2019_grid_gives_its_counts_weakest_lines_and_unused_frameworks_in_words(model, ew):
    found = _texts(generated_findings(model, score_assessment(model, ew)))
    assert found["counts"] == "Of the 35 lines rated, 16 are GREEN, 9 AMBER and 10 RED; 1 line is not applicable."
    assert found["weakest"].startswith("The weakest relationships: Victims – Courts of England and Wales (judiciary) "
                                       "(RED, framework 2, action 0); Victims – CSO monitoring racist hate crime")
    assert "(framework at least two points above action): Victims – Courts" in found["action"]
    assert "moved" not in found
    assert not any(code in text for text in found.values() for code in ("victim-courts", "anti-grt", "cso-"))


def test_what_moved_since_the_previous_assessment_is_said_with_both_ratings(method, model, ew):
    later = next(load_assessment(p, method) for p in bundled_assessments() if "2024" in p.name)
    found = _texts(generated_findings(model, score_assessment(model, later), score_assessment(model, ew),
                                      "the assessment of 2019"))
    assert found["moved"].startswith("Since the assessment of 2019, 6 lines moved up (Police forces of England and "
                                     "Wales – Courts of England and Wales (judiciary): AMBER → GREEN")
    assert "and 3 lines moved down (Police forces of England and Wales – Home Office: GREEN → AMBER" in found["moved"]
    same = _texts(generated_findings(model, score_assessment(model, ew), score_assessment(model, ew), "2019"))
    assert same["moved"] == "Since 2019, no line has changed its rating."


def test_standards_cited_only_by_red_lines_are_named(model, ew):
    reds = tuple(ln.model_copy(update={"framework": 0, "action": 0, "rating": None, "na_reason": None,
                                       "strands": tuple(s.model_copy(update={"framework": 0, "action": 0,
                                                                             "rating": None, "na_reason": None})
                                                        for s in ln.strands)})
                 for ln in ew.lines)
    found = _texts(generated_findings(model, score_assessment(model, ew.model_copy(update={"lines": reds}))))
    assert found["standards"].startswith("Standards 1, 2, 3, 4, 5 and ")
    assert found["standards"].endswith("cited only by lines rated RED: where the system falls furthest short "
                                       "of the method.")


def test_nothing_scored_says_so(model, ew):
    found = generated_findings(model, score_assessment(model, ew.model_copy(update={"lines": ()})))
    assert [f.kind for f in found] == ["counts"] and "No line has been scored yet" in found[0].text


def test_weakest_breaks_ties_in_grid_order(model, ew):
    lines = score_assessment(model, ew)
    tied = [ln for ln in weakest(lines, 50) if ln.total == 2 and ln.action == 1]
    assert [ln.grid_row for ln in tied] == sorted(ln.grid_row for ln in tied)
