"""The assessment as spreadsheets: an XLSX workbook (grid, evidence, standards, plan, data with
provenance) for people to read, and a CSV of the grid for other programs.

The workbook's sheets are in words: headings a reader understands (units in them), names and titles
rather than ids or codes. A sample or draft says so where a reader sees it, with the PDF's words
(`exports.report.marks`): the About sheet's top rows, a first row above each sheet's table, and each
sheet's printed header; the plan's sheets say SAMPLE PLAN where the plan is an example. Figures are
those for periods that start before the assessment's data cut-off, which the About sheet names.

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
from dashboard.measure_words import measure_words
from dashboard.periods import in_words
from dashboard.sources import source_label
from dashboard.vocabulary import strands
from base.i18n import _
from exports.citations import readable_date
from exports.csv_text import csv_bytes, guard_cell, guard_formulas
from exports.report import marks
from framework.review import STATUS_WORDS
from exports.report_data import MEASURE_HEADINGS, MEASURE_NOTE, SOURCE_HEADINGS, before_cutoff, how_imported, measure_rows
from exports.xml_text import ooxml
from framework import Assessment, Model
from framework.plan import STATUS_LABEL
from scoring import by_standard, score_assessment
from scoring.countries import ABSENT, Comparison, CountryTable
from scoring.ratings import WORD
from scoring.targets import gaps

CELL_MAX = 32_767  # characters in one spreadsheet cell (Excel's limit)
CUT = " … [cut here: a spreadsheet cell holds at most 32,767 characters; the YAML export has the whole text]"
SAMPLE_PLAN = "SAMPLE PLAN: an example, not official"
PLAN_SHEETS = ("Recommendations", "Actions", "Action history", "Targets", "Measures")


def grid_frame(model: Model, assessment: Assessment) -> pd.DataFrame:
    """One row per line of the map (per strand where scored so), with both scores and the rating word:
    the grid CSV's columns, for other programs."""
    return pd.DataFrame([{
        "grid_row": ln.grid_row, "relationship": ln.relationship, "title": ln.title, "strand": ln.strand or "",
        "from": model.label(ln.from_), "to": model.label(ln.to), "framework": ln.framework, "action": ln.action,
        "total": ln.total, "rating": WORD[ln.rating], "na_reason": ln.na_reason or "",
    } for ln in score_assessment(model, assessment)])


def grid_sheet(model: Model, assessment: Assessment) -> pd.DataFrame:
    """The Grid sheet: the grid CSV's rows in words (the relationship's title, the strand's name)."""
    frame = grid_frame(model, assessment)
    return frame.assign(strand=frame["strand"].map(model.strand_label)).drop(columns="relationship").rename(columns={
        "grid_row": "Row in the grid", "title": "Relationship", "strand": "Strand", "from": "From", "to": "To",
        "framework": "Framework score (0-3)", "action": "Action score (0-3)", "total": "Total score (0-6)",
        "rating": "Rating", "na_reason": "Why not applicable"})


def _title(model: Model, relationship: str | None) -> str:
    """A relationship's title ('' for none)."""
    return model.line_name(relationship) if relationship else ""


def _yes(value: bool) -> str:
    return "yes" if value else "no"


SUPPORTS = {"framework": "Framework score", "action": "Action score"}


def evidence_frame(model: Model, assessment: Assessment) -> pd.DataFrame:
    """Every evidence item with its relationship, as a citation."""
    columns = ["Relationship", "Title", "Link", "Supports", "Note", "Standards (numbers)", "Published by",
               "Published", "Link last read"]
    return pd.DataFrame([[
        _title(model, line.relationship), e.title, e.url or "", SUPPORTS.get(e.dimension or "", ""), e.note or "",
        ", ".join(map(str, e.standards)), e.publisher or "", readable_date(e.published), readable_date(e.accessed),
    ] for line in assessment.lines for e in line.evidence], columns=columns)


