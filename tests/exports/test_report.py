"""The PDF country report: content, safety against hostile text, and European scripts."""

from __future__ import annotations

import http.server
import subprocess
import threading
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import pytest

from dashboard.examples import example_figures
from exports.report import report_html, weakest, write_report
from framework import Evidence
from framework.profiles import blank_assessment
from framework.review import Comment
from scoring import score_assessment
from scoring.countries import compare_countries


def _text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


NAMES = "Ελληνική Αστυνομία · Magyar Rendőrség, Győr–Moson–Sopron · Łódź, Kraków"
WHEN = datetime(2026, 11, 2, 9, 30, tzinfo=timezone.utc)
THREADS = [Comment("victim-courts", "Zsófia Kovács", WHEN, "comment", "Cite <b>the</b> 2018 survey."),
           Comment("victim-courts", "Rob Reviewer", WHEN, "sent_back", "Evidence missing for action.")]


@dataclass
class Rendered:
    pdf: Path
    hits: list[str]  # what the renderer asked a local web server for (nothing, it must be)


def _hostile(port: int) -> str:
    return (f'<link rel="attachment" href="file:///etc/passwd"> <img src="file:///etc/hostname"> '
            f'<img src="http://127.0.0.1:9/x.png"> <img src="http://127.0.0.1:{port}/y.png"> '
            f'<script>alert(1)</script>')


def _beside_hungary(method, assessment, country: str = "Magyarország"):  # type: ignore[no-untyped-def]
    """The assessment compared with a blank Hungarian one (every line unscored; strands without a CSO absent)."""
    hu = blank_assessment(method, method.profiles["hu"], "2026", None, "test").model_copy(
        update={"country": country})
    return compare_countries([(assessment, method.for_assessment(assessment)), (hu, method.for_assessment(hu))])


@pytest.fixture(scope="module")
def rendered(tmp_path_factory, method, model, ew) -> Rendered:
    """The full E&W report, rendered once (~5 s): its author in Greek, Hungarian and Polish, review
    comments, hostile evidence that points at files and at a web server listening meanwhile, and the
    annex setting it beside a blank Hungarian assessment."""
    hits: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            hits.append(self.path)
            self.send_response(404)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    hostile = _hostile(server.server_address[1])
    line = ew.lines[0].model_copy(update={"evidence": (*ew.lines[0].evidence, Evidence(title=hostile, note=hostile))})
    attacked = ew.model_copy(update={"author": NAMES, "lines": (line, *ew.lines[1:])})
    try:
        pdf = write_report(model, attacked, tmp_path_factory.mktemp("report") / "ew.pdf", figures=example_figures(),
                           comments=THREADS, compare=_beside_hungary(method, attacked), method=method.model)
    finally:
        server.shutdown()
        server.server_close()
    return Rendered(pdf, hits)


@pytest.fixture(scope="module")
def ew_pdf(rendered: Rendered) -> Path:
    return rendered.pdf


def test_the_report_holds_the_country_every_relationship_every_rating_and_the_annex(ew_pdf, model, ew):
    text = " ".join(_text(ew_pdf).split())
    assert "England & Wales" in text and "Annex: standards" in text and "Methodology and definitions" in text
    for rel in model.relationships.values():
        assert " ".join(rel.title.split()) in text, rel.title
    for word in ("GREEN", "AMBER", "RED", "N/A"):
        assert word in text
    plan = text[text.index("Example, not official."):text.index("Sources and editions")]
    assert plan.index("Key actions completed") < plan.index("Key actions in progress") < plan.index("Key actions dropped")
    assert "2. Third-party reporting protocol" in plan and "Towards targets: 61.1%" in plan
    assert "Measures of success" in plan and "Baseline" in plan
    data = text[text.index("Sources and editions"):]
    assert "Police-recorded hate crime by strand, England and Wales" in text
    assert "Offences recorded" in text and "Financial year" in text  # the chart's own labels, as vector text
    assert "CPS Hate crime report 2018-19" in data and "odihr_united_kingdom.csv" in data
    pages = int(next(ln for ln in subprocess.run(["pdfinfo", str(ew_pdf)], capture_output=True, text=True).stdout
                     .splitlines() if ln.startswith("Pages:")).split()[1])
    assert 40 <= pages <= 64  # the annex "countries side by side" (two countries) takes about three


def test_the_five_weakest_break_ties_by_action_then_id(model, ew):
    five = weakest(score_assessment(model, ew))
    assert [(ln.total, ln.action) for ln in five][:1] == [(2, 0)]  # victims-courts 2+0 before the 1+1 lines
    assert [ln.total for ln in five] == sorted(ln.total for ln in five)


