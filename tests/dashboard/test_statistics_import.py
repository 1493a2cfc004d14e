"""Tidy statistics and wide tables through a mapping: every row checked, bad files refused whole."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from dashboard.mapping import apply_mapping, load_mapping
from dashboard.problems import ImportRefused
from dashboard.statistics import read_tidy
from dashboard.vocabulary import monitored, strands
from framework import ROOT

DATA = ROOT / "data"
BBC = DATA / "bbc_hatecrime_by_force_2017_19.csv"
BBC_MAP = DATA / "mappings" / "bbc_hatecrime_by_force.yaml"


def test_the_bundled_tidy_files_import_with_their_numbers():
    ew = read_tidy(DATA / "england_wales_hate_crime.csv")
    odihr = read_tidy(DATA / "odihr_united_kingdom.csv")
    assert (len(ew), len(odihr)) == (108, 38)
    race_2011 = ew[(ew.strand == "race") & (ew.period == "2011/12") & (ew.measure == "recorded_offences")]
    assert race_2011["value"].tolist() == [35944.0]
    assert odihr.query("period == '2021' and measure == 'prosecuted'")["value"].item() == 5984.0
    assert ew["publication"].nunique() > 1  # editions kept apart


def test_a_broken_csv_is_refused_with_a_reason_per_row():
    text = (DATA / "england_wales_hate_crime.csv").read_text(encoding="utf-8").splitlines()
    text[1] = text[1].replace(",35944,", ",35 944x,")          # line 2: bad number
    text[3] = text[3].replace(",race,", ",martian,")            # line 4: unknown strand
    text[5] = text[5].replace(",2015/16,", ",last year,")       # line 6: bad period
    with pytest.raises(ImportRefused) as err:
        read_tidy("\n".join(text), "broken.csv")
    found = {(p.row, p.column) for p in err.value.problems}
    assert found == {(2, "value"), (4, "strand"), (6, "period")}
    assert "broken.csv:4: strand: unknown strand 'martian'" in str(err.value)


def test_a_missing_column_and_a_repeated_figure_are_refused():
    with pytest.raises(ImportRefused, match="measure: required column is missing"):
        read_tidy("source,publication,period,area,strand,value\npolice,p,2018,E,race,1\n", "x.csv")
    twice = "source,publication,period,area,strand,measure,value\n" + "police,p,2018,E,race,m,1\n" * 2
    with pytest.raises(ImportRefused) as err:
        read_tidy(twice, "x.csv")
    assert [p.row for p in err.value.problems] == [3]


def test_the_wide_bbc_file_imports_through_its_mapping():
    figures = apply_mapping(BBC.read_text(encoding="utf-8"), load_mapping(BBC_MAP), "bbc.csv")
    cleveland = figures[(figures.area == "Cleveland") & (figures.period == "2017/18")]
    by = {(r.strand, r.measure): r.value for r in cleveland.itertuples()}
    assert by[("race", "recorded_offences")] == 721 and by[("all", "population")] == 567_700  # "567,700"
    city = figures[figures.area == "London, City of"]
    assert "population" not in set(city.measure)  # '#N/A' is missing, not a figure
    assert set(figures.period) == {"2017/18", "2018/19"}


def test_a_wide_row_with_a_bad_number_is_named_by_its_line():
    lines = BBC.read_text(encoding="utf-8").splitlines()
    lines[3] = lines[3].replace("1785", "17eighty5")  # Northumbria, line 4 of the file
    with pytest.raises(ImportRefused) as err:
        apply_mapping("\n".join(lines), load_mapping(BBC_MAP), "bbc.csv")
    assert [(p.row, p.column) for p in err.value.problems] == [(4, "value")]


def test_a_bad_mapping_names_its_field(tmp_path: Path):
    data = yaml.safe_load(BBC_MAP.read_text(encoding="utf-8"))
    data["values"]["Race"] = {"strand": "race"}
    path = tmp_path / "m.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    with pytest.raises(ImportRefused, match="values.Race.measure"):
        load_mapping(path)


def test_one_vocabulary_the_methods_strands_map_into(model):
    for strand in model.framework.strands:
        for name in strand.monitored_strands:
            assert strands()[name].kind == "monitored", (strand.id, name)
    assert monitored("antisemitism") == "religion" and monitored("race") == "race" and monitored("all") is None


def test_row_numbers_count_blank_lines_and_line_breaks_in_quotes():
    text = ("source,publication,period,area,strand,measure,value,note\n"
            "police,p,2018,E,race,recorded_offences,1,\n"
            "\n"
            'police,p,2019,E,race,recorded_offences,2,"a note\nover two lines"\n'
            "police,p,2020,E,martian,recorded_offences,3,\n")
    with pytest.raises(ImportRefused) as err:
        read_tidy(text, "x.csv")
    assert [(p.row, p.column) for p in err.value.problems] == [(6, "strand")]


def test_empty_and_header_only_files_are_refused_not_crashed():
    for text in ("", "source,publication,period,area,strand,measure,value\n", 'a,b\n"unclosed\n'):
        with pytest.raises(ImportRefused):
            read_tidy(text, "x.csv")


def test_a_mapping_may_leave_periods_as_they_are_and_rename_areas(tmp_path: Path):
    mapping = tmp_path / "m.yaml"
    mapping.write_text("source: police\npublication: p\narea: {column: Force, values: {Met: Metropolitan Police}}\n"
                       "period: {column: Year}\nvalues: {Race: {strand: race, measure: recorded_offences}}\n")
    figures = apply_mapping("Force,Year,Race\nMet,2018,10\n", load_mapping(mapping), "w.csv")
    assert figures[["area", "period", "value"]].values.tolist() == [["Metropolitan Police", "2018", 10.0]]
    with pytest.raises(ImportRefused, match="area 'Kent' is not in the mapping"):
        apply_mapping("Force,Year,Race\nKent,2018,10\n", load_mapping(mapping), "w.csv")
