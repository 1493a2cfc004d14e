"""The sign-in throttle on SQLite and PostgreSQL: a burst checks no password after the fifth wrong one,
unknown names are throttled like known ones, addresses back off, and the owner gets in (controlled clock)."""

from __future__ import annotations

import random
import threading
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

import store.accounts as accounts_module
from store import open_engine
from store.accounts import Accounts
from store.tables import SignInAttemptRow
from store.throttle import FORGET, MAX_TRIES, PAUSE, SOURCE_CAP, TooManyTries, source_pause

RIGHT = "the right password"


class Clock:
    """A clock the test moves by hand (seconds after a fixed moment)."""

    def __init__(self) -> None:
        self.t = 0.0

    def __call__(self) -> datetime:
        return datetime(2030, 1, 1, tzinfo=timezone.utc) + timedelta(seconds=self.t)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def accounts(db_url, clock):
    engine = open_engine(db_url)
    accounts = Accounts(engine, now=clock)
    accounts.add("Ada Admin", RIGHT, "admin")
    yield accounts
    engine.dispose()


@pytest.fixture
def checked(monkeypatch) -> list[str]:
    """Every password checked against a hash (the real check, recorded)."""
    seen: list[str] = []
    real, guard = accounts_module.check_password, threading.Lock()

    def recording(stored, password):
        with guard:
            seen.append(password)
        return real(stored, password)

    monkeypatch.setattr(accounts_module, "check_password", recording)
    return seen


