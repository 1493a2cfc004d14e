"""Spreadsheet exports: the XLSX workbook opens with openpyxl and holds the grid, evidence and data."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import openpyxl
import pytest

import cli
from dashboard.examples import example_figures
from dashboard.periods import period_start
from exports.report import marks
from exports.report_data import MEASURE_HEADINGS, SOURCE_HEADINGS
from exports.spreadsheet import write_grid_csv, write_workbook
from framework import ROOT, Evidence, load_assessment
from test_cli import ffgrid


def _table(sheet) -> tuple[tuple, list[tuple]]:  # type: ignore[no-untyped-def]
    """A sheet's headings and rows, below the line that marks a sample or draft (when there is one)."""
    rows = list(sheet.iter_rows(values_only=True))
    at = 1 if rows and rows[0][1:] and all(v is None for v in rows[0][1:]) and len(rows) > 1 and all(
        v is not None for v in rows[1][:2]) and rows[0][0] and ":" in str(rows[0][0]) else 0
    return rows[at], rows[at + 1:]


def _column(sheet, heading: str) -> list:  # type: ignore[no-untyped-def]
    headings, rows = _table(sheet)
    return [r[headings.index(heading)] for r in rows]


def test_the_workbook_holds_every_relationship_with_scores_and_evidence(model, ew, tmp_path):
    line = ew.lines[0].model_copy(update={"evidence": (*ew.lines[0].evidence, Evidence(title="=HYPERLINK(1)"))})
    book = openpyxl.load_workbook(write_workbook(model, ew.model_copy(update={"lines": (line, *ew.lines[1:])}),
                                                 tmp_path / "g.xlsx"))
    assert book.sheetnames == ["About", "Grid", "Evidence", "Standards", "Recommendations", "Actions",
                               "Action history", "Targets", "Measures"]
    headings, actions = _table(book["Actions"])
    assert headings[:6] == ("Action (number)", "Title", "Owner", "Due", "Status", "Status since")
    assert [r[4] for r in actions] == ["In progress", "Completed", "Completed", "Not started", "Dropped"]
    assert actions[0][2:4] == ("Courts of England and Wales (judiciary)", "31 March 2021")  # names, dates in words
    assert all(r[-1] == "SAMPLE PLAN: an example, not official" for r in actions)
    assert len(_table(book["Action history"])[1]) == sum(len(a.history) for a in ew.plan.actions)
    targets = {r[0]: r for r in _table(book["Targets"])[1]}
    # target 3+2, now 2+0: 3 points to gain
    assert targets["Victims – Courts of England and Wales (judiciary)"][1:6] == (2, 0, 3, 2, 3)
    headings, rows = _table(book["Grid"])
    assert set(_column(book["Grid"], "Relationship")) == {r.title for r in model.relationships.values()}
    court = next(r for r in rows if r[headings.index("Relationship")] == model.relationships["victim-courts"].title)
    assert (court[headings.index("Framework score (0-3)")], court[headings.index("Action score (0-3)")],
            court[headings.index("Rating")]) == (2, 0, "RED")
    titles = _column(book["Evidence"], "Title")
    assert len(titles) == sum(len(ln.evidence) for ln in ew.lines) + 1
    assert "'=HYPERLINK(1)" in titles  # a formula in text stays text


def test_the_cli_exports_xlsx_with_data_and_provenance_and_csv(tmp_path):
    out = tmp_path / "grid.xlsx"
    assert ffgrid("export", "assessments/england-wales-2019.yaml", "-o", str(out),
                  env={"FFGRID_DB": str(tmp_path / "none.db")}).returncode == 0
    book = openpyxl.load_workbook(out)
    headings, measures = _table(book["Measures"])
    assert headings[:6] == tuple(MEASURE_HEADINGS)  # as the PDF prints them
    uplift = next(r for r in measures if r[0] == "Convictions with a sentence uplift announced")
    assert uplift[1:6] == ("73.6% (2018/19)", "73.6% (2018/19)", "85% (2022/23)", "0%",
                           "CPS Hate crime report 2018-19")  # now: from the data, each value with its unit
    headings, data = _table(book["Data"])
    assert headings[:2] == SOURCE_HEADINGS[:2] and "Measure (unit)" in headings and len(data) > 100
    publications = set(_column(book["Data"], "Publication (edition)"))
    assert "CPS Hate crime report 2018-19" in publications
    assert set(_column(book["Data"], "Imported")) == {"bundled example data"}  # not a file name
    csv_out = tmp_path / "grid.csv"
    assert ffgrid("export", "assessments/england-wales-2019.yaml", "-o", str(csv_out)).returncode == 0
    with csv_out.open(encoding="utf-8-sig") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == 36 and {"GREEN", "AMBER", "RED", "N/A"} <= {r["rating"] for r in rows}
    assert ffgrid("export", "assessments/england-wales-2019.yaml", "-o", str(tmp_path / "x.odt")).returncode == 2


def _about(book) -> list[tuple]:  # type: ignore[no-untyped-def]
    return list(book.worksheets[0].iter_rows(min_row=2, values_only=True))  # About, in the workbook's language


