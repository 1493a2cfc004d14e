"""The report in the document's language: a Hungarian assessment's report is in Hungarian (headings,
rating words, dates, "page x of y", /Lang hu, ő and ű extracted back exactly); `--language` overrides it; a
Greek one, which ffgrid does not speak yet, is in English and says so."""

from __future__ import annotations

import re
import subprocess
import zlib
from pathlib import Path

import pytest

import cli


def _pdf_lang(path: Path) -> str:
    """The /Lang of a PDF's catalogue (in a compressed object stream or not)."""
    data = path.read_bytes()
    for chunk in [data, *(zlib.decompress(m.group(1)) for m in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", data, re.S)
                          if m.group(1)[:1] == b"x")]:
        if found := re.search(rb"/Lang\s*\(([^)]*)\)", chunk):
            return found.group(1).decode()
    raise AssertionError("no /Lang")


def _text(path: Path) -> str:
    return " ".join(subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout.split())


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A new Hungarian and Greek assessment's reports, as `ffgrid new` and `ffgrid report` write them."""
    tmp = tmp_path_factory.mktemp("language")
    out = {}
    with pytest.MonkeyPatch.context() as mp:
        mp.delenv("DATABASE_URL", raising=False)
        mp.setenv("FFGRID_DB", str(tmp / "none.sqlite"))  # no database: the bundled example figures
        for code, author, extra in (("hu", "Kovács Zsófia", ()), ("hu-en", "Kovács Zsófia", ("--language", "en")),
                                    ("gr", "Παπαδόπουλος Ελένη", ())):
            yaml = tmp / f"{code}.yaml"
            assert cli.main(["new", "--profile", code[:2], "--date", "2026-03", "--author", author, "-o", str(yaml)]) == 0
            out[code] = tmp / f"{code}.pdf"
            assert cli.main(["report", str(yaml), "-o", str(out[code]), *extra]) == 0
    return out


def test_a_hungarian_assessments_report_is_in_hungarian(reports):
    text = _text(reports["hu"])
    assert _pdf_lang(reports["hu"]) == "hu"
    assert "Tartalom" in text and "A minősítések összesítése" in text and "Módszertan és fogalmak" in text  # headings
    assert "Az értékelés dátuma: 2026. március" in text  # a date the Hungarian way
    assert re.search(r"\b3\. oldal / \d+\b", text)  # page x of y
    assert "– NINCS PONTOZVA" in text and "UNSCORED" not in text  # the rating word, the method's in Hungarian
    assert "Országos Rendőr-főkapitányság" in text and "gyűlölet-bűncselekmények" in text  # ő and ű come back exactly
    assert "fordítástervezetek" in text  # the method's Hungarian words are a draft, and the report says so
    assert "Nincs bizonyíték arra, hogy a kettő a gyakorlatban kapcsolódik." in text  # a score's meaning, the method's
    assert "Jó kapcsolat." in text and "Good relationship" not in text  # a band's meaning in Hungarian
    assert "Áldozatok – Országos Rendőr-főkapitányság" in text  # a role in Hungarian beside the country's own name
    assert "Contents" not in text and "Summary of ratings" not in text


def test_the_language_asked_for_wins_over_the_assessments(reports):
    text = _text(reports["hu-en"])
    assert _pdf_lang(reports["hu-en"]) == "en" and "Contents" in text and "– UNSCORED" in text
    assert "Assessment date: March 2026" in text and re.search(r"\bPage 3 of \d+\b", text)
    assert "Országos Rendőr-főkapitányság" in text  # the country's own names stay as it writes them
    assert "Good relationship" in text and "Jó kapcsolat" not in text  # the method's words in the document's language


def test_a_language_ffgrid_does_not_speak_yet_is_english_and_says_so(reports):
    text = _text(reports["gr"])
    assert _pdf_lang(reports["gr"]) == "en" and "Contents" in text
    assert "This document's headings and labels are in English: ffgrid does not speak Greek yet." in text
    assert "Παπαδόπουλος Ελένη" in text


def test_a_hungarian_reports_data_section_and_findings_are_in_hungarian(reports):
    text = _text(reports["hu"])
    start = text.index("Közzétett adatok a(z) 2026. március 1. előtt kezdődő időszakokra (adatlezárás: 2026. március)")
    data = text[start:text.index("Melléklet: sztenderdek", start)]
    assert "Ahol egy adatot módosítottak, a legújabb kiadás szerepel" in data
    assert "Az 1 és 9 közötti darabszámok nem látszanak." in data
    assert "Miért lehet egy szakasz 100%-nál több:" in data and "17 856,0%" in data  # a percentage the Hungarian way
    assert "Források és kiadások Kiadó Kiadvány (kiadás) Időszakok Importálva" in data  # its headings
    assert "mellékelt példaadatok" in data and "2009–2023" in data
    assert not [w for w in ("Published by", "Imported", "Why a stage", "bundled example data", "Figures published")
                if w in data]
    assert "Még egyetlen vonal sincs pontozva, így a pontszámokból nem vonható le megállapítás." in text  # a finding


def test_the_assessments_own_texts_keep_their_language_in_a_document_of_another(model, ew):
    from base.i18n import using
    from exports.report import report_html

    with using("es"):
        spanish = report_html(model, ew)
    assert '<html lang="es"' in spanish and '<div lang="en">' in spanish  # the English situation texts, tagged
    assert '<div lang="en">' not in report_html(model, ew)  # in an English document they need no tag
