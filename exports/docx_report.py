"""The country report as an editable Word document (python-docx), with the same sections as the PDF."""

from __future__ import annotations

import io
import re
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any, Sequence

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.text.paragraph import Paragraph

from base.i18n import N_, _, ngettext
from base.rich_text import Block, Run, allowed, blocks
from exports.citations import readable_date, used_in
from exports.docx_parts import A4, a4, contents, describe, field, language, link, repeat_header, restart_numbering
from exports.map_print import printed_box
from exports.report import HEADER_MAX, map_figures, one_line
from exports.report_data import SOURCE_HEADINGS, DataSection
from exports.systems_map import render
from exports.xml_text import clipped, shown
from framework import Assessment, Model
from framework.model import citing
from framework.review import Comment
from scoring.countries import CountryTable
from scoring.ratings import score_text

MAP_MARGINS = {"top": Mm(14), "right": Mm(10), "bottom": Mm(12), "left": Mm(10)}  # as the PDF's @page map
MAP_DPI = 200  # the maps' pictures: sharp in print
CORE_MAX = 255  # characters in a core property (the title Word shows in File > Info)

RUNNING = N_("Facing all the Facts self-assessment")  # the running header (translate with _)
LISTS = {False: ("List Bullet", "List Bullet 2", "List Bullet 3"),  # by depth, numbered or not
         True: ("List Number", "List Number 2", "List Number 3")}
SITUATION_HEADINGS = 4  # a heading in a national-situation text sits below its "…: national situation" (3)

SECTIONS = (N_("Imprint"), N_("Summary of ratings"), N_("Key findings"), N_("The grid"), N_("Relationships"),
            N_("Recommendations and action plan"), N_("Data"), N_("Annex: standards"),
            N_("Methodology and definitions"))  # the document's level-1 sections (in English: translate with _)


class Markdown(str):
    """A table cell's user text, written with its Markdown formatting (and links)."""


def _table(doc: Any, header: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
    """A table with a bold header row that repeats on each page; no row splits across pages."""
    table = doc.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header):
        cell.text = text
        for run in cell.paragraphs[0].runs:
            run.bold = True
    for row in rows:
        for cell, value in zip(table.add_row().cells, row):
            if isinstance(value, Markdown) and blocks(value):
                _blocks(cell, blocks(value))
                first = cell.paragraphs[0]
                first._p.getparent().remove(first._p)  # the cell's own empty paragraph
            else:
                cell.text = "" if value is None else str(value)
    repeat_header(table)


def _picture(doc: Any, png: bytes, width_mm: float, title: str, description: str) -> None:
    """A picture with its text alternative (title and description), kept on the page of what follows
    (its caption or its table)."""
    describe(doc.add_picture(io.BytesIO(png), width=Mm(width_mm)), title, description)
    doc.paragraphs[-1].paragraph_format.keep_with_next = True


def _caption(doc: Any, text: str) -> None:
    """A figure's caption ("Map 1: …"), in Word's Caption style."""
    doc.add_paragraph(text, style="Caption")


def _png_size(png: bytes) -> tuple[int, int]:
    """Width and height in pixels, from the PNG's header."""
    return int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")


def _map(doc: Any, c: dict[str, Any], m: Any, mark: str) -> None:
    """A numbered map on its own landscape page, as large as the PDF's (so its texts print at the same
    size, 7 pt or more), with its key and caption; the pages after it are portrait again."""
    country = c["a"].country
    section = _new_section(doc, country, mark)
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = A4[1], A4[0]
    for side, value in MAP_MARGINS.items():
        setattr(section, f"{side}_margin", value)
    png = render(m.dot, "png", dpi=MAP_DPI)
    width, height = _png_size(png)
    box_w, box_h = printed_box()
    scale = min(box_w / width, box_h / height)  # points per pixel, the map shown whole in the PDF's box
    picture = doc.add_picture(io.BytesIO(png), width=Pt(width * scale), height=Pt(height * scale))
    describe(picture, m.caption, m.alt)
    doc.paragraphs[-1].paragraph_format.keep_with_next = True
    key = doc.add_paragraph()
    key.paragraph_format.keep_with_next = True
    for colour, stroke, text in m.key:
        run = key.add_run(stroke)
        run.bold, run.font.color.rgb = True, RGBColor.from_string(colour.lstrip("#").upper()[:6])
        key.add_run(f" {text}    ")
    _caption(doc, m.caption)
    _new_section(doc, country, mark)


