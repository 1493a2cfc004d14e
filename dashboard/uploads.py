"""Uploaded data files (bytes, as a browser sends them) read and validated like files on disk."""

from __future__ import annotations

import io

import pandas as pd

from dashboard.cases import validate_cases
from dashboard.mapping import apply_mapping, mapping_from_text
from dashboard.problems import ImportRefused, RowProblem
from dashboard.statistics import read_csv_text, read_tidy


def _text(data: bytes, name: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise ImportRefused([RowProblem(name, None, "", "is not UTF-8 text")]) from err


def figures_from_upload(data: bytes, name: str, mapping_text: str | None = None,
                        mapping_name: str = "mapping") -> pd.DataFrame:
    """Tidy figures from an uploaded CSV (through a column mapping for a wide table)."""
    text = _text(data, name)
    if mapping_text is None:
        return read_tidy(text, name)
    return apply_mapping(text, mapping_from_text(mapping_text, mapping_name), name)


def cases_from_upload(data: bytes, name: str) -> pd.DataFrame:
    """Case records from an uploaded CSV or Parquet file."""
    if name.lower().endswith(".parquet"):
        try:
            frame = pd.read_parquet(io.BytesIO(data))
        except (OSError, ValueError) as err:
            raise ImportRefused([RowProblem(name, None, "", f"not a readable Parquet file: {err}")]) from err
        return validate_cases(frame, name)
    frame, lines = read_csv_text(_text(data, name), name)
    return validate_cases(frame, name, rows=lines)
