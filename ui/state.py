"""What the pages share: the model, the repository, the chosen assessment, the signed-in user and their drafts.

Nothing here lives outside the database and the user's own session, so several app processes can
serve one database: cached reads are keyed by the assessment's revision, read fresh on each run.
"""

from __future__ import annotations

import time
from collections.abc import Iterator, MutableMapping
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, NoReturn

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from access import User
from access.sign_in_cookie import COOKIE, SECRET_NAME, ended_words, session_minutes, token_from
from dashboard.evidence import INDICATORS
from access.workspace import Workspace
from base.i18n import LANGUAGE_COOKIE, LANGUAGES, best_language, moment
from base.i18n import language as current_language
from framework import Method, Model, load_method
from framework.review import read_only
from framework.translations import in_language
from scoring import ScoredLine, score_assessment
from store import Repository, Stored, Summary, open_repository
from store.accounts import Accounts
from store.audit import AuditLog
from store.sign_ins import Drafts, SignIns, app_secret

if TYPE_CHECKING:  # the figures and case records need pandas, which the Overview does without
    import pandas as pd

    from store.cases import CaseStore
    from store.figures import FigureStore


@st.cache_resource
def method() -> Method:
    """The bundled method with the shipped country profiles (immutable, shared by every session),
    checking measures against the dashboard's indicators."""
    return load_method(indicators=INDICATORS)


@st.cache_resource
def repository() -> Repository:
    """The repository on `DATABASE_URL` or the SQLite file; migrated and seeded on first use."""
    return open_repository(method())


def model(slug: str | None = None) -> Model:
    """The country model of an assessment (default: the chosen one)."""
    return stored(slug or chosen())[2]


@st.cache_resource
def figure_store() -> FigureStore:
    """The figures in the database (the bundled examples stored on first use)."""
    from store.example_data import seed_figures
    from store.figures import FigureStore

    store = FigureStore(repository().engine)
    seed_figures(store)  # the bundled example figures, on first use
    return store


@st.cache_resource
def case_store() -> CaseStore:
    """The case records in the database (SYNTHETIC examples stored on first use)."""
    from store.cases import CaseStore
    from store.example_data import seed_cases

    store = CaseStore(repository().engine)
    seed_cases(store)  # SYNTHETIC example records, on first use
    return store


def figures_frame() -> pd.DataFrame:
    """Every stored figure with its provenance, as stored now (another process may have imported):
    read once per revision of the figures (one cheap query when nothing changed)."""
    return _figures(figures_revision())


def figures_revision() -> tuple[int, int]:
    """What changes whenever figures are imported (to key what is computed from them)."""
    return figure_store().revision()


@st.cache_data(max_entries=4, show_spinner=False)
def _figures(revision: tuple[int, int]) -> pd.DataFrame:
    return figure_store().frame()


def case_files(country: str | None) -> tuple[list[Path], bool]:
    """Local copies of the stored case records of a country (a profile's code), and whether any of them
    is synthetic."""
    cases = case_store()
    return cases.local_files(country), any(s.synthetic for s in cases.sets(country))


@st.cache_resource(max_entries=64)
def _stored(slug: str, revision: int, language_code: str) -> tuple[Stored, list[ScoredLine], Model]:
    stored = repository().get(slug)
    country = in_language(repository().model_of(stored.assessment), language_code)
    return stored, score_assessment(country, stored.assessment), country


def stored(slug: str) -> tuple[Stored, list[ScoredLine], Model]:
    """The assessment as stored now, its scored lines and its country's model, with the method's words in
    the session's language (one cheap query when nothing changed)."""
    return _stored(slug, repository().revision(slug), current_language())


def chosen() -> str:
    """The id of the assessment chosen in the sidebar (and named in the URL)."""
    return st.session_state["assessment"]


def choose(slug: str) -> None:
    """Make `slug` the chosen assessment from the next run on (the sidebar widget is already drawn)."""
    st.session_state["choose_assessment"] = slug


