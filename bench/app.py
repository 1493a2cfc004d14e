"""`ffgrid bench app`: time to first interactive page (cold and warm) and from Save to the updated map.

Measured in headless Debian chromium through Playwright. The baseline, in the same run, is a bare
Streamlit page (one title) started the same way: what Streamlit itself costs on this machine.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path
from typing import Callable

from playwright.sync_api import Browser, Page, expect, sync_playwright

from bench.appserver import AppServer, launch_chromium, new_context
from bench.steps import TIMEOUT, choose_score, open_relationship, sign_in, wait_for_map
from bench.team import PASSWORD, prepare

BARE_APP = 'import streamlit as st\nst.title("Hello")\n'


def _overview_ready(page: Page) -> None:
    sign_in(page, "Ann Assessor", PASSWORD)  # every new browser session starts at the sign-in page
    wait_for_map(page, "police-courts")
    expect(page.locator("[data-testid='stDataFrame']").first).to_be_visible(timeout=TIMEOUT)


def _bare_ready(page: Page) -> None:
    expect(page.get_by_role("heading", name="Hello")).to_be_visible(timeout=TIMEOUT)


def _load(browser: Browser, url: str, ready: Callable[[Page], None]) -> float:
    """Seconds from navigation to ready, in a fresh browser context."""
    context = new_context(browser, 1600)
    try:
        page = context.new_page()
        start = time.perf_counter()
        page.goto(url)
        ready(page)
        return time.perf_counter() - start
    finally:
        context.close()


def _warm(browser: Browser, url: str, ready: Callable[[Page], None], runs: int) -> list[float]:
    """Seconds from reload to ready on a running server, for a returning browser (assets cached)."""
    context = new_context(browser, 1600)
    page = context.new_page()
    page.goto(url)
    ready(page)
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        page.reload()
        ready(page)
        out.append(time.perf_counter() - start)
    context.close()
    return out


def _cold(browser: Browser, server: AppServer, ready: Callable[[Page], None]) -> float:
    """Seconds from spawning the server process to the first page being ready."""
    with server:
        _load(browser, server.url, ready)
        return time.perf_counter() - server.started_at


def _save_to_map(browser: Browser, server: AppServer, runs: int) -> list[float]:
    """Seconds from clicking Save to the edited line's new rating on the map, alternating scores."""
    page = browser.new_page(viewport={"width": 1600, "height": 1000})
    open_relationship(page, server.url, "police-courts", "Ann Assessor", PASSWORD)
    out = []
    for i in range(runs):
        score, rating = (3, "green") if i % 2 == 0 else (1, "amber")
        choose_score(page, "Framework", score)
        mark = {"green": "● GREEN", "amber": "◆ AMBER"}[rating]
        expect(page.get_by_text(f"With your unsaved changes: {mark}")).to_be_visible(timeout=TIMEOUT)
        page.wait_for_load_state("networkidle")
        start = time.perf_counter()
        page.locator(".st-key-save button").click()
        wait_for_map(page, "police-courts", rating)
        out.append(time.perf_counter() - start)
    page.close()
    return out


def _median(xs: list[float]) -> str:
    return f"{statistics.median(xs):.2f} s (runs: {', '.join(f'{x:.2f}' for x in xs)})"


def run(runs: int = 5) -> dict[str, list[float]]:
    """Measure and print every figure; returns the raw timings."""
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.db"
        prepare(f"sqlite:///{db}")  # created, seeded and given accounts beforehand
        bare = Path(tmp) / "bare_app.py"
        bare.write_text(BARE_APP)
        env = {"FFGRID_DB": str(db)}
        with sync_playwright() as p:
            browser = launch_chromium(p)
            _cold(browser, AppServer(env=env), _overview_ready)  # warm the OS file cache once, not counted
            results = {
                "cold_bare": [_cold(browser, AppServer(script=bare), _bare_ready) for _ in range(runs)],
                "cold_ffgrid": [_cold(browser, AppServer(env=env), _overview_ready) for _ in range(runs)],
            }
            with AppServer(script=bare) as server:
                results["warm_bare"] = _warm(browser, server.url, _bare_ready, runs)
            with AppServer(env=env) as server:
                results["warm_ffgrid"] = _warm(browser, server.url, _overview_ready, runs)
                results["save_to_map"] = _save_to_map(browser, server, runs)
            browser.close()
    cold_ratio = statistics.median(results["cold_ffgrid"]) / statistics.median(results["cold_bare"])
    print(f"cold start, sign in, interactive Overview:      {_median(results['cold_ffgrid'])}")
    print(f"cold start of a bare Streamlit page (baseline):  {_median(results['cold_bare'])}")
    print(f"  ratio ffgrid / bare: {cold_ratio:.2f}")
    print(f"warm server, reload, sign in, Overview:          {_median(results['warm_ffgrid'])}")
    print(f"warm server, reload of the bare page (baseline): {_median(results['warm_bare'])}")
    print(f"Save click to the updated map:                   {_median(results['save_to_map'])}")
    return results
