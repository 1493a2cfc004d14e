"""Case records: validation, the synthetic generator, and the DuckDB views on hand-made records."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from dashboard.case_views import CaseFilter, breakdown, by_strand, connect, points, repeats, trend
from dashboard.cases import COLUMNS, synthesise, validate_cases, write_cases
from dashboard.problems import ImportRefused


def _case(case_id: str, when: str, victim: str = "", strands: str = "race", ward: str = "W1", **more: str):
    row = {c: "unknown" for c in COLUMNS if c.endswith(("age_group", "sex", "ethnicity"))}
    row.update(case_id=case_id, recorded_at=when, offence_category="public order", strands=strands,
               ward_code=ward, lsoa_code="L1", force="F", lat="", lon="", victim_id=victim, offender_id="",
               outcome="other", recorded_by="Police")
    row.update(more)
    return row


@pytest.fixture
def con(tmp_path: Path):
    rows = [
        _case("1", "2021-01-01T10:00", victim="A"), _case("2", "2021-12-31T09:00", victim="A"),  # 364 days: repeat
        _case("3", "2021-01-01T10:00", victim="B"), _case("4", "2022-02-01T10:00", victim="B"),  # 13 months: not
        _case("5", "2022-03-07T22:00", victim="C", strands=" religion ; race;", ward="W2",
              lat="51.45", lon="-2.59", recorded_by="CSO"),
        _case("6", "2022-03-08T22:30", victim="C", ward="W2"), _case("7", "2022-03-09T23:00", victim="C"),
    ]
    cases = validate_cases(pd.DataFrame(rows), "t.csv")
    return connect([write_cases(cases, tmp_path / "t.parquet")])


def test_repeat_victims_in_a_rolling_12_months(con):
    r = repeats(con, CaseFilter(), "victim").iloc[0]
    assert (r.people, r.repeat_people, r.records, r.repeat_records) == (3, 2, 7, 5)  # A and C, not B
    assert repeats(con, CaseFilter(), "offender").iloc[0].people == 0  # no offender ids


def test_trends_by_month_weekday_and_hour(con):
    months = trend(con, CaseFilter(), "month").set_index("month")["records"]
    assert months.to_dict() == {"2021-01": 2, "2021-12": 1, "2022-02": 1, "2022-03": 3}
    weekdays = trend(con, CaseFilter(), "weekday").set_index("weekday")["records"]
    assert weekdays["Friday"] == 3 and weekdays["Monday"] == 1  # 2021-01-01 and 2021-12-31 were Fridays
    assert trend(con, CaseFilter(), "hour").set_index("hour")["records"][22] == 2


def test_filters_by_dates_area_strand_and_source(con):
    assert trend(con, CaseFilter(start=date(2022, 3, 8), end=date(2022, 3, 9)), "month")["records"].sum() == 2
    assert by_strand(con, CaseFilter(areas=("W2",))).set_index("strand")["records"].to_dict() == {
        "race": 2, "religion": 1}  # a record with two strands counts for each
    assert breakdown(con, CaseFilter(strand="religion"), "recorded_by")["value"].tolist() == ["CSO"]
    assert breakdown(con, CaseFilter(strand="race", areas=("W2",)), "recorded_by")["records"].sum() == 2
    assert breakdown(con, CaseFilter(sources=("Police",)), "area_2")["records"].sum() == 6
    assert points(con, CaseFilter())[["lat", "lon"]].values.tolist() == [[51.45, -2.59]]
    with pytest.raises(ValueError):
        breakdown(con, CaseFilter(), "victim_id; DROP TABLE cases")


def test_no_records_gives_empty_views():
    con = connect([])
    assert trend(con, CaseFilter(), "month").empty and repeats(con, CaseFilter(), "victim").iloc[0].people == 0


def test_bad_case_rows_are_refused_with_their_line_numbers():
    rows = [_case("1", "2021-01-01T10:00"), _case("2", "yesterday"), _case("3", "2021-01-01", strands="martian"),
            _case("3", "2021-01-01", victim_sex="mail"), _case("5", "2021-01-01", lat="95", lon="0")]
    with pytest.raises(ImportRefused) as err:
        validate_cases(pd.DataFrame(rows), "cases.csv")
    found = {(p.row, p.column) for p in err.value.problems}
    assert found == {(3, "recorded_at"), (4, "strands"), (5, "victim_sex"), (5, "case_id"), (6, "lat")}


def test_the_synthetic_generator_is_seeded_valid_and_has_repeat_victims(tmp_path: Path):
    a, b = synthesise(2000, seed=7), synthesise(2000, seed=7)
    assert a.equals(b) and not a.equals(synthesise(2000, seed=8))
    cases = validate_cases(a, "synthetic.csv")
    assert len(cases) == 2000 and cases["lat"].notna().mean() == pytest.approx(0.7, abs=0.05)
    assert (cases["victim_id"].value_counts() >= 2).sum() > 10
    assert set(cases["recorded_at"].dt.year) == {2021, 2022, 2023}


def test_times_with_offsets_are_stored_in_utc():
    rows = [_case("1", "2021-06-01T10:00+01:00"), _case("2", "2021-06-01T10:00Z"), _case("3", "2021-06-01T10:00")]
    cases = validate_cases(pd.DataFrame(rows), "c.csv")
    assert [t.hour for t in cases["recorded_at"]] == [9, 10, 10]


def test_area_columns_are_generic_and_the_uk_columns_are_read_through_their_mapping():
    uk = pd.DataFrame([_case("1", "2022-01-01T10:00", ward="E05011014")])  # force, ward_code, lsoa_code
    read = validate_cases(uk, "uk.csv")
    assert (read.loc[0, "area_1"], read.loc[0, "area_2"], read.loc[0, "area_3"]) == ("F", "E05011014", "L1")
    own = uk.rename(columns={"force": "area_1", "ward_code": "area_2", "lsoa_code": "area_3"}).assign(
        area_1="Comunidad de Madrid", area_2="28079", area_3="2807901001")  # a country's own codes
    assert validate_cases(own, "es.csv").loc[0, "area_2"] == "28079"
    with pytest.raises(ImportRefused) as err:
        validate_cases(uk.drop(columns=["ward_code"]), "half.csv")
    assert {p.column for p in err.value.problems} == {"area_1", "area_2", "area_3"}
    assert "force, ward_code, lsoa_code (United Kingdom" in str(err.value.problems[0])
