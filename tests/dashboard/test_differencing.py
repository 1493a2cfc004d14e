"""The differencing probes on the bundled SYNTHETIC case records.

What a viewer can infer from a shown count is an interval ("fewer than 10" is 0 to 9, a rounded
count N is N-2 to N+2 and at least 10, an exact one is itself); a count is recovered when what the
viewer can infer of it holds a single value. The old view (any day, exact totals) gave small counts
away by the difference of two views; the public view (one calendar year, single choices, every
table suppressed and rounded to 5) must give none away, whether by two views that differ by one
choice or by combining every view a public viewer can choose (tests/disclosure_probe.py).
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import pytest

from dashboard.case_views import (
    BREAKDOWNS, CaseFilter, breakdown, by_strand, chart_categories, connect, every_category, public_filter, trend,
)
from dashboard.cases import synthesise, validate_cases
from dashboard.disclosure import (
    DEFAULT_THRESHOLD, public_counts, public_number, public_period, public_table, shown_count,
)
from store.example_data import SYNTHETIC_CASES
from disclosure_probe import PARTITIONS, UNKNOWN, Views, exact_views, offered, propagate, shown_bounds

UNKNOWN = 10**9
Interval = tuple[int, int]


@pytest.fixture(scope="module")
def records() -> pd.DataFrame:
    """The app's SYNTHETIC case records (seeded: the same 20,000 records), as the app stores them."""
    return validate_cases(synthesise(SYNTHETIC_CASES), "synthetic")


@pytest.fixture(scope="module")
def cases(records: pd.DataFrame, tmp_path_factory: pytest.TempPathFactory) -> tuple[duckdb.DuckDBPyConnection, str]:
    """The page's DuckDB view over those records, and the first ward."""
    path = Path(tmp_path_factory.mktemp("cases")) / "cases.parquet"
    records.to_parquet(path, index=False)
    con = connect([path])  # the page's view over the Parquet file, held in memory here (many queries follow)
    con.execute("CREATE TABLE held AS SELECT * FROM cases; DROP VIEW cases; ALTER TABLE held RENAME TO cases")
    return con, sorted(records["area_2"].unique())[0]


@pytest.fixture(scope="module")
def views(records: pd.DataFrame) -> Views:
    return exact_views(records)


