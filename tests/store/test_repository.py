"""The repository on SQLite and PostgreSQL: seeding, round trips, imports, saves and conflicts."""

from __future__ import annotations

import threading

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from framework.assessment_yaml import dump_assessment
from framework import ValidationFailed, bundled_assessments, load_assessment
from scoring import score_assessment
from framework.review import BadTransition, Locked
from store import AlreadyExists, NotFound, StaleEdit, database_url, open_repository
from store.tables import Base


def _rating(model, assessment, rid):
    return next(ln.rating for ln in score_assessment(model, assessment) if ln.relationship == rid)


@pytest.fixture
def ew(ew):  # the 2019 grid as a draft: a published assessment is read-only
    return ew.model_copy(update={"status": "draft"})


def test_migrations_create_exactly_the_tables_the_code_uses(repo):
    with repo.engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), Base.metadata) == []


def test_seed_stores_the_bundled_assessments_unchanged(method, repo, model):
    assert sorted(repo.seed()) == ["england-wales-2019", "england-wales-2024-illustrative"]
    assert repo.seed() == []  # idempotent
    summaries = {s.id: s for s in repo.list()}
    assert summaries["england-wales-2019"].lines == 31
    assert summaries["england-wales-2024-illustrative"].illustrative
    for path in bundled_assessments():
        original = load_assessment(path, method)
        assert repo.get(original.id).assessment == original


def test_import_export_import_is_identical(repo, ew):
    text = dump_assessment(ew).replace("id: england-wales-2019", "id: ew-copy", 1)
    repo.import_yaml(text, "upload.yaml")
    exported = repo.export_yaml("ew-copy")
    assert exported == text
    repo.import_yaml(exported.replace("id: ew-copy", "id: ew-copy-2", 1), "again.yaml")
    again = repo.get("ew-copy-2").assessment
    assert again.model_copy(update={"id": "england-wales-2019"}) == ew


def test_text_other_yaml_readers_mistake_for_numbers_survives_export_and_reimport(method, repo, ew, tmp_path, model):
    line = ew.line("police-courts")
    odd = ew.model_copy(update={"id": "odd", "title": "1e3", "lines": tuple(
        ln.model_copy(update={"situation": ln.situation.model_copy(update={"framework": "0o17"})})
        if ln is line else ln for ln in ew.lines)})
    repo.add(odd)
    exported = repo.export_yaml("odd")
    fresh = open_repository(method, f"sqlite:///{tmp_path / 'fresh.db'}", seed=False)
    fresh.import_yaml(exported, "odd.yaml")
    again = fresh.get("odd").assessment
    fresh.engine.dispose()
    assert again.title == "1e3" and again.line("police-courts").situation.framework == "0o17"
    assert again == odd and dump_assessment(again) == exported


def test_text_in_any_european_script_and_long_text_survive(repo, ew):
    long = "Ελληνικά, Magyar őű, Polski żółć, Кириллица. " * 500  # ~23,000 characters
    line = ew.lines[0].model_copy(update={"situation": ew.lines[0].situation.model_copy(update={"framework": long})})
    repo.add(ew.model_copy(update={"lines": (line, *ew.lines[1:])}))
    assert repo.get(ew.id).assessment.lines[0].situation.framework == long


def test_broken_yaml_shows_the_problems_and_changes_nothing(repo, ew):
    repo.add(ew)
    before = (repo.list(), repo.export_yaml(ew.id))
    broken = dump_assessment(ew).replace("framework: 2\n", "framework: 7\n", 1)  # first such: row 4
    with pytest.raises(ValidationFailed) as err:
        repo.import_yaml(broken, "broken.yaml", replace=True)
    problem = err.value.problems[0]
    assert problem.file == "broken.yaml" and problem.line and "lines[3].framework" in str(problem)
    with pytest.raises(ValidationFailed):
        repo.import_yaml("id: [unclosed\n", "syntax.yaml", replace=True)
    assert (repo.list(), repo.export_yaml(ew.id)) == before


def test_an_existing_id_is_replaced_only_when_asked(repo, ew, model):
    repo.add(ew)
    with pytest.raises(AlreadyExists):
        repo.add(ew)
    changed = ew.model_copy(update={"title": "Re-imported"})
    repo.add(changed, replace=True)
    assert repo.get(ew.id).assessment.title == "Re-imported" and repo.revision(ew.id) == 2


