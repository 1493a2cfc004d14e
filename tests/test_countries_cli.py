"""Every country from the command line: a profile nobody shipped (Portugal) through profile init, new,
score, map, report and compare; a blank Spanish assessment; upgrading an old file."""

from __future__ import annotations

import json
import shutil

from test_cli import ffgrid

from framework import ROOT

BRITISH = ("Home Office", "Crown Prosecution", "CPS", "Police forces of England and Wales", "Housing, Communities")


def test_profile_list_names_the_six_shipped_profiles():
    result = ffgrid("profile", "list")
    assert result.returncode == 0, result.stderr
    codes = [line.split("\t")[0] for line in result.stdout.splitlines()]
    assert codes == sorted(["ew", "es", "gr", "hu", "ie", "it"]) and "Magyarország" in result.stdout


def test_a_new_spanish_assessment_is_every_line_unscored_with_spanish_names(tmp_path):
    out = tmp_path / "es.yaml"
    assert ffgrid("new", "--profile", "es", "--date", "2026", "-o", str(out)).returncode == 0
    assert "status: draft" in out.read_text(encoding="utf-8")
    result = ffgrid("score", str(out), "--format", "json")
    doc = json.loads(result.stdout)
    assert doc["country"] == "España" and doc["country_code"] == "es"
    assert doc["counts"]["unscored"] == len(doc["relationships"]) > 30
    labels = {line["to_label"] for line in doc["relationships"]} | {line["from_label"] for line in doc["relationships"]}
    assert "Fiscalía General del Estado" in labels and not any(b in " ".join(labels) for b in BRITISH)


def test_bad_input_to_new_and_profile_init_is_refused_in_words(tmp_path):
    out = tmp_path / "x.yaml"
    bad_date = ffgrid("new", "--profile", "es", "--date", "next year", "-o", str(out))
    assert bad_date.returncode == 1 and "date: 'next year' is not a real date" in bad_date.stderr
    unknown = ffgrid("new", "--profile", "pt", "--date", "2026", "-o", str(out))
    assert unknown.returncode == 2 and "neither a shipped profile" in unknown.stderr
    actor = ffgrid("profile", "init", "--code", "pt", "--name", "Portugal", "--language", "pt", "--label",
                   "sheriff=Xerife", "-o", str(out))
    assert actor.returncode == 1 and "unknown actor 'sheriff'" in actor.stderr
    assert not out.exists()  # nothing half-written


def test_portugal_from_profile_init_to_compare(tmp_path):
    profile, assessment = tmp_path / "pt.yaml", tmp_path / "pt-2026.yaml"
    made = ffgrid("profile", "init", "--code", "pt", "--name", "Portugal", "--language", "pt",
                  "--strands", "racist,anti-lgbt,anti-grt", "--label", "police=Polícia de Segurança Pública",
                  "--label", "prosecution=Ministério Público", "-o", str(profile))
    assert made.returncode == 0, made.stderr
    assert ffgrid("new", "--profile", str(profile), "--date", "2026-03", "-o", str(assessment)).returncode == 0
    # the assessment carries its profile, so every command works on the file alone
    shutil.copy(assessment, tmp_path / "moved.yaml")
    text = (tmp_path / "moved.yaml").read_text(encoding="utf-8").replace(
        "lines: []", "lines:\n  - {relationship: police-prosecution, framework: 2, action: 1, rating: amber}")
    (tmp_path / "moved.yaml").write_text(text if "lines:" in text else text + (
        "lines:\n  - {relationship: police-prosecution, framework: 2, action: 1, rating: amber}\n"), encoding="utf-8")
    scored = json.loads(ffgrid("score", str(tmp_path / "moved.yaml"), "--format", "json").stdout)
    line = next(r for r in scored["relationships"] if r["id"] == "police-prosecution")
    assert (line["rating"], line["from_label"], line["to_label"]) == ("amber", "Polícia de Segurança Pública",
                                                                      "Ministério Público")
    assert not any(r["id"].startswith("victim-cso-antisemitism") for r in scored["relationships"])
    assert ffgrid("map", str(tmp_path / "moved.yaml"), "-o", str(tmp_path / "pt.svg")).returncode == 0
    svg = (tmp_path / "pt.svg").read_text(encoding="utf-8")
    assert "Polícia de Segurança Pública" in svg and not any(b in svg for b in BRITISH)
    report = ffgrid("report", str(tmp_path / "moved.yaml"), "-o", str(tmp_path / "pt.html"))
    assert report.returncode == 0, report.stderr
    page = (tmp_path / "pt.html").read_text(encoding="utf-8")
    assert "Ministério Público" in page and not any(b in page for b in BRITISH)
    compared = ffgrid("compare", str(tmp_path / "moved.yaml"), str(ROOT / "assessments" / "england-wales-2019.yaml"),
                      "--format", "json")
    doc = json.loads(compared.stdout)
    assert [a["id"] for a in doc["assessments"]] == ["pt-2026-03", "england-wales-2019"]
    rows = {(r["line"], r["strand"]): r["ratings"] for r in doc["lines"]}
    assert rows[("police-prosecution", None)] == {"pt-2026-03": "amber", "england-wales-2019": "green"}
    assert rows[("victim-cso-antisemitism", None)]["pt-2026-03"] == "absent"


def test_upgrade_rewrites_an_old_file_with_the_new_ids_and_says_so(tmp_path):
    old = tmp_path / "old.yaml"
    shutil.copy(ROOT / "tests" / "fixtures" / "england-wales-2019-method-2019.1.yaml", old)
    before = ffgrid("score", str(old), "--format", "json")
    assert "read as method version 2026.1" in before.stderr  # reading upgrades, and says so
    result = ffgrid("upgrade", str(old))
    assert result.returncode == 0 and "police-home-office → police-ministry-of-interior" in result.stdout
    text = old.read_text(encoding="utf-8")
    assert "home-office" not in text and "profile: ew" in text and text.startswith("# England & Wales")
    after = ffgrid("score", str(old), "--format", "json")
    assert after.stderr == "" and json.loads(after.stdout) == json.loads(before.stdout)
    assert text == (ROOT / "assessments" / "england-wales-2019.yaml").read_text(encoding="utf-8")
    assert "nothing to do" in ffgrid("upgrade", str(old)).stdout


def test_a_spanish_report_with_several_countries_figures_shows_spain_s_only(tmp_path):
    es, page = tmp_path / "es.yaml", tmp_path / "es.html"
    assert ffgrid("new", "--profile", "es", "--date", "2026", "-o", str(es)).returncode == 0
    made = ffgrid("report", str(es), "-o", str(page), "--data", "data/odihr_countries.csv",
                  "data/odihr_united_kingdom.csv", "data/england_wales_hate_crime.csv")
    assert made.returncode == 0, made.stderr
    text = " ".join(page.read_text(encoding="utf-8").split())
    assert "Spain (OSCE-ODIHR)" in text and "Fiscalía General del Estado" in text
    for other in (*BRITISH, "United Kingdom", "Hungary", "Greece"):
        assert other not in text, other
