"""`ffgrid bench dashboard`: import a million synthetic case records, then time each view's query.

Each view runs in DuckDB over the stored Parquet snapshot, and the same computation in plain pandas
on the same records in memory, so the ratio shows what the engine buys.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path
from typing import Callable

import pandas as pd

from bench.timing import median_time
from dashboard.case_views import CaseFilter, breakdown, by_strand, connect, points, repeats, trend
from dashboard.cases import read_cases, synthesise, write_cases
from store import open_engine
from store.cases import CaseStore

FILTER = CaseFilter(start=pd.Timestamp("2022-01-01").date(), end=pd.Timestamp("2023-06-30").date(),
                    strand="race", sources=("Police (SYNTHETIC)",))


def _pandas_filtered(df: pd.DataFrame) -> pd.DataFrame:
    f = FILTER
    keep = (df["recorded_at"] >= pd.Timestamp(f.start)) & (df["recorded_at"] < pd.Timestamp(f.end) + pd.Timedelta(days=1))
    keep &= df["strands"].str.contains(rf"(?:^|;){f.strand}(?:;|$)", regex=True)
    keep &= df["recorded_by"].isin(f.sources)
    return df[keep]


def _pandas_repeats(df: pd.DataFrame) -> int:
    r = df[df["victim_id"] != ""].sort_values("recorded_at")
    counts = r.set_index("recorded_at").groupby("victim_id")["case_id"].rolling("365D").count()
    return int((counts.groupby(level=0).max() >= 2).sum())


PANDAS: dict[str, Callable[[pd.DataFrame], object]] = {
    "trend by month": lambda d: _pandas_filtered(d).groupby(d["recorded_at"].dt.strftime("%Y-%m")).size(),
    "trend by weekday": lambda d: _pandas_filtered(d).groupby(d["recorded_at"].dt.dayofweek).size(),
    "trend by hour": lambda d: _pandas_filtered(d).groupby(d["recorded_at"].dt.hour).size(),
    "outcomes": lambda d: _pandas_filtered(d)["outcome"].value_counts(),
    "victim age groups": lambda d: _pandas_filtered(d)["victim_age_group"].value_counts(),
    "strands": lambda d: _pandas_filtered(d)["strands"].str.split(";").explode().value_counts(),
    "repeat victims": lambda d: _pandas_repeats(_pandas_filtered(d)),
    "map points": lambda d: _pandas_filtered(d).dropna(subset=["lat"]).head(20_000),
}


def run(rows: int = 1_000_000, runs: int = 5) -> dict[str, float]:
    """Print the import time and each view's median time (DuckDB and pandas) with the ratio."""
    with tempfile.TemporaryDirectory() as tmp:
        source = write_cases(synthesise(rows), Path(tmp) / "synthetic.parquet")
        start = time.perf_counter()
        cases = read_cases(source)
        store = CaseStore(open_engine(f"sqlite:///{tmp}/bench.db"), cache=Path(tmp) / "cache")
        store.import_frame(cases, "synthetic.parquet", "ew", synthetic=True)
        imported = time.perf_counter() - start
        print(f"import of {rows:,} SYNTHETIC case records (validate + store): {imported:.2f} s")
        con = connect(store.local_files())
        duck: dict[str, Callable[[], object]] = {
            "trend by month": lambda: trend(con, FILTER, "month"),
            "trend by weekday": lambda: trend(con, FILTER, "weekday"),
            "trend by hour": lambda: trend(con, FILTER, "hour"),
            "outcomes": lambda: breakdown(con, FILTER, "outcome"),
            "victim age groups": lambda: breakdown(con, FILTER, "victim_age_group"),
            "strands": lambda: by_strand(con, FILTER),
            "repeat victims": lambda: repeats(con, FILTER, "victim"),
            "map points": lambda: points(con, FILTER),
        }
        results = {"import": imported}
        print(f"{'view (filtered: 18 months, race, police)':44} {'DuckDB':>9} {'pandas':>9} {'ratio':>7}")
        for name, query in duck.items():
            d = median_time(query, runs)
            p = median_time(lambda: PANDAS[name](cases), max(1, runs // 2))
            results[name] = d
            print(f"{name:44} {d * 1000:7.0f} ms {p * 1000:7.0f} ms {p / d:6.1f}×")
        print(f"median over views: {statistics.median(v for k, v in results.items() if k != 'import') * 1000:.0f} ms")
        return results
