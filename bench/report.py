"""`ffgrid bench report`: the whole `ffgrid report` command on the England & Wales assessment.

Timed as a user runs it (a new process each time, imports and chart rendering included), with the
time inside the process split into building the HTML and WeasyPrint's layout and PDF writing.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.timing import median_time
from exports.report import render_pdf, report_html
from framework import ASSESSMENTS_DIR, load_assessment, load_model

EW = ASSESSMENTS_DIR / "england-wales-2019.yaml"


def run(runs: int = 5) -> dict[str, float]:
    """Print and return the medians (seconds) and pages per second."""
    ffgrid = Path(sys.executable).with_name("ffgrid")
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "report.pdf"
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            subprocess.run([str(ffgrid), "report", str(EW), "-o", str(out)], check=True, capture_output=True)
            times.append(time.perf_counter() - start)
        pages = int(next(ln.split()[1] for ln in subprocess.run(["pdfinfo", str(out)], capture_output=True,
                                                                text=True).stdout.splitlines() if ln.startswith("Pages:")))
    model = load_model()
    assessment = load_assessment(EW, model)
    html = report_html(model, assessment)
    figures = {"command": statistics.median(times), "html": median_time(lambda: report_html(model, assessment), runs),
               "pdf": median_time(lambda: render_pdf(html), max(1, runs // 2))}
    print(f"ffgrid report (whole command, new process): {figures['command']:.2f} s median of {runs} "
          f"({', '.join(f'{t:.2f}' for t in times)}); {pages} pages, {pages / figures['command']:.1f} pages/s")
    print(f"  inside: HTML with the map {figures['html']:.2f} s, WeasyPrint layout + PDF {figures['pdf']:.2f} s")
    return figures
