"""The method in the reader's language: one file per language, `locales/<language>/method.yaml`, that
mirrors the method with the same ids (as OWASP SAMM keeps its translated model) and gives that
language's words: how each rating reads, and in time the strands, the actors' roles, the score
meanings, the bands, the relationships' criteria and the standards. A country profile's national names
stay as the country writes them. A word the file lacks falls back to English, and `missing()` names it.

A file says whether its words are a `draft` (to be confirmed by the method's partners in that language)
or `confirmed`; the report's methodology section says so.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from types import MappingProxyType
from typing import Any, Mapping

from base.i18n import LOCALES, language
from base.paths import ROOT
from base.yamlio import load_file
from framework.model import RATING_IDS

FRAMEWORK_FILE = ROOT / "framework" / "framework.yaml"
STATUSES = ("draft", "confirmed")


@dataclass(frozen=True)
class MethodWords:
    """One language's words for the method (only those it gives)."""

    language: str
    status: str
    ratings: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))


def method_path(language_code: str):  # type: ignore[no-untyped-def]
    """Where a language's method file is."""
    return LOCALES / language_code / "method.yaml"


@cache
def method_words(language_code: str) -> MethodWords | None:
    """A language's words for the method, None where it has no file; a file with words for ratings the
    method does not have, or without a status, is refused naming the file and the key."""
    path = method_path(language_code)
    if not path.exists():
        return None
    data: Any = load_file(path) or {}
    if not isinstance(data, dict) or data.get("status") not in STATUSES:
        raise ValueError(f"{path}: status: write one of {', '.join(STATUSES)}")
    ratings = data.get("rating_words") or {}
    if not isinstance(ratings, dict) or (unknown := set(ratings) - set(RATING_IDS)):
        raise ValueError(f"{path}: rating_words: no rating {sorted(unknown)!r} in the method" if isinstance(ratings, dict)
                         else f"{path}: rating_words: write a word for each rating id")
    return MethodWords(language_code, data["status"], MappingProxyType({k: str(v) for k, v in ratings.items()}))


@cache
def rating_looks() -> Mapping[str, tuple[str, str]]:
    """Each rating's shape and English word, as the bundled framework gives them."""
    looks = load_file(FRAMEWORK_FILE)["rating_words"]
    return MappingProxyType({r: (looks[r]["mark"], looks[r]["word"]) for r in RATING_IDS})


def rating_word(rating: str) -> str:
    """How a rating reads in the current language (English where that language's file has no word)."""
    words = method_words(language())
    return (words.ratings.get(rating) if words else None) or rating_looks()[rating][1]


def missing(language_code: str) -> list[str]:
    """The method's words that a language's file does not give (all of them where there is no file;
    none in English, the method's own language)."""
    if language_code == "en":
        return []
    words = method_words(language_code)
    return [f"rating_words.{r}" for r in RATING_IDS if words is None or r not in words.ratings]
