"""The country report as an editable Word document (python-docx), with the same sections as the PDF."""

from __future__ import annotations

import io
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any, Sequence

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm
from docx.text.paragraph import Paragraph

from base.rich_text import Block, Run, allowed, blocks
from exports.docx_parts import a4, contents, describe, field, language, link, repeat_header, restart_numbering
from exports.report import HEADER_MAX, one_line
from exports.report_data import SOURCE_HEADINGS, DataSection
from exports.systems_map import render
from exports.xml_text import clipped, shown
from framework import Assessment, Model
from framework.model import citing
from framework.profile import Profile
from framework.review import Comment
from scoring.countries import CountryTable

CORE_MAX = 255  # characters in a core property (the title Word shows in File > Info)

RUNNING = "Facing all the Facts self-assessment"
LISTS = {False: ("List Bullet", "List Bullet 2", "List Bullet 3"),  # by depth, numbered or not
         True: ("List Number", "List Number 2", "List Number 3")}
SITUATION_HEADINGS = 4  # a heading in a national-situation text sits below its "…: national situation" (3)

SECTIONS = ("Summary", "The grid", "Relationships", "Recommendations and action plan", "Data", "Annex: standards",
            "Methodology and definitions")


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
            cell.text = "" if value is None else str(value)
    repeat_header(table)


def _picture(doc: Any, png: bytes, width_mm: float, title: str, description: str) -> None:
    """A picture with its text alternative (title and description), kept on the page of what follows
    (its caption or its table)."""
    describe(doc.add_picture(io.BytesIO(png), width=Mm(width_mm)), title, description)
    doc.paragraphs[-1].paragraph_format.keep_with_next = True


def _caption(doc: Any, text: str) -> None:
    """A numbered figure caption ("Figure 1. …", a SEQ field Word renumbers)."""
    p = doc.add_paragraph(style="Caption")
    p.add_run("Figure ")
    field(p, "SEQ Figure \\* ARABIC", str(sum(1 for q in doc.paragraphs if q.style.name == "Caption")))
    p.add_run(f". {text}")


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
        doc.add_paragraph("Not described.")


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
    """Recommendations, the action plan by status, targets with their gaps, measures of success."""
    plan, model, label = c["plan"], c["model"], c["status_label"]
    if plan.empty():
        doc.add_paragraph("No recommendations, actions or targets have been recorded for this assessment.")
        return
    if plan.illustrative:
        doc.add_paragraph(f"Example, not official. {plan.note}").runs[0].bold = True
    doc.add_heading("Recommendations", level=2)
    _table(doc, ["Relationship", "To", "Priority", "Recommendation"],
           [[model.relationships[r.relationship].title, model.label(r.to), r.priority, r.text]
            for r in plan.recommendations])
    doc.add_heading("Action plan: status report", level=2)
    for status, actions in c["actions_by_status"].items():
        if actions:
            doc.add_heading(f"Key actions {label[status].lower()}", level=3)
            for x in actions:
                steps = " → ".join(f"{label[h.status]} {h.date}" + (f": {h.note}" if h.note else "") for h in x.history)
                doc.add_paragraph(f"{x.number}. {x.title} ({x.owner}{f', due {x.due}' if x.due else ''}). {steps}")
    if c["gaps"]:
        doc.add_heading("Targets", level=2)
        doc.add_paragraph(f"Towards targets: {c['percent_to_target']}%. Points still to gain: {c['total_gap']}.")
        _table(doc, ["Line", "Now", "Target", "Gap"],
               [[g.line.title + (f" ({g.line.strand})" if g.line.strand else ""), f"{g.line.framework}+{g.line.action}",
                 f"{g.target.framework}+{g.target.action}", "N/A" if g.na else ("met" if g.met else g.gap)]
                for g in c["gaps"]])
        if c["target_dot"]:
            country = c["a"].country
            _picture(doc, render(c["target_dot"], "png"), 170, f"Gap-to-target map of {country}",
                     f"Gap-to-target map of {country}: each relationship drawn as a line styled by its gap to "
                     "its target and labelled with its scores now and the target; the table above gives every "
                     "gap in words.")
            _caption(doc, f"Gap to target: {country}'s lines styled by how far each is from its target.")
    if c["measures"]:
        doc.add_heading("Measures of success", level=2)
        _table(doc, c["measure_headings"], c["measure_rows"])
        doc.add_paragraph(c["measure_note"])


