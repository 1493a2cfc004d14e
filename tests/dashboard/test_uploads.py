"""Uploaded bytes: the same checks as files on disk, and clear refusals for unreadable files."""

from __future__ import annotations

import io

import pytest

from dashboard.cases import synthesise
from dashboard.problems import ImportRefused
from dashboard.uploads import cases_from_upload, figures_from_upload


def test_an_upload_that_is_not_utf8_or_not_parquet_is_refused():
    with pytest.raises(ImportRefused, match="not UTF-8"):
        figures_from_upload("source\n\xe9".encode("latin-1"), "x.csv")
    with pytest.raises(ImportRefused, match="not a readable Parquet"):
        cases_from_upload(b"not parquet", "x.parquet")


def test_a_bad_uploaded_mapping_names_its_field():
    with pytest.raises(ImportRefused, match="values"):
        figures_from_upload(b"Force,Year\nA,2018\n", "w.csv", "source: police\npublication: p\n"
                            "area: {column: Force}\nperiod: {column: Year}\n", "m.yaml")


def test_parquet_case_records_upload():
    buffer = io.BytesIO()
    synthesise(30, seed=2).to_parquet(buffer, index=False)
    assert len(cases_from_upload(buffer.getvalue(), "c.parquet")) == 30
