"""The message catalogues kept up to date with the code: every message the code marks (`_()`, `N_()`,
`ngettext()`, and `_()` in the templates) extracted, each language's catalogue updated from them, and
what each language still lacks listed (`ffgrid i18n extract` / `ffgrid i18n check`)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

from base.i18n import DOMAIN, LANGUAGES, LOCALES, catalogue_path
from base.paths import ROOT

SOURCES = ("access", "base", "dashboard", "exports", "framework", "scoring", "store", "ui", "web")
TOP_FILES = ("cli.py", "streamlit_app.py", "serve.py")
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}
METHODS = [("**.py", "python"), ("**/templates/**.j2", "jinja2")]
OPTIONS = {"**/templates/**.j2": {"extensions": "jinja2.ext.i18n"}}
TEMPLATE = LOCALES / f"{DOMAIN}.pot"


def _found(root: Path = ROOT) -> Iterator[tuple[str, int, str | tuple[str, ...], list[str]]]:
    """(file, line, message, comments) of every marked message in the code."""
    for folder in SOURCES:
        for file, line, message, comments, _context in extract_from_dir(
                root / folder, METHODS, OPTIONS, KEYWORDS, comment_tags=("TRANSLATORS:",), strip_comment_tags=True):
            yield f"{folder}/{file}", line, message, comments
    for name in TOP_FILES:
        for file, line, message, comments, _context in extract_from_dir(
                root, [(name, "python")], {}, KEYWORDS, comment_tags=("TRANSLATORS:",), strip_comment_tags=True):
            yield file, line, message, comments


def extract(root: Path = ROOT) -> Catalog:
    """Every message the code marks, with where it is (the catalogues' template)."""
    catalogue = Catalog(domain=DOMAIN, project="ffgrid", charset="utf-8")
    for file, line, message, comments in _found(root):
        catalogue.add(message, None, [(file, line)], auto_comments=comments)
    return catalogue


def read(language: str) -> Catalog:
    """A language's catalogue as it is on disk (an empty one where there is none yet)."""
    path = catalogue_path(language)
    if not path.exists():
        return Catalog(locale=language, domain=DOMAIN, project="ffgrid", copyright_holder="the ffgrid authors",
                       fuzzy=False)
    with path.open("rb") as f:
        return read_po(f, locale=language, domain=DOMAIN)


def write(catalogue: Catalog, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as f:
        write_po(f, catalogue, width=120, sort_output=False, omit_header=False, ignore_obsolete=True)


def update(languages: tuple[str, ...] = tuple(code for code in LANGUAGES if code != "en")) -> Catalog:
    """Write the template and bring each language's catalogue up to date with the code: new messages
    added untranslated, gone ones dropped, translations kept."""
    template = extract()
    write(template, TEMPLATE)
    for language in languages:
        catalogue = read(language)
        catalogue.update(template, no_fuzzy_matching=True)
        catalogue.project, catalogue.fuzzy = "ffgrid", False  # a header of our own, not a template's placeholder
        write(catalogue, catalogue_path(language))
    return template


def missing(language: str, template: Catalog | None = None) -> list[str]:
    """The messages of the code that `language`'s catalogue does not translate (or marks fuzzy)."""
    template = template or extract()
    catalogue = read(language)
    out = []
    for message in template:
        if not message.id:
            continue
        found = catalogue.get(message.id)
        strings = (found.string if isinstance(found.string, tuple) else (found.string,)) if found else ("",)
        if found is None or found.fuzzy or not all(strings):
            out.append(message.id if isinstance(message.id, str) else message.id[0])
    return out
