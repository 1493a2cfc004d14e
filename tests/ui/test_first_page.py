"""The first page's imports: the Overview is drawn without pandas (about half a second of a cold start;
the dashboard and the other pages load it when they are opened, and the warm-up once the server is quiet)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from base.paths import ROOT
from store import Repository

OVERVIEW = """
import sys
from streamlit.testing.v1 import AppTest
from ui import state
at = AppTest.from_file("streamlit_app.py", default_timeout=60)
at.query_params["assessment"] = "england-wales-2019"
at.session_state["sign_in"] = state.sign_ins().start("Test Assessor")
at.run()
assert not at.exception, at.exception
assert at.title[0].value == "Systems map", [t.value for t in at.title]
print(sorted({"pandas", "networkx"} & set(sys.modules)))
"""


def test_the_overview_is_drawn_without_pandas(store: Repository, db_file: Path):
    run = subprocess.run([sys.executable, "-c", OVERVIEW], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr[-3000:]
    assert run.stdout.strip().splitlines()[-1] == "[]", run.stdout
