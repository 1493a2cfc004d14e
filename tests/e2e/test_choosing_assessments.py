"""The chosen assessment is the one that opens, every way in: the grid, the chooser, a deep link and a
reload; entries with the same title can be told apart; after sign-in the last one worked on opens."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from bench.steps import TIMEOUT, choose_option, sign_in, wait_for_map
from bench.team import PASSWORD

DRAFT = "england-wales-2024-illustrative"
ILLUSTRATIVE = "Illustrative example, not an official assessment."


SECOND = "ew-2024-second"  # a second version with the same title, date and status


@pytest.fixture(scope="module")
def server(tmp_path_factory):  # type: ignore[no-untyped-def]
    """The app on a database prepared as for every browser test, plus a second version of the 2024
    draft that reads the same as the first."""
    from bench.appserver import AppServer
    from bench.team import prepare
    from framework import load_method
    from store import open_repository

    db = tmp_path_factory.mktemp("e2e") / "ffgrid.db"
    prepare(f"sqlite:///{db}")
    repo = open_repository(load_method(), f"sqlite:///{db}")
    repo.new_version(DRAFT, SECOND, "test setup")
    repo.engine.dispose()
    with AppServer(env={"FFGRID_DB": str(db)}) as app:
        yield app


def _picker(page: Page):  # type: ignore[no-untyped-def]
    return page.get_by_role("combobox", name="Assessment")


def _shows_the_2024_draft(page: Page) -> None:
    expect(_picker(page)).to_have_value(re.compile("2024"), timeout=TIMEOUT)
    expect(page.get_by_text(ILLUSTRATIVE).first).to_be_visible(timeout=TIMEOUT)
    assert f"assessment={DRAFT}" in page.url


def _click_grid_row(page: Page, row: int) -> str:
    """Click the relationship's link in a row of the Overview's grid; its relationship's id."""
    link = page.locator("table.ffgrid-grid tbody tr").nth(row - 1).locator("a")
    rid = link.get_attribute("data-rid") or ""
    link.click()
    return rid


def test_the_grid_and_the_chooser_open_the_line_of_the_chosen_assessment_also_after_a_reload(server, page,
                                                                                              screenshot):
    page.goto(server.url)
    sign_in(page, "Ann Assessor", PASSWORD)
    _shows_the_2024_draft(page)  # her assigned draft opens after sign-in, not the 2019 grid
    wait_for_map(page, "police-courts")
    rid = _click_grid_row(page, 2)  # a click on a grid row's link
    expect(page.get_by_role("heading", name="Assess a relationship")).to_be_visible(timeout=TIMEOUT)
    _shows_the_2024_draft(page)
    assert rid and f"relationship={rid}" in page.url

    page.get_by_role("link", name="Overview").click()
    wait_for_map(page, "police-courts")
    _shows_the_2024_draft(page)
    choose_option(page, "Open a relationship", "Police forces of England and Wales – Courts",
                  "Police forces of England and Wales – Courts of England and Wales (judiciary)")  # the chooser
    expect(page.get_by_role("heading", name="Assess a relationship")).to_be_visible(timeout=TIMEOUT)
    _shows_the_2024_draft(page)
    assert "relationship=police-courts" in page.url
    screenshot(page, "assess-2024-from-chooser")

    page.reload()  # a new session, still signed in: the same assessment and line open
    expect(page.get_by_role("button", name="Sign out")).to_be_visible(timeout=TIMEOUT)
    _shows_the_2024_draft(page)
    expect(page.get_by_role("combobox", name="Relationship")).to_have_value(
        re.compile("Police forces of England and Wales – Courts of England and Wales"), timeout=TIMEOUT)


def test_a_deep_link_names_the_assessment_and_same_titled_versions_can_be_told_apart(server, page, screenshot):
    page.goto(f"{server.url}/assess?assessment={DRAFT}&relationship=victim-courts")
    sign_in(page, "Rob Reviewer", PASSWORD)
    _shows_the_2024_draft(page)
    expect(page.get_by_role("combobox", name="Relationship")).to_have_value(
        re.compile("Victims – Courts of England and Wales"), timeout=TIMEOUT)

    _picker(page).click()
    options = page.get_by_role("option").filter(has_text="England & Wales 2024")
    expect(options).to_have_count(2, timeout=TIMEOUT)
    labels = options.all_inner_texts()
    assert len(set(labels)) == 2 and any(f"· {SECOND} –" in x for x in labels), labels
    screenshot(page, "same-title-versions")
    options.filter(has_text=f"· {SECOND} –").click()
    expect(page).to_have_url(re.compile(f"assessment={SECOND}"), timeout=TIMEOUT)
    expect(_picker(page)).to_have_value(re.compile(re.escape(f"· {SECOND} –")))
