"""The Word edition of the country report, read back from its XML: A4, contents, running headers and
page numbers, Markdown as Word formatting with real links, repeating table headers, described
pictures, core properties, SAMPLE and DRAFT marks, and each criterion citing its standards once."""

from __future__ import annotations

import re
from datetime import datetime, timezone
from pathlib import Path

import docx
import pytest
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn

import cli
from dashboard.examples import example_figures
from exports.report import write_report
from framework.profiles import blank_assessment
from framework.review import Comment

WHEN = datetime(2026, 11, 2, 9, 30, tzinfo=timezone.utc)
SITUATION = ("# Where it stands\n\nSome **bold** and *italic* words, <b>not HTML</b>, see "
             "[the inspection](https://example.org/inspection).\n\n1. first\n2. second\n   - nested\n\n"
             "Between.\n\n1. again from one\n\n> quoted")


def _document(path: Path) -> docx.document.Document:
    return docx.Document(str(path))


def _all_text(document) -> str:  # type: ignore[no-untyped-def]
    """Every w:t of the body (paragraphs and tables)."""
    return "".join(t.text or "" for t in document.element.body.iter(qn("w:t")))


def _header_text(section) -> str:  # type: ignore[no-untyped-def]
    return "".join(p.text for p in section.header.paragraphs)


def _instructions(part_element) -> list[str]:  # type: ignore[no-untyped-def]
    return [t.text.strip() for t in part_element.iter(qn("w:instrText"))]


@pytest.fixture(scope="module")
def ew_docx(tmp_path_factory, model, ew) -> Path:
    """The full E&W report with the example figures, a review comment in Markdown, and the first
    relationship's framework situation replaced by a text using most of Markdown."""
    first = ew.lines[0]
    line = first.model_copy(update={"situation": first.situation.model_copy(update={"framework": SITUATION})})
    assessment = ew.model_copy(update={"lines": (line, *ew.lines[1:])})
    comments = [Comment(first.relationship, "Rob Reviewer", WHEN, "comment",
                        "Please cite **the 2018 survey**: [survey](https://example.org/survey). "
                        "[Not followed](javascript:alert(1)).")]
    return write_report(model, assessment, tmp_path_factory.mktemp("docx") / "ew.docx",
                        figures=example_figures(), comments=comments)


@pytest.fixture(scope="module")
def ew_doc(ew_docx):  # type: ignore[no-untyped-def]
    return _document(ew_docx)


def test_every_section_is_a4_and_each_map_has_a_landscape_page_of_its_own(ew_doc):
    """Portrait with the PDF's margins, except a landscape page (the PDF's map page) for each of the two maps."""
    sizes = [(round(s.page_width.mm), round(s.page_height.mm)) for s in ew_doc.sections]
    margins = [[round(m.mm) for m in (s.top_margin, s.right_margin, s.bottom_margin, s.left_margin)]
               for s in ew_doc.sections]
    landscape = [i for i, size in enumerate(sizes) if size == (297, 210)]
    assert len(landscape) == 2 and all(margins[i] == [14, 10, 12, 10] for i in landscape)
    assert all(size == (210, 297) and margins[i] == [22, 18, 20, 18]
               for i, size in enumerate(sizes) if i not in landscape)
    assert [s.orientation for s in ew_doc.sections].count(WD_ORIENT.LANDSCAPE) == 2


def test_the_contents_is_a_toc_field_that_word_fills_on_opening(ew_doc):
    assert 'TOC \\o "1-3" \\h \\z \\u' in _instructions(ew_doc.element.body)
    assert "Right-click to update the contents" in _all_text(ew_doc)
    flag = ew_doc.settings.element.find(qn("w:updateFields"))
    assert flag is not None and flag.get(qn("w:val")) == "true"


def test_headers_name_the_country_and_footers_number_the_pages_but_not_on_the_cover(ew_doc):
    first = ew_doc.sections[0]
    assert _header_text(first) == "England & Wales · Facing all the Facts self-assessment"
    assert first.different_first_page_header_footer
    assert not "".join(p.text for p in first.first_page_header.paragraphs)
    assert not _instructions(first.first_page_footer._element)
    footer = first.footer
    assert _instructions(footer._element) == ["PAGE", "NUMPAGES"]
    assert "".join(p.text for p in footer.paragraphs) == "Page 1 of 1"  # until Word fills the fields
    for later in ew_doc.sections[1:]:  # the plan's and the rest's pages carry the same footer
        assert later.footer.is_linked_to_previous and not later.different_first_page_header_footer


def test_the_sample_plan_says_sample_in_its_header_and_only_there(ew_doc):
    """E&W 2019 is published and real, but its plan is an example."""
    headers = [_header_text(s) for s in ew_doc.sections]
    plain, plan = ("England & Wales · Facing all the Facts self-assessment",
                   "SAMPLE PLAN · England & Wales · Facing all the Facts self-assessment")
    # the report, map 1's page, the report again; the plan, map 2's page (of the plan), the plan; the rest
    assert headers == [plain, plain, plain, plan, plan, plan, plain]
    assert ew_doc.sections[3].header.paragraphs[0].runs[0].bold


