"""Every string of a page's chrome goes through the catalogue: the page is run in a pseudo-language that
brackets each translated string (⟦…⟧), and whatever text is left outside the brackets must be data (the
assessment's own words, the country's names, the method's words, numbers and marks), never English chrome.

Pages are added here as their strings are marked (issue 17); Streamlit's own texts ("Browse files",
"Drag and drop file here") are its own and not checked.
"""

from __future__ import annotations

import html
from collections.abc import Iterator
import json
import re
from html.parser import HTMLParser

import pytest
import streamlit as st

import base.i18n
from base.i18n import LANGUAGES, using
from scoring.ratings import WORD
from framework.translations import in_language
from access.workspace import Workspace
from store.accounts import Accounts
from store.identities import Identities, Identity
from base.paths import ROOT

PAGES = (  # None: the Overview; one page a line
    None,
    "ui/assess.py",
    "ui/standards.py",
    "ui/review_queue.py",
    "ui/history.py",
    "ui/reports.py",
    "ui/dashboard.py",
    "ui/data_io.py",
    "ui/new_assessment.py",
    "ui/report_texts.py",
    "ui/plan.py",
    "ui/compare.py",
    "ui/countries.py",
)
ONLY = {"ui/review_queue.py": ("Rita Reviewer",), "ui/new_assessment.py": ("Ada Admin",),  # who opens a page
        "ui/data_io.py": ("Ada Admin", "Rita Reviewer")}
SKIPPED_FIELDS = {"id", "form_id", "icon", "style", "deferred_file_id", "url", "mime_type", "spec", "type",
                  "color", "css", "js", "default", "value", "label_visibility", "component_name", "data_id", "query",
                  "element_id", "page_script_hash", "dataset", "tag", "js_content", "js_source_path", "html_content",
                  "css_content", "css_source_path", "column_order", "autocomplete",
                  "format", "theme", "datasets", "uuid", "styles"}  # a date's pattern, a chart's theme and data, a table's CSS
WRAPPED = "\x00"  # marks a text line of a drawing, where a name may be wrapped over several lines
BRACKETED = re.compile(r"⟦[^⟦⟧]*(?:⟦[^⟦⟧]*⟧[^⟦⟧]*)*⟧")


class _Pseudo:
    """A language that brackets every message, so that a message left out of the catalogue shows."""

    def gettext(self, message: str) -> str:
        return f"⟦{message}⟧"

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return f"⟦{singular if n == 1 else plural}⟧"


class _Text(HTMLParser):
    """The text of HTML or SVG a person reads: text nodes, names (aria-label) and tooltips (title)."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._skip += tag in ("style", "script")
        self.found += [v for k, v in attrs if k in ("aria-label", "title", "xlink:title") and v]

    def handle_endtag(self, tag: str) -> None:
        self._skip -= tag in ("style", "script")

    def handle_data(self, data: str) -> None:
        if not self._skip and data.strip():
            self.found.append(data)


def _strings(message, field: str = "") -> list[str]:  # type: ignore[no-untyped-def]
    """Every string a person can read in an element's proto (and in a component's HTML or SVG)."""
    if isinstance(message, str):
        return [message]
    out: list[str] = []
    for descriptor, value in message.ListFields():
        if descriptor.name == "spec" and "VegaLite" in message.DESCRIPTOR.name:  # a chart's titles, axes, tooltips
            out += _chart_words(json.loads(value))
            continue
        if descriptor.name in SKIPPED_FIELDS:
            continue
        if descriptor.name == "json":  # a component's data: its HTML or SVG, and its label
            data = json.loads(value)
            parser = _Text()
            for part in ("html", "svg"):
                parser.feed(html.unescape(data.get(part, "")) if part == "svg" else data.get(part, ""))
            out += [WRAPPED + t for t in parser.found] + ([data["label"]] if "label" in data else [])
            continue
        if descriptor.name == "columns":  # a table's column settings: their labels and help are read
            out += [c[k] for c in json.loads(value).values() for k in ("label", "help") if c.get(k)]
            continue
        values = value if descriptor.is_repeated else [value]
        for v in values:
            if isinstance(v, str):
                out.append(v)
            elif hasattr(v, "ListFields"):
                out += _strings(v)
    return out


SHOWN_CHANNELS = ("x", "y", "color", "fill", "stroke", "strokeDash", "shape", "size", "opacity", "tooltip")


def _chart_words(spec: object) -> list[str]:
    """What a person reads of a Vega-Lite chart (not its data): its title and description, every axis', legend's
    and tooltip's title, and the name of a field shown on an axis, a legend or a tooltip without a title."""
    if isinstance(spec, list):
        return [w for part in spec for w in _chart_words(part)]
    if not isinstance(spec, dict):
        return []
    out: list[str] = []
    for key, value in spec.items():
        if key in ("data", "datasets"):
            continue
        if key in ("title", "description") and value:
            out += [value] if isinstance(value, str) else [t for t in (
                value if isinstance(value, list) else [value.get("text")] if isinstance(value, dict) else []) if t]
        elif key == "encoding" and isinstance(value, dict):
            for channel, encoded in value.items():
                for e in encoded if isinstance(encoded, list) else [encoded]:
                    guide = e.get("axis", e.get("legend", {})) if isinstance(e, dict) else None
                    if (channel in SHOWN_CHANNELS and isinstance(e, dict) and e.get("field") and "title" not in e
                            and guide is not None and "title" not in guide):
                        out.append(str(e["field"]))  # shown as its own title
            out += _chart_words(list(value.values()))
        else:
            out += _chart_words(value)
    return out