def _data(doc: Any, data: DataSection | None) -> None:
    """The data section: each chart as a picture, its table, definition and sources; then all sources."""
    if data is None:
        doc.add_paragraph("No figures were given for this report.")
        return
    if data.note:
        doc.add_paragraph(data.note)
        return
    doc.add_paragraph(data.intro)
    for b in data.blocks:
        doc.add_heading(b.title, level=2)
        if b.chart:
            _picture(doc, b.png(), 150, b.title, f"Chart: {b.title}"
                     + ("; the table below gives the figures." if b.rows else "."))
        if b.rows:
            _table(doc, b.headings, b.rows)
        for note in b.notes:
            doc.add_paragraph(note)
        doc.add_paragraph(b.definition)
        doc.add_paragraph(f"Source{'s' if len(b.publications) > 1 else ''}: " + "; ".join(b.publications) + ".")
    doc.add_heading("Sources and editions", level=2)
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
    doc.add_heading("Annex: countries side by side", level=1)
    doc.add_paragraph("Each line of the method rated in each assessment; a line that is not part of a country's "
                      "system reads × ABSENT, with the reason listed below.")
    changes = any(r.moves for r in table.rows)
    _table(doc, ["Line", "Strand", *table.headings, *(["Changes"] if changes else [])],
           [[r.line, r.strand, *(c.text for c in r.cells), *(["; ".join(r.moves)] if changes else [])]
            for r in table.rows])
    doc.add_heading("Counts per country", level=2)
    _table(doc, ["Lines", *table.headings], [[word, *counts] for word, counts in table.counts])
    absent = table.absent()
    if absent:
        doc.add_heading("Lines absent from a country's system", level=2)
        _table(doc, ["Assessment", "Line", "Why"],
               [[h, r.line + (f" ({r.strand})" if r.strand else ""), f"× ABSENT: {why}"] for h, r, why in absent])


def shown_comments(comments: Iterable[Comment]) -> list[Comment]:
    return [replace(c, author=shown(c.author), text=shown(c.text)) for c in comments]


def marks(a: Assessment) -> list[str]:
    """What each page's header says the assessment is not: SAMPLE (illustrative), DRAFT (not yet validated)."""
    return (["SAMPLE"] if a.illustrative else []) + (["DRAFT"] if a.status in ("draft", "submitted") else [])


def report_language(a: Assessment, model: Model) -> str:
    """The report's language: the first of its profile's languages (the profile in the file, or the
    shipped one its code names, which the model is of), else English."""
    profile = a.profile if isinstance(a.profile, Profile) else model.profile
    if profile is not None and a.profile_code == profile.code and profile.languages:
        return profile.languages[0]
    return "en"


def _running(section: Any, country: str, words: Sequence[str], first: bool = False) -> None:
    """A section's running header (its marks, the country, the method) and footer "Page X of Y"; the
    cover (the first page of the first section) has neither."""
    section.different_first_page_header_footer = first
    if first:
        section.first_page_header.is_linked_to_previous = False
        section.first_page_footer.is_linked_to_previous = False
    header = section.header
    header.is_linked_to_previous = False
    p = header.paragraphs[0]
    if words:
        p.add_run(" · ".join(words) + " · ").bold = True
    p.add_run(f"{one_line(country, HEADER_MAX)} · {RUNNING}")
    if first:
        footer = section.footer
        footer.is_linked_to_previous = False
        p = footer.paragraphs[0]
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.add_run("Page ")
        field(p, "PAGE", "1")
        p.add_run(" of ")
        field(p, "NUMPAGES", "1")


def _new_section(doc: Any, country: str, words: Sequence[str]) -> None:
    """A new section from a new page, with its own header words (the footer carries on)."""
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    _running(section, country, words)


