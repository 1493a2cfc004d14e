"""The Overview's map in a real browser: a line's tooltip in words, a click (or Enter) on a line opens that
relationship on the Assess page in the same session (still signed in, no reload)."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from bench import steps
from bench.steps import TIMEOUT, wait_for_map
from bench.team import PASSWORD


def _on_assess(page, relationship: str) -> None:
    expect(page).to_have_url(re.compile(rf"relationship={relationship}\b"), timeout=TIMEOUT)
    expect(page.get_by_role("heading", name="Assess a relationship")).to_be_visible(timeout=TIMEOUT)
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()  # the same session: still signed in
    expect(page.get_by_role("button", name="Sign in")).to_have_count(0)


def test_click_a_line_on_the_map_to_open_it_still_signed_in(server, page, screenshot):
    steps.visit(page, server.url, "", "Ann Assessor", PASSWORD)
    wait_for_map(page, "victim-courts", "red")
    line = page.locator("figure.ffgrid-map g#line-victim-courts")
    assert line.locator("a").first.get_attribute("xlink:title") == (
        "Victims – Courts of England and Wales (judiciary): framework 2, action 0, RED")
    expect(line).to_have_attribute("tabindex", "0")
    screenshot(page, "overview-map-1440")
    loads = []
    page.on("load", lambda _: loads.append(1))
    line.locator("text").first.click()  # the line's label, a part of the line
    _on_assess(page, "victim-courts")
    expect(page.get_by_role("combobox", name="Relationship")).to_have_value(re.compile("Courts"), timeout=TIMEOUT)
    assert loads == []  # no page load: the app switched page within the session

    page.get_by_role("link", name="Overview").click()
    wait_for_map(page, "victim-courts")
    cell = page.locator("figure.ffgrid-map g#a_line-victim-cso-antisemitism")  # a CSO line, a table cell
    for _ in range(3):  # the page may still be redrawing the map it came back to: focus the line drawn last
        expect(cell).to_have_attribute("tabindex", "0", timeout=TIMEOUT)  # its keyboard handler is attached
        cell.focus()
        page.keyboard.press("Enter")
        try:
            expect(page).to_have_url(re.compile(r"relationship=victim-cso-antisemitism\b"), timeout=5_000)
            break
        except AssertionError:
            continue
    _on_assess(page, "victim-cso-antisemitism")
    assert loads == []
