"""`ffgrid bench soak`: simulated assessors saving concurrently against PostgreSQL, then a check that
no edit was lost and nothing is inconsistent.

Each user loops until time is up: read the assessment, pick one of a few relationships (so people
collide), write a unique token into its action text and save against the version read. A refused
(stale) save is a conflict and is counted, not retried. Afterwards, per relationship:
- the versions of the accepted saves are exactly the versions from the first to the stored one, no gaps;
- the stored text is the token of the save with the highest version;
- the audit log holds one entry per accepted save, with its token, and none for a refused one.
"""

from __future__ import annotations

import random
import threading
import time
from collections import defaultdict
from contextlib import ExitStack
from dataclasses import dataclass, field

from access.workspace import Workspace
from framework import ASSESSMENTS_DIR, load_assessment, load_method
from store import Repository, StaleEdit, open_engine
from store.accounts import Accounts
from store.audit import AuditLog

HOT = ("police-courts", "victim-courts", "police-prosecution", "victim-police", "public-police")
SLUG = "soak"


@dataclass
class Tally:
    """Accepted saves (relationship -> [(version, token)]), conflicts and errors, shared by the threads."""

    saves: dict[str, list[tuple[int, str]]] = field(default_factory=lambda: defaultdict(list))
    conflicts: int = 0
    errors: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


def _user(ws: Workspace, name: str, deadline: float, tally: Tally, seed: int) -> None:
    rng, n = random.Random(seed), 0
    while time.monotonic() < deadline:
        rid = rng.choice(HOT)
        stored = ws.get(SLUG)
        line = stored.assessment.line(rid)
        token = f"{name}#{n}"
        n += 1
        edited = line.model_copy(update={"situation": line.situation.model_copy(update={"action": token})})
        try:
            version = ws.save_line(SLUG, edited, stored.line_meta(rid).version)
        except StaleEdit:
            with tally.lock:
                tally.conflicts += 1
        except Exception as err:  # noqa: BLE001 - anything else is a finding, reported below
            with tally.lock:
                tally.errors.append(f"{name}: {type(err).__name__}: {err}")
        else:
            with tally.lock:
                tally.saves[rid].append((version, token))


def check(repo: Repository, tally: Tally, start_versions: dict[str, int]) -> list[str]:
    """Everything inconsistent between what the users were told and what the database holds."""
    problems = list(tally.errors)
    stored = repo.get(SLUG)
    logged: dict[str, list[str]] = defaultdict(list)
    for e in AuditLog(repo.engine).entries(SLUG):
        if e.action == "save_line" and e.field == "situation.action":
            logged[e.relationship].append(e.new)
    for rid in HOT:
        accepted = sorted(tally.saves.get(rid, []))
        versions = [v for v, _ in accepted]
        final = stored.line_meta(rid).version
        if versions != list(range(start_versions[rid] + 1, final + 1)):
            problems.append(f"{rid}: accepted versions {versions[:5]}... do not run to the stored {final}")
        if accepted and stored.assessment.line(rid).situation.action != accepted[-1][1]:
            problems.append(f"{rid}: stored text is not the last accepted save")
        if sorted(logged[rid]) != sorted(t for _, t in accepted):
            problems.append(f"{rid}: the log has {len(logged[rid])} saves, users were told of {len(accepted)}")
    return problems


@dataclass(frozen=True)
class Soak:
    """What a soak did: the tally, the versions it started from, the time taken and the problems found."""

    tally: Tally
    start_versions: dict[str, int]
    elapsed: float
    problems: list[str]


def soak(url: str, users: int = 20, seconds: float = 60) -> Soak:
    """Run the soak on the database at `url` and check the outcome."""
    method = load_method()
    repo = Repository(open_engine(url, pool_size=users + 2), method)
    ew = load_assessment(ASSESSMENTS_DIR / "england-wales-2019.yaml", method)
    repo.add(ew.model_copy(update={"id": SLUG, "status": "draft"}), replace=True, author="soak setup")
    accounts = Accounts(repo.engine)
    names = [f"soak user {i}" for i in range(users)]
    known = {a.name for a in accounts.list()}
    spaces = [Workspace(repo, accounts.add(n, "soak password", "assessor", (SLUG,)) if n not in known
                        else accounts.get(n)) for n in names]
    start_versions = {rid: repo.get(SLUG).line_meta(rid).version for rid in HOT}
    tally = Tally()
    begun = time.monotonic()
    threads = [threading.Thread(target=_user, args=(ws, n, begun + seconds, tally, i))
               for i, (ws, n) in enumerate(zip(spaces, names))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - begun
    problems = check(repo, tally, start_versions)
    repo.engine.dispose()
    return Soak(tally, start_versions, elapsed, problems)


def run(users: int = 20, seconds: float = 60, url: str | None = None) -> int:
    """Print saves per second, conflicts and the consistency check; on a throwaway cluster by default."""
    with ExitStack() as stack:
        if url is None:
            from bench.postgres import throwaway_cluster

            url = f"{stack.enter_context(throwaway_cluster())}/postgres"
        result = soak(url, users, seconds)
    tally, problems, elapsed = result.tally, result.problems, result.elapsed
    saved = sum(len(v) for v in tally.saves.values())
    print(f"{users} users saving for {elapsed:.1f} s on PostgreSQL: {saved} saves ({saved / elapsed:.1f}/s), "
          f"{tally.conflicts} conflicts detected and refused ({tally.conflicts / elapsed:.1f}/s)")
    print("no lost edits, versions contiguous, log matches every accepted save" if not problems
          else "PROBLEMS:\n" + "\n".join(problems[:20]))
    return 0 if not problems else 1