def write_docx(c: dict[str, Any], path: Path) -> Path:
    """Write the report built by `report_context` (of `shown_assessment` and `shown_comments`) as DOCX, A4:
    a cover, contents (a field Word fills), running headers saying SAMPLE or DRAFT where it applies, page
    numbers; user text's Markdown as Word formatting with real links (nothing else interpreted); every
    map and chart with its description. The core properties are cut to their limit; the body has it all."""
    a, model, word, mark = c["a"], c["model"], c["word"], c["mark"]
    rating = lambda ln: f"{mark[ln.rating]} {word[ln.rating]}"  # noqa: E731
    doc = Document()
    props = doc.core_properties
    props.title = clipped(f"{a.country} {a.date} – {RUNNING}", CORE_MAX)
    props.subject = clipped(f"{model.framework.name}: {a.country}", CORE_MAX)
    props.author = props.last_modified_by = clipped(a.author, CORE_MAX)
    props.comments = clipped(" · ".join([*marks(a), a.title]), CORE_MAX)  # not python-docx's "generated by"
    language(doc, report_language(a, model))
    a4(doc.sections[0])
    words = marks(a)
    _running(doc.sections[0], a.country, words, first=True)

    doc.add_heading(a.country, level=0)
    for text in (a.title, f"Assessment date: {a.date}", f"Assessors: {a.author}",
                 f"Method: {model.framework.name}, model version {model.version}"):
        doc.add_paragraph(text)
    if a.illustrative:
        doc.add_paragraph("Illustrative example, not an official assessment.").runs[0].bold = True
    if "DRAFT" in words:
        doc.add_paragraph(f"Draft: this assessment is {a.status}, not yet validated.").runs[0].bold = True
    doc.add_page_break()
    doc.add_paragraph("Contents", style="TOC Heading")
    contents(doc)
    doc.add_page_break()

    doc.add_heading(SECTIONS[0], level=1)
    _table(doc, [f"{mark[r]} {word[r]}" for r in c["counts"]], [list(c["counts"].values())])
    _picture(doc, render(c["map_dot"], "png"), 170, f"Systems map of {a.country}",
             f"Systems map of {a.country}: each relationship drawn as a line styled by its rating; the grid "
             "table gives every rating in words.")
    _caption(doc, f"Systems map of {a.country}: each relationship as a line styled by its rating.")
    doc.add_heading("The five weakest relationships", level=2)
    _table(doc, ["Relationship", "Framework", "Action", "Rating"],
           [[ln.title + (f" ({ln.strand})" if ln.strand else ""), ln.framework, ln.action, rating(ln)]
            for ln in c["weakest"]])

    doc.add_heading(SECTIONS[1], level=1)
    _table(doc, ["Row", "Relationship", "Strand", "Framework", "Action", "Rating"],
           [[ln.grid_row, ln.title, ln.strand or "", ln.framework, ln.action, rating(ln)] for ln in c["lines"]])

    doc.add_heading(SECTIONS[2], level=1)
    for s in c["sections"]:
        rel, line = model.relationships[s.id], c["line_of"].get(s.id)
        doc.add_heading(f"{s.grid_row}. {s.title}" if s.grid_row else s.title, level=2)
        doc.add_paragraph(f"{s.from_label} and {s.to_label}")
        _table(doc, ["Strand", "Framework", "Action", "Rating"],
               [[ln.strand or "all", ln.framework, ln.action, rating(ln) + (f": {ln.na_reason}" if ln.na_reason else "")]
                for ln in s.scored])
        for dim, criteria in (("Framework", rel.framework_criteria), ("Action", rel.action_criteria)):
            doc.add_heading(f"{dim}: criteria", level=3)
            for crit in criteria:
                doc.add_paragraph(crit.cited, style="List Bullet")
            doc.add_heading(f"{dim}: national situation", level=3)
            _text(doc, getattr(line.situation, dim.lower()) if line else None)
        if line and line.evidence:
            doc.add_heading("Evidence", level=3)
            for e in line.evidence:
                _item(doc, e.title + (": " if e.note else ""), e.note, (e.url or "", e.url),
                      citing(e.standards))
        thread = c["threads"].get(s.id, [])
        if (line and line.comments) or thread:
            doc.add_heading("Reviewer comments", level=3)
            for comment in (line.comments if line else ()):
                _item(doc, "", comment)
            for t in thread:
                sent_back = " (sent back)" if t.kind == "sent_back" else ""
                _item(doc, f"{t.author}, {t.at:%Y-%m-%d}{sent_back}: ", t.text)

    sample_plan = c["plan"].illustrative and "SAMPLE" not in words
    if sample_plan:  # the sample plan's pages say so in their header
        _new_section(doc, a.country, ["SAMPLE", *words])
    doc.add_heading(SECTIONS[3], level=1)
    _plan(doc, c)
    if sample_plan:
        _new_section(doc, a.country, words)

    doc.add_heading(SECTIONS[4], level=1)
    _data(doc, c["data"])

    doc.add_heading(SECTIONS[5], level=1)
    _table(doc, ["No.", "Standard", "Cited by"],
           [[sid, model.standards[sid].text or "Text to be entered.",
             "; ".join(f"{ln.title}: {word[ln.rating]}" for ln in roll.lines) or "none"]
            for sid, roll in c["standards"].items()])

    if c.get("countries"):
        _countries(doc, c["countries"])

    doc.add_heading(SECTIONS[6], level=1)
    _table(doc, ["Rating", "Total score", "Meaning"],
           [[f"{mark[b.id]} {word[b.id]}", f"{b.min}-{b.max}", b.meaning] for b in model.framework.rating_bands])
    for d in model.framework.score_scale.dimensions:
        doc.add_heading(f"{d.label} scores", level=2)
        _table(doc, ["Score", "Meaning"], [[v, meaning] for v, meaning in d.levels.items()])
    for section in doc.sections:
        a4(section)
    doc.save(str(path))
    return path
