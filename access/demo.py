"""Demo accounts for trying the app on the local SQLite default: one per role, fresh passwords each time."""

from __future__ import annotations

import secrets

from sqlalchemy.engine import make_url

from access.policy import ROLES
from store.accounts import Accounts
from store.repository import Repository


class NotLocal(RuntimeError):
    """Demo accounts are only for the embedded SQLite database, never a shared server."""


def check_local(url: str) -> None:
    """Raise `NotLocal` unless the database URL is a SQLite one."""
    if make_url(url).get_backend_name() != "sqlite":
        raise NotLocal("demo accounts are made only on the local SQLite database, never on PostgreSQL")


def demo_accounts(repo: Repository, actor: str = "demo setup") -> dict[str, tuple[str, str]]:
    """Create (or reset the passwords of) users `admin`, `assessor`, `reviewer` and `viewer`; returns
    {name: (role, password)}. The assessor is assigned to every stored assessment."""
    check_local(repo.engine.url.render_as_string(hide_password=True))
    accounts, made = Accounts(repo.engine), {}
    existing = {a.name for a in accounts.list()}
    every = tuple(s.id for s in repo.list())
    for role in ROLES:
        password = secrets.token_urlsafe(9)
        if role in existing:
            accounts.set_password(role, password, actor=actor)
        else:
            accounts.add(role, password, role, every if role == "assessor" else (), actor=actor)
        made[role] = (role, password)
    return made
