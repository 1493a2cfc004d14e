"""A narrow window (800 px wide, the sidebar open): rows of filters and figures wrap onto more lines
rather than cut a label or a choice ("Engla", "Towards ta…")."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from bench.appserver import new_context
from bench.steps import TIMEOUT, settle, visit
from bench.team import PASSWORD


@pytest.fixture
def narrow(browser) -> Iterator[Page]:  # type: ignore[no-untyped-def]
    context = new_context(browser, 800)
    yield context.new_page()
    context.close()


def _cut(page: Page) -> list[str]:
    """The select boxes' choices and the figures' labels on the page that do not fit their box (Streamlit
    ends a cut label with an ellipsis, in its .stMarkdownEllipsis box)."""
    settle(page)
    return page.locator("[data-testid='stMain'] [data-testid='stSelectbox'] input, "
                        "[data-testid='stMain'] [data-testid='stMetricLabel'] .stMarkdownEllipsis").evaluate_all(
        "found => found.filter(e => e.scrollWidth > e.clientWidth).map(e => e.value ?? e.textContent)")


def test_nothing_is_cut_on_the_dashboard_the_plan_and_the_overview(server, narrow, screenshot):
    visit(narrow, server.url, "dashboard", "Ann Assessor", PASSWORD)
    expect(narrow.get_by_role("heading", name="Police-recorded hate crime by strand")).to_be_visible(timeout=TIMEOUT)
    expect(narrow.get_by_role("combobox", name="Area")).to_have_value("England and Wales")
    assert _cut(narrow) == []
    narrow.get_by_role("tab", name="Case records").click()
    expect(narrow.get_by_role("combobox", name="Recorded by")).to_be_visible(timeout=TIMEOUT)
    assert _cut(narrow) == []
    screenshot(narrow, "narrow-dashboard-cases")

    narrow.get_by_role("link", name="Action plan").click()
    expect(narrow.get_by_text("Points still to gain", exact=True)).to_be_visible(timeout=TIMEOUT)
    assert _cut(narrow) == []
    screenshot(narrow, "narrow-plan")

    narrow.get_by_role("link", name="Overview").click()
    expect(narrow.locator("figure.ffgrid-map svg").first).to_be_attached(timeout=TIMEOUT)
    assert _cut(narrow) == []
