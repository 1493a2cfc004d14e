"""`ffgrid bench app`: the app's waits against a bare Streamlit page measured in the same run.

Measured in headless Debian chromium through Playwright, every server started the same way, each wait
that ends a timing checked on every animation frame (`wait_for_text`, `wait_for_map`), on both sides:
- cold start: from spawning the server to the Overview (map and grid shown) for a browser signed in
  before (its cookie), against the bare page (a title and a button) from spawning to its title; and,
  with no target, the same through the sign-in page (name and password);
- warm reload: a returning browser reloads the Overview (signing in again where the page asks for it),
  against reloading the bare page;
- Save → map: from clicking Save to the edited line's new rating on the map, against clicking the bare
  page's button to its rerun shown;
- the dashboard's filter change on the bundled records and on 1,000,000 (bench/dashboard_page.py), against a
  bare page with one select box and one chart;
- building the report on the Reports page: from clicking "Build the country report" to the PDF's
  download button (and to the DOCX's), against `ffgrid report` on the same assessment, with the same
  database (its figures and comments), as a new process.
Each figure is printed with its ratio to its baseline and the target it is held to (issue 16).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from playwright.sync_api import Browser, Page, expect, sync_playwright

from base.paths import ROOT
from access.sign_in_cookie import COOKIE, SECRET_NAME, cookie_value, session_minutes
from bench.appserver import AppServer, launch_chromium, new_context
from bench.dashboard_page import BARE_FILTER_APP, bare_filter_change, filter_change, prepare_million
from bench.report import FFGRID
from bench.steps import (TIMEOUT, choose_score, open_relationship, settle, sign_in, visit, wait_for_map,
                         wait_for_text)
from bench.team import PASSWORD, prepare
from store import open_engine
from store.sign_ins import SignIns, app_secret

BARE_APP = """import streamlit as st
st.title("Hello")
st.session_state.setdefault("clicks", 0)
if st.button("Again"):
    st.session_state["clicks"] += 1
st.write(f"Clicked {st.session_state['clicks']} times")
"""
ASSESSMENT = "england-wales-2019"
REPORT_TIMEOUT = 300_000  # ms


def _overview_ready(page: Page) -> float:
    """Wait for the signed-in Overview (map and grid), signing in where the page asks for it; returns the
    seconds from the Sign in click to signed in (0 if the page did not ask)."""
    spent = 0.0
    if wait_for_text(page, "Sign in", "Sign out") == "Sign in":
        start = time.perf_counter()
        sign_in(page, "Ann Assessor", PASSWORD)
        spent = time.perf_counter() - start
    wait_for_map(page, "police-courts")
    page.wait_for_function("() => document.querySelector('table.ffgrid-grid')?.getClientRects().length > 0",
                           polling="raf", timeout=TIMEOUT)
    return spent


def _bare_ready(page: Page) -> float:
    wait_for_text(page, "Hello")
    return 0.0


def signed_in_cookie(db: Path, url: str, name: str = "Ann Assessor") -> dict[str, str]:
    """A sign-in cookie for `name` on the app at `url`, as the sign-in page would set it (a browser that
    signed in before, on the same database)."""
    engine = open_engine(f"sqlite:///{db}")
    try:
        token = SignIns(engine, session_minutes()).start(name)
        return {"name": COOKIE, "value": cookie_value(token, app_secret(engine, SECRET_NAME)), "url": url}
    finally:
        engine.dispose()


def _load(browser: Browser, url: str, ready: Callable[[Page], float], cookie: dict[str, str] | None = None) -> float:
    """Seconds from navigation to ready, in a fresh browser context (with `cookie`, if given)."""
    context = new_context(browser, 1600)
    if cookie:
        context.add_cookies([cookie])
    try:
        page = context.new_page()
        start = time.perf_counter()
        page.goto(url)
        ready(page)
        return time.perf_counter() - start
    finally:
        context.close()


def _warm(browser: Browser, url: str, ready: Callable[[Page], float], runs: int) -> tuple[list[float], list[float]]:
    """Seconds from reload to ready on a running server, for a returning browser (assets cached), and
    of those the seconds spent signing in."""
    context = new_context(browser, 1600)
    page = context.new_page()
    page.goto(url)
    ready(page)
    out, signing_in = [], []
    for _ in range(runs):
        start = time.perf_counter()
        page.reload()
        signing_in.append(ready(page))
        out.append(time.perf_counter() - start)
    context.close()
    return out, signing_in


def _cold(browser: Browser, server: AppServer, ready: Callable[[Page], float], db: Path | None = None) -> float:
    """Seconds from spawning the server process to the first page being ready; with `db`, for a browser
    signed in before (its cookie), else through the sign-in page where there is one."""
    with server:
        _load(browser, server.url, ready, signed_in_cookie(db, server.url) if db else None)
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


def _bare_click(browser: Browser, server: AppServer, runs: int) -> list[float]:
    """Seconds from clicking the bare page's button to its rerun shown."""
    page = browser.new_page(viewport={"width": 1600, "height": 1000})
    page.goto(server.url)
    _bare_ready(page)
    out = []
    for i in range(runs):
        page.wait_for_load_state("networkidle")
        start = time.perf_counter()
        page.get_by_role("button", name="Again").click()
        wait_for_text(page, f"Clicked {i + 1} times")
        out.append(time.perf_counter() - start)
    page.close()
    return out


