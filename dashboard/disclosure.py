"""Disclosure control for counts shown to a public audience.

A breakdown (counts by category) is published with its total. Primary suppression hides every
count from 1 to threshold-1 (zeros are shown). If exactly one count is hidden, the total would give
it away, so the smallest other non-zero count is hidden too; if there is none, or the total itself
is small, the total must be hidden as well (`total_hidden`). Tables of two dimensions are not
offered: their secondary suppression needs an audit that this module does not do.

Filters could undo suppression by differencing: the total for the days up to D minus the total up
to D-1 is the exact count of day D, however small. So the public view of case records works in
whole months (`month_window`: a window starts on the first of a month and ends on the last day of
one) and every count it shows, totals included, is rounded to a multiple of ROUNDING_BASE (5)
after suppression (`public_counts`, `public_number`): the difference of two shown counts is then a
multiple of 5 that does not pin down any count below the threshold. Rounding bounds each count to
an interval of five; a viewer who intersects the intervals of many overlapping windows can still
narrow counts down, which only fixed, non-overlapping tables or perturbation would prevent.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

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


def suppress_counts(counts: pd.Series, threshold: int = DEFAULT_THRESHOLD) -> Suppressed:
    """Hide small counts of a breakdown, and one more where the total would reveal a hidden count."""
    values = counts.fillna(0)
    hidden = small(counts, threshold)
    total_hidden = bool(0 < values.sum() < threshold)
    if hidden.sum() == 1:
        others = values[~hidden & (values > 0)]
        if others.empty:
            total_hidden = True
        else:
            hidden[others.idxmin()] = True
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
    suppressed = suppress_counts(counts, threshold)
    rounded = (suppressed.counts.astype("Float64") / base).round() * base
    return Suppressed(rounded.astype("Int64"), suppressed.total_hidden)


def public_number(count: int, threshold: int = DEFAULT_THRESHOLD, base: int = ROUNDING_BASE) -> str:
    """A single count (a total too) as the public sees it: 'fewer than 10' when small, else rounded."""
    return f"fewer than {threshold}" if 0 < count < threshold else f"{round_to_base(count, base):,}"


def month_window(start: date, end: date) -> tuple[date, date]:
    """A date range widened to whole months: the first day of the start's month to the last of the end's."""
    return start.replace(day=1), end.replace(day=calendar.monthrange(end.year, end.month)[1])
