"""Cached access to the model and the bundled assessments for the pages."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from framework import Assessment, Model, bundled_assessments, load_assessment, load_model


@st.cache_resource
def model() -> Model:
    """The bundled model (immutable, shared by every session)."""
    return load_model()


@st.cache_resource
def _assessment(path: str, mtime: float) -> Assessment:
    return load_assessment(Path(path), model())


def assessments() -> dict[str, Assessment]:
    """The bundled assessments by id, reloaded when a file changes."""
    found = (_assessment(str(p), p.stat().st_mtime) for p in bundled_assessments())
    return {a.id: a for a in found}
