"""Showing text safely and consistently: escaping user text for Markdown, rating marks and words."""

from __future__ import annotations

import re

from base.i18n import N_, Translated
from scoring.ratings import MARKED, score_text

RATING_MARK = MARKED  # "● GREEN": each rating's shape and word, in the reader's language
STATUS = Translated({"draft": N_("✎ Draft"), "sent_back": N_("↩ Sent back"),  # a line's draft sent back by a reviewer
                     "submitted": N_("◷ Submitted for review"), "validated": N_("✔ Validated"),
                     "published": N_("✔ Published")})  # a review state, with its mark
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:=])")


def md(text: str | None) -> str:
    """User text made literal inside Streamlit Markdown (no formatting, links, HTML, LaTeX or headings).

    For one-line places (titles, captions, list items): line breaks become spaces.
    """
    return _MD_SPECIAL.sub(r"\\\1", " ".join((text or "").split()))


def scores(framework: int | None, action: int | None) -> str:
    """'3+2' for framework+action scores, '–' for a missing one."""
    return f"{score_text(framework)}+{score_text(action)}"
