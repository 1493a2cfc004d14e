"""The Reports page builds the country report in the background: its progress while it runs (the page
stays usable), then the PDF and the editable DOCX to download, or why it failed, in words."""

from __future__ import annotations

import io
import subprocess
import threading
import time
import zipfile

import pytest

from exports import report_build
from ui.report_builds import builds

DRAFT = "england-wales-2024-illustrative"  # the shorter report


def _labels(at) -> list[str]:  # type: ignore[no-untyped-def]
    return [b.proto.label for b in at.get("download_button")]


def _progress(at) -> str:  # type: ignore[no-untyped-def]
    return " ".join(p.proto.text for p in at.get("progress"))


def _until(at, done, seconds: float = 180):  # type: ignore[no-untyped-def]
    """Run the page again (as its polling does) until `done(at)`."""
    deadline = time.monotonic() + seconds
    while not done(at):
        assert time.monotonic() < deadline, "the build did not finish in time"
        time.sleep(0.5)
        at.run()
    return at


@pytest.fixture
def gate(monkeypatch: pytest.MonkeyPatch) -> threading.Event:
    """Holds each file of the build until set (then writes it in the worker process as ever), so the page
    can be seen while it is building."""
    opened = threading.Event()
    write = report_build.write_in_worker

    def held(*args, **kwargs):  # type: ignore[no-untyped-def]
        assert opened.wait(120)
        return write(*args, **kwargs)

    monkeypatch.setattr(report_build, "write_in_worker", held)
    return opened


def test_the_report_builds_in_the_background_with_progress_then_offers_both_files(app, gate):
    at = app("ui/reports.py", assessment=DRAFT)
    at.button(key="build_report").click().run()
    assert "Building the report… step 1 of 2: Rendering the PDF pages" in _progress(at)
    assert at.button(key="build_report").disabled  # one build at a time
    assert "Country report (PDF)" not in _labels(at)
    assert "Workbook (XLSX: grid, evidence, standards, data)" in _labels(at)  # the rest of the page is there
    at.run()  # a rerun (or another page) while it builds starts nothing new and loses nothing
    assert "step 1 of 2" in _progress(at)
    gate.set()
    _until(at, lambda at: "Country report (DOCX, editable)" in _labels(at))
    assert not at.exception and not at.error
    assert not at.button(key="build_report").disabled and not _progress(at)
    assert any("Report ready" in s.value for s in at.success)
    build = builds().get("Test Assessor", DRAFT)  # what the two buttons offer
    text = subprocess.run(["pdftotext", "-", "-"], input=build.pdf, capture_output=True, check=True).stdout
    assert "ILLUSTRATIVE EXAMPLE – England & Wales" in text.decode("utf-8")
    with zipfile.ZipFile(io.BytesIO(build.docx)) as docx:
        assert "word/document.xml" in docx.namelist()


def test_a_failed_build_says_why_in_words_and_can_be_tried_again(app, monkeypatch):
    def fails(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise MemoryError

    monkeypatch.setattr(report_build, "write_in_worker", fails)
    at = app("ui/reports.py", assessment=DRAFT)
    at.button(key="build_report").click().run()
    _until(at, lambda at: bool(at.error), seconds=30)
    message = at.error[0].value
    assert message.startswith("The report could not be built: The server ran short of memory.")
    assert "reference" in message and "Traceback" not in message and "MemoryError" not in message
    assert "Country report (PDF)" not in _labels(at) and not at.button(key="build_report").disabled


def test_the_report_is_built_in_the_language_chosen_on_the_page(app):
    at = app("ui/reports.py", assessment=DRAFT)
    assert at.selectbox(key="report_language@" + DRAFT).value == "en"  # the assessment's language by default
    at.selectbox(key="report_language@" + DRAFT).set_value("hu").run()
    at.button(key="build_report").click().run()
    _until(at, lambda at: "Country report (PDF)" in _labels(at))
    pdf = builds().get("Test Assessor", DRAFT).pdf
    text = " ".join(subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True)
                    .stdout.decode("utf-8").split())
    assert "Tartalom" in text and "Módszertan és fogalmak" in text and "Contents" not in text
    at.selectbox(key="report_language@" + DRAFT).set_value("es").run()  # another language: build it again
    assert any("built in Magyar: build it again for Español" in i.value for i in at.info)
    assert "Country report (PDF)" not in _labels(at)


def test_the_page_counts_the_figures_of_the_assessments_country_only(app, store, method):
    """England & Wales's figures are not Italy's: the page says Italy has none, as its report's data section does."""
    from framework.profiles import blank_assessment

    italy = blank_assessment(method, method.profiles["it"], "2026", None, "Test")
    store.add(italy)
    assert any("No published figures for Italy have been imported yet." in c.value
               for c in app("ui/reports.py", assessment=italy.id).caption)
    england = [c.value for c in app("ui/reports.py", assessment=DRAFT).caption if "data section draws" in c.value]
    assert england and "No published figures" not in england[0]
