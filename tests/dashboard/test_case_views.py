"""The case views' one-scan counts agree with the views queried one by one."""

from __future__ import annotations

import pandas as pd

from dashboard.case_views import (BREAKDOWNS, breakdown, by_strand, connect, counts_by, filter_views, public_filter, repeats,
                                   trend)
from dashboard.cases import synthesise, validate_cases, write_cases


def test_counts_by_gives_every_chart_s_counts_from_one_scan(tmp_path):
    path = write_cases(validate_cases(synthesise(3_000), "synthetic"), tmp_path / "cases.parquet")
    con = connect([path])
    for f in (public_filter(2022, strand="transgender"), public_filter(2023)):
        got = counts_by(con, f, BREAKDOWNS)
        for unit in ("month", "weekday", "hour"):
            pd.testing.assert_frame_equal(got[unit], trend(con, f, unit), check_dtype=False)
        for column in BREAKDOWNS:
            pd.testing.assert_frame_equal(got[column], breakdown(con, f, column), check_dtype=False)


def test_a_filters_views_queried_at_once_agree_with_each_asked_alone(tmp_path):
    path = write_cases(validate_cases(synthesise(3_000), "synthetic"), tmp_path / "cases.parquet")
    con = connect([path])
    f = public_filter(2023, strand="race")
    views = filter_views(con, f, BREAKDOWNS)
    for column in ("month", *BREAKDOWNS):
        pd.testing.assert_frame_equal(views.counts[column], counts_by(con, f, BREAKDOWNS)[column])
    pd.testing.assert_frame_equal(views.by_strand, by_strand(con, f))
    pd.testing.assert_frame_equal(views.repeat_victims, repeats(con, f, "victim"))
    pd.testing.assert_frame_equal(views.repeat_offenders, repeats(con, f, "offender"))
    assert views.repeat_victims.iloc[0].people > 0
