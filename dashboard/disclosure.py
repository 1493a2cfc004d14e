"""Disclosure control for counts shown to a public audience.

A breakdown (counts by category) is published with its total. Primary suppression hides every
count from 1 to threshold-1 (zeros are shown). If exactly one count is hidden, the total would give
it away, so the smallest other non-zero count is hidden too; if there is none, or the total itself
is small, the total must be hidden as well (`total_hidden`). Tables of two dimensions are not
offered: their secondary suppression needs an audit that this module does not do.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

DEFAULT_THRESHOLD = 10


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
