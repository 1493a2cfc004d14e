"""Periods of the figures as dates: when a period starts, a data cut-off, and the years missing from a series.

Period forms in the data: a calendar year "2019"; a financial year starting in April, "2018/19" or
"2017-18"; a survey span "2017-2019" or "2015/16-2017/18" (it starts when its first year starts).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

import pandas as pd

from base.i18n import day as day_in_words

_YEAR = re.compile(r"(\d{4})")
_FINANCIAL = re.compile(r"(\d{4})[/-](\d{2})")  # 2018/19, 2017-18: April to March
_CUTOFF = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def _first(period: str) -> str:
    """The first year of a span ('2017' of '2017-2019', '2015/16' of '2015/16-2017/18'), else the period."""
    text = period.strip()
    if _FINANCIAL.fullmatch(text) or _YEAR.fullmatch(text):
        return text
    head, sep, tail = text.partition("-")
    if sep and (_YEAR.fullmatch(head) or _FINANCIAL.fullmatch(head)) and (_YEAR.fullmatch(tail) or _FINANCIAL.fullmatch(tail)):
        return head
    raise ValueError(f"period {period!r}: write a year (2019), a financial year (2018/19 or 2018-19) "
                     "or a span of them (2017-2019, 2015/16-2017/18)")


def period_start(period: str) -> date:
    """The day a period starts: 1 January for a calendar year, 1 April for a financial year, a span's first."""
    first = _first(str(period))
    financial = _FINANCIAL.fullmatch(first)
    return date(int(first[:4]), 4, 1) if financial else date(int(first), 1, 1)


def cutoff_date(text: str) -> date:
    """A cut-off written YYYY, YYYY-MM or YYYY-MM-DD as the day it starts (2019 is 1 January 2019)."""
    found = _CUTOFF.fullmatch(str(text).strip())
    if not found:
        raise ValueError(f"data cut-off {text!r}: write a date as YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = found.groups()
    try:
        return date(int(year), int(month or 1), int(day or 1))
    except ValueError as err:
        raise ValueError(f"data cut-off {text!r}: {err}") from None


def starts_before(periods: pd.Series, cutoff: str | None) -> pd.Series:
    """True for each period that starts before the cut-off (every period when there is none)."""
    if cutoff is None:
        return pd.Series(True, index=periods.index)
    limit = cutoff_date(cutoff)
    return periods.map(lambda p: period_start(p) < limit).astype(bool)


def in_words(cutoff: str) -> str:
    """The cut-off's day in words in the current language: '1 January 2019'."""
    return day_in_words(cutoff_date(cutoff))


def _yearly(period: str) -> bool:
    return bool(_YEAR.fullmatch(period) or _FINANCIAL.fullmatch(period))


def _named(year: int, like: str) -> str:
    """The period starting in `year`, written like `like` ('2019/20' like '2018/19', '2019' like '2018')."""
    if _FINANCIAL.fullmatch(like):
        return f"{year}{like[4]}{(year + 1) % 100:02d}"
    return str(year)


def missing_periods(periods: Iterable[str]) -> list[str]:
    """The yearly periods between the first and last of `periods` that are not among them, in order."""
    present = sorted({p for p in periods if _yearly(p)}, key=period_start)
    if len(present) < 2:
        return []
    years = {period_start(p).year for p in present}
    first, last = min(years), max(years)
    return [_named(y, present[0]) for y in range(first, last + 1) if y not in years]


def with_gaps(frame: pd.DataFrame, by: str, value: str = "value") -> pd.DataFrame:
    """The frame with a row (`value` empty) for every period missing from each `by` group's series
    between its first and last period, so that a line chart breaks there; sorted by period start."""
    added = [{by: key, "period": p, value: None}
             for key, group in frame.groupby(by, sort=False) for p in missing_periods(group["period"])]
    out = pd.concat([frame, pd.DataFrame(added, columns=[by, "period", value])], ignore_index=True) if added else frame
    return out.sort_values(by=["period"], key=lambda s: s.map(period_start), kind="stable").reset_index(drop=True)


def in_order(periods: Iterable[str]) -> list[str]:
    """The distinct periods, earliest start first."""
    return sorted(set(periods), key=lambda p: (period_start(p), p))
