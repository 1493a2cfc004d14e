"""The sources of the figures in words: who publishes them (`dashboard/sources.yaml`). A public body's name
is read in the current language; an organisation's own name (a `cso:` source) stays as it is written."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from base.i18n import N_, _
from base.yamlio import load_file
from dashboard.labels import readable

SOURCES_FILE = Path(__file__).with_name("sources.yaml")
PUBLIC_BODIES = (  # the names of sources.yaml that are not an organisation's own, marked for the catalogue
    N_("Police (recorded crime statistics)"), N_("Police forces of England and Wales (Home Office statistics)"),
    N_("Prosecution service"), N_("Crown Prosecution Service (CPS)"), N_("Courts"),
    N_("Courts of England and Wales (Ministry of Justice statistics)"), N_("Crime victimisation survey"),
    N_("Crime Survey for England and Wales (Office for National Statistics)"),
    N_("OSCE Office for Democratic Institutions and Human Rights (ODIHR)"),
)


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
        return known if code.startswith("cso:") else _(known)
    return readable(code.split(":", 1)[-1], _("Unnamed source"))
