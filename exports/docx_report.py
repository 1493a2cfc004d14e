"""The country report as an editable Word document (python-docx), with the same sections as the PDF."""

from __future__ import annotations

import io
import re
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any, Sequence

from docx import Document
from docx.shared import Mm

from exports.report_data import SOURCE_HEADINGS, DataSection
from exports.systems_map import render
from exports.xml_text import clipped, shown
from framework import Assessment
from framework.review import Comment
from scoring.countries import CountryTable

CORE_MAX = 255  # characters in a core property (the title Word shows in File > Info)

SECTIONS = ("Summary", "The grid", "Relationships", "Recommendations and action plan", "Data", "Annex: standards",
            "Methodology and definitions")


def _table(doc: Any, header: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
    table = doc.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header):
        cell.text = text
        for run in cell.paragraphs[0].runs:
            run.bold = True
    for row in rows:
        for cell, value in zip(table.add_row().cells, row):
            cell.text = "" if value is None else str(value)


def _text(doc: Any, text: str | None) -> None:
    for block in re.split(r"\n\s*\n", (text or "").strip()) or ["Not described."]:
        lines = [ln.strip() for ln in block.splitlines() if ln.strip()]
        if lines and all(ln.startswith(("- ", "* ")) for ln in lines):
            for ln in lines:
                doc.add_paragraph(ln[2:], style="List Bullet")
        elif lines:
            doc.add_paragraph(" ".join(lines))
    if not (text or "").strip():
        doc.add_paragraph("Not described.")


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
            doc.add_picture(io.BytesIO(b.png()), width=Mm(150))
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


def write_docx(c: dict[str, Any], path: Path) -> Path:
    """Write the report built by `report_context` (of `shown_assessment` and `shown_comments`) as DOCX (text
    is set as text: nothing is interpreted). The title property is cut to its limit; the body has it all."""
    a, model, word, mark = c["a"], c["model"], c["word"], c["mark"]
    rating = lambda ln: f"{mark[ln.rating]} {word[ln.rating]}"  # noqa: E731
    doc = Document()
    doc.core_properties.title = clipped(f"{a.country} {a.date} – Facing all the Facts self-assessment", CORE_MAX)
    doc.add_heading(a.country, level=0)
    for text in (a.title, f"Assessment date: {a.date}", f"Assessors: {a.author}",
                 f"Method: {model.framework.name}, model version {model.version}"):
        doc.add_paragraph(text)
    if a.illustrative:
        doc.add_paragraph("Illustrative example, not an official assessment.").runs[0].bold = True
    doc.add_page_break()

    doc.add_heading(SECTIONS[0], level=1)
    _table(doc, [f"{mark[r]} {word[r]}" for r in c["counts"]], [list(c["counts"].values())])
    doc.add_picture(io.BytesIO(render(c["map_dot"], "png")), width=Mm(170))
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
                doc.add_paragraph(crit.text + (f" (standards {', '.join(map(str, crit.standards))})"
                                               if crit.standards else ""), style="List Bullet")
            doc.add_heading(f"{dim}: national situation", level=3)
            _text(doc, getattr(line.situation, dim.lower()) if line else None)
        if line and line.evidence:
            doc.add_heading("Evidence", level=3)
            for e in line.evidence:
                doc.add_paragraph(e.title + (f": {e.note}" if e.note else "") + (f" ({e.url})" if e.url else ""),
                                  style="List Bullet")
        thread = c["threads"].get(s.id, [])
        if (line and line.comments) or thread:
            doc.add_heading("Reviewer comments", level=3)
            for comment in (line.comments if line else ()):
                doc.add_paragraph(comment, style="List Bullet")
            for t in thread:
                sent_back = " (sent back)" if t.kind == "sent_back" else ""
                doc.add_paragraph(f"{t.author}, {t.at:%Y-%m-%d}{sent_back}: {t.text}", style="List Bullet")

    doc.add_heading(SECTIONS[3], level=1)
    _plan(doc, c)

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
    doc.save(str(path))
    return path
