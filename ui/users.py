"""Users (admins only): accounts, roles and assignments, and the log of changes to them."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from access import NO_ROLE, ROLE_WORDS, ROLES, Forbidden
from base.i18n import LANGUAGES, N_, Translated, _
from exports.history_words import HEADINGS
from store.accounts import AccountError
from store.repository import choice_labels
from ui.single_sign_on import configured
from ui.state import repository, workspace
from ui.text import md


def role_words(role: str) -> str:
    """A role as the page says it (one the method does not know, as stored)."""
    if role == NO_ROLE:
        return _("no role yet (waits for one)")
    return ROLE_WORDS.get(role, role)


ACCOUNT_ACTIONS = Translated({"user_added": N_("added the account"), "user_changed": N_("changed the account")})


ACCOUNT_FIELDS = Translated({"role": N_("role"), "assigned": N_("assigned assessments"), "active": N_("active"),
                             "password": N_("password"), "language": N_("language"),
                             "single_sign_on": N_("single sign-on")})  # what of an account changed


def _changed(field: object) -> str:
    """'user:Ann.role' as a person reads it: 'Ann: role'."""
    name, _dot, what = str(field or "").removeprefix("user:").partition(".")
    return f"{name}: {ACCOUNT_FIELDS.get(what, what)}" if what else name


def _value(field: object, value: object, titles: dict[str, str]) -> str:
    """A logged value in words: a role's, a language's or a switch's word, assessments by title (a new
    account's 'role=assessor; assigned=a, b' as 'assessor; A, B'); none for nothing."""
    if value is None or pd.isna(value):  # type: ignore[arg-type]
        return ""
    text, what = str(value), str(field or "").removeprefix("user:").partition(".")[2]
    if not what and text.startswith("role="):  # a new account
        role, _sep, assigned = text.removeprefix("role=").partition("; assigned=")
        return "; ".join(filter(None, (_value(".role", role, titles), _value(".assigned", assigned, titles))))
    if what == "assigned":
        return ", ".join(titles.get(a, a) for a in text.split(", ") if a)
    words = {"role": ROLE_WORDS, "language": LANGUAGES, "active": {"True": _("yes"), "False": _("no")}}.get(what, {})
    return words.get(text, text)


def account_log(log: pd.DataFrame, titles: dict[str, str]) -> pd.DataFrame:
    """The log of changes to accounts with headings, actions, fields and values in words (assessments by
    their `titles`)."""
    if log.empty:
        return log
    return pd.DataFrame({HEADINGS["When (UTC)"]: log["at"], HEADINGS["Who"]: log["actor"],
                         HEADINGS["What"]: [ACCOUNT_ACTIONS.get(a, a) for a in log["action"]],
                         HEADINGS["Changed"]: [_changed(f) for f in log["field"]],
                         HEADINGS["Old value"]: [_value(f, v, titles) for f, v in zip(log["field"], log["old"])],
                         HEADINGS["New value"]: [_value(f, v, titles) for f, v in zip(log["field"], log["new"])]})


ws = workspace()
st.title(_("Users"))
try:
    people = ws.users()
except Forbidden as err:  # the page is listed for admins only; the workspace checks all the same
    st.error(md(str(err)))
    st.stop()
if done := st.session_state.pop("users_outcome", None):
    st.success(md(done), icon=":material/check_circle:")
labels = {p.key: p.label for p in configured()}
titles = choice_labels(repository().list())  # each assessment in words, by id
assessments = list(titles)
linked = ws.sign_in_providers()
if waiting := [p.name for p in people if p.role == NO_ROLE and p.active]:
    st.warning(_("Waiting for a role (signed in with single sign-on): {names}. Give one under **Change a user**.")
               .format(names=md(", ".join(waiting))), icon=":material/hourglass_top:")
st.dataframe(pd.DataFrame([{_("Name"): p.name, _("Role"): role_words(p.role), _("Active"): p.active,
                            _("Signs in with"): ", ".join(labels.get(k, k) for k in linked.get(p.name, ()))
                            or _("password"), _("Assigned to"): "; ".join(titles.get(a, a) for a in p.assigned)}
                           for p in people]), hide_index=True, width="stretch", key="users_table")

left, right = st.columns(2, gap="large")
with left, st.form("add_user", clear_on_submit=True):
    st.markdown(_("**Add a user**"))
    name = st.text_input(_("Name"), max_chars=200, key="new_user_name")
    password = st.text_input(_("Initial password (at least 10 characters)"), type="password", max_chars=500,
                             key="new_user_password")
    role = st.selectbox(_("Role"), ROLES, index=1, key="new_user_role", format_func=role_words)
    assigned = st.multiselect(_("Assigned assessments (assessors edit these)"), assessments, key="new_user_assign",
                              format_func=titles.get, placeholder=_("Choose assessments"))
    if st.form_submit_button(_("Add user"), type="primary", icon=":material/person_add:"):
        try:
            ws.add_user(name, password, role, tuple(assigned))
        except AccountError as err:
            st.error(md(str(err)))
        else:
            st.session_state["users_outcome"] = _("Added {name} ({role}).").format(name=name, role=role_words(role))
            st.rerun()
with right:
    st.markdown(_("**Change a user**"))
    who = st.selectbox(_("User"), [p.name for p in people], key="change_user")
    person = next(p for p in people if p.name == who)
    roles = ROLES if person.role in ROLES else (person.role, *ROLES)
    new_role = st.selectbox(_("Role"), roles, index=roles.index(person.role), key=f"role@{who}",
                            format_func=role_words)
    new_assigned = st.multiselect(_("Assigned assessments"), assessments, [a for a in person.assigned if a in assessments],
                                  key=f"assign@{who}", format_func=titles.get, placeholder=_("Choose assessments"))
    active = st.checkbox(_("Active (may sign in)"), person.active, key=f"active@{who}")
    unlink = who in linked and st.checkbox(
        _("Stop signing in with {providers} (single sign-on)").format(
            providers=", ".join(labels.get(k, k) for k in linked[who])),
        key=f"unlink@{who}")
    if st.button(_("Save changes"), icon=":material/save:", key="save_user"):
        try:
            if new_role != person.role:
                ws.set_role(who, new_role)
            if tuple(sorted(new_assigned)) != tuple(sorted(person.assigned)):
                ws.assign(who, tuple(new_assigned))
            if active != person.active:
                ws.set_active(who, active)
            if unlink:
                ws.remove_identity(who)
        except (AccountError, Forbidden) as err:
            st.error(md(str(err)))
        else:
            st.session_state["users_outcome"] = _("Saved {name}.").format(name=who)
            st.rerun()

with st.expander(_("Changes to accounts")):
    st.dataframe(account_log(ws.user_history(), titles), hide_index=True, width="stretch")
