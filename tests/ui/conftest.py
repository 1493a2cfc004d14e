"""AppTest fixtures: the app on a fresh SQLite file per test (seeded with the bundled examples)."""

from __future__ import annotations

import functools
import shutil
from pathlib import Path
from typing import Callable, Iterator

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from framework import ROOT
from store import Repository, open_repository
from store.accounts import Accounts
from store.cases import CaseStore
from store.example_data import seed_cases, seed_figures
from store.figures import FigureStore
from ui import state


@pytest.fixture(scope="session", autouse=True)
def _components_scanned_once() -> Iterator[None]:
    """Every AppTest scans the metadata of all ~80 installed packages for Streamlit components (0.5 s
    each time); the packages do not change during a test run, so the scan is made once."""
    from streamlit.components.v2 import manifest_scanner

    scan = manifest_scanner.scan_component_manifests
    manifest_scanner.scan_component_manifests = functools.cache(scan)
    yield
    manifest_scanner.scan_component_manifests = scan


@pytest.fixture(scope="session", autouse=True)
def _error_details_shown() -> Iterator[None]:
    """Page tests see a page's exception as such (`at.exception`): error details on, as in development.
    The production setting ("none": words and a reference only) is tested in tests/ui/test_errors.py."""
    before = st.get_option("client.showErrorDetails")
    st.set_option("client.showErrorDetails", "full")
    yield
    st.set_option("client.showErrorDetails", before)


@pytest.fixture
def db_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "app.db"
    monkeypatch.setenv("FFGRID_DB", str(path))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    st.cache_resource.clear()  # the repository is cached per process: start from this test's file
    return path


def signed_in_as(at: AppTest, name: str) -> None:
    """Start a sign-in for `name` (in the app's database, on the app's clock) and hand it to the session,
    as the sign-in page's cookie would."""
    at.session_state["sign_in"] = state.sign_ins().start(name)


PEOPLE = {"Test Assessor": "assessor", "Rita Reviewer": "reviewer", "Vic Viewer": "viewer", "Ada Admin": "admin"}
PASSWORD = "a test password"


@pytest.fixture(scope="session")
def team_template(method, tmp_path_factory: pytest.TempPathFactory, model, ew) -> Path:  # type: ignore[no-untyped-def]
    """The database the page tests start from, made once per test process: the 2019 grid stored as a
    draft from the start (as published it is read-only), the other bundled assessments, and one
    account per role; the assessor is assigned to both bundled assessments; the bundled figures and
    the SYNTHETIC case records, which the app would otherwise store on first use in every test."""
    path = tmp_path_factory.mktemp("team") / "team.db"
    repo = open_repository(method, f"sqlite:///{path}", seed=False)
    repo.add(ew.model_copy(update={"status": "draft"}))
    repo.seed()
    accounts = Accounts(repo.engine)
    for name, role in PEOPLE.items():
        accounts.add(name, PASSWORD, role, tuple(s.id for s in repo.list()) if role == "assessor" else ())
    seed_figures(FigureStore(repo.engine))
    seed_cases(CaseStore(repo.engine))
    repo.engine.dispose()
    return path


@pytest.fixture
def store(method, db_file: Path, team_template: Path, model) -> Iterator[Repository]:  # type: ignore[no-untyped-def]
    """The same database the app uses (a copy of `team_template`), to check what a page stored (or
    change it behind its back)."""
    shutil.copyfile(team_template, db_file)
    repo = open_repository(method, f"sqlite:///{db_file}")
    yield repo
    repo.engine.dispose()


@pytest.fixture
def app(store: Repository) -> Callable[..., AppTest]:
    """Start the app signed in (as the assessor unless `user` says) on the 2019 grid (unless `assessment`
    says), optionally on a page; asserts it ran without an exception."""

    def start(page: str | None = None, user: str | None = "Test Assessor",
              assessment: str | None = "england-wales-2019") -> AppTest:
        at = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=30)
        if assessment:  # chosen as if by a link; None: what the app opens by itself after sign-in
            at.query_params["assessment"] = assessment
        if user:
            signed_in_as(at, user)
        at.run()
        if page:
            at.switch_page(page).run()
        assert not at.exception, at.exception
        return at

    return start
