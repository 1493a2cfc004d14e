"""The action plan, the target view of the map and progress over time, through AppTest."""

from __future__ import annotations

import html
import json

from store.accounts import Accounts

PLAN, COMPARE, OVERVIEW = "ui/plan.py", "ui/compare.py", "ui/overview.py"
EW = "england-wales-2019"


def test_the_plan_page_shows_the_example_plan_and_records_a_status_change(app, store):
    at = app(PLAN)
    assert any("Example, not official" in w.value for w in at.warning)
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Towards targets"] == "61.1%" and metrics["Actions completed"] == "2 of 5"
    assert metrics["Points still to gain"] == "21"
    assert any("Key actions completed (2)" in md.value for md in at.markdown)
    at.selectbox(key="to@4").set_value("in_progress")
    at.text_input(key="note@4").input("Grant round opened.")
    next(b for b in at.button if b.label == "Record the change" and "status@4" in b.key).click().run()
    assert any("Action 4 is now In progress" in s.value for s in at.success), [e.value for e in at.error]
    action = next(a for a in store.get(EW).assessment.plan.actions if a.number == 4)
    assert [h.status for h in action.history] == ["not_started", "in_progress"]
    assert action.current.note == "Grant round opened."


def test_the_plan_page_speaks_the_users_language_down_to_the_status_words(app, store):
    Accounts(store.engine).set_language("Test Assessor", "hu")
    at = app(PLAN)
    assert [t.value for t in at.title] == ["Cselekvési terv"]
    assert any("Befejezett fő intézkedések (2)" in md.value for md in at.markdown)
    assert {m.label: m.value for m in at.metric}["Befejezett intézkedések"] == "2 / 5"
    assert at.selectbox(key="to@4").options == ["Folyamatban", "Befejezve", "Elvetve"]
    history = next(d.value for d in at.dataframe if "Állapot" in d.value.columns)
    assert set(history["Állapot"]) <= {"Nincs elkezdve", "Folyamatban", "Befejezve", "Elvetve"}


def test_a_viewer_sees_the_plan_but_cannot_change_it(app):
    at = app(PLAN, user="Vic Viewer")
    assert not [b for b in at.button if b.label == "Record the change"]
    assert not [b for b in at.button if b.key == "save_targets"]


def test_the_overview_has_a_target_view_of_the_map(app):
    at = app()
    at.segmented_control(key="map_view").set_value("Gap to target").run()
    (svg,) = [html.unescape(json.loads(c.proto.json)["svg"]) for c in at.get("bidi_component") if "svg" in json.loads(c.proto.json)]  # the clickable map
    assert 'class="edge target-red"' in svg and 'class="edge target-green"' in svg and "FAR 2+0 → 3+2" in svg
    assert "⚑" in svg  # lines with a recommendation are flagged


def test_compare_shows_the_country_trend_and_a_relationship_timeline(app):
    at = app(COMPARE)
    at.selectbox(key="timeline_relationship").set_value("victim-courts").run()
    timeline = at.dataframe[-1].value
    assert timeline["date"].tolist() == ["2019", "2024"] and timeline["rating"].tolist()[0] == "▲ RED"
    assert len(at.get("vega_lite_chart")) == 2  # the trend of rating counts and the timeline


def test_action_titles_are_shown_as_text_not_markdown(app, store):
    plan = store.get(EW).assessment.plan
    hostile = "[Sign in again](https://phish.example) ![](https://evil.example/x.png)"
    first = plan.actions[0].model_copy(update={"title": hostile})
    store.save_plan(EW, plan.model_copy(update={"actions": (first, *plan.actions[1:])}), "Test Assessor")
    at = app(PLAN)
    label = next(e.label for e in at.expander if "Sign in again" in e.label)
    assert "\\[Sign in again\\]" in label and "\\!\\[\\]" in label  # escaped: shown literally, never a link


def test_a_plan_edit_based_on_an_old_plan_is_refused_on_screen(app, store):
    at = app(PLAN)  # draws the plan as it is now
    plan = store.get(EW).assessment.plan
    store.save_plan(EW, plan.model_copy(update={"note": "Changed by someone else."}), "Rita Reviewer")
    next(b for b in at.button if b.label == "Add the action").click().run()
    assert any("changed by someone else meanwhile" in e.value for e in at.error), [e.value for e in at.error]
    assert len(store.get(EW).assessment.plan.actions) == len(plan.actions)


def test_the_measures_read_as_the_reports_print_them(app, store, model):
    from exports.report_data import measure_rows
    from scoring.measures import measure_values
    from ui.state import figures_frame

    at = app(PLAN)
    shown = next(d.value for d in at.dataframe if "Progress to target" in d.value.columns)
    printed = measure_rows(measure_values(store.get(EW).assessment.plan, figures_frame(), model))
    assert printed and [tuple(r) for r in shown.drop(columns="For").itertuples(index=False)] == list(printed)
    assert list(shown.columns)[:2] == ["Measure", "For"]


def test_without_targets_no_points_are_said_to_be_still_to_gain(app, store, method):
    """Not "0" (as if every target were met): nothing is aimed at yet, and the figure says where to set targets."""
    from framework.profiles import blank_assessment

    spain = blank_assessment(method, method.profiles["es"], "2026", None, "Test")
    store.add(spain)
    at = app(PLAN, user="Ada Admin", assessment=spain.id)
    shown = {m.label: m for m in at.metric}
    assert shown["Points still to gain"].value == "–" and shown["Towards targets"].value == "–"
    assert shown["Points still to gain"].help == "No targets are set yet (Targets tab)."
