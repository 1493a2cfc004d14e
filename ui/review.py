"""The review flow on screen: status, the steps the signed-in user may take, and comment threads.

Buttons are shown only to those who may press them; the workspace checks again when they are pressed.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from access import Forbidden
from access.workspace import Workspace
from base.i18n import _
from framework import ValidationFailed
from framework.review import BadTransition, Comment, Locked, read_only, steps
from store.repository import AlreadyExists, NotFound
from ui.components import review_state, rich
from ui.state import choose, reader_time
from ui.text import STATUS, md

REFUSED = (Forbidden, BadTransition, Locked, NotFound, AlreadyExists, ValidationFailed)


def thread(comments: list[Comment]) -> None:
    """Comments oldest first, each with its author and date, their Markdown shown as the report shows it."""
    if not comments:
        st.caption(_("No comments yet."))
    for c in comments:
        sent_back = " · **" + _("sent back") + "**" if c.kind == "sent_back" else ""
        with st.chat_message("user", avatar=":material/rate_review:" if c.kind == "sent_back" else None):
            st.caption(f"**{md(c.author)}** · {reader_time(c.at)}{sent_back}")
            rich(c.text)


def _act(done: str, action: Callable[[], object]) -> None:
    try:
        action()
    except REFUSED as err:
        st.session_state["review_outcome"] = ("error", str(err))
    else:
        st.session_state["review_outcome"] = ("success", done)
    st.rerun()


def outcome() -> None:
    """Show what the last review step did (kept across the rerun it causes)."""
    if found := st.session_state.pop("review_outcome", None):
        kind, text = found
        (st.success if kind == "success" else st.error)(md(text))


def line_panel(ws: Workspace, slug: str, relationship: str, status: str, locked: bool) -> None:
    """Review status of one relationship, its steps, and its comment thread with a box to add one."""
    st.markdown(_("**Review:** {status}").format(status=review_state(status, relationship, ws.sent_back(slug))))
    outcome()
    tag = f"{slug}/{relationship}"
    if not locked:
        bar = st.container(horizontal=True)
        open_steps = steps("line", status)
        if "submit" in open_steps and ws.may("submit", slug):
            if bar.button(_("Submit for review"), icon=":material/send:", key=f"submit_line@{tag}"):
                _act(_("Submitted for review."), lambda: ws.submit_line(slug, relationship))
        if ws.may("review"):
            if "validate" in open_steps and bar.button(_("Validate"), icon=":material/verified:",
                                                       key=f"validate_line@{tag}"):
                _act(_("Validated."), lambda: ws.validate_line(slug, relationship))
            if "send_back" in open_steps:
                note = st.text_area(_("What should change (required to send back)"), key=f"send_back_note@{tag}",
                                    max_chars=5_000, height=80)
                if st.button(_("Send back"), icon=":material/undo:", key=f"send_back_line@{tag}"):
                    _act(_("Sent back to the assessor."), lambda: ws.send_back_line(slug, relationship, note))
    st.markdown("**" + _("Comments") + "**")
    thread(ws.comments(slug, relationship))
    if ws.may("comment", slug):
        with st.form(f"comment@{tag}", clear_on_submit=True, border=False):
            text = st.text_area(_("Add a comment"), max_chars=5_000, height=80, key=f"comment_text@{tag}")
            if st.form_submit_button(_("Comment"), icon=":material/add_comment:"):
                _act(_("Comment added."), lambda: ws.comment(slug, relationship, text))


def assessment_panel(ws: Workspace, slug: str, status: str) -> None:
    """The assessment's review status and steps, and starting a new version of a read-only one."""
    st.markdown(_("**Status:** {status}").format(status=STATUS.get(status, status)))
    outcome()
    bar = st.container(horizontal=True, vertical_alignment="bottom")
    open_steps = steps("assessment", status)
    if "submit" in open_steps and ws.may("submit", slug):
        if bar.button(_("Submit the assessment for review"), icon=":material/send:", key="submit_assessment"):
            _act(_("The assessment was submitted for review."), lambda: ws.submit(slug))
    if "validate" in open_steps and ws.may("review"):
        if bar.button(_("Validate the assessment"), icon=":material/verified:", key="validate_assessment"):
            _act(_("The assessment is validated and now read-only."), lambda: ws.validate(slug))
    if "send_back" in open_steps and ws.may("review"):
        note = st.text_area(_("What should change (required to send back)"), key="send_back_assessment_note",
                            max_chars=5_000, height=80)
        if st.button(_("Send the assessment back"), icon=":material/undo:", key="send_back_assessment"):
            _act(_("The assessment was sent back."), lambda: ws.send_back(slug, note))
    if read_only(status) and ws.may("new_version", slug):
        new_id = bar.text_input(_("New version id"), f"{slug}-next", max_chars=120, key="new_version_id")
        if bar.button(_("Start a new version"), icon=":material/content_copy:", key="new_version"):
            _act(_("Started {new} as a draft from {old}; it is open now.").format(new=new_id, old=slug),
                 lambda: (ws.new_version(slug, new_id), choose(new_id)))
