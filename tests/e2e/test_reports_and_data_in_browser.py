"""The data dashboard and the Reports page in a real browser: charts drawn offline, the report built
and downloaded."""

from __future__ import annotations

import subprocess

from playwright.sync_api import expect

from bench.appserver import new_context
from bench.steps import TIMEOUT, settle, visit
from bench.team import PASSWORD


def test_the_dashboard_draws_its_charts_offline(server, page, screenshot):
    visit(page, server.url, "dashboard", "Ann Assessor", PASSWORD)
    expect(page.get_by_role("heading", name="Police-recorded hate crime by strand")).to_be_visible(timeout=TIMEOUT)
    expect(page.locator("[data-testid='stVegaLiteChart'] canvas, [data-testid='stVegaLiteChart'] svg").first
           ).to_be_visible(timeout=TIMEOUT)
    screenshot(page, "dashboard-official")
    page.get_by_role("tab", name="Case records").click()
    expect(page.get_by_text("SYNTHETIC case records: generated examples, not real cases.")).to_be_visible(timeout=TIMEOUT)
    expect(page.get_by_text("Where: records by ward", exact=True)).to_be_visible(timeout=TIMEOUT)  # public view
    page.wait_for_load_state("networkidle")
    screenshot(page, "dashboard-cases-public")
    page.get_by_test_id("stCheckbox").get_by_text("Public view", exact=True).click()
    expect(page.get_by_text("Where (records with coordinates)")).to_be_visible(timeout=TIMEOUT)
    page.wait_for_load_state("networkidle")
    screenshot(page, "dashboard-cases")


def _cut_choices(page) -> list[str]:
    """The chosen values of the page's select boxes that do not fit their box."""
    return page.locator("[data-testid='stMain'] [data-testid='stSelectbox'] input").evaluate_all(
        "boxes => boxes.filter(b => b.scrollWidth > b.clientWidth).map(b => b.value)")


def test_in_a_narrow_window_the_dashboards_filters_wrap_and_show_their_choices_whole(server, browser, screenshot):
    """800 px wide with the sidebar open: the filters go onto more lines rather than cut "England and Wales"."""
    context = new_context(browser, 800)
    try:
        page = context.new_page()
        visit(page, server.url, "dashboard", "Ann Assessor", PASSWORD)
        expect(page.get_by_role("heading", name="Police-recorded hate crime by strand")).to_be_visible(timeout=TIMEOUT)
        settle(page)
        expect(page.get_by_role("combobox", name="Area")).to_have_value("England and Wales")
        assert _cut_choices(page) == []
        page.get_by_role("tab", name="Case records").click()
        expect(page.get_by_role("combobox", name="Recorded by")).to_be_visible(timeout=TIMEOUT)
        settle(page)
        assert _cut_choices(page) == []
        screenshot(page, "dashboard-cases-narrow")
    finally:
        context.close()


def test_the_reports_page_builds_the_report(server, page, screenshot, tmp_path):
    """The report of the chosen assessment (the 2024 draft, which is also the shorter one to render)."""
    visit(page, server.url, "reports", "Ann Assessor", PASSWORD, assessment="england-wales-2024-illustrative")
    page.get_by_role("button", name="Build the country report").click()
    expect(page.get_by_text("Rendering the PDF pages")).to_be_visible(timeout=TIMEOUT)  # progress is shown
    expect(page.get_by_role("button", name="Country report (PDF)")).to_be_visible(timeout=90_000)
    expect(page.get_by_role("button", name="Country report (DOCX, editable)")).to_be_visible(timeout=90_000)
    screenshot(page, "reports")
    with page.expect_download() as download:
        page.get_by_role("button", name="Country report (PDF)").click()
    pdf = tmp_path / download.value.suggested_filename
    download.value.save_as(pdf)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert pdf.name == "england-wales-2024-illustrative-report.pdf"
    assert "ILLUSTRATIVE EXAMPLE – England & Wales" in text
    assert "Sources and editions" in text and "Home Office, Hate crime England and Wales" in text
