"""Disclosure control for counts shown to a public audience.

A breakdown (counts by category) is published with its total. Primary suppression hides every
count from 1 to threshold-1 (zeros are shown). If exactly one count is hidden, the total would give
it away, so the smallest other non-zero count is hidden too; if there is none, or the total itself
is small, the total must be hidden as well (`total_hidden`). Tables of two dimensions are not
offered: their secondary suppression needs an audit that this module does not do.

Filters could undo suppression by differencing: the total for the days up to D minus the total up
to D-1 is the exact count of day D, however small; and many overlapping windows of months, each
rounded, still narrow single months down to one value. So the public view of case records shows
fixed aggregates: one calendar year at a time (`public_period`: the years do not overlap and no
total over several years is shown), for one ward or all wards, one strand or all, one recording
agency or all (single choices, so the only views that nest are "all" over "one"). Every count it
shows, totals included, is suppressed as above and then rounded to a multiple of ROUNDING_BASE (5)
(`public_counts`, `public_number`). This is fixed aggregates with suppression and rounding, not
full complementary suppression over every filter: a count is known to lie within a few of the
shown value, and the sums that views share do not narrow a hidden count down to one value (tested
for the bundled records), but nothing here proves that for every possible data set.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

DEFAULT_THRESHOLD = 10
ROUNDING_BASE = 5


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


def _hidden(values: np.ndarray, threshold: int) -> tuple[np.ndarray, bool]:
    """Which counts of a breakdown to hide (primary and secondary), and whether the total must be too."""
    hidden = (values > 0) & (values < threshold)
    total_hidden = bool(0 < values.sum() < threshold)
    if hidden.sum() == 1:
        others = np.flatnonzero(~hidden & (values > 0))
        if others.size == 0:
            total_hidden = True
        else:
            hidden[others[np.argmin(values[others])]] = True  # the first smallest, in the table's order
    return hidden, total_hidden


def suppress_counts(counts: pd.Series, threshold: int = DEFAULT_THRESHOLD) -> Suppressed:
    """Hide small counts of a breakdown, and one more where the total would reveal a hidden count."""
    hidden, total_hidden = _hidden(_values(counts), threshold)
    return Suppressed(counts.mask(hidden), total_hidden)


def shown_count(count: int, threshold: int = DEFAULT_THRESHOLD) -> str:
    """A single count as shown publicly: 'fewer than 10' when small (zero is shown)."""
    return f"fewer than {threshold}" if 0 < count < threshold else f"{count:,}"


def round_to_base(count: int, base: int = ROUNDING_BASE) -> int:
    """A count rounded to the nearest multiple of `base` (12 -> 10, 13 -> 15)."""
    return base * round(count / base)


def public_counts(counts: pd.Series, threshold: int = DEFAULT_THRESHOLD, base: int = ROUNDING_BASE) -> Suppressed:
    """A breakdown as the public sees it: small counts suppressed (`suppress_counts`), then the
    others rounded to multiples of `base` (hidden ones stay missing)."""
    values = _values(counts)
    hidden, total_hidden = _hidden(values, threshold)
    rounded = pd.arrays.IntegerArray((base * np.round(values / base)).astype("int64"), hidden)
    return Suppressed(pd.Series(rounded, index=counts.index, name=counts.name), total_hidden)


def public_number(count: int, threshold: int = DEFAULT_THRESHOLD, base: int = ROUNDING_BASE) -> str:
    """A single count (a total too) as the public sees it: 'fewer than 10' when small, else rounded."""
    return f"fewer than {threshold}" if 0 < count < threshold else f"{round_to_base(count, base):,}"


def public_period(year: int) -> tuple[date, date]:
    """The one period a public viewer can choose: a whole calendar year, 1 January to 31 December."""
    return date(year, 1, 1), date(year, 12, 31)
