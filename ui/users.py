"""Users (admins only): accounts, roles and assignments, and the log of changes to them."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from access import NO_ROLE, ROLES, Forbidden
from store.accounts import AccountError
from ui.single_sign_on import configured
from ui.state import repository, workspace
from ui.text import md

ROLE_WORDS = {NO_ROLE: "no role yet (waits for one)"}  # a role as the page says it

ws = workspace()
st.title("Users")
try:
    people = ws.users()
except Forbidden as err:  # the page is listed for admins only; the workspace checks all the same
    st.error(md(str(err)))
    st.stop()
if done := st.session_state.pop("users_outcome", None):
    st.success(md(done), icon=":material/check_circle:")
labels = {p.key: p.label for p in configured()}
linked = ws.sign_in_providers()
if waiting := [p.name for p in people if p.role == NO_ROLE and p.active]:
    st.warning(f"Waiting for a role (signed in with single sign-on): {md(', '.join(waiting))}. "
               "Give one under **Change a user**.", icon=":material/hourglass_top:")
st.dataframe(pd.DataFrame([{"Name": p.name, "Role": ROLE_WORDS.get(p.role, p.role), "Active": p.active,
                            "Signs in with": ", ".join(labels.get(k, k) for k in linked.get(p.name, ())) or "password",
                            "Assigned to": ", ".join(p.assigned)}
                           for p in people]), hide_index=True, width="stretch", key="users_table")
assessments = [s.id for s in repository().list()]

left, right = st.columns(2, gap="large")
with left, st.form("add_user", clear_on_submit=True):
    st.markdown("**Add a user**")
    name = st.text_input("Name", max_chars=200, key="new_user_name")
    password = st.text_input("Initial password (at least 10 characters)", type="password", max_chars=500,
                             key="new_user_password")
    role = st.selectbox("Role", ROLES, index=1, key="new_user_role")
    assigned = st.multiselect("Assigned assessments (assessors edit these)", assessments, key="new_user_assign")
    if st.form_submit_button("Add user", type="primary", icon=":material/person_add:"):
        try:
            ws.add_user(name, password, role, tuple(assigned))
        except AccountError as err:
            st.error(md(str(err)))
        else:
            st.session_state["users_outcome"] = f"Added {name} ({role})."
            st.rerun()
with right:
    st.markdown("**Change a user**")
    who = st.selectbox("User", [p.name for p in people], key="change_user")
    person = next(p for p in people if p.name == who)
    roles = ROLES if person.role in ROLES else (person.role, *ROLES)
    new_role = st.selectbox("Role", roles, index=roles.index(person.role), key=f"role@{who}",
                            format_func=lambda r: ROLE_WORDS.get(r, r))
    new_assigned = st.multiselect("Assigned assessments", assessments, [a for a in person.assigned if a in assessments],
                                  key=f"assign@{who}")
    active = st.checkbox("Active (may sign in)", person.active, key=f"active@{who}")
    unlink = who in linked and st.checkbox(
        f"Stop signing in with {', '.join(labels.get(k, k) for k in linked[who])} (single sign-on)",
        key=f"unlink@{who}")
    if st.button("Save changes", icon=":material/save:", key="save_user"):
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
            st.session_state["users_outcome"] = f"Saved {who}."
            st.rerun()

with st.expander("Changes to accounts"):
    st.dataframe(ws.user_history(), hide_index=True, width="stretch")
