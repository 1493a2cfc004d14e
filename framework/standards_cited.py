"""How a criterion cites its standards: once, from its `standards` field, in one form for every output.

The grid's criteria texts often end with their own citation, in many forms ("(Standards 1,2,3,4)",
"(standard 5)", "(Standard 8; Standard 9)", "(Standards 8 and 9)."); the field is the truth, so that
ending is removed and the field's list written once in its place.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

_NUMBER = r"\d+"
_JOIN = r"\s*(?:,|;|&|\band\b)\s*(?:standards?\s*)?"
TRAILING = re.compile(rf"\s*(\.?)\s*\(\s*standards?\s*{_NUMBER}(?:{_JOIN}{_NUMBER})*\s*\)\s*(\.?)\s*$", re.IGNORECASE)


def standards_list(standards: Sequence[int]) -> str:
    """"(standard 5)" for one, "(standards 1, 2, 3)" for more; "" for none."""
    if not standards:
        return ""
    return f"(standard {standards[0]})" if len(standards) == 1 else f"(standards {', '.join(map(str, standards))})"


def cited(text: str, standards: Sequence[int]) -> str:
    """The criterion's text citing `standards` once: a trailing "(Standard(s) …)" of the text itself is
    removed (whatever numbers it gives) and the list of `standards` appended, before a closing full stop."""
    found = TRAILING.search(text)
    body, stop = (text[: found.start()], "." if any(found.groups()) else "") if found else (text, "")
    if not found and body.rstrip().endswith("."):
        body, stop = body.rstrip()[:-1], "."
    body = body.rstrip()
    return f"{body} {standards_list(standards)}{stop}" if standards else f"{body}{stop}"
