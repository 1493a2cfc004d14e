"""Choosing the assessment: by id, with labels people can tell apart; the URL names it; after sign-in
the one the user last worked on opens (or their assigned draft), not always the published grid."""

from __future__ import annotations

from store.repository import Summary, choice_labels

DRAFT, EW = "england-wales-2024-illustrative", "england-wales-2019"


def test_labels_tell_apart_assessments_that_read_the_same():
    a = Summary("ew-a", "Grid", "Hungary", "2024", "2019.1", False, 1, 31, "draft")
    b = Summary("ew-b", "Grid", "Hungary", "2024", "2019.1", False, 1, 31, "draft")
    c = Summary("ew-c", "Grid", "Hungary", "2024", "2019.1", False, 1, 31, "validated")
    labels = choice_labels([a, b, c])
    assert labels == {"ew-a": "Hungary 2024 · draft · ew-a – Grid", "ew-b": "Hungary 2024 · draft · ew-b – Grid",
                      "ew-c": "Hungary 2024 · validated – Grid"}


def test_two_versions_with_one_title_are_both_offered_and_each_opens(app, store):
    store.new_version(DRAFT, "ew-2024-second", "Test Assessor")
    at = app(assessment=None)
    picker = at.sidebar.selectbox(key="assessment_picker")
    same = [o for o in picker.options if "ILLUSTRATIVE" in o]
    assert len(same) == 2 and len(set(same)) == 2 and any("· ew-2024-second –" in o for o in same)
    picker.set_value("ew-2024-second").run()
    assert at.session_state["assessment"] == "ew-2024-second" and at.query_params["assessment"] == "ew-2024-second"


def test_after_sign_in_the_assigned_draft_opens_then_where_the_user_left_off(app, store):
    at = app(assessment=None)  # the assessor is assigned to both drafts and has worked on neither: the newest
    assert at.session_state["assessment"] == DRAFT and at.query_params["assessment"] == DRAFT
    store.comment(EW, "police-courts", "Test Assessor", "Checked the 2019 figures.")
    assert app(assessment=None).session_state["assessment"] == EW  # a new session opens where they left off
    assert app(user="Vic Viewer", assessment=None).session_state["assessment"] == DRAFT  # the newest open one


def test_a_link_naming_an_assessment_opens_it(app):
    from streamlit.testing.v1 import AppTest

    from framework import ROOT
    from ui import state

    at = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=30)
    at.query_params["assessment"] = EW
    at.session_state["sign_in"] = state.sign_ins().start("Test Assessor")
    at.run()
    assert not at.exception and at.session_state["assessment"] == EW
    at.query_params["assessment"] = "no-such-assessment"  # a broken link: the session's choice stays
    at.run()
    assert at.session_state["assessment"] == EW


def test_signing_out_forgets_the_assessment_in_the_address(app, store):
    at = app(assessment=EW)
    assert at.query_params["assessment"] == EW
    at.sidebar.button(key="sign_out").click().run()
    assert "assessment" not in at.query_params and [t.value for t in at.title] == ["Sign in to ffgrid"]
