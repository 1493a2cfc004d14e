"""The Report texts page: assessors write the report's narrative, imprint and abbreviations; others read."""

from __future__ import annotations

PAGE = "ui/report_texts.py"
EW = "england-wales-2019"


def test_an_assessor_writes_the_summary_imprint_abbreviations_and_cut_off(app, store):
    at = app(PAGE)
    at.text_area(key="report_executive_summary").input("Police data are **good**; courts lag.")
    at.text_input(key="imprint_publisher").input("Facing all the Facts consortium")
    at.text_input(key="imprint_licence").input("CC BY 4.0")
    at.text_input(key="report_cutoff").input("2019-10")
    at.button(key="FormSubmitter:report_texts-Save the report texts").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert any("Report texts saved" in s.value for s in at.success)
    report = store.get(EW).assessment.report
    assert report.executive_summary == "Police data are **good**; courts lag."
    assert report.imprint.publisher == "Facing all the Facts consortium" and report.imprint.licence == "CC BY 4.0"
    assert store.get(EW).assessment.data_cutoff == "2019-10"
    # shown back rendered, not raw
    assert any("<strong>good</strong>" in h.proto.body for h in at.get("html"))


def test_a_bad_cut_off_is_refused_in_words_and_nothing_is_saved(app, store):
    at = app(PAGE)
    at.text_area(key="report_conclusions").input("Something to keep.")
    at.text_input(key="report_cutoff").input("next year")
    at.button(key="FormSubmitter:report_texts-Save the report texts").click().run()
    assert any("**Figures up to \\(data cut\\-off\\)**" in e.value and "YYYY" in e.value
               and "data_cutoff" not in e.value.replace("\\", "") for e in at.error), [e.value for e in at.error]
    assert store.get(EW).assessment.report.conclusions == ""


def test_a_viewer_reads_without_a_form_to_save(app):
    at = app(PAGE, user="Vic Viewer")
    assert not [b for b in at.button if b.key == "FormSubmitter:report_texts-Save the report texts"]
    assert any("Read only" in i.value for i in at.info)


def test_someone_elses_change_meanwhile_is_not_overwritten(app, store):
    from framework.report_texts import ReportTexts

    at = app(PAGE)
    store.save_report(EW, ReportTexts(introduction="Written by a colleague."), "Ada Admin")
    at.text_area(key="report_conclusions").input("Mine.")
    at.button(key="FormSubmitter:report_texts-Save the report texts").click().run()
    assert any("changed by someone else" in e.value for e in at.error)
    assert store.get(EW).assessment.report.introduction == "Written by a colleague."
