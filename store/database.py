"""Where the database is, how to connect to it, and bringing its schema up to date (Alembic)."""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.exc import OperationalError, ProgrammingError
from sqlalchemy.engine import make_url

from base.db_location import database_url

MIGRATIONS = Path(__file__).parent / "migrations"
_LOCK_ID = 0x66666772  # "ffgr": one migration at a time across app processes on PostgreSQL


def open_engine(url: str | None = None, migrate: bool = True, pool_size: int = 5) -> Engine:
    """An engine for the database at `url` (default: `database_url()`), its schema migrated to head;
    `pool_size` connections are kept open to a server database."""
    url = url or database_url()
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": 30})
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
    else:
        engine = create_engine(url, pool_pre_ping=True, pool_size=pool_size)
    if migrate and not at_head(engine):
        upgrade(engine)
    return engine


@cache
def head_revision() -> str | None:
    """The newest migration's revision id, read from the migration files (without importing Alembic,
    which takes a second); None where the files do not form one straight line."""
    revisions: dict[str, object] = {}
    for path in (MIGRATIONS / "versions").glob("*.py"):
        values = {t.id: node.value for node in ast.parse(path.read_text(encoding="utf-8")).body
                  if isinstance(node, ast.Assign) for t in node.targets if isinstance(t, ast.Name)}
        if not isinstance(values.get("revision"), ast.Constant):
            return None
        revisions[values["revision"].value] = getattr(values.get("down_revision"), "value", ())
    heads = set(revisions) - set(revisions.values())
    return next(iter(heads)) if len(heads) == 1 and all(isinstance(d, (str, type(None))) for d in revisions.values()) \
        else None


def at_head(engine: Engine) -> bool:
    """Whether the database's schema is at the newest migration already (one cheap query), so that
    opening it needs no Alembic run: the usual case at every start but the first after an upgrade."""
    head = head_revision()
    if head is None:
        return False
    try:
        with engine.connect() as conn:
            return [r[0] for r in conn.execute(text("SELECT version_num FROM alembic_version"))] == [head]
    except (OperationalError, ProgrammingError):  # no such table yet: a new database
        return False


def _sqlite_pragmas(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
    dbapi_connection.isolation_level = None  # SQLAlchemy, not the driver, starts transactions (below)
    cur = dbapi_connection.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA journal_mode=WAL")  # readers in other processes are not blocked by a writer
    cur.execute("PRAGMA busy_timeout=30000")
    cur.close()


def _sqlite_begin(conn) -> None:  # type: ignore[no-untyped-def]
    # Every transaction is a real one, so the reads of one `get` see one snapshot; writers take the
    # write lock up front (BEGIN IMMEDIATE) and queue, instead of failing half-way on a busy database.
    conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get(WRITE) else "BEGIN")


WRITE = "ffgrid_write"  # execution option: this transaction will write


def writer(engine: Engine) -> Engine:
    """The engine for transactions that write (on SQLite they take the write lock when they begin)."""
    return engine.execution_options(**{WRITE: True})


def lock(conn, key: str) -> None:  # type: ignore[no-untyped-def]
    """Serialise writers of one thing (e.g. a publication) across processes for this transaction.

    SQLite writers already queue (BEGIN IMMEDIATE); PostgreSQL takes a transaction advisory lock.
    """
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(hashtext(:key))"), {"key": key})


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Run the Alembic migrations up to `revision` (serialised across processes on PostgreSQL)."""
    from alembic import command  # only when migrating: it is slow to import
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with writer(engine).connect() as conn:
        # On SQLite a migration that alters a table copies it to a new one and drops the old: with
        # foreign keys enforced, that drop would cascade (every assignment went with the users table).
        # So they are off while migrating (Alembic's advice; only outside a transaction) and checked after.
        raw = conn.connection.dbapi_connection if conn.dialect.name == "sqlite" else None
        if raw is not None:
            raw.execute("PRAGMA foreign_keys=OFF")
        try:
            with conn.begin():
                if conn.dialect.name == "postgresql":
                    conn.execute(text("SELECT pg_advisory_xact_lock(:id)"), {"id": _LOCK_ID})
                config.attributes["connection"] = conn
                command.upgrade(config, revision)
                if raw is not None and conn.exec_driver_sql("PRAGMA foreign_key_check").first() is not None:
                    raise RuntimeError("the migration left rows that point at nothing; it was rolled back")
        finally:
            if raw is not None:
                raw.execute("PRAGMA foreign_keys=ON")