def _runs(paragraph: Paragraph, runs: Iterable[Run], bold: bool = False) -> None:
    """Formatted runs of user text: bold, italic, struck, code; links to http, https and mailto only."""
    for r in runs:
        text = shown(r.text)
        run = link(paragraph, r.href, text) if r.href and allowed(r.href) else paragraph.add_run(text)
        if r.bold or bold:
            run.bold = True
        if r.italic:
            run.italic = True
        if r.strike:
            run.font.strike = True
        if r.code:
            run.font.name = "Courier New"


def _blocks(doc: Any, found: Iterable[Block], heading_level: int | None = None, depth: int = 0) -> None:
    """Blocks of user text as Word paragraphs: headings at `heading_level` and below (bold paragraphs if
    None), list items in Word's list styles (nested `depth` deeper), quotes, code."""
    last: dict[int, int] = {}  # the last number given at each depth of the list being written
    for b in found:
        if b.kind != "item":
            last.clear()
        if b.kind == "heading" and heading_level:
            _runs(doc.add_heading(level=min(9, heading_level + b.level - 1)), b.runs)
        elif b.kind == "item":
            level = min(b.level + depth, 3)
            p = doc.add_paragraph(style=LISTS[b.numbered][level - 1])
            if b.numbered and last.get(level) != b.number - 1:
                restart_numbering(p, b.number)
            last = {k: v for k, v in last.items() if k <= level} | {level: b.number}
            _runs(p, b.runs)
        elif b.kind == "quote":
            _runs(doc.add_paragraph(style="Quote"), b.runs)
        else:
            p = doc.add_paragraph(style="List Continue" if depth else None)
            _runs(p, b.runs, bold=b.kind == "heading")
            if b.kind == "code":
                p.paragraph_format.left_indent = Mm(5)


def _text(doc: Any, text: str | None) -> None:
    """A national-situation text (Markdown) with its formatting, lists, links and headings."""
    found = blocks(text)
    if found:
        _blocks(doc, found, SITUATION_HEADINGS)
    else:
        doc.add_paragraph(_("Not described."))


def _item(doc: Any, lead: str, text: str | None, after: tuple[str, str | None] = ("", None),
          end: str = "") -> None:
    """A bullet: `lead`, then user text (Markdown, its first paragraph on the same line), then `after`'s
    words linked to its address (if any), then `end`; the text's other blocks follow, indented."""
    p = doc.add_paragraph(lead, style="List Bullet")
    rest = blocks(text)
    if rest and rest[0].kind == "paragraph":
        _runs(p, rest[0].runs)
        rest = rest[1:]
    words, url = after
    if words:
        p.add_run(" (")
        if url and allowed(url):
            link(p, url, words)
        else:
            p.add_run(words)
        p.add_run(")")
    if end:
        p.add_run(f" {end}")
    _blocks(doc, rest, depth=1)


