"""Uploaded figures (bytes, as a browser sends them) read and validated like files on disk, within the
limits of `dashboard.limits`, which are checked before any parser sees the bytes (case records:
`dashboard.cases.cases_from_bytes`)."""

from __future__ import annotations

import pandas as pd

from dashboard.limits import MAX_FIGURE_ROWS, MAX_FIGURES_BYTES, check_csv, text_of
from dashboard.mapping import apply_mapping, mapping_from_bytes
from dashboard.statistics import read_tidy

def figures_from_upload(data: bytes, name: str, mapping: bytes | None = None,
                        mapping_name: str = "mapping") -> pd.DataFrame:
    """Tidy figures from an uploaded CSV (through a column mapping, given as YAML bytes, for a wide table)."""
    check_csv(data, name, MAX_FIGURES_BYTES, MAX_FIGURE_ROWS)
    if mapping is None:
        return read_tidy(text_of(data, name), name)
    return apply_mapping(text_of(data, name), mapping_from_bytes(mapping, mapping_name), name)
