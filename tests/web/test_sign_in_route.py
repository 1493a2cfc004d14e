"""The sign-in page and gate on a real Starlette app and a real SQLite file (Starlette's TestClient):
the cookie's attributes, the form token, safe `next`, throttling, and ended sign-ins."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.responses import HTMLResponse
from starlette.routing import Route
from starlette.testclient import TestClient

from access.sign_in_cookie import COOKIE, SECRET_NAME, token_from
from store import open_engine
from store.accounts import Accounts
from store.sign_ins import SignIns, app_secret
from web import sign_in
from web.sign_in import CSRF_COOKIE, PATH, Service, SignInGate, SingleSignOn, safe_next, sign_in_routes

PASSWORD = "a long test password"


@pytest.fixture
def clock():
    return [datetime(2027, 3, 1, 9, 0, tzinfo=timezone.utc)]


@pytest.fixture
def service(tmp_path: Path, clock, monkeypatch) -> Service:
    engine = open_engine(f"sqlite:///{tmp_path / 'web.db'}")
    Accounts(engine).add("Ann Assessor", PASSWORD, "assessor")
    svc = Service(SignIns(engine, 30, now=lambda: clock[0]), app_secret(engine, SECRET_NAME),
                  lambda: Accounts(engine, now=lambda: clock[0]))
    monkeypatch.setattr(sign_in, "service", lambda: svc)
    return svc


@pytest.fixture
def client(service) -> TestClient:
    async def page(request):
        return HTMLResponse(f"<h1>the app at {request.url.path}</h1>")

    offer = SingleSignOn(providers=lambda: (("keycloak", "Our Keycloak"),))
    app = Starlette(routes=[*sign_in_routes(offer), Route("/{path:path}", page)],
                    middleware=[Middleware(SignInGate)])
    return TestClient(app, base_url="http://testserver", follow_redirects=False)


def _form(client: TestClient, next_: str = "/assess?assessment=x") -> dict[str, str]:
    page = client.get(PATH, params={"next": next_}, headers={"accept": "text/html"})
    assert page.status_code == 200
    return {"csrf": client.cookies[CSRF_COOKIE], "next": next_}


def _post(client: TestClient, name: str, password: str, **form: str):
    return client.post(PATH, data={"name": name, "password": password, **form})


def test_a_page_without_a_sign_in_goes_to_the_sign_in_page_and_comes_back_after(client, service):
    gone = client.get("/assess?assessment=england-wales-2019", headers={"accept": "text/html"})
    assert gone.status_code == 303
    target = urlsplit(gone.headers["location"])
    assert target.path == PATH and parse_qs(target.query)["next"] == ["/assess?assessment=england-wales-2019"]
    page = client.get(gone.headers["location"], headers={"accept": "text/html"})
    assert '<label for="name">Name</label>' in page.text and '<label for="password">Password</label>' in page.text
    assert 'autocomplete="current-password"' in page.text and "Sign in with Our Keycloak" in page.text
    assert 'href="/?sign_in_with=keycloak"' in page.text
    assert page.headers["cache-control"] == "no-store"
    signed = _post(client, "Ann Assessor", PASSWORD, csrf=client.cookies[CSRF_COOKIE],
                   next="/assess?assessment=england-wales-2019")
    assert signed.status_code == 303 and signed.headers["location"] == "/assess?assessment=england-wales-2019"
    cookie = signed.headers["set-cookie"]
    assert cookie.startswith(f"{COOKIE}=") and "HttpOnly" in cookie and "SameSite=lax" in cookie and "Path=/" in cookie
    assert "Max-Age=1209600" in cookie and "Secure" not in cookie  # plain HTTP here; Secure over HTTPS
    token = token_from(client.cookies[COOKIE], service.secret)
    assert token and token not in client.cookies[COOKIE].split(".")[1:]  # the value is the token and a signature
    assert service.sign_ins.check(token) == ("Ann Assessor", None)
    assert client.get("/assess", headers={"accept": "text/html"}).text == "<h1>the app at /assess</h1>"
    assert client.get(PATH, headers={"accept": "text/html"}).status_code == 303  # signed in: on to the app


def test_the_cookie_is_secure_over_https(service):
    app = Starlette(routes=sign_in_routes(), middleware=[Middleware(SignInGate)])
    client = TestClient(app, base_url="https://ffgrid.example", follow_redirects=False)
    form = _form(client)
    assert "Secure" in client.get(PATH).headers["set-cookie"]
    assert "Secure" in _post(client, "Ann Assessor", PASSWORD, **form).headers["set-cookie"]


def test_the_database_keeps_only_a_hash_of_the_token(client, service):
    _post(client, "Ann Assessor", PASSWORD, **_form(client))
    token = token_from(client.cookies[COOKIE], service.secret)
    with service.sign_ins.engine.connect() as conn:
        stored = " ".join(str(v) for row in conn.exec_driver_sql("SELECT * FROM sign_ins") for v in row)
    assert token not in stored and len(stored.split()[0]) == 64


def test_a_post_without_the_form_token_signs_nobody_in(client):
    _form(client)
    for csrf in ("", "forged"):
        refused = _post(client, "Ann Assessor", PASSWORD, csrf=csrf, next="/")
        assert refused.status_code == 400 and "This sign-in form had expired" in refused.text
        assert COOKIE not in client.cookies


def test_wrong_passwords_then_throttled_with_one_message_whatever_the_name(client, clock):
    said = {}
    for name in ("Ann Assessor", "Nobody At All"):
        form = _form(client)
        said[name] = [(r.status_code, "do not match" in r.text, "Too many tries: wait 60 seconds" in r.text)
                      for r in (_post(client, name, "a wrong password", **form) for _ in range(6))]
    assert said["Ann Assessor"] == said["Nobody At All"] == [(401, True, False)] * 5 + [(429, False, True)]
    assert _post(client, "Ann Assessor", PASSWORD, **_form(client)).status_code == 429  # the right one waits too
    clock[0] += timedelta(seconds=60)
    assert _post(client, "Ann Assessor", PASSWORD, **_form(client)).status_code == 303


def test_the_name_is_kept_and_escaped_on_a_failed_try(client):
    refused = _post(client, '<b>"Ann"</b>', "a wrong password", **_form(client, '/"><script>alert(1)</script>'))
    assert "&lt;b&gt;&#34;Ann&#34;&lt;/b&gt;" in refused.text and "<b>" not in refused.text
    assert "<script>" not in refused.text


@pytest.mark.parametrize("value, safe", [
    ("/assess?assessment=x&relationship=y", "/assess?assessment=x&relationship=y"),
    ("//evil.example/x", "/"), ("https://evil.example/", "/"), ("/\\evil.example", "/"), ("javascript:alert(1)", "/"),
    ("", "/"), (None, "/"), ("/sign-in?next=/x", "/"), ("/a\nb", "/"),
])
def test_next_is_only_ever_a_path_of_this_site(value, safe):
    assert safe_next(value) == safe


def test_a_tampered_or_ended_cookie_goes_back_to_the_sign_in_page_which_says_why(client, service, clock):
    _post(client, "Ann Assessor", PASSWORD, **_form(client))
    good = client.cookies[COOKIE]
    client.cookies.clear()
    client.cookies.set(COOKIE, good[:-2] + ("AA" if not good.endswith("AA") else "BB"))
    assert client.get("/", headers={"accept": "text/html"}).status_code == 303
    client.cookies.clear()
    client.cookies.set(COOKIE, good)
    assert client.get("/", headers={"accept": "text/html"}).status_code == 200
    clock[0] += timedelta(minutes=31)
    assert client.get("/", headers={"accept": "text/html"}).status_code == 303
    page = client.get(PATH, headers={"accept": "text/html"})
    assert "Signed out after 30 minutes without activity." in page.text
    assert f'{COOKIE}=""' in page.headers["set-cookie"] or "Max-Age=0" in page.headers["set-cookie"]


def test_the_secret_is_made_once_and_shared_by_every_process(tmp_path):
    url = f"sqlite:///{tmp_path / 'shared.db'}"
    first, second = open_engine(url), open_engine(url)
    assert app_secret(first, SECRET_NAME) == app_secret(second, SECRET_NAME)
    assert len(app_secret(first, SECRET_NAME)) >= 43 and app_secret(first, "another") != app_secret(first, SECRET_NAME)


def test_assets_and_streamlit_routes_pass_the_gate(client):
    for path in ("/_stcore/health", "/static/js/main.js", "/media/x.png", "/?sign_in_with=keycloak"):
        assert client.get(path, headers={"accept": "text/html"}).status_code == 200, path
    assert client.get("/", headers={"accept": "application/json"}).status_code == 200  # not a page load
    client.cookies.set("_streamlit_user", "set by st.login")
    assert client.get("/", headers={"accept": "text/html"}).status_code == 200  # the app checks that one itself


def test_an_address_is_throttled_across_names_but_a_local_connection_is_not_one_client(service):
    app = Starlette(routes=sign_in_routes(), middleware=[Middleware(SignInGate)])
    for host, throttled in (("203.0.113.5", True), ("127.0.0.1", False)):
        client = TestClient(app, base_url="http://testserver", follow_redirects=False, client=(host, 50000))
        codes = [_post(client, f"Guess {i}", "a wrong password", **_form(client)).status_code for i in range(6)]
        assert codes == [401] * 5 + ([429] if throttled else [401]), host


def test_the_sign_in_page_speaks_the_browsers_language_and_the_one_chosen_is_the_persons_after(client, service):
    spanish = client.get(PATH, headers={"accept": "text/html", "accept-language": "es-ES,es;q=0.9,en;q=0.5"})
    assert '<html lang="es">' in spanish.text and "<h1>Iniciar sesión en ffgrid</h1>" in spanish.text
    assert '<label for="password">Contraseña</label>' in spanish.text and spanish.headers["content-language"] == "es"
    assert 'aria-current="true">Español</a>' in spanish.text and 'hreflang="hu"' in spanish.text  # the other languages
    assert "ffgrid_language" not in client.cookies  # the browser's preference is not a choice
    chosen = client.get(PATH, params={"lang": "hu", "next": "/x"}, headers={"accept": "text/html"})
    assert '<html lang="hu">' in chosen.text and "Bejelentkezés az ffgridbe" in chosen.text
    assert client.cookies["ffgrid_language"] == "hu"  # remembered for this page and the app
    assert '<input type="hidden" name="language" value="hu">' in chosen.text
    wrong = _post(client, "Ann Assessor", "not it", csrf=client.cookies[CSRF_COOKIE], next="/x", language="hu")
    assert wrong.status_code == 401 and "Ez a név és jelszó egyetlen aktív fiókhoz sem tartozik." in wrong.text
    assert service.accounts.language("Ann Assessor") is None
    signed = _post(client, "Ann Assessor", PASSWORD, csrf=client.cookies[CSRF_COOKIE], next="/x", language="hu")
    assert signed.status_code == 303 and service.accounts.language("Ann Assessor") == "hu"  # kept in the account


def test_a_language_the_app_does_not_speak_is_not_taken(client, service):
    page = client.get(PATH, params={"lang": "xx"}, headers={"accept": "text/html", "accept-language": "fr"})
    assert '<html lang="en">' in page.text and "ffgrid_language" not in client.cookies
    _post(client, "Ann Assessor", PASSWORD, csrf=client.cookies[CSRF_COOKIE], language="<script>")
    assert service.accounts.language("Ann Assessor") is None
