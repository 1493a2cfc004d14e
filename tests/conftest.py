"""Shared fixtures: the bundled model, the England & Wales assessment, and editable copies of both."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from framework import ROOT, Assessment, Model, load_assessment, load_model

EW_2019 = ROOT / "assessments" / "england-wales-2019.yaml"


@pytest.fixture(scope="session")
def model() -> Model:
    return load_model()


@pytest.fixture(scope="session")
def ew(model: Model) -> Assessment:
    return load_assessment(EW_2019, model)


@pytest.fixture
def model_copy(tmp_path: Path) -> Path:
    """A writable copy of the bundled model folder."""
    for name in ("framework", "standards", "relationships"):
        shutil.copytree(ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    return tmp_path
