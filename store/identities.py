"""Accounts reached through an OpenID Connect provider: a person is linked to their account by the
provider's issuer and subject (never by the e-mail, which can change).

The first sign-in of an unknown identity makes an account named after the person (their name, else
their e-mail, made unique) with no password and the role given (none, unless the provider's claim
gave one; access/single_sign_on.py reads it). An account without a role may do nothing until an
admin gives it one, or until a later sign-in brings a claim that gives one. Every account made or
changed here is written to the audit log in the same transaction, as `store/accounts.py` does.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine, delete, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from base.i18n import _
from framework.review import NO_ROLE, ROLES, User
from store.accounts import AccountError, Accounts
from store.audit import record
from store.database import writer
from store.tables import IdentityRow, UserRow

__all__ = ["ACTOR", "Identities", "Identity", "account_name", "unique_name"]

ACTOR = "single sign-on"  # who the log says made or changed an account at sign-in
MAX_NAME = 200


@dataclass(frozen=True)
class Identity:
    """Who the provider says signed in: issuer and subject (the link), the provider's key in the
    secrets, and the person's name and e-mail as the provider gave them now."""

    issuer: str
    subject: str
    provider: str
    name: str | None = None
    email: str | None = None


def account_name(identity: Identity) -> str:
    """The name an account made for `identity` wants: the person's name, else their e-mail, else the
    provider and subject."""
    for wanted in (identity.name, identity.email):
        if wanted and wanted.strip():
            return " ".join(wanted.split())[:MAX_NAME]
    return f"{identity.provider} {identity.subject}"[:MAX_NAME]


def unique_name(wanted: str, taken: set[str]) -> str:
    """`wanted`, or `wanted (2)`, `wanted (3)` … the first that no account has."""
    if wanted not in taken:
        return wanted
    n = 2
    while (name := f"{wanted[:MAX_NAME - len(f' ({n})')]} ({n})") in taken:
        n += 1
    return name


class Identities:
    """The identities in the database and the accounts they sign in to."""

    def __init__(self, engine: Engine):
        self.engine = engine
        self.accounts = Accounts(engine)

    def sign_in(self, identity: Identity, role: str = NO_ROLE) -> tuple[User | None, bool]:
        """The account `identity` signs in to, and whether it was made just now (its first sign-in,
        with `role`); None for an account that is switched off. A role-less account takes `role`
        (a provider's claim) if it has one now."""
        if role != NO_ROLE and role not in ROLES:
            raise AccountError(_("unknown role {role} (one of {roles})").format(role=repr(role),
                                                                                roles=", ".join(ROLES)))
        for _attempt in range(3):  # two first sign-ins at once: one makes the account, the other then finds it
            try:
                with Session(writer(self.engine)) as s, s.begin():
                    row = self._linked(s, identity)
                    if row is None:
                        name, made = self._make(s, identity, role), True
                    else:
                        name, made = row.name, False
                        if row.role == NO_ROLE and role != NO_ROLE and row.active:
                            s.execute(update(UserRow).where(UserRow.id == row.id).values(role=role))
                            record(s, ACTOR, "user_changed", field=f"user:{row.name}.role", old="none yet", new=role)
                        s.execute(update(IdentityRow).where(IdentityRow.issuer == identity.issuer,
                                                            IdentityRow.subject == identity.subject)
                                  .values(email=identity.email))
            except IntegrityError:
                continue
            return self.accounts.get(name), made
        raise AccountError("the account could not be made: try signing in again")

    def user(self, issuer: str, subject: str) -> User | None:
        """The active account the identity is linked to now, else None (switched off, or unlinked)."""
        with Session(self.engine) as s:
            name = s.scalar(select(UserRow.name).join(IdentityRow, IdentityRow.user_id == UserRow.id)
                            .where(IdentityRow.issuer == issuer, IdentityRow.subject == subject, UserRow.active))
        return self.accounts.get(name) if name else None

    def providers(self) -> dict[str, tuple[str, ...]]:
        """The providers each account signs in with (keys in the secrets), by account name."""
        with Session(self.engine) as s:
            pairs = s.execute(select(UserRow.name, IdentityRow.provider)
                              .join(IdentityRow, IdentityRow.user_id == UserRow.id)
                              .order_by(IdentityRow.provider)).all()
        found: dict[str, tuple[str, ...]] = {}
        for name, provider in pairs:
            found[name] = (*found.get(name, ()), provider)
        return found

    def remove(self, name: str, actor: str) -> None:
        """Unlink every identity of an account: it no longer signs in through a provider (a session
        signed in that way ends at its next action)."""
        with Session(writer(self.engine)) as s, s.begin():
            uid = Accounts._id(s, name)
            before = s.scalars(select(IdentityRow.provider).where(IdentityRow.user_id == uid)
                               .order_by(IdentityRow.provider)).all()
            if not before:
                raise AccountError(_("{name} does not sign in through a provider").format(name=name))
            s.execute(delete(IdentityRow).where(IdentityRow.user_id == uid))
            record(s, actor, "user_changed", field=f"user:{name}.single_sign_on", old=", ".join(before), new="")

    @staticmethod
    def _linked(s: Session, identity: Identity) -> UserRow | None:
        return s.scalar(select(UserRow).join(IdentityRow, IdentityRow.user_id == UserRow.id)
                        .where(IdentityRow.issuer == identity.issuer, IdentityRow.subject == identity.subject))

    @staticmethod
    def _make(s: Session, identity: Identity, role: str) -> str:
        """A new account for `identity` (no password), linked to it, in the log; its name."""
        wanted = account_name(identity)
        taken = set(s.scalars(select(UserRow.name).where(func.substr(UserRow.name, 1, len(wanted)) == wanted)))
        name = unique_name(wanted, taken)
        row = UserRow(name=name, password_hash="", role=role)
        s.add(row)
        s.flush()
        s.add(IdentityRow(user_id=row.id, issuer=identity.issuer, subject=identity.subject,
                          provider=identity.provider, email=identity.email))
        s.flush()
        record(s, ACTOR, "user_added", field=f"user:{name}",
               new=f"role={role or 'none yet'}; signs in with {identity.provider}")
        return name
