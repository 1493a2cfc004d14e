"""The example figures shipped in data/: published files, tidy or wide (read through their mapping)."""

from __future__ import annotations

import pandas as pd

from dashboard.mapping import read_figure_files
from base.paths import ROOT

DATA = ROOT / "data"
TIDY = ("england_wales_hate_crime.csv", "odihr_united_kingdom.csv", "odihr_countries.csv")
MAPPED = (("bbc_hatecrime_by_force_2017_19.csv", "mappings/bbc_hatecrime_by_force.yaml"),)
EXAMPLE_FILES = tuple(DATA / name for name in (*TIDY, *(name for name, _ in MAPPED)))


def example_figures() -> pd.DataFrame:
    """The bundled example figures, each with the file it came from (no database needed)."""
    return read_figure_files(EXAMPLE_FILES)
