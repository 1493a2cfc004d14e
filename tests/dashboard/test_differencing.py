"""The differencing probe on the bundled SYNTHETIC case records: two public views that differ by one
unit of the date filter must not give away a count below the threshold.

What a viewer can infer from a shown count is an interval: "fewer than 10" is 1 to 9, a rounded
count N is N-2 to N+2 (and at least 10), an exact one is itself. The count of the unit by which two
windows differ lies between the difference of those intervals; it is recovered when that range
holds a single value.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import pytest

from dashboard.case_views import WEEKDAYS, CaseFilter, breakdown, connect, trend
from dashboard.cases import synthesise, validate_cases
from dashboard.disclosure import (
    DEFAULT_THRESHOLD, ROUNDING_BASE, month_window, public_counts, public_number, shown_count,
)
from store.example_data import SYNTHETIC_CASES

UNKNOWN = 10**9
Interval = tuple[int, int]


@pytest.fixture(scope="module")
def cases(tmp_path_factory: pytest.TempPathFactory) -> tuple[duckdb.DuckDBPyConnection, str]:
    """The app's SYNTHETIC case records (seeded: the same 20,000 records) and the first ward."""
    frame = validate_cases(synthesise(SYNTHETIC_CASES), "synthetic")  # as the app stores them
    path = Path(tmp_path_factory.mktemp("cases")) / "cases.parquet"
    frame.to_parquet(path, index=False)
    con = connect([path])  # the page's view over the Parquet file, held in memory here (2,000 queries follow)
    con.execute("CREATE TABLE held AS SELECT * FROM cases; DROP VIEW cases; ALTER TABLE held RENAME TO cases")
    return con, sorted(frame["ward_code"].unique())[0]


