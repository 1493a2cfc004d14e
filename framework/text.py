"""Text fields as stored: length limits, no NUL characters (PostgreSQL cannot store them), dates."""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated

from pydantic import AfterValidator, StringConstraints

from base.i18n import _

LONG_TEXT_MAX = 50_000  # characters: national-situation texts in the seed run to thousands
SHORT_TEXT_MAX = 2_000


def _no_nul(text: str) -> str:
    if "\x00" in text:
        raise ValueError(_("text may not contain NUL characters"))
    return text


NoNul = AfterValidator(_no_nul)  # databases (PostgreSQL) cannot store them
LongText = Annotated[str, StringConstraints(max_length=LONG_TEXT_MAX), NoNul]
ShortText = Annotated[str, StringConstraints(max_length=SHORT_TEXT_MAX), NoNul]
def real_date(text: str) -> str:
    """A year, a month of a year, or a day that exists (2024, 2024-02, 2024-02-29; not 2026-13)."""
    try:
        if not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", text):
            raise ValueError
        parts = [int(p) for p in text.split("-")]
        date(parts[0], *(parts[1:] + [1] * (3 - len(parts))))
    except ValueError:
        raise ValueError(_("{text} is not a real date: write YYYY, YYYY-MM or YYYY-MM-DD (a day that exists)").format(
            text=repr(text))) from None
    return text


DateText = Annotated[str, AfterValidator(real_date)]
