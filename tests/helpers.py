"""Test helpers: editing YAML copies and finding lines."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, Callable

import pandas as pd
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


class _Table(HTMLParser):
    """The cells of an HTML table, row by row, and the relationship each row's link opens."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[str]] = []
        self.links: list[str] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self._cell = []
        elif tag == "a" and (rid := dict(attrs).get("data-rid")):
            self.links.append(rid)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None:
            self.rows[-1].append("".join(self._cell))
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def open_figures(at):  # type: ignore[no-untyped-def]
    """Open every chart's "Figures as a table" (its table and CSV are made only when opened), run again."""
    for expander in at.expander:
        key = expander.proto.id.split("-", 2)[-1]
        if key.startswith("table-"):
            at.session_state[key] = True
    return at.run()


def grid_of(at) -> pd.DataFrame:  # type: ignore[no-untyped-def]
    """The Overview's grid as a reader sees it (the grid component's table), with each row's relationship
    id (its link) as `id`."""
    (grid,) = [json.loads(c.proto.json) for c in at.get("bidi_component") if "ffgrid-grid" in c.proto.json]
    table = _Table()
    table.feed(grid["html"])
    head, *rows = table.rows
    return pd.DataFrame(rows, columns=head).assign(id=table.links)


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
