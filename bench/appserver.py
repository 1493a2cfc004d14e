"""Start the app (or any Streamlit script) on a free port, and Debian's chromium for Playwright.

Shared by the end-to-end tests and `ffgrid bench app`. Never `playwright install`: the browser is
Debian's chromium in its headless build (package chromium-headless-shell, built from the same chromium
source; Playwright's own headless mode is this shell too). Against the full /usr/bin/chromium in new
headless mode it takes a fifth less CPU per page on the same pages.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from base.paths import ROOT

CHROMIUM = "/usr/bin/chromium-headless-shell"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                 "--disable-extensions", "--no-first-run", "--mute-audio"]


def free_port() -> int:
    """A TCP port on loopback that nothing listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class AppServer:
    """`streamlit run SCRIPT` as a child process on a free port, with its own environment."""

    env: dict[str, str] = field(default_factory=dict)
    script: Path = ROOT / "serve.py"  # the app with its sign-in page (any Streamlit script for a baseline)
    port: int = field(default_factory=free_port)
    process: subprocess.Popen | None = None
    started_at: float = 0.0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 30) -> AppServer:
        """Spawn the server and wait until its health check answers."""
        return self.spawn().wait_until_healthy(timeout)

    def spawn(self) -> AppServer:
        """Start the server process (without waiting for it: several can start side by side)."""
        self.started_at = time.perf_counter()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", str(self.script), "--server.port", str(self.port),
             "--server.headless", "true", "--browser.gatherUsageStats", "false"],
            cwd=ROOT, env={**os.environ, **self.env}, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        return self

    def wait_until_healthy(self, timeout: float = 30) -> AppServer:
        """Wait until the spawned server's health check answers."""
        assert self.process is not None, "spawn() first"
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the app exited with {self.process.returncode}:\n{self.process.stdout.read()}")
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=1) as r:
                    if r.read() == b"ok":
                        return self
            except OSError:
                time.sleep(0.05)
        self.stop()
        raise TimeoutError(f"the app did not answer on {self.url} within {timeout} s")

    def stop(self) -> str:
        """Stop the server; returns what it printed."""
        if self.process is None:
            return ""
        self.process.terminate()
        try:
            out, _ = self.process.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            out, _ = self.process.communicate()
        self.process = None
        return out or ""

    def __enter__(self) -> AppServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def launch_chromium(playwright):  # type: ignore[no-untyped-def]
    """Debian's chromium, headless, through Playwright."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)


def new_context(browser, width: int = 1440, height: int = 1000):  # type: ignore[no-untyped-def]
    """A fresh browser context (its own cookies and storage) at a desktop size, animations reduced."""
    return browser.new_context(viewport={"width": width, "height": height}, reduced_motion="reduce")