def _plan(doc: Any, c: dict[str, Any]) -> None:
    """Recommendations, the action plan by status, targets with their gaps and map, measures of success."""
    plan, model, label = c["plan"], c["model"], c["status_label"]
    if plan.empty():
        doc.add_paragraph(_("No recommendations, actions or targets have been recorded for this assessment."))
        return
    if plan.illustrative:
        p = doc.add_paragraph()
        p.add_run(_("Sample plan: an example, not official.")).bold = True
        p.add_run(" Its recommendations, actions, targets and measures below are all part of the example. "
                  + (plan.note or ""))
    elif plan.note:
        doc.add_paragraph(plan.note)
    doc.add_heading(_("Recommendations"), level=2)
    _table(doc, [_("Relationship"), _("To"), _("Priority"), _("Recommendation"), _("Actions")],
           [[model.relationships[r.relationship].title, model.label(r.to), r.priority.capitalize(), Markdown(r.text),
             ", ".join(str(x.number) for x in plan.actions if r.id in x.recommendations)]
            for r in plan.recommendations])
    doc.add_heading(_("Action plan: status report"), level=2)
    for status, actions in c["actions_by_status"].items():
        if actions:
            doc.add_heading(_("Key actions: %(status)s") % {"status": label[status].lower()}, level=3)
            for x in actions:
                owner = model.label(x.owner) if x.owner in model.actors else x.owner
                steps = " → ".join(f"{label[h.status]} {h.date}" + (f": {h.note}" if h.note else "") for h in x.history)
                p = doc.add_paragraph(style="List Bullet")
                p.add_run(f"{x.number}. {x.title}").bold = True
                p.add_run(f" ({owner}{f', due {x.due}' if x.due else ''}). {steps}")
    if c["gaps"]:
        doc.add_heading(_("Targets"), level=2)
        share = c["percent_to_target"]
        p = doc.add_paragraph(_("Towards targets:") + " ")
        p.add_run("–%" if share is None else f"{share:.1f}%").bold = True
        p.add_run(f" {c['targets_explained']} Points still to gain: ")
        p.add_run(str(c["total_gap"])).bold = True
        p.add_run(".")
        _table(doc, [_("Line"), _("Now (framework+action)"), _("Target"), _("Points to gain")],
               [[c["line_name"](g.line), f"{score_text(g.line.framework)}+{score_text(g.line.action)}",
                 f"{g.target.framework}+{g.target.action}", "N/A" if g.na else ("met" if g.met else g.gap)]
                for g in c["gaps"]])
        if len(c["maps"]) > 1:
            _map(doc, c, c["maps"][1], c["plan_mark"])
    if c["measures"]:
        doc.add_heading(_("Measures of success"), level=2)
        _table(doc, c["measure_headings"], c["measure_rows"])
        _note(doc, c["measure_note"])


def _note(doc: Any, text: str) -> None:
    """A note under a table or chart, in the smaller type the PDF gives it."""
    p = doc.add_paragraph(text)
    for run in p.runs:
        run.font.size = Pt(9)


def _data(doc: Any, data: DataSection | None) -> None:
    """The data section: each chart as a picture, its table, definition and sources; then all sources."""
    if data is None:
        doc.add_paragraph(_("No figures were given for this report."))
        return
    if data.note:
        doc.add_paragraph(data.note)
        return
    doc.add_paragraph(data.intro)
    for b in data.blocks:
        doc.add_heading(b.title, level=2)
        if b.chart:
            _picture(doc, b.png(), 150, b.title, b.alt)
        if b.rows:
            _table(doc, b.headings, b.rows)
        for note in b.notes:
            _note(doc, note)
        _note(doc, b.definition)
        _note(doc, ngettext("Source: %(list)s.", "Sources: %(list)s.", len(b.publications))
              % {"list": "; ".join(b.publications)})
    doc.add_heading(_("Sources and editions"), level=2)
    _table(doc, SOURCE_HEADINGS, data.sources)


def _shown_values(value: Any) -> Any:
    if isinstance(value, str):
        return shown(value)
    if isinstance(value, dict):
        return {k: _shown_values(v) for k, v in value.items()}
    return [_shown_values(v) for v in value] if isinstance(value, list) else value


def shown_assessment(assessment: Assessment) -> Assessment:
    """The assessment with every text as the DOCX can hold it (`xml_text.shown`: control characters as spaces)."""
    return Assessment.model_validate(_shown_values(assessment.as_data()))


def shown_table(table: CountryTable) -> CountryTable:
    """The countries' heatmap with every text as the DOCX can hold it."""
    rows = tuple(replace(r, line=shown(r.line), strand=shown(r.strand), moves=tuple(map(shown, r.moves)),
                         cells=tuple(replace(c, reason=shown(c.reason)) for c in r.cells)) for r in table.rows)
    return replace(table, headings=tuple(map(shown, table.headings)), rows=rows)


