"""Work on untrusted input in a bounded worker: answers and refusals come back whole; overruns of time
or memory end the worker, not the server; at most SLOTS workers at once."""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor

import pytest

import helpers
from base import bounded
from base.bounded import Overrun, run_bounded
from dashboard.problems import ImportRefused


def test_the_answer_and_the_refusal_come_back_whole():
    assert run_bounded(helpers.allocate, 10) == 10 << 20
    with pytest.raises(ImportRefused) as refused:
        run_bounded(helpers.refuse, "cases.csv")
    assert [str(p) for p in refused.value.problems] == ["cases.csv:3: strands: names no strand",
                                                         "cases.csv:5: lat: too far"]


def test_a_worker_over_its_memory_or_time_is_ended_and_the_caller_told():
    with pytest.raises(Overrun, match="more memory than an upload may use"):
        run_bounded(helpers.allocate, (bounded.MEMORY >> 20) + 100)
    with pytest.raises(Overrun, match="longer than 1 s"):
        run_bounded(helpers.wait, 60, timeout=1)
    assert run_bounded(os.getpid) != os.getpid()  # and the next one runs (in a process of its own)


def test_no_more_than_slots_workers_run_at_once():
    with ThreadPoolExecutor(max_workers=bounded.SLOTS + 2) as pool:
        spans = list(pool.map(lambda _: run_bounded(helpers.wait, 0.5), range(bounded.SLOTS + 2)))
    most = max(sum(start <= moment < end for start, end in spans) for moment, _ in spans)
    assert most == bounded.SLOTS
