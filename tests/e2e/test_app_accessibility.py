"""The app in Debian's chromium, as each role: axe-core finds no serious or critical WCAG 2.2 AA problem
on the sign-in page or any page in the sidebar, except those listed below as Streamlit's own (with the
upstream issue).

One server, one browser context per role; every page is opened by its link in the sidebar (the
assessment stays named in the address), and checked once the app has finished its run.
"""

from __future__ import annotations

import json
import re
import time
from collections import Counter
from dataclasses import dataclass

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from bench.appserver import new_context
from bench.steps import TIMEOUT, settle, sign_in
from bench.team import PASSWORD, TEAM
from tests.e2e.conftest import ARTIFACTS, _screenshot

TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
IMPACTS = ("serious", "critical")
# Checked too: heading order (rated moderate): one level at a time; target size (WCAG 2.2, off by default in axe)
ALSO = ("heading-order", "target-size")
ASSESSMENT = "england-wales-2019"
NAME = {role: name for name, role in TEAM.items()}
SCREENSHOTS = ("Overview", "Assess", "Action plan", "Report texts")  # saved under test-artifacts/ to look at


@dataclass(frozen=True)
class Allowed:
    """A violation let through: axe's rule id, a pattern every offending node's selector matches, and why."""

    rule: str
    selector: str  # a regular expression, searched in the node's CSS selector
    why: str
    pages: tuple[str, ...] = ()  # only on these pages (url paths; "" is the Overview); empty: every page

    def covers(self, page: str, rule: str, selector: str) -> bool:
        return rule == self.rule and (not self.pages or page in self.pages) and bool(re.search(self.selector, selector))


# Streamlit's own markup, which the app cannot change; each with its upstream issue.
STREAMLIT_OWN: list[Allowed] = []

def _pages(page: Page) -> list[tuple[str, str]]:
    """The sidebar's page links: (url path, title)."""
    links = page.locator("[data-testid='stSidebarNav'] a")
    expect(links.first).to_be_visible(timeout=TIMEOUT)
    more = page.get_by_test_id("stSidebarNavViewButton")
    if more.count() and more.inner_text().startswith("View") and "more" in more.inner_text():
        more.click()  # Streamlit shows the first ten links until asked for more
    return [(re.sub(r"^https?://[^/]+/|\?.*$", "", a.get_attribute("href") or ""),
             a.inner_text().strip().splitlines()[-1])  # the title after the icon's name
            for a in links.all()]


def _violations(axe: Axe, page: Page, path: str) -> tuple[list[dict], list[dict]]:
    """axe's serious and critical violations on the page: (not allowed, allowed), a row per rule and node."""
    results = axe.run(page, options={"runOnly": {"type": "tag", "values": TAGS}, "resultTypes": ["violations"],
                                     "rules": {rule: {"enabled": True} for rule in ALSO}})
    bad, let = [], []
    for v in results.response["violations"]:
        if v["impact"] not in IMPACTS and v["id"] not in ALSO:
            continue
        for node in v["nodes"]:
            selector = " ".join(map(str, node["target"]))
            row = {"rule": v["id"], "impact": v["impact"], "selector": selector,
                   "summary": node.get("failureSummary", "")[:200]}
            rules = STREAMLIT_OWN
            (let if any(a.covers(path, v["id"], selector) for a in rules) else bad).append(row)
    return bad, let


CONTROLS_JS = r"""() => [...document.querySelectorAll(
        '[data-testid="stMain"] :is(button, input, textarea, [role=combobox]):not([type=hidden])')].map(e =>
    (e.disabled || e.getAttribute('aria-disabled') === 'true' ? 'disabled ' : '') + (e.type === 'file' ? 'upload ' : '')
    + (e.getAttribute('aria-label') || (e.labels && e.labels[0] ? e.labels[0].innerText : '') || e.innerText
       || e.type || e.tagName).trim().split('\n').pop().slice(0, 40))"""


def _controls(page: Page) -> str:
    """The controls on the page (buttons, inputs, uploads), as their names, disabled ones marked."""
    return "; ".join(dict.fromkeys(page.evaluate(CONTROLS_JS)))


def _counts(rows: list[dict]) -> str:
    """How many offending nodes per impact, and per rule."""
    by = {i: sum(r["impact"] == i for r in rows) for i in ("critical", "serious", "moderate")}
    rules = Counter(r["rule"] for r in rows)
    return ", ".join(f"{n} {i}" for i, n in by.items()) + (f" ({', '.join(f'{r} {n}' for r, n in rules.items())})"
                                                          if rules else "")


def test_no_serious_or_critical_wcag_violation_on_any_page_as_any_role(server, browser, capsys):
    axe = Axe()
    found: dict[str, list[dict]] = {}
    report: list[str] = []
    seen: dict[str, list[str]] = {}
    controls: list[str] = []  # what a viewer and a reviewer are offered on each page
    for role in ("admin", "assessor", "reviewer", "viewer"):
        context = new_context(browser)
        page = context.new_page()
        page.goto(f"{server.url}/?assessment={ASSESSMENT}")
        if role == "admin":  # the sign-in page, served beside the app, once
            expect(page.get_by_role("textbox", name="Password")).to_be_visible(timeout=TIMEOUT)
            bad, let = _violations(axe, page, "sign-in")
            report.append(f"{'anyone':9} {'Sign in':15} {_counts(bad)}")
            if bad:
                found["anyone Sign in"] = bad
        sign_in(page, NAME[role], PASSWORD)
        settle(page)
        links = _pages(page)
        seen[role] = [title for _, title in links]
        for path, title in links:
            started = time.perf_counter()
            link = page.locator("[data-testid='stSidebarNav'] a").filter(has_text=re.compile(rf"{re.escape(title)}$"))
            link.first.click()
            page.wait_for_url(re.compile(rf"/{re.escape(path)}\?(.*&)?assessment={ASSESSMENT}"), timeout=TIMEOUT)
            expect(page.locator("h1").first).to_be_visible(timeout=TIMEOUT)
            settle(page)
            shown = time.perf_counter()
            bad, let = _violations(axe, page, path)
            took = f"page {shown - started:.1f} s, axe {time.perf_counter() - shown:.1f} s"
            report.append(f"{role:9} {title:15} {_counts(bad)}" + (f"; allowed: {_counts(let)}" if let else "")
                          + f" ({took})")
            if role in ("viewer", "reviewer"):
                controls.append(f"{role:9} {title:15} {_controls(page)}")
            if role == "assessor" and title in SCREENSHOTS:
                _screenshot(page, f"a11y-{path or 'overview'}")
            if bad:
                found[f"{role} {title}"] = bad
        context.close()
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "axe-app.json").write_text(json.dumps(found, indent=1))
    summary = "\n".join(["axe-core, WCAG 2.2 AA, serious and critical violations per page and role:", *report,
                         "Controls offered to a reviewer and a viewer:", *controls])
    (ARTIFACTS / "axe-app.txt").write_text(summary + "\n")  # printed at the end of the run (tests/conftest.py)
    with capsys.disabled():
        print("\n" + summary)
    assert "Users" in seen["admin"] and "Users" not in seen["assessor"] + seen["reviewer"] + seen["viewer"]
    assert "Review queue" in seen["reviewer"] and "Review queue" not in seen["viewer"]
    assert all(len(titles) >= 11 for titles in seen.values()), seen
    assert not found, "\n".join(f"{where}: {r['rule']} ({r['impact']}) {r['selector']}: {r['summary']}"
                                for where, rows in found.items() for r in rows)
