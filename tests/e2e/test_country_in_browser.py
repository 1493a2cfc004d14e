"""Another country in a real browser: an admin starts a Hungarian assessment from the shipped profile,
its assessor scores three lines, the map and the grid carry the Hungarian names, and the PDF built from
it holds no England & Wales agency and no England & Wales figure."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Iterator

import pytest
from playwright.sync_api import expect

from bench.appserver import AppServer
from bench.steps import TIMEOUT, choose_option, choose_score, open_relationship, save, sign_out, visit, wait_for_map
from bench.team import PASSWORD, prepare
from store import open_engine
from store.accounts import Accounts

POLICE = "Országos Rendőr-főkapitányság"
BRITISH = ("Home Office", "Crown Prosecution", "CPS", "Police forces of England", "Housing, Communities",
           "England and Wales")
LINES = ("police-prosecution", "victim-police", "prosecution-courts")


@pytest.fixture(scope="module")
def country_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[AppServer, Path]]:
    db = tmp_path_factory.mktemp("country") / "ffgrid.db"
    prepare(f"sqlite:///{db}")
    with AppServer(env={"FFGRID_DB": str(db)}) as app:
        yield app, db


def test_a_hungarian_assessment_from_start_to_pdf(country_server, page, screenshot, tmp_path):
    server, db = country_server
    visit(page, server.url, "new", "Ada Admin", PASSWORD)
    choose_option(page, "Country profile", "Magyar", "Magyarország (Hungary) · draft profile")
    expect(page.get_by_text(POLICE).first).to_be_attached(timeout=TIMEOUT)  # in the table of names
    page.get_by_role("textbox", name="Date").fill("2026")
    page.get_by_role("button", name="Start the assessment").click()
    wait_for_map(page, "police-prosecution", "unscored")
    assert "assessment=hu-2026" in page.url

    engine = open_engine(f"sqlite:///{db}")  # the admin assigns the assessor (as on the Users page)
    Accounts(engine).assign("Ann Assessor", ("hu-2026",), "Ada Admin")
    engine.dispose()
    sign_out(page)  # the same browser: the assessor signs in at the first line and stays signed in
    for n, rid in enumerate(LINES):
        who = ("Ann Assessor", PASSWORD) if n == 0 else (None, None)
        open_relationship(page, server.url, rid, *who, assessment="hu-2026")
        choose_score(page, "Framework", 2)
        choose_score(page, "Action", 1)
        save(page)
        wait_for_map(page, rid, "amber")

    page.get_by_role("link", name="Overview").click()
    wait_for_map(page, "victim-police", "amber")
    svg = " ".join(page.locator("figure.ffgrid-map svg").first.text_content().split())  # labels wrap
    assert POLICE in svg and not any(b in svg for b in BRITISH)
    grid = page.locator("table.ffgrid-grid").first
    expect(grid.locator("tr").filter(has_text=POLICE).first).to_be_attached(timeout=TIMEOUT)
    screenshot(page, "hungary-overview")

    page.get_by_role("link", name="Reports").click()
    page.get_by_role("button", name="Build the country report").click()
    expect(page.get_by_role("button", name="Country report (PDF)")).to_be_visible(timeout=120_000)
    with page.expect_download() as download:
        page.get_by_role("button", name="Country report (PDF)").click()
    pdf = tmp_path / download.value.suggested_filename
    download.value.save_as(pdf)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    flat = " ".join(text.split())
    assert pdf.name == "hu-2026-report.pdf" and "Magyarország" in flat and "Rendőr-főkapitányság" in flat
    assert not [b for b in BRITISH if b in flat], [b for b in BRITISH if b in flat]