def _shown(text: str, base: int) -> Interval:
    """What a shown single count ("fewer than 10", "1,234") says the count is."""
    if text.startswith("fewer than"):
        return 1, DEFAULT_THRESHOLD - 1
    n = int(text.replace(",", ""))
    return (0, 0) if n == 0 else (max(n - base // 2, DEFAULT_THRESHOLD), n + base // 2)


def _cell(value: object, base: int) -> Interval:
    """What a shown cell of a breakdown says (a hidden cell: anything from 1)."""
    return (1, UNKNOWN) if pd.isna(value) else _shown(f"{int(value)}", base)


def _recovered(smaller: Interval, larger: Interval) -> int | None:
    """The count of the unit the larger window adds, if the two shown counts pin it down."""
    low, high = max(larger[0] - smaller[1], 0), larger[1] - smaller[0]
    return low if low == high else None


def _small(n: int | None) -> bool:
    return n is not None and 0 < n < DEFAULT_THRESHOLD


def test_the_old_day_level_exact_totals_give_small_counts_away(cases):
    """The reported attack, on the old behaviour (any end day, exact totals above the threshold)."""
    con, ward = cases
    start = date(2021, 1, 1)
    total = {d: int(trend(con, CaseFilter(start=start, end=d, areas=(ward,)), "month")["records"].sum())
             for d in (date(2022, 3, 1) + timedelta(days=i) for i in range(-1, 60))}
    days = sorted(total)[1:]
    recovered = [_recovered(_shown(shown_count(total[d - timedelta(days=1)]), 1), _shown(shown_count(total[d]), 1))
                 for d in days]
    assert sum(_small(n) for n in recovered) >= 10  # of 60 days (21 measured): the probe works on the old view
    assert all(n == total[d] - total[d - timedelta(days=1)] for n, d in zip(recovered, days))


BREAKDOWNS = ("offence_category", "outcome", "victim_age_group")


def _exact(con: duckdb.DuckDBPyConnection, ward: str, first: date, last: date) -> dict[str, pd.Series]:
    """The exact counts behind the public view for one ward and a window of months, as the page
    queries them: the total, records by weekday and hour, and three breakdowns."""
    start, end = month_window(first, last)
    f = CaseFilter(start=start, end=end, areas=(ward,))
    out = {"Records": pd.Series({"all": int(trend(con, f, "month")["records"].sum())})}
    out |= {unit: trend(con, f, unit).set_index(unit)["records"] for unit in ("weekday", "hour")}
    return out | {column: breakdown(con, f, column).set_index("value")["records"] for column in BREAKDOWNS}


def _prefix_sums(months: list[dict[str, pd.Series]]) -> dict[str, tuple[pd.Index, np.ndarray]]:
    """For each series, its labels (in the page's order for weekday and hour, else sorted) and the
    running sums of the monthly counts, so that a window's counts are one subtraction (counting adds
    up over disjoint months)."""
    out = {}
    for name in months[0]:
        labels = pd.Index(sorted(set().union(*(m[name].index for m in months)),
                                 key=WEEKDAYS.index if name == "weekday" else None))
        counts = np.array([m[name].reindex(labels, fill_value=0).to_numpy() for m in months])
        out[name] = labels, np.vstack([np.zeros(len(labels), dtype=counts.dtype), counts.cumsum(axis=0)])
    return out


def _window(sums: dict[str, tuple[pd.Index, np.ndarray]], i: int, j: int) -> dict[str, pd.Series]:
    """The counts of the window of months i to j, as the page's queries give them: categories with
    no record left out, breakdowns largest first."""
    out = {}
    for name, (labels, running) in sums.items():
        counts = running[j + 1] - running[i]
        keep = np.flatnonzero(counts > 0) if name != "Records" else np.arange(1)
        if name in BREAKDOWNS:
            keep = keep[np.lexsort((keep, -counts[keep]))]  # labels are sorted: ties by label
        out[name] = pd.Series(counts[keep], index=labels[keep], name="records")
    return out


def _public(exact: dict[str, pd.Series]) -> dict[str, Interval]:
    """What the public view shows of those counts, as intervals."""
    shown = {"Records": _shown(public_number(int(exact["Records"].sum())), ROUNDING_BASE)}
    for name, counts in exact.items():
        if name != "Records":
            shown |= {f"{name} {k}": _cell(v, ROUNDING_BASE) for k, v in public_counts(counts).counts.items()}
    return shown


def test_no_two_adjacent_public_windows_give_a_small_count_away(cases):
    """Every window of whole months a public viewer can choose for one ward, against the window one
    month longer (at either end): neither the Records total nor any cell of the breakdowns behind the
    charts pins down the count of the added month."""
    con, ward = cases
    months = pd.date_range("2021-01-01", "2023-12-01", freq="MS").date.tolist()
    monthly = [_exact(con, ward, m, m) for m in months]
    sums = _prefix_sums(monthly)
    shown = {(i, j): _public(_window(sums, i, j)) for i in range(len(months)) for j in range(i, len(months))}
    for i, j in ((0, 35), (3, 17), (20, 21)):  # the sums are what the page's queries give for the window
        assert shown[i, j] == _public(_exact(con, ward, months[i], months[j]))
    pairs = [((i, j), (i, j + 1)) for i, j in shown if (i, j + 1) in shown]
    pairs += [((i, j), (i - 1, j)) for i, j in shown if (i - 1, j) in shown]
    pinned = [(a, b, name) for a, b in pairs for name in shown[b]
              if _small(_recovered(shown[a].get(name, (0, 0)), shown[b][name]))]
    assert len(pairs) == 1_260 and not pinned, pinned[:5]


def test_month_windows_and_public_counts_follow_the_rule():
    assert month_window(date(2024, 2, 10), date(2024, 2, 3)) == (date(2024, 2, 1), date(2024, 2, 29))
    assert month_window(date(2023, 1, 31), date(2023, 12, 1)) == (date(2023, 1, 1), date(2023, 12, 31))
    result = public_counts(pd.Series({"a": 3, "b": 12, "c": 13, "d": 0, "e": 100, "f": 27}))
    assert result.counts.isna().tolist() == [True, True, False, False, False, False]  # 3, and 12 to protect it
    assert result.counts.dropna().tolist() == [15, 0, 100, 25] and not result.total_hidden
    assert [public_number(n) for n in (0, 7, 10, 12, 13, 20_003)] == [
        "0", "fewer than 10", "10", "10", "15", "20,005"]