def from_url(name: str, valid: Iterable[str]) -> str | None:
    """The URL's `name` parameter if it is valid and new to this session (a link followed, a reload,
    the back button), else None; a value the app itself put there (`to_url`) is not new."""
    value = st.query_params.get(name)
    if value is None or value == st.session_state.get(f"url:{name}") or value not in set(valid):
        return None
    st.session_state[f"url:{name}"] = value
    return value


def keep_open(slug: str) -> None:
    """Note, for this browser's other and next tabs, the assessment open here (written when it changes)."""
    if st.session_state.get("kept_open") != slug:
        sign_ins().keep_open(st.session_state["sign_in"], slug)
        st.session_state["kept_open"] = slug


def to_url(name: str, value: str) -> None:
    """Name `value` in the URL (so a link or a reload opens it again)."""
    st.session_state[f"url:{name}"] = value
    if st.query_params.get(name) != value:
        st.query_params[name] = value


def starting_assessment(user: User, summaries: dict[str, Summary]) -> str:
    """What a new tab or a new sign-in opens: the assessment this browser has open in another tab; else
    the one the user last worked on; else one they are assigned to that can still change (a reviewer:
    one waiting for review); else the newest one that can."""
    for last in (sign_ins().open_assessment(st.session_state["sign_in"]),
                 AuditLog(repository().engine).last_assessment(user.name)):
        if last in summaries:
            return last
    newest_first = sorted(summaries.values(), key=lambda s: (s.date, s.id), reverse=True)
    open_ = [s for s in newest_first if not read_only(s.status)]
    for wanted in ([s for s in open_ if s.id in user.assigned],
                   [s for s in open_ if s.status == "submitted"] if user.role == "reviewer" else [], open_):
        if wanted:
            return wanted[0].id
    return newest_first[0].id


def drafts() -> MutableMapping[tuple[str, str], dict[str, Any]]:
    """The signed-in person's unsaved form values, by (assessment, relationship): kept in the database,
    so a reload, another tab or another app process finds them (read fresh on each run)."""
    return Drafts(repository().engine, st.session_state["user_name"])


SESSION_MINUTES = session_minutes()  # idle time before signing out


def clock() -> float:
    """Now, in wall-clock seconds since the epoch (the tests replace it to control time)."""
    return time.time()


def _now() -> datetime:
    return datetime.fromtimestamp(clock(), timezone.utc)


@st.cache_resource
def accounts() -> Accounts:
    """The accounts in the database (sign-in tries timed by `clock`)."""
    return Accounts(repository().engine, now=_now)


@st.cache_resource
def sign_ins() -> SignIns:
    """The sign-ins in the database (timed by `clock`)."""
    return SignIns(repository().engine, SESSION_MINUTES, now=_now)


@st.cache_resource
def cookie_secret() -> str:
    """The secret that signs the sign-in cookie (made on first use, kept in the database)."""
    return app_secret(repository().engine, SECRET_NAME)


def session_language() -> str | None:
    """The language this browser session reads the app in (None outside a page run): `base.i18n`'s resolver."""
    if get_script_run_ctx() is None:
        return None
    return st.session_state.get("language")


def choose_language(user: User | None) -> str:
    """This session's language: chosen in it, else the person's (kept in their account), else the one this
    browser chose on the sign-in page, else its own preference (Accept-Language), else English."""
    if (chosen := st.session_state.get("language")) in LANGUAGES:
        return chosen
    kept = accounts().language(user.name) if user is not None else None
    browser = st.context.cookies.get(LANGUAGE_COOKIE)
    language = next((c for c in (kept, browser) if c in LANGUAGES), None) or best_language(
        st.context.headers.get("Accept-Language"))
    if user is not None:  # before a sign-in the person's own choice is not known yet
        st.session_state["language"] = language
    return language


