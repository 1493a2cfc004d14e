"""Test helpers: editing YAML copies and finding lines."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

import yaml


def edit_yaml(path: Path, change: Callable[[Any], Any]) -> Path:
    """Load a YAML file, let `change` edit the data in place, write it back."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def line_number(text: str, needle: str) -> int:
    """1-based line of the first line containing `needle`."""
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


# Work for tests/base/test_bounded.py, run in a worker process (which imports it by module name).

def allocate(megabytes: int) -> int:
    """Take `megabytes` of memory and give back its size."""
    return len(bytearray(megabytes << 20))


def wait(seconds: float) -> tuple[float, float]:
    """Sleep; returns when it started and ended (CLOCK_MONOTONIC, the same in every process)."""
    import time

    start = time.monotonic()
    time.sleep(seconds)
    return start, time.monotonic()


def refuse(file: str) -> None:
    """Raise the refusal a bad data file gets."""
    from dashboard.problems import ImportRefused, RowProblem

    raise ImportRefused([RowProblem(file, 3, "strands", "names no strand"), RowProblem(file, 5, "lat", "too far")])
