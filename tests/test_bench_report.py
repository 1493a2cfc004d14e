"""`ffgrid bench report` times this checkout's report and publish commands against WeasyPrint's own
command with render_pdf's settings (tagged PDF/UA-1), and prints the ratios and pages per second."""

from __future__ import annotations

import re

from test_cli import ffgrid


def test_bench_report_compares_like_with_like_and_times_publish():
    result = ffgrid("bench", "report", "--runs", "1", "--no-breakdown")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    report, baseline = (ln for ln in out.splitlines() if ln.startswith(("ffgrid report", "  baseline")))
    pages = [int(n) for n in re.findall(r"(\d+) pages, [\d.]+ pages/s", out)]
    assert len(pages) == 2 and pages[0] == pages[1] > 40  # the same report, page for page
    assert report.endswith("tagged: yes") and baseline.endswith("tagged: yes")  # both PDF/UA-1
    assert "--pdf-variant pdf/ua-1" in baseline
    assert float(re.search(r"ratio report/baseline: ([\d.]+)", out)[1]) > 0
    publish = re.search(r"ffgrid publish .*: ([\d.]+) s median of 1 .*?(\d+) files; ratio publish/report: ([\d.]+)", out)
    assert publish and float(publish[1]) > 0 and int(publish[2]) > 10 and float(publish[3]) > 0
    assert "inside (warm)" not in out  # left out: the production run prints it
