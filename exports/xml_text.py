"""Text for the XML-based exports (DOCX, XLSX, SVG): XML 1.0 cannot hold most control characters, and
some fields have a hard length limit."""

from __future__ import annotations

import re

NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")  # characters XML 1.0 has no way to hold
_OOXML_LITERAL = re.compile("_(x[0-9A-Fa-f]{4}_)")  # text that a spreadsheet would read as an escape


def shown(text: str) -> str:
    """Text as a report shows it: each character XML cannot hold (a vertical tab, a form feed, other
    control characters) as a space; the length stays the same."""
    return NOT_XML.sub(" ", text)


def ooxml(text: str) -> str:
    """Text for a spreadsheet cell, kept exactly: control characters as OOXML's `_xHHHH_` escapes (which
    Excel and LibreOffice read back as the character), and text that looks like such an escape with its
    underscore escaped (`_x005F_`), so that it is read as written."""
    text = _OOXML_LITERAL.sub(r"_x005F_\1", text)
    return NOT_XML.sub(lambda m: f"_x{ord(m.group()):04X}_", text)


def clipped(text: str, limit: int, cut: str = "…") -> str:
    """`text` if it has at most `limit` characters, else its start ending in `cut`, `limit` characters long."""
    return text if len(text) <= limit else text[: limit - len(cut)] + cut
