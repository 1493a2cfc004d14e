"""The sign-in throttle: each try is counted for its name and its client address before any password
is checked, so that a burst of guesses, from one process or many, checks at most a handful.

The rule (also in the README under "Sign-in throttle"):

- **Counted first.** A try is counted for the name (trimmed, NFKC-normalised and case-folded, whether
  or not such an account exists) and for the client address (when the app knows it), in one
  transaction that all sign-ins take one at a time (SQLite: the write lock; PostgreSQL: an advisory
  lock), before the password is checked. A try either of them refuses counts for neither and
  checks no password.
- **A name** takes `MAX_TRIES` tries since its last successful sign-in freely; after that, one try
  every `PAUSE` seconds. The pause never grows, so nobody can lock an account out for longer.
- **An address** takes `MAX_TRIES` tries since its last successful sign-in from it freely; after its
  n-th, it waits `PAUSE` × 2^(n − `MAX_TRIES`) seconds, at most `SOURCE_CAP`. Someone who keeps failing
  from one address falls behind, and the owner, from another address, waits at most twice `PAUSE`.
- **A success** clears the count of its name, not of its address: signing in to one's own account
  between guesses at others must not reset the address's back-off. A count untouched for `FORGET`
  seconds is forgotten. Names and addresses are stored only as SHA-256 hashes.
"""

from __future__ import annotations

import hashlib
import math
import unicodedata
from datetime import datetime, timedelta
from typing import Callable

from sqlalchemy import Engine, delete, select
from sqlalchemy.orm import Session

from store.database import lock, writer
from store.tables import SignInAttemptRow, as_utc, utcnow

MAX_TRIES = 5  # tries a name or an address takes freely since its last success
PAUSE = 60.0  # seconds between tries for a name after that; an address's first wait
SOURCE_CAP = 3600.0  # an address's longest wait
FORGET = 86400.0  # a count untouched this long is forgotten


class TooManyTries(Exception):
    """The name or the address has had too many tries: none is taken for `wait` more seconds."""

    def __init__(self, wait: int):
        super().__init__(f"too many tries: wait {wait} s")
        self.wait = wait


def name_pause(tries: int) -> float:
    """Seconds a name waits after its last try, having had `tries` since its last success."""
    return PAUSE if tries >= MAX_TRIES else 0.0


def source_pause(tries: int) -> float:
    """Seconds an address waits after its last try, having had `tries` since its last success."""
    return 0.0 if tries < MAX_TRIES else min(PAUSE * 2.0 ** min(tries - MAX_TRIES, 32), SOURCE_CAP)


def normalise(name: str) -> str:
    """The name as the throttle counts it (so "Ada" and " ada" share one count)."""
    return unicodedata.normalize("NFKC", name).strip().casefold()


def _key(kind: str, value: str) -> str:
    return hashlib.sha256(f"{kind}:{value}".encode()).hexdigest()


class SignInThrottle:
    """Counts sign-in tries per name and per address in the database (shared by all app processes)."""

    def __init__(self, engine: Engine, now: Callable[[], datetime] = utcnow):
        self.engine, self.now = engine, now

    def _rules(self, name: str, source: str | None) -> dict[str, Callable[[int], float]]:
        rules = {_key("name", normalise(name)): name_pause}
        if source:
            rules[_key("source", source)] = source_pause
        return rules

    def admit(self, name: str, source: str | None) -> None:
        """Count a try for `name` from `source`; raise `TooManyTries`, counting nothing, if either must wait."""
        rules = self._rules(name, source)
        with Session(writer(self.engine)) as s, s.begin():
            lock(s.connection(), "sign-in")
            now = as_utc(self.now())  # once the lock is held: the times stored only move on
            s.execute(delete(SignInAttemptRow).where(SignInAttemptRow.last_at < now - timedelta(seconds=FORGET)))
            rows = {r.key: r for r in s.scalars(select(SignInAttemptRow).where(SignInAttemptRow.key.in_(rules)))}
            wait = max((_wait(pause(row.tries), as_utc(row.last_at), now)
                        for key, pause in rules.items() if (row := rows.get(key))), default=0.0)
            if wait <= 0:
                for key in rules:
                    row = rows.get(key) or SignInAttemptRow(key=key, tries=0)
                    row.tries, row.last_at = row.tries + 1, now
                    s.add(row)
        if wait > 0:
            raise TooManyTries(math.ceil(wait))

    def clear(self, name: str) -> None:
        """Forget the count of `name` (after a successful sign-in); its address's count ages out by itself."""
        with Session(writer(self.engine)) as s, s.begin():
            lock(s.connection(), "sign-in")
            s.execute(delete(SignInAttemptRow).where(SignInAttemptRow.key.in_(self._rules(name, None))))


def _wait(pause: float, last_at: datetime, now: datetime) -> float:
    """Seconds left of `pause` after `last_at` (never more than the pause, should the clock go back)."""
    return min(pause - (now - last_at).total_seconds(), pause)
