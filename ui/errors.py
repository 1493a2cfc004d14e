"""What a person sees when a page fails unexpectedly: what happened in words and a reference to give
the administrator. The traceback goes to the server's log only, unless the server is configured to
show error details (`client.showErrorDetails` "full" or "stacktrace", for development), when
Streamlit shows it as well."""

from __future__ import annotations

import logging
import secrets

import streamlit as st
from sqlalchemy.exc import DBAPIError

log = logging.getLogger("ffgrid")


def what_happened(err: Exception, otherwise: str = "The page met an error.") -> str:
    """What an unexpected error means, in words (`otherwise` where it is nothing known)."""
    if isinstance(err, DBAPIError):
        return "The database could not be read or written (the disk may be full, or the database server down)."
    if isinstance(err, MemoryError):
        return "The server ran short of memory."
    return otherwise


def show_unexpected(err: Exception) -> None:
    """Log `err` with a reference, tell the person in words; re-raise it where details are to be shown."""
    reference = secrets.token_hex(4)
    log.error("unexpected error, reference %s", reference, exc_info=err)
    st.error(f"{what_happened(err)} Nothing more of this step was saved. If it happens again, give your administrator "
             f"the reference **{reference}**: the details are in the server's log.", icon=":material/error:")
    if st.get_option("client.showErrorDetails") in ("full", "stacktrace", True, "true"):
        raise err
