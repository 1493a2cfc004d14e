"""Single sign-on in chromium against a real OpenID Connect provider on loopback (oidc-provider-mock,
started here on a free port): the app gets its own secrets file (STREAMLIT_SECRETS_FILES), never the
repository's. A first sign-in waits for a role, then works once an admin gives one; a role from the
groups claim; a refused sign-in says so; signing out ends the provider's sign-in; an account switched
off is signed out at its next action."""

from __future__ import annotations

import json
import re
import secrets
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from typing import Iterator

import pytest
from playwright.sync_api import Page, expect

from bench.appserver import AppServer, free_port
from bench.steps import TIMEOUT, settle
from bench.team import prepare
from store import open_engine
from store.accounts import Accounts

PEOPLE = [{"sub": "nora-sub", "name": "Nóra Nagy", "email": "nora@example.org", "groups": ["staff"]},
          {"sub": "rita-sub", "name": "Rita Review", "email": "rita@example.org", "groups": ["ffgrid-reviewers"]},
          {"sub": "vic-sub", "name": "Vic Off", "email": "vic@example.org", "groups": ["ffgrid-viewers"]},
          {"sub": "dan-sub", "name": "Dan Denied", "email": "dan@example.org"}]
SECRETS = """\
[auth]
redirect_uri = "{app}/oauth2callback"
cookie_secret = "{cookie_secret}"

[auth.testidp]
label = "Test provider"
client_id = "ffgrid-test"
client_secret = "not a real secret"
server_metadata_url = "{idp}/.well-known/openid-configuration"

[ffgrid.sso]
role_claim = "groups"

[ffgrid.sso.roles]
"ffgrid-reviewers" = "reviewer"
"ffgrid-viewers" = "viewer"
"""


@contextmanager
def provider(people: list[dict], timeout: float = 30) -> Iterator[str]:
    """oidc-provider-mock in its own process on a free loopback port, its authorize page offering
    `people` (each with "sub" and claims); yields its address (the issuer)."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    args = [sys.executable, "-m", "oidc_provider_mock", "--host", "127.0.0.1", "--port", str(port)]
    process = subprocess.Popen([*args, *(a for p in people for a in ("--user-claims", json.dumps(p)))],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                with urllib.request.urlopen(f"{url}/.well-known/openid-configuration", timeout=1) as answer:
                    assert json.load(answer)["issuer"] == url
                    break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"the OpenID provider did not start on {url}") from None
                time.sleep(0.1)
        yield url
    finally:
        process.terminate()
        process.wait(10)


@pytest.fixture(scope="module")
def sso(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[AppServer, str]]:
    """The app (its own database and secrets file) and the provider's address."""
    folder = tmp_path_factory.mktemp("sso")
    db = folder / "ffgrid.db"
    prepare(f"sqlite:///{db}")
    with provider(PEOPLE) as idp_url:
        port = free_port()
        secrets_file = folder / "secrets.toml"
        secrets_file.write_text(SECRETS.format(app=f"http://127.0.0.1:{port}", idp=idp_url,
                                               cookie_secret=secrets.token_hex(32)))
        with AppServer(env={"FFGRID_DB": str(db), "STREAMLIT_SECRETS_FILES": str(secrets_file)}, port=port) as app:
            yield app, str(db)


def _accounts(db: str) -> Accounts:
    return Accounts(open_engine(f"sqlite:///{db}"))


def _sign_in_as(page: Page, subject: str) -> None:
    """On the provider's page: authorise as one of its predefined people."""
    expect(page.get_by_role("heading", name="Authorize Client")).to_be_visible(timeout=TIMEOUT)
    page.get_by_role("button", name=subject, exact=True).click()


def _start(page: Page, app: AppServer) -> None:
    """Open the sign-in page and follow the provider's link."""
    page.goto(app.url)
    page.get_by_role("link", name="Sign in with Test provider").click()


def _end_provider_session(page: Page) -> None:
    """The provider's end-session page (st.logout goes there), then back to the app."""
    expect(page.get_by_role("heading", name="End Session")).to_be_visible(timeout=TIMEOUT)
    page.get_by_role("button", name="End session").click()


