"""The country report built step by step into a `ReportBuild` (the PDF, then the editable DOCX), with
the code `ffgrid report` runs (`write_report`), so that a page can run it in a background thread and
show its progress and outcome on its next runs."""

from __future__ import annotations

import tempfile
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from exports.report import write_report
from framework import Assessment, Model
from framework.review import Comment

PDF_STEP = "Rendering the PDF pages (the text, the grid, the systems map and the data charts)"
DOCX_STEP = "Writing the editable Word version"
STEPS = (PDF_STEP, DOCX_STEP)


@dataclass
class ReportBuild:
    """One build of an assessment's report at one revision: where it is, and what it made or why it
    failed (in words). Written by the thread that builds it, read by the page."""

    revision: int
    started: float = field(default_factory=time.monotonic)
    step: str = "Waiting to start"
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
    """Write the report into `build`: the PDF first (offered as soon as it is ready), then the DOCX."""
    comments = list(comments)
    with tempfile.TemporaryDirectory() as tmp:
        for n, (step, suffix) in enumerate(zip(STEPS, (".pdf", ".docx"))):
            build.step = step
            made = write_report(model, assessment, Path(tmp) / f"report{suffix}", figures=figures,
                                comments=comments, previous=previous).read_bytes()
            setattr(build, suffix[1:], made)
            build.steps_done = n + 1
    build.step = "Done"