def _report_in_page(browser: Browser, server: AppServer, runs: int) -> tuple[list[float], list[float]]:
    """Seconds from clicking "Build the country report" to the PDF's download button, and to the DOCX's."""
    page = browser.new_page(viewport={"width": 1600, "height": 1000})
    visit(page, server.url, "reports", "Ann Assessor", PASSWORD, assessment=ASSESSMENT)
    build = page.get_by_role("button", name="Build the country report")
    pdf = page.get_by_role("button", name="Country report (PDF)")
    to_pdf, to_docx = [], []
    for _ in range(runs):
        expect(build).to_be_enabled(timeout=REPORT_TIMEOUT)
        settle(page)
        start = time.perf_counter()
        build.click()
        expect(page.get_by_text("Building the report…")).to_be_visible(timeout=TIMEOUT)
        expect(pdf).to_have_count(0, timeout=TIMEOUT)  # the last build's buttons gone (kept while the page reruns)
        wait_for_text(page, "Country report (PDF)", timeout=REPORT_TIMEOUT)
        to_pdf.append(time.perf_counter() - start)
        wait_for_text(page, "Country report (DOCX, editable)", timeout=REPORT_TIMEOUT)
        to_docx.append(time.perf_counter() - start)
    page.close()
    return to_pdf, to_docx


def _report_cli(db: Path, tmp: Path, suffix: str) -> float:
    """Seconds of `ffgrid report` (a new process) on the assessment as stored in `db`, writing `suffix`."""
    from framework import load_method
    from store import open_repository

    yaml = tmp / f"{ASSESSMENT}.yaml"
    if not yaml.exists():
        repo = open_repository(load_method(), f"sqlite:///{db}", seed=False)
        yaml.write_text(repo.export_yaml(ASSESSMENT), encoding="utf-8")
        repo.engine.dispose()
    env = {**os.environ, "FFGRID_DB": str(db), "DATABASE_URL": ""}  # its figures and comments, as the page
    start = time.perf_counter()
    subprocess.run([*FFGRID, "report", str(yaml), "-o", str(tmp / f"cli-report{suffix}")], check=True,
                   capture_output=True, env=env, cwd=ROOT)
    return time.perf_counter() - start


@dataclass(frozen=True)
class Figure:
    """One printed figure: what is timed, its baseline, and the target it is held to."""

    name: str
    key: str
    baseline_name: str
    baseline_key: str
    target: str
    met: Callable[[float, float], bool]


FIGURES = (
    Figure("cold start to the Overview, signed in before (cookie)", "cold_ffgrid", "bare page, cold start", "cold_bare",
           "within 2x the bare page", lambda x, b: x <= 2 * b),
    Figure("warm server, reload to the signed-in Overview", "warm_ffgrid", "bare page, reload", "warm_bare",
           "within the bare page + 0.5 s", lambda x, b: x <= b + 0.5),
    Figure("Save click to the updated map", "save_to_map", "bare page, click to its rerun", "click_bare",
           "within 0.3 s", lambda x, b: x <= 0.3),
    Figure("cold start through the sign-in page (name and password)", "cold_ffgrid_form", "bare page, cold start",
           "cold_bare", "(no target; the password check is argon2's)", lambda x, b: True),
    Figure("dashboard filter change to the last chart redrawn, bundled records", "filter_bundled",
           "bare page with one select box and one chart", "filter_bare", "within 0.5 s", lambda x, b: x <= 0.5),
    Figure("dashboard filter change to the last chart redrawn, 1,000,000 records", "filter_million",
           "bare page with one select box and one chart", "filter_bare", "within 0.5 s", lambda x, b: x <= 0.5),
    Figure("Reports page, Build click to the PDF offered", "report_pdf", "ffgrid report -o report.pdf",
           "cli_pdf", "within 1.2x the command", lambda x, b: x <= 1.2 * b),
    Figure("Reports page, Build click to the DOCX offered too", "report_docx",
           "ffgrid report -o .pdf, then -o .docx", "cli_both", "(no target; both files)", lambda x, b: True),
)


