"""What the pages share: the model, the repository, the chosen assessment and drafts in this session.

Nothing here lives outside the database and the user's own session, so several app processes can
serve one database: cached reads are keyed by the assessment's revision, read fresh on each run.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st

from framework import Model, load_model
from scoring import ScoredLine, score_assessment
from store import Repository, Stored, open_repository
from store.cases import CaseStore
from store.example_data import seed_cases, seed_figures
from store.figures import FigureStore


@st.cache_resource
def model() -> Model:
    """The bundled model (immutable, shared by every session)."""
    return load_model()


@st.cache_resource
def repository() -> Repository:
    """The repository on `DATABASE_URL` or the SQLite file; migrated and seeded on first use."""
    return open_repository(model())


@st.cache_resource
def figure_store() -> FigureStore:
    """The figures in the database (the bundled examples stored on first use)."""
    store = FigureStore(repository().engine)
    seed_figures(store)  # the bundled example figures, on first use
    return store


@st.cache_resource
def case_store() -> CaseStore:
    """The case records in the database (SYNTHETIC examples stored on first use)."""
    store = CaseStore(repository().engine)
    seed_cases(store)  # SYNTHETIC example records, on first use
    return store


def figures_frame() -> pd.DataFrame:
    """Every stored figure with its provenance (read fresh: another process may have imported)."""
    return figure_store().frame()


def case_files() -> tuple[list[Path], bool]:
    """Local copies of the stored case records, and whether any of them is synthetic."""
    cases = case_store()
    return cases.local_files(), any(s.synthetic for s in cases.sets())


@st.cache_resource(max_entries=64)
def _stored(slug: str, revision: int) -> tuple[Stored, list[ScoredLine]]:
    stored = repository().get(slug)
    return stored, score_assessment(model(), stored.assessment)


def stored(slug: str) -> tuple[Stored, list[ScoredLine]]:
    """The assessment as stored now, and its scored lines (one cheap query when nothing changed)."""
    return _stored(slug, repository().revision(slug))


def chosen() -> str:
    """The id of the assessment chosen in the sidebar."""
    return st.session_state["assessment"]


def choose(slug: str) -> None:
    """Make `slug` the chosen assessment from the next run on (the sidebar widget is already drawn)."""
    st.session_state["choose_assessment"] = slug


def drafts() -> dict[tuple[str, str], dict[str, Any]]:
    """Unsaved form values in this browser session, by (assessment, relationship)."""
    return st.session_state.setdefault("drafts", {})
