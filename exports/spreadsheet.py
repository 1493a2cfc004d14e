"""The assessment as spreadsheets: an XLSX workbook (grid, evidence, standards, data with provenance)
and a CSV of the grid.

Both keep every character of the text: the CSV as it is, the workbook with control characters as
OOXML's `_xHHHH_` escapes (XML cannot hold them). A workbook cell holds at most 32,767 characters;
longer text (only notes and recommendations may be so long) is cut there, saying so, and is whole in
the YAML export and the reports.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill

from dashboard.areas import of_country
from exports.csv_text import csv_bytes, guard_cell, guard_formulas
from exports.xml_text import ooxml
from framework import Assessment, Model
from scoring import by_standard, score_assessment
from scoring.countries import ABSENT, Comparison, CountryTable
from scoring.ratings import WORD
from scoring.targets import gaps

CELL_MAX = 32_767  # characters in one spreadsheet cell (Excel's limit)
CUT = " … [cut here: a spreadsheet cell holds at most 32,767 characters; the YAML export has the whole text]"


def grid_frame(model: Model, assessment: Assessment) -> pd.DataFrame:
    """One row per line of the map (per strand where scored so), with both scores and the rating word."""
    return pd.DataFrame([{
        "grid_row": ln.grid_row, "relationship": ln.relationship, "title": ln.title, "strand": ln.strand or "",
        "from": model.label(ln.from_), "to": model.label(ln.to), "framework": ln.framework, "action": ln.action,
        "total": ln.total, "rating": WORD[ln.rating], "na_reason": ln.na_reason or "",
    } for ln in score_assessment(model, assessment)])


def evidence_frame(assessment: Assessment) -> pd.DataFrame:
    """Every evidence item with its relationship."""
    return pd.DataFrame([{
        "relationship": line.relationship, "title": e.title, "url": e.url or "", "supports": e.dimension or "",
        "note": e.note or "", "standards": ", ".join(map(str, e.standards)),
    } for line in assessment.lines for e in line.evidence],
        columns=["relationship", "title", "url", "supports", "note", "standards"])


def standards_frame(model: Model, assessment: Assessment) -> pd.DataFrame:
    """Each standard, its text, and the lines citing it with their ratings."""
    rollups = by_standard(model, score_assessment(model, assessment))
    return pd.DataFrame([{
        "standard": sid, "text": model.standards[sid].text or "", "text_source": model.standards[sid].text_source,
        "cited_by": "; ".join(f"{ln.relationship}{f' ({ln.strand})' if ln.strand else ''}: {WORD[ln.rating]}"
                              for ln in r.lines),
        "cited_only_by_red_lines": r.only_red,
    } for sid, r in rollups.items()])


FILL = {"green": "C8E6C9", "amber": "FFE0B2", "red": "FFCDD2", "n/a": "E0E0E0", ABSENT: "F5F5F5"}  # behind the word


def countries_frame(table: CountryTable) -> pd.DataFrame:
    """The Countries sheet: a row per line (title, strand), a column per assessment (shape and word in
    each cell), how lines moved between assessments of one country, then the counts."""
    heads = ["Line", "Strand", *table.headings] + (["Changes"] if any(r.moves for r in table.rows) else [])
    extra = len(heads) - 2 - len(table.headings)
    rows: list[list[object]] = [[r.line, r.strand, *(c.text for c in r.cells), *(["; ".join(r.moves)] * extra)]
                                for r in table.rows]
    rows.append([None] * len(heads))
    rows += [[f"Number of lines: {word}", "", *counts, *([None] * extra)] for word, counts in table.counts]
    return pd.DataFrame(rows, columns=[guard_cell(h) for h in heads], dtype=object)


def _colour_countries(sheet, table: CountryTable) -> None:  # type: ignore[no-untyped-def]
    """Fill each rated cell with its rating's colour (the word stays), and note why a line is absent or N/A."""
    for i, row in enumerate(table.rows, start=2):
        for j, cell in enumerate(row.cells, start=3):
            target = sheet.cell(row=i, column=j)
            if cell.rating in FILL:
                target.fill = PatternFill("solid", fgColor=FILL[cell.rating])
            if cell.rating == ABSENT:
                target.font = Font(color="555555")
            if cell.reason:
                target.comment = Comment(_cell(cell.reason), "ffgrid")
    sheet.freeze_panes = "C2"


