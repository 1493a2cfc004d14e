"""Case snapshots in the database, on SQLite and PostgreSQL; local copies for DuckDB."""

from __future__ import annotations

from dashboard.case_views import CaseFilter, connect, trend
from dashboard.cases import synthesise, validate_cases
from store.cases import CaseStore


def test_cases_are_stored_fetched_by_another_process_and_replaced_by_name(repo, tmp_path):
    cases = validate_cases(synthesise(500, seed=1), "s.csv")
    mine = CaseStore(repo.engine, cache=tmp_path / "a")
    first = mine.import_frame(cases, "synthetic.parquet", synthetic=True)
    other = CaseStore(repo.engine, cache=tmp_path / "b")  # another app process: empty cache
    files = other.local_files()
    assert [f.name for f in files] == [f"cases-{first.sha256}.parquet"]
    assert trend(connect(files), CaseFilter(), "month")["records"].sum() == 500
    second = mine.import_frame(cases.head(100), "synthetic.parquet", synthetic=True)
    assert [s.dataset_id for s in other.sets()] == [second.dataset_id] and other.sets()[0].rows == 100
    assert trend(connect(other.local_files()), CaseFilter(), "month")["records"].sum() == 100
