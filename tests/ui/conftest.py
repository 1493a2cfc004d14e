"""AppTest fixtures: the app on a fresh SQLite file per test (seeded with the bundled examples)."""

from __future__ import annotations

from pathlib import Path
from typing import Callable, Iterator

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from framework import ROOT
from store import Repository, open_repository


@pytest.fixture
def db_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "app.db"
    monkeypatch.setenv("FFGRID_DB", str(path))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    st.cache_resource.clear()  # the repository is cached per process: start from this test's file
    return path


@pytest.fixture
def store(db_file: Path, model) -> Iterator[Repository]:  # type: ignore[no-untyped-def]
    """The same database the app uses, to check what a page stored (or change it behind its back)."""
    repo = open_repository(model, f"sqlite:///{db_file}")
    yield repo
    repo.engine.dispose()


@pytest.fixture
def app(store: Repository) -> Callable[..., AppTest]:
    """Start the app (optionally on a page); asserts it ran without an exception."""

    def start(page: str | None = None) -> AppTest:
        at = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=30)
        at.session_state["author"] = "Test Assessor"
        at.run()
        if page:
            at.switch_page(page).run()
        assert not at.exception, at.exception
        return at

    return start