def test_a_sample_plan_is_marked_on_the_about_sheet_and_on_every_sheet_of_the_plan(model, ew, tmp_path):
    assert ew.status == "published" and not ew.illustrative and ew.plan.illustrative
    book = openpyxl.load_workbook(write_workbook(model, ew, tmp_path / "g.xlsx", figures=example_figures()))
    about = _about(book)
    assert about[0][0] == "SAMPLE PLAN" == marks(ew)[1]  # the PDF's word, in the first row
    assert about[0][1].startswith("an example, not official")
    assert dict(about)["Sample plan"] == "yes: an example, not official"
    assert dict(about)["Illustrative example"] == "no"  # the assessment itself is the published one
    for name in ("Recommendations", "Actions", "Action history", "Targets", "Measures"):
        sheet = book[name]
        assert sheet["A1"].value == "SAMPLE PLAN: an example, not official", name  # above the table
        assert sheet.oddHeader.center.text == "SAMPLE PLAN", name  # printed on every page
        assert sheet.freeze_panes == "A3", name  # the mark and the headings stay in view
    for name in ("Grid", "Evidence", "Standards", "Data"):
        assert book[name]["A1"].value == _table(book[name])[0][0] and not book[name].oddHeader.center.text, name


def test_a_sample_draft_says_so_first_and_above_every_table(method, tmp_path):
    sample = load_assessment(ROOT / "assessments/england-wales-2024-illustrative.yaml", method)
    assert sample.illustrative and sample.status == "draft" and marks(sample)[0] == "SAMPLE · DRAFT"
    book = openpyxl.load_workbook(write_workbook(method.for_assessment(sample), sample, tmp_path / "s.xlsx"))
    about = _about(book)
    assert about[:2] == [("SAMPLE", "an illustrative example, not an official assessment"),
                         ("DRAFT", "not yet validated by a reviewer (draft)")]
    assert dict(about)["Illustrative example"] == "yes: an example, not an official assessment"
    said = ("SAMPLE: an illustrative example, not an official assessment; "
            "DRAFT: not yet validated by a reviewer (draft)")
    for sheet in book.worksheets[1:]:
        assert sheet["A1"].value == said and sheet["A1"].font.b, sheet.title
        assert sheet.oddHeader.center.text == "SAMPLE · DRAFT", sheet.title


CODES = ("pct_of_the_way", "conviction_rate_pct", "police_recorded_mean", "recorded_offences", "in_progress",
         "not_started", "cso:C", "cso:S", "official:O", "anti-grt", "anti-lgbt", "anti_grt", ".csv", "text_source",
         "na_reason", "grid_row", "target_framework", "baseline_period")


def _codes_in(book, model) -> list[str]:  # type: ignore[no-untyped-def]
    """Where a heading is a field name, or a cell shows an id or code instead of words."""
    ids = {*model.relationships, *model.actors, *model.clusters, *(s.id for s in model.framework.strands)}
    found = []
    for sheet in book:
        headings, rows = _table(sheet)
        found += [f"{sheet.title} heading {h!r}" for h in headings if h is not None and "_" in str(h)]
        for row in (headings, *rows):
            for value in row:
                text = str(value) if value is not None else ""
                found += [f"{sheet.title}: {text[:60]!r}" for code in CODES if code in text]
                found += [f"{sheet.title}: id {text!r}" for part in text.split(", ") if part in ids]
    return found


def test_no_heading_is_a_field_name_and_no_cell_a_code(model, ew, tmp_path):
    book = openpyxl.load_workbook(write_workbook(model, ew, tmp_path / "g.xlsx", figures=example_figures()))
    assert not _codes_in(book, model)
    strands = set(_column(book["Data"], "Strand"))
    assert {"All strands", "Race", "Sexual orientation"} <= strands and "sexual_orientation" not in strands
    assert "Community Security Trust" in set(_column(book["Data"], "Published by"))
    assert "Conviction rate (% of prosecutions completed)" in set(_column(book["Data"], "Measure (unit)"))
    assert "Framework score (0-3)" in _table(book["Grid"])[0]  # the unit in the heading


def test_the_figures_stop_at_the_data_cutoff_which_the_about_sheet_names(model, ew, tmp_path):
    figures = example_figures()
    assert (figures["period"] == "2023/24").any()  # the bundled figures go on past the assessment's date
    book = openpyxl.load_workbook(write_workbook(model, ew, tmp_path / "g.xlsx", figures=figures))
    periods = set(_column(book["Data"], "Period"))
    assert "2018/19" in periods and not periods & {"2019/20", "2020", "2023/24"}
    assert dict(_about(book))["Data cut-off"].startswith("figures for periods that start before 1 January 2019")
    earlier = ew.model_copy(update={"report": ew.report.model_copy(update={"data_cutoff": "2017-04"})})
    book = openpyxl.load_workbook(write_workbook(model, earlier, tmp_path / "e.xlsx", figures=figures))
    periods = set(_column(book["Data"], "Period"))
    assert {"2016/17", "2017"} <= periods and max(map(period_start, periods)) < date(2017, 4, 1)
    uplift = next(r for r in _table(book["Measures"])[1] if r[0] == "Convictions with a sentence uplift announced")
    assert uplift[2] == "53.5% (2016/17)"  # the latest figure before the cut-off, not the latest of all
    assert "1 April 2017" in dict(_about(book))["Data cut-off"]


