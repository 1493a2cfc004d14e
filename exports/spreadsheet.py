"""The assessment as spreadsheets: an XLSX workbook (grid, evidence, standards, plan, data with
provenance) for people to read, and a CSV of the grid for other programs.

The workbook's sheets are in words, in the document's language (`exports.report.document_language`):
sheet names and headings a reader understands (units in them), names and titles rather than ids or codes.
The sheets' tables are built with English headings (marked for the catalogue), translated as the workbook is
written. The CSV's column names are identifiers for other programs; its words (ratings) are in the
document's language. A sample or draft says so where a reader sees it, with the PDF's words
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
from dashboard.labels import strand_label
from dashboard.measure_words import measure_words
from dashboard.periods import in_words
from dashboard.sources import source_label
from base.i18n import N_, Translated, _, using
from exports.citations import readable_date
from exports.csv_text import csv_bytes, guard_cell, guard_formulas
from exports.report import PRIORITY_WORDS, document_language, marks
from framework.review import STATUS_WORDS
from exports.report_data import (
    MEASURE_HEADINGS, MEASURE_NOTE, SOURCE_HEADINGS, before_cutoff, how_imported, measure_rows,
)
from exports.xml_text import ooxml
from framework import Assessment, Model
from framework.model import TEXT_SOURCES
from framework.plan import STATUS_LABEL
from framework.translations import in_language
from scoring import by_standard, score_assessment
from scoring.countries import ABSENT, Comparison, CountryTable
from scoring.ratings import WORD
from scoring.targets import gaps

CELL_MAX = 32_767  # characters in one spreadsheet cell (Excel's limit)
CUT = N_(" … [cut here: a spreadsheet cell holds at most 32,767 characters; the YAML export has the whole text]")
SAMPLE_PLAN_MEANING = N_("an example, not official")
# the sheets by their English names (the keys of the frames), each named in the document's language
SHEET_NAMES = Translated({"About": N_("About"), "Grid": N_("Grid"), "Evidence": N_("Evidence"),
                          "Standards": N_("Standards"), "Recommendations": N_("Recommendations"),
                          "Actions": N_("Actions"), "Action history": N_("Action history"), "Targets": N_("Targets"),
                          "Measures": N_("Measures"), "Data": N_("Data"), "Countries": N_("Countries")})
PLAN_SHEETS = ("Recommendations", "Actions", "Action history", "Targets", "Measures")
SHEET_NAME_MAX = 31  # characters of a sheet's name (Excel's limit)


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
        "grid_row": N_("Row in the grid"), "title": N_("Relationship"), "strand": N_("Strand"), "from": N_("From"),
        "to": N_("To"), "framework": N_("Framework score (0-3)"), "action": N_("Action score (0-3)"),
        "total": N_("Total score (0-6)"), "rating": N_("Rating"), "na_reason": N_("Why not applicable")})


def _title(model: Model, relationship: str | None) -> str:
    """A relationship's title ('' for none)."""
    return model.line_name(relationship) if relationship else ""


def _yes(value: bool) -> str:
    return _("yes") if value else _("no")


SUPPORTS = Translated({"framework": N_("Framework score"), "action": N_("Action score")})


def evidence_frame(model: Model, assessment: Assessment) -> pd.DataFrame:
    """Every evidence item with its relationship, as a citation."""
    columns = [N_("Relationship"), N_("Title"), N_("Link"), N_("Supports"), N_("Note"), N_("Standards (numbers)"),
               N_("Published by"), N_("Published"), N_("Link last read")]
    return pd.DataFrame([[
        _title(model, line.relationship), e.title, e.url or "", SUPPORTS.get(e.dimension or "", ""), e.note or "",
        ", ".join(map(str, e.standards)), e.publisher or "", readable_date(e.published), readable_date(e.accessed),
    ] for line in assessment.lines for e in line.evidence], columns=columns)


