"""Disclosure control for counts shown to a public audience.

A breakdown (counts by category) is published with its total. Primary suppression hides every
count from 1 to threshold-1 (zeros are shown). If exactly one count is hidden, the total would give
it away, so the smallest other non-zero count is hidden too; if there is none, or the total itself
is small, the total must be hidden as well (`total_hidden`). This module does not audit tables
of two dimensions (their secondary suppression needs one): across views, rounding protects.

Filters could undo suppression by differencing: the total for the days up to D minus the total up
to D-1 is the exact count of day D, however small; and many overlapping windows of months, each
rounded, still narrow single months down to one value. So the public view of case records shows
fixed aggregates: one calendar year at a time (`public_period`: the years do not overlap and no
total over several years is shown), for one ward or all, one strand or all, one recording agency
or all (single choices, so the only views that nest are "all" over "one"), with at most
NARROWED_AT_MOST (2) of those three narrowed at once. Each of its tables lists every category and
follows `public_table`: every count below the threshold is hidden, zero included (a table that
leaves out its empty categories tells how many are not empty, which with "fewer than 10" pins small
totals down), one more where a table has a single hidden count, and the others, totals included
(`public_number`), rounded to a multiple of ROUNDING_BASE (5).

This is fixed aggregates with suppression and rounding, not full complementary suppression over
every filter. A viewer who combines every view on offer learns intervals, not values: for the
bundled records no count from 1 to 9 is pinned down (tests/dashboard/test_differencing.py), but
that is checked on those records, not proved for every data set; and a new import changes the
counts of its years, so views taken before and after it can be compared.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from base.i18n import _, number

DEFAULT_THRESHOLD = 10
ROUNDING_BASE = 5
NARROWED_AT_MOST = 2  # of ward, strand and recording agency, in a public view


@dataclass(frozen=True)
class Suppressed:
    """The counts with hidden ones missing, and whether their total must be hidden too."""

    counts: pd.Series
    total_hidden: bool


def small(counts: pd.Series, threshold: int = DEFAULT_THRESHOLD) -> pd.Series:
    """Which counts are from 1 to threshold-1 (zeros and missing are not small)."""
    values = counts.fillna(0)
    return (values > 0) & (values < threshold)


def hide_small(counts: pd.Series, threshold: int = DEFAULT_THRESHOLD) -> pd.Series:
    """Primary suppression only, for counts that are not parts of a shown total (a series over time)."""
    return counts.mask(small(counts, threshold))


def _values(counts: pd.Series) -> np.ndarray:
    """The counts as floats, missing ones as zero."""
    values = counts.to_numpy(dtype=float, copy=True)
    values[np.isnan(values)] = 0
    return values


def _hidden(values: np.ndarray, threshold: int, zeros: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """Which counts of each table (the last axis) to hide, primary and secondary, and whether each
    table's total must be hidden too. Counts below the threshold are hidden (zeros as well if
    `zeros`); where a table has exactly one, its first smallest other non-zero count is hidden too."""
    hidden = (values < threshold) & ((values > 0) | zeros)
    total = values.sum(axis=-1)
    total_hidden = (total < threshold) & ((total > 0) | zeros)
    others = ~hidden & (values > 0)
    lone = hidden.sum(axis=-1) == 1
    second = np.argmin(np.where(others, values, np.inf), axis=-1)[..., None]  # the first smallest
    np.put_along_axis(hidden, second, np.take_along_axis(hidden, second, -1) | (lone & others.any(-1))[..., None], -1)
    return hidden, total_hidden | (lone & ~others.any(-1))


def suppress_counts(counts: pd.Series, threshold: int = DEFAULT_THRESHOLD) -> Suppressed:
    """Hide small counts of a breakdown, and one more where the total would reveal a hidden count."""
    hidden, total_hidden = _hidden(_values(counts), threshold)
    return Suppressed(counts.mask(hidden), bool(total_hidden))


def shown_count(count: int, threshold: int = DEFAULT_THRESHOLD) -> str:
    """A single count as shown publicly: 'fewer than 10' when small (zero is shown), in the current language."""
    return fewer_than(threshold) if 0 < count < threshold else number(count)


def fewer_than(threshold: int = DEFAULT_THRESHOLD) -> str:
    """What a hidden count reads: 'fewer than 10', in the current language."""
    return _("fewer than {number}").format(number=number(threshold))


def round_to_base(count: int, base: int = ROUNDING_BASE) -> int:
    """A count rounded to the nearest multiple of `base` (12 -> 10, 13 -> 15)."""
    return base * round(count / base)


def public_table(counts: np.ndarray, threshold: int = DEFAULT_THRESHOLD,
                 base: int = ROUNDING_BASE) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The public rule on tables of counts (the last axis; every category listed, zeros included):
    the counts rounded to multiples of `base`, which to hide (every count below the threshold, zero
    included, so that which categories are empty is not shown; and one more where a table has a
    single one), and whether each total is hidden."""
    hidden, total_hidden = _hidden(counts, threshold, zeros=True)
    return (base * np.round(counts / base)).astype("int64"), hidden, total_hidden


def public_counts(counts: pd.Series, threshold: int = DEFAULT_THRESHOLD, base: int = ROUNDING_BASE) -> Suppressed:
    """A breakdown as the public sees it (`public_table`): every count below the threshold hidden,
    zeros too, one more where the table has a single one, the others rounded to multiples of `base`.
    The series should list every category, empty ones as 0: which categories are left out shows."""
    rounded, hidden, total_hidden = public_table(_values(counts), threshold, base)
    return Suppressed(pd.Series(pd.arrays.IntegerArray(rounded, hidden), index=counts.index, name=counts.name),
                      bool(total_hidden))


def public_number(count: int, threshold: int = DEFAULT_THRESHOLD, base: int = ROUNDING_BASE) -> str:
    """A single count (a total too) as the public sees it: 'fewer than 10' below the threshold, zero
    included, else rounded (in the current language)."""
    return fewer_than(threshold) if count < threshold else number(round_to_base(count, base))


def public_period(year: int) -> tuple[date, date]:
    """The one period a public viewer can choose: a whole calendar year, 1 January to 31 December."""
    return date(year, 1, 1), date(year, 12, 31)
