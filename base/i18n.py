"""The reader's language: message catalogues (gettext, with Babel) and numbers and dates written the
way that language writes them.

Every string a person reads is written in English in the code, wrapped in `_()` (or marked with `N_()`
where it is defined before it is read, and translated where it is shown). The catalogues are
`locales/<language>/LC_MESSAGES/ffgrid.po`, read and compiled in memory on first use. Which language
`_()` speaks: the one set with `using()` (a document, a command), else the one the app's resolver
gives (the signed-in person's, set by the app once per process), else English.

Words of the method (actor roles, strands, score meanings, rating words) are data, translated in the
method's own per-language files, not here.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date, datetime, timezone
from functools import cache
from typing import overload

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_skeleton, get_timezone
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal, format_percent
from babel.support import NullTranslations, Translations

from base.paths import ROOT

LOCALES = ROOT / "locales"
DOMAIN = "ffgrid"
DEFAULT = "en"
# The interface's languages, each in its own words: English is the code's own; each other has a complete
# catalogue (`ffgrid i18n check` fails when one does not).
LANGUAGES = {"en": "English", "es": "Español", "hu": "Magyar"}
LANGUAGE_COOKIE = "ffgrid_language"  # the language a browser chose before signing in
FORMATS = {"en": "en_GB"}  # whose conventions a language's numbers and dates follow (1 February 2021)

_current: ContextVar[str | None] = ContextVar("ffgrid_language", default=None)
_resolver: list[Callable[[], str | None]] = []


def catalogue_path(language: str):  # type: ignore[no-untyped-def]
    """Where a language's message catalogue is."""
    return LOCALES / language / "LC_MESSAGES" / f"{DOMAIN}.po"


@cache
def translations(language: str) -> NullTranslations:
    """A language's messages (its catalogue compiled in memory); English, or a language without a
    catalogue, gives every message as written."""
    path = catalogue_path(language)
    if language == DEFAULT or not path.exists():
        return NullTranslations()
    with path.open("rb") as f:
        catalogue = read_po(f, locale=language, domain=DOMAIN)
    buffer = io.BytesIO()
    write_mo(buffer, catalogue, use_fuzzy=False)
    buffer.seek(0)
    return Translations(buffer, domain=DOMAIN)


def has_catalogue(language: str) -> bool:
    """Whether the interface speaks `language` (English, or a language with a catalogue)."""
    return language == DEFAULT or catalogue_path(language).exists()


def set_resolver(resolver: Callable[[], str | None]) -> None:
    """Where `_()` finds the language when none is set with `using()` (the app: the session's person)."""
    _resolver[:] = [resolver]


def language() -> str:
    """The language `_()` speaks now."""
    chosen = _current.get()
    if chosen is None and _resolver:
        chosen = _resolver[0]()
    return chosen or DEFAULT


@contextmanager
def using(language_code: str | None) -> Iterator[str]:
    """Speak `language_code` (None: the language already in use) inside the block."""
    token = _current.set(language_code or language())
    try:
        yield language()
    finally:
        _current.reset(token)


