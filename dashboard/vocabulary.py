"""The vocabulary of bias strands used in the data (`dashboard/strands.yaml`)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Literal

from base.i18n import N_
from base.yamlio import load_file


STRANDS_FILE = Path(__file__).with_name("strands.yaml")
LABELS = (  # strands.yaml's labels, marked for the catalogue (`dashboard.labels.strand_label` reads them with _())
    N_("All strands"), N_("Race"), N_("Religion"), N_("Sexual orientation"), N_("Disability"),
    N_("Transgender identity"), N_("Antisemitism"), N_("Anti-Muslim"), N_("Anti-LGBT+"), N_("Racist"),
    N_("Anti-Gypsy, Roma and Traveller"),
)


@dataclass(frozen=True)
class DataStrand:
    id: str
    label: str
    kind: Literal["total", "monitored", "motivation"]
    within: str | None = None


@cache
def strands() -> dict[str, DataStrand]:
    """Every data strand by id, in the file's order."""
    items = load_file(STRANDS_FILE)["strands"]
    out = {s["id"]: DataStrand(**s) for s in items}
    for s in out.values():
        if s.within is not None and out.get(s.within, None) is None:
            raise ValueError(f"{STRANDS_FILE}: strand {s.id!r} is within unknown strand {s.within!r}")
    return out


def monitored(strand: str) -> str | None:
    """The police monitored strand a data strand counts under (itself if monitored; None for 'all')."""
    s = strands()[strand]
    return s.id if s.kind == "monitored" else s.within
