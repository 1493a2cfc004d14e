"""Two people in two browsers: an assessor edits and submits, a reviewer comments and sends back, the
assessor sees why, and the History page shows all of it."""

from __future__ import annotations

from playwright.sync_api import expect

from bench.appserver import new_context
from bench.steps import TIMEOUT, choose_score, save, sign_in
from bench.team import PASSWORD

REL = "victim-courts"


def _open(browser, server, who: str):
    context = new_context(browser)
    page = context.new_page()
    page.goto(f"{server.url}/assess?assessment=england-wales-2019&relationship={REL}")
    sign_in(page, who, PASSWORD)
    expect(page.get_by_role("heading", name="Victims – Courts of England and Wales (judiciary)")).to_be_visible(timeout=TIMEOUT)
    return context, page


def test_assessor_submits_reviewer_sends_back_assessor_sees_why_and_history_has_it(browser, server, screenshot):
    ann_context, ann = _open(browser, server, "Ann Assessor")
    choose_score(ann, "Action", 1)
    save(ann)
    ann.get_by_role("button", name="Submit for review").click()
    expect(ann.get_by_text("Submitted for review.")).to_be_visible(timeout=TIMEOUT)
    expect(ann.get_by_text("it can be changed again once a reviewer sends it back")).to_be_visible(timeout=TIMEOUT)

    rob_context, rob = _open(browser, server, "Rob Reviewer")
    expect(rob.get_by_text("Submitted for review", exact=False).first).to_be_visible(timeout=TIMEOUT)
    expect(rob.get_by_role("button", name="Save")).to_have_count(0)  # a reviewer cannot change scores
    rob.get_by_role("textbox", name="Add a comment").fill("Is the 2018 CPS victim survey cited?")
    rob.get_by_role("button", name="Comment", exact=True).click()
    expect(rob.get_by_text("Comment added.")).to_be_visible(timeout=TIMEOUT)
    rob.get_by_role("textbox", name="What should change (required to send back)").fill(
        "Add the CPS victim survey as evidence for the action score.")
    rob.get_by_role("button", name="Send back").click()
    expect(rob.get_by_text("Sent back to the assessor.")).to_be_visible(timeout=TIMEOUT)
    screenshot(rob, "review-sent-back")
    rob_context.close()

    ann.reload()  # a new session for the assessor, still signed in, on the same relationship
    expect(ann.get_by_role("button", name="Sign out")).to_be_visible(timeout=TIMEOUT)
    expect(ann.get_by_text("Add the CPS victim survey as evidence for the action score.")).to_be_visible(
        timeout=TIMEOUT)
    expect(ann.get_by_text("Is the 2018 CPS victim survey cited?")).to_be_visible()
    expect(ann.get_by_role("button", name="Save")).to_be_visible()  # editable again
    screenshot(ann, "assess-after-review")

    ann.get_by_role("link", name="History").click()
    expect(ann.get_by_role("heading", name="History")).to_be_visible(timeout=TIMEOUT)
    table = ann.locator("[data-testid='stDataFrame'] table")
    for text in ("Rob Reviewer sent the line back to the assessor", "Rob Reviewer said why it was sent back",
                 "Rob Reviewer commented", "Ann Assessor submitted the line for review", "Ann Assessor saved the line",
                 "Action score (0-3)", "submitted for review"):  # in words, not codes
        expect(table.get_by_text(text, exact=True).first).to_be_attached(timeout=TIMEOUT)
    expect(table.get_by_text("line_send_back", exact=True)).to_have_count(0)
    screenshot(ann, "history")
    ann_context.close()
