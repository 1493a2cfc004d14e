"""Figures in the database, on SQLite and PostgreSQL: provenance, replace per publication, editions apart."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.statistics import read_tidy
from framework import ROOT
from store.figures import FigureStore

EW = ROOT / "data" / "england_wales_hate_crime.csv"


@pytest.fixture
def figures(repo) -> FigureStore:
    return FigureStore(repo.engine)


def _value(frame: pd.DataFrame, **where: str) -> list[float]:
    mask = pd.Series(True, index=frame.index)
    for column, value in where.items():
        mask &= frame[column] == value
    return frame.loc[mask, "value"].tolist()


def test_imported_figures_keep_their_provenance(figures):
    tidy = read_tidy(EW)
    figures.import_frame(tidy, "england_wales_hate_crime.csv", imported_by="Ann")
    stored = figures.frame()
    assert len(stored) == len(tidy) == 108
    assert _value(stored, strand="race", period="2011/12", measure="recorded_offences") == [35944.0]
    assert set(stored["imported_from"]) == {"england_wales_hate_crime.csv"} and stored["imported_at"].notna().all()
    [dataset] = figures.datasets()
    assert (dataset.figures, dataset.imported_by) == (108, "Ann")


def test_reimporting_a_publication_replaces_it_and_other_editions_stay_apart(figures):
    head = "source,publication,period,area,strand,measure,value\n"
    first = read_tidy(head + "police,Release 2015 (first),2014/15,E,all,recorded_offences,52528\n", "a.csv")
    revised = read_tidy(head + "police,Release 2016 (revised),2014/15,E,all,recorded_offences,52465\n", "b.csv")
    figures.import_frame(first, "a.csv")
    figures.import_frame(revised, "b.csv")
    stored = figures.frame()
    assert sorted(_value(stored, period="2014/15")) == [52465.0, 52528.0]  # both editions, apart
    again = read_tidy(head + "police,Release 2015 (first),2014/15,E,all,recorded_offences,52529\n", "a2.csv")
    figures.import_frame(again, "a2.csv")
    stored = figures.frame()
    assert _value(stored, publication="Release 2015 (first)") == [52529.0]  # replaced, not added
    assert {d.file for d in figures.datasets()} == {"a2.csv", "b.csv"}  # a.csv has no figures left
