"""Who may do what: roles, the policy, and the workspace the pages call (every action checked there)."""

from access.policy import NO_ROLE, ROLES, Forbidden, User, allowed, require

__all__ = ["NO_ROLE", "ROLES", "Forbidden", "User", "allowed", "require"]
