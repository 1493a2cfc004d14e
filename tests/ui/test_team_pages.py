"""The team features through AppTest: review steps and comment threads on Assess, the assessment's
status on the Overview, History with its export, Users for admins, the viewer's public-only data."""

from __future__ import annotations

import re
import time

import pytest

from access import Forbidden
from helpers import grid_of
from access.workspace import Workspace
from store.accounts import Accounts
from store.audit import AuditLog

ASSESS, HISTORY, USERS, DASHBOARD = "ui/assess.py", "ui/history.py", "ui/users.py", "ui/dashboard.py"
EW, REL = "england-wales-2019", "police-courts"


def _assess(app, user: str):
    at = app(user=user)
    at.session_state["relationship"] = REL
    at.switch_page(ASSESS).run()
    assert not at.exception, at.exception
    return at


def test_submit_send_back_with_a_comment_then_the_assessor_sees_it(app, store):
    at = _assess(app, "Test Assessor")
    at.button(key=f"submit_line@{EW}/{REL}").click().run()
    assert any("Submitted for review" in s.value for s in at.success)
    assert store.get(EW).line_meta(REL).review_status == "submitted"
    assert any("it can be changed again once a reviewer sends it back" in i.value for i in at.info)

    rita = _assess(app, "Rita Reviewer")
    rita.button(key=f"send_back_line@{EW}/{REL}").click().run()
    assert any("needs a comment" in e.value for e in rita.error)  # refused without one
    rita.text_area(key=f"send_back_note@{EW}/{REL}").input(
        "Add the **CPS-police protocol** as [evidence](https://example.org/p). <script>x</script> "
        "[Not a link](javascript:alert(1))")
    rita.button(key=f"send_back_line@{EW}/{REL}").click().run()
    assert store.get(EW).line_meta(REL).review_status == "draft"

    saved_at = store.get(EW).line_meta(REL).updated_at
    back = _assess(app, "Test Assessor")
    assert any("Rita Reviewer" in c.value and "sent back" in c.value for c in back.caption)
    header = next(c.value for c in back.caption if "↔" in c.value)
    assert "Rita Reviewer sent the line back to the assessor" in header.replace("\\", "")  # who and what, apart
    assert store.get(EW).line_meta(REL).updated_at == saved_at  # a review step is not a save
    shown = [h.proto.body for h in back.get("html") if "CPS-police protocol" in h.proto.body]
    assert shown == ['<p>Add the <strong>CPS-police protocol</strong> as <a href="https://example.org/p">evidence</a>. '
                     '&lt;script&gt;x&lt;/script&gt; Not a link</p>']  # as the report shows it
    assert not [i for i in back.info if "cannot" in i.value]  # editable again
    actions = [e.action for e in AuditLog(store.engine).entries(EW, REL)]
    assert actions[-3:] == ["line_submit", "sent_back", "line_send_back"]


def test_the_grid_shows_each_lines_review_status_and_filters_by_it(app, store):
    at = _assess(app, "Test Assessor")
    at.button(key=f"submit_line@{EW}/{REL}").click().run()
    at = app(user="Rita Reviewer")
    grid = grid_of(at)
    review = dict(zip(grid["id"], grid["Review"]))
    assert review[REL] == "◷ Submitted for review" and set(review.values()) == {"✎ Draft", "◷ Submitted for review"}
    at.pills(key="grid_review").set_value(["◷ Submitted for review"]).run()
    assert not at.exception
    assert grid_of(at)["id"].tolist() == [REL]
    assert any("1 of 36 lines" in c.value for c in at.caption)


def test_a_line_sent_back_reads_as_sent_back_until_it_is_submitted_again(app, store):
    """Sent back, a line is a draft again, but the grid and its panel say it was sent back (what to work on)."""
    at = _assess(app, "Test Assessor")
    at.button(key=f"submit_line@{EW}/{REL}").click().run()
    rita = _assess(app, "Rita Reviewer")
    rita.text_area(key=f"send_back_note@{EW}/{REL}").input("Add the protocol.")
    rita.button(key=f"send_back_line@{EW}/{REL}").click().run()
    grid = grid_of(app(user="Test Assessor"))
    review = dict(zip(grid["id"], grid["Review"]))
    assert review[REL] == "↩ Sent back" and set(review.values()) == {"✎ Draft", "↩ Sent back"}
    back = _assess(app, "Test Assessor")
    assert "**Review:** ↩ Sent back" in [m.value for m in back.markdown]
    back.button(key=f"submit_line@{EW}/{REL}").click().run()
    grid = grid_of(app(user="Test Assessor"))
    assert dict(zip(grid["id"], grid["Review"]))[REL] == "◷ Submitted for review"


