"""Disclosure control with known answers: primary and secondary suppression, hidden totals."""

from __future__ import annotations

import pandas as pd

from dashboard.disclosure import shown_count, suppress_counts


def _hidden(counts: dict[str, int], threshold: int = 10) -> tuple[list[str], bool]:
    result = suppress_counts(pd.Series(counts), threshold)
    return sorted(result.counts[result.counts.isna()].index), result.total_hidden


def test_a_small_count_and_the_smallest_other_are_hidden_so_the_total_reveals_neither():
    assert _hidden({"race": 120, "religion": 4, "disability": 30, "transgender": 15}) == (
        ["religion", "transgender"], False)


def test_two_small_counts_need_no_secondary_cell_and_zeros_are_shown():
    assert _hidden({"a": 3, "b": 5, "c": 100}) == (["a", "b"], False)
    assert _hidden({"a": 50, "b": 0, "c": 40}) == ([], False)


def test_when_nothing_else_could_protect_it_the_total_is_hidden_too():
    assert _hidden({"a": 3, "b": 0, "c": 0}) == (["a"], True)
    assert _hidden({"a": 3, "b": 4}) == (["a", "b"], True)  # total 7 is itself small


def test_the_threshold_is_configurable_and_single_counts_are_worded():
    assert _hidden({"a": 12, "b": 30, "c": 40}, threshold=20) == (["a", "b"], False)
    assert (shown_count(7), shown_count(0), shown_count(12_345)) == ("fewer than 10", "0", "12,345")
