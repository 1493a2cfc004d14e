"""Roles and what each may do. Pure: a user and an action in, yes or no out.

- admin: manages users and assessments (import, replace, start new versions), and plans; sees case records.
- assessor: edits scores, evidence and text, submits, and keeps the plan (recommendations, actions,
  targets), on the assessments assigned to them.
- reviewer: comments on any line, validates or sends back; cannot change scores.
- viewer: reads and exports; sees case data only with small counts hidden.
- no role (an account made by single sign-on, until an admin gives one): nothing at all.
"""

from __future__ import annotations

import os

from base.i18n import N_, Translated, _
from framework.review import NO_ROLE, ROLE_WORDS, ROLES, User

__all__ = ["RULES", "NO_ROLE", "ROLE_WORDS", "ROLES", "Forbidden", "User", "allowed", "require"]

# action -> roles allowed; "assigned" marks actions an assessor may take only on assigned assessments
RULES: dict[str, tuple[frozenset[str], bool]] = {
    "read": (frozenset(ROLES), False),
    "export": (frozenset(ROLES), False),
    "edit": (frozenset({"assessor"}), True),
    "submit": (frozenset({"assessor"}), True),
    "comment": (frozenset({"assessor", "reviewer"}), True),  # reviewers on any assessment
    "review": (frozenset({"reviewer"}), False),  # validate or send back
    "new_version": (frozenset({"admin", "assessor"}), True),
    "plan": (frozenset({"admin", "assessor"}), True),  # recommendations, actions and their status, targets
    "report": (frozenset({"admin", "assessor"}), True),  # the report's own texts: summary, imprint, abbreviations
    "manage_assessments": (frozenset({"admin"}), False),  # import, replace
    # start an assessment from a blank grid, and make a country profile for it
    "new_assessment": (frozenset({"admin", "assessor"} if os.environ.get("FFGRID_ASSESSORS_START") == "1"
                                 else {"admin"}), False),
    "import_data": (frozenset({"admin", "assessor"}), False),
    "see_cases": (frozenset({"admin", "assessor", "reviewer"}), False),  # unsuppressed case records
    "manage_users": (frozenset({"admin"}), False),
}


# What each action is, in words (after "may not")
ACTION_WORDS = Translated({
    "read": N_("read"), "export": N_("export"), "edit": N_("edit"), "submit": N_("submit"),
    "comment": N_("comment"), "review": N_("review"), "new_version": N_("start a new version"),
    "plan": N_("keep the plan"), "report": N_("write the report's texts"),
    "manage_assessments": N_("manage assessments"), "new_assessment": N_("start a new assessment"),
    "import_data": N_("import data"), "see_cases": N_("see case records"), "manage_users": N_("manage users"),
})


class Forbidden(PermissionError):
    """The user's role does not allow the action (raised before anything is read or changed)."""


def allowed(user: User | None, action: str, assessment: str | None = None) -> bool:
    """Whether `user` may take `action` (on `assessment`, for actions tied to one)."""
    if user is None:
        return False
    roles, needs_assignment = RULES[action]
    if user.role not in roles:
        return False
    if needs_assignment and user.role == "assessor":
        return assessment is not None and assessment in user.assigned
    return True


def require(user: User | None, action: str, assessment: str | None = None) -> None:
    """Raise `Forbidden` unless `user` may take `action`."""
    if not allowed(user, action, assessment):
        who = f"{user.name} ({ROLE_WORDS.get(user.role or NO_ROLE, user.role)})" if user else _("nobody signed in")
        raise Forbidden((_("{who} may not {action} on {assessment}") if assessment else _("{who} may not {action}"))
                        .format(who=who, action=ACTION_WORDS[action], assessment=assessment))
