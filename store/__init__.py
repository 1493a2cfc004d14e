"""Persistence: assessments in a relational database (SQLite by default, PostgreSQL for teams)."""

from store.database import database_url, open_engine
from store.repository import AlreadyExists, LineMeta, NotFound, Repository, StaleEdit, Stored, Summary, open_repository

__all__ = [
    "AlreadyExists", "LineMeta", "NotFound", "Repository", "StaleEdit", "Stored", "Summary",
    "database_url", "open_engine", "open_repository",
]