def standards_frame(model: Model, assessment: Assessment) -> pd.DataFrame:
    """Each standard, its text, and the lines citing it with their ratings."""
    rollups = by_standard(model, score_assessment(model, assessment))
    return pd.DataFrame([{
        N_("Standard (number)"): sid, N_("Text"): model.standards[sid].text or "",
        N_("Where the text comes from"): TEXT_SOURCES[model.standards[sid].text_source],
        N_("Cited by (line: rating)"): "; ".join(f"{model.line_name(ln.relationship, ln.strand)}: {WORD[ln.rating]}"
                                                 for ln in r.lines),
        N_("Cited only by red lines"): _yes(r.only_red),
    } for sid, r in rollups.items()])


FILL = {"green": "C8E6C9", "amber": "FFE0B2", "red": "FFCDD2", "n/a": "E0E0E0", ABSENT: "F5F5F5"}  # behind the word


def countries_frame(table: CountryTable) -> pd.DataFrame:
    """The Countries sheet: a row per line (title, strand), a column per assessment (shape and word in
    each cell), how lines moved between assessments of one country, then the counts. Its headings are
    in the current language already (the assessments' headings are data)."""
    heads = [_("Line"), _("Strand"), *table.headings] + ([_("Changes")] if any(r.moves for r in table.rows) else [])
    extra = len(heads) - 2 - len(table.headings)
    rows: list[list[object]] = [[r.line, r.strand, *(c.text for c in r.cells), *(["; ".join(r.moves)] * extra)]
                                for r in table.rows]
    rows.append([None] * len(heads))
    rows += [[_("Number of lines: {rating}").format(rating=word), "", *counts, *([None] * extra)]
             for word, counts in table.counts]
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
    return {_("SAMPLE"): _("an illustrative example, not an official assessment"),
            _("DRAFT"): _("not yet validated by a reviewer ({status})").format(status=STATUS_WORDS[assessment.status]),
            _("SAMPLE PLAN"): _(SAMPLE_PLAN_MEANING)}


def banner(assessment: Assessment, mark: str) -> str:
    """A running-header mark in words ('SAMPLE PLAN: an example, not official'), in the current language;
    empty for none."""
    meaning = _meanings(assessment)
    return "; ".join(f"{word}: {meaning[word]}" for word in mark.split(" · ")) if mark else ""


def about_frame(model: Model, assessment: Assessment, figures: pd.DataFrame | None) -> pd.DataFrame:
    """The About sheet: first what the workbook is not (SAMPLE, DRAFT, SAMPLE PLAN, each with what it
    means), then the assessment's particulars and the data cut-off."""
    doc, plan = marks(assessment)
    meaning, sample_plan = _meanings(assessment), _("SAMPLE PLAN")
    rows = [(word, meaning[word]) for word in doc.split(" · ")] if doc else []
    if plan != doc:  # the plan alone is a sample
        rows.append((sample_plan, " ".join([_("{meaning}: the recommendations, actions, targets and measures in this "
                                              "workbook are all part of the example.").format(
                                                  meaning=meaning[sample_plan]), assessment.plan.note]).strip()))
    profile = model.profile
    rows += [
        (_("Country"), assessment.country), (_("Date"), readable_date(assessment.date)), (_("Title"), assessment.title),
        (_("Author"), assessment.author), (_("Status"), STATUS_WORDS[assessment.status]),
        (_("Illustrative example"), _("yes: an example, not an official assessment") if assessment.illustrative
         else _("no")),
        (_("Sample plan"), _("yes: {meaning}").format(meaning=meaning[sample_plan]) if assessment.plan.illustrative
         else _("no")),
        (_("Method"), _("{method}, model version {version}").format(method=model.framework.name,
                                                                    version=assessment.model_version)),
        *([(_("Country profile"), _("{profile}; a draft still to be confirmed by national partners").format(
            profile=profile.title) if profile.status == "draft" else profile.title)] if profile else []),
        (_("Source"), assessment.source),
        (_("Data cut-off"), _("figures for periods that start before {day}; later ones are left out of the {data} "
                              "and {measures} sheets").format(day=in_words(assessment.data_cutoff),
                                                              data=SHEET_NAMES["Data"],
                                                              measures=SHEET_NAMES["Measures"])),
    ]
    if figures is not None:
        rows.append((_("Data"), _("the figures published for the country's areas, each with its publisher, "
                                  "publication (edition) and how it came here (sheet {data})").format(
                                      data=SHEET_NAMES["Data"])))
    if assessment.plan.measures:
        rows.append((_("Progress to target"), _(MEASURE_NOTE)))
    return pd.DataFrame(rows, columns=[N_("About this workbook"), N_("Details")])


