"""Where the database is, from the environment alone (no database library imported: the CLI asks this
before it knows whether it needs one)."""

from __future__ import annotations

import os
from pathlib import Path

from base.paths import ROOT

__all__ = ["database_url", "default_sqlite", "sqlite_file"]


def default_sqlite(environ: os._Environ[str] | dict[str, str] = os.environ) -> Path:
    """The SQLite file used when nothing is set: var/ffgrid.db in a source checkout; for an installed
    copy, ffgrid/ffgrid.db under $XDG_DATA_HOME (~/.local/share), never inside site-packages."""
    if (ROOT / "pyproject.toml").is_file():
        return ROOT / "var" / "ffgrid.db"
    return Path(environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share") / "ffgrid" / "ffgrid.db"


def database_url(environ: dict[str, str] | None = None) -> str:
    """`DATABASE_URL` if set (e.g. PostgreSQL), else a SQLite file at `FFGRID_DB` or var/ffgrid.db."""
    env = os.environ if environ is None else environ
    if env.get("DATABASE_URL"):
        url = env["DATABASE_URL"]
        return "postgresql+psycopg://" + url.split("://", 1)[1] if url.startswith(("postgres://", "postgresql://")) else url
    return f"sqlite:///{Path(env.get('FFGRID_DB') or default_sqlite(env)).resolve()}"


def sqlite_file(url: str) -> Path | None:
    """The file of a `sqlite:///PATH` URL; None for another database (or an in-memory one)."""
    if not url.startswith("sqlite:///") or url.endswith(":memory:"):
        return None
    return Path(url.removeprefix("sqlite:///").split("?", 1)[0])
