"""The data dashboard and the Reports page in a real browser: charts drawn offline, the report built
and downloaded."""

from __future__ import annotations

import subprocess

from playwright.sync_api import expect

from bench.steps import TIMEOUT, visit
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