def standards_frame(model: Model, assessment: Assessment) -> pd.DataFrame:
    """Each standard, its text, and the lines citing it with their ratings."""
    rollups = by_standard(model, score_assessment(model, assessment))
    return pd.DataFrame([{
        "Standard (number)": sid, "Text": model.standards[sid].text or "",
        "Where the text comes from": model.standards[sid].text_source,
        "Cited by (line: rating)": "; ".join(f"{model.line_name(ln.relationship, ln.strand)}: {WORD[ln.rating]}"
                                             for ln in r.lines),
        "Cited only by red lines": _yes(r.only_red),
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


def _meanings(assessment: Assessment) -> dict[str, str]:
    """What each of the PDF's running-header words (`marks`) means, for this assessment."""
    return {_("SAMPLE"): "an illustrative example, not an official assessment",
            _("DRAFT"): f"not yet validated by a reviewer ({STATUS_WORDS[assessment.status]})",
            _("SAMPLE PLAN"): SAMPLE_PLAN.split(": ", 1)[1]}


def banner(assessment: Assessment, mark: str) -> str:
    """A running-header mark in words ('SAMPLE PLAN: an example, not official'); empty for none."""
    meaning = _meanings(assessment)
    return "; ".join(f"{word}: {meaning[word]}" for word in mark.split(" · ")) if mark else ""


def about_frame(model: Model, assessment: Assessment, figures: pd.DataFrame | None) -> pd.DataFrame:
    """The About sheet: first what the workbook is not (SAMPLE, DRAFT, SAMPLE PLAN, each with what it
    means), then the assessment's particulars and the data cut-off."""
    doc, plan = marks(assessment)
    meaning, sample_plan = _meanings(assessment), _("SAMPLE PLAN")
    rows = [(word, meaning[word]) for word in doc.split(" · ")] if doc else []
    if plan != doc:  # the plan alone is a sample
        rows.append((sample_plan, f"{meaning[sample_plan]}: the recommendations, actions, targets and measures "
                     f"in this workbook are all part of the example. {assessment.plan.note}".strip()))
    profile = model.profile
    cutoff = assessment.data_cutoff
    rows += [
        ("Country", assessment.country), ("Date", readable_date(assessment.date)), ("Title", assessment.title),
        ("Author", assessment.author), ("Status", STATUS_WORDS[assessment.status]),
        ("Illustrative example", "yes: an example, not an official assessment" if assessment.illustrative else "no"),
        ("Sample plan", f"yes: {meaning[sample_plan]}" if assessment.plan.illustrative else "no"),
        ("Method", f"{model.framework.name}, model version {assessment.model_version}"),
        *([("Country profile", profile.title + ("; a draft still to be confirmed by national partners"
                                                 if profile.status == "draft" else ""))] if profile else []),
        ("Source", assessment.source),
        ("Data cut-off", f"figures for periods that start before {in_words(cutoff)}; later ones are left out "
                         "of the Data and Measures sheets"),
    ]
    if figures is not None:
        rows.append(("Data", "the figures published for the country's areas, each with its publisher, "
                             "publication (edition) and how it came here (sheet Data)"))
    if assessment.plan.measures:
        rows.append(("Progress to target", MEASURE_NOTE))
    return pd.DataFrame(rows, columns=["About this workbook", "Details"])


def data_frame(figures: pd.DataFrame) -> pd.DataFrame:
    """The Data sheet: each figure in words (publisher, strand, measure with its unit) with its
    provenance (publication and how it came here; never a file name or a code)."""
    labels = {s.id: s.label for s in strands().values()}
    how = {key: how_imported(group) for key, group in figures.groupby(["source", "publication"], sort=False)}
    published_by, publication, _, imported = SOURCE_HEADINGS
    return pd.DataFrame({
        published_by: [source_label(str(s), str(a)) for s, a in zip(figures["source"], figures["area"])],
        publication: figures["publication"], "Period": figures["period"], "Area": figures["area"],
        "Strand": figures["strand"].map(lambda s: labels.get(str(s), str(s))),
        "Measure (unit)": figures["measure"].map(lambda m: measure_words(str(m))),
        "Value (in the measure's unit)": figures["value"],
        "Note of the source": figures["note"].fillna("") if "note" in figures.columns else "",
        imported: [how[(s, p)] for s, p in zip(figures["source"], figures["publication"])],
    })


def write_workbook(model: Model, assessment: Assessment, path: Path, figures: pd.DataFrame | None = None,
                   compare: Comparison | None = None, method: Model | None = None) -> Path:
    """An XLSX workbook: About, Grid, Evidence, Standards, the plan's sheets, (if given) Data with
    provenance, and (if given a comparison, and the method whose words title its lines) Countries. The
    data and the measures are the assessment's country's figures for periods before its data cut-off."""
    if figures is not None:
        figures = before_cutoff(of_country(figures, model), assessment.data_cutoff).drop(columns="reach")
    sheets = {"About": about_frame(model, assessment, figures), "Grid": grid_sheet(model, assessment),
              "Evidence": evidence_frame(model, assessment), "Standards": standards_frame(model, assessment),
              **plan_frames(model, assessment), "Measures": measures_frame(model, assessment, figures)}
    if figures is not None:
        sheets["Data"] = data_frame(figures)
    table = compare.table(method or model) if compare is not None else None
    if table is not None:
        sheets["Countries"] = countries_frame(table)
    doc_mark, plan_mark = marks(assessment)
    doc_banner, plan_banner = banner(assessment, doc_mark), banner(assessment, plan_mark)
    with pd.ExcelWriter(path, engine="openpyxl") as writer:
        for name, frame in sheets.items():
            plan = name in PLAN_SHEETS
            above = "" if name in ("About", "Countries") else plan_banner if plan else doc_banner
            _cells(guard_formulas(frame)).to_excel(writer, sheet_name=name, index=False, startrow=1 if above else 0)
            sheet = writer.sheets[name]
            if above:  # above the table, where a reader looks first
                sheet.cell(row=1, column=1, value=above).font = Font(bold=True, color="B71C1C")
            sheet.oddHeader.center.text = plan_mark if plan else doc_mark  # the printed running header
            sheet.freeze_panes = "A3" if above else "A2"
            for column in sheet.columns:
                cells = column[1 if above else 0:200]
                width = max((len(str(c.value)) for c in cells if c.value is not None), default=8)
                sheet.column_dimensions[column[0].column_letter].width = min(max(width, 8), 60) + 2
        if table is not None:
            _colour_countries(writer.sheets["Countries"], table)
    return path


def plan_frames(model: Model, assessment: Assessment) -> dict[str, pd.DataFrame]:
    """The plan as sheets in words: Recommendations, Actions (current status), Action history (every
    change), Targets; each row of a sample plan says so ("SAMPLE PLAN: an example, not official")."""
    plan = assessment.plan
    example = SAMPLE_PLAN if plan.illustrative else ""
    number = {r.id: i for i, r in enumerate(plan.recommendations, 1)}
    recs = pd.DataFrame([[number[r.id], _title(model, r.relationship), model.label(r.to), r.priority.capitalize(),
                          r.text, ", ".join(str(a.number) for a in plan.actions if r.id in a.recommendations), example]
                         for r in plan.recommendations],
                        columns=["Recommendation (number)", "Relationship", "Addressed to", "Priority",
                                 "Recommendation", "Actions (numbers)", "Note"])
    actions = pd.DataFrame([[a.number, a.title, model.label(a.owner), readable_date(a.due),
                             STATUS_LABEL[a.current.status], readable_date(a.current.date), a.current.note,
                             "; ".join(_title(model, r) for r in a.relationships), ", ".join(map(str, a.standards)),
                             ", ".join(str(number[r]) if r in number else r for r in a.recommendations), example]
                            for a in plan.actions],
                           columns=["Action (number)", "Title", "Owner", "Due", "Status", "Status since",
                                    "Note on the status", "Relationships", "Standards (numbers)",
                                    "Recommendations (numbers)", "Note"])
    history = pd.DataFrame([[a.number, STATUS_LABEL[h.status], readable_date(h.date), h.note]
                            for a in plan.actions for h in a.history],
                           columns=["Action (number)", "Status", "Date", "Note on the change"])
    targets = pd.DataFrame([[model.line_name(g.line.relationship, g.line.strand), g.line.framework, g.line.action,
                             g.target.framework, g.target.action, "N/A" if g.na else g.gap, _yes(g.met),
                             _yes(g.na)] for g in gaps(score_assessment(model, assessment), plan)],
                           columns=["Line", "Framework score now (0-3)", "Action score now (0-3)",
                                    "Framework score target (0-3)", "Action score target (0-3)",
                                    "Points to gain (0-6)", "Target met", "Not applicable"])
    return {"Recommendations": recs, "Actions": actions, "Action history": history, "Targets": targets}


def measures_frame(model: Model, assessment: Assessment, figures: pd.DataFrame | None) -> pd.DataFrame:
    """Each measure of success as the reports print it (baseline, now, target, each with its unit and
    period; progress to target; the source), with the action or relationship it is for."""
    from scoring.measures import measure_values

    values = measure_values(assessment.plan, figures, model)
    return pd.DataFrame([(*row, v.measure.action, _title(model, v.measure.relationship))
                         for v, row in zip(values, measure_rows(values))],
                        columns=[*MEASURE_HEADINGS, "For action (number)", "Relationship"])


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
