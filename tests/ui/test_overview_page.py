"""The app's Overview page, through Streamlit's AppTest."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from framework import ROOT


@pytest.fixture
def app() -> AppTest:
    at = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=30)
    at.run()
    assert not at.exception, at.exception
    return at


def test_overview_shows_counts_map_and_grid(app):
    assert app.title[0].value == "Systems map"
    metrics = {m.label: m.value for m in app.metric}
    assert metrics["● GREEN"] == "16" and metrics["◆ AMBER"] == "9" and metrics["▲ RED"] == "10"
    assert metrics["○ N/A"] == "1"
    chart = app.get("graphviz_chart")[0]
    assert "GREEN 3+2" in chart.proto.spec and "actor-police" in chart.proto.spec
    grid = app.dataframe[0].value
    assert len(grid) == 36 and "▲ RED" in set(grid["Rating"])


def test_choosing_an_assessment_is_offered(app):
    box = app.selectbox(key="assessment")
    assert "england-wales-2019" in box.options or any("England & Wales 2019" in o for o in box.options)


def test_illustrative_assessment_is_labelled_on_screen(app):
    app.selectbox(key="assessment").select("england-wales-2024-illustrative").run()
    assert not app.exception
    assert any("Illustrative example, not an official assessment" in w.value for w in app.warning)
    assert {m.label: m.value for m in app.metric}["◆ AMBER"] == "12"
