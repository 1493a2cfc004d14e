"""The Assess form's values: from a stored line and back, and evidence table edits."""

from __future__ import annotations

import pytest

from framework import ValidationFailed, parse_line
from framework.editing import apply_table_edits, clean_evidence, form_values, line_data


@pytest.mark.parametrize("rid", ["police-courts", "ministries-grey-line", "csos-ministries", "victim-courts"])
def test_unchanged_form_values_give_back_the_stored_line(model, ew, rid):
    line = ew.line(rid)
    values = form_values(line, model.relationships[rid].strands)
    again = parse_line(line_data(model, rid, values, line.grid_row, line.comments), model)
    assert again == line


def test_scores_give_the_rating_and_not_applicable_keeps_its_reason(model, ew):
    values = form_values(ew.line("police-courts"), ())
    values.update(framework=3, action=3)
    assert parse_line(line_data(model, "police-courts", values), model).rating == "green"
    values.update(na=True, na_reason="  no courts data  ")
    line = parse_line(line_data(model, "police-courts", values), model)
    assert (line.rating, line.na_reason, line.framework) == ("n/a", "no courts data", 3)
    values.update(na_reason="")
    with pytest.raises(ValidationFailed, match="needs a reason"):
        parse_line(line_data(model, "police-courts", values), model)


def test_a_line_never_scored_starts_empty_and_may_stay_unscored(model):
    values = form_values(None, ())
    assert (values["framework"], values["action"], values["evidence"]) == (None, None, [])
    assert parse_line(line_data(model, "police-courts", values), model).rating is None


def test_evidence_rows_are_cleaned_and_checked(model):
    rows = clean_evidence([{"title": " Report ", "url": None, "dimension": float("nan"), "note": "",
                            "standards": ["6"]}, {"title": "", "url": "", "standards": None}])
    assert rows == [{"title": "Report", "url": "", "dimension": "", "note": "", "standards": ["6"]}]
    values = {**form_values(None, ()), "evidence": rows + [{**rows[0], "url": "javascript:alert(1)"}]}
    with pytest.raises(ValidationFailed) as err:
        parse_line(line_data(model, "police-courts", values), model)
    assert [p.path for p in err.value.problems] == [("evidence", 1, "url")]


def test_table_edits_apply_like_the_editor_does():
    rows = [{"title": "a"}, {"title": "b"}, {"title": "c"}]
    edits = {"edited_rows": {"0": {"title": "A"}, 2: {"title": "C"}}, "deleted_rows": [1],
             "added_rows": [{"title": "d"}]}
    assert apply_table_edits(rows, edits) == [{"title": "A"}, {"title": "C"}, {"title": "d"}]
    assert apply_table_edits(rows, None) == rows and rows[0] == {"title": "a"}  # input untouched