def test_first_sign_in_waits_for_a_role_then_works(sso, page: Page, screenshot) -> None:
    app, db = sso
    page.goto(app.url)
    expect(page.get_by_role("link", name="Sign in with Test provider")).to_be_visible(timeout=TIMEOUT)
    expect(page.get_by_role("textbox", name="Name")).to_be_visible()
    screenshot(page, "sso-sign-in-page")
    page.get_by_role("link", name="Sign in with Test provider").click()
    _sign_in_as(page, "nora-sub")
    expect(page.get_by_role("heading", name="Your account waits for an administrator")).to_be_visible(timeout=TIMEOUT)
    expect(page.get_by_text("You are signed in as Nóra Nagy")).to_be_visible()
    screenshot(page, "sso-waiting-page")
    assert {(a.name, a.role) for a in _accounts(db).list()} >= {("Nóra Nagy", "")}
    page.goto(f"{app.url}/assess?assessment=england-wales-2019")  # no page opens without a role
    expect(page.get_by_role("heading", name="Your account waits for an administrator")).to_be_visible(timeout=TIMEOUT)
    expect(page.get_by_role("link", name="Assess")).to_have_count(0)
    _accounts(db).set_role("Nóra Nagy", "assessor", "Ada Admin")
    settle(page)  # a click during a run can land on a button being replaced
    page.get_by_role("button", name="Check again").click()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible(timeout=TIMEOUT)
    expect(page.get_by_text(re.compile(r"Signed in as Nóra Nagy \(assessor\)"))).to_be_visible()


def test_a_role_from_the_claim_through_a_link_then_sign_out(sso, page: Page) -> None:
    app, db = sso
    page.goto(f"{app.url}/?sign_in_with=testidp")  # the link starts the provider's sign-in at once
    _sign_in_as(page, "rita-sub")
    expect(page.get_by_text(re.compile(r"Signed in as Rita Review \(reviewer\)"))).to_be_visible(timeout=TIMEOUT)
    expect(page.get_by_role("link", name="Review queue")).to_be_visible()
    assert ("Rita Review", "reviewer") in {(a.name, a.role) for a in _accounts(db).list()}
    settle(page)
    page.get_by_role("button", name="Sign out").click()
    _end_provider_session(page)
    expect(page.get_by_role("textbox", name="Name")).to_be_visible(timeout=TIMEOUT)
    page.goto(app.url)  # a new session: the provider's sign-in is over, nobody is signed in
    expect(page.get_by_role("link", name="Sign in with Test provider")).to_be_visible(timeout=TIMEOUT)
    expect(page.get_by_role("button", name="Sign out")).to_have_count(0)


def test_a_refused_sign_in_says_so(sso, page: Page) -> None:
    app, db = sso
    _start(page, app)
    expect(page.get_by_role("heading", name="Authorize Client")).to_be_visible(timeout=TIMEOUT)
    page.get_by_role("button", name="Deny").click()
    expect(page.get_by_text("Signing in with Test provider did not succeed: the provider refused it or it was "
                            "cancelled. You are not signed in.")).to_be_visible(timeout=TIMEOUT)
    expect(page.get_by_role("textbox", name="Name")).to_be_visible()
    expect(page.get_by_role("button", name="Sign out")).to_have_count(0)
    assert "Dan Denied" not in {a.name for a in _accounts(db).list()}


def test_a_switched_off_account_is_signed_out_at_its_next_action(sso, page: Page) -> None:
    app, db = sso
    _start(page, app)
    _sign_in_as(page, "vic-sub")
    expect(page.get_by_text(re.compile(r"Signed in as Vic Off \(viewer\)"))).to_be_visible(timeout=TIMEOUT)
    settle(page)
    _accounts(db).set_active("Vic Off", False, "Ada Admin")
    page.get_by_role("link", name="Standards").click()  # the next action
    _end_provider_session(page)
    expect(page.get_by_role("link", name="Sign in with Test provider")).to_be_visible(timeout=TIMEOUT)
    page.goto(app.url)
    expect(page.get_by_role("textbox", name="Name")).to_be_visible(timeout=TIMEOUT)
    expect(page.get_by_role("button", name="Sign out")).to_have_count(0)
