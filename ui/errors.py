"""What a person sees when a page fails unexpectedly: what happened in words and a reference to give
the administrator. The traceback goes to the server's log only, unless the server is configured to
show error details (`client.showErrorDetails` "full" or "stacktrace", for development), when
Streamlit shows it as well."""

from __future__ import annotations

import logging
import secrets

import streamlit as st
from sqlalchemy.exc import DBAPIError

from base.i18n import _

log = logging.getLogger("ffgrid")


def what_happened(err: Exception, otherwise: str | None = None) -> str:
    """What an unexpected error means, in words (`otherwise` where it is nothing known)."""
    if isinstance(err, DBAPIError):
        return _("The database could not be read or written (the disk may be full, or the database server down).")
    if isinstance(err, MemoryError):
        return _("The server ran short of memory.")
    return otherwise or _("The page met an error.")


def show_unexpected(err: Exception) -> None:
    """Log `err` with a reference, tell the person in words; re-raise it where details are to be shown."""
    reference = secrets.token_hex(4)
    log.error("unexpected error, reference %s", reference, exc_info=err)
    st.error(_("{what} Nothing more of this step was saved. If it happens again, give your administrator the "
               "reference **{reference}**: the details are in the server's log.").format(
        what=what_happened(err), reference=reference), icon=":material/error:")
    if st.get_option("client.showErrorDetails") in ("full", "stacktrace", True, "true"):
        raise err
