"""The one CSV writer for every export, with the guard against formula (CSV) injection.

A spreadsheet program takes a cell starting with `=`, `+`, `-` or `@` (and, per OWASP's CSV injection
guidance, a tab or a carriage return) for a formula, so stored text such as a reviewer's comment
`=HYPERLINK(...)` would come out live. Such text is prefixed with `'`, which makes it plain text.
Only text is guarded: numbers, negative ones included, stay numbers. The XLSX workbook uses the
same guard (`guard_formulas`).
"""

from __future__ import annotations

import pandas as pd

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def guard_cell(value: object) -> object:
    """Text a spreadsheet would run as a formula, prefixed with `'`; anything else unchanged."""
    return "'" + value if isinstance(value, str) and value.startswith(FORMULA_START) else value


def guard_formulas(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame with every text cell guarded (numeric columns are left as they are)."""
    text = [i for i, kind in enumerate(frame.dtypes) if not (pd.api.types.is_numeric_dtype(kind)
                                                             or pd.api.types.is_datetime64_any_dtype(kind))]
    if not text:
        return frame
    guarded = frame.copy()
    for i in text:
        guarded.isetitem(i, guarded.iloc[:, i].map(guard_cell))
    return guarded


def csv_text(frame: pd.DataFrame) -> str:
    """The frame as guarded CSV text, without an index. Rows end in CRLF as RFC 4180 has it, so that text
    holding a carriage return is quoted (pandas quotes only text holding its line ending: with \n alone,
    a lone \r would split the row)."""
    return guard_formulas(frame).to_csv(index=False, lineterminator="\r\n")


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """The frame as guarded CSV, UTF-8 with a byte-order mark (so spreadsheet programs read accents right)."""
    return csv_text(frame).encode("utf-8-sig")
