"""The web edition opened from file:// in Debian's chromium: axe-core finds no serious or critical
WCAG 2.2 AA problem on any page, the keyboard reaches the skip link, the nav and the map's lines
(Enter on a line opens its relationship), and the browser asks nothing of any other site."""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, Route

from bench.appserver import new_context
from dashboard.examples import example_figures
from exports.site import write_site
from tests.e2e.conftest import ARTIFACTS

TAGS = ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"]


@pytest.fixture(scope="module")
def site(tmp_path_factory, model, ew) -> Path:  # type: ignore[no-untyped-def]
    """The site, and beside it (outside its folder) the same as one file."""
    root = tmp_path_factory.mktemp("site") / "web"
    write_site(model, ew, root, figures=example_figures())
    write_site(model, ew, root.with_name("one.html"), figures=example_figures(), single_file=True)
    return root


@pytest.fixture
def offline(browser: Browser) -> Iterator[tuple[Page, list[str]]]:
    """A page at 1280 px whose every request other than file:// is refused, and the list of those asked for."""
    asked: list[str] = []

    def only_files(route: Route) -> None:
        if route.request.url.startswith("file://"):
            route.continue_()
        else:
            asked.append(route.request.url)
            route.abort()

    context = new_context(browser, width=1280, height=900)
    page = context.new_page()
    page.route("**/*", only_files)
    yield page, asked
    context.close()


def test_no_serious_or_critical_wcag_violation_on_any_page(site, offline):
    page, asked = offline
    axe = Axe()
    pages = [*sorted(site.rglob("*.html")), site.with_name("one.html")]
    assert len(pages) > 30
    found = {}
    for file in pages:
        page.goto(file.as_uri())
        results = axe.run(page, options={"runOnly": {"type": "tag", "values": TAGS}})
        bad = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in results.response["violations"]
               if v["impact"] in ("serious", "critical")]
        if bad:
            found[file.name] = bad
    assert not found, found
    assert asked == []


def test_keyboard_skip_link_nav_and_map_lines(site, offline):
    page, asked = offline
    page.goto((site / "index.html").as_uri())
    page.keyboard.press("Tab")
    first = page.evaluate("() => [document.activeElement.className, document.activeElement.textContent, "
                          "getComputedStyle(document.activeElement).outlineStyle]")
    assert first == ["skip", "Skip to the content", "solid"]
    nav = []
    for _ in range(4):
        page.keyboard.press("Tab")
        nav.append(page.evaluate("() => document.activeElement.closest('nav') ? document.activeElement.textContent : null"))
    assert nav == ["Summary", "Key findings", "The grid", "Recommendations and action plan"]
    for _ in range(80):  # on through the page to the first line of the map
        page.keyboard.press("Tab")
        href = page.evaluate("() => document.activeElement.closest('svg') ? "
                             "document.activeElement.getAttribute('xlink:href') : null")
        if href:
            break
    assert href and href.startswith("relationships/")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/{href}")
    assert page.locator("h1").first.is_visible()
    assert asked == []


def test_screenshots_of_the_summary_a_relationship_and_the_plan(site, offline):
    page, asked = offline
    ARTIFACTS.mkdir(exist_ok=True)
    page.goto((site / "index.html").as_uri())
    page.screenshot(path=str(ARTIFACTS / "site-index.png"), full_page=True)
    page.goto((site / "relationships" / "police-courts.html").as_uri())
    page.screenshot(path=str(ARTIFACTS / "site-relationship.png"), full_page=True)
    assert page.locator(".banner").count() == 0  # published and real: only its plan is a sample
    page.goto((site / "plan.html").as_uri())
    page.screenshot(path=str(ARTIFACTS / "site-plan.png"), full_page=True)
    assert page.locator("main .banner").inner_text().startswith("SAMPLE PLAN")
    assert asked == []
