"""A database ready for browser tests and benchmarks: the bundled assessments, the 2019 grid as an
editable draft, and one account per role with a known password."""

from __future__ import annotations

from framework import ASSESSMENTS_DIR, load_assessment, load_method
from store import open_repository
from store.accounts import Accounts

TEAM = {"Ann Assessor": "assessor", "Rob Reviewer": "reviewer", "Val Viewer": "viewer", "Ada Admin": "admin"}
PASSWORD = "browser test password"


def prepare(url: str) -> None:
    """Store the bundled assessments in the empty database at `url`, the 2019 grid as an editable
    draft, and add the TEAM accounts."""
    method = load_method()
    repo = open_repository(method, url, seed=False)
    ew = load_assessment(ASSESSMENTS_DIR / "england-wales-2019.yaml", method)
    repo.add(ew.model_copy(update={"status": "draft"}), author="test setup")  # a draft from the start
    repo.seed()
    accounts = Accounts(repo.engine)
    every = tuple(s.id for s in repo.list())
    for name, role in TEAM.items():
        accounts.add(name, PASSWORD, role, every if role == "assessor" else (), actor="test setup")
    repo.engine.dispose()
