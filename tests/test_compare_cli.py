"""`ffgrid compare` and `--compare` in `export`: several countries side by side, as JSON, CSV, a table
and a workbook sheet; two assessments of one country carry their moves."""

from __future__ import annotations

import csv
import io
import json
import warnings
from pathlib import Path

import openpyxl
import pytest

from conftest import EW_2019
from framework import ROOT
from scoring import compare, score_assessment
from test_cli import ffgrid

EW_2024 = ROOT / "assessments" / "england-wales-2024-illustrative.yaml"
EW_2019_OLD_IDS = ROOT / "tests" / "fixtures" / "england-wales-2019-method-2019.1.yaml"
HU_SCORES = """lines:
  - {relationship: police-prosecution, framework: 3, action: 3}
  - {relationship: victim-courts, framework: 0, action: 1}
  - relationship: csos-ministries
    strands:
      - {strand: antisemitism, framework: 2, action: 1}
"""
RATINGS = {"green", "amber", "red", "n/a", "unscored", "absent"}


@pytest.fixture(scope="module")
def blanks(tmp_path_factory) -> tuple[Path, Path]:
    """A blank Spanish assessment and a Hungarian one with three lines scored, made with `ffgrid new`."""
    folder = tmp_path_factory.mktemp("countries")
    es, hu = folder / "es.yaml", folder / "hu.yaml"
    for code, path in (("es", es), ("hu", hu)):
        assert ffgrid("new", "--profile", code, "--date", "2026", "-o", str(path)).returncode == 0
    hu.write_text(hu.read_text(encoding="utf-8") + HU_SCORES, encoding="utf-8")
    return es, hu


def _noted(*args: str):  # type: ignore[no-untyped-def]
    """`ffgrid` run with warnings shown as the command shows them (a note on standard error), not raised."""
    with warnings.catch_warnings():
        warnings.simplefilter("always")
        return ffgrid(*args)


