"""Every text at the longest the model allows, with every line-break-like and control character the
model takes, renders in every export: PDF, DOCX, HTML, XLSX, grid CSV, YAML, and the map as SVG and PNG."""

from __future__ import annotations

import csv
import subprocess
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.utils.escape import unescape

from exports.spreadsheet import CELL_MAX, CUT
from exports.xml_text import shown
from framework import Assessment, Evidence, Model, Situation, check_assessment, load_assessment
from framework.assessment_yaml import dump_assessment
from framework.text import LONG_TEXT_MAX, SHORT_TEXT_MAX
from test_cli import ffgrid

# What text may hold: breaks of every kind, controls (XML has no room for some), markup, backslashes,
# a literal OOXML escape, scripts beyond Latin.
ODD = "\x85\u2028\u2029\x0b\x0c\x1c\x1d\x1e\r\t\x01\x7f \\N \\L _x0041_ <b>&amp;</b> Győr Ελλάδα "


def longest(n: int, name: str) -> str:
    """Text of exactly n characters, naming its field at the start, with every odd character, then in
    words (so that it wraps; a break every few words would make the PDF three times as long)."""
    unit = f"{name} Łódź word and more words "
    return (f"{name} Łódź word{ODD}" + unit * (n // len(unit) + 1))[:n]


@pytest.fixture(scope="module")
def extreme(method, model: Model, ew: Assessment) -> Assessment:
    """E&W 2019 with each kind of text field at its longest on one line, the N/A line and the plan (the
    other lines' text left out)."""
    S, L = SHORT_TEXT_MAX, LONG_TEXT_MAX
    first = ew.lines[0].model_copy(update={
        "situation": Situation(framework=longest(L, "framework situation"), action=longest(L, "action situation")),
        "evidence": (Evidence(title=longest(S, "evidence title"), url="https://example.org/" + "a" * (S - 20),
                              dimension="action", note=longest(L, "evidence note"), standards=(1,)),),
        "comments": (longest(S, "comment"),)})
    bare = {"situation": Situation(), "evidence": ()}  # the other lines without text: a shorter PDF to render
    lines = [first] + [ln.model_copy(update=bare | ({"na_reason": longest(S, "reason")} if ln.rating == "n/a" else {}))
                       for ln in ew.lines[1:]]
    plan = ew.plan
    action = plan.actions[0]
    history = (action.history[0].model_copy(update={"note": longest(S, "status note")}), *action.history[1:])
    plan = plan.model_copy(update={
        "note": longest(S, "plan note"),
        "recommendations": (plan.recommendations[0].model_copy(update={"text": longest(L, "recommendation")}),
                            *plan.recommendations[1:]),
        "actions": (action.model_copy(update={"title": longest(S, "action"), "owner": longest(S, "owner"),
                                              "history": history}), *plan.actions[1:]),
        "measures": (plan.measures[0].model_copy(update={"label": longest(S, "measure")}), *plan.measures[1:])})
    a = ew.model_copy(update={"country": longest(S, "country"), "title": longest(S, "title"),
                              "author": longest(S, "assessors"), "source": longest(S, "source"),
                              "notes": longest(L, "notes"), "lines": tuple(lines), "plan": plan})
    return check_assessment(a, method, a.id)  # the model takes every one of these


@pytest.fixture(scope="module")
def files(extreme: Assessment, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("longest")
    (folder / "a.yaml").write_text(dump_assessment(extreme), encoding="utf-8")
    return folder


def run(folder: Path, *args: str) -> None:
    """The command in-process, with no database (so the bundled figures and no comments)."""
    result = ffgrid(*args, env={"FFGRID_DB": str(folder / "none.db"), "DATABASE_URL": ""})
    assert result.returncode == 0, result.stderr[-2000:]


def test_the_yaml_export_reads_back_identical(method, files, extreme, model):
    assert load_assessment(files / "a.yaml", method) == extreme


def test_the_pdf_renders(files, extreme):
    run(files, "report", str(files / "a.yaml"), "-o", str(files / "r.pdf"))
    text = subprocess.run(["pdftotext", str(files / "r.pdf"), "-"], capture_output=True, text=True, check=True).stdout
    words = " ".join(text.split())
    assert "country Łódź word" in words and "recommendation Łódź word" in words and "<b>&amp;</b>" in words
    pages = subprocess.run(["pdftotext", str(files / "r.pdf"), "-"], capture_output=True, text=True,
                           check=True).stdout.split("\f")
    contents = next(p for p in pages if "Contents" in p.splitlines()[:3])  # the first page with a running header
    header = contents.splitlines()[0]  # the country on one line, cut short (the cover has it whole)
    assert header.startswith("country Łódź word") and header.endswith("… · Facing all the Facts self-assessment")
    assert len(header) < 120


def test_the_docx_renders_with_its_title_property_cut_and_the_whole_country_in_the_body(files, extreme):
    import docx

    run(files, "report", str(files / "a.yaml"), "-o", str(files / "r.docx"))
    document = docx.Document(str(files / "r.docx"))
    title = document.core_properties.title
    assert len(title) == 255 and title.endswith("…") and title.startswith(shown(extreme.country)[:200])
    assert document.paragraphs[0].text.replace("\n", "\r") == shown(extreme.country).replace("\n", "\r")
    body = "\n".join(p.text for p in document.paragraphs)
    assert "evidence note Łódź word" in body and "status note Łódź" in body


def test_the_html_report_renders(files, extreme):
    run(files, "report", str(files / "a.yaml"), "-o", str(files / "r.html"))
    assert "assessors Łódź word" in (files / "r.html").read_text(encoding="utf-8")


def test_the_workbook_keeps_every_character_and_cuts_only_past_a_cells_limit(files, extreme):
    run(files, "export", str(files / "a.yaml"), "-o", str(files / "g.xlsx"))
    book = load_workbook(files / "g.xlsx", read_only=True)
    about = {row[0]: row[1] for row in book["About"].iter_rows(min_row=2, values_only=True)}
    assert unescape(about["Country"]) == extreme.country and unescape(about["Author"]) == extreme.author
    grid = list(book["Grid"].iter_rows(values_only=True))
    grid = grid[next(i for i, r in enumerate(grid) if r[0] == "Row in the grid"):]  # below a DRAFT line
    reason = next(r[grid[0].index("Why not applicable")] for r in grid[1:] if r[grid[0].index("Rating")] == "N/A")
    assert unescape(reason) == next(ln.na_reason for ln in extreme.lines if ln.rating == "n/a")
    evidence = list(book["Evidence"].iter_rows(values_only=True))
    at = next(i for i, r in enumerate(evidence) if r[0] == "Relationship")
    note = evidence[at + 1][evidence[at].index("Note")]
    whole = extreme.lines[0].evidence[0].note
    assert len(note) <= CELL_MAX and note.endswith(CUT) and whole.startswith(unescape(note[: -len(CUT)]))
    with zipfile.ZipFile(files / "g.xlsx") as z:  # escaped, not dropped: _x000B_ for a vertical tab
        assert "_x000B_" in z.read("xl/worksheets/sheet1.xml").decode()


def test_the_grid_csv_keeps_every_character(files, extreme):
    run(files, "export", str(files / "a.yaml"), "-o", str(files / "g.csv"))
    with open(files / "g.csv", encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == 36
    assert {r["na_reason"] for r in rows} - {""} == {ln.na_reason for ln in extreme.lines if ln.rating == "n/a"}


@pytest.mark.parametrize("suffix", ["svg", "png"])
def test_the_map_renders_with_the_longest_country_as_its_title(files, suffix):
    out = files / f"m.{suffix}"
    run(files, "map", str(files / "a.yaml"), "-o", str(out))
    if suffix == "svg":
        svg = ET.parse(out).getroot()  # well-formed XML: no control characters
        texts = [t.text or "" for t in svg.iter("{http://www.w3.org/2000/svg}text")]
        assert any(t.startswith("country Łódź word") for t in texts) and any(t.endswith("…") for t in texts)
    else:
        width = int.from_bytes(out.read_bytes()[16:20], "big")
        assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and width < 4_000  # the title wraps; it is not 2,000 characters wide
