"""Spreadsheet exports: the XLSX workbook opens with openpyxl and holds the grid, evidence and data."""

from __future__ import annotations

import csv

import openpyxl

from exports.spreadsheet import write_grid_csv, write_workbook
from framework import Evidence
from test_cli import ffgrid


def test_the_workbook_holds_every_relationship_with_scores_and_evidence(model, ew, tmp_path):
    line = ew.lines[0].model_copy(update={"evidence": (*ew.lines[0].evidence, Evidence(title="=HYPERLINK(1)"))})
    book = openpyxl.load_workbook(write_workbook(model, ew.model_copy(update={"lines": (line, *ew.lines[1:])}),
                                                 tmp_path / "g.xlsx"))
    assert book.sheetnames == ["About", "Grid", "Evidence", "Standards", "Recommendations", "Actions",
                               "Action history", "Targets", "Measures"]
    actions = list(book["Actions"].iter_rows(values_only=True))
    assert actions[0][:6] == ("number", "title", "owner", "due", "status", "status_date")
    assert [r[4] for r in actions[1:]] == ["in_progress", "completed", "completed", "not_started", "dropped"]
    assert all(r[-1] == "EXAMPLE, not official" for r in actions[1:])
    history = list(book["Action history"].iter_rows(values_only=True))
    assert len(history) - 1 == sum(len(a.history) for a in ew.plan.actions)
    targets = {r[0]: r for r in book["Targets"].iter_rows(min_row=2, values_only=True)}
    assert targets["victim-courts"][4:7] == (3, 2, 3)  # target 3+2, now 2+0: 3 points to gain
    grid = list(book["Grid"].iter_rows(values_only=True))
    header, rows = grid[0], grid[1:]
    assert {r[header.index("relationship")] for r in rows} == set(model.relationships)
    court = next(r for r in rows if r[header.index("relationship")] == "victim-courts")
    assert (court[header.index("framework")], court[header.index("action")], court[header.index("rating")]) == (
        2, 0, "RED")
    titles = [r[1] for r in book["Evidence"].iter_rows(min_row=2, values_only=True)]
    assert len(titles) == sum(len(ln.evidence) for ln in ew.lines) + 1
    assert "'=HYPERLINK(1)" in titles  # a formula in text stays text


def test_the_cli_exports_xlsx_with_data_and_provenance_and_csv(tmp_path):
    out = tmp_path / "grid.xlsx"
    assert ffgrid("export", "assessments/england-wales-2019.yaml", "-o", str(out),
                  env={"FFGRID_DB": str(tmp_path / "none.db")}).returncode == 0
    measures = {r[0]: r for r in openpyxl.load_workbook(out)["Measures"].iter_rows(min_row=2, values_only=True)}
    assert measures["uplift-rate"][7:10] == (73.6, "2018/19", "CPS Hate crime report 2018-19")  # from the data
    data = list(openpyxl.load_workbook(out)["Data"].iter_rows(values_only=True))
    assert {"source", "publication", "period", "value"} <= set(data[0]) and len(data) > 100
    csv_out = tmp_path / "grid.csv"
    assert ffgrid("export", "assessments/england-wales-2019.yaml", "-o", str(csv_out)).returncode == 0
    with csv_out.open(encoding="utf-8-sig") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == 36 and {"GREEN", "AMBER", "RED", "N/A"} <= {r["rating"] for r in rows}
    assert ffgrid("export", "assessments/england-wales-2019.yaml", "-o", str(tmp_path / "x.odt")).returncode == 2


def test_grid_csv_keeps_non_ascii_text(model, ew, tmp_path):
    path = write_grid_csv(model, ew, tmp_path / "grid.csv")
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")  # a BOM, for spreadsheet programs
    assert "Police forces of England and Wales – Crown Prosecution Service (CPS)" in path.read_text(encoding="utf-8-sig")


def test_the_countries_sheet_guards_formulas_in_headings_and_keeps_words_in_filled_cells(method, model, ew, tmp_path):
    from framework.profiles import blank_assessment
    from scoring.countries import compare_countries

    hu = blank_assessment(method, method.profiles["hu"], "2026", None, "test").model_copy(
        update={"country": "=HYPERLINK(1)"})
    comparison = compare_countries([(ew, model), (hu, method.for_assessment(hu))])
    book = openpyxl.load_workbook(write_workbook(model, ew, tmp_path / "c.xlsx", compare=comparison,
                                                 method=method.model))
    assert book.sheetnames[-1] == "Countries"
    sheet = book["Countries"]
    assert [c.value for c in sheet[1]] == ["Line", "Strand", "England & Wales 2019", "'=HYPERLINK(1) 2026"]
    assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)  # nothing runs as a formula
    words = {"● GREEN", "◆ AMBER", "▲ RED", "○ N/A", "– UNSCORED", "× ABSENT"}
    table = comparison.table(method.model)
    for i, row in enumerate(table.rows, start=2):
        assert sheet.cell(i, 1).value == row.line
        for j, cell in enumerate(row.cells, start=3):
            shown = sheet.cell(i, j)
            assert shown.value in words and shown.value == cell.text  # the word is always there
            filled = shown.fill.fgColor.rgb if shown.fill.fill_type == "solid" else None
            assert (filled is None) == (cell.rating == "unscored")
    assert [sheet.cell(len(table.rows) + 3 + k, 1).value for k in range(6)] == [
        f"Number of lines: {w}" for w in ("● GREEN", "◆ AMBER", "▲ RED", "○ N/A", "– UNSCORED", "× ABSENT")]


def test_a_workbook_holds_only_its_own_countrys_figures(method, tmp_path):
    from dashboard.statistics import read_tidy
    from framework.profiles import blank_assessment

    figures = read_tidy("source,publication,period,area,strand,measure,value\n"
                        "official:ODIHR,OSCE-ODIHR Hungary,2022,Hungary,all,recorded_by_police,120\n"
                        "police,Home Office bulletin,2022,England and Wales,all,recorded_offences,150000\n", "f.csv")
    hu = blank_assessment(method, method.profiles["hu"], "2026", None, "test")
    book = openpyxl.load_workbook(write_workbook(method.for_assessment(hu), hu, tmp_path / "hu.xlsx", figures=figures))
    data = [[c.value for c in row] for row in book["Data"].iter_rows()]
    assert any("OSCE-ODIHR Hungary" in row for row in data)
    assert not any("Home Office bulletin" in row or "England and Wales" in row for row in data)