@pytest.fixture(scope="module")
def hungarian(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A new Hungarian assessment, its workbook and grid CSV as `ffgrid export` writes them, and its workbook
    in English (`--language en`)."""
    tmp = tmp_path_factory.mktemp("hungarian")
    out = {"yaml": tmp / "hu.yaml", "xlsx": tmp / "hu.xlsx", "csv": tmp / "hu.csv", "en": tmp / "en.xlsx"}
    with pytest.MonkeyPatch.context() as mp:
        mp.delenv("DATABASE_URL", raising=False)
        mp.setenv("FFGRID_DB", str(tmp / "none.sqlite"))  # no database: the bundled example figures
        assert cli.main(["new", "--profile", "hu", "--date", "2026-03", "--author", "Kovács Zsófia",
                         "-o", str(out["yaml"])]) == 0
        for name in ("xlsx", "csv"):
            assert cli.main(["export", str(out["yaml"]), "-o", str(out[name])]) == 0
        assert cli.main(["export", str(out["yaml"]), "-o", str(out["en"]), "--language", "en"]) == 0
    return out


def test_a_new_hungarian_workbook_reads_in_words_in_hungarian(method, hungarian):
    hu = load_assessment(hungarian["yaml"], method)
    model = method.for_assessment(hu)
    book = openpyxl.load_workbook(hungarian["xlsx"])
    assert book.properties.language == "hu"
    assert book.sheetnames == ["Névjegy", "Táblázat", "Bizonyítékok", "Sztenderdek", "Ajánlások", "Intézkedések",
                               "Intézkedések története", "Célok", "Mutatók", "Adatok"]
    assert not _codes_in(book, model)
    about = _about(book)
    assert about[0] == ("TERVEZET", "ellenőr még nem hagyta jóvá (tervezet)")
    assert dict(about)["Ország"] == "Magyarország"
    assert dict(about)["Dátum"] == "2026. március"  # a date the Hungarian way
    assert dict(about)["Szerző"] == "Kovács Zsófia"
    assert dict(about)["Az adatok lezárásának dátuma"].startswith("a(z) 2026. március 1. előtt kezdődő időszakok")
    grid = book["Táblázat"]
    assert grid["A1"].value == "TERVEZET: ellenőr még nem hagyta jóvá (tervezet)"
    assert grid.oddHeader.center.text == "TERVEZET"
    headings = _table(grid)[0]
    assert {"Kapcsolat", "Keret-pontszám (0-3)", "Cselekvés-pontszám (0-3)", "Minősítés"} <= set(headings)
    assert set(_column(grid, "Minősítés")) == {"NINCS PONTOZVA"}  # the method's word, in Hungarian
    assert "Áldozatok – Országos Rendőr-főkapitányság" in set(_column(grid, "Kapcsolat"))  # a role, in Hungarian
    assert _table(book["Intézkedések"])[0][:4] == ("Intézkedés (szám)", "Cím", "Felelős", "Határidő")
    assert _table(book["Mutatók"])[0][:3] == ("Mutató", "Kiindulási érték", "Most")
    assert "Hungary" in set(_column(book["Adatok"], "Földrajzi terület"))  # its own figures
    assert any("(ODIHR)" in p for p in _column(book["Adatok"], "Kiadó"))  # the publisher, named
    assert set(_column(book["Adatok"], "Importálva")) == {"mellékelt példaadatok"}
    assert not {"About", "Grid", "Evidence", "Relationship", "Rating"} & {*book.sheetnames, *headings}


def test_the_language_asked_for_wins_and_the_grid_csv_speaks_the_assessments(hungarian):
    book = openpyxl.load_workbook(hungarian["en"])
    assert book.properties.language == "en" and book.sheetnames[:3] == ["About", "Grid", "Evidence"]
    assert set(_column(book["Grid"], "Rating")) == {"UNSCORED"} and dict(_about(book))["Date"] == "March 2026"
    with hungarian["csv"].open(encoding="utf-8-sig") as fh:
        rows = list(csv.DictReader(fh))
    assert list(rows[0])[:3] == ["grid_row", "relationship", "title"]  # its column names are for programs
    assert {r["rating"] for r in rows} == {"NINCS PONTOZVA"}  # its words, in the document's language


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
    book = openpyxl.load_workbook(write_workbook(method.for_assessment(hu), hu, tmp_path / "hu.xlsx", figures=figures,
                                                 language="en"))
    data = [[c.value for c in row] for row in book["Data"].iter_rows()]
    assert any("Hungary" in row for row in data)
    assert any("OSCE-ODIHR Hungary" in row for row in data)
    assert not any("Home Office bulletin" in row or "England and Wales" in row for row in data)