def _(message: str) -> str:
    """`message` in the current language (as written where the catalogue has no translation)."""
    return translations(language()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural message for `n`, in the current language (`{n}` formatted by the caller)."""
    return translations(language()).ngettext(singular, plural, n)


def N_(message: str) -> str:  # noqa: N802 - the name gettext's tools look for
    """Mark `message` for the catalogue where it is defined; `_()` translates it where it is read."""
    return message


class Translated(Mapping[str, str]):
    """Texts by key, written in English and marked with `N_()`, each read in the current language."""

    def __init__(self, texts: Mapping[str, str]) -> None:
        self._texts = dict(texts)

    def __getitem__(self, key: str) -> str:
        return _(self._texts[key])

    def __iter__(self) -> Iterator[str]:
        return iter(self._texts)

    def __len__(self) -> int:
        return len(self._texts)


class TranslatedTexts(Sequence[str]):
    """Texts in a fixed order (headings), written in English and marked with `N_()`, each read in the
    current language; `texts` gives them as written."""

    def __init__(self, *texts: str) -> None:
        self.texts = texts

    @overload
    def __getitem__(self, index: int) -> str: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[str, ...]: ...

    def __getitem__(self, index: int | slice) -> str | tuple[str, ...]:
        return tuple(map(_, self.texts[index])) if isinstance(index, slice) else _(self.texts[index])

    def __len__(self) -> int:
        return len(self.texts)


def locale() -> Locale:
    """The current language's locale (for numbers and dates)."""
    try:
        return Locale.parse(FORMATS.get(language(), language()).replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        return Locale.parse(DEFAULT)


def number(value: float | int, digits: int | None = None) -> str:
    """A number as the current language writes it: 1,869 / 1.869 / 1 869; `digits` after the point."""
    if digits is None:
        return format_decimal(value, locale=locale())
    return format_decimal(value, format=f"#,##0.{'0' * digits}" if digits else "#,##0", locale=locale())


def percent(share: float, digits: int = 1) -> str:
    """A share (0.25) as a percentage the current language's way: 25.0% / 25,0 % / 25,0%."""
    pattern = locale().percent_formats[None].pattern  # the language's own: "#,##0%", "#,##0\xa0%" ...
    return format_percent(share, format=pattern.replace("#,##0", "#,##0." + "0" * digits, 1) if digits else pattern,
                          locale=locale())


def day(when: date) -> str:
    """A date in words the current language's way: 1 February 2021 / 1 de febrero de 2021 / 2021. február 1."""
    return format_date(when, format="long", locale=locale())


def moment(when: datetime, zone: str | None = None) -> str:
    """A moment (a UTC time) the current language's way in the time zone `zone` (an IANA name, the reader's):
    8 Dec 2026 02:39 / 8 dic 2026 2:39 / 2026. dec. 8. 2:39; without a known zone, in UTC and saying so."""
    try:
        tz = get_timezone(zone) if zone else None
    except (LookupError, ValueError, OSError):  # not a zone name (the browser says it: any text may come)
        tz = None
    at = when if when.tzinfo else when.replace(tzinfo=timezone.utc)
    shown = " ".join(format_skeleton(s, at, tzinfo=tz or timezone.utc, locale=locale()) for s in ("yMMMd", "Hm"))
    return shown if tz else f"{shown} UTC"


def month(when: date) -> str:
    """A month in words the current language's way: January 2021 / enero de 2021 / 2021. január."""
    return format_skeleton("yMMMM", when, locale=locale())


def environment_language(env: Mapping[str, str]) -> str:
    """The interface language a command speaks: that of the first variable set among FFGRID_LANGUAGE,
    LANGUAGE (a list, "hu:en"), LC_ALL, LC_MESSAGES and LANG ("hu_HU.UTF-8"), as gettext reads them,
    where ffgrid speaks it; else English ("C", "fr_FR")."""
    found = next((env[name] for name in ("FFGRID_LANGUAGE", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")
                  if env.get(name)), "")
    for tag in found.split(":"):
        code = tag.split(".")[0].split("@")[0].replace("-", "_").split("_")[0].lower()
        if code in LANGUAGES:
            return code
    return DEFAULT


def best_language(accepted: str | None, offered: tuple[str, ...] = tuple(LANGUAGES)) -> str:
    """The first of `offered` that an Accept-Language header prefers, else English."""
    wanted = []
    for part in (accepted or "").split(","):
        tag, _sep, weight = part.strip().partition(";q=")
        try:
            wanted.append((float(weight) if weight else 1.0, tag.strip()))
        except ValueError:
            continue
    for _weight, tag in sorted(wanted, key=lambda w: -w[0]):
        base = tag.split("-")[0].lower()
        if base in offered:
            return base
    return DEFAULT