def test_the_review_queue_lists_what_waits_for_a_reviewer_and_opens_it(app, store):
    assert "review" not in app(user="Test Assessor").session_state["pages"]  # for reviewers only
    at = app("ui/review_queue.py", user="Rita Reviewer")
    assert any("Nothing waits for review" in s.value for s in at.success)
    _assess(app, "Test Assessor").button(key=f"submit_line@{EW}/{REL}").click().run()
    at = app("ui/review_queue.py", user="Rita Reviewer")
    assert not at.exception, at.exception
    queue = at.dataframe(key="review_queue").value
    assert queue[["What", "Last step"]].values.tolist() == [[
        "Police forces of England and Wales – Courts of England and Wales (judiciary)",
        "Test Assessor submitted the line for review"]]
    assert queue["Assessment"].iloc[0].startswith("England & Wales 2019")
    assert re.fullmatch(r"\d{1,2} \w{3} \d{4} \d{2}:\d{2} UTC", queue["When"].iloc[0])  # in words (no browser zone here)
    assert any("1 line and 0 assessments submitted for review." in c.value for c in at.caption)
    with pytest.raises(Forbidden):
        Workspace(store, Accounts(store.engine).get("Test Assessor")).review_queue()  # refused on the server too


def _news(at) -> list[str]:
    return [md.value for md in at.markdown if "commented on" in md.value or "sent back" in md.value]


def test_the_overview_tells_the_assessor_what_was_sent_back_or_commented_until_read(app, store):
    at = _assess(app, "Test Assessor")
    at.button(key=f"submit_line@{EW}/{REL}").click().run()
    assert not _news(app(user="Test Assessor"))  # nothing from others yet
    rita = _assess(app, "Rita Reviewer")
    rita.text_area(key=f"send_back_note@{EW}/{REL}").input("Add the **protocol**.")
    rita.button(key=f"send_back_line@{EW}/{REL}").click().run()
    assert not _news(app(user="Rita Reviewer"))  # her own send-back is no news to her
    ann = app(user="Test Assessor")
    news = _news(ann)
    assert len(news) == 1 and "Rita Reviewer sent back" in news[0].replace("\\", "")
    assert "Police forces of England and Wales – Courts of England and Wales (judiciary)" in news[0].replace("\\", "")
    assert "Add the protocol." in news[0].replace("\\", "")  # the reason, as words
    assert any("Since you last looked: 1 review note**" in md.value for md in ann.markdown)
    assert _news(app(user="Test Assessor"))  # still there on the next visit (another tab, a reload)
    assert not _news(app(user="Vic Viewer"))  # news for those who take part in the review only
    ann.button(key="mark_news_read").click().run()
    assert not _news(ann) and not _news(app(user="Test Assessor"))  # read: gone, in every session


def test_a_validated_assessment_is_read_only_on_screen_and_a_new_version_can_start(app, store):
    at = app(user="Test Assessor")
    at.button(key="submit_assessment").click().run()
    rita = app(user="Rita Reviewer")
    rita.button(key="validate_assessment").click().run()
    assert store.get(EW).assessment.status == "validated"
    at = _assess(app, "Test Assessor")
    assert any("is validated by a reviewer and read-only" in i.value for i in at.info)
    assert _widget_disabled(at) and not [b for b in at.button if b.key == "save"]
    at = app(user="Test Assessor")
    at.text_input(key="new_version_id").input("Not a valid id!")
    at.button(key="new_version").click().run()
    assert not at.exception and any("id" in e.value for e in at.error)  # refused, shown, nothing stored
    at.text_input(key="new_version_id").input("ew-2020")
    at.button(key="new_version").click().run()
    assert store.get("ew-2020").assessment.status == "draft" and store.get("ew-2020").previous == EW


def _widget_disabled(at) -> bool:
    """Nothing on Assess to change the line with: its scores and evidence are shown to read."""
    return not at.radio and not at.data_editor and bool(at.dataframe)


def test_history_lists_every_change_and_exports_it(app, store):
    at = _assess(app, "Test Assessor")
    at.radio(key=f"framework@{EW}/{REL}").set_value(3).run()
    at.button(key="save").click().run()
    at.button(key=f"submit_line@{EW}/{REL}").click().run()
    at.switch_page(HISTORY).run()
    table = at.dataframe[0].value
    assert list(table.columns) == ["When (UTC)", "Who", "What", "Relationship", "Changed", "Old value", "New value"]
    title = "Police forces of England and Wales – Courts of England and Wales (judiciary)"
    rows = set(zip(table["What"], table["Relationship"], table["Changed"], table["Old value"], table["New value"]))
    assert ("Test Assessor saved the line", title, "Framework score (0-3)", "1", "3") in rows
    assert ("Test Assessor submitted the line for review", title, "Review status of the line", "draft",
            "submitted for review") in rows
    assert table["What"].iloc[0] == "Test Assessor submitted the line for review"  # newest first
    words = " ".join(str(v) for v in table.drop(columns="When (UTC)").to_numpy().ravel())
    assert REL not in words and "save_line" not in words and '{"' not in words and "None" not in words
    assert len(table) == len(AuditLog(store.engine).entries(EW))
    assert [b.label for b in at.get("download_button")] == ["Export the log (CSV)"]
    at.selectbox(key="history_relationship").set_value(REL).run()
    assert set(at.dataframe[0].value["Relationship"]) == {title}


