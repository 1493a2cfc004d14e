"""The sources of the figures in words: who publishes them (`dashboard/sources.yaml`)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from base.yamlio import load_file
from dashboard.labels import readable

SOURCES_FILE = Path(__file__).with_name("sources.yaml")


@cache
def source_labels() -> dict[str, dict[str, str]]:
    """Source code -> {area or "default": the publisher's name}, as the file lists them."""
    items = (load_file(SOURCES_FILE) or {}).get("sources") or {}
    out = {}
    for code, names in items.items():
        named = names if isinstance(names, dict) else {"default": names}
        if not all(isinstance(n, str) and n.strip() for n in named.values()):
            raise ValueError(f"{SOURCES_FILE}: source {code!r}: each name must be a text")
        out[str(code)] = {str(k): str(v) for k, v in named.items()}
    return out


def source_label(code: str, area: str | None = None) -> str:
    """The publisher's name for a source code (for figures of `area`); an unlisted one as its readable
    text ('cso:help_line' reads 'Help line'), never the code itself."""
    names = source_labels().get(code, {})
    known = names.get(area or "", names.get("default"))
    if known:
        return known
    return readable(code.split(":", 1)[-1], "Unnamed source")
