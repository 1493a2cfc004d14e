"""The `ffgrid` console script, run as a user would."""

from __future__ import annotations

import contextlib
import csv
import html
import io
import json
import os
import re
import subprocess
import sys
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path
from unittest import mock

import cli

from conftest import EW_2019
from framework import ROOT

FFGRID = Path(sys.executable).with_name("ffgrid")


def ffgrid(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run the `ffgrid` command as `cli.main`, the console script's body, in this process (no start-up
    of its own per call), from the checkout, with `env` added; the next test runs the script itself."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.chdir(ROOT), mock.patch.dict(os.environ, env or {}), redirect_stdout(out), redirect_stderr(err):
        try:
            code = cli.main(list(args))
        except SystemExit as exit_:  # argparse refusing the arguments
            code = exit_.code if isinstance(exit_.code, int) else 2
    return subprocess.CompletedProcess(["ffgrid", *args], code, out.getvalue(), err.getvalue())


def test_console_script_is_installed_and_runs():
    assert FFGRID.exists(), "make setup installs the ffgrid console script into the venv"
    result = subprocess.run([str(FFGRID), "validate"], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert result.returncode == 0 and "2 assessment(s) are valid" in result.stdout, result.stderr
    broken = subprocess.run([str(FFGRID), "score", "no-such-file.yaml"], capture_output=True, text=True, timeout=120)
    assert broken.returncode == 1 and "cannot read file" in broken.stderr


def test_validate_bundled_model_and_assessments():
    result = ffgrid("validate")
    assert result.returncode == 0, result.stderr
    assert "ok: method 2026.1 (34 relationships, 40 standards)" in result.stdout


def test_validate_reports_a_score_of_seven(tmp_path):
    text = EW_2019.read_text(encoding="utf-8")
    at = text.index("framework: 3")
    relationship = text[:at].rsplit("relationship: ", 1)[1].split()[0].strip("'\"")
    broken = tmp_path / "copy.yaml"
    broken.write_text(text[:at] + "framework: 7" + text[at + 12:], encoding="utf-8")
    result = ffgrid("validate", str(broken))
    assert result.returncode == 1
    assert str(broken) in result.stderr and f"({relationship})" in result.stderr
    assert "score 7 is outside 0-3" in result.stderr


def test_validate_reports_yaml_syntax_errors_with_line(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: x\nlines:\n  - relationship: [\n", encoding="utf-8")
    result = ffgrid("validate", str(bad))
    assert result.returncode == 1 and f"{bad}:" in result.stderr and "YAML syntax error" in result.stderr


def test_score_json_has_every_line_and_the_counts():
    result = ffgrid("score", str(EW_2019), "--format", "json")
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["counts"] == {"green": 16, "amber": 9, "red": 10, "n/a": 1, "unscored": 0}
    lines = doc["relationships"]
    assert len(lines) == 36 and len({(ln["id"], ln["strand"]) for ln in lines}) == 36
    first = lines[0]
    assert {k: first[k] for k in ("id", "from", "to", "strand", "framework", "action", "rating")} == {
        "id": "police-prosecution", "from": "police", "to": "prosecution", "strand": None,
        "framework": 3, "action": 2, "rating": "green"}
    assert any(ln["id"] == "csos-ministries" and ln["strand"] == "anti-grt" and ln["rating"] == "red" for ln in lines)


def test_score_table_and_csv():
    table = ffgrid("score", str(EW_2019))
    assert table.returncode == 0 and "police-prosecution" in table.stdout and "GREEN: 16" in table.stdout
    csv_out = ffgrid("score", str(EW_2019), "--format", "csv")
    rows = csv_out.stdout.strip().splitlines()
    assert rows[0].startswith("id,from,to,strand,framework,action") and len(rows) == 37


def test_map_writes_svg_and_dot(tmp_path):
    svg = tmp_path / "map.svg"
    result = ffgrid("map", str(EW_2019), "-o", str(svg))
    assert result.returncode == 0, result.stderr
    assert "<svg" in svg.read_text(encoding="utf-8") and "GREEN 3+2" in svg.read_text(encoding="utf-8")
    dot = tmp_path / "map.dot"
    assert ffgrid("map", str(EW_2019), "-o", str(dot)).returncode == 0
    assert dot.read_text(encoding="utf-8").startswith("graph systems_map")


def test_missing_file_is_a_clear_error():
    result = ffgrid("score", "no-such-file.yaml")
    assert result.returncode == 1 and "no-such-file.yaml" in result.stderr and "cannot read file" in result.stderr


def test_bench_model_prints_its_figures():
    result = ffgrid("bench", "model", "--actors", "60", "--relationships", "300", "--runs", "1")
    assert result.returncode == 0, result.stderr
    assert "England & Wales 2019 (model + assessment): load + validate + score" in result.stdout
    assert "Generated model (60 actors, 300 relationships" in result.stdout
    assert "baseline, parsing the same with PyYAML's C loader" in result.stdout


def test_db_commands_list_import_and_export(tmp_path):
    db = ["db", "--database", f"sqlite:///{tmp_path / 'cli.db'}"]
    listed = ffgrid(*db, "list")
    assert listed.returncode == 0, listed.stderr
    assert "england-wales-2019\tEngland & Wales\t2019\t31 lines" in listed.stdout  # seeded on first use
    assert "(illustrative)" in listed.stdout

    out = tmp_path / "ew.yaml"
    assert ffgrid(*db, "export", "england-wales-2019", "-o", str(out)).returncode == 0
    copy = tmp_path / "copy.yaml"
    copy.write_text(out.read_text(encoding="utf-8").replace("id: england-wales-2019", "id: ew-copy", 1),
                    encoding="utf-8")
    assert ffgrid(*db, "import", str(copy)).returncode == 0
    again = ffgrid(*db, "export", "ew-copy")
    assert again.stdout == copy.read_text(encoding="utf-8")

    refused = ffgrid(*db, "import", str(copy))
    assert refused.returncode == 1 and "already stored" in refused.stderr and "--replace" in refused.stderr
    broken = tmp_path / "broken.yaml"
    broken.write_text(copy.read_text(encoding="utf-8").replace("framework: 3", "framework: 9", 1), encoding="utf-8")
    failed = ffgrid(*db, "import", "--replace", str(broken))
    assert failed.returncode == 1 and f"{broken}:" in failed.stderr and "score 9 is outside 0-3" in failed.stderr
    assert ffgrid(*db, "export", "ew-copy").stdout == copy.read_text(encoding="utf-8")  # unchanged
    assert ffgrid(*db, "export", "nope").returncode == 1


def test_the_published_grid_is_read_only_from_the_command_line_too(tmp_path):
    import getpass

    from store import open_engine
    from store.audit import AuditLog

    url = f"sqlite:///{tmp_path / 'cli.db'}"
    db = ["db", "--database", url]
    before = ffgrid(*db, "list").stdout
    assert "england-wales-2019\tEngland & Wales\t2019\t31 lines\trevision 1" in before
    refused = ffgrid("--as", "Nóra Nagy", *db, "import", "assessments/england-wales-2019.yaml", "--replace")
    assert refused.returncode == 1
    assert "england-wales-2019 is published and read-only" in refused.stderr and "nothing was changed" in refused.stderr
    assert ffgrid(*db, "list").stdout == before  # revision 1 still: nothing was written
    started = ffgrid("--as", "Nóra Nagy", *db, "new-version", "england-wales-2019", "ew-2025", "--date", "2025")
    assert started.returncode == 0 and "started ew-2025" in started.stdout, started.stderr
    assert ffgrid(*db, "new-version", "england-wales-2019", "ew-2026").returncode == 0
    taken = ffgrid(*db, "new-version", "england-wales-2019", "ew-2026")
    assert taken.returncode == 1 and "already stored (choose another id)" in taken.stderr
    engine = open_engine(url)
    actors = {e.assessment: e.actor for e in AuditLog(engine).entries() if e.action == "new_version"}
    engine.dispose()
    assert actors == {"ew-2025": "cli:Nóra Nagy", "ew-2026": f"cli:{getpass.getuser()}"}
    assert "system" not in {e.actor for e in AuditLog(open_engine(url)).entries()}


def test_data_import_tidy_and_mapped_files_and_refuse_a_broken_one(tmp_path):
    data = ["data", "--database", f"sqlite:///{tmp_path / 'd.db'}"]
    ok = ffgrid(*data, "import", "data/england_wales_hate_crime.csv")
    assert ok.returncode == 0 and "imported 108 figures" in ok.stdout, ok.stderr
    mapped = ffgrid(*data, "import", "data/bbc_hatecrime_by_force_2017_19.csv",
                    "--mapping", "data/mappings/bbc_hatecrime_by_force.yaml")
    assert mapped.returncode == 0 and "imported 770 figures" in mapped.stdout, mapped.stderr
    broken = tmp_path / "broken.csv"
    broken.write_text("source,publication,period,area,strand,measure,value\n"
                      "police,p,2018,E,martian,recorded_offences,1\npolice,p,2019,E,race,recorded_offences,x\n")
    refused = ffgrid(*data, "import", str(broken))
    assert refused.returncode == 1
    assert f"{broken}:2: strand: unknown strand 'martian'" in refused.stderr and f"{broken}:3: value" in refused.stderr
    listed = ffgrid(*data, "list").stdout.splitlines()
    assert len(listed) == 2 and "bbc_hatecrime_by_force_2017_19.csv\t770 figures" in listed[0]


def test_data_check_prints_json_flags_and_exit_codes(tmp_path):
    flagged = ffgrid("data", "check", "data/odihr_united_kingdom.csv", "--format", "json")
    assert flagged.returncode == 1, flagged.stderr
    flags = json.loads(flagged.stdout)
    assert {"period", "area", "source", "strand", "measure", "publication", "rule", "message"} <= set(flags[0])
    assert any(f["rule"] == "missing_stage" and f["period"] == "2016" for f in flags)
    clean = tmp_path / "clean.csv"
    clean.write_text("source,publication,period,area,strand,measure,value\npolice,p,2018,E,race,recorded_offences,5\n")
    assert ffgrid("data", "check", str(clean)).returncode == 0
    assert ffgrid("data", "check", str(tmp_path / "nope.csv")).returncode == 2
    bad = tmp_path / "bad.csv"
    bad.write_text("source,value\npolice,1\n")
    assert ffgrid("data", "check", str(bad)).returncode == 2


def test_data_synth_then_import_cases_and_refuse_a_broken_file(tmp_path):
    out = tmp_path / "cases.csv"
    made = ffgrid("data", "synth", "--rows", "300", "--seed", "3", "-o", str(out))
    assert made.returncode == 0 and "SYNTHETIC" in made.stdout and out.read_text().count("\n") == 301
    db = ["data", "--database", f"sqlite:///{tmp_path / 'c.db'}"]
    ok = ffgrid(*db, "cases", str(out), "--country", "ew", "--synthetic")
    assert ok.returncode == 0 and "imported 300 case records of ew" in ok.stdout and "(SYNTHETIC)" in ok.stdout
    rows = list(csv.reader(io.StringIO(out.read_text())))
    rows[5][rows[0].index("strands")] = "martian"          # line 6
    rows[7][rows[0].index("recorded_at")] = "not a date"   # line 8
    broken = tmp_path / "broken.csv"
    with broken.open("w", newline="") as fh:
        csv.writer(fh).writerows(rows)
    refused = ffgrid(*db, "cases", str(broken), "--country", "ew")
    assert refused.returncode == 1 and "nothing was imported" in refused.stderr
    assert f"{broken}:6: strands" in refused.stderr and f"{broken}:8: recorded_at" in refused.stderr


def test_report_command_uses_the_bundled_figures_when_none_are_imported(tmp_path):
    # the PDF itself is written by tests/test_install.py, from an installed copy, the same way
    out = tmp_path / "r.html"
    result = ffgrid("report", "assessments/england-wales-2019.yaml", "-o", str(out),
                    env={"FFGRID_DB": str(tmp_path / "none.db")})
    assert result.returncode == 0, result.stderr
    assert not (tmp_path / "none.db").exists()  # no database is made just to look for figures
    text = _html_text(out)
    assert "OSCE-ODIHR Hate Crime Reporting" in text and "bundled example data" in text and ".csv" not in text


def test_report_with_a_previous_assessment_says_what_moved_since(tmp_path):
    out = tmp_path / "r.html"
    result = ffgrid("report", "assessments/england-wales-2024-illustrative.yaml", "--previous",
                    "assessments/england-wales-2019.yaml", "-o", str(out), env={"FFGRID_DB": str(tmp_path / "none.db")})
    assert result.returncode == 0, result.stderr
    text = _html_text(out)
    assert "Generated by ffgrid from the ratings and from the assessment of 2019" in text
    moved = re.search(r"Since the assessment of 2019, (\d+) lines? moved up \(([^)]*)\)", text)
    assert moved and int(moved.group(1)) >= 1 and "Victims – Courts of England and Wales (judiciary)" in text
    bare = tmp_path / "bare.html"
    assert ffgrid("report", "assessments/england-wales-2024-illustrative.yaml", "-o", str(bare),
                  env={"FFGRID_DB": str(tmp_path / "none.db")}).returncode == 0
    assert "Since the assessment of" not in _html_text(bare)


# A police publication of England and Wales (the report shows only its own country's figures), and one
# figure of another country, which it must leave out.
RURITANIA = ("source,publication,period,area,strand,measure,value\n"
             "police,Ruritania police annual 2018 (revised edition),2016,England and Wales,race,recorded_offences,12\n"
             "police,Ruritania police annual 2018 (revised edition),2017,England and Wales,race,recorded_offences,4\n"
             "police,Ruritania police annual 2018 (revised edition),2018,England and Wales,race,recorded_offences,31\n"
             "police,Ruritanian police yearbook 2018,2018,Ruritania,race,recorded_offences,77\n")


def _html_text(path: Path) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", path.read_text(encoding="utf-8"))).split())


def test_report_data_option_and_imported_figures(tmp_path):
    tidy = tmp_path / "ruritania.csv"
    tidy.write_text(RURITANIA)
    out = tmp_path / "r.html"  # the report's HTML: the same content as its PDF, without the layout time
    given = ffgrid("report", "assessments/england-wales-2019.yaml", "-o", str(out), "--data", str(tidy),
                   "data/bbc_hatecrime_by_force_2017_19.csv")  # wide: its bundled mapping is found
    assert given.returncode == 0, given.stderr
    text = _html_text(out)
    assert "Ruritania police annual 2018 (revised edition)" in text and "fewer than 10" in text
    assert "Ruritanian police yearbook" not in text  # another country's figure
    assert "Rates per 100,000 people by police force, 2018/19" in text and "United Kingdom (OSCE-ODIHR)" not in text

    db = tmp_path / "d.db"
    assert ffgrid("data", "--database", f"sqlite:///{db}", "import", str(tidy)).returncode == 0
    imported = ffgrid("report", "assessments/england-wales-2019.yaml", "-o", str(out), env={"FFGRID_DB": str(db)})
    assert imported.returncode == 0, imported.stderr
    text = _html_text(out)
    assert "Ruritania police annual 2018 (revised edition)" in text and "BBC Shared Data Unit" not in text


def test_report_with_bad_data_names_the_row_and_writes_nothing(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text(RURITANIA.replace(",31", ",lots"))
    out = tmp_path / "r.pdf"
    result = ffgrid("report", "assessments/england-wales-2019.yaml", "-o", str(out), "--data", str(bad))
    assert result.returncode == 1 and f"{bad}:4: value: 'lots' is not a number" in result.stderr
    assert not out.exists()
    wide = tmp_path / "wide.csv"
    wide.write_text("Force,Year,Hate\nKent,2019,3\n")
    result = ffgrid("report", "assessments/england-wales-2019.yaml", "-o", str(out), "--data", str(wide))
    assert result.returncode == 1 and "nor a wide one that a column mapping fits" in result.stderr


def test_actions_as_a_status_report_and_as_json():
    table = ffgrid("actions", "assessments/england-wales-2019.yaml")
    assert table.returncode == 0, table.stderr
    assert table.stdout.startswith("EXAMPLE, not official")
    assert table.stdout.index("KEY ACTIONS COMPLETED") < table.stdout.index("KEY ACTIONS IN PROGRESS")
    data = json.loads(ffgrid("actions", "assessments/england-wales-2019.yaml", "--format", "json").stdout)
    first = data["actions"][0]
    assert {"number", "title", "owner", "due", "status", "status_date", "note", "relationships", "standards",
            "recommendations"} <= set(first)
    assert (first["number"], first["status"], first["status_date"]) == (1, "in_progress", "2020-06-15")
    assert {a["status"] for a in data["actions"]} == {"not_started", "in_progress", "completed", "dropped"}


DRAFT = "england-wales-2024-illustrative"


def _exports(db: list[str]) -> dict[str, str]:
    """`db list` and every stored assessment's `db export`, as the command prints them."""
    listed = ffgrid(*db, "list").stdout
    return {"list": listed} | {slug: ffgrid(*db, "export", slug).stdout for slug in
                               (row.split("\t")[0] for row in listed.splitlines())}


def test_db_backup_while_in_use_restores_byte_for_byte(method, tmp_path, model):
    import shutil
    import sqlite3

    from store import open_repository

    live = tmp_path / "live.db"
    repo = open_repository(method, f"sqlite:///{live}")  # seeded with the bundled assessments; stays open
    stored = repo.get(DRAFT)
    line = stored.assessment.lines[0]
    edit = line.model_copy(update={"situation": line.situation.model_copy(update={"action": "Edited after seeding."})})
    repo.save_line(DRAFT, edit, stored.line_meta(line.relationship).version, "tester")
    with repo.engine.connect() as held:  # a connection still open on the live database, in WAL mode
        assert held.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert Path(f"{live}-wal").stat().st_size > 0  # the edit is in the -wal file, not yet in live.db
        shutil.copyfile(live, tmp_path / "copied.db")  # what copying the file gives: the edit is missing
        with contextlib.closing(sqlite3.connect(tmp_path / "copied.db")) as copied:
            tables = {row[0] for row in copied.execute("SELECT name FROM sqlite_master")}
            assert "lines" not in tables or not copied.execute(
                "SELECT 1 FROM lines WHERE situation_action = 'Edited after seeding.'").fetchall()

        backed = ffgrid("db", "--database", f"sqlite:///{live}", "backup", str(tmp_path / "backup.db"))
        assert backed.returncode == 0, backed.stderr
        assert "backed up 2 assessment(s)" in backed.stdout
    assert not Path(f"{tmp_path / 'backup.db'}-wal").exists()  # one self-contained file

    fresh = ["db", "--database", f"sqlite:///{tmp_path / 'fresh.db'}"]
    restored = ffgrid(*fresh, "restore", str(tmp_path / "backup.db"))
    assert restored.returncode == 0, restored.stderr
    before, after = _exports(["db", "--database", f"sqlite:///{live}"]), _exports(fresh)
    assert after == before and "Edited after seeding." in after[DRAFT] and len(after) == 3
    repo.engine.dispose()

    again = ffgrid(*fresh, "restore", str(tmp_path / "backup.db"))  # the fresh database is no longer empty
    assert again.returncode == 1 and "not empty" in again.stderr and "--force" in again.stderr
    assert ffgrid(*fresh, "restore", "--force", str(tmp_path / "backup.db")).returncode == 0
    exists = ffgrid("db", "--database", f"sqlite:///{live}", "backup", str(tmp_path / "backup.db"))
    assert exists.returncode == 1 and "--force" in exists.stderr


def test_db_restore_of_a_file_that_is_not_an_ffgrid_database_is_refused_and_changes_nothing(tmp_path):
    import sqlite3

    db = ["db", "--database", f"sqlite:///{tmp_path / 'kept.db'}"]
    before = _exports(db)  # seeded
    text = tmp_path / "notes.txt"
    text.write_text("not a database\n" * 100)
    other = tmp_path / "other.db"
    with contextlib.closing(sqlite3.connect(other)) as conn:
        conn.execute("CREATE TABLE things (x)")
        conn.execute("INSERT INTO things VALUES (1)")
        conn.commit()
    newer = tmp_path / "newer.db"
    ffgrid("db", "--database", f"sqlite:///{newer}", "list")
    with contextlib.closing(sqlite3.connect(newer)) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
        conn.commit()
    for path, code, words in [(text, 2, "is not a SQLite database"), (other, 1, "not an ffgrid database"),
                              (newer, 1, "migration 9999"), (tmp_path / "missing.db", 2, "no file")]:
        refused = ffgrid(*db, "restore", "--force", str(path))
        assert refused.returncode == code and str(path) in refused.stderr and words in refused.stderr, refused.stderr
        assert "nothing was changed" in refused.stderr
    assert _exports(db) == before
    assert text.read_text() == "not a database\n" * 100


def test_db_backup_of_postgresql_says_how_with_pg_dump(tmp_path):
    result = ffgrid("db", "--database", "postgresql+psycopg://ffgrid:secret@db.internal/ffgrid", "backup",
                    str(tmp_path / "b.db"))
    assert result.returncode == 1 and "pg_dump --format=custom" in result.stderr and "pg_restore" in result.stderr
    assert "secret" not in result.stderr and not (tmp_path / "b.db").exists()


def test_db_export_and_import_keep_every_line_break_like_character(tmp_path):
    from base.yamlio import dump, load

    db = ["db", "--database", f"sqlite:///{tmp_path / 'breaks.db'}"]
    odd = "a\x85b\u2028c\u2029d\x0be\x0cf\x1cg\x1dh\x1ei\rj\r\nk\tl"
    data = load(ffgrid(*db, "export", DRAFT).stdout)
    data |= {"id": "odd", "title": odd, "country": "Ruritania" + odd, "author": odd, "notes": f"one\n{odd}\nthree"}
    line = data["lines"][0]
    line["situation"] = {"framework": f"para\n\n{odd} end", "action": odd + "\n"}
    line["evidence"] = [{"title": odd, "note": f"n\n{odd}"}]
    line["comments"] = [odd, f"x\n{odd}"]
    (tmp_path / "odd.yaml").write_text(dump(data), encoding="utf-8")
    assert ffgrid(*db, "import", str(tmp_path / "odd.yaml")).returncode == 0
    exported = ffgrid(*db, "export", "odd").stdout
    assert exported == (tmp_path / "odd.yaml").read_text(encoding="utf-8")  # byte for byte: nothing changed
    assert load(exported)["lines"][0]["comments"] == [odd, f"x\n{odd}"] and "\u2028" not in exported

    raw = tmp_path / "raw.yaml"  # written by hand (or by an older ffgrid) with a line separator as it stands
    raw.write_text(dump(data | {"id": "raw"}).replace("\\L", "\u2028", 1), encoding="utf-8")
    refused = ffgrid(*db, "import", str(raw))
    line_no = next(i for i, text in enumerate(raw.read_text(encoding="utf-8").split("\n"), 1) if "\u2028" in text)
    assert refused.returncode == 1 and f"{raw}:{line_no}: title: " in refused.stderr
    assert "U+2028" in refused.stderr and "\\L inside double quotes" in refused.stderr
    assert "raw\t" not in ffgrid(*db, "list").stdout


def test_publish_writes_the_web_edition_as_a_site_or_one_file(tmp_path):
    tidy = tmp_path / "ruritania.csv"
    tidy.write_text(RURITANIA)
    out = tmp_path / "web"
    result = ffgrid("publish", "assessments/england-wales-2019.yaml", "-o", str(out), "--data", str(tidy),
                    env={"FFGRID_DB": str(tmp_path / "none.db")})
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"wrote {out / 'index.html'}\n" and not (tmp_path / "none.db").exists()
    assert {"index.html", "grid.html", "data.html", "methodology.html", "site.css"} <= {p.name for p in out.iterdir()}
    assert (out / "relationships" / "police-courts.html").is_file()
    data = (out / "data.html").read_text(encoding="utf-8")
    assert "Ruritania police annual 2018 (revised edition)" in data and "Ruritanian police yearbook" not in data
    trend = next((out / "data").glob("police-recorded-*.csv")).read_text(encoding="utf-8-sig")
    assert "2017,fewer than 10," in trend and ",4," not in trend
    one = tmp_path / "one.html"
    single = ffgrid("publish", "assessments/england-wales-2019.yaml", "-o", str(one), "--single-file",
                    "--data", str(tidy))
    assert single.returncode == 0, single.stderr
    assert 'id="rel-police-courts"' in one.read_text(encoding="utf-8")


def test_publish_refuses_bad_data_and_a_wrong_output_and_writes_nothing(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text(RURITANIA.replace(",31", ",lots"))
    out = tmp_path / "web"
    result = ffgrid("publish", "assessments/england-wales-2019.yaml", "-o", str(out), "--data", str(bad))
    assert result.returncode == 1 and f"{bad}:4: value: 'lots' is not a number" in result.stderr
    assert "no web edition was written" in result.stderr and not out.exists()
    wrong = ffgrid("publish", "assessments/england-wales-2019.yaml", "-o", str(tmp_path / "site.html"))
    assert wrong.returncode != 0 and "for one file add --single-file" in wrong.stderr
    assert not (tmp_path / "site.html").exists()


def test_the_command_speaks_the_language_its_environment_asks_for():
    said = ffgrid("validate", env={"FFGRID_LANGUAGE": "hu"})
    assert said.returncode == 0 and said.stdout.startswith("rendben: a(z) ") and "érvényes" in said.stdout
    table = ffgrid("score", "assessments/england-wales-2019.yaml", env={"LANG": "es_ES.UTF-8", "FFGRID_LANGUAGE": ""})
    assert table.stdout.splitlines()[1].split()[:3] == ["fila", "id", "ámbito"] and "VERDE" in table.stdout
    refused = ffgrid("new", "--profile", "xx", "--date", "2026", "-o", "/dev/null", env={"FFGRID_LANGUAGE": "es"})
    assert refused.returncode == 2 and "ni un perfil incluido" in refused.stderr
    helped = ffgrid("--help", env={"FFGRID_LANGUAGE": "hu"})
    assert "a rendszertérkép megrajzolása" in helped.stdout  # the commands' help too
