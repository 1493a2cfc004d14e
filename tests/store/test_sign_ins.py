"""Sign-ins and drafts in the database, on SQLite and PostgreSQL: a draft written by one tab is found by
another and by a new process; a sign-in ends on sign-out, when idle, and for every browser of an account
that changes."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Iterator

import pytest

from sqlalchemy.orm import Session

from store import open_engine
from store.accounts import Accounts
from store.sign_ins import Drafts, SignIns
from store.tables import DraftRow

PASSWORD = "a long test password"
VALUES = {"framework": 2, "action": None, "na": False, "na_reason": "", "situation_framework": "Léa's draft",
          "situation_action": "", "strands": {}, "evidence": [{"title": "CPS report", "standards": ["1.2"]}]}


@pytest.fixture
def engines(db_url) -> Iterator[list]:
    """Engines on the test's database, as many processes would have; disposed after."""
    made: list = []
    yield made
    for engine in made:
        engine.dispose()


def _engine(engines: list, url: str):
    engines.append(open_engine(url))
    return engines[-1]


def test_drafts_are_written_through_and_found_by_another_tab_and_process(db_url, engines):
    engine = _engine(engines, db_url)
    Accounts(engine).add("Ann Assessor", PASSWORD, "assessor")
    Accounts(engine).add("Rob Reviewer", PASSWORD, "reviewer")
    tab = Drafts(engine, "Ann Assessor")
    tab[("ew", "police-courts")] = {"base": 3, "values": VALUES}
    tab[("ew", "police-courts")] = {"base": 3, "values": VALUES}  # unchanged: not written again
    assert dict(Drafts(_engine(engines, db_url), "Ann Assessor")) == {("ew", "police-courts"): {"base": 3, "values": VALUES}}
    assert dict(Drafts(engine, "Rob Reviewer")) == {}  # each person's own
    with Session(engine) as s:
        assert s.query(DraftRow).count() == 1
    tab.pop(("ew", "police-courts"))
    assert dict(Drafts(engine, "Ann Assessor")) == {}


def test_a_sign_in_ends_on_sign_out_when_idle_and_when_its_account_changes(db_url, engines):
    engine = _engine(engines, db_url)
    accounts = Accounts(engine)
    accounts.add("Ann Assessor", PASSWORD, "assessor")
    now = [datetime(2027, 3, 1, 9, 0, tzinfo=timezone.utc)]
    sign_ins = SignIns(engine, 30, now=lambda: now[0])
    first, second, third = (sign_ins.start("Ann Assessor") for _ in range(3))
    sign_ins.end(first)
    assert sign_ins.check(first) == (None, "signed_out")
    now[0] += timedelta(minutes=29)
    assert sign_ins.check(second) == ("Ann Assessor", None)  # and that counts as activity
    now[0] += timedelta(minutes=29)
    assert sign_ins.check(second) == ("Ann Assessor", None)
    assert sign_ins.check(third) == (None, "idle")  # untouched for 58 minutes
    accounts.set_role("Ann Assessor", "viewer", actor="Ada Admin")
    assert sign_ins.check(second) == (None, "account_changed")
    assert sign_ins.check("never issued") == (None, "unknown")
    fresh = sign_ins.start("Ann Assessor")
    sign_ins.keep_open(fresh, "hu-2026")
    assert sign_ins.open_assessment(fresh) == "hu-2026" and sign_ins.open_assessment(second) is None
