"""The funnel series as data: the bundled file loads; a bad entry is refused naming the file and field."""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboard.funnels import FUNNELS_FILE, funnels_for, load_series, series_for
from dashboard.indicators import funnel
from dashboard.statistics import read_tidy
from framework import ROOT


def test_the_bundled_series_load_with_their_stages():
    series = {s.id: s for s in load_series()}
    assert [s.label for s in series["odihr"].stages] == ["Recorded by police", "Prosecuted", "Sentenced"]
    assert series["odihr"].area is None  # any country's
    ew = series_for("england-wales", "England and Wales")
    assert [(s.source, s.measure, s.rate) for s in ew.stages][:2] == [
        ("police", "recorded_offences", None), ("prosecution", "police_referrals", None)]
    assert ew.stages[3].rate == "conviction_rate_pct" and ew.stages[3].measure is None


def test_a_series_for_any_area_is_given_for_each_area_and_a_national_one_only_for_its_own():
    names = [f.name for f in funnels_for(["Spain", "England and Wales"])]
    assert names == ["England and Wales (Home Office, CPS)", "Spain (OSCE-ODIHR)", "England and Wales (OSCE-ODIHR)"]
    assert [f.name for f in funnels_for(["Hungary"])] == ["Hungary (OSCE-ODIHR)"]
    with pytest.raises(KeyError):
        series_for("england-wales", "Spain")


def test_the_odihr_funnel_for_spain_from_the_bundled_countries_file():
    figures = read_tidy(ROOT / "data" / "odihr_countries.csv")
    f = funnel(figures, series_for("odihr", "Spain"))
    assert set(f["area"]) == {"Spain"}
    y2022 = f[f["period"] == "2022"].set_index("stage")
    assert y2022["count"].tolist() == [1869, 191, 152]
    assert y2022.loc["Sentenced", "pct_of_first"] == pytest.approx(8.1)
    assert sorted(f["period"].unique()) == ["2020", "2021", "2022"]  # earlier years: recorded only


@pytest.mark.parametrize(("entry", "problem"), [
    ("- {id: x, name: X, source: s, area: A, stages: [{label: One, measure: a}, {label: Two}]}",
     "series 1 (x), stages.2: a stage needs a measure or a rate"),
    ("- {id: x, name: X, source: s, stages: [{label: One, measure: a}, {label: Two, measure: b}]}",
     "series 1 (x): a series for any area needs {area} in its name"),
    ("- {id: x, name: X, source: s, area: A, stages: [{label: One, measure: a}, {label: Two, rate: b}]}",
     "series 1 (x), stages.2: rate 'b' must be a percentage measure"),
    ("- {id: x, name: X, area: A, stages: [{label: One, measure: a}, {label: Two, measure: b}]}",
     "series 1 (x), source: required field is missing"),
    ("- {id: x, name: X, source: s, area: A, stages: [{label: One, measure: a, colour: red}, {label: T, measure: b}]}",
     "series 1 (x), stages.1.colour: unknown field"),
    ("- {id: x, name: X, source: s, area: A, stages: [{label: One, rate: a_pct}, {label: Two, measure: b}]}",
     "series 1 (x): the first stage needs a measure"),
])
def test_a_bad_entry_is_refused_naming_the_file_the_series_and_the_field(tmp_path: Path, entry: str, problem: str):
    path = tmp_path / "funnels.yaml"
    path.write_text(entry + "\n", encoding="utf-8")
    with pytest.raises(ValueError) as err:
        load_series(path)
    assert str(err.value).startswith(f"{path}: ") and problem in str(err.value)


def test_a_national_series_is_added_by_an_entry_in_the_file(tmp_path: Path):
    extra = ("- {id: spain-interior, name: Spain (Ministry of the Interior), source: police, area: Spain,\n"
             "   stages: [{label: Recorded, measure: recorded_offences}, {label: Solved, measure: solved}]}\n")
    path = tmp_path / "funnels.yaml"
    path.write_text(FUNNELS_FILE.read_text(encoding="utf-8") + extra, encoding="utf-8")
    assert [f.name for f in funnels_for(["Spain"], path)] == ["Spain (OSCE-ODIHR)", "Spain (Ministry of the Interior)"]
