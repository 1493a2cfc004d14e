"""`ffgrid bench report`: the whole `ffgrid report` command on the England & Wales assessment.

Timed as a user runs it on a fresh machine (a new process each time, no database, so the bundled
example figures make the data section; imports and chart rendering included), with the time inside
the process split into the data section's charts, the rest of the HTML, and WeasyPrint's layout and
PDF writing.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.timing import median_time
from dashboard.examples import example_figures
from exports.report import TEMPLATES, render_pdf, report_html
from exports.report_data import data_section
from framework import ASSESSMENTS_DIR, load_assessment, load_method

EW = ASSESSMENTS_DIR / "england-wales-2019.yaml"


def run(runs: int = 5) -> dict[str, float]:
    """Print and return the medians (seconds) and pages per second."""
    ffgrid = Path(sys.executable).with_name("ffgrid")
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "report.pdf"
        env = {**os.environ, "FFGRID_DB": str(Path(tmp) / "none.db"), "DATABASE_URL": ""}
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            subprocess.run([str(ffgrid), "report", str(EW), "-o", str(out)], check=True, capture_output=True, env=env)
            times.append(time.perf_counter() - start)
        page = Path(tmp) / "report.html"  # baseline: WeasyPrint's own command on the finished HTML
        method = load_method()
        ew = load_assessment(EW, method)
        page.write_text(report_html(method.for_assessment(ew), ew, example_figures()), encoding="utf-8")
        weasyprint = [str(ffgrid.with_name("weasyprint")), "-s", str(TEMPLATES / "report.css"),
                      "--allowed-protocols", "data", str(page), str(Path(tmp) / "baseline.pdf")]
        baseline = []
        for _ in range(runs):
            start = time.perf_counter()
            subprocess.run(weasyprint, check=True, capture_output=True)
            baseline.append(time.perf_counter() - start)
        pages = int(next(ln.split()[1] for ln in subprocess.run(["pdfinfo", str(out)], capture_output=True,
                                                                text=True).stdout.splitlines() if ln.startswith("Pages:")))
    method = load_method()
    assessment = load_assessment(EW, method)
    model = method.for_assessment(assessment)
    data = example_figures()
    html = report_html(model, assessment, data)
    section = data_section(data)
    figures = {"command": statistics.median(times),
               "charts": median_time(lambda: [b.svg() for b in section.blocks if b.chart], runs),
               "html": median_time(lambda: report_html(model, assessment, data), runs),
               "pdf": median_time(lambda: render_pdf(html), max(1, runs // 2))}
    print(f"ffgrid report (whole command, new process): {figures['command']:.2f} s median of {runs} "
          f"({', '.join(f'{t:.2f}' for t in times)}); {pages} pages, {pages / figures['command']:.1f} pages/s")
    figures["baseline"] = statistics.median(baseline)
    print(f"  baseline, the `weasyprint` command alone on the finished HTML (new process): {figures['baseline']:.2f} s; "
          f"ffgrid report takes {figures['command'] / figures['baseline']:.2f}x as long, everything included")
    print(f"  inside (warm): data charts as SVG {figures['charts']:.2f} s, whole HTML with the map and charts "
          f"{figures['html']:.2f} s, WeasyPrint layout + PDF {figures['pdf']:.2f} s")
    return figures