def _listed(xs: list[float]) -> str:
    return ", ".join(f"{x:.2f}" for x in xs)


def summary(results: dict[str, list[float]]) -> list[str]:
    """The printed lines: each figure's median and runs, its baseline's, the ratio, and the target."""
    lines = []
    for f in FIGURES:
        if f.key not in results or f.baseline_key not in results:
            lines.append(f"{f.name}: not measured in this run")
            continue
        x, b = statistics.median(results[f.key]), statistics.median(results[f.baseline_key])
        lines += [f"{f.name}: {x:.2f} s (runs: {_listed(results[f.key])})",
                  f"  baseline, {f.baseline_name}: {b:.2f} s (runs: {_listed(results[f.baseline_key])})",
                  f"  ratio {x / b:.2f}, difference {x - b:+.2f} s; target {f.target}: "
                  + ("met" if f.met(x, b) else "NOT met")]
    if signing_in := results.get("warm_sign_in"):
        lines.append(f"  (of the warm reload, the sign-in click to signed in, the password check included: "
                     f"{statistics.median(signing_in):.2f} s)")
    return lines


def run(runs: int = 5, rows: int = 1_000_000) -> dict[str, list[float]]:
    """Measure and print every figure (the dashboard's also with `rows` case records); returns the raw timings."""
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        db, million = tmp / "bench.db", tmp / "million.db"
        prepare(f"sqlite:///{db}")  # created, seeded and given accounts beforehand
        prepare_million(f"sqlite:///{million}", rows)
        bare, bare_filter = tmp / "bare_app.py", tmp / "bare_filter_app.py"
        bare.write_text(BARE_APP)
        bare_filter.write_text(BARE_FILTER_APP)
        env = {"FFGRID_DB": str(db)}
        with sync_playwright() as p:
            browser = launch_chromium(p)
            _cold(browser, AppServer(env=env), _overview_ready)  # warm the OS file cache once, not counted
            results: dict[str, list[float]] = {
                "cold_bare": [_cold(browser, AppServer(script=bare), _bare_ready) for _ in range(runs)],
                "cold_ffgrid": [_cold(browser, AppServer(env=env), _overview_ready, db) for _ in range(runs)],
                "cold_ffgrid_form": [_cold(browser, AppServer(env=env), _overview_ready) for _ in range(runs)],
            }
            with AppServer(script=bare) as server:
                results["warm_bare"], _ = _warm(browser, server.url, _bare_ready, runs)
                results["click_bare"] = _bare_click(browser, server, runs)
            with AppServer(script=bare_filter) as server:
                results["filter_bare"] = bare_filter_change(browser, server, runs)
            with AppServer(env=env) as server:
                results["warm_ffgrid"], results["warm_sign_in"] = _warm(browser, server.url, _overview_ready, runs)
                results["save_to_map"] = _save_to_map(browser, server, runs)
                results["filter_bundled"] = filter_change(browser, server, runs)
                report_runs = max(1, min(runs, 3))  # a report takes seconds: at most three of each
                results["report_pdf"], results["report_docx"] = _report_in_page(browser, server, report_runs)
            with AppServer(env={"FFGRID_DB": str(million)}) as server:
                results["filter_million"] = filter_change(browser, server, runs)
            browser.close()
        results["cli_pdf"] = [_report_cli(db, tmp, ".pdf") for _ in range(report_runs)]
        docx = [_report_cli(db, tmp, ".docx") for _ in range(report_runs)]
        results["cli_both"] = [a + b for a, b in zip(results["cli_pdf"], docx)]
    print("\n".join(summary(results)))
    return results