def test_a_replace_makes_edits_begun_before_it_stale(repo, ew):
    repo.add(ew)
    rid = "police-courts"
    before = repo.get(ew.id)
    repo.add(ew.model_copy(update={"title": "Re-imported"}), replace=True)
    after = repo.get(ew.id)
    assert after.line_meta(rid).version > before.line_meta(rid).version
    assert after.revision > before.revision
    with pytest.raises(StaleEdit):
        repo.save_line(ew.id, before.assessment.line(rid), before.line_meta(rid).version, author="late")
    assert repo.get(ew.id).assessment.title == "Re-imported"


def test_times_are_utc_and_text_with_nul_is_refused_before_the_database(repo, ew):
    repo.add(ew)
    meta = repo.get(ew.id).line_meta("police-courts")
    assert meta.updated_at.utcoffset().total_seconds() == 0
    line = ew.line("police-courts")
    bad = line.model_copy(update={"situation": line.situation.model_copy(update={"action": "a\x00b"})})
    with pytest.raises(ValidationFailed, match="NUL"):
        repo.save_line(ew.id, bad, meta.version, author="x")
    with pytest.raises(ValidationFailed, match="NUL"):
        repo.import_yaml(dump_assessment(ew).replace("title: ", "title: \"a\\0b\" #", 1), "nul.yaml", replace=True)


def test_several_assessments_side_by_side(repo, ew):
    for n, country in enumerate(["Hungary", "Greece", "Poland"]):
        repo.add(ew.model_copy(update={"id": f"a-{n}", "country": country, "date": f"202{n}"}))
    assert [s.country for s in repo.list()] == ["Greece", "Hungary", "Poland"]
    with pytest.raises(NotFound):
        repo.get("nope")


def test_saving_a_line_changes_its_rating_and_records_who(repo, ew, model):
    repo.add(ew)
    rid = "police-courts"
    old = repo.get(ew.id)
    line = old.assessment.line(rid)
    assert _rating(model, old.assessment, rid) == "amber"
    version = repo.save_line(ew.id, line.model_copy(update={"framework": 3, "action": 3, "rating": "green"}),
                             old.line_meta(rid).version, author="Ann Assessor")
    new = repo.get(ew.id)
    assert version == old.line_meta(rid).version + 1 == new.line_meta(rid).version
    assert new.line_meta(rid).updated_by == "Ann Assessor" and new.line_meta(rid).updated_at
    assert _rating(model, new.assessment, rid) == "green"
    assert new.revision == old.revision + 1
    assert new.assessment.line(rid).evidence == line.evidence  # children rewritten, not lost


def test_a_stale_save_is_refused_and_overwrites_nothing(repo, ew):
    repo.add(ew)
    rid = "police-prosecution"
    stored = repo.get(ew.id)
    line, version = stored.assessment.line(rid), stored.line_meta(rid).version
    repo.save_line(ew.id, line.model_copy(update={"action": 3, "rating": None}), version, author="first")
    with pytest.raises(StaleEdit) as err:
        repo.save_line(ew.id, line.model_copy(update={"action": 0, "rating": None}), version, author="second")
    assert "first" in str(err.value) and err.value.current.action == 3
    assert repo.get(ew.id).assessment.line(rid).action == 3


def test_an_invalid_line_is_refused_with_the_field_named(repo, ew):
    repo.add(ew)
    stored = repo.get(ew.id)
    line = stored.assessment.lines[0]
    with pytest.raises(ValidationFailed) as err:
        repo.save_line(ew.id, line.model_copy(update={"framework": 9}), stored.line_meta(line.relationship).version,
                       author="x")
    assert "lines[0].framework" in str(err.value)
    assert repo.get(ew.id) == stored


def test_a_line_not_yet_assessed_can_be_added(repo, ew, model):
    rid = ew.lines[-1].relationship
    repo.add(ew.model_copy(update={"lines": ew.lines[:-1]}))
    assert _rating(model, repo.get(ew.id).assessment, rid) == "unscored"
    version = repo.save_line(ew.id, ew.lines[-1], 0, author="x")
    assert version == repo.get(ew.id).line_meta(rid).version > 0
    assert repo.get(ew.id).assessment == ew
    with pytest.raises(StaleEdit):
        repo.save_line(ew.id, ew.lines[-1], 0, author="y")


