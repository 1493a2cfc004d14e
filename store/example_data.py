"""The example data shipped in data/: stored on first run so the dashboard has content."""

from __future__ import annotations

from dashboard.cases import synthesise, validate_cases
from dashboard.examples import DATA, EXAMPLE_FILES, MAPPED, TIDY
from dashboard.mapping import apply_mapping, load_mapping
from dashboard.statistics import read_tidy
from store.cases import CaseStore
from store.figures import FigureStore

SYNTHETIC_CASES = 20_000
SYNTHETIC_NAME = "synthetic-city-cases (SYNTHETIC example)"


def seed_figures(figures: FigureStore) -> list[str]:
    """Import the bundled figures if no figures are stored yet; returns the files imported."""
    if figures.datasets():
        return []
    for name in TIDY:
        figures.import_frame(read_tidy(DATA / name), name, imported_by="bundled example")
    for name, mapping in MAPPED:
        frame = apply_mapping((DATA / name).read_text(encoding="utf-8"), load_mapping(DATA / mapping), name)
        figures.import_frame(frame, name, mapping=mapping, imported_by="bundled example")
    return [p.name for p in EXAMPLE_FILES]


def seed_cases(cases: CaseStore) -> bool:
    """Store SYNTHETIC example case records if none are stored yet; returns whether it did."""
    if cases.sets():
        return False
    cases.import_frame(validate_cases(synthesise(SYNTHETIC_CASES), "synthetic"), SYNTHETIC_NAME, "ew",
                       imported_by="bundled example", synthetic=True)  # a Bristol-like English city
    return True
