"""`ffgrid bench report`: the whole `ffgrid report` command on the England & Wales assessment, against
WeasyPrint's own command on the same HTML with the same settings, and `ffgrid publish` (the web edition).

Timed as a user runs them on a fresh machine (a new process each time, no database, so the bundled
example figures make the data section; imports and chart rendering included), with the time inside
the process split into the data section's charts, the rest of the HTML, and WeasyPrint's layout and
PDF writing. The commands are this checkout's (`python -m cli`, the console script's body).
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from base.paths import ROOT
from bench.timing import median_time
from dashboard.examples import example_figures
from exports.report import TEMPLATES, render_pdf, report_html
from exports.report_data import data_section
from framework import ASSESSMENTS_DIR, load_assessment, load_method

EW = ASSESSMENTS_DIR / "england-wales-2019.yaml"
FFGRID = (sys.executable, "-m", "cli")  # what the `ffgrid` console script runs (`cli:run`), from this checkout
PDF_VARIANT = "pdf/ua-1"  # as render_pdf writes it: tagged


def _times(command: Sequence[str], runs: int, env: dict[str, str],
           before: Callable[[], object] | None = None) -> list[float]:
    """Wall time of `runs` runs of `command`, each a new process (`before` called first, untimed)."""
    out = []
    for _ in range(runs):
        if before is not None:
            before()
        start = time.perf_counter()
        subprocess.run(list(command), check=True, capture_output=True, env=env, cwd=ROOT)
        out.append(time.perf_counter() - start)
    return out


def _pdfinfo(pdf: Path) -> tuple[int, str]:
    """A PDF's number of pages and whether it is tagged ("yes" or "no"), as pdfinfo says."""
    info = dict(ln.split(":", 1) for ln in subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True,
                                                          check=True).stdout.splitlines() if ":" in ln)
    return int(info["Pages"]), info.get("Tagged", "no").strip()


def _listed(times: list[float]) -> str:
    return ", ".join(f"{t:.2f}" for t in times)


def run(runs: int = 5, breakdown: bool = True) -> dict[str, float]:
    """Print and return the medians (seconds), their ratios and pages per second; with `breakdown`,
    also the time inside a warm process of the data charts, the HTML and WeasyPrint."""
    with tempfile.TemporaryDirectory() as tmp:
        out, site = Path(tmp) / "report.pdf", Path(tmp) / "site"
        env = {**os.environ, "FFGRID_DB": str(Path(tmp) / "none.db"), "DATABASE_URL": ""}
        times = _times([*FFGRID, "report", str(EW), "-o", str(out)], runs, env)
        page = Path(tmp) / "report.html"  # baseline: WeasyPrint's own command on the finished HTML
        method = load_method()
        ew = load_assessment(EW, method)
        page.write_text(report_html(method.for_assessment(ew), ew, example_figures()), encoding="utf-8")
        baseline_pdf = Path(tmp) / "baseline.pdf"
        weasyprint = [str(Path(sys.executable).with_name("weasyprint")), "-s", str(TEMPLATES / "report.css"),
                      "--allowed-protocols", "data", "--pdf-variant", PDF_VARIANT, str(page), str(baseline_pdf)]
        baseline = _times(weasyprint, runs, env)
        publish = _times([*FFGRID, "publish", str(EW), "-o", str(site)], runs, env,
                         before=lambda: shutil.rmtree(site, ignore_errors=True))
        (pages, tagged), (baseline_pages, baseline_tagged) = _pdfinfo(out), _pdfinfo(baseline_pdf)
        site_files = sum(1 for p in site.rglob("*") if p.is_file())
    figures = {"command": statistics.median(times), "baseline": statistics.median(baseline),
               "publish": statistics.median(publish), "pages": float(pages)}
    if breakdown:
        figures |= _inside(runs)
    figures |= {"ratio": figures["command"] / figures["baseline"], "pages_per_s": pages / figures["command"],
                "baseline_pages_per_s": baseline_pages / figures["baseline"],
                "publish_ratio": figures["publish"] / figures["command"]}
    print(f"ffgrid report (whole command, new process): {figures['command']:.2f} s median of {runs} "
          f"({_listed(times)}); {pages} pages, {figures['pages_per_s']:.1f} pages/s; tagged: {tagged}")
    print(f"  baseline, the `weasyprint` command alone on the finished HTML (new process, same stylesheet, "
          f"--pdf-variant {PDF_VARIANT} as render_pdf): {figures['baseline']:.2f} s median of {runs} "
          f"({_listed(baseline)}); {baseline_pages} pages, {figures['baseline_pages_per_s']:.1f} pages/s; "
          f"tagged: {baseline_tagged}")
    print(f"  ratio report/baseline: {figures['ratio']:.2f} (ffgrid report takes {figures['ratio']:.2f}x as long "
          "as WeasyPrint alone, everything included)")
    print(f"ffgrid publish (web edition, whole command, new process): {figures['publish']:.2f} s median of {runs} "
          f"({_listed(publish)}); {site_files} files; ratio publish/report: {figures['publish_ratio']:.2f}")
    if breakdown:
        print(f"  inside (warm): data charts as SVG {figures['charts']:.2f} s, whole HTML with the map and charts "
              f"{figures['html']:.2f} s, WeasyPrint layout + PDF {figures['pdf']:.2f} s")
    return figures


def _inside(runs: int) -> dict[str, float]:
    """Medians (seconds) of the report's parts in this (warm) process."""
    method = load_method()
    assessment = load_assessment(EW, method)
    model = method.for_assessment(assessment)
    data = example_figures()
    html = report_html(model, assessment, data)
    section = data_section(data)
    return {"charts": median_time(lambda: [b.svg() for b in section.blocks if b.chart], runs),
            "html": median_time(lambda: report_html(model, assessment, data), runs),
            "pdf": median_time(lambda: render_pdf(html), max(1, runs // 2))}