def _json(*paths: Path) -> dict:
    result = ffgrid("compare", *map(str, paths), "--format", "json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_three_countries_as_json_have_the_shape_and_absent_lines(blanks):
    es, hu = blanks
    doc = _json(EW_2019, es, hu)
    assert set(doc) == {"assessments", "lines", "counts"}
    assert doc["assessments"] == [
        {"id": "england-wales-2019", "country": "England & Wales", "country_code": "ew", "date": "2019"},
        {"id": "es-2026", "country": "España", "country_code": "es", "date": "2026"},
        {"id": "hu-2026", "country": "Magyarország", "country_code": "hu", "date": "2026"}]
    ids = {"england-wales-2019", "es-2026", "hu-2026"}
    for line in doc["lines"]:
        assert set(line) == {"line", "strand", "ratings"}  # no moves: each country is there once
        assert set(line["ratings"]) == ids and set(line["ratings"].values()) <= RATINGS
    rated = {(ln["line"], ln["strand"]): ln["ratings"] for ln in doc["lines"]}
    assert rated[("public-cso-racist", None)]["england-wales-2019"] == "absent"  # the E&W profile leaves it out
    assert rated[("public-cso-racist", None)]["hu-2026"] == "unscored"
    assert rated[("csos-ministries", "disability")] == {  # a strand Hungary's profile has no CSO for
        "england-wales-2019": "red", "es-2026": "absent", "hu-2026": "absent"}
    assert rated[("victim-cso-anti-muslim", None)]["hu-2026"] == "absent"  # no CSO for the strand
    assert rated[("police-prosecution", None)]["hu-2026"] == "green"
    assert rated[("victim-courts", None)]["hu-2026"] == "red"
    assert rated[("csos-ministries", "antisemitism")]["hu-2026"] == "amber"
    assert set(doc["counts"]) == ids
    for aid, counts in doc["counts"].items():
        assert set(counts) == RATINGS
        assert sum(counts.values()) == len(doc["lines"])
        assert counts["absent"] == sum(1 for r in rated.values() if r[aid] == "absent")
    assert doc["counts"]["hu-2026"]["green"] == 1 and doc["counts"]["es-2026"]["green"] == 0


def test_two_assessments_of_one_country_carry_moves_as_the_compare_page_has_them(method):
    doc = _json(EW_2019, EW_2024)
    from framework import load_assessment

    before, after = (load_assessment(p, method) for p in (EW_2019, EW_2024))
    page = {(c.relationship, c.strand): c.direction for c in compare(
        score_assessment(method.for_assessment(before), before), score_assessment(method.for_assessment(after), after))}
    moves = {(ln["line"], ln["strand"]): ln.get("moves") for ln in doc["lines"]}
    assert set(moves) == set(page)
    for key, direction in page.items():
        assert moves[key] == [{"from": "england-wales-2019", "to": "england-wales-2024-illustrative", "direction": direction}]
    assert {"up", "down", "same"} <= set(page.values())


def test_the_same_assessment_twice_is_refused_naming_both_files(blanks):
    result = _noted("compare", str(EW_2019), str(blanks[0]), str(EW_2019_OLD_IDS))
    assert result.returncode == 1 and result.stdout == ""
    assert "Traceback" not in result.stderr
    assert str(EW_2019) in result.stderr and str(EW_2019_OLD_IDS) in result.stderr
    assert "'england-wales-2019'" in result.stderr and "nothing was compared" in result.stderr


def test_an_assessment_of_method_2019_1_compares_through_the_id_map(blanks):
    now = _json(EW_2019, blanks[0])
    result = _noted("compare", str(EW_2019_OLD_IDS), str(blanks[0]), "--format", "json")
    assert result.returncode == 0 and "ffgrid: note:" in result.stderr
    assert "police-home-office → police-ministry-of-interior" in result.stderr
    old = json.loads(result.stdout)
    assert old["lines"] == now["lines"] and old["counts"] == now["counts"]
    assert any(ln["ratings"]["england-wales-2019"] == "green" for ln in old["lines"])


def test_csv_and_table_read_words_not_ids(blanks):
    es, hu = blanks
    result = ffgrid("compare", str(EW_2019), str(hu), "--format", "csv")
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert list(rows[0]) == ["line", "strand", "England & Wales 2019", "Magyarország 2026"]
    by_line = {(r["line"], r["strand"]): r for r in rows}
    assert by_line[("Law enforcement (police) – prosecution", "")]["Magyarország 2026"] == "● GREEN"
    assert by_line[("General public – CSO monitoring racist hate crime", "")]["England & Wales 2019"] == "× ABSENT"
    assert by_line[("Civil society organisations – government ministries (grey line)", "Disability")][
        "England & Wales 2019"] == "▲ RED"
    assert not any("-" in r["line"].split()[0] for r in rows)  # no ids such as police-prosecution
    table = ffgrid("compare", str(EW_2019), str(es), str(hu)).stdout
    assert "police-prosecution" not in table and "public-cso-racist" not in table
    assert "General public – CSO monitoring racist hate crime" in table and "× ABSENT" in table
    counts = [ln.split() for ln in table.splitlines() if ln.startswith("● GREEN")]
    assert counts == [["●", "GREEN", "16", "0", "1"]]


def test_export_writes_a_countries_sheet_in_words_with_colours(blanks, tmp_path):
    out = tmp_path / "x.xlsx"
    result = ffgrid("export", str(EW_2019), "--compare", str(blanks[1]), "-o", str(out),
                    env={"FFGRID_DB": str(tmp_path / "none.db")})
    assert result.returncode == 0, result.stderr
    sheet = openpyxl.load_workbook(out)["Countries"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("Line", "Strand", "England & Wales 2019", "Magyarország 2026")
    where = {(r[0], r[1]): i for i, r in enumerate(rows, start=1)}
    green = where[("Law enforcement (police) – prosecution", None)]
    assert sheet.cell(green, 4).value == "● GREEN" and sheet.cell(green, 4).fill.fgColor.rgb.endswith("C8E6C9")
    absent = where[("General public – CSO monitoring racist hate crime", None)]
    assert sheet.cell(absent, 3).value == "× ABSENT"
    assert "does not assess this line" in sheet.cell(absent, 3).comment.text
    assert ("Number of lines: ● GREEN", None, 16, 1) in rows and ("Number of lines: × ABSENT", None, 2, 7) in rows
    refused = ffgrid("export", str(EW_2019), "--compare", str(blanks[1]), "-o", str(tmp_path / "x.csv"))
    assert refused.returncode == 2 and "--compare" in refused.stderr and not (tmp_path / "x.csv").exists()


def test_bench_compare_prints_its_figures():
    result = ffgrid("bench", "compare", "--countries", "3", "--runs", "1")
    assert result.returncode == 0, result.stderr
    assert "3 countries" in result.stdout and "3 assessments" in result.stdout
    assert float(result.stdout.split("heatmap table ")[1].split(" ms")[0]) > 0
    assert "scoring one assessment (score_assessment)" in result.stdout and "x as long" in result.stdout
