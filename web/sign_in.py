"""The sign-in page and the gate in front of the app's pages, served by Streamlit's Starlette server.

Why a route and not a Streamlit form: a Streamlit script cannot set a cookie, and a cookie is what
keeps a browser signed in across reloads and tabs. So the name and password are posted to this route,
which checks them (throttled, store/throttle.py), starts a sign-in in the database and sets its
signed, HttpOnly, SameSite=Lax cookie (Secure over HTTPS); the app reads the cookie from the request
that opened its connection. A plain HTML form is also what password managers understand.

The form carries a token that must match a SameSite=Strict cookie set with it (no other site can
post a sign-in in someone's name), and `next` may only name a path of this site. A page opened
without a live sign-in is sent here first (`SignInGate`), and back to where it was going after.
"""

from __future__ import annotations

import ipaddress
import secrets
import threading
from dataclasses import dataclass
from functools import cache, cached_property, partial
from typing import TYPE_CHECKING, Callable, Mapping
from pathlib import Path
from urllib.parse import quote, urlsplit

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Receive, Scope, Send

from access.client import client_source, trusted_proxy_header
from access.sign_in_cookie import (COOKIE, MAX_AGE, SECRET_NAME, cookie_value, ended_words, session_minutes,
                                   token_from)
from base.i18n import LANGUAGE_COOKIE, LANGUAGES, _, best_language, ngettext, number, using
from store.database import open_engine
from store.sign_ins import SignIns, app_secret
from store.throttle import TooManyTries

if TYPE_CHECKING:
    from store.accounts import Accounts

PATH = "/sign-in"
CSRF_COOKIE = "ffgrid_sign_in_form"
# Paths the gate lets through: Streamlit's own (assets, the connection, uploads, media, components,
# its OIDC sign-in) and this page.
OPEN_PREFIXES = ("/_stcore", "/static", "/media", "/component", "/auth", "/oauth2callback", "/favicon", PATH)
STREAMLIT_AUTH_COOKIE = "_streamlit_user"  # set by st.login (single sign-on): the app checks that one itself

_templates = Environment(loader=FileSystemLoader(Path(__file__).parent / "templates"),
                         autoescape=select_autoescape(default=True, default_for_string=True),
                         extensions=["jinja2.ext.i18n"])
_templates.install_gettext_callables(_, ngettext, newstyle=True)  # type: ignore[attr-defined]
LANGUAGE_AGE = 365 * 24 * 3600  # seconds a browser keeps the language chosen on this page


@dataclass
class Service:
    """What the routes use, opened once per process on first use: the sign-ins and the cookie's secret,
    which the gate needs for every page, at once; the accounts (and their imports) when the form is
    first posted."""

    sign_ins: SignIns
    secret: str
    open_accounts: Callable[[], Accounts]

    @cached_property
    def accounts(self) -> Accounts:
        return self.open_accounts()


_opening = threading.Lock()


def service() -> Service:
    """The database's sign-ins and accounts and the cookie's secret (made on first use, kept in the
    database); opened once, whichever thread asks first (the server's warm-up or a first request)."""
    with _opening:
        return _open_service()


@cache
def _open_service() -> Service:
    engine = open_engine()

    def accounts() -> Accounts:
        from store.accounts import Accounts

        return Accounts(engine)

    return Service(SignIns(engine, session_minutes()), app_secret(engine, SECRET_NAME), accounts)


def safe_next(value: str | None) -> str:
    """Where to go after signing in: a path of this site (with its query), else the start page."""
    value = (value or "").strip()
    parts = urlsplit(value)
    if not value.startswith("/") or value.startswith(("//", "/\\")) or parts.scheme or parts.netloc \
            or any(ord(c) < 32 for c in value) or value.startswith(PATH):
        return "/"
    return value


def live_user(request: Request) -> tuple[str | None, str | None]:
    """(the signed-in account's name, None), or (None, why the browser's sign-in ended, or None if it has none)."""
    token = token_from(request.cookies.get(COOKIE), service().secret)
    return service().sign_ins.check(token) if token else (None, None)


def page_language(request: Request, posted: str | None = None) -> tuple[str, str]:
    """The sign-in page's language, and the one the person chose ("" if none): chosen on this page (its
    link, or posted with the form), else remembered by this browser, else the browser's own preference."""
    for chosen in (request.query_params.get("lang"), posted, request.cookies.get(LANGUAGE_COOKIE)):
        if chosen in LANGUAGES:
            return chosen, chosen
    return best_language(request.headers.get("accept-language")), ""