def data_frame(figures: pd.DataFrame) -> pd.DataFrame:
    """The Data sheet: each figure in words (publisher, strand, measure with its unit) with its
    provenance (publication and how it came here; never a file name or a code)."""
    how = {key: how_imported(group) for key, group in figures.groupby(["source", "publication"], sort=False)}
    published_by, publication, _periods, imported = SOURCE_HEADINGS.texts
    return pd.DataFrame({
        published_by: [source_label(str(s), str(a)) for s, a in zip(figures["source"], figures["area"])],
        publication: figures["publication"], N_("Period"): figures["period"], N_("Area"): figures["area"],
        N_("Strand"): figures["strand"].map(strand_label),
        N_("Measure (unit)"): figures["measure"].map(lambda m: measure_words(str(m))),
        N_("Value (in the measure's unit)"): figures["value"],
        N_("Note of the source"): figures["note"].fillna("") if "note" in figures.columns else "",
        imported: [how[(s, p)] for s, p in zip(figures["source"], figures["publication"])],
    })


def write_workbook(model: Model, assessment: Assessment, path: Path, figures: pd.DataFrame | None = None,
                   compare: Comparison | None = None, method: Model | None = None, language: str | None = None) -> Path:
    """An XLSX workbook: About, Grid, Evidence, Standards, the plan's sheets, (if given) Data with
    provenance, and (if given a comparison, and the method whose words title its lines) Countries. The
    data and the measures are the assessment's country's figures for periods before its data cut-off.
    In `language` (else the assessment's: `document_language`), which its properties name."""
    with using(document_language(model, assessment, language)) as lang:
        return _write_workbook(in_language(model, lang), assessment, path, figures, compare,
                               in_language(method, lang) if method else None, lang)


def sheet_name(name: str) -> str:
    """A sheet's name in the current language, as Excel allows it (no []:*?/\\, at most 31 characters)."""
    return "".join(" " if c in "[]:*?/\\" else c for c in SHEET_NAMES[name])[:SHEET_NAME_MAX].strip()


def _write_workbook(model: Model, assessment: Assessment, path: Path, figures: pd.DataFrame | None,
                    compare: Comparison | None, method: Model | None, lang: str) -> Path:
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
        writer.book.properties.language = lang
        for name, frame in sheets.items():
            plan = name in PLAN_SHEETS
            above = "" if name in ("About", "Countries") else plan_banner if plan else doc_banner
            shown = frame if name == "Countries" else frame.rename(columns=_)  # headings in the document's language
            _cells(guard_formulas(shown)).to_excel(writer, sheet_name=sheet_name(name), index=False,
                                                   startrow=1 if above else 0)
            sheet = writer.sheets[sheet_name(name)]
            if above:  # above the table, where a reader looks first
                sheet.cell(row=1, column=1, value=above).font = Font(bold=True, color="B71C1C")
            sheet.oddHeader.center.text = plan_mark if plan else doc_mark  # the printed running header
            sheet.freeze_panes = "A3" if above else "A2"
            for column in sheet.columns:
                cells = column[1 if above else 0:200]
                width = max((len(str(c.value)) for c in cells if c.value is not None), default=8)
                sheet.column_dimensions[column[0].column_letter].width = min(max(width, 8), 60) + 2
        if table is not None:
            _colour_countries(writer.sheets[sheet_name("Countries")], table)
    return path