def test_hostile_evidence_is_shown_as_text_and_nothing_is_fetched_or_attached(rendered):
    pdf = rendered.pdf
    assert rendered.hits == []  # no network attempt
    listing = subprocess.run(["pdfdetach", "-list", str(pdf)], capture_output=True, text=True).stdout
    assert listing.strip().startswith("0 embedded files")
    assert b"/EmbeddedFile" not in pdf.read_bytes()
    text = _text(pdf)
    assert '<link rel="attachment" href="file:///etc/passwd">' in " ".join(text.split())
    assert "<script>alert(1)</script>" in text
    assert Path("/etc/hostname").read_text().strip() not in text.replace("England", "")
    assert "root:x:0:0" not in text


def test_greek_and_hungarian_names_come_back_exactly(ew_pdf):
    assert NAMES in " ".join(_text(ew_pdf).split())


def test_situation_text_is_markdown_in_the_report_with_html_escaped(model, ew):
    line = ew.lines[0].model_copy(update={"situation": ew.lines[0].situation.model_copy(update={
        "framework": "First <b>para</b>\nsame **para**.\n\n- one\n- two [osce](https://hatecrime.osce.org)"})})
    html = report_html(model, ew.model_copy(update={"lines": (line, *ew.lines[1:])}))
    assert ("<p>First &lt;b&gt;para&lt;/b&gt;\nsame <strong>para</strong>.</p>\n<ul>\n<li>one</li>\n"
            '<li>two <a href="https://hatecrime.osce.org">osce</a></li>') in html


def test_the_docx_opens_and_holds_every_section_heading(model, ew, tmp_path):
    import docx

    from exports.docx_report import SECTIONS

    path = write_report(model, ew, tmp_path / "r.docx", figures=example_figures())
    document = docx.Document(str(path))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert set(SECTIONS) <= set(headings) and "Sources and editions" in headings
    assert all(any(rel.title in h for h in headings) for rel in model.relationships.values())
    assert len(document.inline_shapes) == 6  # the systems map, the gap-to-target map and the four charts
    grid = document.tables[2]
    assert grid.rows[0].cells[-1].text == "Rating" and len(grid.rows) == 37


def test_review_comments_show_under_their_relationship_with_author_and_date(ew_pdf):
    text = " ".join(_text(ew_pdf).split())
    assert "Zsófia Kovács, 2026-11-02: Cite <b>the</b> 2018 survey." in text
    assert "Rob Reviewer, 2026-11-02 (sent back): Evidence missing for action." in text


def test_the_pdf_annex_sets_the_countries_side_by_side_in_words(ew_pdf):
    text = " ".join(_text(ew_pdf).split())
    annex = text[text.index("Annex: countries side by side Each line"):text.rindex("Methodology and definitions")]
    assert "Line Strand England & Magyarország Wales 2019 2026" in annex  # the headings wrap in two lines
    assert "Law enforcement (police) – prosecution ● GREEN – UNSCORED" in annex
    assert "Victims – CSO monitoring disability hate crime ▲ RED × ABSENT" in annex
    assert "Counts per country" in annex and "● GREEN 16 0" in annex and "× ABSENT 2 7" in annex
    assert "× ABSENT: No CSO monitors this strand" in annex and "(Disability) in this country's profile." in annex
    assert "× ABSENT: The 2019 England & Wales grid" in annex


def test_the_annex_marks_every_cell_with_its_word_and_absent_lines_with_why(method, ew):
    comparison = _beside_hungary(method, ew, country="<b>Magyar</b>")
    table = comparison.table(method.model)
    html = report_html(method.for_assessment(ew), ew, countries=table)
    annex = html[html.index('<h1 id="countries">'):html.index('<h1 id="method">')]
    assert '<a href="#countries">Annex: countries side by side</a>' in html
    assert "&lt;b&gt;Magyar&lt;/b&gt; 2026" in annex and "<b>Magyar</b>" not in annex
    for row in table.rows:
        assert f"<td>{row.line}</td>".replace("&", "&amp;") in annex
    assert annex.count('<td class="heat green">● GREEN</td>') == 16
    assert annex.count('<td class="heat absent">× ABSENT</td>') == 2 + 7  # E&W's profile leaves out 2, Hungary's 7
    assert annex.count("<td>× ABSENT: ") == 9
    assert "<td>● GREEN</td><td class=\"num\">16</td><td class=\"num\">0</td>" in annex
    assert '<h1 id="countries">' not in report_html(method.for_assessment(ew), ew)  # only when asked for


def test_the_docx_has_the_countries_annex(method, model, ew, tmp_path):
    import docx

    path = write_report(model, ew, tmp_path / "r.docx", compare=_beside_hungary(method, ew), method=method.model)
    document = docx.Document(str(path))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings.index("Annex: standards") < headings.index("Annex: countries side by side") < headings.index(
        "Methodology and definitions")
    heatmap = next(t for t in document.tables if [c.text for c in t.rows[0].cells][:2] == ["Line", "Strand"])
    assert [c.text for c in heatmap.rows[0].cells] == ["Line", "Strand", "England & Wales 2019", "Magyarország 2026"]
    assert any(c.text == "× ABSENT" for r in heatmap.rows for c in r.cells)
