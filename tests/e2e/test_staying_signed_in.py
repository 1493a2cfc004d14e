"""Staying signed in, in a real browser (the cookie is what AppTest cannot show): sign in, reload, open a
second tab: still signed in, on the same assessment, with the same unsaved draft; sign out in one tab and
the other is signed out at its next action; a reload then lands on the sign-in page, which says why."""

from __future__ import annotations

from playwright.sync_api import expect

from bench.appserver import new_context
from bench.steps import TIMEOUT, settle, sign_in
from bench.team import PASSWORD

DRAFT = "A draft typed before the reload: the CPS hate crime leads meet every quarter."
SITUATION = "National situation: framework"


def test_signed_in_across_reload_and_tabs_with_the_draft_until_signed_out_in_one(browser, server, screenshot):
    context = new_context(browser)
    first = context.new_page()
    first.goto(f"{server.url}/assess?assessment=england-wales-2019&relationship=victim-courts")
    assert "/sign-in?next=" in first.url  # sent to the sign-in page first, and back after
    sign_in(first, "Ann Assessor", PASSWORD)
    assert first.url.endswith("/assess?assessment=england-wales-2019&relationship=victim-courts")
    box = first.get_by_role("textbox", name=SITUATION)
    box.fill(DRAFT)
    box.press("Tab")  # the text reaches the server
    expect(first.get_by_text("Unsaved changes.", exact=True)).to_be_visible(timeout=TIMEOUT)
    settle(first)

    first.reload()
    expect(first.get_by_role("button", name="Sign out")).to_be_visible(timeout=TIMEOUT)
    expect(first.get_by_role("textbox", name=SITUATION)).to_have_value(DRAFT, timeout=TIMEOUT)
    expect(first.get_by_text("Unsaved changes.", exact=True)).to_be_visible(timeout=TIMEOUT)

    second = context.new_page()
    second.goto(server.url)  # a new tab on the start page: no sign-in asked, the same assessment
    expect(second.get_by_role("button", name="Sign out")).to_be_visible(timeout=TIMEOUT)
    assert "assessment=england-wales-2019" in second.url
    expect(second.get_by_text("1 relationship with unsaved changes, kept for you.")).to_be_visible(timeout=TIMEOUT)
    second.goto(f"{server.url}/assess?assessment=england-wales-2019&relationship=victim-courts")
    expect(second.get_by_role("textbox", name=SITUATION)).to_have_value(DRAFT, timeout=TIMEOUT)
    screenshot(second, "signed-in-second-tab-with-draft")

    second.get_by_role("button", name="Sign out").click()
    expect(second.get_by_text("You signed out.")).to_be_visible(timeout=TIMEOUT)
    settle(first)
    first.get_by_role("link", name="History").click()  # the first tab's next action
    expect(first.get_by_role("heading", name="Sign in to ffgrid")).to_be_visible(timeout=TIMEOUT)
    expect(first.get_by_text("You signed out.")).to_be_visible(timeout=TIMEOUT)
    expect(first.get_by_role("button", name="Sign out")).to_have_count(0)
    first.reload()
    assert "/sign-in?next=" in first.url
    expect(first.get_by_role("textbox", name="Password")).to_be_visible(timeout=TIMEOUT)
    expect(first.get_by_text("You signed out.")).to_be_visible(timeout=TIMEOUT)
    context.close()
