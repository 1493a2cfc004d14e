"""Periods as dates: when each form starts, the data cut-off, the years missing from a series."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from dashboard.periods import cutoff_date, missing_periods, period_start, starts_before, with_gaps


@pytest.mark.parametrize("period, start", [
    ("2019", date(2019, 1, 1)),              # a calendar year
    ("2018/19", date(2018, 4, 1)),           # a financial year, April to March
    ("2017-18", date(2017, 4, 1)),           # the same, written with a hyphen
    ("2017-2019", date(2017, 1, 1)),         # a survey span of calendar years
    ("2015/16-2017/18", date(2015, 4, 1)),   # a pooled span of financial years
])
def test_each_period_form_starts_on_its_first_day(period, start):
    assert period_start(period) == start


def test_a_period_in_no_known_form_is_refused_in_words():
    with pytest.raises(ValueError, match=r"period '2019 Q1': write a year \(2019\)"):
        period_start("2019 Q1")


def test_a_cut_off_is_the_day_it_starts_and_a_bad_one_is_refused():
    assert cutoff_date("2019") == date(2019, 1, 1)
    assert cutoff_date("2019-06") == date(2019, 6, 1)
    assert cutoff_date("2019-06-30") == date(2019, 6, 30)
    with pytest.raises(ValueError, match="data cut-off '2019/20': write a date as YYYY, YYYY-MM or YYYY-MM-DD"):
        cutoff_date("2019/20")
    with pytest.raises(ValueError, match="data cut-off '2019-13'"):
        cutoff_date("2019-13")


def test_only_periods_that_start_before_the_cut_off_are_kept():
    periods = pd.Series(["2018", "2018/19", "2019", "2019/20", "2017-2019", "2019-2021"])
    assert periods[starts_before(periods, "2019")].tolist() == ["2018", "2018/19", "2017-2019"]
    assert periods[starts_before(periods, "2019-06")].tolist() == ["2018", "2018/19", "2019", "2019/20", "2017-2019",
                                                                   "2019-2021"]
    assert starts_before(periods, None).all()


def test_the_years_missing_inside_a_series_are_named_in_its_own_form():
    assert missing_periods(["2017/18", "2018/19", "2020/21", "2022/23"]) == ["2019/20", "2021/22"]
    assert missing_periods(["2009", "2012"]) == ["2010", "2011"]
    assert missing_periods(["2018/19", "2015/16-2017/18"]) == []  # a pooled span is no year of a series


def test_with_gaps_adds_an_empty_row_per_missing_year_of_each_series_only_inside_it():
    frame = pd.DataFrame({"period": ["2017/18", "2019/20", "2018/19", "2020/21"], "strand": ["A", "A", "B", "B"],
                          "value": [1.0, 3.0, 2.0, 4.0]})
    filled = with_gaps(frame, "strand")
    added = filled[filled["value"].isna()]
    assert list(zip(added["strand"], added["period"])) == [("A", "2018/19"), ("B", "2019/20")]
    assert filled["period"].tolist() == ["2017/18", "2018/19", "2018/19", "2019/20", "2019/20", "2020/21"]
