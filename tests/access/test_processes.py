"""No lost edits across processes: two processes save the same relationship against the same version
on one PostgreSQL database at the same moment; exactly one wins, the other is refused with who won,
and the log holds only the winner's change."""

from __future__ import annotations

import json
import subprocess
import sys
import time

from store import Repository, open_engine
from store.accounts import Accounts
from store.audit import AuditLog
from framework import ROOT

REL = "police-courts"
SAVER = """
import json, sys, time
from access.workspace import Workspace
from framework import load_method
from store import Repository, StaleEdit, open_engine
from store.accounts import Accounts
url, name, action, start, version = sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4]), int(sys.argv[5])
repo = Repository(open_engine(url), load_method())
ws = Workspace(repo, Accounts(repo.engine).get(name))
line = repo.get("ew").assessment.line("police-courts").model_copy(update={"action": action, "rating": None})
while time.time() < start:
    time.sleep(0.001)
try:
    print(json.dumps({"saved": ws.save_line("ew", line, version)}))
except StaleEdit as err:
    print(json.dumps({"refused": str(err), "winner": err.meta.updated_by}))
"""


def test_two_processes_saving_the_same_line_at_once_one_wins_and_nothing_is_lost(method, pg_url, model, ew):
    repo = Repository(open_engine(pg_url), method)
    repo.add(ew.model_copy(update={"id": "ew", "status": "draft"}))
    accounts = Accounts(repo.engine)
    for name in ("Ann", "Bea"):
        accounts.add(name, "a long password", "assessor", ("ew",))
    version = repo.get("ew").line_meta(REL).version
    start = time.time() + 3  # both processes are loaded and waiting by then
    runs = [subprocess.Popen([sys.executable, "-c", SAVER, pg_url, name, str(action), str(start), str(version)],
                             cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for name, action in (("Ann", 3), ("Bea", 0))]
    results = {}
    for name, run in zip(("Ann", "Bea"), runs):
        out, err = run.communicate(timeout=60)
        assert run.returncode == 0, err
        results[name] = json.loads(out)
    winners = [n for n, r in results.items() if "saved" in r]
    losers = [n for n, r in results.items() if "refused" in r]
    assert len(winners) == 1 and len(losers) == 1, results
    assert results[losers[0]]["winner"] == winners[0]
    stored = repo.get("ew")
    assert stored.line_meta(REL).version == version + 1 and stored.line_meta(REL).updated_by == winners[0]
    assert stored.assessment.line(REL).action == {"Ann": 3, "Bea": 0}[winners[0]]
    changes = [(e.actor, e.field) for e in AuditLog(repo.engine).entries("ew", REL)]
    assert changes and {a for a, _ in changes} == {winners[0]}
    repo.engine.dispose()
