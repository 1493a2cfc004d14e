"""Work done ahead: in the background, in order, and dropped once a newer request comes."""

from __future__ import annotations

import threading

import pytest

from ui import ahead


@pytest.fixture(autouse=True)
def _serving(monkeypatch: pytest.MonkeyPatch) -> None:
    """As under Streamlit's own server (the only place work is done ahead)."""
    monkeypatch.setattr(ahead, "serving", lambda: True)


def _drain() -> None:
    ahead._pool.submit(lambda: None).result(timeout=30)  # one worker: everything before it has run


def test_the_calls_run_in_the_background_in_order():
    done: list[int] = []
    ahead.ahead(done.append, [(1,), (2,), (3,)])
    _drain()
    assert done == [1, 2, 3]


def test_a_newer_request_drops_what_the_last_one_had_not_started():
    started, release, done = threading.Event(), threading.Event(), []

    def slow(name: str) -> None:
        started.set()
        release.wait(30)
        done.append(name)

    ahead.ahead(slow, [("first strand",), ("second strand",)])
    assert started.wait(30)
    ahead.ahead(done.append, [("the new one",)])
    release.set()
    _drain()
    assert done == ["first strand", "the new one"]


def test_a_failing_call_is_logged_and_the_next_ones_still_run(caplog):
    done: list[int] = []

    def work(n: int) -> None:
        if n == 1:
            raise ValueError("no such file")
        done.append(n)

    ahead.ahead(work, [(1,), (2,)])
    _drain()
    assert done == [2] and "work done ahead failed" in caplog.text


def test_the_options_after_the_current_one_wrap_round():
    assert ahead.following([None, "race", "religion", "disability"], "religion") == ["disability", None, "race"]
    assert ahead.following([None, "race", "religion"], None) == ["race", "religion"]
    assert ahead.following([None, "race"], "gone") == [None, "race"]


def test_nothing_is_done_ahead_without_streamlits_own_server(monkeypatch):
    """Under AppTest, or in a script run that outlived its AppTest, nothing is queued."""
    monkeypatch.setattr(ahead, "serving", lambda: False)
    done: list[int] = []
    ahead.ahead(done.append, [(1,)])
    _drain()
    assert done == []