def _links(document) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """Each w:hyperlink's text and the address of its relationship (all external)."""
    rels = document.part.rels
    found = {}
    for h in document.element.body.iter(qn("w:hyperlink")):
        rel = rels[h.get(qn("r:id"))]
        assert rel.is_external and rel.reltype == RT.HYPERLINK
        found["".join(t.text for t in h.iter(qn("w:t")))] = rel.target_ref
    return found


def test_evidence_addresses_and_markdown_links_are_real_hyperlinks(ew_doc, ew):
    links = _links(ew_doc)
    urls = {e.url for ln in ew.lines for e in ln.evidence if e.url}
    assert urls and urls <= set(links.values())
    assert all(links[u] == u for u in urls)  # the address is shown and followed
    assert links["the inspection"] == "https://example.org/inspection"
    assert links["survey"] == "https://example.org/survey"  # in a review comment
    assert links["hatecrime.osce.org"] == "http://hatecrime.osce.org"  # a Markdown link of the shipped text
    assert "Not followed" not in links and "Not followed." in _all_text(ew_doc)  # no javascript: link
    assert all(u.startswith(("http://", "https://", "mailto:")) for u in links.values())
    styles = {r.get(qn("w:val")) for h in ew_doc.element.body.iter(qn("w:hyperlink")) for r in h.iter(qn("w:rStyle"))}
    assert styles == {"Hyperlink"} and "Hyperlink" in [s.name for s in ew_doc.styles]


def test_markdown_is_word_formatting_and_never_printed_raw(ew_doc):
    text = _all_text(ew_doc)
    assert "**" not in text and "](http" not in text and "# Where" not in text
    bold = {r.text for p in ew_doc.paragraphs for r in p.runs if r.bold}
    italic = {r.text for p in ew_doc.paragraphs for r in p.runs if r.italic}
    assert {"This is deeply unsatisfactory.", "bold", "the 2018 survey"} <= bold and "italic" in italic
    assert "<b>not HTML</b>" in text  # anything else stays text


def test_markdown_lists_headings_and_quotes_take_words_styles(ew_doc):
    paragraphs = ew_doc.paragraphs
    at = next(i for i, p in enumerate(paragraphs) if p.text == "Where it stands")
    shown = [(p.style.name, p.text) for p in paragraphs[at:at + 7]]
    assert shown == [("Heading 4", "Where it stands"),
                     ("Normal", "Some bold and italic words, <b>not HTML</b>, see the inspection."),
                     ("List Number", "first"), ("List Number", "second"), ("List Bullet 2", "nested"),
                     ("Normal", "Between."), ("List Number", "again from one")]
    assert paragraphs[at + 7].style.name == "Quote" and paragraphs[at + 7].text == "quoted"
    num_ids = [p._p.pPr.numPr.numId.val if p._p.pPr is not None and p._p.pPr.numPr is not None else None
               for p in paragraphs[at + 2:at + 7]]
    assert num_ids[0] is not None and num_ids[1] is None and num_ids[4] not in (None, num_ids[0])  # restarted at 1
    starts = {n.numId: n.find(qn("w:lvlOverride")).find(qn("w:startOverride")).get(qn("w:val"))
              for n in ew_doc.part.numbering_part.element.num_lst if n.find(qn("w:lvlOverride")) is not None}
    assert starts[num_ids[0]] == starts[num_ids[4]] == "1"


def test_table_header_rows_repeat_bold_and_no_row_splits(ew_doc):
    assert len(ew_doc.tables) > 40
    for table in ew_doc.tables:
        first = table.rows[0]._tr.trPr
        assert first is not None and first.find(qn("w:tblHeader")) is not None
        assert all(r._tr.trPr.find(qn("w:cantSplit")) is not None for r in table.rows)
        assert all(run.bold for cell in table.rows[0].cells for run in cell.paragraphs[0].runs)


def test_every_map_and_chart_is_there_with_a_description(ew_doc, model, ew):
    from exports.report_data import data_section

    data = data_section(example_figures(), country="England & Wales", model=model, cutoff=ew.data_cutoff)
    charts = [b.title for b in data.blocks if b.chart]
    described = [(d.get("title"), d.get("descr")) for d in ew_doc.element.body.iter(
        "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr")]
    assert len(described) == len(ew_doc.inline_shapes) == 2 + len(charts)  # the systems and gap-to-target maps
    assert all(title and descr for title, descr in described)
    assert described[0] == ("Map 1: Systems map of England & Wales, 2019, lines by rating",
                            "Map 1: Systems map of England & Wales, 2019, lines by rating. The grid table (section The "
                            "grid) gives every line in words and is this map's long description.")
    assert described[1][0].startswith("Map 2: Gap to target, England & Wales, 2019")
    assert [t for t, _ in described[2:]] == charts
    captions = [p.text for p in ew_doc.paragraphs if p.style.name == "Caption"]
    assert [c[:12] for c in captions] == ["Map 1: Syste", "Map 2: Gap t"]
    listed = [p.text for p in ew_doc.paragraphs if p.text.startswith("Map ")][:2]
    assert listed == captions  # the list of maps after the contents


