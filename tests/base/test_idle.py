"""The idle timeout: wall-clock times only, and no valid time of last activity means signed out."""

from __future__ import annotations

import math

import pytest

from base.idle import idle_expired

NOW = 1_800_000_000.0


@pytest.mark.parametrize("last_seen, expired", [
    (NOW, False), (NOW - 29 * 60, False), (NOW - 30 * 60, False), (NOW - 30 * 60 - 1, True),
    (NOW + 30, False),  # a clock adjusted by a few seconds
    (NOW + 3600, True), (None, True), (0, True), (0.0, True), (-1.0, True), ("recent", True), (True, True),
    (math.nan, True), (math.inf, True),
])
def test_idle_expired(last_seen, expired):
    assert idle_expired(last_seen, NOW, 30) is expired


def test_a_machine_booted_a_minute_ago_gives_no_free_session():
    # time.monotonic() would read about 60 there: treating a missing time as 0 made any session look fresh
    assert idle_expired(None, 60.0, 30)
