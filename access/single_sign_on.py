"""Single sign-on settings, read from the secrets (pure): the OpenID Connect providers offered, the
role a provider's claim gives, and whether a sign-in started in this browser came back refused.

```toml
[auth]                      # Streamlit's own (st.login): redirect_uri, cookie_secret
[auth.entra]                # one section per provider; its key is what ?sign_in_with= names
label = "Microsoft"         # the button says "Sign in with Microsoft" (else the key)
client_id = "…"
[ffgrid.sso]
role_claim = "groups"       # optional: the claim whose values give a role at sign-in
[ffgrid.sso.roles]          # claim value = ffgrid role
"ffgrid-admins" = "admin"
```
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from typing import Any, Mapping

from itsdangerous import BadSignature, TimestampSigner

from framework.review import NO_ROLE, ROLES

__all__ = ["Provider", "SettingsError", "SESSION_COOKIE", "pending_sign_in", "providers", "role_from_claims"]

SESSION_COOKIE = "_streamlit_session"  # Streamlit's Starlette session: Authlib keeps a sign-in's state there
PROVIDER_KEYS = ("client_id", "server_metadata_url")
STATE_LIFETIME = 3600  # seconds: how long Authlib keeps a sign-in's state (its `expires_in`)


class SettingsError(ValueError):
    """A single sign-on setting in the secrets that cannot be used (the message names it)."""


@dataclass(frozen=True)
class Provider:
    """A configured provider: its key in the secrets (`[auth.KEY]`, what st.login takes) and its label."""

    key: str
    label: str


def providers(auth: Mapping[str, Any] | None) -> list[Provider]:
    """The providers in the `[auth]` secrets: each `[auth.KEY]` section with a client id or metadata
    address, in their order (an unnamed one in `[auth]` itself is `default`)."""
    if not auth:
        return []
    found = [Provider(key, str(section.get("label") or key)) for key, section in auth.items()
             if isinstance(section, Mapping) and any(k in section for k in PROVIDER_KEYS) and "_" not in key]
    if any(k in auth for k in PROVIDER_KEYS):
        found.insert(0, Provider("default", str(auth.get("label") or "single sign-on")))
    return found


def role_from_claims(settings: Mapping[str, Any] | None, claims: Mapping[str, Any]) -> str:
    """The role `[ffgrid.sso]` gives a person with these claims: the first role (in the order admin,
    assessor, reviewer, viewer) that a value of `role_claim` maps to in `[ffgrid.sso.roles]`; else
    none (an admin gives it). A value may be one text or a list of them (groups)."""
    if not settings or not settings.get("role_claim"):
        return NO_ROLE
    mapping = settings.get("roles") or {}
    if not isinstance(mapping, Mapping):
        raise SettingsError("secrets [ffgrid.sso] roles: a table of claim value = role")
    for value, role in mapping.items():
        if role not in ROLES:
            raise SettingsError(f"secrets [ffgrid.sso.roles] {value!r} = {role!r}: not a role "
                                f"(one of {', '.join(ROLES)})")
    values = claims.get(str(settings["role_claim"]))
    values = [values] if isinstance(values, (str, int)) else list(values or [])
    given = {mapping[str(v)] for v in values if str(v) in mapping}
    return next((role for role in ROLES if role in given), NO_ROLE)


def pending_sign_in(cookie: str | None, secret: str | None, now: float, within: float = 600) -> str | None:
    """The provider of a sign-in that this browser started less than `within` seconds ago and that did
    not come back signed in (the provider refused it, or it was left): Authlib keeps each sign-in's
    state in Streamlit's signed session cookie until the sign-in succeeds. None if there is none, or
    the cookie is not one this server signed."""
    if not cookie or not secret:
        return None
    try:
        data = json.loads(base64.b64decode(TimestampSigner(str(secret)).unsign(cookie.encode())))
    except (BadSignature, ValueError):
        return None
    if not isinstance(data, dict):
        return None
    started = [(float(value.get("exp", 0)) - STATE_LIFETIME, key.split("_", 3)[2]) for key, value in data.items()
               if key.startswith("_state_") and key.count("_") >= 3 and isinstance(value, dict)]
    recent = [(at, provider) for at, provider in started if now - within <= at <= now + 60]
    return max(recent)[1] if recent else None
