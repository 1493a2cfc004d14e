"""Case records in the database: each import stored whole as a Parquet snapshot, with provenance.

The database stays the one record, so several app processes (even on several machines) share it;
each process keeps a local copy of the snapshots, named by their content hash, for DuckDB to query.
Re-importing under the same name replaces the earlier import.
"""

from __future__ import annotations

import hashlib
import io
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, delete, insert, select

from store.audit import record
from store.database import lock, writer
from store.tables import CaseSnapshotRow, DatasetRow

if TYPE_CHECKING:
    import pandas as pd

# A snapshot is written in time order, in row groups of this many records: a view of one year reads only
# the groups of that year (Parquet keeps each group's first and last time), and DuckDB scans the groups
# in parallel (one group of 1,000,000 records was scanned by one thread).
ROW_GROUP = 65_536

@dataclass(frozen=True)
class CaseSet:
    """One import of case records, as listed (without the records)."""

    dataset_id: int
    name: str
    rows: int
    sha256: str
    synthetic: bool
    country: str  # the code of the country profile the records are of


class CaseStore:
    def __init__(self, engine: Engine, cache: Path | None = None):
        self.engine = engine
        # Private to this user: the records are pseudonymous but sensitive.
        self.cache = cache or Path(tempfile.gettempdir()) / f"ffgrid-cases-{os.getuid()}"
        self._verified: set[str] = set()

    def import_frame(self, cases: pd.DataFrame, name: str, country: str, imported_by: str | None = None,
                     synthetic: bool = False) -> CaseSet:
        """Store validated case records (as `validate_cases` returns them) of one country (its profile's
        code) in one transaction."""
        buffer = io.BytesIO()
        ordered = cases.sort_values("recorded_at", kind="stable", na_position="last", ignore_index=True)
        ordered.to_parquet(buffer, index=False, compression="zstd", row_group_size=ROW_GROUP)
        data = buffer.getvalue()
        digest = hashlib.sha256(data).hexdigest()
        with writer(self.engine).begin() as conn:
            lock(conn, f"cases:{name}")
            old = select(CaseSnapshotRow.dataset_id).where(CaseSnapshotRow.name == name)
            conn.execute(delete(DatasetRow).where(DatasetRow.id.in_(old)))  # snapshot goes by cascade
            dataset_id = conn.execute(insert(DatasetRow).values(
                kind="cases", file=name, imported_by=imported_by, synthetic=synthetic)
                .returning(DatasetRow.id)).scalar_one()
            conn.execute(insert(CaseSnapshotRow).values(dataset_id=dataset_id, name=name, country=country,
                                                        rows=len(cases), sha256=digest, parquet=data))
            record(conn, imported_by or "system", "import_cases", field=name,
                   new=f"{len(cases)} records of {country}, sha256 {digest[:12]}" + (" (SYNTHETIC)" if synthetic else ""))
        try:
            self._write_local(digest, data)
        except OSError:
            pass  # stored in the database all the same; the local copy is fetched again when needed
        return CaseSet(dataset_id, name, len(cases), digest, synthetic, country)

    def sets(self, country: str | None = None) -> list[CaseSet]:
        """The current case imports (of one country, given its profile's code), oldest first."""
        query = (select(CaseSnapshotRow.dataset_id, CaseSnapshotRow.name, CaseSnapshotRow.rows,
                        CaseSnapshotRow.sha256, DatasetRow.synthetic, CaseSnapshotRow.country)
                 .join(DatasetRow, DatasetRow.id == CaseSnapshotRow.dataset_id).order_by(CaseSnapshotRow.dataset_id))
        if country is not None:
            query = query.where(CaseSnapshotRow.country == country)
        with self.engine.connect() as conn:
            return [CaseSet(*row) for row in conn.execute(query)]

    def local_files(self, country: str | None = None) -> list[Path]:
        """A local Parquet file per current import (of one country, given its profile's code), fetched
        from the database when missing or altered."""
        files = []
        for case_set in self.sets(country):
            path = self._path(case_set.sha256)
            if case_set.sha256 not in self._verified and not self._intact(path, case_set.sha256):
                with self.engine.connect() as conn:
                    data = conn.execute(select(CaseSnapshotRow.parquet).where(
                        CaseSnapshotRow.dataset_id == case_set.dataset_id)).scalar_one()
                self._write_local(case_set.sha256, data)
            self._verified.add(case_set.sha256)
            files.append(path)
        return files

    def _path(self, digest: str) -> Path:
        return self.cache / f"cases-{digest}.parquet"

    @staticmethod
    def _intact(path: Path, digest: str) -> bool:
        return path.exists() and hashlib.sha256(path.read_bytes()).hexdigest() == digest

    def _write_local(self, digest: str, data: bytes) -> None:
        self.cache.mkdir(mode=0o700, parents=True, exist_ok=True)
        if self.cache.stat().st_uid != os.getuid() or self.cache.stat().st_mode & 0o077:
            raise PermissionError(f"{self.cache} must belong to this user and be private (mode 700)")
        handle, partial = tempfile.mkstemp(dir=self.cache, suffix=".part")
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(partial, self._path(digest))  # atomic: another process never sees half a file
        self._verified.add(digest)