def _shown(text: str, base: int) -> Interval:
    """What the old view's single count ("fewer than 10", "1,234") says the count is."""
    if text.startswith("fewer than"):
        return 1, DEFAULT_THRESHOLD - 1
    n = int(text.replace(",", ""))
    return (0, 0) if n == 0 else (max(n - base // 2, DEFAULT_THRESHOLD), n + base // 2)


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


def _page_view(con: duckdb.DuckDBPyConnection, year: int, ward: str | None, strand: str | None,
               agency: str | None) -> dict[str, pd.Series]:
    """The exact numbers of one public view as the page queries them, every category listed."""
    f, every = public_filter(year, ward, strand, agency), chart_categories(con, year)
    frames = {unit: (trend(con, f, unit), unit) for unit in ("month", "weekday", "hour")}
    frames |= {column: (breakdown(con, f, column), "value") for column in PARTITIONS[3:]}
    frames["strand"] = by_strand(con, f), "strand"
    out = {name: every_category(frame, key, every[name], by_size=name not in ("month", "weekday", "hour"))
           .set_index(key)["records"] for name, (frame, key) in frames.items()}
    return out | {"total": pd.Series([int(trend(con, f, "month")["records"].sum())])}


def test_the_probe_counts_what_the_page_shows(cases, views):
    """The probe's counts, in one pass over the records, are the page's queries' for sample views,
    and the public rule on the probe's tables hides and rounds what it does on the page's."""
    con, _ = cases
    police = views.agencies.index("Police (SYNTHETIC)") + 1
    for y, w, s, r in ((1, 0, 0, 0), (0, 5, 0, 0), (2, 11, 2, 0), (2, 0, 5, police), (1, 30, 0, 2)):
        page = _page_view(con, views.years[y], views.wards[w - 1] if w else None,
                          views.strands[s - 1] if s else None, views.agencies[r - 1] if r else None)
        assert page.pop("total").iloc[0] == views.total[y, w, s, r]
        for name, shown in page.items():
            labels = views.labels[name] if name != "month" else [f"{views.years[y]}-{m:02d}" for m in range(1, 13)]
            counts = views.charts[name][y, w, s, r]
            assert shown.reindex(labels).tolist() == counts.tolist(), name
            rounded, hidden, _ = public_table(counts)
            public = public_counts(shown).counts.reindex(labels)  # the page's order: largest first for breakdowns
            assert public.isna().tolist() == hidden.tolist(), name
            assert public.dropna().tolist() == rounded[~hidden].tolist(), name


def _differences(bounds: dict[str, tuple[np.ndarray, np.ndarray]], exact: dict[str, np.ndarray],
                 chosen: np.ndarray) -> tuple[int, int]:
    """The issue's probe: every pair of views a public viewer can choose that differ by one choice
    of ward, strand or agency ("all" and one), every shown count of both; returns how many
    differences are small and how many of those the two shown counts pin down."""
    small = pinned = 0
    for name, (lo, hi) in bounds.items():
        for axis in (1, 2, 3):
            everything = [slice(None)] * lo.ndim
            everything[axis] = slice(0, 1)
            every = tuple(everything)
            both = np.take(chosen, [0], axis=axis) & chosen  # "all" and the one, both on offer
            both = both.reshape(both.shape + (1,) * (lo.ndim - 4))
            low, high = np.maximum(lo[every] - hi, 0), hi[every] - lo
            rest = exact[name][every] - exact[name]
            is_small = both & (rest > 0) & (rest < DEFAULT_THRESHOLD)
            is_small = np.delete(is_small, 0, axis=axis)  # not "all" against itself
            small += int(is_small.sum())
            pinned += int((is_small & np.delete(low == high, 0, axis=axis)).sum())
    return small, pinned


def test_two_public_views_that_differ_by_one_choice_give_no_small_count_away(views):
    """The issue's probe on the public view. Years do not nest (no total over several years is
    shown), so two views differ by one ward, strand or agency: "all" against one. The count by
    which they differ (the other wards', strands' or agencies' records, in the total or in any
    chart cell) lies between the difference of their intervals; rounding never pins it down."""
    exact = {"total": views.total} | views.charts
    small, pinned = _differences(shown_bounds(views, base=5), exact, offered(views))
    assert small > 1_000 and pinned == 0, (small, pinned)
    _, unrounded = _differences(shown_bounds(views, base=1), exact, offered(views))
    assert unrounded > 100  # the probe has teeth: without rounding, the same pairs give counts away


def test_combining_every_public_view_pins_no_small_count(views):
    """The stronger probe: every view a public viewer can choose (each year × all wards or each ward ×
    all strands or each × all agencies or each, at most two narrowed), every chart of each (the
    total, by month of the year, weekday, hour, strand, the six breakdowns, by ward), combined by
    every sum they share, for all wards at once. Each count is left an interval; no count from 1
    to 9 is pinned down, while the same views without rounding pin thousands."""
    exact = {"total": views.total} | views.charts
    bounds = shown_bounds(views, base=5)
    assert propagate(bounds) < 100  # settled
    for name, (lo, hi) in bounds.items():
        assert ((lo <= exact[name]) & (exact[name] <= hi)).all(), name  # the inference is sound
    small = {name: (exact[name] > 0) & (exact[name] < DEFAULT_THRESHOLD) & offered_cells(views, exact[name])
             for name in bounds}
    pinned = {name: int((small[name] & (lo == hi)).sum()) for name, (lo, hi) in bounds.items()}
    assert sum(int(s.sum()) for s in small.values()) > 30_000 and not any(pinned.values()), pinned
    assert all((hi[small[name]] - lo[small[name]] >= 2).all() for name, (lo, hi) in bounds.items())
    unrounded = shown_bounds(views, base=1)
    propagate(unrounded)
    assert sum(int((small[name] & (lo == hi)).sum()) for name, (lo, hi) in unrounded.items()) > 1_000


def offered_cells(views: Views, counts: np.ndarray) -> np.ndarray:
    """The offered views, spread over a chart's categories."""
    chosen = offered(views)
    return np.broadcast_to(chosen.reshape(chosen.shape + (1,) * (counts.ndim - 4)), counts.shape)


def test_the_public_rule_fixed_years_single_choices_zeros_hidden_counts_rounded():
    assert public_period(2024) == (date(2024, 1, 1), date(2024, 12, 31))
    f = public_filter(2022, area="E05011000", source="Police (SYNTHETIC)")
    assert (f.start, f.end, f.areas, f.strand, f.sources) == (
        date(2022, 1, 1), date(2022, 12, 31), ("E05011000",), None, ("Police (SYNTHETIC)",))
    with pytest.raises(ValueError, match="at most 2 of area, strand and recording agency"):
        public_filter(2022, area="E05011000", strand="race", source="Police (SYNTHETIC)")
    result = public_counts(pd.Series({"a": 3, "b": 12, "c": 13, "d": 0, "e": 100, "f": 27}))
    assert result.counts.isna().tolist() == [True, False, False, True, False, False]  # 3 and 0: two hidden
    assert result.counts.dropna().tolist() == [10, 15, 100, 25] and not result.total_hidden
    result = public_counts(pd.Series({"a": 3, "b": 12, "c": 13, "e": 100}))
    assert result.counts.isna().tolist() == [True, True, False, False]  # 3, and 12 to protect it
    assert public_counts(pd.Series({"a": 0})).total_hidden
    assert [public_number(n) for n in (0, 7, 10, 12, 13, 20_003)] == [
        "fewer than 10", "fewer than 10", "10", "10", "15", "20,005"]
    tables = np.array([[3, 12, 13, 100], [0, 50, 40, 30], [20, 0, 0, 0]])
    rounded, hidden, total_hidden = public_table(tables)  # many tables at once, as one by one
    for row, h, t in zip(tables, hidden, total_hidden):
        one = public_counts(pd.Series(row))
        assert one.counts.isna().tolist() == h.tolist() and one.total_hidden == t
    assert hidden.tolist()[1:] == [[True, False, False, True], [False, True, True, True]]  # a lone zero needs a second
    assert rounded[0].tolist()[2:] == [15, 100]
