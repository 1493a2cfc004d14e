"""Single sign-on with OpenID Connect through Streamlit's `st.login`: the sign-in page's provider
buttons, `?sign_in_with=KEY` (starts a provider's sign-in at once), the account of whoever the
provider signed in (made on first sign-in: store/identities.py), the page a role-less account sees,
and signing out of the provider.

The providers are the `[auth.KEY]` sections of the secrets; the role a claim gives is in
`[ffgrid.sso]` (access/single_sign_on.py reads both).
"""

from __future__ import annotations

from typing import Any, Mapping

import streamlit as st

from access import User
from access.single_sign_on import SESSION_COOKIE, Provider, SettingsError, pending_sign_in, providers, role_from_claims
from base.i18n import _
from store.identities import Identities, Identity
from ui import state
from ui.text import md

IDENTITY = "identity"  # session key: the (issuer, subject) a provider signed this session in as


def _secrets() -> dict[str, Any]:
    """The secrets as a dictionary ({} when there is no secrets file)."""
    return st.secrets.to_dict() if st.secrets.load_if_toml_exists() else {}


def configured() -> list[Provider]:
    """The providers offered on the sign-in page."""
    return providers(_secrets().get("auth"))


def identities() -> Identities:
    """The identities in the app's database."""
    return Identities(state.repository().engine)


def provider_signed_in() -> User | None:
    """Whoever the provider has just signed in to this browser (st.user), as their account: made on
    their first sign-in, without a role unless the configured claim gives one; they are signed in to
    this session. None if nobody is (then `?sign_in_with=KEY` starts that provider's sign-in), or
    their account is switched off (then signed out of the provider too)."""
    person = st.user.to_dict()
    if not person.get("is_logged_in"):
        _sign_in_from_url()
        return None
    issuer, subject = str(person.get("iss") or ""), str(person.get("sub") or "")
    if not issuer or not subject:
        st.logout()  # not an OpenID Connect identity: nothing to link an account to
        return None
    try:
        role = role_from_claims(_secrets().get("ffgrid", {}).get("sso"), person)
    except SettingsError as err:
        st.error(_("Single sign-on is not set up right: {problem}. Tell the administrator.").format(problem=err),
                 icon=":material/error:")
        st.stop()
    identity = Identity(issuer, subject, str(person.get("provider") or "default"), _text(person.get("name")),
                        _text(person.get("email")))
    user, _made = identities().sign_in(identity, role)
    if user is None:  # switched off
        st.logout()
        return None
    st.session_state[IDENTITY] = (issuer, subject)
    return user


def still_linked() -> User | None:
    """For a session a provider signed in: the account its identity is linked to now, if active."""
    issuer, subject = st.session_state[IDENTITY]
    return identities().user(issuer, subject)


def signed_in_by_provider() -> bool:
    """Whether a provider signed this session in (so signing out ends the provider's sign-in too)."""
    return IDENTITY in st.session_state


def sign_out_of_provider() -> None:
    """End the provider's sign-in in this browser (its cookie), if there is one: st.logout."""
    if st.user.to_dict().get("is_logged_in"):
        st.logout()


def _sign_in_from_url() -> None:
    """`?sign_in_with=KEY` naming a configured provider: start its sign-in at once."""
    wanted = st.query_params.get("sign_in_with")
    if wanted and wanted in {p.key for p in configured()}:
        del st.query_params["sign_in_with"]
        st.login(wanted)
        st.stop()


def offered() -> tuple[tuple[str, str], ...]:
    """The configured providers as (key, label) pairs, for the served sign-in page."""
    return tuple((p.key, p.label) for p in configured())


def refused_provider(cookies: Mapping[str, str]) -> str | None:
    """The label of a provider whose sign-in this browser (its `cookies`) started lately and that did
    not come back signed in, or None."""
    secret = (_secrets().get("auth") or {}).get("cookie_secret")
    return dict(offered()).get(pending_sign_in(cookies.get(SESSION_COOKIE), secret, state.clock()) or "")


def refused_words(label: str) -> str:
    """What a person is told when a provider's sign-in did not succeed."""
    return _("Signing in with {provider} did not succeed: the provider refused it or it was cancelled. "
             "You are not signed in.").format(provider=label)


def sign_in_options() -> None:
    """On the sign-in page: a button per configured provider, and what became of a sign-in started here
    that did not come back signed in."""
    offered = configured()
    if not offered:
        return
    if refused := refused_provider(st.context.cookies):
        st.error(refused_words(refused), icon=":material/block:")
    st.caption(_("Or sign in with your organisation's account:"))
    for provider in offered:
        if st.button(_("Sign in with {provider}").format(provider=provider.label), icon=":material/passkey:",
                     key=f"sign_in_with:{provider.key}"):
            st.login(provider.key)


def waiting_page(user: User) -> None:
    """All a role-less account sees: that it waits for an administrator, and how to sign out."""
    st.title(_("Your account waits for an administrator"))
    st.info(_("You are signed in as **{name}**, but your account has no role yet, so you cannot open any page. An "
              "administrator gives you one on the Users page; then check again.").format(name=md(user.name)),
            icon=":material/hourglass_top:")
    st.button(_("Check again"), icon=":material/refresh:", key="check_role")  # a rerun reads the role anew
    if st.button(_("Sign out"), icon=":material/logout:", key="sign_out"):
        state.signed_out(_("You signed out."))


def _text(value: object) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None