def test_users_page_is_for_admins_and_adds_a_user(app, store):
    at = app(user="Test Assessor")
    assert "users" not in at.session_state["pages"]
    at = app(USERS, user="Ada Admin")
    at.text_input(key="new_user_name").input("Nóra Nagy")
    at.text_input(key="new_user_password").input("nora's long password")
    at.selectbox(key="new_user_role").set_value("reviewer")
    next(b for b in at.button if b.label == "Add user").click().run()
    assert any("Added Nóra Nagy" in s.value for s in at.success), [e.value for e in at.error]
    assert "Nóra Nagy" in at.dataframe[0].value["Name"].tolist()
    assigned = dict(zip(at.dataframe[0].value["Name"], at.dataframe[0].value["Assigned to"]))
    assert "england-wales" not in assigned["Test Assessor"] and "England & Wales" in assigned["Test Assessor"]
    at.selectbox(key="change_user").set_value("Nóra Nagy").run()
    at.selectbox(key="role@Nóra Nagy").set_value("viewer")
    at.button(key="save_user").click().run()
    log = next(d.value for d in at.dataframe if "Changed" in d.value.columns)  # the log, in words
    changed = log[log["Changed"] == "Nóra Nagy: role"]
    assert changed[["Old value", "New value"]].values.tolist() == [["reviewer", "viewer"]]
    added = log[log["Changed"] == "Nóra Nagy"]
    assert added["New value"].tolist() == ["reviewer"]  # a new account: its role in words, not 'role=reviewer'


def test_a_viewer_sees_case_records_only_in_public_view(app):
    at = app(DASHBOARD, user="Vic Viewer")
    toggle = at.toggle(key="public_view")
    assert toggle.disabled
    at.session_state["public_view"] = False  # even if the session says otherwise
    at.run()
    assert not any("Where (records with coordinates)" in m.value for m in at.markdown)
    assert any("Where: records by ward" in m.value for m in at.markdown)


def test_an_idle_session_is_signed_out_and_a_changed_account_at_once(app, store, monkeypatch):
    from store.accounts import Accounts

    # A machine booted a minute ago: the uptime clock reads 60 s, which must not count for anything.
    monkeypatch.setattr(time, "monotonic", lambda: 60.0)
    now = [1_800_000_000.0]  # the wall clock, as the app reads it
    monkeypatch.setattr("ui.state.clock", lambda: now[0])
    at = app(user="Test Assessor")
    now[0] += 29 * 60  # active 29 minutes ago: still signed in, and that run counts as activity
    at.run()
    assert at.session_state["user_name"] == "Test Assessor" and [t.value for t in at.title] == ["Systems map"]
    now[0] += 29 * 60
    at.run()
    assert [t.value for t in at.title] == ["Systems map"]
    now[0] += 31 * 60  # idle for 31 minutes
    at.run()
    assert [t.value for t in at.title] == ["Sign in to ffgrid"] and "user_name" not in at.session_state
    assert [i.value for i in at.info] == ["Signed out after 30 minutes without activity."]
    at.run()  # the ended sign-in stays ended
    assert [t.value for t in at.title] == ["Sign in to ffgrid"]
    for change in (lambda a: a.set_active("Rita Reviewer", False, actor="Ada Admin"),
                   lambda a: a.set_role("Rita Reviewer", "viewer", actor="Ada Admin"),
                   lambda a: a.set_password("Rita Reviewer", "another long password", actor="Ada Admin")):
        if not Accounts(store.engine).get("Rita Reviewer"):
            Accounts(store.engine).set_active("Rita Reviewer", True, actor="Ada Admin")
        at = app(user="Rita Reviewer")
        change(Accounts(store.engine))
        at.run()
        assert [t.value for t in at.title] == ["Sign in to ffgrid"]
        assert "changed by an administrator" in at.info[0].value


def test_signing_out_ends_the_sign_in_for_every_tab(app, store):
    at = app(user="Test Assessor")
    token = at.session_state["sign_in"]
    other = app(user=None)  # a second tab of the same browser: the same sign-in
    other.session_state["sign_in"] = token
    other.run()
    assert [t.value for t in other.title] == ["Systems map"]
    at.sidebar.button(key="sign_out").click().run()
    assert [t.value for t in at.title] == ["Sign in to ffgrid"] and [i.value for i in at.info] == ["You signed out."]
    other.run()  # its next action
    assert [t.value for t in other.title] == ["Sign in to ffgrid"] and [i.value for i in other.info] == ["You signed out."]


def test_xsrf_and_cors_protection_stay_on():
    import tomllib

    from framework import ROOT

    server = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())["server"]
    assert server["enableXsrfProtection"] is True and server["enableCORS"] is True