def _page(request: Request, next_path: str | None, status: int = 200, *, error: str | None = None,
          notice: str | None = None, name: str = "", providers: tuple[tuple[str, str], ...] = (),
          posted_language: str | None = None) -> HTMLResponse:
    """The sign-in form in the page's language (with a form token, also set as a cookie for this path only)."""
    csrf = request.cookies.get(CSRF_COOKIE) or secrets.token_urlsafe(24)
    language, chosen = page_language(request, posted_language)
    with using(language):
        body = _templates.get_template("sign_in.html.j2").render(
            action=PATH, path=PATH, csrf=csrf, next=safe_next(next_path), error=error, notice=notice, name=name,
            providers=providers, minutes=number(session_minutes()), language=language, chosen=chosen,
            languages=tuple(LANGUAGES.items()))
    response = HTMLResponse(body, status, headers={"Cache-Control": "no-store", "Content-Language": language})
    response.set_cookie(CSRF_COOKIE, csrf, httponly=True, samesite="strict", secure=_https(request), path=PATH)
    if request.query_params.get("lang") in LANGUAGES:  # remembered, for this page and the app
        response.set_cookie(LANGUAGE_COOKIE, language, max_age=LANGUAGE_AGE, httponly=True, samesite="lax",
                            secure=_https(request), path="/")
    return response


def _remote(request: Request) -> str | None:
    """The connection's address, None for a local one (as Streamlit's `st.context.ip_address` gives it):
    a proxy on the same machine, or someone at it, is not counted as one client by the throttle."""
    host = request.client.host if request.client else None
    try:
        return None if host is None or ipaddress.ip_address(host).is_loopback else host
    except ValueError:
        return None


def _https(request: Request) -> bool:
    return request.url.scheme == "https" or request.headers.get("x-forwarded-proto") == "https"


@dataclass(frozen=True)
class SingleSignOn:
    """The single sign-on providers offered beside the form, as (key, label) pairs, and the words for a
    provider's sign-in that this browser (its cookies) started and that did not succeed, if any."""

    providers: Callable[[], tuple[tuple[str, str], ...]] = tuple
    refused: Callable[[Mapping[str, str]], str | None] = lambda cookies: None


def sign_in_routes(single_sign_on: SingleSignOn = SingleSignOn()) -> list[Route]:
    """The sign-in page (GET) and its form (POST), with the single sign-on providers beside it."""

    async def show(request: Request) -> Response:
        name, why = await run_in_threadpool(live_user, request)
        if name is not None:  # already signed in: on to the page asked for
            return RedirectResponse(safe_next(request.query_params.get("next")), 303)
        providers = single_sign_on.providers()
        with using(page_language(request)[0]):
            refused = single_sign_on.refused(request.cookies)
            ended = ended_words(why, session_minutes()) if why else None
        response = _page(request, request.query_params.get("next"), error=refused, notice=ended, providers=providers)
        if why:
            response.delete_cookie(COOKIE, path="/")
        return response

    async def submit(request: Request) -> Response:
        providers = single_sign_on.providers()
        form = await request.form(max_files=0, max_fields=10)
        next_path = str(form.get("next") or "")
        name, password = str(form.get("name") or "")[:200], str(form.get("password") or "")[:500]
        sent, expected = str(form.get("csrf") or ""), request.cookies.get(CSRF_COOKIE) or ""
        language, chosen = page_language(request, str(form.get("language") or ""))
        again = partial(_page, request, next_path, name=name, providers=providers, posted_language=chosen)
        if not expected or not secrets.compare_digest(sent, expected):
            with using(language):
                return again(400, error=_("This sign-in form had expired. Please sign in again."))
        source = client_source(request.headers.items(), _remote(request), trusted_proxy_header())
        try:
            user = await run_in_threadpool(service().accounts.verify, name, password, source)
        except TooManyTries as err:
            with using(language):
                return again(429, error=ngettext("Too many tries: wait {n} second, then try again.",
                                                 "Too many tries: wait {n} seconds, then try again.",
                                                 err.wait).format(n=number(err.wait)))
        if user is None:
            with using(language):
                return again(401, error=_("That name and password do not match an active account."))
        if chosen:  # the language chosen on this page is the person's from now on
            await run_in_threadpool(service().accounts.set_language, user.name, chosen)
        token = await run_in_threadpool(service().sign_ins.start, user.name)
        response = RedirectResponse(safe_next(next_path), 303)
        response.set_cookie(COOKIE, cookie_value(token, service().secret), max_age=MAX_AGE, path="/",
                            httponly=True, samesite="lax", secure=_https(request))
        response.delete_cookie(CSRF_COOKIE, path=PATH)
        return response

    return [Route(PATH, show, methods=["GET"]), Route(PATH, submit, methods=["POST"])]


class SignInGate:
    """ASGI middleware: a browser that opens a page of the app without a live sign-in is sent to the
    sign-in page, which brings it back. (The app checks the sign-in again on every run.)"""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] == "GET":
            request = Request(scope)
            if _is_page(request) and (await run_in_threadpool(live_user, request))[0] is None:
                target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
                await RedirectResponse(f"{PATH}?next={quote(target, safe='')}", 303)(scope, receive, send)
                return
        await self.app(scope, receive, send)


def _is_page(request: Request) -> bool:
    """A page of the app opened by a browser (not an asset, Streamlit's own, or single sign-on)."""
    return ("text/html" in request.headers.get("accept", "")
            and not request.url.path.startswith(OPEN_PREFIXES)
            and "sign_in_with" not in request.query_params
            and not any(name.startswith(STREAMLIT_AUTH_COOKIE) for name in request.cookies))