def _texts(at) -> list[str]:  # type: ignore[no-untyped-def]
    def read(text: str) -> list[str]:  # HTML in Markdown (a key, a link) read as its text
        if not re.search(r"<[a-z][^>]*>", text):
            return [text]
        parser = _Text()
        parser.feed(text)
        return [WRAPPED + t for t in parser.found]

    def walk(node):  # type: ignore[no-untyped-def]
        proto = getattr(node, "proto", None)
        found = [t for s in (_strings(proto) if proto is not None else []) for t in read(s)]
        for child in getattr(node, "children", {}).values():
            found += walk(child)
        return found

    return walk(at._tree)


def _data(store, model, assessment: str) -> list[str]:  # type: ignore[no-untyped-def]
    """The words a page may show that are data, not chrome: the assessment's own, the country's names, the
    method's words (translated in locales/*/method.yaml: the rating words so far), the people's names."""
    a = store.get(assessment).assessment
    words = [a.country, a.title, a.author, a.date, a.source or "", a.model_version, model.profile.title, "ffgrid", "UTC",
             *(s.title for s in store.list()), *LANGUAGES.values(),  # each language's name in that language
             *(ln.na_reason or "" for ln in a.lines),
             *(r.title for r in model.relationships.values()), *(model.label(i) for i in (*model.actors, *model.clusters)),
             *(s.label for s in model.framework.strands), "Test Assessor", "Rita Reviewer", "england-wales-2019",
             *(u.name for u in Accounts(store.engine).list()), *(s.id for s in store.list()),  # people, assessments
             *(p.name for p in (ROOT / "data" / "mappings").glob("*.yaml")),  # the bundled column mappings' files
             *_method_words(model), *(ln.situation.framework for ln in a.lines), *(ln.situation.action for ln in a.lines),
             *(t for ln in a.lines for e in ln.evidence for t in (e.title, e.note or "", e.publisher or "", e.url or "")),
             *(c for ln in a.lines for c in ln.comments), *_plan_words(a.plan), *_other_assessments(store),
             *_figure_words(store, model)]
    with using("hu"):
        words += [WORD[r] for r in WORD]
    parts = [p for w in words if w for p in (w, *w.splitlines())]  # a text shown as paragraphs: each one
    return sorted({" ".join(p.split()) for p in parts if p.strip()}, key=len, reverse=True)


def _plan_words(plan) -> list[str]:  # type: ignore[no-untyped-def]
    """The plan's own words: its note, recommendations, actions (owners, notes) and measures."""
    return [plan.note, *(t for r in plan.recommendations for t in (r.id, r.text)),
            *(t for x in plan.actions for t in (x.title, x.owner, *(h.note for h in x.history))),
            *(t for m in plan.measures for t in (m.id, m.label))]


def _other_assessments(store) -> list[str]:  # type: ignore[no-untyped-def]
    """What pages that set assessments side by side show of each: the method's line titles, each one's country,
    lines' titles, descriptions and why a line does not apply or is absent."""
    words = _method_words(store.method().model)
    for s in store.list():
        other = store.get(s.id).assessment
        m = store.model_of(other)
        words += [other.country, *_method_words(m), *m.absent.values(),
                  *(t for ln in other.lines for t in (ln.situation.framework, ln.situation.action, ln.na_reason or ""))]
    return words


