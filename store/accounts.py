"""Local accounts: names, roles, assignments, and passwords kept only as argon2 hashes; sign-in
tries throttled per name and client address (store/throttle.py).

Every change is written to the audit log in the same transaction (passwords never: only that one
was set), and a change of role, password or whether the account is on ends its sign-ins there too.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Callable

from sqlalchemy import Engine, delete, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from base.i18n import _
from framework.review import NO_ROLE, ROLES, User
from store.audit import record
from store.database import writer
from store.passwords import check_password, hash_password, needs_rehash
from store.sign_ins import end_sign_ins
from store.tables import AssignmentRow, UserRow, utcnow
from store.throttle import SignInThrottle, TooManyTries

__all__ = ["Account", "AccountError", "Accounts", "TooManyTries"]

MIN_PASSWORD, MAX_PASSWORD = 10, 1_000


class AccountError(ValueError):
    """A name that exists, an unknown user or role, or a password that is too short."""


@dataclass(frozen=True)
class Account:
    """A user as listed for admins (no hash)."""

    name: str
    role: str
    active: bool
    assigned: tuple[str, ...]


class Accounts:
    """The users in the database."""

    def __init__(self, engine: Engine, now: Callable[[], datetime] = utcnow):
        self.engine = engine
        self.throttle = SignInThrottle(engine, now)

    def add(self, name: str, password: str, role: str, assign: tuple[str, ...] = (), actor: str = "system") -> User:
        """Create an account; refuses a name that exists, an unknown role or a short password."""
        name = name.strip()
        if not name or len(name) > 200:
            raise AccountError(_("a user name has 1 to 200 characters"))
        _check(role, password)
        with Session(writer(self.engine)) as s, s.begin():
            row = UserRow(name=name, password_hash=hash_password(password), role=role)
            s.add(row)
            try:
                s.flush()
            except IntegrityError as err:
                raise AccountError(_("a user named {name} already exists").format(name=repr(name))) from err
            s.add_all(AssignmentRow(user_id=row.id, assessment=a) for a in dict.fromkeys(assign))
            record(s, actor, "user_added", field=f"user:{name}", new=f"role={role}; assigned={', '.join(assign)}")
        return User(name, role, frozenset(assign))

    def verify(self, name: str, password: str, source: str | None = None) -> User | None:
        """The user if the name and password match an active account, else None (timing alike).

        The try is counted for the name and the client address `source` before the password is
        checked, whether or not the name exists; `TooManyTries` (nothing checked) when either has
        had too many (store/throttle.py has the rule).
        """
        self.throttle.admit(name, source)
        with Session(self.engine) as s:
            row = s.scalar(select(UserRow).where(UserRow.name == name.strip()))
        if not check_password(row.password_hash if row else None, password) or row is None or not row.active:
            return None
        self.throttle.clear(name)
        if needs_rehash(row.password_hash):
            with Session(writer(self.engine)) as s, s.begin():
                s.execute(update(UserRow).where(UserRow.id == row.id).values(password_hash=hash_password(password)))
        return self.get(row.name)

    def get(self, name: str) -> User | None:
        """The active user with that name (role and assignments as stored now)."""
        with Session(self.engine) as s:
            row = s.scalar(select(UserRow).where(UserRow.name == name, UserRow.active))
            if row is None:
                return None
            assigned = s.scalars(select(AssignmentRow.assessment).where(AssignmentRow.user_id == row.id)).all()
            return User(row.name, row.role, frozenset(assigned))

    def list(self) -> list[Account]:
        """Every account with its role and assignments, by name."""
        with Session(self.engine) as s:
            users = s.scalars(select(UserRow).order_by(UserRow.name)).all()
            pairs = s.execute(select(AssignmentRow.user_id, AssignmentRow.assessment)
                              .order_by(AssignmentRow.assessment)).all()
        return [Account(u.name, u.role, u.active, tuple(a for uid, a in pairs if uid == u.id)) for u in users]

    def set_role(self, name: str, role: str, actor: str) -> None:
        """Change a user's role."""
        _check(role)
        self._change(name, actor, "role", role=role)

    def set_active(self, name: str, active: bool, actor: str) -> None:
        """Switch an account on or off (an inactive account cannot sign in)."""
        self._change(name, actor, "active", active=active)

    def set_password(self, name: str, password: str, actor: str) -> None:
        """Set a new password (the log says that it changed, never what to)."""
        _check(None, password)
        self._change(name, actor, "password", password_hash=hash_password(password))

    def language(self, name: str) -> str | None:
        """The language the person chose to read the app in (None: not chosen yet)."""
        with Session(self.engine) as s:
            return s.scalar(select(UserRow.language).where(UserRow.name == name))

    def set_language(self, name: str, language: str) -> None:
        """Keep the language the person reads the app in (their own choice: their sign-ins go on)."""
        with Session(writer(self.engine)) as s, s.begin():
            uid = self._id(s, name)
            before = s.scalar(select(UserRow.language).where(UserRow.id == uid))
            if before != language:
                s.execute(update(UserRow).where(UserRow.id == uid).values(language=language[:16]))
                record(s, name, "user_changed", field=f"user:{name}.language", old=before, new=language)

    def assign(self, name: str, assessments: tuple[str, ...], actor: str) -> None:
        """Set exactly which assessments the user is assigned to."""
        with Session(writer(self.engine)) as s, s.begin():
            uid = self._id(s, name)
            before = s.scalars(select(AssignmentRow.assessment).where(AssignmentRow.user_id == uid)
                               .order_by(AssignmentRow.assessment)).all()
            s.execute(delete(AssignmentRow).where(AssignmentRow.user_id == uid))
            s.add_all(AssignmentRow(user_id=uid, assessment=a) for a in dict.fromkeys(assessments))
            record(s, actor, "user_changed", field=f"user:{name}.assigned", old=", ".join(before),
                   new=", ".join(sorted(set(assessments))))

    def _change(self, name: str, actor: str, what: str, **values: object) -> None:
        with Session(writer(self.engine)) as s, s.begin():
            uid = self._id(s, name)
            old = s.get(UserRow, uid)
            before = None if what == "password" else str(getattr(old, what))
            s.execute(update(UserRow).where(UserRow.id == uid).values(**values))
            if not (what == "role" and before == NO_ROLE):  # a first role only grants: the waiting page goes on
                end_sign_ins(s, uid)  # switched off, a new role or password: every browser signs in again
            after = "(changed)" if what == "password" else str(next(iter(values.values())))
            record(s, actor, "user_changed", field=f"user:{name}.{what}", old=before, new=after)

    @staticmethod
    def _id(s: Session, name: str) -> int:
        uid = s.scalar(select(UserRow.id).where(UserRow.name == name))
        if uid is None:
            raise AccountError(_("no user named {name}").format(name=repr(name)))
        return uid


def _check(role: str | None, password: str | None = None) -> None:
    if role is not None and role not in ROLES:
        raise AccountError(_("unknown role {role} (one of {roles})").format(role=repr(role), roles=", ".join(ROLES)))
    if password is not None and not MIN_PASSWORD <= len(password) <= MAX_PASSWORD:
        raise AccountError(_("a password has {least} to {most} characters").format(least=MIN_PASSWORD,
                                                                                 most=MAX_PASSWORD))
