"""The review flow (per relationship and per assessment), comment threads, new versions, accounts and
the audit trail, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

from access import User
from access.workspace import Workspace
from store import Repository, open_engine
from store.accounts import AccountError, Accounts
from store.audit import AuditLog
from framework.review import BadTransition, Locked

REL = "police-courts"


@pytest.fixture
def team(method, db_url, model, ew):
    repo = Repository(open_engine(db_url), method)
    repo.add(ew.model_copy(update={"id": "ew", "status": "draft"}), author="admin")
    accounts = Accounts(repo.engine)
    ann = Workspace(repo, accounts.add("Ann Assessor", "assessor pass 1", "assessor", ("ew",)))
    rob = Workspace(repo, accounts.add("Rob Reviewer", "reviewer pass 1", "reviewer"))
    yield repo, ann, rob
    repo.engine.dispose()


def _save(ws: Workspace, **change) -> int:
    stored = ws.get("ew")
    return ws.save_line("ew", stored.assessment.line(REL).model_copy(update=change), stored.line_meta(REL).version)


def test_a_line_goes_draft_submitted_sent_back_then_validated_with_who_and_when(team):
    repo, ann, rob = team
    _save(ann, action=3, rating=None)
    assert ann.submit_line("ew", REL) == "submitted"
    with pytest.raises(Locked):  # waiting for review: the assessor cannot change it meanwhile
        _save(ann, action=1, rating=None)
    with pytest.raises(BadTransition):  # sending back needs a comment
        rob.send_back_line("ew", REL, "  ")
    assert rob.send_back_line("ew", REL, "Cite the 2019 protocol.") == "draft"
    assert [(c.author, c.kind, c.text) for c in ann.comments("ew", REL)] == [
        ("Rob Reviewer", "sent_back", "Cite the 2019 protocol.")]
    _save(ann, action=2, rating=None)
    ann.comment("ew", REL, "Added the protocol as evidence.")
    ann.submit_line("ew", REL)
    assert rob.validate_line("ew", REL) == "validated"
    assert repo.get("ew").line_meta(REL).review_status == "validated"
    steps = [(e.actor, e.action, e.field, e.old, e.new) for e in AuditLog(repo.engine).entries("ew", REL)]
    assert ("Ann Assessor", "save_line", "action", "2", "3") in steps
    assert ("Ann Assessor", "line_submit", "review_status", "draft", "submitted") in steps
    assert ("Rob Reviewer", "sent_back", "comment", None, "Cite the 2019 protocol.") in steps
    assert ("Rob Reviewer", "line_send_back", "review_status", "submitted", "draft") in steps
    assert ("Rob Reviewer", "line_validate", "review_status", "submitted", "validated") == steps[-1]
    assert all(e.at.tzinfo is not None for e in AuditLog(repo.engine).entries("ew"))


def test_a_validated_assessment_is_read_only_and_a_new_version_starts_from_it(team):
    repo, ann, rob = team
    with pytest.raises(BadTransition):
        rob.validate("ew")  # not submitted yet
    ann.submit("ew")
    assert rob.send_back("ew", "Row 8 needs evidence.") == "draft"
    ann.submit("ew")
    assert rob.validate("ew") == "validated"
    frozen = repo.export_yaml("ew")
    with pytest.raises(Locked):
        _save(ann, framework=0, rating=None)
    with pytest.raises(Locked):
        ann.submit_line("ew", REL)
    draft = ann.new_version("ew", "ew-2020", date="2020")
    assert draft.status == "draft" and repo.get("ew-2020").previous == "ew"
    assert "ew-2020" in Accounts(repo.engine).get("Ann Assessor").assigned
    stored = repo.get("ew-2020")
    line = stored.assessment.line(REL).model_copy(update={"framework": 0, "rating": None})
    Workspace(repo, Accounts(repo.engine).get("Ann Assessor")).save_line("ew-2020", line, stored.line_meta(REL).version)
    assert repo.export_yaml("ew") == frozen  # the earlier one stays as it was
    steps = [(e.action, e.old, e.new) for e in AuditLog(repo.engine).entries("ew") if e.field == "status"]
    assert steps == [("assessment_submit", "draft", "submitted"), ("assessment_send_back", "submitted", "draft"),
                     ("assessment_submit", "draft", "submitted"), ("assessment_validate", "submitted", "validated")]
    assert [e.action for e in AuditLog(repo.engine).entries("ew-2020")][0] == "new_version"


def test_every_field_a_save_changes_is_logged_with_old_and_new(team):
    repo, ann, _ = team
    stored = repo.get("ew")
    line = stored.assessment.line(REL)
    situation = line.situation.model_copy(update={"action": "New text."})
    ann.save_line("ew", line.model_copy(update={"framework": 3, "rating": None, "situation": situation,
                                                "evidence": line.evidence[:1]}), stored.line_meta(REL).version)
    changed = {e.field: (e.old, e.new) for e in AuditLog(repo.engine).entries("ew", REL)}
    assert changed["framework"] == (str(line.framework), "3")
    assert changed["situation.action"] == (line.situation.action, "New text.")
    assert changed["evidence"][0].count('"title"') == len(line.evidence) and changed["evidence"][1].count('"title"') == 1
    history = ann.history("ew", REL)
    assert set(history["actor"]) == {"Ann Assessor"} and {"framework", "situation.action"} <= set(history["field"])


def test_a_failed_save_leaves_neither_the_change_nor_its_log_entry(team):
    repo, ann, _ = team
    before = (repo.export_yaml("ew"), len(AuditLog(repo.engine).entries()))
    stored = repo.get("ew")
    bad = stored.assessment.line(REL).model_copy(update={"situation": stored.assessment.line(REL).situation
                                                           .model_copy(update={"action": "a\x00b"})})
    with pytest.raises(Exception):
        ann.save_line("ew", bad, stored.line_meta(REL).version)
    assert (repo.export_yaml("ew"), len(AuditLog(repo.engine).entries())) == before


def test_accounts_refuse_duplicates_short_passwords_and_wrong_passwords(team):
    repo, _, _ = team
    accounts = Accounts(repo.engine)
    with pytest.raises(AccountError, match="already exists"):
        accounts.add("Ann Assessor", "whatever long", "viewer")
    with pytest.raises(AccountError, match="10 to 1000 characters"):
        accounts.add("Short", "tiny", "viewer")
    with pytest.raises(AccountError, match="unknown role"):
        accounts.add("Boss", "long enough pass", "king")
    assert accounts.verify("Ann Assessor", "assessor pass 1") == User("Ann Assessor", "assessor", frozenset({"ew"}))
    assert accounts.verify("Ann Assessor", "wrong password") is None and accounts.verify("nobody", "x") is None
    accounts.set_active("Ann Assessor", False, actor="admin")
    assert accounts.verify("Ann Assessor", "assessor pass 1") is None
    from sqlalchemy import text
    with repo.engine.connect() as conn:
        stored = conn.execute(text("SELECT password_hash FROM users WHERE name = 'Rob Reviewer'")).scalar_one()
    assert stored.startswith("$argon2") and "reviewer pass 1" not in stored
    log = [(e.action, e.field, e.new) for e in AuditLog(repo.engine).entries(users=True)]
    assert ("user_changed", "user:Ann Assessor.active", "False") in log
    assert all("pass" not in (e.new or "") for e in AuditLog(repo.engine).entries(users=True))


def test_a_save_failing_half_way_leaves_the_previous_state_intact(team, monkeypatch):
    import store.repository as repository_module

    repo, ann, _ = team
    before = (repo.export_yaml("ew"), repo.revision("ew"), len(AuditLog(repo.engine).entries()))
    calls = []

    def record_then_fail(*args, **kwargs):  # the first log entry is written, then the database "fails"
        calls.append(args)
        if len(calls) == 2:
            raise RuntimeError("connection lost")
        return real(*args, **kwargs)

    real = repository_module.record
    monkeypatch.setattr(repository_module, "record", record_then_fail)
    with pytest.raises(RuntimeError):
        _save(ann, framework=3, action=3, rating=None)
    monkeypatch.undo()
    assert len(calls) == 2
    assert (repo.export_yaml("ew"), repo.revision("ew"), len(AuditLog(repo.engine).entries())) == before


def test_wrong_passwords_in_a_row_pause_the_account_whatever_session_they_come_from(team):
    from store.throttle import MAX_TRIES, PAUSE, TooManyTries

    repo, _, _ = team
    accounts = Accounts(repo.engine)
    assert accounts.verify("Rob Reviewer", "reviewer pass 1") is not None
    for n in range(MAX_TRIES):
        assert accounts.verify("Rob Reviewer", "guess", source=f"192.0.2.{n}") is None
    with pytest.raises(TooManyTries) as refused:
        Accounts(repo.engine).verify("Rob Reviewer", "reviewer pass 1", source="198.51.100.7")  # even the right one
    assert 0 < refused.value.wait <= PAUSE


def test_replacing_a_validated_assessment_is_refused_and_long_file_names_are_logged(team, ew):
    from access.workspace import Workspace
    from dashboard.examples import example_figures

    repo, ann, rob = team
    ann.submit("ew")
    rob.validate("ew")
    admin = Workspace(repo, Accounts(repo.engine).add("Ada", "admin pass 1", "admin"))
    with pytest.raises(Locked):
        admin.import_yaml(repo.export_yaml("ew").replace("status: validated", "status: draft"), "x.yaml", replace=True)
    assert repo.get("ew").assessment.status == "validated"
    name = "figures-" + "x" * 300 + ".csv"  # longer than the log's field column: cut there, not refused
    admin.import_figures(example_figures().head(3).drop(columns="imported_from"), name)
    assert AuditLog(repo.engine).entries()[-1].field == name[:200]
