"""Case records: one row per offence or incident, checked row by row; and a synthetic generator.

Columns (CSV or Parquet):
`case_id, recorded_at` (ISO date and time), `offence_category`, `strands` (one or more data
strands joined by `;`), `area_1, area_2, area_3` (where: broadest first, in the country's own codes;
see `dashboard/case_areas.yaml`, through which the UK's `force, ward_code, lsoa_code` are read),
`lat, lon` (optional), `victim_id, offender_id` (pseudonymous, optional), `victim_age_group,
victim_sex, victim_ethnicity, offender_age_group, offender_sex, offender_ethnicity, outcome, recorded_by`.
"""

from __future__ import annotations

import io
from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from base.i18n import _
from base.yamlio import load_file
from dashboard.limits import (
    MAX_CASE_ROWS, MAX_CASES_BYTES, check_csv, check_decoded, check_parquet, decoded_bytes, refuse, text_of,
)
from dashboard.problems import ImportRefused, RowProblem
from dashboard.statistics import read_csv_text
from dashboard.vocabulary import strands

AGE_GROUPS = ("0-17", "18-24", "25-34", "35-44", "45-54", "55-64", "65+", "unknown")
SEXES = ("female", "male", "other", "unknown")
ETHNICITIES = ("Asian", "Black", "Mixed", "White", "Other", "unknown")
OFFENCES = ("public order", "violence without injury", "violence with injury", "stalking and harassment",
            "criminal damage", "other")
OUTCOMES = ("charged or summonsed", "caution", "community resolution",
            "evidential difficulties: victim does not support action",
            "evidential difficulties: suspect identified", "no suspect identified", "under investigation", "other")
CHOICES = {"victim_age_group": AGE_GROUPS, "offender_age_group": AGE_GROUPS, "victim_sex": SEXES,
           "offender_sex": SEXES, "victim_ethnicity": ETHNICITIES, "offender_ethnicity": ETHNICITIES,
           "offence_category": OFFENCES, "outcome": OUTCOMES}
AREAS = ("area_1", "area_2", "area_3")  # where, broadest first
AREAS_FILE = Path(__file__).with_name("case_areas.yaml")
COLUMNS = ("case_id", "recorded_at", "offence_category", "strands", *AREAS, "lat", "lon",
           "victim_id", "offender_id", "victim_age_group", "victim_sex", "victim_ethnicity", "offender_age_group",
           "offender_sex", "offender_ethnicity", "outcome", "recorded_by")
OPTIONAL = ("lat", "lon", "victim_id", "offender_id")


def read_cases(path: Path) -> pd.DataFrame:
    """Read and validate a case file (.csv or .parquet); ImportRefused lists every bad row."""
    return cases_from_bytes(path.read_bytes(), str(path))


def cases_from_bytes(data: bytes, file: str) -> pd.DataFrame:
    """Validated case records from the bytes of a CSV or (by its name) Parquet file, within the limits."""
    if file.lower().endswith(".parquet"):
        try:
            return validate_cases(parquet_frame(data, file), file)
        except UnicodeDecodeError:
            raise refuse(file, _("has text columns that are not UTF-8")) from None
    check_csv(data, file, MAX_CASES_BYTES, MAX_CASE_ROWS)
    frame, lines = read_csv_text(text_of(data, file), file)
    return validate_cases(frame, file, rows=lines)


def parquet_frame(data: bytes, file: str) -> pd.DataFrame:
    """A Parquet file as a frame, after its metadata passed the limits."""
    check_parquet(data, file)
    try:
        table = pq.read_table(io.BytesIO(data))
    except MemoryError:
        raise
    except (pa.ArrowException, OSError, ValueError) as err:
        raise refuse(file, _("not a readable Parquet file ({reason})").format(
            reason=str(err).splitlines()[0][:200])) from None
    check_decoded(decoded_bytes(table), file)  # dictionary-encoded text decodes to far more than its metadata says
    return table.to_pandas()


@cache
def area_mappings() -> dict[str, dict[str, str]]:
    """The mappings of other area columns to `area_1..3`, by name (`dashboard/case_areas.yaml`)."""
    out = {}
    for item in load_file(AREAS_FILE)["mappings"]:
        if sorted(item["columns"].values()) != list(AREAS):
            raise ValueError(f"{AREAS_FILE}: mapping {item['name']!r} must map a column to each of {', '.join(AREAS)}")
        out[item["name"]] = dict(item["columns"])
    return out


