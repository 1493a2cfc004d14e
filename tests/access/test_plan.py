"""The plan in the database: recommendations, actions with every status change, targets, measures;
status transitions; who may change it; measure values drawn from imported data."""

from __future__ import annotations

import pytest

from access import Forbidden
from access.workspace import Workspace
from scoring.measures import measure_values
from dashboard.statistics import read_tidy
from framework import ValidationFailed
from framework.plan import Plan, Target, status_report
from store import Repository, open_engine
from store.accounts import Accounts
from store.audit import AuditLog


@pytest.fixture
def team(method, db_url, model, ew):
    repo = Repository(open_engine(db_url), method)
    repo.add(ew)  # published, with the sample plan
    accounts = Accounts(repo.engine)
    ann = Workspace(repo, accounts.add("Ann", "a long password", "assessor", (ew.id,)))
    vic = Workspace(repo, accounts.add("Vic", "a long password", "viewer"))
    yield repo, ann, vic
    repo.engine.dispose()


def test_the_sample_plan_round_trips_and_is_marked_as_an_example(team, ew):
    repo, _, _ = team
    plan = repo.get(ew.id).assessment.plan
    assert plan == ew.plan and plan.illustrative and "not an official plan" in plan.note
    assert {k: [a.number for a in v] for k, v in status_report(plan).items()} == {
        "completed": [2, 3], "in_progress": [1], "not_started": [4], "dropped": [5]}
    assert "plan:" in repo.export_yaml(ew.id)


def test_status_changes_are_kept_with_date_and_note_and_only_allowed_steps_are_taken(team, ew):
    repo, ann, vic = team
    plan = ann.set_action_status(ew.id, 4, "in_progress", "2020-03-01", "Grant round opened.")
    action = next(a for a in plan.actions if a.number == 4)
    assert [(h.status, h.date, h.note) for h in action.history] == [
        ("not_started", "2019-11-01", ""), ("in_progress", "2020-03-01", "Grant round opened.")]
    with pytest.raises(ValueError, match="completed: it can go to nothing"):
        ann.set_action_status(ew.id, 2, "in_progress", "2021-01-01")  # completed is final
    with pytest.raises(ValueError, match="before its last change"):
        ann.set_action_status(ew.id, 4, "completed", "2019-01-01")
    with pytest.raises(Forbidden):
        vic.set_action_status(ew.id, 4, "completed", "2021-01-01")
    assert repo.get(ew.id).assessment.plan == plan  # refused steps changed nothing
    log = [(e.actor, e.field) for e in AuditLog(repo.engine).entries(ew.id) if e.action == "save_plan"]
    assert log == [("Ann", "plan.actions")]


def test_a_plan_with_bad_references_is_refused_naming_the_field(team, ew):
    repo, ann, _ = team
    bad = ew.plan.model_copy(update={"targets": (Target(relationship="victim-courts", strand="race", framework=3,
                                                         action=3),)})
    with pytest.raises(ValidationFailed) as err:
        ann.save_plan(ew.id, bad)
    assert "plan.targets[0].strand" in str(err.value)
    assert repo.get(ew.id).assessment.plan == ew.plan


def test_measure_values_come_from_the_imported_data_with_source_and_edition(team, ew):
    figures = read_tidy("source,publication,period,area,strand,measure,value\n"
                        "prosecution,CPS report 2021-22,2021/22,England and Wales,all,sentence_uplift_rate_pct,79.3\n"
                        "prosecution,CPS report 2022-23,2022/23,England and Wales,all,sentence_uplift_rate_pct,81.2\n",
                        "cps.csv")
    found = {m.measure.id: m for m in measure_values(ew.plan, figures)}
    uplift = found["uplift-rate"]
    assert (uplift.current.number, uplift.current.period, uplift.current.publication) == (
        81.2, "2022/23", "CPS report 2022-23")
    assert uplift.to_target == pytest.approx(round(100 * (81.2 - 73.6) / (85 - 73.6), 1))
    assert found["conviction-rate"].current is None  # no conviction figures in this data
    with pytest.raises(ValueError, match="unknown indicator"):
        measure_values(Plan.model_validate({"measures": [{"id": "x", "label": "x", "indicator": "nope"}]}), figures)


def test_a_measure_naming_an_unknown_indicator_is_refused_on_import(team, ew):
    repo, _, _ = team
    text = repo.export_yaml(ew.id).replace("indicator: conviction_rate", "indicator: happiness_index", 1)
    with pytest.raises(ValidationFailed) as err:
        repo.import_yaml(text.replace(f"id: {ew.id}", "id: other", 1), "bad.yaml")
    assert "plan.measures[1].indicator (conviction-rate): unknown indicator 'happiness_index'" in str(err.value)


def test_plan_edits_made_at_the_same_time_lose_nothing(team, ew):
    import threading

    from store.repository import PlanChanged

    repo, ann, _ = team
    start = repo.get(ew.id).assessment.plan
    bob = Workspace(repo, Accounts(repo.engine).add("Bob", "a long password", "assessor", (ew.id,)))
    ann.save_plan(ew.id, start.model_copy(update={"note": "Ann's note"}), based_on=start)
    with pytest.raises(PlanChanged):  # Bob's edit began from the plan before Ann's
        bob.save_plan(ew.id, start.model_copy(update={"targets": ()}), based_on=start)
    assert repo.get(ew.id).assessment.plan.note == "Ann's note" and repo.get(ew.id).assessment.plan.targets

    barrier = threading.Barrier(2)

    def move(ws, number):
        barrier.wait()
        ws.set_action_status(ew.id, number, "in_progress" if number == 4 else "completed", "2021-01-01")

    threads = [threading.Thread(target=move, args=(ann, 4)), threading.Thread(target=move, args=(bob, 1))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    status = {a.number: a.current.status for a in repo.get(ew.id).assessment.plan.actions}
    assert (status[4], status[1]) == ("in_progress", "completed")  # both status changes kept


def test_a_status_change_from_a_status_that_changed_meanwhile_is_refused(team, ew):
    from store.repository import PlanChanged

    repo, ann, _ = team
    ann.set_action_status(ew.id, 4, "in_progress", "2020-03-01")  # someone moved it
    with pytest.raises(PlanChanged, match="moved to in_progress"):  # I still saw it as not started
        ann.set_action_status(ew.id, 4, "completed", "2020-04-01", expected="not_started")
    assert next(a for a in repo.get(ew.id).assessment.plan.actions if a.number == 4).current.status == "in_progress"
