"""Disclosure control: small counts hidden, and enough others hidden that totals can't reveal them.

Primary suppression hides every count from 1 to threshold-1 (zeros are shown). Secondary
suppression: the row and column totals of a table are published, so a row or column with exactly
one hidden cell would give it away (total minus the rest); the smallest other non-zero cell of
that row or column is hidden too, repeatedly, until no row or column has exactly one.
"""

from __future__ import annotations

import pandas as pd

DEFAULT_THRESHOLD = 10


def suppression_mask(table: pd.DataFrame, threshold: int = DEFAULT_THRESHOLD) -> pd.DataFrame:
    """True where a count of the table (rows × columns of counts) must be hidden."""
    values = table.fillna(0).astype(float)
    hidden = (values > 0) & (values < threshold)
    changed = True
    while changed:
        changed = False
        for axis_frame, transpose in ((hidden, False), (hidden.T, True)):
            source = values.T if transpose else values
            for label, line in axis_frame.iterrows():
                if line.sum() != 1 or len(line) < 2:
                    continue
                candidates = source.loc[label][~line]
                nonzero = candidates[candidates > 0]
                pick = (nonzero if not nonzero.empty else candidates).idxmin()
                if transpose:
                    hidden.loc[pick, label] = True
                else:
                    hidden.loc[label, pick] = True
                changed = True
                break
            if changed:
                break
    return hidden


def suppress(table: pd.DataFrame, threshold: int = DEFAULT_THRESHOLD) -> pd.DataFrame:
    """The table with hidden counts as missing (shown as a suppression mark by the views)."""
    return table.mask(suppression_mask(table, threshold))


def suppress_series(counts: pd.Series, threshold: int = DEFAULT_THRESHOLD) -> pd.Series:
    """A single breakdown whose total is published: a one-column table."""
    return suppress(counts.to_frame(), threshold).iloc[:, 0]