def plan_frames(model: Model, assessment: Assessment) -> dict[str, pd.DataFrame]:
    """The plan as sheets in words: Recommendations, Actions (current status), Action history (every
    change), Targets; each row of a sample plan says so ("SAMPLE PLAN: an example, not official"). Its
    sheets' names and headings are English (marked for the catalogue: `write_workbook` translates them); their
    words are in the current language."""
    plan = assessment.plan
    example = banner(assessment, _("SAMPLE PLAN")) if plan.illustrative else ""
    number = {r.id: i for i, r in enumerate(plan.recommendations, 1)}
    recs = pd.DataFrame([[number[r.id], _title(model, r.relationship), model.label(r.to), PRIORITY_WORDS[r.priority],
                          r.text, ", ".join(str(a.number) for a in plan.actions if r.id in a.recommendations), example]
                         for r in plan.recommendations],
                        columns=[N_("Recommendation (number)"), N_("Relationship"), N_("Addressed to"),
                                 N_("Priority"), N_("Recommendation"), N_("Actions (numbers)"), N_("Note")])
    actions = pd.DataFrame([[a.number, a.title, model.label(a.owner), readable_date(a.due),
                             STATUS_LABEL[a.current.status], readable_date(a.current.date), a.current.note,
                             "; ".join(_title(model, r) for r in a.relationships), ", ".join(map(str, a.standards)),
                             ", ".join(str(number[r]) if r in number else r for r in a.recommendations), example]
                            for a in plan.actions],
                           columns=[N_("Action (number)"), N_("Title"), N_("Owner"), N_("Due"), N_("Status"),
                                    N_("Status since"), N_("Note on the status"), N_("Relationships"),
                                    N_("Standards (numbers)"), N_("Recommendations (numbers)"), N_("Note")])
    history = pd.DataFrame([[a.number, STATUS_LABEL[h.status], readable_date(h.date), h.note]
                            for a in plan.actions for h in a.history],
                           columns=[N_("Action (number)"), N_("Status"), N_("Date"), N_("Note on the change")])
    targets = pd.DataFrame([[model.line_name(g.line.relationship, g.line.strand), g.line.framework, g.line.action,
                             g.target.framework, g.target.action, _("N/A") if g.na else g.gap, _yes(g.met),
                             _yes(g.na)] for g in gaps(score_assessment(model, assessment), plan)],
                           columns=[N_("Line"), N_("Framework score now (0-3)"), N_("Action score now (0-3)"),
                                    N_("Framework score target (0-3)"), N_("Action score target (0-3)"),
                                    N_("Points to gain (0-6)"), N_("Target met"), N_("Not applicable")])
    return {"Recommendations": recs, "Actions": actions, "Action history": history, "Targets": targets}


def measures_frame(model: Model, assessment: Assessment, figures: pd.DataFrame | None) -> pd.DataFrame:
    """Each measure of success as the reports print it (baseline, now, target, each with its unit and
    period; progress to target; the source), with the action or relationship it is for."""
    from scoring.measures import measure_values

    values = measure_values(assessment.plan, figures, model)
    return pd.DataFrame([(*row, v.measure.action, _title(model, v.measure.relationship))
                         for v, row in zip(values, measure_rows(values))],
                        columns=[*MEASURE_HEADINGS.texts, N_("For action (number)"), N_("Relationship")])


def _cell(text: str) -> str:
    """Text as a workbook cell holds it: control characters escaped, at most CELL_MAX characters so written."""
    head = ooxml(text)
    if len(head) <= CELL_MAX:
        return head
    cut = _(CUT)
    keep, room = len(text), CELL_MAX - len(cut)
    while len(head) > room:  # each character cut shortens the escaped text by one or more
        keep -= len(head) - room
        head = ooxml(text[:keep])
    return head + cut


def _cells(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.map(lambda v: _cell(v) if isinstance(v, str) else v)


def write_grid_csv(model: Model, assessment: Assessment, path: Path, language: str | None = None) -> Path:
    """The grid as CSV (the one guarded CSV writer: UTF-8 with a byte-order mark, rows ended by CRLF), its
    words in `language` (else the assessment's: `document_language`)."""
    with using(document_language(model, assessment, language)) as lang:
        path.write_bytes(csv_bytes(grid_frame(in_language(model, lang), assessment)))
    return path