def test_concurrent_saves_of_one_line_one_wins_one_is_refused(repo, ew):
    repo.add(ew)
    rid = "police-prosecution"
    stored = repo.get(ew.id)
    line, version = stored.assessment.line(rid), stored.line_meta(rid).version
    results: list[object] = []
    barrier = threading.Barrier(2)

    def save(action: int) -> None:
        barrier.wait()
        try:
            results.append(repo.save_line(ew.id, line.model_copy(update={"action": action, "rating": None}),
                                          version, author=f"thread {action}"))
        except StaleEdit as err:
            results.append(err)

    threads = [threading.Thread(target=save, args=(a,)) for a in (0, 3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(type(r).__name__ for r in results) == ["StaleEdit", "int"]
    final = repo.get(ew.id)
    assert final.line_meta(rid).version == version + 1
    assert final.line_meta(rid).updated_by == f"thread {final.assessment.line(rid).action}"


def test_a_read_only_assessment_is_kept_as_it_is_by_the_store_itself(repo, ew):
    published = ew.model_copy(update={"status": "published"})
    repo.add(published)
    revision, rid = repo.revision(ew.id), "police-courts"
    with pytest.raises(Locked, match="published and read-only"):
        repo.add(published.model_copy(update={"title": "Overwritten"}), replace=True, author="x")
    with pytest.raises(Locked):
        repo.save_line(ew.id, published.line(rid).model_copy(update={"action": 0, "rating": None}),
                       repo.get(ew.id).line_meta(rid).version, author="x")
    with pytest.raises(Locked):
        repo.step_line(ew.id, rid, "submit", "x")
    assert repo.revision(ew.id) == revision and repo.get(ew.id).assessment == published
    # what may still change on it: the plan (the follow-up) and review comments
    repo.comment(ew.id, rid, "Rita Reviewer", "Checked against the 2019 report.")
    plan = repo.save_plan(ew.id, published.plan.model_copy(update={"note": "Followed up in 2020."}), "Ann")
    assert repo.get(ew.id).assessment.plan == plan and [c.text for c in repo.comments(ew.id)] == [
        "Checked against the 2019 report."]


def test_only_a_draft_is_replaced_and_only_by_a_draft(repo, ew):
    repo.add(ew)
    with pytest.raises(BadTransition, match="a replacement must be a draft"):
        repo.add(ew.model_copy(update={"status": "validated"}), replace=True, author="x")  # no review skipped
    repo.step_assessment(ew.id, "submit", "Ann Assessor")
    revision = repo.revision(ew.id)
    with pytest.raises(Locked, match="submitted for review"):
        repo.add(ew.model_copy(update={"title": "Replaced"}), replace=True, author="x")
    assert repo.revision(ew.id) == revision and repo.get(ew.id).assessment.status == "submitted"


def test_database_location_is_configurable(method, tmp_path, model):
    assert database_url({"DATABASE_URL": "postgresql://u@h/db"}) == "postgresql+psycopg://u@h/db"
    assert database_url({"FFGRID_DB": str(tmp_path / "x.db")}) == f"sqlite:///{tmp_path / 'x.db'}"
    assert database_url({}).endswith("var/ffgrid.db")
    path = tmp_path / "new" / "ffgrid.db"
    repo = open_repository(method, database_url({"FFGRID_DB": str(path)}))
    assert path.exists() and len(repo.list()) == 2  # created and seeded on first run
    repo.engine.dispose()


def test_the_lines_sent_back_are_those_whose_last_review_step_was_a_send_back(repo, ew):
    """On SQLite and PostgreSQL: sent back and not submitted since; a comment is not a step."""
    from store.audit import AuditLog

    draft = ew.model_copy(update={"status": "draft"})
    repo.add(draft)
    for rid in ("police-courts", "victim-police", "police-prosecution"):
        repo.step_line(ew.id, rid, "submit", "Ann Assessor")
    repo.step_line(ew.id, "police-courts", "send_back", "Rita Reviewer", "Add the protocol.")
    repo.step_line(ew.id, "victim-police", "send_back", "Rita Reviewer", "Name the source.")
    repo.step_line(ew.id, "victim-police", "submit", "Ann Assessor")  # submitted again: no longer sent back
    repo.comment(ew.id, "police-courts", "Ann Assessor", "On it.")
    assert AuditLog(repo.engine).sent_back(ew.id) == {"police-courts"}
    assert AuditLog(repo.engine).sent_back("another-assessment") == set()
    repo.add(draft, replace=True, author="Ada Admin")  # new content: its lines' old steps no longer speak for it
    assert AuditLog(repo.engine).sent_back(ew.id) == set()
