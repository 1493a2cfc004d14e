"""The words a person reads for the codes in the data: strands, areas, sources and measures.

One place for the dashboard and the reports, so screen and print say the same. A code nobody named
is made readable (`readable`), never shown as an identifier with underscores.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from base.i18n import _
from base.yamlio import load_file
from dashboard.vocabulary import strands

AREA_NAMES_FILE = Path(__file__).with_name("area_names.yaml")


def readable(code: object, empty: str | None = None) -> str:
    """A code as text: 'help_line' reads 'Help line' (underscores and dashes as spaces, first letter up);
    `empty` (else 'Unnamed', in the current language) for no text."""
    text = " ".join(str(code).replace("_", " ").replace("-", " ").split())
    return (text[:1].upper() + text[1:]) if text else empty or _("Unnamed")


def strand_label(strand: object) -> str:
    """A data strand's label in the current language ('sexual_orientation' reads 'Sexual orientation')."""
    known = strands().get(str(strand))
    return _(known.label) if known else readable(strand, _("No strand"))


@cache
def area_names() -> dict[str, str]:
    """Area code -> name, as `dashboard/area_names.yaml` lists them."""
    items = (load_file(AREA_NAMES_FILE) or {}).get("names") or {}
    if not all(isinstance(n, str) and n.strip() for n in items.values()):
        raise ValueError(f"{AREA_NAMES_FILE}: each area's name must be a text")
    return {str(code): str(name) for code, name in items.items()}


def area_label(code: object) -> str:
    """An area's name for its code ('E05011013' reads 'Synthetic ward 14'); a name stays as it is."""
    return area_names().get(str(code), str(code))