def _countries(doc: Any, table: CountryTable) -> None:
    """The annex setting the countries side by side: the heatmap in words, the counts, the absent lines."""
    doc.add_heading(_("Annex: countries side by side"), level=1)
    doc.add_paragraph(_("Each line of the method rated in each assessment: the rating's shape and word in every cell (the "
                        "colour only repeats it). A line that is not part of a country's system reads × ABSENT; why is "
                        "listed below the table."))
    changes = any(r.moves for r in table.rows)
    _table(doc, [_("Line"), _("Strand"), *table.headings, *([_("Changes")] if changes else [])],
           [[r.line, r.strand, *(c.text for c in r.cells), *(["; ".join(r.moves)] if changes else [])]
            for r in table.rows])
    doc.add_heading(_("Counts per country"), level=2)
    _table(doc, [_("Lines"), *table.headings], [[word, *counts] for word, counts in table.counts])
    absent = table.absent()
    if absent:
        doc.add_heading(_("Lines absent from a country's system"), level=2)
        _table(doc, [_("Assessment"), _("Line"), _("Why")],
               [[h, r.line + (f" ({r.strand})" if r.strand else ""), "× " + _("ABSENT") + f": {why}"]
                for h, r, why in absent])


def shown_comments(comments: Iterable[Comment]) -> list[Comment]:
    return [replace(c, author=shown(c.author), text=shown(c.text)) for c in comments]


def _running(section: Any, country: str, mark: str, first: bool = False) -> None:
    """A section's running header (its marks, the country, the method) and footer "Page X of Y"; the
    cover (the first page of the first section) has neither."""
    section.different_first_page_header_footer = first
    if first:
        section.first_page_header.is_linked_to_previous = False
        section.first_page_footer.is_linked_to_previous = False
    header = section.header
    header.is_linked_to_previous = False
    p = header.paragraphs[0]
    if mark:
        p.add_run(f"{mark} · ").bold = True
    p.add_run(f"{one_line(country, HEADER_MAX)} · " + _(RUNNING))
    if first:
        footer = section.footer
        footer.is_linked_to_previous = False
        p = footer.paragraphs[0]
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        for i, part in enumerate(re.split(r"\{(pages?)\}", _("Page {page} of {pages}"))):
            if i % 2:  # a page number Word fills in
                field(p, "PAGE" if part == "page" else "NUMPAGES", "1")
            elif part:
                p.add_run(part)


def _new_section(doc: Any, country: str, mark: str) -> Any:
    """A new A4 portrait section from a new page, with its own header words (the footer carries on)."""
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    a4(section)
    _running(section, country, mark)
    return section


def _cover(doc: Any, c: dict[str, Any]) -> None:
    """The cover: the stamp (SAMPLE, DRAFT), country, title, date, assessors, method."""
    a, model = c["a"], c["model"]
    if c["doc_mark"]:
        doc.add_paragraph().add_run(c["doc_mark"]).bold = True
    doc.add_heading(a.country, level=0)
    for text in (a.title, _("Assessment date: %(date)s") % {"date": readable_date(a.date)},
                 _("Assessors: %(names)s") % {"names": a.author},
                 _("Method: %(method)s, model version %(version)s") % {"method": model.framework.name,
                                                                        "version": model.version}):
        doc.add_paragraph(text)
    if a.illustrative:
        doc.add_paragraph().add_run(_("Illustrative example, not an official assessment.")).bold = True
    if c["draft"]:
        doc.add_paragraph().add_run(_("Draft: not yet validated by a reviewer (%(status)s).")
                                    % {"status": c["status_words"]}).bold = True
    if a.source:
        _note(doc, _("Source: %(source)s") % {"source": a.source})
    doc.add_page_break()


