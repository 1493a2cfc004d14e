"""The assessment loader: the England & Wales grid loads; each error names file, line, field, line id."""

from __future__ import annotations

import textwrap

import pytest

from conftest import EW_2019
from framework import ValidationFailed, assessment_from_text, load_assessment
from helpers import line_number

HEAD = """\
id: test
title: Test assessment
country: Testland
date: "2024"
model_version: "2026.1"
profile: ew
author: Test author
lines:
"""


def problems(method, body: str) -> list[str]:
    with pytest.raises(ValidationFailed) as err:
        assessment_from_text(HEAD + textwrap.dedent(body), "test.yaml", method)
    return [str(p) for p in err.value.problems]


def test_ew_2019_has_every_grid_row(ew):
    assert ew.country == "England & Wales"
    assert [ln.grid_row for ln in ew.lines] == list(range(1, 32))
    assert len({ln.relationship for ln in ew.lines}) == 31


def test_ew_2019_keeps_full_national_situation_text(ew):
    first = ew.lines[0]
    assert first.relationship == "police-prosecution"
    assert "94,098 hate crimes were recorded in 2017-2018" in first.situation.action
    assert "Hate Crime Evidence Checklist" in first.situation.framework
    assert max(len(ln.situation.framework or "") + len(ln.situation.action or "") for ln in ew.lines) > 5000
    assert "<p>" not in first.situation.framework and "href" not in first.situation.action


def test_ew_2019_evidence_keeps_titles_and_only_real_urls(ew):
    evidence = [e for ln in ew.lines for e in ln.evidence]
    assert len(evidence) > 50
    assert all(e.url is None or e.url.startswith("http") for e in evidence)
    urls = {e.url for e in evidence if e.url}
    assert any("justiceinspectorates.gov.uk" in u for u in urls)
    assert not any(u.endswith("#") for u in urls)


def test_valid_minimal_assessment(method):
    a = assessment_from_text(HEAD + "  - relationship: police-courts\n    framework: 1\n    action: 2\n",
                             "t.yaml", method)
    assert a.lines[0].framework == 1 and a.lines[0].rating is None


def test_score_out_of_range_names_file_line_relationship_and_value(method):
    [msg] = problems(method, """\
      - relationship: police-courts
        framework: 1
        action: 7
    """)
    assert msg == "test.yaml:11: lines[0].action (police-courts): score 7 is outside 0-3"


def test_negative_score(method):
    [msg] = problems(method, "  - {relationship: police-courts, framework: -1, action: 2}\n")
    assert "lines[0].framework" in msg and "score -1 is outside 0-3" in msg


def test_score_must_be_an_integer(method):
    [msg] = problems(method, "  - {relationship: police-courts, framework: 2, action: 2.5}\n")
    assert "lines[0].action (police-courts)" in msg and "2.5" in msg


def test_rating_contradicting_scores(method):
    [msg] = problems(method, """\
      - relationship: victim-courts
        framework: 2
        action: 0
        rating: amber
    """)
    assert msg == ("test.yaml:12: lines[0].rating (victim-courts): rating 'amber' contradicts the "
                   "scores 2+0=2, which give 'red'")


def test_unknown_rating_word(method):
    [msg] = problems(method, "  - {relationship: victim-courts, framework: 2, action: 0, rating: purple}\n")
    assert "lines[0].rating" in msg and "purple" in msg


def test_unknown_relationship(method):
    [msg] = problems(method, "  - {relationship: police-army, framework: 2, action: 0}\n")
    assert "lines[0].relationship" in msg and "unknown relationship 'police-army'" in msg


def test_relationship_assessed_twice(method):
    msgs = problems(method, "  - {relationship: victim-courts}\n  - {relationship: victim-courts}\n")
    assert any("lines[1].relationship" in m and "assessed twice" in m for m in msgs)


