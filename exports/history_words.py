"""The audit log in words: who did what to which relationship, and each old and new value as a reader
reads it (rating words, scores with their scale, evidence as its titles, statuses in words), never ids,
field names or JSON. The History page and its CSV show this; the log itself keeps what was stored."""

from __future__ import annotations

import json
import re
from typing import Any

import pandas as pd

from base.i18n import N_, Translated, _, ngettext, number
from base.rich_text import plain
from framework import Model
from framework.model import citing
from framework.report_texts import IMPRINT_LABELS, SECTIONS
from framework.review import STATUS_WORDS
from scoring.ratings import MARK, WORD, score_text

COLUMNS = ("When (UTC)", "Who", "What", "Relationship", "Changed", "Old value", "New value")
HEADINGS = Translated({c: c for c in (N_("When (UTC)"), N_("Who"), N_("What"), N_("Relationship"), N_("Changed"),
                                      N_("Old value"), N_("New value"))})  # each column's heading as read

ACTION_WORDS = Translated({
    "save_line": N_("saved the line"),
    "line_submit": N_("submitted the line for review"),
    "line_validate": N_("validated the line"),
    "line_send_back": N_("sent the line back to the assessor"),
    "assessment_submit": N_("submitted the assessment for review"),
    "assessment_validate": N_("validated the assessment"),
    "assessment_send_back": N_("sent the assessment back to the assessors"),
    "comment": N_("commented"),
    "sent_back": N_("said why it was sent back"),
    "save_report": N_("changed the report texts"),
    "save_plan": N_("changed the action plan"),
    "import": N_("imported the assessment"),
    "new_version": N_("started this version of the assessment"),
    "replace": N_("replaced the assessment"),
})

FIELD_WORDS = Translated({
    "framework": N_("Framework score (0-3)"),
    "action": N_("Action score (0-3)"),
    "rating": N_("Rating the source states"),
    "na_reason": N_("Why not applicable"),
    "grid_row": N_("Row of the grid"),
    "situation.framework": N_("National situation: framework"),
    "situation.action": N_("National situation: action"),
    "evidence": N_("Evidence"),
    "strands": N_("Scores per strand"),
    "comments": N_("Notes in the grid"),
    "status": N_("Status of the assessment"),
    "review_status": N_("Review status of the line"),
    "comment": N_("Comment"),
    "plan.recommendations": N_("Recommendations"),
    "plan.actions": N_("Actions"),
    "plan.targets": N_("Targets"),
    "plan.measures": N_("Measures of success"),
    "plan.note": N_("Note on the plan"),
    "plan.illustrative": N_("Sample plan"),
    "report.abbreviations": N_("Abbreviations"),
    "report.data_cutoff": N_("Data cut-off"),
})


def _field(field: str | None) -> str:
    if not isinstance(field, str) or not field:
        return ""
    if field in FIELD_WORDS:
        return FIELD_WORDS[field]
    part = field.split(".")[-1]
    if field.startswith("report.imprint"):
        return (_("Imprint: {part}").format(part=IMPRINT_LABELS.get(part, part)) if part != "imprint"
                else _("Imprint"))
    if field.startswith("report."):
        return SECTIONS.get(part, part.replace("_", " ").capitalize())
    return field.replace("_", " ").replace(".", ": ").capitalize()


def _rating(word: str) -> str:
    return f"{MARK[word]} {WORD[word]}" if word in WORD else word


def _item(model: Model, item: Any) -> str:
    """One element of a logged list (evidence, a strand's scores, a plan's entry) in a few words."""
    if not isinstance(item, dict):
        return str(item)
    if "strand" in item and ("framework" in item or "action" in item or "na_reason" in item):
        text = f"{model.strand_label(item['strand'])} {score_text(item.get('framework'))}+{score_text(item.get('action'))}"
        return text + (" (" + _("not applicable: {reason}").format(reason=item["na_reason"]) + ")"
                       if item.get("na_reason") else "")
    name = next((item[k] for k in ("title", "text", "name", "label") if item.get(k)), None)
    if name is None and item.get("relationship") in model.relationships:
        name = model.line_name(item["relationship"], item.get("strand"))
        if "framework" in item or "action" in item:
            name += ": " + _("target {scores}").format(
                scores=f"{score_text(item.get('framework'))}+{score_text(item.get('action'))}")
    text = plain(str(name)) if name is not None else "; ".join(f"{k}: {v}" for k, v in item.items())
    if item.get("url"):
        text += f" ({item['url']})"
    if item.get("standards"):
        text += f" {citing(item['standards'])}"
    return text


STORED = re.compile(r"(?P<lines>\d+) lines, status (?P<status>\w+)")  # what the log says of a stored assessment


def value_words(model: Model, field: str | None, value: str | None) -> str:
    """A logged old or new value as a reader reads it ("" for none)."""
    value = None if value is None or (not isinstance(value, str) and pd.isna(value)) else value
    field = field if isinstance(field, str) else None
    if field == "rating":  # none stated: the rating is the one the scores give
        return _rating(value) if value else _("as the scores give it")
    if value is None or value == "":
        return ""
    if field in ("status", "review_status"):
        return STATUS_WORDS.get(value, value)
    if field is None and (stored := STORED.fullmatch(value)):  # an assessment imported or replaced
        n = int(stored["lines"])
        return ngettext("{n} line, {status}", "{n} lines, {status}", n).format(
            n=number(n), status=STATUS_WORDS.get(stored["status"], stored["status"]))
    if field == "plan.illustrative":
        return _("yes, an example") if value.lower() in ("true", "1") else _("no")
    if value[:1] in "[{":
        try:
            data = json.loads(value)
        except ValueError:
            return value
        items = data if isinstance(data, list) else [data]
        if isinstance(data, dict) and field == "report.abbreviations":
            return "; ".join(f"{k}: {v}" for k, v in data.items())
        return "; ".join(_item(model, i) for i in items) if items else _("none")
    return value


def history_in_words(model: Model, log: pd.DataFrame) -> pd.DataFrame:
    """The audit log (the columns of `store.audit.Entry`) as a table of words, in the log's order."""
    titles = {rid: rel.title for rid, rel in model.relationships.items()}
    rows = []
    for e in log.itertuples(index=False):
        rel = titles.get(e.relationship, e.relationship) if isinstance(e.relationship, str) else ""
        rows.append((e.at, e.actor, step_words(e.actor, str(e.action)), rel, _field(e.field),
                     value_words(model, e.field, e.old), value_words(model, e.field, e.new)))
    return pd.DataFrame(rows, columns=list(COLUMNS))


def step_words(actor: str, action: str) -> str:
    """A logged step as a sentence ("Rita Reviewer sent the line back to the assessor")."""
    return f"{actor} {ACTION_WORDS.get(action, action.replace('_', ' '))}"
