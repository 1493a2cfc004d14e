"""Disclosure control with known answers: primary and secondary suppression."""

from __future__ import annotations

import pandas as pd

from dashboard.disclosure import suppress, suppress_series, suppression_mask


def test_small_counts_are_hidden_and_a_second_cell_protects_them_from_the_total():
    counts = pd.Series({"race": 120, "religion": 4, "disability": 30, "transgender": 15})
    shown = suppress_series(counts)
    assert shown.isna().tolist() == [False, True, False, True]  # 4 (primary) and 15 (smallest other)
    assert suppress_series(pd.Series({"a": 50, "b": 0, "c": 40})).isna().sum() == 0  # zeros are shown


def test_two_small_counts_need_no_secondary_cell():
    shown = suppress_series(pd.Series({"a": 3, "b": 5, "c": 100}))
    assert shown.isna().tolist() == [True, True, False]


def test_secondary_suppression_covers_rows_and_columns():
    table = pd.DataFrame({"2018": [100, 5, 40], "2019": [90, 60, 50]}, index=["race", "religion", "disability"])
    mask = suppression_mask(table)
    # religion 2018 (5) is primary; its column then needs another (disability 2018, 40) and its row
    # another (religion 2019, 60); then column 2019 has one hidden, so disability 2019 (50) too.
    assert mask.loc["religion", "2018"] and mask.loc["religion", "2019"]
    assert mask.loc["disability", "2018"] and mask.loc["disability", "2019"]
    assert not mask.loc["race"].any()
    for frame in (mask, mask.T):  # no row or column with exactly one hidden cell
        assert not (frame.sum(axis=1) == 1).any()
    assert suppress(table).isna().sum().sum() == 4


def test_the_threshold_is_configurable():
    assert suppress_series(pd.Series({"a": 12, "b": 30, "c": 40}), threshold=20).isna().tolist() == [True, True, False]
