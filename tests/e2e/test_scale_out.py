"""Scale-out: two app processes on different ports serve one PostgreSQL database. A change saved
through one shows in the other; a browser signed in through one is signed in to the other (the
cookie's secret is in the database); and two people saving the same relationship through different
processes conflict cleanly: the second is refused and told whose change it met."""

from __future__ import annotations

import re
from contextlib import ExitStack

from playwright.sync_api import expect

from bench.appserver import AppServer, new_context
from bench.steps import TIMEOUT, choose_score, open_relationship, save, wait_for_map
from bench.team import PASSWORD, prepare
from store import open_engine
from store.audit import AuditLog

REL = "police-courts"


def test_two_app_processes_on_one_postgresql(pg_url, browser, screenshot):
    prepare(pg_url)
    env = {"DATABASE_URL": pg_url, "FFGRID_DB": ""}
    with ExitStack() as stack:
        servers = [AppServer(env=env).spawn() for _ in range(2)]  # the two start side by side
        for server in servers:
            stack.callback(server.stop)
        one, two = (server.wait_until_healthy() for server in servers)
        assert one.port != two.port
        a_context = new_context(browser)
        b_context = new_context(browser)
        ann, ada = a_context.new_page(), b_context.new_page()
        open_relationship(ann, one.url, REL, "Ann Assessor", PASSWORD)  # through process one
        wait_for_map(ann, REL, "amber")
        other = a_context.new_page()  # the same browser on process two (a cookie does not depend on the port)
        other.goto(f"{two.url}/history?assessment=england-wales-2019")
        expect(other.get_by_role("button", name="Sign out")).to_be_visible(timeout=TIMEOUT)
        other.close()

        choose_score(ann, "Framework", 3)
        save(ann)
        wait_for_map(ann, REL, "green")
        open_relationship(ada, two.url, REL, "Ann Assessor", PASSWORD)  # process two sees it
        wait_for_map(ada, REL, "green")

        # both now have the same version open: one saves through process one, then the other through two
        choose_score(ann, "Action", 3)
        save(ann)
        choose_score(ada, "Action", 0)
        ada.locator(".st-key-save button").click()
        expect(ada.get_by_text(re.compile(r"Not saved: police-courts was changed by Ann Assessor"))).to_be_visible(
            timeout=TIMEOUT)
        screenshot(ada, "scale-out-conflict")
        a_context.close()
        b_context.close()
    engine = open_engine(pg_url)
    saves = [e for e in AuditLog(engine).entries("england-wales-2019", REL) if e.field == "action"]
    assert [(e.old, e.new) for e in saves] == [("2", "3")]  # the refused save left no trace
    engine.dispose()