def test_missing_required_field(method):
    with pytest.raises(ValidationFailed) as err:
        assessment_from_text(HEAD.replace("country: Testland\n", "") + "  - {relationship: victim-courts}\n",
                             "t.yaml", method)
    [p] = err.value.problems
    assert p.path == ("country",) and "required field is missing" in str(p)


def test_not_applicable_needs_a_reason(method):
    [msg] = problems(method, "  - {relationship: ministries-grey-line, framework: 2, action: 3, rating: n/a}\n")
    assert "na_reason" in msg and "needs a reason" in msg


def test_not_applicable_keeps_scores(method):
    a = assessment_from_text(HEAD + "  - {relationship: ministries-grey-line, framework: 2, action: 3, "
                             "rating: n/a, na_reason: Not rated in the grid}\n", "t.yaml", method)
    assert (a.lines[0].framework, a.lines[0].action, a.lines[0].rating) == (2, 3, "n/a")


def test_per_strand_line_needs_strand_scores(method):
    [msg] = problems(method, "  - {relationship: csos-ministries, framework: 3, action: 2}\n")
    assert "scored per strand" in msg


def test_unknown_and_repeated_strands(method):
    msgs = problems(method, """\
      - relationship: csos-ministries
        strands:
          - {strand: antisemitism, framework: 3, action: 2}
          - {strand: antisemitism, framework: 3, action: 2}
          - {strand: sexism, framework: 1, action: 1}
    """)
    assert any("strands[1].strand" in m and "scored twice" in m for m in msgs)
    assert any("strands[2].strand" in m and "'sexism' is not one of this relationship's strands" in m for m in msgs)


def test_strands_on_a_line_without_strands(method):
    [msg] = problems(method, "  - relationship: victim-courts\n    strands: [{strand: racist, framework: 1, action: 1}]\n")
    assert "not scored per strand" in msg


def test_wrong_model_version(method):
    with pytest.raises(ValidationFailed) as err:
        assessment_from_text(HEAD.replace('"2026.1"', '"1999.9"') + "  - {relationship: victim-courts}\n",
                             "t.yaml", method)
    assert "model_version" in str(err.value) and "1999.9" in str(err.value)


def test_syntax_error_has_line(method):
    with pytest.raises(ValidationFailed) as err:
        assessment_from_text(HEAD + "  - relationship: [oops\n", "t.yaml", method)
    [p] = err.value.problems
    assert p.line is not None and p.line >= 8 and "YAML syntax error" in p.message


def test_ew_copy_with_a_seven_names_the_line(method, tmp_path):
    text = EW_2019.read_text(encoding="utf-8")
    anchor = text.index("relationship: victim-courts")
    at = text.index("action: 0", anchor)
    broken = tmp_path / "broken.yaml"
    broken.write_text(text[:at] + "action: 7" + text[at + len("action: 0"):], encoding="utf-8")
    with pytest.raises(ValidationFailed) as err:
        load_assessment(broken, method)
    problems_ = [str(p) for p in err.value.problems]
    assert any(f"{broken}:{text[:at].count(chr(10)) + 1}:" in m and "(victim-courts)" in m
               and "score 7 is outside 0-3" in m for m in problems_), problems_


def test_empty_file_and_wrong_shapes(method):
    with pytest.raises(ValidationFailed, match="got nothing"):
        assessment_from_text("", "empty.yaml", method)
    [msg] = problems(method, "  - relationship: csos-ministries\n    strands: {antisemitism: {framework: 3}}\n")
    assert "lines[0].strands (csos-ministries): should be a list (got dict)" in msg


@pytest.mark.parametrize("date, real", [("2019", True), ("2019-02", True), ("2024-02-29", True), ("2026-13", False),
                                        ("2026-02-30", False), ("2025-13-45", False), ("2019-00", False)])
def test_dates_must_exist(method, ew, date, real):
    from framework import check_assessment

    if real:
        assert check_assessment(ew.model_copy(update={"date": date}), method).date == date
    else:
        with pytest.raises(ValidationFailed, match="not a real date"):
            check_assessment(ew.model_copy(update={"date": date}), method)