def _imprint(doc: Any, c: dict[str, Any]) -> None:
    """The imprint: the assessment's metadata, acknowledgements, disclaimer."""
    imprint = c["imprint"]
    doc.add_heading(_("Imprint"), level=1)
    _table(doc, ["_(", ")"], [[label, Markdown(text) if md else text] for label, text, md in c["imprint_rows"]])
    for heading, text in ((_("Acknowledgements"), imprint.acknowledgements), (_("Disclaimer"), imprint.disclaimer)):
        if text:
            doc.add_heading(heading, level=2)
            _blocks(doc, blocks(text), 3)
    _note(doc, _("Made with ffgrid. Texts written by the assessors are theirs; findings marked as generated are "
                 "derived from the scores by ffgrid."))
    doc.add_page_break()


def _contents(doc: Any, c: dict[str, Any]) -> None:
    """The contents (a field Word fills) and the list of maps."""
    doc.add_paragraph(_("Contents"), style="TOC Heading")
    contents(doc)
    doc.add_paragraph(_("List of maps"), style="TOC Heading")
    for m in c["maps"]:
        doc.add_paragraph(m.caption)
    doc.add_page_break()


def _narrative(doc: Any, c: dict[str, Any], key: str) -> None:
    """One of the assessors' sections (executive summary, introduction, conclusions)."""
    doc.add_heading(c["SECTIONS"][key], level=1)
    _blocks(doc, blocks(c["texts"].section(key)), 2)


def _summary(doc: Any, c: dict[str, Any]) -> None:
    """Counts by rating, the systems map, the five weakest lines."""
    word, mark = c["word"], c["mark"]
    doc.add_heading(_("Summary of ratings"), level=1)
    _table(doc, [f"{mark[r]} {word[r]}" for r in c["counts"]],
           [[f"{n} {'line' if n == 1 else 'lines'}" for n in c["counts"].values()]])
    _map(doc, c, c["maps"][0], c["doc_mark"])
    doc.add_heading(_("The five weakest relationships"), level=2)
    if not c["weakest"]:
        doc.add_paragraph(_("No line has been scored yet."))
        return
    _table(doc, [_("Relationship"), _("Framework (0-3)"), _("Action (0-3)"), _("Rating")],
           [[c["line_name"](ln), ln.framework, ln.action, c["rating"](ln)] for ln in c["weakest"]])
    _note(doc, _("Weakest: the lowest total of the two scores; where totals are equal, the lower action score, "
                 "then the order of the grid."))


def _findings(doc: Any, c: dict[str, Any]) -> None:
    """Key findings: the assessors' own, then those generated from the scores, marked as such."""
    doc.add_heading(_("Key findings"), level=1)
    if c["texts"].key_findings:
        _blocks(doc, blocks(c["texts"].key_findings), 2)
    doc.add_heading(_("Findings generated from the scores"), level=2)
    _note(doc, _("Generated by ffgrid from the ratings and from %(previous)s, not written by the assessors: read them "
                 "beside their texts.") % {"previous": c["previous_name"]} if c["previous_name"] else
          _("Generated by ffgrid from the ratings, not written by the assessors: read them beside their texts."))
    for f in c["findings"]:
        doc.add_paragraph(f.text, style="List Bullet")


def _grid(doc: Any, c: dict[str, Any]) -> None:
    doc.add_heading(_("The grid"), level=1)
    strand = c["model"].strand_label
    _table(doc, [_("Row"), _("Relationship"), _("Strand"), _("Framework (0-3)"), _("Action (0-3)"), _("Rating")],
           [[ln.grid_row or "", ln.title, strand(ln.strand), score_text(ln.framework), score_text(ln.action),
             c["rating"](ln)] for ln in c["lines"]])


