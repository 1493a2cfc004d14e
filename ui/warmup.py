"""An app process's one-time work, done in the background as soon as the server starts (serve.py), or
else when it serves its first page, instead of in the first signed-in session's page runs.

What it does: import the modules the pages draw with (pandas, networkx, Graphviz's wrapper, the
Markdown renderer, Streamlit's emoji table behind pills and segmented controls, the report's
WeasyPrint), load the method, open the database (migrated and seeded), store the bundled figures and
case records if they are not there yet, and score and draw the map of every stored assessment. Each
step fills a cache the pages read anyway (`st.cache_resource` / `st.cache_data`), so a page that comes
first simply waits for the step, and nothing is done twice. Nothing here is per user.
"""

from __future__ import annotations

import importlib
import logging
import threading
import time
from collections.abc import Callable

import streamlit as st
from streamlit import runtime

log = logging.getLogger("ffgrid")

MODULES = ("pandas", "networkx", "graphviz", "base.rich_text", "streamlit.emojis", "access.workspace",
           "ui.components", "ui.review", "exports.report")
LATER = ("weasyprint", "docx")  # only the Reports page needs them; imported once the rest is done

_started = threading.Event()
THREAD = "ffgrid-warm-up"


def warm_up(log_step: Callable[[str, float], None] = lambda step, s: None, *first: Callable[[], object]) -> None:
    """Do the one-time work now, step by step (`log_step` is told each step's name and seconds), after
    the callables in `first` (e.g. the sign-in page's database)."""
    from ui import state

    def step(name: str, work: Callable[[], object]) -> None:
        start = time.perf_counter()
        work()
        log_step(name, time.perf_counter() - start)

    for work in first:
        step(getattr(work, "__name__", "first"), work)
    step("imports", lambda: [importlib.import_module(m) for m in MODULES])
    step("the method", state.method)
    step("the database (migrations, bundled assessments)", state.repository)
    step("accounts", state.accounts)
    step("the figures", state.figures_frame)
    step("the case records", state.case_store)
    step("the scores and maps of every assessment", _maps)
    step("the report's modules", lambda: [importlib.import_module(m) for m in LATER])


def _maps() -> None:
    """Each stored assessment scored and its Overview map drawn (Graphviz runs as its own process)."""
    from ui.components import map_of
    from ui.state import repository, stored

    for summary in repository().list():
        current, lines, m = stored(summary.id)
        map_of(m, lines, plan=current.assessment.plan, key=False)


def start(*first: Callable[[], object]) -> None:
    """Start `warm_up` in a background thread, once per process (the server's start, else its first
    page); not under AppTest (each test starts from its own database, and warming one would only race it)."""
    if _started.is_set() or st.get_option("global.appTest"):
        return
    _started.set()
    threading.Thread(target=_run, args=first, name=THREAD, daemon=True).start()


class _NotThisThread(logging.Filter):
    """Streamlit warns that a thread has no script run context each time one uses a cache: true here,
    and harmless (the caches are the process's), so not logged for this thread."""

    def filter(self, record: logging.LogRecord) -> bool:
        return record.threadName != THREAD


def _serving() -> bool:
    """Whether this process has Streamlit's own runtime (AppTest puts a stand-in in place while it runs)."""
    return runtime.exists() and type(runtime.Runtime.instance()) is runtime.Runtime


def _run(*first: Callable[[], object]) -> None:
    logging.getLogger("streamlit.runtime.scriptrunner_utils.script_run_context").addFilter(_NotThisThread())
    deadline = time.monotonic() + 60
    while not _serving() and time.monotonic() < deadline:  # started from the server's lifespan: the
        time.sleep(0.05)  # caches belong to Streamlit's runtime, which is made just after
    if not _serving():  # no server after all (e.g. a script run that outlived its AppTest): nothing to warm
        return
    start_at = time.perf_counter()
    try:
        warm_up(lambda step, s: log.info("warm-up: %s in %.2f s", step, s), *first)
    except Exception:  # the pages do the same work again and show any error in words
        log.exception("warm-up failed; the pages will do this work themselves")
    else:
        log.info("warm-up done in %.2f s", time.perf_counter() - start_at)
