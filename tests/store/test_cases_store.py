"""Case snapshots in the database, on SQLite and PostgreSQL; local copies for DuckDB."""

from __future__ import annotations

from dashboard.case_views import CaseFilter, connect, trend
from dashboard.cases import synthesise, validate_cases
from store.cases import CaseStore


def test_cases_are_stored_fetched_by_another_process_and_replaced_by_name(repo, tmp_path):
    cases = validate_cases(synthesise(500, seed=1), "s.csv")
    mine = CaseStore(repo.engine, cache=tmp_path / "a")
    first = mine.import_frame(cases, "synthetic.parquet", "ew", synthetic=True)
    other = CaseStore(repo.engine, cache=tmp_path / "b")  # another app process: empty cache
    files = other.local_files()
    assert [f.name for f in files] == [f"cases-{first.sha256}.parquet"]
    assert trend(connect(files), CaseFilter(), "month")["records"].sum() == 500
    second = mine.import_frame(cases.head(100), "synthetic.parquet", "ew", synthetic=True)
    assert [s.dataset_id for s in other.sets()] == [second.dataset_id] and other.sets()[0].rows == 100
    assert trend(connect(other.local_files()), CaseFilter(), "month")["records"].sum() == 100


def test_importing_figures_leaves_case_records_alone(repo, tmp_path):
    from dashboard.statistics import read_tidy
    from store.figures import FigureStore

    cases = CaseStore(repo.engine, cache=tmp_path / "c")
    cases.import_frame(validate_cases(synthesise(20, seed=1), "s.csv"), "mine", "ew", synthetic=True)
    figures = FigureStore(repo.engine)
    head = "source,publication,period,area,strand,measure,value\n"
    figures.import_frame(read_tidy(head + "police,p,2018,E,all,recorded_offences,5\n", "a.csv"), "a.csv")
    figures.import_frame(read_tidy(head + "police,p,2018,E,all,recorded_offences,6\n", "b.csv"), "b.csv")
    assert [c.name for c in cases.sets()] == ["mine"]
    assert [d.file for d in figures.datasets()] == ["b.csv"]


def test_a_tampered_local_copy_is_fetched_again(repo, tmp_path):
    store = CaseStore(repo.engine, cache=tmp_path / "c")
    stored = store.import_frame(validate_cases(synthesise(20, seed=1), "s.csv"), "mine", "ew")
    path = store.local_files()[0]
    path.write_bytes(b"planted")
    fresh = CaseStore(repo.engine, cache=tmp_path / "c")
    assert fresh.local_files() == [path] and trend(connect([path]), CaseFilter(), "month")["records"].sum() == 20
    assert (tmp_path / "c").stat().st_mode & 0o077 == 0 and stored.rows == 20


def test_a_snapshot_is_in_time_order_in_row_groups_a_year_can_skip(repo, tmp_path, monkeypatch):
    """Each row group covers a stretch of time: a year's view reads only its own groups."""
    import pyarrow.parquet as pq

    import store.cases

    monkeypatch.setattr(store.cases, "ROW_GROUP", 100)
    cases = validate_cases(synthesise(1_000, seed=3), "s.csv")
    mine = CaseStore(repo.engine, cache=tmp_path / "d")
    mine.import_frame(cases, "ordered", "ew", synthetic=True)
    meta = pq.ParquetFile(mine.local_files()[0]).metadata
    column = meta.schema.to_arrow_schema().get_field_index("recorded_at")
    spans = [(g.column(column).statistics.min, g.column(column).statistics.max)
             for g in (meta.row_group(i) for i in range(meta.num_row_groups))]
    assert len(spans) == 10
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))  # one after another, not overlapping
    assert trend(connect(mine.local_files()), CaseFilter(), "month")["records"].sum() == 1_000
