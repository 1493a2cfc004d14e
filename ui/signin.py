"""Sign in: a local account's name and password (checked against its argon2 hash).

Drawn by the entry point in place of whatever page was asked for, which opens once signed in. Tries
are throttled per name and per client address (store/throttle.py), with one message whatever the name.
"""

from __future__ import annotations

import streamlit as st

from access.client import client_source, trusted_proxy_header
from store.accounts import TooManyTries
from ui.single_sign_on import sign_in_options
from ui.state import accounts, sign_in


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
        source = client_source(_headers(), st.context.ip_address, trusted_proxy_header())
        try:
            user = accounts().verify(name, password, source)
        except TooManyTries as err:
            st.error(f"Too many tries: wait {err.wait} second{'s' if err.wait != 1 else ''}, then try again.",
                     icon=":material/timer:")
            return
        if user is None:
            st.error("That name and password do not match an active account.", icon=":material/error:")
        else:
            sign_in(user)
            st.rerun()
    sign_in_options()  # a button per single sign-on provider, if any is configured
    st.caption("Accounts are made by an administrator (Users page, or `ffgrid users add NAME --role ROLE`). "
               "`make run` prints demo accounts for each role on the local database.")


def _headers() -> list[tuple[str, str]]:
    """The request's headers as (name, value) pairs, a repeated header once for each of its values."""
    headers = st.context.headers
    return [(key, value) for key in dict.fromkeys(headers) for value in headers.get_all(key)]
