"""Uploaded bytes: the same checks as files on disk, and clear refusals for unreadable files."""

from __future__ import annotations

import io
import time

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from dashboard import limits
from dashboard.cases import cases_from_bytes, read_cases, synthesise
from dashboard.mapping import load_mapping
from dashboard.problems import ImportRefused
from dashboard.uploads import figures_from_upload


def _parquet(table: pa.Table) -> bytes:
    buffer = io.BytesIO()
    pq.write_table(table, buffer)
    return buffer.getvalue()


def test_an_upload_that_is_not_utf8_or_not_parquet_is_refused():
    with pytest.raises(ImportRefused, match="not UTF-8"):
        figures_from_upload("source\n\xe9".encode("latin-1"), "x.csv")
    with pytest.raises(ImportRefused, match="not a readable Parquet"):
        cases_from_bytes(b"not parquet", "x.parquet")


def test_a_bad_uploaded_mapping_names_its_field():
    with pytest.raises(ImportRefused, match="values"):
        figures_from_upload(b"Force,Year\nA,2018\n", "w.csv", b"source: police\npublication: p\n"
                            b"area: {column: Force}\nperiod: {column: Year}\n", "m.yaml")


def test_parquet_case_records_upload():
    buffer = io.BytesIO()
    synthesise(30, seed=2).to_parquet(buffer, index=False)
    assert len(cases_from_bytes(buffer.getvalue(), "c.parquet")) == 30


def test_six_million_rows_of_constants_are_refused_from_the_metadata_at_once():
    """The probe's 0.3 MB file (6M dictionary-encoded rows) took 52 s and 2.6 GB; now the metadata says no."""
    frame = synthesise(1, seed=1)
    table = pa.table({c: pa.array([str(frame[c][0])] * 6_000_000).dictionary_encode() for c in frame.columns[:3]})
    data = _parquet(table)
    assert len(data) < 1_000_000
    start = time.perf_counter()
    with pytest.raises(ImportRefused, match="6,000,000 rows; at most 1,000,000"):
        cases_from_bytes(data, "constants.parquet")
    assert time.perf_counter() - start < 5  # no data was decoded (a decode takes tens of seconds)


def test_parquet_lists_and_records_are_refused_by_column_not_crashed_on():
    table = pa.table({"case_id": ["a"], "strands": pa.array([["race", "religion"]]),
                      "where": pa.array([{"lat": 1.0, "lon": 2.0}])})
    with pytest.raises(ImportRefused) as refused:
        cases_from_bytes(_parquet(table), "nested.parquet")
    assert [(p.column, p.message) for p in refused.value.problems] == [
        ("strands", "holds lists or records; a column holds plain values"),
        ("where", "holds lists or records; a column holds plain values")]


def test_sizes_and_rows_are_checked_before_parsing(tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "MAX_DECODED_BYTES", 1000)
    with pytest.raises(ImportRefused, match="once decoded"):
        limits.check_parquet(_parquet(pa.table({"a": list(range(200))})), "wide.parquet")
    with pytest.raises(ImportRefused, match=r"is 50\.0 MB; at most 1 MB"):
        limits.check_size(50 << 20, 1 << 20, "big.yaml")
    with pytest.raises(ImportRefused, match="up to 1,000,001 rows; at most 1,000,000"):
        cases_from_bytes(b"case_id\n" + b"x\n" * 1_000_001, "many.csv")
    with pytest.raises(ImportRefused, match="up to 200,001 rows; at most 200,000"):
        figures_from_upload(b"source\n" + b"x\n" * 200_001, "many.csv")
    with pytest.raises(ImportRefused, match=r"m.yaml: is 1\.0 MB; at most 1 MB"):
        figures_from_upload(b"Force,Year\nA,2018\n", "w.csv", b"#" * ((1 << 20) + 1), "m.yaml")
    big = tmp_path / "big.yaml"
    big.write_bytes(b"#" * ((1 << 20) + 1))
    with pytest.raises(ImportRefused, match="at most 1 MB"):  # files on disk (the CLI) too
        load_mapping(big)
    many = tmp_path / "many.csv"
    many.write_bytes(b"case_id\n" + b"x\n" * 1_000_001)
    with pytest.raises(ImportRefused, match="at most 1,000,000"):
        read_cases(many)


def test_a_deeply_nested_mapping_is_refused_as_yaml_not_a_recursion_error():
    deep = b"source: " + b"[" * 30_000 + b"]" * 30_000
    with pytest.raises(ImportRefused, match="not valid YAML"):
        figures_from_upload(b"Force,Year\nA,2018\n", "w.csv", deep, "deep.yaml")
    block = b"source:\n  " + b"- " * 3000 + b"x\n"  # block sequences 3,000 deep
    with pytest.raises(ImportRefused, match="not valid YAML"):
        figures_from_upload(b"Force,Year\nA,2018\n", "w.csv", block, "deep.yaml")


def test_odd_files_are_refused_in_words_not_crashed_on():
    with pytest.raises(ImportRefused, match="up to 10 rows; at most"):  # \r alone ends lines (old Mac CSV)
        limits.check_csv(b"a\r" + b"x\r" * 10, "mac.csv", 1 << 20, 3)
    with pytest.raises(ImportRefused, match="not a readable CSV file"):
        cases_from_bytes(b'case_id,recorded_at\r"a\rb",x\r' * 3, "mac.csv")
    with pytest.raises(ImportRefused, match="up to 201 columns; at most 200"):
        cases_from_bytes(b",".join([b"c"] * 201) + b"\n1\n", "wide.csv")
    with pytest.raises(ImportRefused, match="has no rows of data"):
        cases_from_bytes(_parquet(pa.table({"case_id": pa.array([], pa.string())})), "empty.parquet")
    frame = synthesise(3, seed=1)
    table = pa.table({c: pa.array([b"\xff"] * 3, pa.binary()) for c in frame.columns})
    with pytest.raises(ImportRefused, match="not UTF-8"):
        cases_from_bytes(_parquet(table), "latin.parquet")


def test_text_that_decodes_to_far_more_than_its_file_is_refused(monkeypatch):
    monkeypatch.setattr(limits, "MAX_DECODED_BYTES", 10 << 20)
    table = pa.table({f"c{i}": pa.array(["x" * 200] * 100_000).dictionary_encode() for i in range(5)})
    data = _parquet(table)
    assert len(data) < 100_000
    with pytest.raises(ImportRefused, match="MB once decoded"):
        cases_from_bytes(data, "dictionary.parquet")
