"""An app process's one-time work, done in the background as soon as the server starts (serve.py), or
else when it serves its first page, instead of in the first signed-in session's page runs.

What it does, first: import the modules the pages draw with (Graphviz's wrapper, the Markdown renderer,
Streamlit's emoji table behind pills and segmented controls), load the method, open the database
(migrated and seeded), and score and draw the map of every stored assessment: what the first page, the
Overview, shows (without pandas). Then, once the first page has run and none has for a moment since (so
that it does not slow down the first person's page, its files and its messages): store the bundled
figures and case records if they are not there yet, import the report's modules (WeasyPrint among
them), and set the objects alive by then aside from the garbage collector (`gc.freeze`).

Each step fills a cache the pages read anyway (`st.cache_resource` / `st.cache_data`), so a page that
comes first simply waits for the step, and nothing is done twice. Nothing here is per user.
"""

from __future__ import annotations

import functools
import gc
import importlib
import logging
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import streamlit as st
from streamlit import runtime

log = logging.getLogger("ffgrid")

MODULES = ("graphviz", "base.rich_text", "streamlit.emojis", "access.workspace",
           "ui.components", "ui.review", "ui.map_view")
LATER = ("exports.report", "weasyprint", "docx")  # the Reports page's
QUIET = 1.5  # seconds without a page run before a later step starts
MOST = 30.0  # seconds a later step waits for quiet at most (a busy server is warmed all the same)
SERVER_WAIT = 60.0  # seconds the warm-up waits for Streamlit's runtime (made just after the server's start)

_started = threading.Event()
THREAD = "ffgrid-warm-up"
_runs: list = [0, None]  # page runs going on now, and when the last one ended (time.monotonic; None: none yet)
_runs_lock = threading.Lock()


def warm_up(log_step: Callable[[str, float], None] = lambda step, s: None, *first: Callable[[], object],
            pause: Callable[[], None] = lambda: None) -> None:
    """Do the one-time work now, step by step (`log_step` is told each step's name and seconds), after
    the callables in `first` (e.g. the sign-in page's database); `pause` is called before each step that
    the first page does not need."""

    def step(name: str, work: Callable[[], object]) -> None:
        start = time.perf_counter()
        work()
        log_step(name, time.perf_counter() - start)

    for work in first:  # first, before the imports: the browser's first request waits for it
        step(getattr(work, "__name__", "first"), work)
    from ui import state

    step("Streamlit's check for a console", _console_check)
    step("imports", lambda: [importlib.import_module(m) for m in MODULES])
    step("the method", state.method)
    step("the database (migrations, bundled assessments)", state.repository)
    step("accounts", state.accounts)
    step("the scores and maps of every assessment", _maps)
    for name, work in (("the figures", state.figures_frame), ("the case records", state.case_store),
                       ("the report's modules", lambda: [importlib.import_module(m) for m in LATER]),
                       ("the long-lived objects set aside", _freeze)):
        pause()
        step(name, work)


@contextmanager
def page_run() -> Iterator[None]:
    """Mark a page run of this process (the later steps of the warm-up wait while pages run)."""
    with _runs_lock:
        _runs[0] += 1
    try:
        yield
    finally:
        with _runs_lock:
            _runs[0] -= 1
            _runs[1] = time.monotonic()


def fragment(func: Callable[..., None] | None = None, *, run_every: float | None = None) -> Callable[..., None]:
    """`st.fragment`, each of its own reruns marked as a page run (a filter change reruns only its fragment,
    not the page, and the warm-up's later steps must wait for it all the same)."""

    def counted(body: Callable[..., None]) -> Callable[..., None]:
        @functools.wraps(body)
        def run(*args: object, **kwargs: object) -> None:
            with page_run():
                body(*args, **kwargs)

        return st.fragment(run, run_every=run_every)

    return counted(func) if func is not None else counted  # type: ignore[return-value]


def wait_for_quiet(quiet: float = QUIET, most: float = MOST) -> None:
    """Return once a page has run and none has for `quiet` seconds since, or after `most` seconds. (Before
    the first page, a browser is most likely loading it: the later steps would slow it down.)"""
    deadline = time.monotonic() + most
    while time.monotonic() < deadline:
        with _runs_lock:
            running, last = _runs
        if not running and last is not None and time.monotonic() - last >= quiet:
            return
        time.sleep(0.1)


def _console_check() -> None:
    """Streamlit asks once per process, as the first element is sent, whether it runs in a console: by
    reading the source of every frame of the calling stack, which is a page run's deep stack (0.2 s) unless
    it is asked here first, on this thread's short one. (It answers no, and prints nothing under a server.)"""
    from streamlit import delta_generator

    getattr(delta_generator, "_maybe_print_use_warning", lambda: None)()


def _freeze() -> None:
    """Collect once, then move every object alive now (modules, the method, caches) out of the garbage
    collector's way: its later full passes walk only what the pages make since, not the whole process."""
    gc.collect()
    gc.freeze()


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
    """Streamlit warns that a thread has no script run context each time one uses a cache: true of this
    thread and of the work done ahead (ui/ahead.py), and harmless (the caches are the process's), so not
    logged for them."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.threadName.startswith("ffgrid-")


def serving() -> bool:
    """Whether this process has Streamlit's own runtime (AppTest puts a stand-in in place while it runs)."""
    return runtime.exists() and type(runtime.get_instance()) is runtime.Runtime


def _run(*first: Callable[[], object]) -> None:
    logging.getLogger("streamlit.runtime.scriptrunner_utils.script_run_context").addFilter(_NotThisThread())
    deadline = time.monotonic() + SERVER_WAIT
    while not serving() and time.monotonic() < deadline:  # started from the server's lifespan: the
        time.sleep(0.05)  # caches belong to Streamlit's runtime, which is made just after
    if not serving():  # no server after all (e.g. a script run that outlived its AppTest): nothing to warm
        return
    start_at = time.perf_counter()
    try:
        warm_up(lambda step, s: log.info("warm-up: %s in %.2f s", step, s), *first, pause=wait_for_quiet)
    except Exception:  # the pages do the same work again and show any error in words
        log.exception("warm-up failed; the pages will do this work themselves")
    else:
        log.info("warm-up done in %.2f s", time.perf_counter() - start_at)