def _try(accounts: Accounts, name: str, password: str, source: str | None) -> str | int:
    try:
        return "accepted" if accounts.verify(name, password, source) else "refused"
    except TooManyTries as err:
        return err.wait


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_burst_of_40_tries_checks_no_password_after_the_fifth_wrong_one(accounts, checked, seed, request):
    passwords = [f"wrong guess {n}" for n in range(39)] + [RIGHT]
    random.Random(seed).shuffle(passwords)
    start, results = threading.Barrier(len(passwords)), [None] * len(passwords)

    def attempt(n: int) -> None:
        start.wait()
        results[n] = _try(accounts, "Ada Admin", passwords[n], f"203.0.113.{n}")  # 40 addresses

    threads = [threading.Thread(target=attempt, args=(n,)) for n in range(len(passwords))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    accepted, refused = results.count("accepted"), results.count("refused")
    throttled = [r for r in results if isinstance(r, int)]
    wrong_checked = sum(p != RIGHT for p in checked)
    print(f"\n{request.node.callspec.id}: {len(checked)} passwords checked, {wrong_checked} wrong, "
          f"{accepted} accepted, {len(throttled)} throttled")
    assert len(checked) == accepted + refused and len(throttled) == 40 - len(checked)  # throttled: not checked
    assert all(0 < w <= PAUSE for w in throttled)
    if accepted:  # the right one was among the first five counted; its success cleared the count
        assert RIGHT in checked and wrong_checked <= 2 * MAX_TRIES - 1
    else:  # five wrong ones counted first: nothing else was checked, and the right one waits
        assert wrong_checked == MAX_TRIES and RIGHT not in checked
        assert isinstance(_try(accounts, "Ada Admin", RIGHT, "198.51.100.1"), int)


def test_unknown_names_are_throttled_and_answered_like_known_ones(accounts, checked):
    answers = {name: [_try(accounts, name, "a wrong guess", f"192.0.2.{n}") for n in range(MAX_TRIES + 1)]
               for name in ("Ada Admin", "Nobody Here")}
    assert answers["Ada Admin"] == answers["Nobody Here"] == ["refused"] * MAX_TRIES + [int(PAUSE)]
    assert len(checked) == 2 * MAX_TRIES  # a hash checked for the unknown name too (timing alike)
    assert _try(accounts, "  ada ADMIN ", RIGHT, "192.0.2.99") == int(PAUSE)  # one count per name, any spelling
    with Session(accounts.engine) as s:
        keys = s.scalars(select(SignInAttemptRow.key)).all()
    assert len(keys) == 2 + MAX_TRIES and not [k for k in keys if "Nobody" in k or "192.0.2" in k]  # hashes only


def test_the_owner_gets_in_from_another_address_within_two_pauses_while_someone_keeps_failing(accounts, clock):
    for clock.t in range(MAX_TRIES):  # t = 0..4: five wrong passwords from one address
        assert _try(accounts, "Ada Admin", "a wrong guess", "203.0.113.66") == "refused"
    arrived, owner = 10, None
    for clock.t in range(arrived, 1000):  # each second the attacker tries first, then the owner
        _try(accounts, "Ada Admin", "another guess", "203.0.113.66")
        owner = _try(accounts, "Ada Admin", RIGHT, "198.51.100.7")
        if clock.t == arrived:
            assert owner == PAUSE - (arrived - (MAX_TRIES - 1))  # told the wait left of the name's pause
        if owner == "accepted":
            break
    assert owner == "accepted" and clock.t - arrived <= 2 * PAUSE, clock.t


def test_an_address_that_keeps_failing_waits_twice_as_long_each_time_up_to_the_cap(accounts, clock):
    waits = []
    for n in range(1, 16):  # a different name each time: only the address's count stops it
        assert _try(accounts, f"guess {n}", "a wrong guess", "203.0.113.66") == "refused"
        if n < MAX_TRIES:
            continue
        waits.append(_try(accounts, f"probe {n}", "a wrong guess", "203.0.113.66"))  # refused, not counted
        assert _try(accounts, "Ada Admin", RIGHT, "198.51.100.7") == "accepted"  # another address: no wait
        clock.t += waits[-1] - 1
        assert _try(accounts, f"probe {n}", "a wrong guess", "203.0.113.66") == 1  # not yet, not extended
        clock.t += 1
    assert waits == [60, 120, 240, 480, 960, 1920, 3600, 3600, 3600, 3600, 3600]
    assert [source_pause(n) for n in (4, 5, 11, 40, 10**6)] == [0, PAUSE, SOURCE_CAP, SOURCE_CAP, SOURCE_CAP]


def test_the_pause_of_a_name_never_grows_and_a_success_clears_it(accounts, clock):
    address = iter(f"192.0.2.{n}" for n in range(200))  # a fresh address each time: only the name counts
    for _ in range(MAX_TRIES - 1):
        assert _try(accounts, "Ada Admin", "a wrong guess", next(address)) == "refused"
    assert _try(accounts, "Ada Admin", RIGHT, next(address)) == "accepted"  # clears the name's count
    for _ in range(MAX_TRIES):
        assert _try(accounts, "Ada Admin", "a wrong guess", next(address)) == "refused"
    for _ in range(10):  # wrong passwords at the earliest moment, refusals in between: always one minute
        clock.t += PAUSE / 2
        assert _try(accounts, "Ada Admin", "a wrong guess", next(address)) == PAUSE / 2
        clock.t += PAUSE / 2
        assert _try(accounts, "Ada Admin", "a wrong guess", next(address)) == "refused"
    assert _try(accounts, "Ada Admin", RIGHT, next(address)) == PAUSE
    clock.t -= 3600  # the clock set back an hour: still at most one pause
    assert _try(accounts, "Ada Admin", RIGHT, next(address)) == PAUSE
    clock.t += 3600 + PAUSE
    assert _try(accounts, "Ada Admin", RIGHT, next(address)) == "accepted"


def test_counts_untouched_for_a_day_are_forgotten(accounts, clock):
    for n in range(MAX_TRIES):
        _try(accounts, f"Someone {n}", "a wrong guess", "203.0.113.66")
    assert _try(accounts, "Someone", "a wrong guess", "203.0.113.66") == PAUSE

    def rows() -> int:
        with Session(accounts.engine) as s:
            return s.scalar(select(func.count()).select_from(SignInAttemptRow))

    assert rows() == MAX_TRIES + 1
    clock.t += FORGET + 1
    assert _try(accounts, "Ada Admin", RIGHT, "198.51.100.7") == "accepted"
    assert rows() == 1  # the old counts are gone; the new address keeps its one try until it ages out


def test_signing_in_to_ones_own_account_does_not_reset_the_address(accounts, clock):
    """Someone with an account guessing at others from one address cannot clear its back-off by
    signing in to their own between guesses."""
    for n in range(MAX_TRIES - 1):
        _try(accounts, f"Someone {n}", "a wrong guess", "203.0.113.66")
    assert _try(accounts, "Ada Admin", RIGHT, "203.0.113.66") == "accepted"  # the fifth try from there
    assert _try(accounts, "Someone else", "a wrong guess", "203.0.113.66") == PAUSE
