"""Controls a role may not use are not offered (the workspace refuses them anyway): on Assess, Report texts
and the Action plan, a viewer and a reviewer read tables and text where an assessor gets editors."""

from __future__ import annotations

import pytest

ASSESS, REPORT_TEXTS, PLAN = "ui/assess.py", "ui/report_texts.py", "ui/plan.py"
EW, REL = "england-wales-2019", "police-courts"


def _assess(app, user: str):  # type: ignore[no-untyped-def]
    at = app(user=user)
    at.session_state["relationship"] = REL
    at.switch_page(ASSESS).run()
    assert not at.exception, at.exception
    return at


def _keys(at) -> set[str]:  # type: ignore[no-untyped-def]
    return {b.key for b in at.button if b.key}


@pytest.mark.parametrize("user", ["Vic Viewer", "Rita Reviewer"])
def test_assess_offers_no_evidence_editor_save_or_discard_to_those_who_may_not_edit(app, user):
    at = _assess(app, user)
    assert len(at.data_editor) == 0  # no editor with a row to add
    evidence = [d for d in at.dataframe if "title" in d.value.columns]
    assert len(evidence) == 1 and "CPS" in " ".join(evidence[0].value["title"])  # the evidence, to read
    assert not {"save", "discard"} & _keys(at)
    assert any("you cannot change its scores or text" in i.value for i in at.info)


def test_the_assessor_gets_the_evidence_editor_save_and_discard(app):
    at = _assess(app, "Test Assessor")
    assert len(at.data_editor) == 1
    assert {"save", "discard"} <= _keys(at)


def test_the_reviewer_still_comments_on_assess(app):
    at = _assess(app, "Rita Reviewer")
    assert [t for t in at.text_area if t.key == f"comment_text@{EW}/{REL}"]


@pytest.mark.parametrize("user", ["Vic Viewer", "Rita Reviewer"])
def test_report_texts_are_shown_to_read_without_a_form(app, store, user):
    from framework.report_texts import Imprint

    a = store.get(EW).assessment
    store.save_report(EW, a.report.model_copy(update={
        "executive_summary": "Police data are **good**.", "abbreviations": {"CPS": "Crown Prosecution Service"},
        "imprint": Imprint(publisher="Facing all the Facts", acknowledgements="Thanks\nto all")}),
        actor="test", based_on=a.report)
    at = app(REPORT_TEXTS, user=user)
    assert not at.text_area and not at.text_input and not at.data_editor  # no form to fill in
    assert not [b for b in at.button if "Save the report texts" in (b.label or "")]
    assert any("Read only" in i.value for i in at.info)
    shown = [m.value for m in at.markdown]
    assert "- **Publisher**: Facing all the Facts\n- **Acknowledgements**: Thanks to all" in shown
    assert any(d.value.values.tolist() == [["CPS", "Crown Prosecution Service"]] for d in at.dataframe)
    assert [e.label for e in at.expander] == ["Executive summary"]  # as the report shows it


def test_targets_are_a_table_to_read_for_a_viewer_and_an_editor_for_the_assessor(app):
    viewer = app(PLAN, user="Vic Viewer")
    assert not [d for d in viewer.data_editor if d.key == "targets_editor"]
    assert any("Target framework" in d.value.columns for d in viewer.dataframe)
    assessor = app(PLAN)
    assert [d for d in assessor.data_editor if d.key == "targets_editor"]

