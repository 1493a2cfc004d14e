"""Profiles made in the app: stored once, a different profile under a taken code refused."""

from __future__ import annotations

import pytest

from store.repository import ProfileClash


def test_a_stored_profile_is_kept_once_and_a_taken_code_is_refused(repo, method):
    pt = method.profiles["es"].model_copy(update={"code": "pt", "name": "Portugal", "name_en": "Portugal"})
    repo.save_profile(pt, "Ada Admin")
    repo.save_profile(pt, "Ada Admin")  # the same profile again: nothing new
    assert repo.profiles()["pt"] == pt
    with pytest.raises(ProfileClash, match="already stored"):
        repo.save_profile(pt.model_copy(update={"name": "Portugália"}), "Ada Admin")
    with pytest.raises(ProfileClash, match="shipped with ffgrid"):
        repo.save_profile(method.profiles["hu"].model_copy(update={"name": "Hungria"}), "Ada Admin")
    assert repo.profiles()["pt"].name == "Portugal" and repo.profiles()["hu"] == method.profiles["hu"]
