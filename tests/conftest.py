"""Shared fixtures: the bundled model, the England & Wales assessment, and editable copies of both."""

from __future__ import annotations

import os
import shutil
import time
import uuid
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import pytest
from hypothesis import settings

# Cheap argon2 parameters for every account the tests make (here and in the app and CLI processes
# they start); tests/store/test_passwords.py proves the production ones.
os.environ["FFGRID_PASSWORD_PROFILE"] = "test"
# The commands the tests run speak English whatever the host's locale (a test asks for another language).
os.environ["FFGRID_LANGUAGE"] = "en"

# Property-based tests: a quick profile by default, a longer one with HYPOTHESIS_PROFILE=ci.
settings.register_profile("default", max_examples=25)
settings.register_profile("ci", max_examples=150)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from bench.postgres import throwaway_cluster
from dashboard.evidence import INDICATORS
from framework import ROOT, Assessment, Method, Model, load_assessment, load_method
from store import Repository, open_engine

EW_2019 = ROOT / "assessments" / "england-wales-2019.yaml"


HEAVY = {"test_longest_texts.py", "test_report.py", "test_install.py"}  # the longest modules after the browser's


SUMMARIES = ("axe-app.txt",)  # test-artifacts/ files a test writes to be read at the end of the run
_STARTED = pytest.StashKey[float]()


def pytest_sessionstart(session: pytest.Session) -> None:
    session.config.stash[_STARTED] = time.time()  # file times are wall-clock times too


def pytest_terminal_summary(terminalreporter, config: pytest.Config) -> None:  # type: ignore[no-untyped-def]
    """Print the summaries tests wrote in this run (e.g. axe-core's results per page and role), which
    a test's own output does not show when the tests run in parallel."""
    for name in SUMMARIES:
        path = ROOT / "test-artifacts" / name
        if path.exists() and path.stat().st_mtime >= config.stash.get(_STARTED, float("inf")):
            terminalreporter.write_sep("-", name)
            terminalreporter.write_line(path.read_text(encoding="utf-8").rstrip())



def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The longest modules first (the browser tests, then the heavy renders), so that with `-n` the
    workers finish together."""
    items.sort(key=lambda item: 0 if item.path.parent.name == "e2e" else 1 if item.path.name in HEAVY else 2)


@pytest.fixture(scope="session")
def method() -> Method:
    """The bundled method with the shipped country profiles."""
    return load_method(indicators=INDICATORS)


@pytest.fixture(scope="session")
def model(method: Method) -> Model:
    """England and Wales's model (the profile of the published grid)."""
    return method.country(method.profiles["ew"])


@pytest.fixture(scope="session")
def ew(method: Method) -> Assessment:
    return load_assessment(EW_2019, method)


@pytest.fixture
def model_copy(tmp_path: Path) -> Path:
    """A writable copy of the bundled model folder."""
    for name in ("framework", "standards", "relationships", "profiles"):
        shutil.copytree(ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    return tmp_path


# ----------------------------------------------------------------------------------- databases

@pytest.fixture(scope="session")
def pg_server() -> Iterator[str]:
    """A PostgreSQL server URL: TEST_DATABASE_URL if given, else a throwaway cluster for this run."""
    if os.environ.get("TEST_DATABASE_URL"):  # a server the tests may create databases on
        yield make_url(os.environ["TEST_DATABASE_URL"]).set(database=None).render_as_string(hide_password=False)
        return
    with throwaway_cluster() as url:
        yield url


TEMPLATE = "ffgrid_template"  # a migrated, empty database that each test's database is copied from


@pytest.fixture(scope="session")
def pg_template(pg_server: str) -> str:
    """The server, with a migrated empty template database on it (made once per test process)."""
    admin = create_engine(f"{pg_server}/postgres", isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        if not conn.scalar(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": TEMPLATE}):
            conn.execute(text(f'CREATE DATABASE "{TEMPLATE}"'))
            open_engine(f"{pg_server}/{TEMPLATE}").dispose()  # migrated to head, then no connection left
    admin.dispose()
    return pg_server


@contextmanager
def fresh_pg_database(server: str, template: str = "template1") -> Iterator[str]:
    """A new PostgreSQL database on `server` (a copy of `template`), dropped afterwards; yields its URL."""
    name = f"ffgrid_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(f"{server}/postgres", isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{template}"'))
    try:
        yield f"{server}/{name}"
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated, empty SQLite file, made once per test process and copied for each test."""
    path = tmp_path_factory.mktemp("template") / "empty.db"
    open_engine(f"sqlite:///{path}").dispose()
    return path


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty, migrated database of each kind: a SQLite file, and a fresh PostgreSQL database (both
    copies of a template migrated once; tests/store proves the migrations on a new database)."""
    if request.param == "sqlite":
        shutil.copyfile(request.getfixturevalue("sqlite_template"), tmp_path / "ffgrid.db")
        yield f"sqlite:///{tmp_path / 'ffgrid.db'}"
        return
    with fresh_pg_database(request.getfixturevalue("pg_template"), TEMPLATE) as url:
        yield url


@pytest.fixture
def pg_url(pg_server: str) -> Iterator[str]:
    """An empty PostgreSQL database (for tests about several processes on one server)."""
    with fresh_pg_database(pg_server) as url:
        yield url


@pytest.fixture
def repo(db_url: str, method: Method) -> Iterator[Repository]:
    """An empty, migrated repository on each database kind."""
    repository = Repository(open_engine(db_url), method)
    yield repository
    repository.engine.dispose()
