"""What the pages share: the model, the repository, the chosen assessment and drafts in this session.

Nothing here lives outside the database and the user's own session, so several app processes can
serve one database: cached reads are keyed by the assessment's revision, read fresh on each run.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from framework import Model, load_model
from scoring import ScoredLine, score_assessment
from store import Repository, Stored, open_repository


@st.cache_resource
def model() -> Model:
    """The bundled model (immutable, shared by every session)."""
    return load_model()


@st.cache_resource
def repository() -> Repository:
    """The repository on `DATABASE_URL` or the SQLite file; migrated and seeded on first use."""
    return open_repository(model())


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
