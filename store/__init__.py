"""Persistence: assessments in a relational database (SQLite by default, PostgreSQL for teams).

The names below are imported when first used: the server's sign-in page and gate, which need only the
sign-ins, start without the repository's imports (pandas, the method's types)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from base.lazy import lazy_names

if TYPE_CHECKING:
    from store.database import database_url, open_engine
    from store.repository import (AlreadyExists, LineMeta, NotFound, Repository, StaleEdit, Stored, Summary,
                                  open_repository)

__all__ = ["AlreadyExists", "LineMeta", "NotFound", "Repository", "StaleEdit", "Stored", "Summary",
           "database_url", "open_engine", "open_repository"]
__getattr__ = lazy_names(__name__, {name: "store.database" if name in ("database_url", "open_engine") else
                                    "store.repository" for name in __all__})