def write_workbook(model: Model, assessment: Assessment, path: Path, figures: pd.DataFrame | None = None,
                   compare: Comparison | None = None, method: Model | None = None) -> Path:
    """An XLSX workbook: About, Grid, Evidence, Standards, the plan's sheets, (if given) Data with
    provenance, and (if given a comparison, and the method whose words title its lines) Countries. The
    data and the measures are the assessment's country's figures only."""
    figures = None if figures is None else of_country(figures, model)
    about = pd.DataFrame({"field": ["country", "date", "title", "author", "model version", "illustrative", "source"],
                          "value": [assessment.country, assessment.date, assessment.title, assessment.author,
                                    assessment.model_version, "yes" if assessment.illustrative else "no",
                                    assessment.source]})
    sheets = {"About": about, "Grid": grid_frame(model, assessment), "Evidence": evidence_frame(assessment),
              "Standards": standards_frame(model, assessment), **plan_frames(model, assessment)}
    sheets["Measures"] = measures_frame(assessment, figures)
    if figures is not None:
        sheets["Data"] = figures
    table = compare.table(method or model) if compare is not None else None
    if table is not None:
        sheets["Countries"] = countries_frame(table)
    with pd.ExcelWriter(path, engine="openpyxl") as writer:
        for name, frame in sheets.items():
            _cells(guard_formulas(frame)).to_excel(writer, sheet_name=name, index=False)
            sheet = writer.sheets[name]
            sheet.freeze_panes = "A2"
            for column in sheet.columns:
                width = max((len(str(c.value)) for c in column[:200] if c.value is not None), default=8)
                sheet.column_dimensions[column[0].column_letter].width = min(max(width, 8), 60) + 2
        if table is not None:
            _colour_countries(writer.sheets["Countries"], table)
    return path


def plan_frames(model: Model, assessment: Assessment) -> dict[str, pd.DataFrame]:
    """The plan as sheets: Recommendations, Actions (current status), Action history (every change), Targets."""
    plan = assessment.plan
    example = "EXAMPLE, not official" if plan.illustrative else ""
    recs = pd.DataFrame([{"id": r.id, "relationship": r.relationship, "to": r.to, "priority": r.priority, "text": r.text,
                          "note": example} for r in plan.recommendations],
                        columns=["id", "relationship", "to", "priority", "text", "note"])
    actions = pd.DataFrame([{"number": a.number, "title": a.title, "owner": a.owner, "due": a.due,
                             "status": a.current.status, "status_date": a.current.date, "status_note": a.current.note,
                             "relationships": ", ".join(a.relationships), "standards": ", ".join(map(str, a.standards)),
                             "recommendations": ", ".join(a.recommendations), "note": example} for a in plan.actions],
                           columns=["number", "title", "owner", "due", "status", "status_date", "status_note",
                                    "relationships", "standards", "recommendations", "note"])
    history = pd.DataFrame([{"number": a.number, "status": h.status, "date": h.date, "note": h.note}
                            for a in plan.actions for h in a.history], columns=["number", "status", "date", "note"])
    targets = pd.DataFrame([{"relationship": g.line.relationship, "strand": g.line.strand or "",
                             "framework": g.line.framework, "action": g.line.action,
                             "target_framework": g.target.framework, "target_action": g.target.action,
                             "gap": None if g.na else g.gap, "met": g.met, "not_applicable": g.na}
                            for g in gaps(score_assessment(model, assessment), plan)],
                           columns=["relationship", "strand", "framework", "action", "target_framework",
                                    "target_action", "gap", "met", "not_applicable"])
    return {"Recommendations": recs, "Actions": actions, "Action history": history, "Targets": targets}


def measures_frame(assessment: Assessment, figures: pd.DataFrame | None) -> pd.DataFrame:
    """Each measure of success: baseline, target, and its current value from the figures with the source."""
    from scoring.measures import measure_values

    rows = measure_values(assessment.plan, figures)
    return pd.DataFrame([{
        "id": v.measure.id, "label": v.measure.label, "indicator": v.measure.indicator,
        "action": v.measure.action, "relationship": v.measure.relationship,
        "baseline": v.measure.baseline.value if v.measure.baseline else None,
        "baseline_period": v.measure.baseline.period if v.measure.baseline else "to be established",
        "current": v.current.number if v.current else None, "current_period": v.current.period if v.current else "",
        "current_source": v.current.publication if v.current else "",
        "target": v.measure.target.value if v.measure.target else None,
        "target_period": v.measure.target.period if v.measure.target else "",
        "pct_of_the_way": v.to_target} for v in rows],
        columns=["id", "label", "indicator", "action", "relationship", "baseline", "baseline_period", "current",
                 "current_period", "current_source", "target", "target_period", "pct_of_the_way"])


def _cell(text: str) -> str:
    """Text as a workbook cell holds it: control characters escaped, at most CELL_MAX characters so written."""
    head = ooxml(text)
    if len(head) <= CELL_MAX:
        return head
    keep, room = len(text), CELL_MAX - len(CUT)
    while len(head) > room:  # each character cut shortens the escaped text by one or more
        keep -= len(head) - room
        head = ooxml(text[:keep])
    return head + CUT


def _cells(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.map(lambda v: _cell(v) if isinstance(v, str) else v)


def write_grid_csv(model: Model, assessment: Assessment, path: Path) -> Path:
    """The grid as CSV (the one guarded CSV writer: UTF-8 with a byte-order mark, rows ended by CRLF)."""
    path.write_bytes(csv_bytes(grid_frame(model, assessment)))
    return path
