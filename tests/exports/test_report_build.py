"""The worker processes that write report files for the app end with the app's process, even when it
is killed (they would otherwise hold its output open and stay behind)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from base.paths import ROOT

STARTS_A_WORKER_THEN_DIES = """
import os
from exports import report_build
report_build.worker_pool().submit(int).result()
print(*report_build.worker_pool()._processes, flush=True)
os.kill(os.getpid(), 9)
"""


def _running(pid: int) -> bool:
    status = Path(f"/proc/{pid}/status")
    try:
        return "\nState:\tZ" not in status.read_text()
    except FileNotFoundError:
        return False


def test_a_report_worker_ends_when_the_app_process_is_killed():
    done = subprocess.run([sys.executable, "-c", STARTS_A_WORKER_THEN_DIES], capture_output=True, text=True,
                          cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
    workers = [int(p) for p in done.stdout.split()]
    assert done.returncode == -9 and workers, done.stderr
    deadline = time.monotonic() + 20
    while any(_running(p) for p in workers):
        assert time.monotonic() < deadline, "a report worker outlived the app's process"
        time.sleep(0.2)
