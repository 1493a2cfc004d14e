"""Backing up and restoring the SQLite database with SQLite's online backup API.

Copying the `.db` file is not a backup: in WAL mode the latest changes may still be in the `-wal`
file beside it. The backup API copies a consistent snapshot of the whole database, also while the
app is writing to it, into one self-contained file. A restore copies such a file into the
configured database in one transaction, after checking that it is an ffgrid database at a migration
this version knows, and migrates it to this version's schema at once; anything wrong and nothing is
changed. Restart the app after a restore: it keeps what it read by revision number. PostgreSQL is
backed up with its own tools (`pg_dump`, `pg_restore`).
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import make_url

from store.database import MIGRATIONS, open_engine


class BackupRefused(Exception):
    """The backup or restore was not done, and nothing was changed (the message says why)."""


class Unreadable(BackupRefused):
    """The file to restore from cannot be read as a SQLite database."""


@dataclass(frozen=True)
class Copied:
    """What a backup or restore copied: the revision of the schema, assessments and bytes."""

    revision: str
    assessments: int
    bytes: int


def sqlite_path(url: str) -> Path:
    """The file of a SQLite database URL; BackupRefused (with what to do instead) for any other database."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        plain = parsed.set(drivername="postgresql").render_as_string(hide_password=True)
        raise BackupRefused(
            "the database is PostgreSQL: back it up with its own tools, which also work while the app runs:\n"
            f"  pg_dump --format=custom --file=ffgrid.dump '{plain}'\n"
            "and restore into an empty database with\n"
            f"  pg_restore --no-owner --exit-on-error --single-transaction --dbname='{plain}' ffgrid.dump")
    if not parsed.database or parsed.database == ":memory:":
        raise BackupRefused("the database is in memory: there is no file to back up or restore")
    return Path(parsed.database)


def known_revisions() -> set[str]:
    """Every migration revision this version of ffgrid has (any of them can be upgraded to the latest)."""
    from alembic.script import ScriptDirectory

    return {s.revision for s in ScriptDirectory(str(MIGRATIONS)).walk_revisions()}


def _open(path: Path, read_only: bool) -> sqlite3.Connection:
    """A connection to an existing SQLite file (never creating one), with a timeout for a busy writer."""
    mode = "ro" if read_only else "rw"
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode={mode}", uri=True, timeout=30, isolation_level=None)


def _describe(conn: sqlite3.Connection, name: str) -> Copied:
    """The revision and number of assessments of an ffgrid database; Unreadable or BackupRefused if it is not one."""
    try:
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        check = conn.execute("PRAGMA quick_check").fetchone()[0]
    except sqlite3.DatabaseError as err:
        raise Unreadable(f"{name} is not a SQLite database ({err}); nothing was changed") from None
    if check != "ok":
        raise Unreadable(f"{name} is damaged (SQLite's check says: {check}); nothing was changed")
    if not {"alembic_version", "assessments"} <= tables:
        raise BackupRefused(f"{name} is a SQLite database but not an ffgrid database (it has no ffgrid tables); "
                            "nothing was changed")
    revision = (conn.execute("SELECT version_num FROM alembic_version").fetchone() or ("",))[0]
    if revision not in known_revisions():
        raise BackupRefused(f"{name} is an ffgrid database at migration {revision or '(none)'}, which this version "
                            "of ffgrid does not know (made by a newer version?); nothing was changed")
    count = conn.execute("SELECT count(*) FROM assessments").fetchone()[0]
    size = conn.execute("PRAGMA page_count").fetchone()[0] * conn.execute("PRAGMA page_size").fetchone()[0]
    return Copied(revision, count, size)


def backup(url: str, target: Path, force: bool = False) -> Copied:
    """Copy the SQLite database at `url` into the file `target` (one file, no `-wal` beside it), also
    while the app is using it. An existing `target` is replaced only with `force`, and only when the
    copy is complete (it is written beside it, then renamed)."""
    source_path = sqlite_path(url)
    if not source_path.is_file():
        raise BackupRefused(f"there is no database at {source_path} to back up")
    if target.exists() and not force:
        raise BackupRefused(f"{target} exists; use --force to replace it")
    with closing(_open(source_path, read_only=False)) as source:
        found = _describe(source, str(source_path))
        fd, partial = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".partial", dir=target.parent)
        os.close(fd)
        try:
            with closing(sqlite3.connect(partial, isolation_level=None)) as copy:
                source.backup(copy)  # a consistent snapshot, WAL included
                copy.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
            os.replace(partial, target)
        except BaseException:
            Path(partial).unlink(missing_ok=True)
            raise
    return Copied(found.revision, found.assessments, target.stat().st_size)


def is_empty(path: Path) -> bool:
    """Whether the SQLite file is missing, or holds no rows in any table (a migrated but unused database)."""
    if not path.is_file() or path.stat().st_size == 0:
        return True
    with closing(_open(path, read_only=True)) as conn:
        tables = [row[0] for row in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "AND name != 'alembic_version'")]
        return not any(conn.execute(f'SELECT 1 FROM "{t}" LIMIT 1').fetchone() for t in tables)


def restore(source: Path, url: str, force: bool = False) -> Copied:
    """Replace the SQLite database at `url` with the ffgrid database in the file `source`, in one
    transaction: either all of it is restored or nothing changes. A database that holds anything is
    replaced only with `force`. The file is checked first (SQLite, not damaged, ffgrid's tables, a
    known migration; an older one is migrated to this version's schema right after)."""
    target_path = sqlite_path(url)
    if not source.is_file():
        raise Unreadable(f"there is no file {source} to restore from; nothing was changed")
    with closing(_open(source, read_only=True)) as src:
        found = _describe(src, str(source))
        if target_path.exists() and target_path.resolve() == source.resolve():
            raise BackupRefused(f"{source} is the database itself; nothing was changed")
        if not force and not is_empty(target_path):
            raise BackupRefused(f"the database at {target_path} is not empty; use --force to replace it "
                                "(back it up first); nothing was changed")
        target_path.parent.mkdir(parents=True, exist_ok=True)
        with closing(sqlite3.connect(target_path, timeout=30, isolation_level=None)) as dst:
            dst.execute("PRAGMA busy_timeout=30000")
            try:
                src.backup(dst)  # one step: one write transaction on the database, rolled back on failure
            except sqlite3.Error as err:
                raise BackupRefused(f"the database at {target_path} could not be replaced ({err}); "
                                    "nothing was changed") from None
            dst.execute("PRAGMA journal_mode=WAL")  # as the app uses it
    open_engine(url).dispose()  # an older backup migrated now, so that a running app finds every table
    return found

