"""The PDF country report: content, safety against hostile text, and European scripts."""

from __future__ import annotations

import html
import http.server
import re
import subprocess
import threading
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import pytest

from dashboard.examples import example_figures
from exports.report import report_html, write_report
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
    plan = text[text.index("Sample plan: an example, not official."):text.index("Sources and editions")]
    assert plan.index("Key actions: completed") < plan.index("Key actions: in progress") < plan.index("Key actions: dropped")
    assert "2. Third-party reporting protocol" in plan and "Towards targets: 61.1%" in plan
    assert "Measures of success" in plan and "Baseline" in plan
    data = text[text.index("Sources and editions"):]
    assert "Police-recorded hate crime by strand, England and Wales" in text
    assert "Offences recorded" in text and "Financial year" in text  # the chart's own labels, as vector text
    assert "CPS Hate crime report 2018-19" in data and "bundled example" in data
    pages = int(next(ln for ln in subprocess.run(["pdfinfo", str(ew_pdf)], capture_output=True, text=True).stdout
                     .splitlines() if ln.startswith("Pages:")).split()[1])
    assert 40 <= pages <= 76  # the annex "countries side by side" (two countries) takes about three


def test_the_data_section_of_a_2019_report_shows_no_figure_after_its_cut_off_and_reads_in_words(ew_pdf, ew):
    assert ew.date == "2019"
    text = " ".join(_text(ew_pdf).split())
    data = text[text.index("Figures published for periods up to 2019 (periods that start before 1 January 2019)"):
                text.index("Annex: standards No.")]
    body = data.replace("up to 2019 (periods that start before 1 January 2019)", "")
    later = [body[max(0, m.start() - 120):m.end() + 30] for m in re.finditer(r"\b20(?:19|2\d)/\d\d\b|\b20(?:19|2\d)\b", body)]
    assert later == []  # no 2019/20 … 2023/24, no ODIHR 2019 … 2023
    assert "2018/19" in data and "ODIHR), 2018" in data
    assert "105,090" not in text and "145,214" not in text  # 2019/20's and 2022/23's totals, nowhere
    measures = text[text.index("Measures of success"):text.index("Figures published for periods up to")]
    assert "Progress to target" in measures and "Of the way" not in measures
    assert "Convictions with a 73.6% 73.6% 85% 0%" in measures and "73.6 " not in measures  # units, once
    shown = data + measures
    assert not re.findall(r"cso:|official:|\.csv|[a-z]_[a-z]", shown)
    assert "Why a stage can pass 100%: Prosecuted (completed) is 119.3% of Referred to prosecution." in data
    assert "Community Security" in data and "Democratic" in data  # publishers (wrapped in their column)
    assert "Note (2018/19: Referred to prosecution, Prosecuted (completed), Convicted, Sentence uplift applied): " \
           "CPS data are performance, not statistical, reports." in data


def test_a_later_report_names_the_missing_year_and_keeps_the_sources_notes(model, ew, tmp_path):
    html = report_html(model, ew.model_copy(update={"date": "2024-06"}), example_figures())
    assert "No figures by strand for 2019/20: only the total is published (105,090 offences; excludes Greater " \
           "Manchester Police)" in html
    assert "Note (2022/23: Race): excludes Devon and Cornwall Police." in html
    assert "2023/24" in html and "odihr_" not in html and "official:ODIHR" not in html


def test_the_docx_data_section_and_measures_use_the_same_words(model, ew, tmp_path):
    import docx

    document = docx.Document(str(write_report(model, ew, tmp_path / "r.docx", figures=example_figures())))
    paragraphs = [p.text for p in document.paragraphs]
    assert any(p.startswith("Figures published for periods up to 2019 (periods that start before 1 January 2019)")
               for p in paragraphs)
    assert any(p.startswith("Why a stage can pass 100%: Prosecuted (completed) is 119.3%") for p in paragraphs)
    tables = {t.rows[0].cells[0].text: t for t in document.tables}
    measures = tables["Measure"]
    assert [c.text for c in measures.rows[0].cells][4] == "Progress to target"
    assert [c.text for c in measures.rows[1].cells][1:4] == ["73.6% (2018/19)", "73.6% (2018/19)", "85% (2022/23)"]
    sources = tables["Published by"]
    cells = " ".join(c.text for r in sources.rows for c in r.cells)
    assert "Community Security Trust" in cells and "cso:" not in cells and ".csv" not in cells


def test_hostile_evidence_is_shown_as_text_and_nothing_is_fetched_or_attached(rendered):
    pdf = rendered.pdf
    assert rendered.hits == []  # no network attempt
    listing = subprocess.run(["pdfdetach", "-list", str(pdf)], capture_output=True, text=True).stdout
    assert listing.strip().startswith("0 embedded files")
    assert b"/EmbeddedFile" not in pdf.read_bytes()
    text = _text(pdf)
    assert '<link rel="attachment" href="file:///etc/passwd">' in " ".join(text.split())
    assert "<script>alert(1)</script>" in "".join(text.split())  # as text (a line may break after its "/")
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

    texts = ew.report.model_copy(update={"executive_summary": "In short.", "conclusions": "In the end."})
    ew = ew.model_copy(update={"report": texts})
    path = write_report(model, ew, tmp_path / "r.docx", figures=example_figures())
    document = docx.Document(str(path))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert set(SECTIONS) <= set(headings) and "Sources and editions" in headings
    assert all(any(rel.title in h for h in headings) for rel in model.relationships.values())
    # the PDF's sections, in the PDF's order (its cover's country and its contents aside)
    pdf = [html.unescape(h) for h in re.findall(r"<h1[^>]*>(.*?)</h1>", report_html(model, ew, example_figures()))]
    assert [p.text for p in document.paragraphs if p.style.name == "Heading 1" and p.text != "Imprint"] == [
        h for h in pdf[1:] if h != "Contents"]
    assert {"Executive summary", "Conclusions", "Bibliography", "Abbreviations"} <= set(pdf)
    assert len(document.inline_shapes) == 6  # the systems map, the gap-to-target map and the four charts
    grid = next(t for t in document.tables if t.rows[0].cells[0].text == "Row")
    assert grid.rows[0].cells[-1].text == "Rating" and len(grid.rows) == 37


def test_review_comments_show_under_their_relationship_with_author_and_date(ew_pdf):
    text = " ".join(_text(ew_pdf).split())
    assert "Zsófia Kovács, 2 November 2026: Cite <b>the</b> 2018 survey." in text
    assert "Rob Reviewer, 2 November 2026 (sent back): Evidence missing for action." in text


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
    annex = html[html.index('<h1 id="countries"'):html.index('<h1 id="method"')]
    assert '<a href="#countries">Annex: countries side by side</a>' in html
    assert "&lt;b&gt;Magyar&lt;/b&gt; 2026" in annex and "<b>Magyar</b>" not in annex
    for row in table.rows:
        assert f"<td>{row.line}</td>".replace("&", "&amp;") in annex
    assert annex.count('<td class="heat green">● GREEN</td>') == 16
    assert annex.count('<td class="heat absent">× ABSENT</td>') == 2 + 7  # E&W's profile leaves out 2, Hungary's 7
    assert annex.count("<td>× ABSENT: ") == 9
    assert "<td>● GREEN</td><td class=\"num\">16</td><td class=\"num\">0</td>" in annex
    assert '<h1 id="countries"' not in report_html(method.for_assessment(ew), ew)  # only when asked for


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
