"""The audit log as people read it: actions as sentences, relationship titles, field labels, and values
in words (ratings, statuses, evidence and strands as their items), from what the store logs."""

from __future__ import annotations

import json
from datetime import datetime, timezone

import pandas as pd

from exports.history_words import COLUMNS, history_in_words, value_words
from framework import Evidence, Line
from framework.assessment import StrandScore
from store.repository import line_changes

WHEN = datetime(2026, 11, 2, 9, 30, tzinfo=timezone.utc)


def _log(*rows: tuple[str, str | None, str | None, str | None, str | None]) -> pd.DataFrame:
    return pd.DataFrame([{"at": WHEN, "actor": "Ann", "action": a, "assessment": "x", "relationship": r,
                          "field": f, "old": o, "new": n} for a, r, f, o, n in rows])


def test_a_saved_line_reads_in_words(model):
    """The changes the store logs for a save (line_changes), read back: scores, the stated rating (AMBER
    before, now as the scores give it), evidence as its titles, strands as their scores."""
    before = Line(relationship="police-courts", framework=1, action=2, rating="amber")
    after = Line(relationship="police-courts", framework=3, action=2,
                 evidence=(Evidence(title="CPS report 2019", url="https://example.org/r", standards=(4, 5)),))
    log = _log(*(("save_line", "police-courts", f, o, n) for f, o, n in line_changes(before, after)))
    table = history_in_words(model, log)
    assert list(table.columns) == list(COLUMNS)
    rows = {r[4]: r[3:] for r in table.itertuples(index=False, name=None)}
    title = "Police forces of England and Wales – Courts of England and Wales (judiciary)"
    assert rows["Framework score (0-3)"] == (title, "Framework score (0-3)", "1", "3")
    assert rows["Rating the source states"][2:] == ("◆ AMBER", "as the scores give it")
    assert rows["Evidence"][2:] == ("", "CPS report 2019 (https://example.org/r) (standards 4 and 5)")
    assert set(table["What"]) == {"Ann saved the line"}


def test_strands_statuses_plans_and_report_texts_in_words(model):
    strands = json.dumps([StrandScore(strand="anti-grt", framework=1, action=None).model_dump(mode="json"),
                          StrandScore(strand="racist", na_reason="No such CSO").model_dump(mode="json")])
    assert value_words(model, "strands", strands) == (
        "Anti-Gypsy, Roma and Traveller 1+–; Racist –+– (not applicable: No such CSO)")
    assert value_words(model, "status", "submitted") == "submitted for review"
    recs = json.dumps([{"id": "r1", "relationship": "victim-courts", "to": "courts", "text": "Tell **every** victim."}])
    assert value_words(model, "plan.recommendations", recs) == "Tell every victim."
    table = history_in_words(model, _log(("save_report", None, "report.executive_summary", None, "In short."),
                                         ("save_report", None, "report.imprint", None, '{"licence": "CC BY"}'),
                                         ("assessment_submit", None, "status", "draft", "submitted")))
    assert table["Changed"].tolist() == ["Executive summary", "Imprint", "Status of the assessment"]
    assert table["What"].tolist() == ["Ann changed the report texts", "Ann changed the report texts",
                                      "Ann submitted the assessment for review"]
    assert table["New value"].tolist() == ["In short.", "licence: CC BY", "submitted for review"]


def test_an_imported_assessment_reads_as_its_lines_and_status_in_the_readers_language(model):
    from base.i18n import using

    assert value_words(model, None, "36 lines, status draft") == "36 lines, draft"
    assert value_words(model, None, "1 lines, status validated") == "1 line, validated by a reviewer"
    with using("es"):
        assert value_words(model, None, "36 lines, status draft") == "36 líneas, borrador"
    assert value_words(model, None, "lines, status of something else") == "lines, status of something else"
