"""A short soak on PostgreSQL: several users saving the same few relationships at once lose no edit,
and the stored versions, texts and log agree with what each user was told."""

from __future__ import annotations

from bench.soak import HOT, check, soak
from framework import load_method
from store import Repository, open_engine


def test_concurrent_savers_lose_nothing_and_the_log_agrees(pg_url):
    result = soak(pg_url, users=6, seconds=4)
    assert result.problems == []
    assert sum(len(v) for v in result.tally.saves.values()) > 10 and result.tally.conflicts > 0  # they collided
    assert set(result.tally.saves) <= set(HOT)

    # the check is not blind: an edit a user was told was saved, but that the database lacks, is found
    rid, accepted = next((r, v) for r, v in result.tally.saves.items() if v)
    result.tally.saves[rid].append((max(v for v, _ in accepted) + 1, "an edit the database never got"))
    repo = Repository(open_engine(pg_url), load_method())
    found = check(repo, result.tally, result.start_versions)
    repo.engine.dispose()
    assert found and all(p.startswith(f"{rid}:") for p in found)
