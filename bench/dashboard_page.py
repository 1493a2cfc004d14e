"""The dashboard's filter change in the browser: from choosing a filter value to the last chart redrawn.

`filter_change` times it on a running app; `prepare_million` makes a database with the 1,000,000-record
SYNTHETIC case set (`dashboard.cases.synthesise`, stored as `ffgrid bench dashboard` stores it);
`bare_filter_change` is the baseline: a bare Streamlit page with one select box and one chart, started
the same way. `run()` prints the figures (`ffgrid bench app` calls the functions).

"Redrawn" is: the app's script state left running after the choice (a fragment's rerun counts:
Streamlit reports it the same way; the old values are read, since a fast rerun flips it twice at once),
every chart on screen has its canvas (or SVG) drawn (a tab not shown draws none), and two animation
frames have passed, so the browser has painted what changed. The value is chosen once the list shows
it first (Enter takes the first: before the list is filtered, that can be the value already chosen).
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from playwright.sync_api import Browser, Page, expect

from bench.appserver import AppServer, launch_chromium, new_context
from bench.steps import TIMEOUT, settle, visit, wait_for_text
from bench.team import PASSWORD, prepare

BARE_FILTER_APP = '''import altair as alt
import numpy as np
import pandas as pd
import streamlit as st

strand = st.selectbox("Strand", ["All", "Race", "Religion", "Sexual orientation", "Disability", "Transgender identity"])
rng = np.random.default_rng(len(strand))
frame = pd.DataFrame({"hour": range(24), "records": rng.integers(10, 500, 24)})
st.altair_chart(alt.Chart(frame).mark_bar().encode(x="hour:O", y="records:Q"), width="stretch")
st.caption(f"Shown: {strand}")
'''

_WATCH = """() => {
    const app = document.querySelector("[data-testid='stApp']");
    window.__ffgridDone = false;
    if (window.__ffgridObserver) window.__ffgridObserver.disconnect();
    window.__ffgridObserver = new MutationObserver(records => {  // a fast rerun flips twice in one batch
        if (records.some(r => r.oldValue === "running")) window.__ffgridDone = true;
    });
    window.__ffgridObserver.observe(app, {attributes: true, attributeOldValue: true,
                                          attributeFilter: ["data-test-script-state"]});
}"""
_DRAWN = """(ran) => (ran || window.__ffgridDone) && [...document.querySelectorAll("[data-testid='stVegaLiteChart']")]
    .filter(c => c.getClientRects().length > 0)  // on screen: not in a tab that is not shown
    .every(c => c.querySelector("canvas, svg.marks") !== null)"""
_PAINTED = "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(true))))"


def _choose_and_time(page: Page, box: str, option: str, shown: str | None = None) -> float:
    """Seconds from choosing `option` in the select box `box` (Enter on it) to the page redrawn; with
    `shown`, the text that says the page ran (a bare page's run can be too quick for its script state
    to be seen changing)."""
    settle(page)
    combo = page.get_by_role("combobox", name=box)
    combo.click()
    combo.fill(option)
    expect(page.get_by_role("option", name=option).first).to_be_visible(timeout=TIMEOUT)
    expect(page.get_by_role("option").first).to_have_text(option, timeout=TIMEOUT)  # filtered (Enter takes the first)
    page.evaluate(_WATCH)
    start = time.perf_counter()
    page.keyboard.press("Enter")
    if shown is not None:
        wait_for_text(page, shown)
    page.wait_for_function(_DRAWN, arg=shown is not None, polling="raf", timeout=TIMEOUT * 3)
    page.evaluate(_PAINTED)
    return time.perf_counter() - start


def _values(runs: int, options: list[str]) -> list[str]:
    return [options[i % len(options)] for i in range(runs)]


STRANDS = ["Race", "Religion", "Sexual orientation", "Disability", "Transgender identity", "All"]


def filter_change(browser: Browser, server: AppServer, runs: int, box: str = "Strand",
                  options: list[str] | None = None, tab: str = "Case records") -> list[float]:
    """Seconds per filter change on the dashboard (signed in as the assessor): `box` on `tab`, cycling
    through `options` (each value's first time and then again, so caching is timed both ways)."""
    context = new_context(browser, 1600)
    page = context.new_page()
    visit(page, server.url, "dashboard", "Ann Assessor", PASSWORD)
    expect(page.get_by_role("heading", name="Data dashboard")).to_be_visible(timeout=TIMEOUT * 3)
    settle(page)
    if tab:
        page.get_by_role("tab", name=tab).click()
    out = [_choose_and_time(page, box, value) for value in _values(runs, options or STRANDS)]
    context.close()
    return out


def bare_filter_change(browser: Browser, server: AppServer, runs: int) -> list[float]:
    """The baseline: the same timing on the bare page (`BARE_FILTER_APP`)."""
    context = new_context(browser, 1600)
    page = context.new_page()
    page.goto(server.url)
    expect(page.get_by_role("combobox", name="Strand")).to_be_visible(timeout=TIMEOUT)
    out = [_choose_and_time(page, "Strand", value, f"Shown: {value}") for value in _values(runs, STRANDS)]
    context.close()
    return out


def prepare_million(url: str, rows: int = 1_000_000) -> None:
    """The benchmark database (`bench.team.prepare`) with `rows` SYNTHETIC case records stored as the
    country's case set (so the app does not add its 20,000 examples), and their local copy (the app's
    own cache of Parquet snapshots, named by their hash: the next run reuses it)."""
    from dashboard.cases import synthesise, validate_cases
    from store import open_engine
    from store.cases import CaseStore

    prepare(url)
    store = CaseStore(open_engine(url))
    store.import_frame(validate_cases(synthesise(rows), "synthetic"), f"synthetic-{rows}-cases (SYNTHETIC)", "ew",
                       imported_by="benchmark", synthetic=True)
    store.local_files("ew")


def _median(xs: list[float]) -> str:
    return f"{statistics.median(xs):.2f} s (runs: {', '.join(f'{x:.2f}' for x in xs)})"


def run(runs: int = 12, rows: int = 1_000_000) -> dict[str, list[float]]:
    """Measure and print the filter change on the bundled data and on `rows` records, and the bare page."""
    from playwright.sync_api import sync_playwright

    results: dict[str, list[float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        bundled, million = Path(tmp) / "bundled.db", Path(tmp) / "million.db"
        prepare(f"sqlite:///{bundled}")
        prepare_million(f"sqlite:///{million}", rows)
        bare = Path(tmp) / "bare_filter_app.py"
        bare.write_text(BARE_FILTER_APP)
        with sync_playwright() as p:
            browser = launch_chromium(p)
            with AppServer(script=bare) as server:
                results["bare"] = bare_filter_change(browser, server, runs)
            with AppServer(env={"FFGRID_DB": str(bundled)}) as server:
                results["bundled_cases"] = filter_change(browser, server, runs)
                results["bundled_area"] = filter_change(browser, server, min(runs, 6), "Area",
                                                        ["United Kingdom", "England and Wales"], tab="")
            with AppServer(env={"FFGRID_DB": str(million)}) as server:
                results["million_cases"] = filter_change(browser, server, runs)
            browser.close()
    base = statistics.median(results["bare"])
    print(f"filter change, bare page (one select box, one chart; baseline): {_median(results['bare'])}")
    for name, label in (("bundled_cases", "Strand, case records, bundled 20,000 records"),
                        ("bundled_area", "Area, official figures, bundled"),
                        ("million_cases", f"Strand, case records, {rows:,} records")):
        xs = results[name]
        print(f"filter change, {label}: {_median(xs)}; ratio to the bare page {statistics.median(xs) / base:.2f}, "
              f"over it by {statistics.median(xs) - base:+.2f} s")
    return results


if __name__ == "__main__":
    run()
