"""Who may do what: roles, the policy, and the workspace the pages call (every action checked there).

The policy's names are imported when first used: the sign-in page's modules here (the cookie, the
client's address) start without the method's types."""

from __future__ import annotations

from typing import TYPE_CHECKING

from base.lazy import lazy_names

if TYPE_CHECKING:
    from access.policy import NO_ROLE, ROLE_WORDS, ROLES, Forbidden, User, allowed, require

__all__ = ["NO_ROLE", "ROLE_WORDS", "ROLES", "Forbidden", "User", "allowed", "require"]
__getattr__ = lazy_names(__name__, dict.fromkeys(__all__, "access.policy"))
