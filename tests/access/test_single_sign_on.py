"""The single sign-on settings read from the secrets: the providers offered with their labels, the role
a claim gives (bad settings named), and a refused sign-in told from Streamlit's signed session cookie."""

from __future__ import annotations

import base64
import json

import pytest
from itsdangerous import TimestampSigner

from access.single_sign_on import Provider, SettingsError, pending_sign_in, providers, role_from_claims

AUTH = {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "s" * 32,
        "entra": {"label": "Microsoft", "client_id": "x", "client_secret": "y",
                  "server_metadata_url": "https://login.microsoftonline.com/t/v2.0/.well-known/openid-configuration"},
        "keycloak": {"client_id": "ffgrid", "server_metadata_url": "https://kc/realms/r/.well-known/openid-configuration"},
        "not_a_provider": {"client_id": "z"}, "expose_tokens": ["id"]}
SSO = {"role_claim": "groups", "roles": {"ffgrid-viewers": "viewer", "ffgrid-admins": "admin", "ffgrid-review": "reviewer"}}


def test_providers_and_their_labels():
    assert providers(AUTH) == [Provider("entra", "Microsoft"), Provider("keycloak", "keycloak")]
    assert providers(None) == [] and providers({"redirect_uri": "r", "cookie_secret": "c"}) == []
    assert providers({"client_id": "x", "server_metadata_url": "m"}) == [Provider("default", "single sign-on")]


def test_the_role_a_claim_gives():
    assert role_from_claims(SSO, {"groups": ["other", "ffgrid-review", "ffgrid-viewers"]}) == "reviewer"
    assert role_from_claims(SSO, {"groups": ["ffgrid-viewers", "ffgrid-admins"]}) == "admin"  # the first of ROLES
    assert role_from_claims(SSO, {"groups": "ffgrid-viewers"}) == "viewer"
    assert role_from_claims(SSO, {"groups": ["other"]}) == "" and role_from_claims(SSO, {}) == ""
    assert role_from_claims(None, {"groups": ["ffgrid-admins"]}) == ""  # no role_claim: an admin gives roles
    with pytest.raises(SettingsError, match=r"\[ffgrid.sso.roles\] 'ffgrid-admins' = 'boss': not a role"):
        role_from_claims({"role_claim": "groups", "roles": {"ffgrid-admins": "boss"}}, {})


def _cookie(session: dict, secret: str = "s" * 32) -> str:
    """A session cookie as Starlette's SessionMiddleware signs it."""
    return TimestampSigner(secret).sign(base64.b64encode(json.dumps(session).encode())).decode()


def test_a_sign_in_started_here_that_did_not_come_back():
    now = 2_000_000_000.0
    started = {"_state_entra_abc": {"data": {"redirect_uri": "r"}, "exp": now - 30 + 3600}}
    assert pending_sign_in(_cookie(started), "s" * 32, now) == "entra"
    older = {**started, "_state_keycloak_def": {"exp": now - 5 + 3600}}
    assert pending_sign_in(_cookie(older), "s" * 32, now) == "keycloak"  # the latest one
    assert pending_sign_in(_cookie(started), "s" * 32, now + 601) is None  # long ago: not news
    assert pending_sign_in(_cookie({}), "s" * 32, now) is None  # came back signed in: Authlib cleared it
    assert pending_sign_in(_cookie(started, "another secret"), "s" * 32, now) is None  # not this server's
    assert pending_sign_in("garbage", "s" * 32, now) is None and pending_sign_in(None, "s" * 32, now) is None
