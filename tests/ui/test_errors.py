"""An unexpected failure, as the server is configured in production (`client.showErrorDetails` none):
the person reads what happened in words with a reference, the traceback goes to the server log only."""

from __future__ import annotations

import logging
import re
import sqlite3

import streamlit as st


def _break(db_file) -> None:
    """Overwrite the database as a full or failing disk leaves it (its write-ahead log, which holds the
    latest pages, written into it first, as SQLite does at a checkpoint)."""
    with sqlite3.connect(db_file) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db_file.write_bytes(b"this is not a database " * 100)


def test_a_broken_database_gives_words_and_a_reference_and_the_log_the_traceback(app, db_file, caplog):
    at = app("ui/overview.py")
    st.set_option("client.showErrorDetails", "none")
    try:
        _break(db_file)
        with caplog.at_level(logging.ERROR, logger="ffgrid"):
            at.run()
    finally:
        st.set_option("client.showErrorDetails", "full")
    assert not at.exception  # no traceback on screen
    [error] = [e.value for e in at.error]
    assert error.startswith("The database could not be read or written (the disk may be full")
    reference = re.search(r"reference \*\*([0-9a-f]{8})\*\*", error).group(1)
    assert "Traceback" not in error and ".py" not in error and "sqlite" not in error.lower()
    [record] = [r for r in caplog.records if r.name == "ffgrid"]
    assert reference in record.getMessage() and record.exc_info is not None


def test_in_development_the_details_are_shown_too(app, db_file):
    at = app("ui/overview.py")
    _break(db_file)
    at.run()
    assert at.exception  # error details "full": Streamlit shows the traceback as well
    assert any("reference" in e.value for e in at.error)
