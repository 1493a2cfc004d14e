"""Passwords: production argon2 parameters unless the tests ask for cheap ones; weak hashes upgraded."""

from __future__ import annotations

import pytest
from argon2 import extract_parameters
from sqlalchemy import select
from sqlalchemy.orm import Session

from store.accounts import Accounts
from store.passwords import check_password, hash_password, needs_rehash, profile_name
from store.tables import UserRow


def test_production_parameters_are_rfc_9106_low_memory(monkeypatch):
    monkeypatch.delenv("FFGRID_PASSWORD_PROFILE")
    assert profile_name() == "production"
    stored = hash_password("a long password")
    params = extract_parameters(stored)
    assert (params.time_cost, params.memory_cost, params.parallelism, params.hash_len) == (3, 65536, 4, 32)
    assert check_password(stored, "a long password") and not check_password(stored, "another password")
    assert not check_password(None, "a long password")  # an unknown name never matches


def test_the_tests_use_cheap_parameters():
    assert profile_name() == "test"
    assert extract_parameters(hash_password("a long password")).memory_cost == 8


def test_an_unknown_profile_is_an_error_not_a_weak_default(monkeypatch):
    monkeypatch.setenv("FFGRID_PASSWORD_PROFILE", "fast")
    with pytest.raises(RuntimeError, match="FFGRID_PASSWORD_PROFILE"):
        hash_password("a long password")


def test_a_cheap_hash_is_replaced_by_a_production_one_at_the_next_sign_in(repo, monkeypatch):
    accounts = Accounts(repo.engine)
    accounts.add("Nóra Nagy", "a long password", "assessor")  # cheap, as in the tests
    monkeypatch.delenv("FFGRID_PASSWORD_PROFILE")

    def stored() -> str:
        with Session(repo.engine) as s:
            return s.scalar(select(UserRow.password_hash).where(UserRow.name == "Nóra Nagy"))

    assert needs_rehash(stored())
    assert accounts.verify("Nóra Nagy", "a long password") is not None
    assert extract_parameters(stored()).memory_cost == 65536 and not needs_rehash(stored())
    assert accounts.verify("Nóra Nagy", "a long password") is not None


def test_a_production_hash_is_never_weakened_by_the_test_profile(repo, monkeypatch):
    accounts = Accounts(repo.engine)
    monkeypatch.delenv("FFGRID_PASSWORD_PROFILE")
    accounts.add("Rob Reviewer", "a long password", "reviewer")  # production parameters
    monkeypatch.setenv("FFGRID_PASSWORD_PROFILE", "test")  # as if it leaked into a deployment
    assert accounts.verify("Rob Reviewer", "a long password") is not None
    with Session(repo.engine) as s:
        stored = s.scalar(select(UserRow.password_hash).where(UserRow.name == "Rob Reviewer"))
    assert extract_parameters(stored).memory_cost == 65536
