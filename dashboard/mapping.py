"""Wide tables (one column per strand or measure) turned into tidy figures through a column mapping.

A mapping is a small YAML file: where the area and period are, how period labels translate, which
cells mean "missing", the thousands separator, and for each value column its strand and measure.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path

import pandas as pd
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from dashboard.limits import MAX_FIGURE_ROWS, MAX_FIGURES_BYTES, MAX_MAPPING_BYTES, check_csv, check_size, text_of
from dashboard.problems import ImportRefused, RowProblem
from dashboard.statistics import REQUIRED, read_csv_text, read_tidy, validate_tidy
from base.i18n import N_, Translated, _
from base.paths import ROOT
from base.yamlio import YamlProblem, load

BUNDLED_MAPPINGS = ROOT / "data" / "mappings"
NOT_MAPPED = Translated({"period": N_("period {value} is not in the mapping"),  # a label the mapping lacks
                         "area": N_("area {value} is not in the mapping")})


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Column(_Strict):
    column: str
    values: dict[str, str] = Field(default_factory=dict)  # label in the file -> label in ffgrid


class Target(_Strict):
    strand: str
    measure: str


class Mapping(_Strict):
    """How one wide file maps to tidy figures."""

    source: str
    publication: str
    area: Column
    period: Column
    values: dict[str, Target] = Field(min_length=1)
    missing: tuple[str, ...] = ("",)
    thousands: str | None = None
    note: str = ""


def load_mapping(path: Path) -> Mapping:
    """Read and check a mapping YAML file; a bad one is refused naming the field."""
    return mapping_from_bytes(path.read_bytes(), str(path))


def mapping_from_bytes(data: bytes, file: str) -> Mapping:
    """Check a mapping given as the bytes of a YAML file, within its size limit."""
    check_size(len(data), MAX_MAPPING_BYTES, file)
    return mapping_from_text(text_of(data, file), file)


def mapping_from_text(text: str, file: str) -> Mapping:
    """Check a mapping given as YAML text (e.g. an upload); `file` names it in problems."""
    try:
        return Mapping.model_validate(load(text))
    except YamlProblem as err:
        raise ImportRefused([RowProblem(file, err.line, "", _("not valid YAML: {reason}").format(
            reason=err.message))]) from None
    except ValidationError as err:
        raise ImportRefused([RowProblem(file, None, ".".join(map(str, e["loc"])), e["msg"])
                             for e in err.errors(include_url=False)]) from err


def apply_mapping(text: str, mapping: Mapping, file: str) -> pd.DataFrame:
    """Tidy, validated figures from a wide CSV; row numbers in problems are the wide file's lines."""
    wide, lines = read_csv_text(text, file)
    needed = [mapping.area.column, mapping.period.column, *mapping.values]
    absent = [c for c in needed if c not in wide.columns]
    if absent:
        raise ImportRefused([RowProblem(file, None, c, _("column named in the mapping is missing")) for c in absent])
    wide = wide.assign(_line=lines)
    labels = {}
    for part, column in (("period", mapping.period), ("area", mapping.area)):
        given = wide[column.column].str.strip()
        if column.values:
            unmapped = ~given.isin(list(column.values))
            if unmapped.any():
                raise ImportRefused([RowProblem(file, int(n), column.column, NOT_MAPPED[part].format(value=repr(v)))
                                     for n, v in zip(wide["_line"][unmapped], given[unmapped])])
            given = given.map(column.values)
        labels[part] = given
    base = pd.DataFrame({"_line": wide["_line"], "area": labels["area"], "period": labels["period"]})
    parts = []
    for column, target in mapping.values.items():
        cell = wide[column].str.strip()
        keep = ~cell.isin(list(mapping.missing))
        value = cell[keep].str.replace(mapping.thousands, "", regex=False) if mapping.thousands else cell[keep]
        parts.append(base[keep].assign(strand=target.strand, measure=target.measure, value=value))
    long = pd.concat(parts, ignore_index=True).sort_values(["_line"], kind="stable").reset_index(drop=True)
    tidy = long.assign(source=mapping.source, publication=mapping.publication, note=mapping.note)
    return validate_tidy(tidy.drop(columns="_line"), file, rows=long["_line"])


def read_figure_file(path: Path, mappings: Sequence[Path] = ()) -> pd.DataFrame:
    """Tidy figures from a CSV file: a tidy file as it is, a wide one through the first mapping whose
    columns it has (the mappings given, then the bundled ones in data/mappings)."""
    data = path.read_bytes()
    check_csv(data, str(path), MAX_FIGURES_BYTES, MAX_FIGURE_ROWS)
    text = text_of(data, str(path))
    header = {c.strip() for c in next(csv.reader(io.StringIO(text)), [])}
    if set(REQUIRED) <= header:
        return read_tidy(text, str(path))
    for candidate in [*mappings, *sorted(BUNDLED_MAPPINGS.glob("*.yaml"))]:
        mapping = load_mapping(candidate)
        if {mapping.area.column, mapping.period.column, *mapping.values} <= header:
            return apply_mapping(text, mapping, str(path))
    raise ImportRefused([RowProblem(str(path), 1, "", _("neither a tidy CSV (columns {columns}) nor a wide one that a "
                                                        "column mapping fits: give its mapping").format(
        columns=", ".join(REQUIRED)))])


def read_figure_files(paths: Sequence[Path], mappings: Sequence[Path] = ()) -> pd.DataFrame:
    """Figures from several CSV files (see `read_figure_file`), each with the file it came from."""
    return pd.concat([read_figure_file(p, mappings).assign(imported_from=p.name) for p in paths], ignore_index=True)