def _figure_words(store, model) -> list[str]:  # type: ignore[no-untyped-def]
    """The figures' and case records' own words the dashboard shows: publications, areas, funnel series and
    organisations' names, the records' areas and agencies, the profile's names of its area levels."""
    import pandas as pd
    from dashboard.funnels import funnels_for
    from dashboard.labels import area_names
    from dashboard.sources import source_label
    from store.cases import CaseStore
    from store.figures import FigureStore

    figures = FigureStore(store.engine).frame()
    agencies = [a for f in CaseStore(store.engine).local_files(model.profile.code)
                for a in pd.read_parquet(f, columns=["recorded_by"])["recorded_by"].unique()]
    return [*figures["publication"].unique(), *figures["area"].unique(), *area_names().values(), *agencies,
            *(f.name for f in funnels_for(figures["area"].unique())), *model.profile.area_levels,
            *(source_label(s) for s in figures["source"].unique() if s.startswith("cso:"))]


def _plain(text: str) -> str:
    """Text as words only (no marks, Markdown or its escapes), one space apart, to compare data with."""
    return " ".join(re.findall(r"[^\W_]+", text))


def _method_words(model) -> list[str]:  # type: ignore[no-untyped-def]
    """The method's own words in every language (translated in the method's per-language files, not the catalogue)."""
    words: list[str] = []
    for m in (in_language(model, code) for code in LANGUAGES):
        scale, fw = m.framework.score_scale, m.framework
        words += [*(d.label for d in scale.dimensions), *(d.label.lower() for d in scale.dimensions),
                  *(d.question for d in scale.dimensions), *(t for d in scale.dimensions for t in d.levels.values()),
                  *(c.wording for r in m.relationships.values() for c in (*r.framework_criteria, *r.action_criteria)),
                  *(t for s in m.standards.values() for t in (s.text or "", s.title or "")),
                  *(b.label for b in fw.rating_bands), *(b.meaning for b in fw.rating_bands), fw.name,
                  *(r.title for r in m.relationships.values()), *(m.label(i) for i in (*m.actors, *m.clusters)),
                  *(s.label for s in fw.strands)]
    return words


@pytest.fixture
def pseudo(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The pseudo-language spoken where Hungarian is asked for; the pages' cached words (kept per language)
    are dropped before, so that none is Hungarian, and after, so that no later test reads a bracketed one."""
    st.cache_data.clear()
    monkeypatch.setattr(base.i18n, "translations", lambda language: _Pseudo())
    yield
    st.cache_data.clear()


def _english_left(at, store, model) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    """The words a page shows outside the pseudo-language's brackets that are not data, with their text."""
    data = [_plain(p) for p in _data(store, model, "england-wales-2019")]
    data_words = {w for phrase in data for w in phrase.split()}
    left = []
    for text in _texts(at):
        rest = f" {_plain(BRACKETED.sub(' ', text))} "
        for phrase in data:
            rest = rest.replace(f" {phrase} ", " ")
        words = [w for w in rest.split() if not w.isdigit()]
        if text.startswith(WRAPPED):  # a line of a drawing or of HTML: a name may be cut anywhere
            words = [w for w in words if w not in data_words]
        if words:
            left.append((" ".join(words), text[:120]))
    return left


@pytest.mark.parametrize("page, user", [(page, user) for page in PAGES
                                         for user in ONLY.get(page, ("Test Assessor", "Rita Reviewer"))])
def test_every_chrome_string_of_a_page_is_in_the_catalogue(app, store, model, pseudo, user, page):
    Accounts(store.engine).set_language(user, "hu")  # any language but English goes through the catalogue
    Workspace(store, Accounts(store.engine).get("Test Assessor")).submit_line("england-wales-2019", "police-courts")
    at = app(page, user=user)
    left = _english_left(at, store, model)
    assert not left, left[:3]
    assert any(t.startswith("⟦") for t in _texts(at))  # the pseudo-language was spoken


def test_the_admins_pages_and_the_wait_for_a_role_are_in_the_catalogue(app, store, model, pseudo):
    accounts = Accounts(store.engine)
    Identities(store.engine).sign_in(Identity("https://login.example.org", "nora", "entra", "Nóra Nagy"))  # no role
    for name in ("Ada Admin", "Nóra Nagy"):
        accounts.set_language(name, "hu")
    made_here = app("ui/new_assessment.py", user="Ada Admin")  # a profile made here, previewed
    made_here.toggle(key="make_profile").set_value(True).run()
    made_here.text_input(key="profile_code").input("pt").run()
    made_here.text_input(key="profile_name").input("Portugal").run()
    for at in (app("ui/users.py", user="Ada Admin"), made_here, app(user="Nóra Nagy")):
        left = _english_left(at, store, model)
        assert not left, left[:3]
        assert any(t.startswith("⟦") for t in _texts(at))


