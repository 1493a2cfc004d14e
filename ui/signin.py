"""Signed out: why, and the way to the sign-in page.

The name and password are asked on a page served beside the app (web/sign_in.py), which sets the
cookie that keeps the browser signed in; a page opened without a sign-in is sent there directly. The
app shows this only when a sign-in ends while a page is open (signed out in another tab, the idle
timeout, an account changed by an administrator).
"""

from __future__ import annotations

from html import escape
from urllib.parse import quote, urlsplit

import streamlit as st

from base.i18n import _

from ui.single_sign_on import sign_in_options

SIGN_IN_PATH = "/sign-in"  # web.sign_in.PATH


def sign_in_page() -> None:
    """Why this session is signed out, and a link to sign in again that comes back to this page."""
    st.title(_("Sign in to ffgrid"))
    st.caption(_("Facing all the Facts: self-assessment of hate crime recording and data collection."))
    if reason := st.session_state.pop("signed_out_because", None):
        st.info(reason, icon=":material/logout:")
    url = urlsplit(st.context.url or "/")
    here = (url.path or "/") + (f"?{url.query}" if url.query else "")
    label = escape(_("Sign in"))
    st.html(f'<a class="ffgrid-sign-in" href="{escape(SIGN_IN_PATH)}?next={escape(quote(here, safe=""))}">'
            f"{label}</a>"
            "<style>.ffgrid-sign-in{display:inline-block;padding:.5rem 1rem;border-radius:.5rem;font-weight:600;"
            "background:#b3261e;color:#fff !important;text-decoration:none}</style>")
    sign_in_options()  # a button per single sign-on provider, if any is configured
