"""Report builds running in this app process, one per person and assessment: started from the Reports
page in a background thread (so the page stays usable while it runs), read on the page's next runs.

A build lives in the process that started it, like the browser session that asked for it (sessions are
sticky to a process); it is kept until the same person builds that assessment's report again, or
until there are more than `KEPT` builds (the oldest finished ones go first).
"""

from __future__ import annotations

import logging
import secrets
import threading
import time
from collections.abc import Callable

import streamlit as st

from base.i18n import _, using
from base.i18n import language as speaking_now  # (`language` names a build's language here)
from exports.report_build import ReportBuild
from ui.errors import what_happened

log = logging.getLogger("ffgrid")
KEPT = 32


class Builds:
    """The builds of this process, by (person, assessment)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._builds: dict[tuple[str, str], ReportBuild] = {}

    def get(self, person: str, assessment: str) -> ReportBuild | None:
        return self._builds.get((person, assessment))

    def start(self, person: str, assessment: str, revision: int, language: str | None,
              work: Callable[[ReportBuild], None]) -> ReportBuild:
        """Run `work` on a new build (of `revision`, in `language`) in a background thread; a build of the
        same person and assessment that is still running is returned instead (a second click starts nothing)."""
        with self._lock:
            running = self._builds.get((person, assessment))
            if running is not None and running.running:
                return running
            build = self._builds[(person, assessment)] = ReportBuild(revision, language)
            self._forget_old()
        threading.Thread(target=_run, args=(build, work, speaking_now()), name=f"ffgrid-report-{assessment}", daemon=True).start()
        return build

    def _forget_old(self) -> None:
        finished = sorted((b.started, key) for key, b in self._builds.items() if not b.running)
        for _started, key in finished[:max(0, len(self._builds) - KEPT)]:
            del self._builds[key]


def _run(build: ReportBuild, work: Callable[[ReportBuild], None], speaking: str) -> None:
    """Do the build; a failure is recorded in words (in the language the person who started it speaks)
    with a reference, its details go to the server's log."""
    try:
        work(build)
    except Exception as err:
        reference = secrets.token_hex(4)
        log.error("the report build failed, reference %s", reference, exc_info=err)
        with using(speaking):
            build.error = _("The report could not be built: {what} Nothing was lost. If it happens again, give "
                            "your administrator the reference {reference}: the details are in the server's log."
                            ).format(what=what_happened(err, _("building it met an error.")), reference=reference)
    finally:
        build.finished = time.monotonic()


@st.cache_resource
def builds() -> Builds:
    """This process's report builds (shared by its sessions)."""
    return Builds()