def _relationships(doc: Any, c: dict[str, Any]) -> None:
    """Each relationship: its ends, scores, N/A reasons, criteria and situation, evidence, comments."""
    model, strand = c["model"], c["model"].strand_label
    doc.add_heading(_("Relationships"), level=1)
    for s in c["sections"]:
        rel, line = model.relationships[s.id], c["line_of"].get(s.id)
        doc.add_heading(f"{s.grid_row}. {s.title}" if s.grid_row else s.title, level=2)
        ends = doc.add_paragraph()
        ends.paragraph_format.keep_with_next = True
        ends.add_run(s.from_label).bold = True
        ends.add_run(" and ")
        ends.add_run(s.to_label).bold = True
        _table(doc, [_("Strand"), _("Framework (0-3)"), _("Action (0-3)"), _("Rating")],
               [[strand(ln.strand) or _("All strands"), score_text(ln.framework), score_text(ln.action), c["rating"](ln)]
                for ln in s.scored])
        for ln in s.scored:
            if ln.na_reason:
                p = doc.add_paragraph()
                p.add_run(_("Not applicable") + (f" ({strand(ln.strand)})" if ln.strand else "") + ":").bold = True
                p.add_run(f" {ln.na_reason}")
        for dim, criteria, headings in (
                ("framework", rel.framework_criteria, (_("Framework: criteria"), _("Framework: national situation"))),
                ("action", rel.action_criteria, (_("Action: criteria"), _("Action: national situation")))):
            doc.add_heading(headings[0], level=3)
            for crit in criteria:
                doc.add_paragraph(crit.cited, style="List Bullet")
            doc.add_heading(headings[1], level=3)
            _text(doc, getattr(line.situation, dim) if line else None)
        if line and line.evidence:
            doc.add_heading(_("Evidence"), level=3)
            for e in line.evidence:
                n = c["bibliography"].number(e)
                lead = (f"[{n}] " if n else "") + e.title + (f", {e.publisher}" if e.publisher else "") + (
                    f" ({readable_date(e.published)})" if e.published else "")
                _item(doc, lead + (": " if e.note else ""), e.note, (e.url or "", e.url), citing(e.standards))
        thread = c["threads"].get(s.id, [])
        if (line and line.comments) or thread:
            doc.add_heading(_("Reviewer comments"), level=3)
            for comment in (line.comments if line else ()):
                _item(doc, "", comment)
            for t in thread:
                sent_back = " (" + _("sent back") + ")" if t.kind == "sent_back" else ""
                _item(doc, f"{t.author}, {readable_date(f'{t.at:%Y-%m-%d}')}{sent_back}: ", t.text)


def _bibliography(doc: Any, c: dict[str, Any]) -> None:
    """The publications cited as evidence, numbered, with working links."""
    doc.add_heading(_("Bibliography"), level=1)
    doc.add_paragraph(_("The publications cited as evidence, numbered in the order the relationships cite them."))
    for cite in c["bibliography"].citations:
        p = doc.add_paragraph(f"[{cite.number}] ")
        if cite.publisher:
            p.add_run(f"{cite.publisher} ({cite.year}). ")
        p.add_run(cite.title).italic = True
        p.add_run((f" ({cite.year})" if not cite.publisher and cite.published else "") + ". ")
        if cite.url and allowed(cite.url):
            link(p, cite.url, cite.url)
        elif cite.url:
            p.add_run(cite.url)
        if cite.accessed:
            p.add_run(f" (accessed {readable_date(cite.accessed)})")


def _standards(doc: Any, c: dict[str, Any]) -> None:
    """The numbered standards, each with the lines citing it; paraphrases and missing texts said."""
    model = c["model"]
    doc.add_heading(_("Annex: standards"), level=1)
    doc.add_paragraph(_("The numbered standards of the method, each with the lines that cite it.") + " "
                      + c["standards_note"])
    rows = []
    for sid, roll in c["standards"].items():
        std = model.standards[sid]
        text = (std.text + (" (the grid's paraphrase)" if std.text_source == "grid paraphrase" else "")
                if std.text else _("Text still to be entered from the standards document."))
        rows.append([sid, text, "; ".join(f"{c['line_name'](ln)}: {c['word'][ln.rating]}" for ln in roll.lines)
                     or "none"])
    _table(doc, [_("No."), _("Standard"), _("Cited by")], rows)


