"""Sign-ins that last across reloads and tabs, and each person's unsaved drafts.

A sign-in is a random token: the browser keeps it in a signed cookie (access/sign_in_cookie.py), the
database only its SHA-256 hash, so a copy of the database signs nobody in. It ends on sign-out, after
`idle_minutes` without activity, and at once for every browser of an account that is switched off or
whose role or password changes (`end_sign_ins`, called in that change's transaction).
"""

from __future__ import annotations

import copy
import hashlib
import secrets
from collections.abc import Iterator, MutableMapping
from datetime import datetime, timedelta
from typing import Any, Callable

from sqlalchemy import Engine, delete, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from base.idle import idle_expired
from store.database import writer
from store.tables import AppSecretRow, DraftRow, SignInRow, UserRow, as_utc, utcnow

TOUCH_EVERY = timedelta(seconds=60)  # last activity is written at most this often (one write a minute)
ENDED = ("signed_out", "idle", "account_changed")  # why a sign-in ended


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class SignIns:
    """The sign-ins in the database, timed by `now`."""

    def __init__(self, engine: Engine, idle_minutes: float, now: Callable[[], datetime] = utcnow):
        self.engine, self.idle_minutes, self.now = engine, idle_minutes, now

    def start(self, name: str) -> str:
        """A new sign-in for the active account `name`; returns its token (to be put in a cookie)."""
        token, now = secrets.token_urlsafe(32), self.now()
        with Session(writer(self.engine)) as s, s.begin():
            uid = s.scalar(select(UserRow.id).where(UserRow.name == name, UserRow.active))
            if uid is None:
                raise LookupError(f"no active account named {name!r}")
            s.add(SignInRow(token_hash=_hash(token), user_id=uid, started_at=now, last_seen=now))
        return token

    def check(self, token: str) -> tuple[str | None, str | None]:
        """(the account's name, None) while the sign-in lasts, noting the activity; else (None, why it
        ended: one of `ENDED`, or "unknown" for a token never issued)."""
        now = self.now()
        with Session(self.engine) as s:
            found = s.execute(select(SignInRow.ended_why, SignInRow.last_seen, UserRow.name, UserRow.active)
                              .join(UserRow, UserRow.id == SignInRow.user_id)
                              .where(SignInRow.token_hash == _hash(token))).first()
        if found is None:
            return None, "unknown"
        why, last_seen, name, active = found
        if why is not None:
            return None, why
        if not active:
            self.end(token, "account_changed")
            return None, "account_changed"
        last_seen = as_utc(last_seen)
        if idle_expired(last_seen.timestamp(), now.timestamp(), self.idle_minutes):
            self.end(token, "idle")
            return None, "idle"
        if now - last_seen >= TOUCH_EVERY:
            with Session(writer(self.engine)) as s, s.begin():
                s.execute(update(SignInRow).where(SignInRow.token_hash == _hash(token), SignInRow.ended_at.is_(None))
                          .values(last_seen=now))
        return name, None

    def open_assessment(self, token: str) -> str | None:
        """The assessment this browser has open (a new tab opens it too)."""
        with Session(self.engine) as s:
            return s.scalar(select(SignInRow.assessment).where(SignInRow.token_hash == _hash(token)))

    def keep_open(self, token: str, assessment: str) -> None:
        """Note the assessment this browser has open."""
        with Session(writer(self.engine)) as s, s.begin():
            s.execute(update(SignInRow).where(SignInRow.token_hash == _hash(token)).values(assessment=assessment[:120]))

    def end(self, token: str, why: str = "signed_out") -> None:
        """End one sign-in (its other tabs are signed out at their next action)."""
        with Session(writer(self.engine)) as s, s.begin():
            s.execute(update(SignInRow).where(SignInRow.token_hash == _hash(token), SignInRow.ended_at.is_(None))
                      .values(ended_at=self.now(), ended_why=why))


def end_sign_ins(s: Session, user_id: int, why: str = "account_changed") -> None:
    """End every sign-in of an account, inside the transaction of `s` that changes it."""
    s.execute(update(SignInRow).where(SignInRow.user_id == user_id, SignInRow.ended_at.is_(None))
              .values(ended_at=utcnow(), ended_why=why))


def app_secret(engine: Engine, name: str) -> str:
    """The app's secret `name`, made (random, 256 bits) on first use and then the same for every process."""
    with Session(engine) as s:
        value = s.scalar(select(AppSecretRow.value).where(AppSecretRow.name == name))
    if value is not None:
        return value
    try:
        with Session(writer(engine)) as s, s.begin():
            s.add(AppSecretRow(name=name, value=secrets.token_urlsafe(32)))
    except IntegrityError:  # another process made it first: use theirs
        pass
    with Session(engine) as s:
        return s.execute(select(AppSecretRow.value).where(AppSecretRow.name == name)).scalar_one()


Key = tuple[str, str]  # (assessment, relationship)


class Drafts(MutableMapping[Key, dict[str, Any]]):
    """One person's unsaved drafts, by (assessment, relationship): {"base": version, "values": form values}.

    Read once; each change is written through at once (an unchanged value is not written again), so a
    reload, a new tab or another process finds them.
    """

    def __init__(self, engine: Engine, user: str):
        self.engine = engine
        with Session(engine) as s:
            self.user_id = s.scalar(select(UserRow.id).where(UserRow.name == user))
            rows = s.scalars(select(DraftRow).where(DraftRow.user_id == self.user_id)).all()
        self._drafts = {(r.assessment, r.relationship): {"base": r.base, "values": r.values} for r in rows}

    def __getitem__(self, key: Key) -> dict[str, Any]:
        return self._drafts[key]

    def __setitem__(self, key: Key, draft: dict[str, Any]) -> None:
        if self._drafts.get(key) == draft:
            return
        assessment, relationship = key
        with Session(writer(self.engine)) as s, s.begin():
            s.execute(delete(DraftRow).where(DraftRow.user_id == self.user_id, DraftRow.assessment == assessment,
                                             DraftRow.relationship == relationship))
            s.add(DraftRow(user_id=self.user_id, assessment=assessment, relationship=relationship,
                           base=draft["base"], values=draft["values"], updated_at=utcnow()))
        self._drafts[key] = copy.deepcopy(draft)

    def __delitem__(self, key: Key) -> None:
        del self._drafts[key]
        with Session(writer(self.engine)) as s, s.begin():
            s.execute(delete(DraftRow).where(DraftRow.user_id == self.user_id, DraftRow.assessment == key[0],
                                             DraftRow.relationship == key[1]))

    def __iter__(self) -> Iterator[Key]:
        return iter(list(self._drafts))

    def __len__(self) -> int:
        return len(self._drafts)
