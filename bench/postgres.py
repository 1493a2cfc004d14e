"""A throwaway PostgreSQL cluster (initdb + pg_ctl in a temporary folder, no systemd), for the tests
and the soak benchmark."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from bench.appserver import free_port


def _bin() -> Path:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda p: int(p.parent.parent.name))
    if not found:
        raise RuntimeError("PostgreSQL server binaries not found: run `make setup` (installs postgresql)")
    return found[-1].parent


@contextmanager
def throwaway_cluster() -> Iterator[str]:
    """Start a fresh cluster on a free loopback port; yields the server URL (without a database name)."""
    pgbin = _bin()
    as_pg = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []  # initdb refuses root
    tmp = Path(tempfile.mkdtemp(prefix="ffgrid-pg-"))
    tmp.chmod(0o755)
    data = tmp / "data"
    if as_pg:
        shutil.chown(tmp, "postgres")
    port = free_port()
    run = lambda *cmd: subprocess.run([*as_pg, *cmd], check=True, capture_output=True, text=True)  # noqa: E731
    try:
        run(str(pgbin / "initdb"), "-A", "trust", "-U", "postgres", "-D", str(data))
        run(str(pgbin / "pg_ctl"), "-D", str(data), "-w", "-l", str(tmp / "log"), "-o",
            f"-c listen_addresses=127.0.0.1 -p {port} -k {tmp} -c fsync=off -c full_page_writes=off", "start")
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}"
    finally:
        subprocess.run([*as_pg, str(pgbin / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"],
                       capture_output=True)
        shutil.rmtree(tmp, ignore_errors=True)
