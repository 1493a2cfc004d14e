"""The case-record views, as DuckDB queries over Parquet files, with the dashboard's filters.

Every function takes a connection from `connect` and a `CaseFilter`, and returns a small DataFrame
(the numbers behind one chart). Queries are parameterised; no user text is put into SQL.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Literal

import duckdb
import pandas as pd

from dashboard.cases import COLUMNS
from dashboard.disclosure import NARROWED_AT_MOST, public_period

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
BREAKDOWNS = ("offence_category", "outcome", "victim_age_group", "victim_sex", "victim_ethnicity",
              "offender_age_group", "offender_sex", "offender_ethnicity", "area_2", "recorded_by")
_EMPTY = ", ".join(f"NULL::{'TIMESTAMP' if c == 'recorded_at' else 'DOUBLE' if c in ('lat', 'lon') else 'VARCHAR'}"
                   f" AS {c}" for c in COLUMNS)


@dataclass(frozen=True)
class CaseFilter:
    """The dashboard's filters: a date range (inclusive), areas (`area_2` codes: wards, municipalities),
    one strand, sources."""

    start: date | None = None
    end: date | None = None
    areas: tuple[str, ...] = ()
    strand: str | None = None
    sources: tuple[str, ...] = ()

    def where(self) -> tuple[str, list[object]]:
        clauses, params = ["TRUE"], []
        if self.start:
            clauses.append("recorded_at >= ?")
            params.append(self.start)
        if self.end:
            clauses.append("recorded_at < ?")
            params.append(self.end + timedelta(days=1))
        if self.areas:
            clauses.append("list_contains(?, area_2)")
            params.append(list(self.areas))
        if self.strand:
            clauses.append("list_contains(string_split(strands, ';'), ?)")
            params.append(self.strand)
        if self.sources:
            clauses.append("list_contains(?, recorded_by)")
            params.append(list(self.sources))
        return " AND ".join(clauses), params


def public_filter(year: int, area: str | None = None, strand: str | None = None,
                  source: str | None = None) -> CaseFilter:
    """The filter of a public view: one calendar year, and one area (`area_2`), strand and recording
    agency or all of each (single choices, so that public views nest only as "all" over "one"), at
    most NARROWED_AT_MOST of the three narrowed to one."""
    if sum(choice is not None for choice in (area, strand, source)) > NARROWED_AT_MOST:
        raise ValueError(f"a public view narrows at most {NARROWED_AT_MOST} of area, strand and recording agency")
    start, end = public_period(year)
    return CaseFilter(start=start, end=end, areas=(area,) if area else (), strand=strand,
                      sources=(source,) if source else ())


def connect(files: list[Path]) -> duckdb.DuckDBPyConnection:
    """An in-process DuckDB with a `cases` view over the given Parquet snapshots (may be none)."""
    con = duckdb.connect()
    if files:
        quoted = ", ".join("'" + str(f).replace("'", "''") + "'" for f in files)  # our own cache paths
        con.execute(f"CREATE VIEW cases AS SELECT {', '.join(COLUMNS)} FROM read_parquet([{quoted}])")
    else:
        con.execute(f"CREATE VIEW cases AS SELECT {_EMPTY} WHERE FALSE")
    return con


def _query(con: duckdb.DuckDBPyConnection, sql: str, params: list[object]) -> pd.DataFrame:
    return con.execute(sql, params).df()


def record_years(con: duckdb.DuckDBPyConnection) -> list[int]:
    """The calendar years with records, latest first."""
    return [int(y) for (y,) in con.execute("SELECT DISTINCT year(recorded_at) FROM cases "
                                           "WHERE recorded_at IS NOT NULL ORDER BY 1 DESC").fetchall()]


def trend(con: duckdb.DuckDBPyConnection, f: CaseFilter, unit: Literal["month", "weekday", "hour"]) -> pd.DataFrame:
    """Records by month (YYYY-MM), by weekday (Monday first) or by hour of the day (0-23)."""
    where, params = f.where()
    key = {"month": "strftime(recorded_at, '%Y-%m')", "weekday": "isodow(recorded_at)",
           "hour": "hour(recorded_at)"}[unit]
    out = _query(con, f"SELECT {key} AS {unit}, count(*) AS records FROM cases WHERE {where} "
                      f"GROUP BY 1 ORDER BY 1", params)
    if unit == "weekday":
        out["weekday"] = [WEEKDAYS[int(d) - 1] for d in out["weekday"]]
    return out


def counts_by(con: duckdb.DuckDBPyConnection, f: CaseFilter, columns: tuple[str, ...]) -> dict[str, pd.DataFrame]:
    """Records by month, weekday and hour (as `trend` gives them) and by each of `columns` (as
    `breakdown` does), from one scan of the records (GROUPING SETS), not one query each."""
    bad = [c for c in columns if c not in BREAKDOWNS]
    if bad:
        raise ValueError(f"no breakdown by {bad[0]!r}")
    where, params = f.where()
    keys = {"month": "strftime(recorded_at, '%Y-%m')", "weekday": "isodow(recorded_at)", "hour": "hour(recorded_at)"}
    picked = [f"{sql} AS {name}" for name, sql in keys.items()] + list(columns)
    names = [*keys, *columns]
    sets = ", ".join(f"({n})" for n in names)
    grouped = _query(con, f"SELECT {', '.join(names)}, GROUPING({', '.join(names)}) AS g, count(*) AS records FROM "
                          f"(SELECT {', '.join(picked)} FROM cases WHERE {where}) GROUP BY GROUPING SETS ({sets})", params)
    out = {}
    for i, name in enumerate(names):
        mask = 1 << (len(names) - 1 - i)  # GROUPING's bit for this column is 0 where it is grouped on
        part = grouped[(grouped["g"] & mask) == 0][[name, "records"]]
        if name in keys:
            part = part.sort_values(name).reset_index(drop=True)
            if name == "weekday":
                part["weekday"] = [WEEKDAYS[int(d) - 1] for d in part["weekday"]]
            elif name == "hour":
                part["hour"] = part["hour"].astype("int64")
            out[name] = part
        else:
            out[name] = (part.rename(columns={name: "value"}).sort_values(["records", "value"], ascending=[False, True])
                         .reset_index(drop=True))
    out = {k: v.assign(records=v["records"].astype("int64")) for k, v in out.items()}
    return out


def breakdown(con: duckdb.DuckDBPyConnection, f: CaseFilter, column: str) -> pd.DataFrame:
    """Records by one column (offence, outcome, a demographic, ward or recording agency), largest first."""
    if column not in BREAKDOWNS:
        raise ValueError(f"no breakdown by {column!r}")
    where, params = f.where()
    return _query(con, f"SELECT {column} AS value, count(*) AS records FROM cases WHERE {where} "
                       "GROUP BY 1 ORDER BY 2 DESC, 1", params)


def by_strand(con: duckdb.DuckDBPyConnection, f: CaseFilter) -> pd.DataFrame:
    """Records per strand (a record with two strands counts once for each)."""
    where, params = f.where()
    return _query(con, f"SELECT trim(s) AS strand, count(*) AS records FROM "
                       f"(SELECT unnest(string_split(strands, ';')) AS s FROM cases WHERE {where}) "
                       "GROUP BY 1 ORDER BY 2 DESC, 1", params)


def repeats(con: duckdb.DuckDBPyConnection, f: CaseFilter, who: Literal["victim", "offender"]) -> pd.DataFrame:
    """People with two or more records within any 12 months (rolling), among those with an id."""
    where, params = f.where()
    person = {"victim": "victim_id", "offender": "offender_id"}[who]
    sql = f"""
        WITH r AS (SELECT {person} AS person, recorded_at FROM cases WHERE {where} AND coalesce({person}, '') <> ''),
        w AS (SELECT person, count(*) OVER (PARTITION BY person ORDER BY recorded_at
                 RANGE BETWEEN INTERVAL 12 MONTH PRECEDING AND CURRENT ROW) AS n FROM r),
        p AS (SELECT person, max(n) AS most FROM w GROUP BY person)
        SELECT count(*) AS people, count(*) FILTER (WHERE most >= 2) AS repeat_people,
               (SELECT count(*) FROM r) AS records,
               (SELECT count(*) FROM r WHERE person IN (SELECT person FROM p WHERE most >= 2)) AS repeat_records
        FROM p"""
    out = _query(con, sql, params)
    return out.assign(repeat_share_pct=(100 * out["repeat_people"] / out["people"].where(out["people"] > 0)).round(1))


@dataclass(frozen=True)
class FilterViews:
    """What a filter change shows: every chart's counts (per unit and column), the counts per strand, and
    the repeat victims and offenders."""

    counts: dict[str, pd.DataFrame]
    by_strand: pd.DataFrame
    repeat_victims: pd.DataFrame
    repeat_offenders: pd.DataFrame


def filter_views(con: duckdb.DuckDBPyConnection, f: CaseFilter, columns: tuple[str, ...]) -> FilterViews:
    """The views of a filter (`columns`: those counted besides month, weekday and hour), queried at once,
    each on its own cursor: DuckDB works without Python's lock, so the four take about as long as the
    longest rather than their sum (on 1,000,000 records, 0.11-0.21 s in place of 0.17-0.29 s)."""
    with ThreadPoolExecutor(max_workers=4) as pool:
        asked = [pool.submit(counts_by, con.cursor(), f, columns), pool.submit(by_strand, con.cursor(), f),
                 pool.submit(repeats, con.cursor(), f, "victim"), pool.submit(repeats, con.cursor(), f, "offender")]
        counts, strands, victims, offenders = (a.result() for a in asked)
    return FilterViews(counts, strands, victims, offenders)


def chart_categories(con: duckdb.DuckDBPyConnection, year: int) -> dict[str, list[object]]:
    """Every category of each chart of a year's public view, from all the records (not the view's):
    the year's twelve months, the weekdays, the hours, and the strands, areas and values of each
    breakdown that occur anywhere, sorted."""
    out: dict[str, list[object]] = {"month": [f"{year}-{m:02d}" for m in range(1, 13)], "weekday": list(WEEKDAYS),
                                    "hour": list(range(24)), "strand": sorted(by_strand(con, CaseFilter())["strand"])}
    return out | {column: sorted(breakdown(con, CaseFilter(), column)["value"]) for column in BREAKDOWNS}


def every_category(frame: pd.DataFrame, key: str, categories: list[object], by_size: bool) -> pd.DataFrame:
    """A chart's numbers with every category listed, empty ones as 0 (a public view must not show
    which are empty): in the order of `categories`, or largest first (ties in that order)."""
    full = frame.set_index(key)["records"].reindex(categories, fill_value=0)
    if by_size:
        full = full.sort_values(ascending=False, kind="stable")
    return full.rename_axis(key).reset_index()


def points(con: duckdb.DuckDBPyConnection, f: CaseFilter, limit: int = 20_000) -> pd.DataFrame:
    """Located records (lat, lon, strands, first strand) for the map, a repeatable sample of at most `limit`."""
    where, params = f.where()
    return _query(con, f"SELECT lat, lon, strands, split_part(strands, ';', 1) AS strand FROM cases "
                       f"WHERE {where} AND lat IS NOT NULL "
                       f"ORDER BY hash(case_id) LIMIT {int(limit)}", params)
