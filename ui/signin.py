"""Sign in: a local account's name and password (checked against its argon2 hash).

Drawn by the entry point in place of whatever page was asked for, which opens once signed in.
"""

from __future__ import annotations

import streamlit as st

from store.accounts import TooManyTries
from ui.state import accounts, clock, sign_in

MAX_TRIES, PAUSE = 5, 60  # per browser session too (the account has its own limit, kept in the database)


def sign_in_page() -> None:
    """The sign-in form; on success the user is remembered in this session and the app reruns."""
    st.title("Sign in to ffgrid")
    st.caption("Facing all the Facts: self-assessment of hate crime recording and data collection.")
    if reason := st.session_state.pop("signed_out_because", None):
        st.info(reason, icon=":material/logout:")
    with st.form("sign_in", border=True, width=420):
        name = st.text_input("Name", max_chars=200, key="sign_in_name")
        password = st.text_input("Password", type="password", max_chars=500, key="sign_in_password")
        pressed = st.form_submit_button("Sign in", type="primary", icon=":material/login:")
    if pressed:
        tries = st.session_state.setdefault("sign_in_failures", [])
        recent = [t for t in tries if clock() - t < PAUSE]
        if len(recent) >= MAX_TRIES:
            st.error("Too many wrong tries. Wait a minute, then try again.", icon=":material/timer:")
        else:
            try:
                user = accounts().verify(name, password)
            except TooManyTries as err:
                st.error(f"{str(err).capitalize()}.", icon=":material/timer:")
                return
            if user is None:
                tries.append(clock())
                st.error("That name and password do not match an active account.", icon=":material/error:")
            else:
                sign_in(user)
                st.rerun()
    st.caption("Accounts are made by an administrator (Users page, or `ffgrid users add NAME --role ROLE`). "
               "`make run` prints demo accounts for each role on the local database.")