def test_each_map_is_as_large_as_the_pdfs_so_its_texts_print_at_7_pt_or_more(ew_doc):
    """The picture fills the PDF's map box (277 mm wide or 165 mm high), the size the map's texts were
    drawn for, and its key sits under it."""
    maps = list(ew_doc.inline_shapes)[:2]
    for m in maps:
        width, height = m.width.mm, m.height.mm
        assert width <= 277.5 and height <= 165.5 and (width > 276 or height > 164), (width, height)
    keys = [p.text for p in ew_doc.paragraphs if p.text.startswith("━━━━ GREEN")]
    assert len(keys) == 1 and "AMBER (dashed)" in keys[0]  # map 2's key is of gaps
    assert any(p.text.startswith("━━━━") and "target" in p.text for p in ew_doc.paragraphs)


def test_the_core_properties_give_title_subject_authors_and_language(ew_doc, ew):
    props = ew_doc.core_properties
    assert props.title == "England & Wales 2019 – Facing all the Facts self-assessment"
    assert props.subject.endswith(": England & Wales") and props.author == ew.author
    assert props.language == "en"
    lang = ew_doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr")).find(qn("w:lang"))
    assert lang.get(qn("w:val")) == "en"


def test_no_criterion_cites_its_standards_twice(ew_doc, model):
    criteria = [p.text for p in ew_doc.paragraphs if p.style.name == "List Bullet" and "(standard" in p.text.lower()]
    assert len(criteria) > 80
    for text in criteria:
        assert not re.search(r"\(standards?[^()]*\)\s*\.?\s*\(standards?", text, re.IGNORECASE), text
    assert "Law enforcement are able to record information about victim support and safety (standard 5)" in criteria
    assert not any("(Standard 5) (standards 4, 5)" in t for t in criteria)
    assert any(t.endswith("relevant information about victim support and safety (standards 4 and 5)") for t in criteria)


@pytest.mark.parametrize(("update", "headers"), [
    ({"status": "draft"}, ["DRAFT"] * 3 + ["SAMPLE PLAN · DRAFT"] * 3 + ["DRAFT"]),  # the plan is an example
    ({"status": "submitted"}, ["DRAFT"] * 3 + ["SAMPLE PLAN · DRAFT"] * 3 + ["DRAFT"]),
    ({"status": "validated"}, [""] * 3 + ["SAMPLE PLAN"] * 3 + [""]),
    ({"illustrative": True}, ["SAMPLE"] * 5),  # every page says SAMPLE: the plan needs no header of its own
    ({"illustrative": True, "status": "draft"}, ["SAMPLE · DRAFT"] * 5),
])
def test_draft_and_sample_assessments_say_so_on_every_page(model, ew, tmp_path, update, headers):
    document = _document(write_report(model, ew.model_copy(update=update), tmp_path / "r.docx"))
    assert [_header_text(s) for s in document.sections] == [
        f"{m} · England & Wales · Facing all the Facts self-assessment" if m
        else "England & Wales · Facing all the Facts self-assessment" for m in headers]


def test_a_new_hungarian_assessment_is_a_draft_in_hungarian_words(tmp_path, monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("FFGRID_DB", str(tmp_path / "none.sqlite"))  # no database: the bundled example figures
    yaml, out = tmp_path / "hu.yaml", tmp_path / "hu.docx"
    assert cli.main(["new", "--profile", "hu", "--date", "2026-03", "--author", "Kovács Zsófia",
                     "-o", str(yaml)]) == 0
    assert cli.main(["report", str(yaml), "-o", str(out)]) == 0
    document = _document(out)
    assert _header_text(document.sections[0]).startswith("TERVEZET · Magyarország · ")  # in the assessment's language
    assert document.core_properties.language == "hu" and document.core_properties.author == "Kovács Zsófia"
    assert [p.text for p in document.paragraphs[:2]] == ["TERVEZET", "Magyarország"]  # the cover's stamp
    assert "Még egyetlen vonal sincs pontozva." in [p.text for p in document.paragraphs]  # no empty table of the weakest


def test_a_profile_in_the_file_gives_its_language(method, tmp_path):
    profile = method.profiles["hu"].model_copy(update={"code": "hx", "languages": ("de", "hu")})
    assessment = blank_assessment(method, profile, "2026", None, "test")
    document = _document(write_report(method.for_assessment(assessment), assessment, tmp_path / "r.docx"))
    assert document.core_properties.language == "de"
