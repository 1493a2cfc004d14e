"""Evidence as citations: the bibliography of a report, each publication once, numbered in the order
the report first cites it, and the abbreviations its text uses.

An evidence item is a publication when it has a link or a publisher; other items (a finding stated in
the grid, a page reference) stay in their relationship's evidence list without a number.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from base.i18n import day, month

from framework import Assessment, Model
from framework.assessment import Evidence

def readable_date(text: str | None) -> str:
    """'2020-01-31' as '31 January 2020', '2020-01' as 'January 2020', '2020' as itself, in the current
    language (31 de enero de 2020, 2020. január 31.)."""
    if not text:
        return ""
    parts = text.split("-")
    if len(parts) == 1:
        return parts[0]
    when = date(int(parts[0]), int(parts[1]), int(parts[2]) if len(parts) > 2 else 1)
    return day(when) if len(parts) > 2 else month(when)


@dataclass(frozen=True)
class Citation:
    """One publication of the bibliography."""

    number: int
    title: str
    publisher: str | None
    published: str | None
    url: str | None
    accessed: str | None

    @property
    def year(self) -> str:
        """The year it was published, or "n.d." (no date)."""
        return self.published[:4] if self.published else "n.d."

    def text(self) -> str:
        """The citation as plain text: 'Home Office (2019). Title. https://… (accessed 31 January 2020).'"""
        who = f"{self.publisher} ({self.year}). " if self.publisher else ""
        when = "" if self.publisher else (f" ({self.year})" if self.published else "")
        link = f" {self.url}" if self.url else ""
        seen = f" (accessed {readable_date(self.accessed)})" if self.accessed else ""
        return f"{who}{self.title}{when}.{link}{seen}".replace("..", ".")


def is_publication(e: Evidence) -> bool:
    """Whether an evidence item is cited as a publication (it has a link or a publisher)."""
    return bool(e.url or e.publisher)


def _key(e: Evidence) -> tuple[str, str]:
    return (" ".join(e.title.lower().split()), (e.url or "").rstrip("/"))


@dataclass(frozen=True)
class Bibliography:
    """The report's publications in citation order, and each evidence item's number."""

    citations: tuple[Citation, ...]
    numbers: Mapping[tuple[str, str], int]

    def number(self, e: Evidence) -> int | None:
        """The number an evidence item is cited by, or None when it is not a publication."""
        return self.numbers.get(_key(e)) if is_publication(e) else None


def bibliography(model: Model, assessment: Assessment, shown: Iterable[str] | None = None) -> Bibliography:
    """Every publication the assessment's evidence cites, once (same title and link), numbered in the
    order the report shows the relationships (`shown`, their ids; the model's order if not given); a later
    mention adds a publisher, date or access date that the first one lacked."""
    order = {rid: i for i, rid in enumerate(model.relationships if shown is None else shown)}
    found: dict[tuple[str, str], list[Evidence]] = {}
    for line in sorted(assessment.lines, key=lambda ln: order.get(ln.relationship, len(order))):
        for e in line.evidence:
            if is_publication(e):
                found.setdefault(_key(e), []).append(e)
    citations = []
    for n, items in enumerate(found.values(), 1):
        first = lambda field: next((getattr(e, field) for e in items if getattr(e, field)), None)  # noqa: E731
        citations.append(Citation(n, items[0].title, first("publisher"), first("published"), first("url"),
                                  max((e.accessed for e in items if e.accessed), default=None)))
    return Bibliography(tuple(citations), {k: i for i, k in enumerate(found, 1)})


def abbreviations(model: Model, assessment: Assessment) -> dict[str, str]:
    """Every abbreviation known for the assessment: the method's, its profile's, then its own."""
    profile = getattr(model, "profile", None)
    return {**model.framework.abbreviations, **(profile.abbreviations if profile is not None else {}),
            **assessment.report.abbreviations}


def used_in(known: Mapping[str, str], texts: Iterable[str]) -> list[tuple[str, str]]:
    """The abbreviations that appear in the texts (as words, plural 's' allowed), alphabetically."""
    text = "\n".join(texts)
    return sorted(((k, v) for k, v in known.items() if re.search(rf"(?<!\w){re.escape(k)}s?(?!\w)", text)),
                  key=lambda kv: kv[0].lower())