def with_areas(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame with `area_1..3`: as it is if it has them, else through the first mapping whose columns
    it has all of (else as it is, and validation names the missing columns)."""
    if set(AREAS) <= set(frame.columns):
        return frame
    for columns in area_mappings().values():
        if set(columns) <= set(frame.columns):
            return frame.rename(columns=columns)
    return frame


def validate_cases(frame: pd.DataFrame, file: str, rows: pd.Series | None = None) -> pd.DataFrame:
    """Check every row; returns typed records (recorded_at a timestamp in UTC, lat/lon floats) or refuses.

    `rows` gives each row's line number in the file (default: position + 2). Area columns named as in
    a mapping of `dashboard/case_areas.yaml` are read as `area_1..3`.
    """
    frame = with_areas(frame)
    missing = [c for c in COLUMNS if c not in frame.columns]
    if missing:
        other = "; ".join(f"{', '.join(cols)} ({name})" for name, cols in area_mappings().items())
        raise ImportRefused([RowProblem(file, None, c, _(
            "required column is missing (or name all three area columns as a mapping does: {mappings})").format(
            mappings=other) if c in AREAS else _("required column is missing")) for c in missing])
    df = pd.DataFrame({c: frame[c].astype("string").fillna("").str.strip().astype(str) for c in COLUMNS})
    line = pd.Series(np.arange(2, len(df) + 2), index=df.index) if rows is None else rows.set_axis(df.index)
    problems: list[RowProblem] = []

    def flag(mask: pd.Series, column: str, message: str) -> None:
        problems.extend(RowProblem(file, int(n), column, message) for n in line[mask].head(1000))

    for column in COLUMNS:
        if column not in OPTIONAL:
            flag(df[column] == "", column, _("is empty"))
    # Times with an offset are converted to UTC; times without one are taken as they are.
    when = pd.to_datetime(df["recorded_at"], errors="coerce", format="ISO8601", utc=True).dt.tz_convert(None)
    flag(when.isna() & (df["recorded_at"] != ""), "recorded_at", _("is not an ISO date and time"))
    for column, allowed in CHOICES.items():
        flag((df[column] != "") & ~df[column].isin(allowed), column,
             _("should be one of: {choices}").format(choices=", ".join(allowed)))
    parts = df["strands"].str.split(";").explode().str.strip()
    bad = parts[(parts != "") & ~parts.isin(list(strands()))]
    flag(df.index.isin(bad.index.unique()), "strands", _("has a strand not in dashboard/strands.yaml"))
    coords = {c: pd.to_numeric(df[c].replace("", None), errors="coerce") for c in ("lat", "lon")}
    for c, limit in (("lat", 90), ("lon", 180)):
        flag((df[c] != "") & (coords[c].isna() | (coords[c].abs() > limit)), c,
             _("should be a number within ±{limit}").format(limit=limit))
    flag((df["lat"] == "") != (df["lon"] == ""), "lat", _("lat and lon come together or not at all"))
    flag(df["case_id"].duplicated() & (df["case_id"] != ""), "case_id", _("appears twice"))
    # 'race; religion' -> 'race;religion', so filters and counts see the same strands
    tidy_strands = df["strands"].str.replace(r"\s*;[\s;]*", ";", regex=True).str.strip(";")
    flag((tidy_strands == "") & (df["strands"] != ""), "strands", _("names no strand"))
    if problems:
        raise ImportRefused(problems)
    return df.assign(recorded_at=when, lat=coords["lat"], lon=coords["lon"], strands=tidy_strands).reset_index(drop=True)


def synthesise(rows: int, seed: int = 2019) -> pd.DataFrame:
    """Realistic SYNTHETIC case records for a city (Bristol-like wards), for examples and benchmarks.

    Every record says so: case ids start with SYN-, and the force and recording agencies are named
    as synthetic.

    Three years from 2021; more offences in summer and in the afternoon and evening; most racially
    motivated; some victims and offenders recur (so repeat victimisation is visible).
    """
    rng = np.random.default_rng(seed)
    wards = 34
    ward = rng.integers(0, wards, rows)
    start = np.datetime64("2021-01-01T00:00")
    day = rng.integers(0, 3 * 365, rows)
    summer = rng.random(rows) < 0.15  # a summer peak on top of a flat year
    day = np.where(summer, (day // 365) * 365 + rng.integers(150, 240, rows), day)
    hour = rng.choice(24, rows, p=_hours())
    minute = rng.integers(0, 60, rows)
    when = start + day.astype("timedelta64[D]") + hour.astype("timedelta64[h]") + minute.astype("timedelta64[m]")
    main = rng.choice(["race", "religion", "sexual_orientation", "disability", "transgender"], rows,
                      p=[0.69, 0.08, 0.13, 0.07, 0.03])
    second = rng.choice(["religion", "race", "disability"], rows)
    strand = np.where((rng.random(rows) < 0.05) & (second != main), np.char.add(np.char.add(main, ";"), second), main)
    centre_lat, centre_lon = 51.4545 + rng.normal(0, 0.02, wards), -2.5879 + rng.normal(0, 0.035, wards)
    located = rng.random(rows) < 0.7
    lat = np.where(located, centre_lat[ward] + rng.normal(0, 0.004, rows), np.nan).round(5)
    lon = np.where(located, centre_lon[ward] + rng.normal(0, 0.006, rows), np.nan).round(5)
    victim = _recurring(rng, rows, share=0.15)  # about one record in seven is a repeat victim's
    known_offender = rng.random(rows) < 0.45
    offender = _recurring(rng, rows, share=0.2)
    police = rng.random(rows) < 0.85
    frame = pd.DataFrame({
        "case_id": "SYN-" + pd.Series(np.arange(1, rows + 1)).astype(str).str.zfill(7),
        "recorded_at": pd.to_datetime(when).strftime("%Y-%m-%dT%H:%M"),
        "offence_category": rng.choice(OFFENCES, rows, p=[0.45, 0.2, 0.1, 0.12, 0.08, 0.05]),
        "strands": strand,
        "area_1": "Synthetic force",
        "area_2": "E0501" + pd.Series(1000 + ward).astype(str),
        "area_3": "E0101" + pd.Series(4000 + ward * 10 + rng.integers(0, 10, rows)).astype(str),
        "lat": lat, "lon": lon,
        "victim_id": "V" + pd.Series(victim).astype(str).str.zfill(7),
        "offender_id": ("O" + pd.Series(offender).astype(str).str.zfill(7)).where(known_offender, ""),
        "victim_age_group": rng.choice(AGE_GROUPS, rows, p=[0.08, 0.14, 0.22, 0.2, 0.16, 0.1, 0.05, 0.05]),
        "victim_sex": rng.choice(SEXES, rows, p=[0.42, 0.52, 0.01, 0.05]),
        "victim_ethnicity": rng.choice(ETHNICITIES, rows, p=[0.22, 0.2, 0.08, 0.35, 0.08, 0.07]),
        "offender_age_group": rng.choice(AGE_GROUPS, rows, p=[0.12, 0.16, 0.2, 0.16, 0.12, 0.06, 0.03, 0.15]),
        "offender_sex": rng.choice(SEXES, rows, p=[0.18, 0.67, 0.0, 0.15]),
        "offender_ethnicity": rng.choice(ETHNICITIES, rows, p=[0.04, 0.05, 0.04, 0.62, 0.03, 0.22]),
        "outcome": rng.choice(OUTCOMES, rows, p=[0.12, 0.03, 0.06, 0.3, 0.12, 0.22, 0.1, 0.05]),
        "recorded_by": np.where(police, "Police (SYNTHETIC)", "Victim support service (SYNTHETIC)"),
    })
    return frame


def _recurring(rng: np.random.Generator, rows: int, share: float) -> np.ndarray:
    """Person numbers: unique, except that `share` of the records go to a smaller pool of people."""
    people = np.arange(rows)
    again = rng.random(rows) < share
    people[again] = rng.integers(0, max(rows // 20, 1), int(again.sum()))
    return people


def _hours() -> np.ndarray:
    weights = np.array([2, 1.5, 1, 0.7, 0.5, 0.5, 0.8, 1.5, 2.5, 3, 3.5, 4, 4.5, 5, 5.5, 6, 6.5, 6.5, 6, 5.5, 5,
                        4.5, 3.5, 2.5])
    return weights / weights.sum()


def write_cases(frame: pd.DataFrame, path: Path) -> Path:
    """Write case records as CSV or Parquet (by suffix)."""
    if path.suffix.lower() == ".parquet":
        frame.to_parquet(path, index=False)
    else:
        frame.to_csv(path, index=False)
    return path
