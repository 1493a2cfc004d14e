"""ffgrid's Streamlit entry point: sign-in, the page navigation and the sidebar every page shares."""

import streamlit as st

from access import NO_ROLE, ROLE_WORDS, User, allowed
from ui.errors import show_unexpected
from ui.signin import sign_in_page
from ui.single_sign_on import waiting_page
from store.repository import choice_labels
from base.i18n import LANGUAGES, _, ngettext, set_resolver, using
from ui.state import (choose, choose_language, drafts, from_url, keep_language, keep_open, repository,
                      session_language, signed_in_for_this_run, signed_out, starting_assessment, to_url)
from ui.text import md
from ui.warmup import page_run, start as warm_up_in_background

set_resolver(session_language)  # `_()` speaks the language of the session it runs for
st.set_page_config(page_title="ffgrid – Facing all the Facts", page_icon=":material/hub:", layout="wide")
warm_up_in_background()  # the process's one-time work, while the first person signs in


def app(user: User | None) -> None:
    """Sign-in (`user` is None), or the navigation, the sidebar and the page asked for."""
    pages = {
        "overview": st.Page("ui/overview.py", title=_("Overview"), icon=":material/hub:", default=True),
        "assess": st.Page("ui/assess.py", title=_("Assess"), icon=":material/edit_note:", url_path="assess"),
        "standards": st.Page("ui/standards.py", title=_("Standards"), icon=":material/rule:", url_path="standards"),
        "dashboard": st.Page("ui/dashboard.py", title=_("Data dashboard"), icon=":material/monitoring:",
                             url_path="dashboard"),
        "plan": st.Page("ui/plan.py", title=_("Action plan"), icon=":material/checklist:", url_path="plan"),
        "compare": st.Page("ui/compare.py", title=_("Compare"), icon=":material/compare_arrows:", url_path="compare"),
        "countries": st.Page("ui/countries.py", title=_("Countries"), icon=":material/public:", url_path="countries"),
        "history": st.Page("ui/history.py", title=_("History"), icon=":material/history:", url_path="history"),
        "report_texts": st.Page("ui/report_texts.py", title=_("Report texts"), icon=":material/article:",
                                url_path="report-texts"),
        "reports": st.Page("ui/reports.py", title=_("Reports"), icon=":material/description:", url_path="reports"),
        "data": st.Page("ui/data_io.py", title=_("Data in / out"), icon=":material/swap_vert:", url_path="data"),
    }
    if user is None or allowed(user, "new_assessment"):
        pages["new"] = st.Page("ui/new_assessment.py", title=_("New assessment"), icon=":material/add_box:",
                               url_path="new")
    if user is None or allowed(user, "review"):
        pages["review"] = st.Page("ui/review_queue.py", title=_("Review queue"), icon=":material/fact_check:",
                                  url_path="review")
    if user is None or allowed(user, "manage_users"):
        pages["users"] = st.Page("ui/users.py", title=_("Users"), icon=":material/group:", url_path="users")
    if user is None or user.role == NO_ROLE:  # the sign-in form instead of the page asked for (it opens once
        st.navigation(list(pages.values()), position="hidden")  # signed in), or the wait for a role
        if user is None:
            sign_in_page()
        else:
            waiting_page(user)
        st.stop()
    st.session_state["pages"] = pages  # for click-through between pages (st.switch_page)
    page = st.navigation(list(pages.values()))

    summaries = {s.id: s for s in repository().list()}
    if not summaries:  # everything was deleted: start again from the bundled examples
        repository().seed()
        summaries = {s.id: s for s in repository().list()}
    # The chosen assessment, by id: one chosen in the last run (the picker, an import, a new version), else
    # one named by a link or a reload, else this session's, else where this user left off. The URL names it.
    picked = st.session_state.pop("choose_assessment", None)
    current = st.session_state.get("assessment")
    st.session_state["assessment"] = (picked if picked in summaries else None) or from_url("assessment", summaries) or (
        current if current in summaries else starting_assessment(user, summaries))
    to_url("assessment", st.session_state["assessment"])
    keep_open(st.session_state["assessment"])
    labels = choice_labels(summaries.values())
    with st.sidebar:
        st.markdown("**ffgrid** · " + _("Facing all the Facts"))
        st.session_state["assessment_picker"] = st.session_state["assessment"]
        st.selectbox(_("Assessment"), list(summaries), key="assessment_picker", format_func=labels.get,
                     on_change=lambda: choose(st.session_state["assessment_picker"]))
        if summaries[st.session_state["assessment"]].illustrative:
            st.caption(":orange[" + _("Illustrative example, not an official assessment.") + "]")
        if pending := drafts():
            st.warning(ngettext("{n} relationship with unsaved changes, kept for you. Open **Assess** to save or "
                                "discard them.",
                                "{n} relationships with unsaved changes, kept for you. Open **Assess** to save or "
                                "discard them.", len(pending)).format(n=len(pending)),
                       icon=":material/edit:")
        st.divider()
        st.caption(_("Signed in as **{name}** ({role})").format(name=md(user.name), role=ROLE_WORDS[user.role]))
        st.session_state["language_picker"] = st.session_state["language"]
        st.selectbox(_("Language"), list(LANGUAGES), format_func=LANGUAGES.get, key="language_picker",
                     on_change=lambda: keep_language(user.name, st.session_state["language_picker"]))
        if st.button(_("Sign out"), icon=":material/logout:", key="sign_out"):
            signed_out(_("You signed out."))
    page.run()


with page_run():  # the warm-up's later steps wait while pages run
    try:
        with signed_in_for_this_run() as user, using(choose_language(user)):
            app(user)
    except Exception as err:  # st.rerun and st.stop are BaseExceptions: they pass
        show_unexpected(err)
