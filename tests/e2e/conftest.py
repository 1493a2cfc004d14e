"""End-to-end fixtures: the real app on a free port with its own SQLite file, and Debian's chromium."""

from __future__ import annotations

from pathlib import Path
from typing import Callable, Iterator

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from bench.appserver import AppServer, launch_chromium, new_context
from bench.team import prepare
from framework import ROOT

ARTIFACTS = ROOT / "test-artifacts"


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as p:
        b = launch_chromium(p)
        yield b
        b.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[AppServer]:
    db = tmp_path_factory.mktemp("e2e") / "ffgrid.db"
    prepare(f"sqlite:///{db}")
    with AppServer(env={"FFGRID_DB": str(db)}) as app:
        yield app


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = new_context(browser)
    yield context.new_page()
    context.close()


@pytest.fixture
def screenshot() -> Callable[[Page, str], Path]:
    """Save pages under test-artifacts/ to look at."""
    return _screenshot


def _screenshot(page: Page, name: str) -> Path:
    """Save the whole page (the app scrolls inside its own container, so the window is made tall)."""
    ARTIFACTS.mkdir(exist_ok=True)
    size = page.viewport_size
    height = page.evaluate("() => document.querySelector('[data-testid=\"stMain\"]')?.scrollHeight ?? 1000")
    page.set_viewport_size({"width": size["width"], "height": min(max(height, size["height"]), 6000)})
    page.wait_for_timeout(300)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path))
    page.set_viewport_size(size)
    return path
