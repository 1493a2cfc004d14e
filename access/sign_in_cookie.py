"""The sign-in cookie: a sign-in's token signed with the app's own secret, and what a person is told
when a sign-in has ended.

The cookie is set by the sign-in route (web/sign_in.py) as HttpOnly (no script can read it), SameSite=Lax
(not sent with another site's form posts) and Secure over HTTPS; the app reads it from the request
that opened its connection. The signature lets a forged or altered cookie be refused without a query;
the database still decides whether the sign-in lasts (store/sign_ins.py).
"""

from __future__ import annotations

import os
from typing import Mapping

from itsdangerous import BadSignature, Signer

from base.i18n import N_, _, number

COOKIE = "ffgrid_sign_in"
SECRET_NAME = "sign_in_cookie"  # the app secret that signs it (store.sign_ins.app_secret)
MAX_AGE = 14 * 24 * 3600  # seconds the browser keeps the cookie; the idle timeout ends a sign-in sooner
_SALT = "ffgrid.sign-in"

ENDED_WORDS = {
    "signed_out": N_("You signed out."),
    "idle": N_("Signed out after {minutes} minutes without activity."),
    "account_changed": N_("Your account was changed by an administrator (switched off, or a new role or "
                          "password): please sign in again."),
    "unknown": N_("Please sign in again."),
}


def session_minutes(environ: Mapping[str, str] = os.environ) -> float:
    """Minutes without activity before a sign-in ends (`FFGRID_SESSION_MINUTES`, default 30)."""
    return float(environ.get("FFGRID_SESSION_MINUTES", "30"))


def ended_words(why: str, minutes: float) -> str:
    """Why a person was signed out, in a sentence (in the current language)."""
    return _(ENDED_WORDS.get(why, ENDED_WORDS["unknown"])).format(minutes=number(minutes))


def cookie_value(token: str, secret: str) -> str:
    """The cookie's value for a sign-in token."""
    return Signer(secret, salt=_SALT).sign(token).decode()


def token_from(value: str | None, secret: str) -> str | None:
    """The token in a cookie's value, or None when there is none or its signature is wrong."""
    if not value:
        return None
    try:
        return Signer(secret, salt=_SALT).unsign(value).decode()
    except BadSignature:
        return None
