"""AppTest fixtures: the app on a fresh SQLite file per test (seeded with the bundled examples)."""

from __future__ import annotations

from pathlib import Path
from typing import Callable, Iterator

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from framework import ROOT
from store import Repository, open_repository
from store.accounts import Accounts
from ui import state


@pytest.fixture
def db_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "app.db"
    monkeypatch.setenv("FFGRID_DB", str(path))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    st.cache_resource.clear()  # the repository is cached per process: start from this test's file
    return path


PEOPLE = {"Test Assessor": "assessor", "Rita Reviewer": "reviewer", "Vic Viewer": "viewer", "Ada Admin": "admin"}
PASSWORD = "a test password"


@pytest.fixture
def store(db_file: Path, model, ew) -> Iterator[Repository]:  # type: ignore[no-untyped-def]
    """The same database the app uses, to check what a page stored (or change it behind its back).

    The 2019 grid is stored as a draft (as published it is read-only), and there is one account per
    role; the assessor is assigned to both bundled assessments.
    """
    repo = open_repository(model, f"sqlite:///{db_file}", seed=False)
    repo.add(ew.model_copy(update={"status": "draft"}))  # stored as a draft from the start
    repo.seed()  # the other bundled assessments
    accounts = Accounts(repo.engine)
    for name, role in PEOPLE.items():
        accounts.add(name, PASSWORD, role, tuple(s.id for s in repo.list()) if role == "assessor" else ())
    yield repo
    repo.engine.dispose()


@pytest.fixture
def app(store: Repository) -> Callable[..., AppTest]:
    """Start the app signed in (as the assessor unless `user` says), optionally on a page; asserts it ran
    without an exception."""

    def start(page: str | None = None, user: str | None = "Test Assessor") -> AppTest:
        at = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=30)
        if user:
            at.session_state["user_name"] = user
            at.session_state["last_seen"] = state.clock()  # the app's clock (tests may set it)
        at.run()
        if page:
            at.switch_page(page).run()
        assert not at.exception, at.exception
        return at

    return start
