"""The report's own texts and evidence citations: stored, exported and imported whole; logged; locked once
the assessment is published."""

from __future__ import annotations

import pytest

from framework.report_texts import Imprint, ReportTexts
from framework.review import Locked
from store.audit import AuditLog

TEXTS = ReportTexts(executive_summary="**Mixed.** Police strong, courts weak.", introduction="The law: …",
                    imprint=Imprint(publisher="CEJI", licence="CC BY 4.0", disclaimer="Funded by the EU; views …"),
                    abbreviations={"CPS": "Crown Prosecution Service"}, data_cutoff="2019-10")


def _with_citation(ew):
    line = ew.lines[0]
    cited = line.evidence[0].model_copy(update={"publisher": "Home Office", "published": "2019-10-15",
                                                "accessed": "2020-01-31"})
    return ew.model_copy(update={"report": TEXTS, "status": "draft",
                                 "lines": (line.model_copy(update={"evidence": (cited, *line.evidence[1:])}),
                                           *ew.lines[1:])})


def test_report_texts_and_citations_round_trip_through_the_database_and_its_yaml(repo, ew):
    a = _with_citation(ew)
    repo.add(a)
    got = repo.get(a.id).assessment
    assert got.report == TEXTS and got.lines[0].evidence[0].publisher == "Home Office"
    assert got.lines[0].evidence[0].accessed == "2020-01-31"
    text = repo.export_yaml(a.id)
    assert "executive_summary:" in text and "accessed: '2020-01-31'" in text
    repo.import_yaml(text, "again.yaml", replace=True)
    assert repo.get(a.id).assessment == got


def test_saving_report_texts_is_logged_and_refused_once_published(repo, ew):
    repo.add(ew.model_copy(update={"status": "validated"}))
    repo.save_report(ew.id, TEXTS, "Test Assessor")  # validated: the report can still be written
    log = AuditLog(repo.engine).frame(ew.id)
    assert {"report.executive_summary", "report.imprint"} <= set(log["field"])
    repo.add(ew.model_copy(update={"id": "published-one", "status": "published"}))
    with pytest.raises(Locked):
        repo.save_report("published-one", TEXTS, "Test Assessor")
    assert repo.get("published-one").assessment.report == ReportTexts()
