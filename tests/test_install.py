"""A non-editable install carries what it reads: the model, the examples, templates, migrations and data."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from base.paths import ROOT


def test_an_installed_copy_validates_and_writes_the_report(tmp_path):
    source, wheels, target, work = (tmp_path / name for name in ("source", "wheels", "site", "work"))
    work.mkdir()
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(  # the build writes into the tree it builds
        ".git", ".venv", "var", "test-artifacts", "build", "*.egg-info", "__pycache__", ".*_cache", ".hypothesis"))
    pip = [sys.executable, "-m", "pip", "-q", "--disable-pip-version-check"]
    subprocess.run([*pip, "wheel", "--no-deps", "--no-build-isolation", "-w", str(wheels), str(source)],
                   check=True, capture_output=True, cwd=tmp_path, timeout=300)
    [wheel] = wheels.glob("ffgrid-*.whl")
    subprocess.run([*pip, "install", "--no-deps", "--target", str(target), str(wheel)],
                   check=True, capture_output=True, timeout=300)
    env = {k: v for k, v in os.environ.items() if k not in ("FFGRID_DB", "DATABASE_URL")}
    env |= {"PYTHONPATH": str(target), "XDG_DATA_HOME": str(tmp_path / "data-home")}

    script = target / "bin" / "ffgrid"  # the console script the install made

    def ffgrid(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([str(script), *args], cwd=work, env=env, capture_output=True, text=True, timeout=300)

    where = subprocess.run([sys.executable, "-c", "import framework, cli; print(framework.__file__, cli.__file__)"],
                           cwd=work, env=env, capture_output=True, text=True, check=True).stdout
    assert where.count(str(target)) == 2, where  # the installed copy, not the checkout
    validated = ffgrid("validate")
    assert validated.returncode == 0 and "2 assessment(s) are valid" in validated.stdout, validated.stderr
    # the report's HTML: templates, stylesheet, model, examples and data all come from the installed copy
    # (the PDF of that HTML is tested in the checkout: tests/exports/test_report.py, and in the browser)
    report = work / "report.html"
    made = ffgrid("report", str(target / "assessments" / "england-wales-2019.yaml"), "-o", str(report))
    assert made.returncode == 0, made.stderr
    text = report.read_text(encoding="utf-8")
    assert "@page" in text and "Annex: standards" in text  # the stylesheet and the template
    assert "OSCE-ODIHR Hate Crime Reporting" in text and "bundled example data" in text  # bundled data
    assert not (tmp_path / "data-home").exists()  # no database is made just to look for imported figures
    listed = ffgrid("db", "list")  # migrations shipped; the database goes to the user's data folder
    assert listed.returncode == 0 and "england-wales-2019" in listed.stdout, listed.stderr
    assert (tmp_path / "data-home" / "ffgrid" / "ffgrid.db").is_file() and not (target / "var").exists()
    languages = ffgrid("i18n", "check")  # the catalogues and the method's words in other languages shipped
    assert languages.returncode == 0 and "hu (Magyar): " in languages.stdout, languages.stdout + languages.stderr
    assert (target / "locales" / "hu" / "method.yaml").is_file()
