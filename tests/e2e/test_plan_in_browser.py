"""The action plan, the target view of the map and the progress timeline, drawn in a real browser."""

from __future__ import annotations

from playwright.sync_api import expect

from bench.steps import TIMEOUT, choose_option, sign_in
from bench.team import PASSWORD


def test_plan_target_map_and_timeline_render(server, page, screenshot):
    page.goto(f"{server.url}/plan?assessment=england-wales-2019")
    sign_in(page, "Ann Assessor", PASSWORD)
    expect(page.get_by_role("heading", name="Action plan")).to_be_visible(timeout=TIMEOUT)
    expect(page.get_by_text("Example, not official.")).to_be_visible()
    expect(page.get_by_text("Key actions completed (2)")).to_be_visible()
    page.get_by_text("2. Third-party reporting protocol with CSOs monitoring racist hate crime").click()
    expect(page.get_by_text("Protocol signed; data flows monthly.").first).to_be_attached(timeout=TIMEOUT)
    screenshot(page, "action-plan")

    page.get_by_role("link", name="Overview").click()
    page.get_by_text("Gap to target", exact=True).click()
    expect(page.locator("figure.ffgrid-map svg g.target-red").first).to_be_attached(timeout=TIMEOUT)
    expect(page.locator("figure.ffgrid-map svg g.target-green").first).to_be_attached()
    screenshot(page, "target-map")

    page.get_by_role("link", name="Compare").click()
    expect(page.get_by_role("heading", name="Progress over time: England & Wales")).to_be_visible(timeout=TIMEOUT)
    choose_option(page, "Timeline of a relationship", "Victims – Courts", "Victims – Courts of England and Wales (judiciary)")
    expect(page.locator("[data-testid='stVegaLiteChart']")).to_have_count(2, timeout=TIMEOUT)
    page.locator("[data-testid='stVegaLiteChart']").last.scroll_into_view_if_needed()
    page.wait_for_load_state("networkidle")
    screenshot(page, "progress-timeline")
