"""`ffgrid bench app` prints every figure with its baseline from the same run, their ratio and whether
the figure meets its target (the browser runs themselves are the benchmark, not a test)."""

from __future__ import annotations

from bench.app import FIGURES, summary


def test_each_figure_is_printed_with_its_baseline_ratio_and_target():
    results = {"cold_ffgrid": [6.0, 5.0, 7.0], "cold_bare": [2.0, 2.5, 3.0], "warm_ffgrid": [1.2], "warm_bare": [0.5],
               "save_to_map": [0.25], "click_bare": [0.1], "report_pdf": [6.0], "cli_pdf": [5.5],
               "warm_sign_in": [0.6], "filter_bundled": [0.4], "filter_bare": [0.2]}
    out = "\n".join(summary(results))
    assert "cold start to the Overview, signed in before (cookie): 6.00 s (runs: 6.00, 5.00, 7.00)" in out
    assert "baseline, bare page, cold start: 2.50 s" in out
    assert "ratio 2.40, difference +3.50 s; target within 2x the bare page: NOT met" in out
    assert "ratio 2.40, difference +0.70 s; target within the bare page + 0.5 s: NOT met" in out
    assert "target within 0.3 s: met" in out
    assert "ratio 1.09, difference +0.50 s; target within 1.2x the command: met" in out
    assert "Reports page, Build click to the DOCX offered too: not measured in this run" in out
    assert "the password check included: 0.60 s" in out
    assert "records: 0.40 s (runs: 0.40)" in out and "ratio 2.00, difference +0.20 s; target within 0.5 s: met" in out
    assert "1,000,000 records: not measured in this run" in out
    assert len([f for f in FIGURES if f.name in out]) == len(FIGURES)
