"""The one CSV writer: text a spreadsheet would run as a formula is guarded, numbers stay numbers."""

from __future__ import annotations

import csv
import io

import pandas as pd

from exports.csv_text import csv_bytes, csv_text, guard_cell, guard_formulas
from exports.spreadsheet import write_workbook

HOSTILE = ['=HYPERLINK("http://x")', "+1", "-2+3", "@SUM(A1)", "\tcmd", "\r=1"]


def test_text_starting_a_formula_is_prefixed_and_other_text_is_not():
    assert [guard_cell(v) for v in HOSTILE] == ["'" + v for v in HOSTILE]
    assert [guard_cell(v) for v in ("plain", "a=b", "", "2024-01-01", "'=x")] == [
        "plain", "a=b", "", "2024-01-01", "'=x"]
    assert guard_cell("-5") == "'-5"  # text that looks like a negative number: guarded (OWASP), it is text


def test_numeric_columns_negative_numbers_included_stay_numbers():
    frame = pd.DataFrame({"lon": [-1.5, 0.25], "records": [-3, 12], "note": ["-2+3", "fine"],
                          "mixed": [-7, "=1"]})
    guarded = guard_formulas(frame)
    assert guarded["lon"].dtype == float and guarded["records"].dtype == "int64"
    assert guarded["lon"].tolist() == [-1.5, 0.25] and guarded["records"].tolist() == [-3, 12]
    assert guarded["note"].tolist() == ["'-2+3", "fine"]
    assert guarded["mixed"].tolist() == [-7, "'=1"]  # a number in a text column is still a number
    assert frame["note"].tolist() == ["-2+3", "fine"]  # the caller's frame is not changed
    rows = list(csv.reader(io.StringIO(csv_text(frame))))
    assert rows[1:] == [["-1.5", "-3", "'-2+3", "-7"], ["0.25", "12", "fine", "'=1"]]


def test_csv_bytes_are_utf8_with_a_bom_and_parse_back():
    data = csv_bytes(pd.DataFrame({"title": ["Law enforcement – courts", "=cmd"], "n": [1, 2]}))
    assert data.startswith(b"\xef\xbb\xbf")
    back = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig")
    assert back["title"].tolist() == ["Law enforcement – courts", "'=cmd"] and back["n"].tolist() == [1, 2]


def test_the_workbook_and_the_csv_share_one_guard(model, ew, tmp_path):
    import openpyxl

    from framework import Evidence

    line = ew.lines[0].model_copy(update={"evidence": (Evidence(title="\tcmd", note="=1+1"),)})
    hostile = ew.model_copy(update={"lines": (line, *ew.lines[1:])})
    book = openpyxl.load_workbook(write_workbook(model, hostile, tmp_path / "g.xlsx"))
    cells = [c for sheet in book for row in sheet.iter_rows() for c in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]  # no formula anywhere
    assert "'\tcmd" in {c.value for c in cells}  # the tab guard reaches the workbook too


def test_the_cli_score_csv_and_grid_csv_are_guarded(tmp_path):
    from test_cli import ffgrid

    from framework import ROOT

    text = (ROOT / "assessments/england-wales-2019.yaml").read_text(encoding="utf-8")
    hostile = tmp_path / "hostile.yaml"
    hostile.write_text(text.replace("na_reason: 'The grid rates", "na_reason: '=HYPERLINK(1) The grid rates", 1),
                       encoding="utf-8")
    scored = ffgrid("score", str(hostile), "--format", "csv")
    assert scored.returncode == 0, scored.stderr
    rows = list(csv.DictReader(io.StringIO(scored.stdout)))
    assert [r["na_reason"][:14] for r in rows if r["na_reason"]] == ["'=HYPERLINK(1)"]
    assert all(r["total"].lstrip("-").isdigit() or r["total"] == "" for r in rows)  # numbers, as before
    out = tmp_path / "grid.csv"
    assert ffgrid("export", str(hostile), "-o", str(out)).returncode == 0
    assert "'=HYPERLINK(1)" in out.read_text(encoding="utf-8-sig")