def _method(doc: Any, c: dict[str, Any]) -> None:
    """How lines are scored and rated."""
    model, word, mark = c["model"], c["word"], c["mark"]
    doc.add_heading(_("Methodology and definitions"), level=1)
    doc.add_paragraph(_("Each relationship between two actors of the hate crime recording and data collection system "
                        "is scored 0-3 for framework (can the two connect: laws, protocols, IT, agreements) and 0-3 "
                        "for action (do they: data recorded, shared, published and used), with evidence tied to "
                        "numbered standards."))
    if c["method_note"]:
        _note(doc, c["method_note"])
    _table(doc, [_("Rating"), _("Total score"), _("Meaning")],
           [*([f"{mark[b.id]} {word[b.id]}", f"{b.min}-{b.max}", b.meaning] for b in model.framework.rating_bands),
            [f"{mark['n/a']} {word['n/a']}", "–", _("Not applicable to this country, with a reason; left out of the counts.")]])
    for d in model.framework.score_scale.dimensions:
        doc.add_heading(_("%(dimension)s scores") % {"dimension": d.label}, level=2)
        _table(doc, [_("Score"), _("Meaning")], [[v, meaning] for v, meaning in d.levels.items()])
    _note(doc, model.framework.source)


def _text_of(doc: Any) -> str:
    """Every word of the document so far (paragraphs and tables)."""
    return " ".join(t.text or "" for t in doc.element.body.iter(qn("w:t")))


def write_docx(c: dict[str, Any], path: Path) -> Path:
    """Write the report built by `report_context` (of `shown_assessment` and `shown_comments`) as DOCX, A4,
    with the PDF's sections in the PDF's order: a cover, imprint, contents (a field Word fills), running
    headers saying SAMPLE or DRAFT where it applies, page numbers; user text's Markdown as Word formatting
    with real links (nothing else interpreted); every map (landscape, as large as the PDF's) and chart with
    its description. The core properties are cut to their limit; the body has it all."""
    a, model = c["a"], c["model"]
    c = dict(c, rating=lambda ln: f"{c['mark'][ln.rating]} {c['word'][ln.rating]}",
             line_name=lambda ln: model.line_name(ln.relationship, ln.strand),
             maps=map_figures(model, a, c["lines"], c["gaps"]))
    doc = Document()
    props = doc.core_properties
    props.title = clipped(f"{a.country} {a.date} – {RUNNING}", CORE_MAX)
    props.subject = clipped(f"{model.framework.name}: {a.country}", CORE_MAX)
    props.author = props.last_modified_by = clipped(a.author, CORE_MAX)
    props.comments = clipped(" · ".join(filter(None, [c["doc_mark"], a.title])), CORE_MAX)  # not python-docx's
    language(doc, c["text_lang"])  # Word checks the assessors' texts in it
    a4(doc.sections[0])
    _running(doc.sections[0], a.country, c["doc_mark"], first=True)

    _cover(doc, c)
    _imprint(doc, c)
    _contents(doc, c)
    for key in c["narrative_before"]:
        _narrative(doc, c, key)
    _summary(doc, c)
    _findings(doc, c)
    _grid(doc, c)
    _relationships(doc, c)
    if c["texts"].conclusions:
        _narrative(doc, c, "conclusions")
    sample_plan = c["plan_mark"] != c["doc_mark"]
    if sample_plan:  # the sample plan's pages say so in their header
        _new_section(doc, a.country, c["plan_mark"])
    doc.add_heading(_("Recommendations and action plan"), level=1)
    _plan(doc, c)
    if sample_plan:
        _new_section(doc, a.country, c["doc_mark"])
    doc.add_heading(_("Data"), level=1)
    _data(doc, c["data"])
    if c["bibliography"].citations:
        _bibliography(doc, c)
    _standards(doc, c)
    if c.get("countries"):
        _countries(doc, c["countries"])
    used = used_in(c["known_abbreviations"], [_text_of(doc)])
    if used:
        doc.add_heading(_("Abbreviations"), level=1)
        _table(doc, [_("Abbreviation"), _("In full")], used)
    _method(doc, c)
    doc.save(str(path))
    return path
