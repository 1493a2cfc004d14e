"""Work done ahead, in the background: what a person is likely to ask for next (the dashboard's other
strands), computed into the pages' own caches while they read. One job at a time for the whole process;
a newer request (anyone's) drops the jobs of the one before that have not started: what is looked at now
comes first, and a busy server does no more work than one person's."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor

from ui.warmup import serving

log = logging.getLogger("ffgrid")

THREAD = "ffgrid-ahead"
_pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix=THREAD)
_latest = [0]  # the newest request's number
_lock = threading.Lock()


def ahead(work: Callable[..., object], calls: Iterable[Sequence[object]]) -> None:
    """Call `work(*args)` for each of `calls` in the background, in order, unless a newer `ahead` comes
    first; only under Streamlit's own server (not under AppTest, nor in a script run that outlived its
    AppTest: a test's page shows what it computed itself, and nothing else runs)."""
    if not serving():
        return
    with _lock:
        _latest[0] += 1
        request = _latest[0]
    for args in calls:
        _pool.submit(_run, request, work, tuple(args))


def _run(request: int, work: Callable[..., object], args: tuple[object, ...]) -> None:
    if _latest[0] != request:  # the person has moved on
        return
    try:
        work(*args)
    except Exception:  # the page computes it again when asked, and says what went wrong in words
        log.exception("work done ahead failed; the page will do it when asked")


def following(options: Sequence[object], current: object) -> list[object]:
    """The options after `current`, in the order a person steps through them (wrapping round), without it."""
    at = options.index(current) if current in options else -1
    return [*options[at + 1:], *options[:max(at, 0)]]
