"""A viewer's inference from the dashboard's public view, as intervals of possible true counts.

Every public view is one calendar year × one ward or all × one strand or all × one recording
agency or all (`offered`: at most two of the three narrowed). `exact_views` counts, for every such
view, what the page's queries count (the Records total and every category of each chart) in one
pass over the records; `shown_bounds` turns what the page shows into intervals ("fewer than 10" is
0 to 9, a rounded count N is N-2 to N+2 and at least 10; with two hidden in a table, one may be the
secondary, no larger than any shown count); `propagate` narrows them by every sum the views share
until nothing changes: a breakdown adds up to its view's total, all wards (or agencies) to the sum
of each one, a strand's view lies within the view of all strands, which lies within the sum of the
strands' views, and the strand chart's "records with strands s and t" is the same count in the
views of s and of t, and each strand's total in the view of all strands.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from dashboard.case_views import WEEKDAYS
from dashboard.disclosure import DEFAULT_THRESHOLD, NARROWED_AT_MOST, public_number, public_table

UNKNOWN = 10**6  # no upper bound
PARTITIONS = ("month", "weekday", "hour", "victim_age_group", "offender_age_group", "victim_ethnicity",
              "offender_ethnicity", "offence_category", "outcome")  # each record once: they add up to the total


@dataclass
class Views:
    """Counts for every public view: axis 0 the year, 1 the ward, 2 the strand, 3 the agency (index 0
    of the last three is "all"), then the category for the charts. "strand" is the strand chart."""

    years: list[int]
    wards: list[str]
    strands: list[str]
    agencies: list[str]
    labels: dict[str, list[object]]
    total: np.ndarray
    charts: dict[str, np.ndarray]


def exact_views(cases: pd.DataFrame) -> Views:
    """The exact counts behind every public view of `cases` (validated records)."""
    when = cases["recorded_at"]
    years = sorted(when.dt.year.unique().tolist())
    wards, agencies = sorted(cases["area_2"].unique()), sorted(cases["recorded_by"].unique())
    flags = cases["strands"].str.split(";").explode()
    strands = sorted(flags.unique())
    keys = {"month": when.dt.month - 1, "weekday": when.dt.day_of_week, "hour": when.dt.hour}
    labels: dict[str, list[object]] = {"month": list(range(1, 13)), "weekday": list(WEEKDAYS), "hour": list(range(24))}
    for column in PARTITIONS[3:]:
        labels[column] = sorted(cases[column].unique())
        keys[column] = cases[column].map({v: i for i, v in enumerate(labels[column])})
    labels["strand"] = strands
    shape = (len(years), len(wards) + 1, len(strands) + 1, len(agencies) + 1)
    y = (when.dt.year - years[0]).to_numpy()
    w = cases["area_2"].map({v: i + 1 for i, v in enumerate(wards)}).to_numpy()
    r = cases["recorded_by"].map({v: i + 1 for i, v in enumerate(agencies)}).to_numpy()
    code = {v: i + 1 for i, v in enumerate(strands)}
    row = flags.index.to_numpy()  # one row per record and strand it flags
    s = flags.map(code).to_numpy()
    pairs = pd.merge(pd.DataFrame({"row": row, "s": s}), pd.DataFrame({"row": row, "t": s - 1}), on="row")

    def counted(rows: np.ndarray, strand: np.ndarray, category: np.ndarray, size: int) -> np.ndarray:
        out = np.zeros((*shape, size), dtype=np.int64)
        np.add.at(out, (y[rows], w[rows], strand, r[rows], category), 1)
        out[:, 0] = out[:, 1:].sum(axis=1)  # all wards
        out[:, :, :, 0] = out[:, :, :, 1:].sum(axis=3)  # all agencies
        return out

    every = np.arange(len(cases))
    charts = {name: counted(np.concatenate([every, row]), np.concatenate([np.zeros(len(every), dtype=int), s]),
                            np.concatenate([keys[name].to_numpy(), keys[name].to_numpy()[row]]), len(labels[name]))
              for name in PARTITIONS}
    charts["strand"] = counted(np.concatenate([row, pairs["row"].to_numpy()]),
                               np.concatenate([np.zeros(len(row), dtype=int), pairs["s"].to_numpy()]),
                               np.concatenate([s - 1, pairs["t"].to_numpy()]), len(strands))
    return Views(years, wards, strands, agencies, labels, charts["month"].sum(axis=-1), charts)


def _cells(counts: np.ndarray, base: int) -> tuple[np.ndarray, np.ndarray]:
    """The interval each count lies in, given what the public view shows of its table (the last
    axis, every category listed): a rounded count N is N-2 to N+2 and at least 10; a hidden one is
    0 to 9, except that where a table has exactly two hidden, one may be the secondary, which is no
    larger than any shown count (and unbounded if none is shown)."""
    rounded, hidden, _ = public_table(counts, base=base)
    lo, hi = np.maximum(rounded - base // 2, DEFAULT_THRESHOLD), rounded + base // 2
    shown_hi = np.where(hidden, UNKNOWN, hi).min(axis=-1, keepdims=True)
    ceiling = np.where(hidden.sum(axis=-1, keepdims=True) == 2, np.maximum(shown_hi, DEFAULT_THRESHOLD - 1),
                       DEFAULT_THRESHOLD - 1)
    return np.where(hidden, 0, lo), np.where(hidden, ceiling, hi)


def _number(count: int, base: int) -> tuple[int, int]:
    """What a shown single count ("fewer than 10", "1,235") says the count is."""
    text = public_number(count, base=base)
    if text.startswith("fewer than"):
        return 0, DEFAULT_THRESHOLD - 1
    n = int(text.replace(",", ""))
    return max(n - base // 2, DEFAULT_THRESHOLD), n + base // 2


def shown_bounds(views: Views, base: int) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """What every public view shows, as intervals: the Records total, each chart, and the ward chart
    of the views of all wards (which bounds each ward's total)."""
    total = np.vectorize(lambda n: _number(int(n), base), otypes=[np.int64, np.int64])(views.total)
    bounds = {"total": total} | {name: _cells(counts, base) for name, counts in views.charts.items()}
    for lo, hi in bounds.values():  # the views a public viewer cannot choose show nothing
        lo[~offered(views)], hi[~offered(views)] = 0, UNKNOWN
    by_ward = _cells(np.moveaxis(views.total[:, 1:], 1, -1), base)  # shown in the views of all wards
    for bound, ward in zip(total, by_ward):
        bound[:, 1:] = (np.maximum if bound is total[0] else np.minimum)(bound[:, 1:], np.moveaxis(ward, -1, 1))
    return bounds


def offered(views: Views) -> np.ndarray:
    """Which views (year, ward, strand, agency) a public viewer can choose: at most NARROWED_AT_MOST
    of ward, strand and agency narrowed to one."""
    narrowed = sum(np.arange(n).reshape([-1 if a == axis else 1 for a in range(4)]) > 0
                   for axis, n in enumerate(views.total.shape) if axis > 0)
    return np.broadcast_to(narrowed <= NARROWED_AT_MOST, views.total.shape)


def _tighten(bound: tuple[np.ndarray, np.ndarray], lo: np.ndarray, hi: np.ndarray) -> None:
    np.maximum(bound[0], lo, out=bound[0])
    np.minimum(bound[1], hi, out=bound[1])


def _sums_to(total: tuple[np.ndarray, np.ndarray], parts: tuple[np.ndarray, np.ndarray]) -> None:
    """total = the sum of parts over their last axis."""
    _tighten(total, parts[0].sum(-1), parts[1].sum(-1))
    low, high = parts[0].sum(-1)[..., None], parts[1].sum(-1)[..., None]
    _tighten(parts, total[0][..., None] - (high - parts[1]), total[1][..., None] - (low - parts[0]))


def _covers(total: tuple[np.ndarray, np.ndarray], parts: tuple[np.ndarray, np.ndarray]) -> None:
    """Each part is at most the total, which is at most the sum of the parts (over their last axis)."""
    _tighten(total, parts[0].max(-1), parts[1].sum(-1))
    high = parts[1].sum(-1)[..., None]
    _tighten(parts, total[0][..., None] - (high - parts[1]), np.broadcast_to(total[1][..., None], parts[1].shape))


def _along(bound: tuple[np.ndarray, np.ndarray], axis: int) -> tuple[tuple[np.ndarray, ...], tuple[np.ndarray, ...]]:
    """The "all" slice of an axis and its other slices (moved last), as views into the bounds."""
    take = [slice(None)] * bound[0].ndim
    everything, each = list(take), list(take)
    everything[axis], each[axis] = 0, slice(1, None)
    return (tuple(b[tuple(everything)] for b in bound),
            tuple(np.moveaxis(b[tuple(each)], axis, -1) for b in bound))


def _same(a: tuple[np.ndarray, np.ndarray], b: tuple[np.ndarray, np.ndarray]) -> None:
    _tighten(a, b[0], b[1])
    _tighten(b, a[0], a[1])


def propagate(bounds: dict[str, tuple[np.ndarray, np.ndarray]], rounds: int = 100) -> int:
    """Narrow the intervals by the sums the views share until they stop changing; returns the rounds."""
    total, strand = bounds["total"], bounds["strand"]
    for n in range(1, rounds + 1):
        before = sum(int(b[1].sum() - b[0].sum()) for b in bounds.values())
        for name, chart in bounds.items():
            if name in PARTITIONS:
                _sums_to(total, chart)
            _sums_to(*_along(chart, 1))  # all wards
            _sums_to(*_along(chart, 3))  # all agencies
            _covers(*_along(chart, 2))  # all strands
        _covers(total, strand)  # a view's records each flag one strand or more
        for k in range(strand[0].shape[-1]):
            each = tuple(b[:, :, k + 1] for b in total)
            _same(tuple(b[:, :, 0, :, k] for b in strand), each)  # the strand chart of all strands: each total
            _same(tuple(b[:, :, k + 1, :, k] for b in strand), each)  # and of the strand's own view
            for t in range(k):  # records with strands k and t, in the view of k and in the view of t
                _same(tuple(b[:, :, k + 1, :, t] for b in strand), tuple(b[:, :, t + 1, :, k] for b in strand))
        if sum(int(b[1].sum() - b[0].sum()) for b in bounds.values()) == before:
            return n
    return rounds