def keep_language(name: str, language: str) -> None:
    """Read the app in `language` from now on, in this session and (kept in their account) every other."""
    st.session_state["language"] = language
    accounts().set_language(name, language)


def sign_in(user: User) -> None:
    """Sign `user` in in this browser session (the sign-in page sets a cookie for the whole browser)."""
    st.session_state["sign_in"] = sign_ins().start(user.name)


def sign_out(reason: str | None = None, forget_place: bool = False) -> bool:
    """Forget the user and everything of this session; with `forget_place` (the user signed out, not
    timed out) end the sign-in in the database, so every tab of this browser is signed out at its next
    action, and forget the assessment and relationship named in the address, so that whoever signs in
    next in this tab starts where they left off. A session a provider signed in is signed out of the
    provider too (st.logout: the browser goes there and back, so `reason` is not shown then): then True,
    and the caller ends the run (`signed_out`) rather than rerunning, which could drop the redirect."""
    from ui import single_sign_on  # imports this module

    by_provider = single_sign_on.signed_in_by_provider()
    if forget_place and (token := _token()):
        sign_ins().end(token)
    language = st.session_state.get("language")
    for name in list(st.session_state):
        del st.session_state[name]
    if language is not None:  # the sign-in page in the language the person read
        st.session_state["language"] = language
    if forget_place:
        st.query_params.clear()
    if reason:
        st.session_state["signed_out_because"] = reason
    if by_provider:
        single_sign_on.sign_out_of_provider()
    return by_provider


def signed_out(reason: str) -> NoReturn:
    """The person asked to sign out: sign out, then show the sign-in page, or (signed in by a provider)
    let the browser go to the provider's sign-out."""
    if sign_out(reason, forget_place=True):
        st.stop()
    st.rerun()


def _token() -> str | None:
    """This session's sign-in token: held since the first run, or the browser's cookie."""
    token = st.session_state.get("sign_in")
    if token is None:
        token = token_from(st.context.cookies.get(COOKIE), cookie_secret())
    return token


def signed_in() -> User | None:
    """The signed-in user as stored now (a changed role or a switched-off account applies at once),
    or None: not signed in, signed out in another tab, idle for longer than the session timeout, or
    the account was changed or is gone (or, signed in by a provider, no longer linked to its identity).
    Without a sign-in cookie: whoever a provider signed in to the browser (st.login), with the account
    linked to their identity (made on first sign-in), signed in for this session."""
    from ui import single_sign_on  # imports this module

    token = _token()
    if token is None:
        if (user := single_sign_on.provider_signed_in()) is not None:
            sign_in(user)
            st.session_state["user_name"] = user.name
        return user
    name, why = sign_ins().check(token)
    if name is None:
        user = None
    else:
        user = single_sign_on.still_linked() if single_sign_on.signed_in_by_provider() else accounts().get(name)
    if user is None:
        sign_out(ended_words(why or "account_changed", SESSION_MINUTES))
        return None
    st.session_state["sign_in"], st.session_state["user_name"] = token, user.name
    return user


_run_user: ContextVar[tuple[User | None] | None] = ContextVar("ffgrid_run_user", default=None)


@contextmanager
def signed_in_for_this_run() -> Iterator[User | None]:
    """The signed-in user (`signed_in`), checked once for a page run: `workspace()` uses it for the rest
    of the run. A callback or a fragment's rerun, which run outside it, checks again."""
    token = _run_user.set((user := signed_in(),))
    try:
        yield user
    finally:
        _run_user.reset(token)


def workspace() -> Workspace:
    """What the signed-in user may do (every action is checked again in it)."""
    held = _run_user.get()
    return Workspace(repository(), held[0] if held is not None else signed_in())


def reader_time(at: datetime) -> str:
    """A moment in the reader's language and time zone (their browser's), else in UTC, saying so."""
    return moment(at, st.context.timezone)
