"""Password hashing with argon2: production parameters, and cheap ones that only the tests choose.

`FFGRID_PASSWORD_PROFILE` is unset in use (production: RFC 9106's low-memory profile, argon2-cffi's
default, about 0.3 s a hash here). The test suite sets it to `test` (argon2-cffi's cheapest
parameters) so that making hundreds of accounts takes no time. A hash made with weaker parameters
than the production ones is replaced at the next good sign-in under production; a stronger one is
never replaced by a weaker one.
"""

from __future__ import annotations

import os
import secrets
from functools import cache

from argon2 import PasswordHasher, extract_parameters, profiles
from argon2.exceptions import InvalidHashError, VerificationError

PROFILES = {"production": profiles.RFC_9106_LOW_MEMORY, "test": profiles.CHEAPEST}


def profile_name() -> str:
    """The chosen profile: `FFGRID_PASSWORD_PROFILE`, else production; an unknown name is an error."""
    name = os.environ.get("FFGRID_PASSWORD_PROFILE") or "production"
    if name not in PROFILES:
        raise RuntimeError(f"FFGRID_PASSWORD_PROFILE={name!r}: use one of {', '.join(PROFILES)} (or leave it unset)")
    return name


@cache
def _hasher(name: str) -> PasswordHasher:
    return PasswordHasher.from_parameters(PROFILES[name])


@cache
def _dummy(name: str) -> str:
    """A hash to verify against for unknown names, so that both take the same time (made on first use)."""
    return _hasher(name).hash(secrets.token_hex(16))


def hash_password(password: str) -> str:
    """The argon2 hash of a password, with the chosen profile's parameters."""
    return _hasher(profile_name()).hash(password)


def check_password(stored: str | None, password: str) -> bool:
    """Whether `password` matches the stored hash (None: no such account; checked all the same)."""
    name = profile_name()
    try:
        return _hasher(name).verify(stored or _dummy(name), password) and stored is not None
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(stored: str) -> bool:
    """Whether a matching hash is weaker than the production parameters and the production profile is
    in use (never the other way: a test profile set by mistake does not weaken stored hashes)."""
    if profile_name() != "production":
        return False
    made, wanted = extract_parameters(stored), PROFILES["production"]
    return any(getattr(made, p) < getattr(wanted, p) for p in ("time_cost", "memory_cost", "parallelism", "hash_len"))
