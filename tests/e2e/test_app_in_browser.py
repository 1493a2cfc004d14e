"""The app in a real browser: open a relationship, change a score, save, see it on grid and map, reload."""

from __future__ import annotations

import re

from playwright.sync_api import TimeoutError as PlaywrightTimeout, expect

from bench import steps
from bench.steps import TIMEOUT, choose_option, choose_score, edge, save, sign_in, wait_for_map
from bench.team import PASSWORD
from framework import ROOT

ROW_2 = "Police forces of England and Wales – Courts of England and Wales (judiciary)"


def visit(page, server, path: str = "", who: str = "Ann Assessor") -> None:
    """Open a page of the app on the 2019 grid, signed in."""
    steps.visit(page, server.url, path, who, PASSWORD)


def _grid_rating(page, title: str) -> str:
    """The Rating cell of a grid row, read from the grid's table."""
    table = page.locator("table.ffgrid-grid").first
    expect(table.locator("tr").filter(has_text=title).first).to_be_attached(timeout=TIMEOUT)
    headers = [h.strip() for h in table.locator("thead th").all_inner_texts()]
    row = table.locator("tbody tr").filter(has_text=title).first
    return row.locator("th, td").nth(headers.index("Rating")).inner_text()


def test_edit_a_score_and_see_it_on_grid_and_map_after_reload(server, page, screenshot):
    visit(page, server)
    wait_for_map(page, "police-courts", "amber")
    assert _grid_rating(page, ROW_2) == "◆ AMBER"
    screenshot(page, "overview")

    choose_option(page, "Open a relationship", "Police forces of England and Wales – Courts", ROW_2)
    expect(page.get_by_role("heading", name=ROW_2)).to_be_visible(timeout=TIMEOUT)
    assert "relationship=police-courts" in page.url
    choose_score(page, "Framework", 3)
    expect(page.get_by_text("With your unsaved changes: ● GREEN")).to_be_visible(timeout=TIMEOUT)
    screenshot(page, "assess-unsaved")
    save(page)
    wait_for_map(page, "police-courts", "green")
    expect(page.get_by_text(re.compile(r"Saved version \d+ of Police forces"))).to_be_visible()
    screenshot(page, "assess-saved")

    page.get_by_role("link", name="Overview").click()
    wait_for_map(page, "police-courts", "green")
    expect(page.locator("table.ffgrid-grid tr").filter(has_text=ROW_2).first
           ).to_contain_text("● GREEN", timeout=TIMEOUT)
    page.reload()  # a new session: only the database remembers (the browser stays signed in)
    expect(page.get_by_role("button", name="Sign out")).to_be_visible(timeout=TIMEOUT)
    wait_for_map(page, "police-courts", "green")
    assert _grid_rating(page, ROW_2) == "● GREEN"
    assert "GREEN 3+2" in edge(page, "police-courts").text_content()


def test_every_page_renders_for_the_screenshots(server, page, screenshot):
    visit(page, server)
    for path, link, heading in (("standards", "Standards", "Standards"), ("compare", "Compare", "Compare assessments"),
                                ("data", "Data in / out", "Data in / out")):
        page.get_by_role("link", name=link, exact=True).click()  # signed in once, through the page links
        expect(page.get_by_role("heading", name=heading, exact=True)).to_be_visible(timeout=TIMEOUT)
        page.wait_for_load_state("networkidle")
        screenshot(page, path)
    expect(page.locator("figure.ffgrid-map")).to_have_count(0)


def test_a_broken_upload_lists_its_problems_in_the_browser(server, page, tmp_path, screenshot):
    text = (ROOT / "assessments" / "england-wales-2019.yaml").read_text(encoding="utf-8")
    broken = tmp_path / "broken.yaml"
    broken.write_text(text.replace("framework: 3", "framework: 9", 1), encoding="utf-8")
    visit(page, server, "data", who="Ada Admin")
    page.get_by_role("region", name="Assessment YAML").get_by_test_id("stFileUploaderDropzoneInput").set_input_files(
        str(broken))
    expect(page.get_by_text("broken.yaml", exact=False).first).to_be_visible(timeout=TIMEOUT)
    page.get_by_text("Replace an assessment with the same id").click()
    page.get_by_role("button", name="Import", exact=True).click()
    expect(page.get_by_text("broken.yaml has 1 problem(s); nothing was imported.")).to_be_visible(timeout=TIMEOUT)
    screenshot(page, "data-import-problems")
    # 30,000 levels of nesting (a 60 KB file that once ended the server for everyone): refused, and the
    # server stays up for the next page
    deep = tmp_path / "deep.yaml"
    deep.write_text("id: " + "[" * 30_000 + "]" * 30_000, encoding="utf-8")
    page.get_by_role("region", name="Assessment YAML").get_by_test_id("stFileUploaderDropzoneInput").set_input_files(
        str(deep))
    expect(page.get_by_text("deep.yaml", exact=False).first).to_be_visible(timeout=TIMEOUT)
    refused = page.get_by_text("deep.yaml has 1 problem(s); nothing was imported.")
    for _ in range(3):  # a click while the upload's rerun replaces the button is lost: click again
        # (refusing the file twice changes nothing)
        steps.settle(page)
        page.get_by_role("button", name="Import", exact=True).click()
        try:
            refused.wait_for(timeout=8_000)
            break
        except PlaywrightTimeout:
            continue
    expect(refused).to_be_visible(timeout=TIMEOUT)
    expect(page.get_by_text("the values are nested more than 64 levels deep").first).to_be_attached()  # a grid cell
    assert server.process.poll() is None
    page.get_by_role("link", name="Standards").click()
    expect(page.get_by_role("heading", name="Standards")).to_be_visible(timeout=TIMEOUT)
