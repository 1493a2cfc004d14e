"""Who may do what: roles, the policy, and the workspace the pages call (every action checked there)."""

from access.policy import ROLES, Forbidden, User, allowed, require

__all__ = ["ROLES", "Forbidden", "User", "allowed", "require"]
