"""Statistics in the tidy layout (`source, publication, period, area, strand, measure, value, note`).

Every row is checked before anything is accepted: a file with any bad row is refused whole, with
each problem named by the row's line number in the file (the header is line 1).
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd

from base.i18n import N_, _
from dashboard.problems import ImportRefused, RowProblem
from dashboard.vocabulary import strands

COLUMNS = ("source", "publication", "period", "area", "strand", "measure", "value", "note")
REQUIRED = COLUMNS[:-1]
KEY = ("source", "publication", "period", "area", "strand", "measure")
PATTERNS = {
    "source": (r"^(police|prosecution|courts|survey|(cso|official):\S.*)$",
               N_("should be police, prosecution, courts, survey, cso:<organisation> or official:<body>")),
    "period": (r"^\d{4}(/\d{2})?(-\d{4}(/\d{2})?)?$",
               N_("should be a year (2018), a financial year (2018/19) or a range (2015/16-2017/18)")),
    "measure": (r"^[a-z][a-z0-9_]*$", N_("should be a lower-case id such as recorded_offences")),
}
MAX_TEXT = 500


def read_csv_text(text: str, file: str) -> tuple[pd.DataFrame, pd.Series]:
    """A CSV as text columns only (nothing guessed, empty cells as ''), and each row's line number.

    Line numbers count blank lines and line breaks inside quoted cells, as an editor shows them.
    """
    try:
        frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False, skipinitialspace=True)
    except (pd.errors.ParserError, pd.errors.EmptyDataError, csv.Error) as err:
        raise ImportRefused([RowProblem(file, None, "", _("not a readable CSV file: {reason}").format(
            reason=err))]) from err
    if frame.empty:
        raise ImportRefused([RowProblem(file, None, "", _("has no rows of data"))])
    reader, starts, start = csv.reader(io.StringIO(text)), [], 1
    try:
        for row in reader:
            if row:
                starts.append(start)
            start = reader.line_num + 1
    except csv.Error as err:
        raise ImportRefused([RowProblem(file, reader.line_num, "", _("not a readable CSV file: {reason}").format(
            reason=err))]) from err
    lines = starts[1:] if len(starts) == len(frame) + 1 else range(2, len(frame) + 2)
    return frame, pd.Series(list(lines), index=frame.index)


def validate_tidy(frame: pd.DataFrame, file: str, rows: pd.Series | None = None) -> pd.DataFrame:
    """Check tidy rows; returns them typed (value as float) or raises ImportRefused listing every problem.

    `rows` gives each row's line number in the original file (default: position + 2).
    """
    missing = [c for c in REQUIRED if c not in frame.columns]
    if missing:
        raise ImportRefused([RowProblem(file, None, c, _("required column is missing")) for c in missing])
    unknown = [c for c in frame.columns if c not in COLUMNS]
    if unknown:
        raise ImportRefused([RowProblem(file, None, c, _("unknown column (expected {columns})").format(
            columns=", ".join(COLUMNS)))
                             for c in unknown])
    df = frame.reindex(columns=list(COLUMNS), fill_value="").astype(str).apply(lambda c: c.str.strip())
    line = pd.Series(range(2, len(df) + 2), index=df.index) if rows is None else rows.set_axis(df.index)
    problems: list[RowProblem] = []

    def flag(mask: pd.Series, column: str, message: str) -> None:
        problems.extend(RowProblem(file, int(n), column, message) for n in line[mask])

    for column in REQUIRED:
        flag(df[column] == "", column, _("is empty"))
    for column, (pattern, message) in PATTERNS.items():
        flag((df[column] != "") & ~df[column].str.fullmatch(pattern), column, _(message))
    for column, longest in (("publication", MAX_TEXT), ("area", MAX_TEXT), ("note", MAX_TEXT), ("source", MAX_TEXT),
                            ("period", 30), ("strand", 60), ("measure", 120)):
        flag(df[column].str.len() > longest, column, _("is longer than {n} characters").format(n=longest))
    known = set(strands())
    bad_strand = (df["strand"] != "") & ~df["strand"].isin(known)
    problems.extend(RowProblem(file, int(n), "strand", _("unknown strand {strand} (see dashboard/strands.yaml)").format(
        strand=repr(s)))
                    for n, s in zip(line[bad_strand], df["strand"][bad_strand]))
    value = pd.to_numeric(df["value"], errors="coerce")
    bad_value = (df["value"] != "") & (value.isna() | ~value.abs().lt(float("inf")))
    problems.extend(RowProblem(file, int(n), "value", _("{value} is not a number").format(value=repr(v)))
                    for n, v in zip(line[bad_value], df["value"][bad_value]))
    twice = df.duplicated(list(KEY), keep="first")
    flag(twice, "", _("the same figure (source, publication, period, area, strand, measure) is given twice"))
    if problems:
        raise ImportRefused(problems)
    return df.assign(value=value.astype(float)).reset_index(drop=True)


def read_tidy(source: Path | str, file: str | None = None) -> pd.DataFrame:
    """Read and validate a tidy CSV file (a path, or the text itself when `file` names it)."""
    if isinstance(source, Path):
        file, text = file or str(source), source.read_text(encoding="utf-8")
    else:
        text = source
    name = file or "<text>"
    frame, lines = read_csv_text(text, name)
    return validate_tidy(frame, name, rows=lines)
