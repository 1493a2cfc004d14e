"""Limits on data files, checked before any parser reads them: bytes, rows, columns and, for Parquet,
what its metadata says the data holds (rows, decoded size, column types).

A file over a limit is refused whole with `ImportRefused`, naming the file and the limit (in the current
language: the app's reader's, or the command's).
"""

from __future__ import annotations

import io
import re

import pyarrow as pa
import pyarrow.parquet as pq

from base.i18n import _, number
from dashboard.problems import ImportRefused, RowProblem

MB = 1 << 20
MAX_FIGURES_BYTES = 50 * MB  # a CSV of figures (national statistics are far smaller)
MAX_CASES_BYTES = 200 * MB  # a CSV or Parquet file of case records
MAX_MAPPING_BYTES = 1 * MB  # a column mapping (YAML)
MAX_FIGURE_ROWS = 200_000
MAX_CASE_ROWS = 1_000_000
MAX_COLUMNS = 200
MAX_DECODED_BYTES = 512 * MB  # what a Parquet file may hold once decoded


def refuse(file: str, message: str) -> ImportRefused:
    """A refusal of the whole file."""
    return ImportRefused([RowProblem(file, None, "", message)])


def text_of(data: bytes, file: str) -> str:
    """The bytes as UTF-8 text (a byte-order mark dropped); anything else is refused, never replaced."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise refuse(file, _("is not UTF-8 text (byte {byte})").format(byte=number(err.start))) from None


def check_size(size: int, limit: int, file: str) -> None:
    """Refuse a file of more than `limit` bytes (checked on the server, whatever the browser allowed)."""
    if size > limit:
        raise refuse(file, _("is {size} MB; at most {limit} MB may be imported").format(size=number(size / MB, 1),
                                                                                   limit=number(limit / MB, 0)))


def check_csv(data: bytes, file: str, max_bytes: int, max_rows: int) -> None:
    """Refuse a CSV over the size or with more lines than `max_rows` rows could need."""
    check_size(len(data), max_bytes, file)
    lines = max(data.count(b"\n"), data.count(b"\r")) + (not data.endswith((b"\n", b"\r")))  # \r alone: old Mac CSV
    if lines > max_rows + 1:  # + the header; quoted line breaks only make rows fewer than lines
        raise refuse(file, _("has up to {rows} rows; at most {limit} may be imported at once").format(
            rows=number(lines - 1), limit=number(max_rows)))
    header = re.split(rb"[\r\n]", data, maxsplit=1)[0]
    if header.count(b",") + 1 > MAX_COLUMNS:  # quoted commas only make columns fewer than commas
        raise refuse(file, _("has up to {columns} columns; at most {limit} are read").format(
            columns=number(header.count(b",") + 1), limit=number(MAX_COLUMNS)))


def _nested(kind: pa.DataType) -> bool:
    return pa.types.is_nested(kind) or pa.types.is_dictionary(kind) and pa.types.is_nested(kind.value_type)


def check_parquet(data: bytes, file: str, max_bytes: int = MAX_CASES_BYTES, max_rows: int = MAX_CASE_ROWS) -> None:
    """Refuse a Parquet file from its metadata alone: over the size, rows, columns or decoded size, or
    with list, struct or map columns (a table of records has plain values)."""
    check_size(len(data), max_bytes, file)
    try:
        meta = pq.ParquetFile(io.BytesIO(data)).metadata
        schema = meta.schema.to_arrow_schema()
    except MemoryError:
        raise
    except (pa.ArrowException, OSError, ValueError) as err:
        raise refuse(file, _("not a readable Parquet file ({reason})").format(reason=err)) from None
    if meta.num_rows == 0:
        raise refuse(file, _("has no rows of data"))
    if meta.num_rows > max_rows:
        raise refuse(file, _("has {rows} rows; at most {limit} may be imported at once").format(
            rows=number(meta.num_rows), limit=number(max_rows)))
    if meta.num_columns > MAX_COLUMNS:
        raise refuse(file, _("has {columns} columns; at most {limit} are read").format(
            columns=number(meta.num_columns), limit=number(MAX_COLUMNS)))
    if nested := [f.name for f in schema if _nested(f.type)]:
        raise ImportRefused([RowProblem(file, None, name, _("holds lists or records; a column holds plain values"))
                             for name in nested])
    decoded = sum(meta.row_group(i).total_byte_size for i in range(meta.num_row_groups))
    # dictionary-encoded columns decode to a value per row: at least 8 bytes a cell once in memory
    check_decoded(max(decoded, meta.num_rows * meta.num_columns * 8), file)


def decoded_bytes(table: pa.Table) -> int:
    """About how many bytes the table's values take once each is its own (dictionaries expanded)."""
    total = 0
    for chunk in (c for column in table.columns for c in column.chunks):
        if pa.types.is_dictionary(chunk.type):
            values = chunk.dictionary
            total += (values.nbytes // max(len(values), 1) + 8) * len(chunk)
        else:
            total += chunk.nbytes
    return total


def check_decoded(size: int, file: str) -> None:
    """Refuse data that holds more than MAX_DECODED_BYTES once decoded (as estimated, or as read)."""
    if size > MAX_DECODED_BYTES:
        raise refuse(file, _("holds about {size} MB once decoded; at most {limit} MB may be imported at once").format(
            size=number(size / MB, 0), limit=number(MAX_DECODED_BYTES / MB, 0)))
