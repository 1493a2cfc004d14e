"""Migrations 0008 and 0009 on a database made before them: an assessment of method 2019.1 moves to
today's ids and the England & Wales profile; case records become England and Wales's, with generic
area columns. On SQLite and PostgreSQL."""

from __future__ import annotations

import io
import json

import pandas as pd
import pyarrow.parquet as pq
from alembic import command
from alembic.config import Config
from sqlalchemy import text

from dashboard.case_views import CaseFilter, breakdown, connect
from dashboard.cases import synthesise, validate_cases
from store import open_engine
from store.cases import CaseStore
from store.database import MIGRATIONS, upgrade, writer
from store.repository import Repository



def test_an_old_database_moves_to_countries(db_url, ew, tmp_path):
    """A database as ffgrid 2019.1 left it (built at migration 0007 with that version's ids), then
    migrated to today."""

    fresh = tmp_path / "old.db"
    url = f"sqlite:///{fresh}" if db_url.startswith("sqlite") else db_url
    engine = open_engine(url, migrate=False)
    if not db_url.startswith("sqlite"):
        _downgrade_all(engine)
    upgrade(engine, "0007")
    cases = validate_cases(synthesise(50, seed=4), "s.csv")
    uk = cases.rename(columns={"area_1": "force", "area_2": "ward_code", "area_3": "lsoa_code"})
    buffer = io.BytesIO()
    uk.to_parquet(buffer, index=False)
    plan = {"recommendations": [{"id": "r1", "relationship": "police-home-office", "to": "home-office",
                                 "text": "Share the data.", "priority": "high"}]}
    now = "2019-06-01 12:00:00"
    with writer(engine).begin() as conn:
        conn.execute(text(
            "INSERT INTO assessments (id, slug, title, country, date, model_version, author, source, status, "
            "illustrative, notes, revision, created_at, updated_at, plan) VALUES (1, 'ew-old', 'Old', "
            "'England & Wales', '2019', '2019.1', 'A', '', 'draft', false, '', 1, :now, :now, :plan)"),
            {"now": now, "plan": json.dumps(plan)})
        for i, rid in enumerate(("police-home-office", "victim-home-office", "police-courts")):
            conn.execute(text("INSERT INTO lines (assessment_id, position, relationship, framework, action, rating, "
                              "version, updated_at, review_status) VALUES (1, :i, :r, 2, 2, 'amber', 1, :now, 'draft')"),
                         {"i": i, "r": rid, "now": now})
        conn.execute(text("INSERT INTO datasets (id, kind, file, imported_at, synthetic) "
                          "VALUES (1, 'cases', 'synthetic', :now, true)"), {"now": now})
        conn.execute(text("INSERT INTO case_snapshots (dataset_id, name, rows, sha256, parquet) "
                          "VALUES (1, 'synthetic', 50, 'old', :d)"), {"d": buffer.getvalue()})

    upgrade(engine)
    from framework import load_method

    stored = Repository(engine, load_method()).get("ew-old").assessment
    assert stored.model_version == "2026.1" and stored.profile_code == "ew"
    assert [ln.relationship for ln in stored.lines] == [
        "police-ministry-of-interior", "victim-ministry-of-interior", "police-courts"]
    assert (stored.plan.recommendations[0].relationship, stored.plan.recommendations[0].to) == (
        "police-ministry-of-interior", "ministry-of-interior")
    store = CaseStore(engine, cache=tmp_path / "cache")
    [case_set] = store.sets("ew")
    assert store.sets("hu") == [] and case_set.rows == 50 and case_set.sha256 != "old"
    files = store.local_files("ew")  # the rewritten snapshot, checked against its new digest
    assert {"area_1", "area_2", "area_3"} <= set(pq.read_schema(files[0]).names)
    by_area = breakdown(connect(files), CaseFilter(), "area_2")
    assert by_area["records"].sum() == 50 and set(by_area["value"]) == set(pd.unique(cases["area_2"]))
    engine.dispose()


def _downgrade_all(engine) -> None:  # type: ignore[no-untyped-def]
    """An empty PostgreSQL database (the fixture's is migrated to head): back to no tables at all."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with writer(engine).begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "base")


def test_migrating_an_old_sqlite_database_keeps_the_rows_that_point_at_altered_tables(tmp_path):
    """Migration 0007 rebuilds the users table on SQLite; the assignments that point at it stay."""
    engine = open_engine(f"sqlite:///{tmp_path / 'old.db'}", migrate=False)
    upgrade(engine, "0006")
    with writer(engine).begin() as conn:
        conn.execute(text("INSERT INTO users (id, name, password_hash, role, active, created_at, failed_logins) "
                          "VALUES (1, 'Ann', 'h', 'assessor', true, '2024-01-01 00:00:00', 0)"))
        conn.execute(text("INSERT INTO assignments (user_id, assessment) VALUES (1, 'ew-old')"))
    upgrade(engine)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT assessment FROM assignments")).scalars().all() == ["ew-old"]
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1  # enforced again afterwards
    engine.dispose()


def test_a_database_at_the_newest_migration_opens_without_running_alembic(tmp_path):
    """The fast path at start: the head read from the migration files is Alembic's own head, a database
    at it is opened with one query, and one a migration behind is still upgraded."""
    from alembic.script import ScriptDirectory

    from store.database import at_head, head_revision

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    assert head_revision() == ScriptDirectory.from_config(config).get_current_head()
    url = f"sqlite:///{tmp_path / 'app.db'}"
    engine = open_engine(url, migrate=False)
    assert not at_head(engine)  # a new, empty database
    upgrade(engine, "0010")
    assert not at_head(engine)
    engine = open_engine(url)
    assert at_head(engine)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar_one() == head_revision()
