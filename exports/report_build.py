"""The country report built step by step into a `ReportBuild` (the PDF, then the editable DOCX), with
the code `ffgrid report` runs (`write_report`), so that a page can run it in a background thread and
show its progress and outcome on its next runs.

Each file is written in a worker process (a pool of spawned processes, children of the app's process
that end with it, which import the report's modules as they start): the layout is CPU-bound Python, which in a thread of the app's process
would hold the interpreter lock against every other page run, and take the app's process three
times as long besides. A worker uses the machine's other core and leaves the app's process free.
"""

from __future__ import annotations

import importlib
import multiprocessing
import os
import tempfile
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from base.i18n import N_
from exports.report import write_report
from framework import Assessment, Model
from framework.review import Comment

PDF_STEP = N_("Rendering the PDF pages (the text, the grid, the systems map and the data charts)")
DOCX_STEP = N_("Writing the editable Word version")  # each step's words (translate with _ where shown)
STEPS = (PDF_STEP, DOCX_STEP)
WORKERS = 2  # report files written at once (per app process)
PRELOAD = ("exports.report", "exports.docx_report", "weasyprint", "docx")  # imported as a worker starts

_pool: ProcessPoolExecutor | None = None
_pool_lock = threading.Lock()


def worker_pool() -> ProcessPoolExecutor:
    """The processes that write report files (started on first use; `warm_up` starts them early)."""
    global _pool
    with _pool_lock:
        if _pool is None:
            _pool = ProcessPoolExecutor(max_workers=WORKERS, mp_context=multiprocessing.get_context("spawn"),
                                        initializer=_preload)
        return _pool


def _preload() -> None:
    """A new worker's first step: end with the app's process (a worker would otherwise outlive it if it
    were killed), then import the report's modules before any file is asked for."""
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1)
        os._exit(1)

    threading.Thread(target=watch, name="ffgrid-worker-watch", daemon=True).start()
    for name in PRELOAD:
        importlib.import_module(name)


def start_workers() -> None:
    """Start the worker processes now, without waiting (a page that may build a report calls it)."""
    worker_pool().submit(int)


def _write(suffix: str, model: Model, assessment: Assessment, figures: pd.DataFrame | None,
           comments: list[Comment], previous: Assessment | None, language: str | None = None) -> bytes:
    """One report file's bytes, as `ffgrid report -o report{suffix} [--language L]` writes it (run in a worker)."""
    with tempfile.TemporaryDirectory() as tmp:
        return write_report(model, assessment, Path(tmp) / f"report{suffix}", figures=figures, comments=comments,
                            previous=previous, language=language).read_bytes()


def write_in_worker(suffix: str, model: Model, assessment: Assessment, figures: pd.DataFrame | None,
                    comments: list[Comment], previous: Assessment | None, language: str | None = None) -> bytes:
    """`_write` in a worker process; waits for it (a pool whose worker died is started afresh next time)."""
    global _pool
    try:
        return worker_pool().submit(_write, suffix, model, assessment, figures, comments, previous,
                                    language).result()
    except BrokenProcessPool:
        with _pool_lock:
            _pool = None
        raise


@dataclass
class ReportBuild:
    """One build of an assessment's report at one revision: where it is, and what it made or why it
    failed (in words). Written by the thread that builds it, read by the page."""

    revision: int
    language: str | None = None  # the documents' language (None: the assessment's)
    started: float = field(default_factory=time.monotonic)
    step: str = N_("Waiting to start")  # in English (translate with _ where shown)
    steps_done: int = 0
    pdf: bytes | None = None
    docx: bytes | None = None
    error: str | None = None
    finished: float | None = None

    @property
    def running(self) -> bool:
        return self.finished is None

    @property
    def seconds(self) -> float:
        """How long it has taken so far (or took)."""
        return (self.finished or time.monotonic()) - self.started


def build_report(build: ReportBuild, model: Model, assessment: Assessment, figures: pd.DataFrame | None,
                 comments: Iterable[Comment] = (), previous: Assessment | None = None) -> None:
    """Write the report into `build` in a worker process, in the build's language: the PDF first (offered
    as soon as it is ready), then the DOCX."""
    comments = list(comments)
    for n, (step, suffix) in enumerate(zip(STEPS, (".pdf", ".docx"))):
        build.step = step
        setattr(build, suffix[1:], write_in_worker(suffix, model, assessment, figures, comments, previous,
                                                   build.language))
        build.steps_done = n + 1
    build.step = N_("Done")
