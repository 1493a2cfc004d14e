"""Every string of a page's chrome goes through the catalogue: the page is run in a pseudo-language that
brackets each translated string (⟦…⟧), and whatever text is left outside the brackets must be data (the
assessment's own words, the country's names, the method's words, numbers and marks), never English chrome.

Pages are added here as their strings are marked (issue 17); Streamlit's own texts ("Browse files",
"Drag and drop file here") are its own and not checked.
"""

from __future__ import annotations

import html
import json
import re
from html.parser import HTMLParser

import pytest

import base.i18n
from base.i18n import LANGUAGES, using
from scoring.ratings import WORD
from access.workspace import Workspace
from store.accounts import Accounts

PAGES = (  # None: the Overview; one page a line
    None,
    "ui/assess.py",
    "ui/standards.py",
    "ui/review_queue.py",
    "ui/history.py",
    "ui/reports.py",
    "ui/plan.py",
    "ui/compare.py",
    "ui/countries.py",
)
SKIPPED_FIELDS = {"id", "form_id", "icon", "style", "deferred_file_id", "url", "mime_type", "spec", "type",
                  "color", "css", "js", "default", "value", "label_visibility", "component_name", "data_id", "query",
                  "element_id", "page_script_hash", "dataset", "tag", "js_content", "js_source_path", "html_content",
                  "css_content", "css_source_path", "column_order"}
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
             *_method_words(model), *(ln.situation.framework for ln in a.lines), *(ln.situation.action for ln in a.lines),
             *(t for ln in a.lines for e in ln.evidence for t in (e.title, e.note or "", e.publisher or "", e.url or "")),
             *(c for ln in a.lines for c in ln.comments)]
    with using("hu"):
        words += [WORD[r] for r in WORD]
    parts = [p for w in words if w for p in (w, *w.splitlines())]  # a text shown as paragraphs: each one
    return sorted({" ".join(p.split()) for p in parts if p.strip()}, key=len, reverse=True)


def _plain(text: str) -> str:
    """Text as words only (no marks, Markdown or its escapes), one space apart, to compare data with."""
    return " ".join(re.findall(r"[^\W_]+", text))


def _method_words(model) -> list[str]:  # type: ignore[no-untyped-def]
    """The method's own words (translated in the method's per-language files, not the catalogue)."""
    scale = model.framework.score_scale
    return [*(d.label for d in scale.dimensions), *(d.label.lower() for d in scale.dimensions),
            *(d.question for d in scale.dimensions), *(t for d in scale.dimensions for t in d.levels.values()),
            *(c.wording for r in model.relationships.values() for c in (*r.framework_criteria, *r.action_criteria)),
            *(t for s in model.standards.values() for t in (s.text or "", s.title or "")),
            *(b.label for b in model.framework.rating_bands), *(b.meaning for b in model.framework.rating_bands)]


@pytest.fixture
def pseudo(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(base.i18n, "translations", lambda language: _Pseudo())


@pytest.mark.parametrize("page, user", [(page, user) for page in PAGES for user in ("Test Assessor", "Rita Reviewer")
                                         if page != "ui/review_queue.py" or user == "Rita Reviewer"])
def test_every_chrome_string_of_a_page_is_in_the_catalogue(app, store, model, pseudo, user, page):
    Accounts(store.engine).set_language(user, "hu")  # any language but English goes through the catalogue
    Workspace(store, Accounts(store.engine).get("Test Assessor")).submit_line("england-wales-2019", "police-courts")
    at = app(page, user=user)
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
    assert not left, left[:3]
    assert any(t.startswith("⟦") for t in _texts(at))  # the pseudo-language was spoken


