"""Published figures (tidy statistics) in the database, each with the import it came from.

Figures are kept per publication: importing a file replaces the figures of every publication it
contains (a re-import of the same edition), and leaves other publications (other editions of the
same series) as they were; they are never summed together.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import Engine, delete, func, insert, select

from store.audit import record
from store.database import lock, writer
from store.tables import DatasetRow, FigureRow

if TYPE_CHECKING:
    import pandas as pd

FIGURE_COLUMNS = ("source", "publication", "period", "area", "strand", "measure", "value", "note")


@dataclass(frozen=True)
class Dataset:
    """One import: the file, when and by whom, and how many figures of it are still current."""

    id: int
    file: str
    mapping: str | None
    imported_at: datetime
    imported_by: str | None
    synthetic: bool
    figures: int


class FigureStore:
    """The figures in the database (the record); views read them through `frame()`."""

    def __init__(self, engine: Engine):
        self.engine = engine

    def import_frame(self, figures: pd.DataFrame, file: str, mapping: str | None = None,
                     imported_by: str | None = None, synthetic: bool = False) -> int:
        """Store validated tidy figures in one transaction; returns the new dataset's id."""
        publications = sorted(set(figures["publication"]))
        with writer(self.engine).begin() as conn:
            for publication in publications:
                lock(conn, f"figures:{publication}")
            conn.execute(delete(FigureRow).where(FigureRow.publication.in_(publications)))
            dataset_id = conn.execute(insert(DatasetRow).values(
                kind="statistics", file=file, mapping=mapping, imported_by=imported_by, synthetic=synthetic)
                .returning(DatasetRow.id)).scalar_one()
            rows = figures.loc[:, list(FIGURE_COLUMNS)].assign(dataset_id=dataset_id).to_dict("records")
            if rows:
                conn.execute(insert(FigureRow), rows)
            emptied = select(DatasetRow.id).where(DatasetRow.kind == "statistics", ~select(FigureRow.id).where(
                FigureRow.dataset_id == DatasetRow.id).exists())
            conn.execute(delete(DatasetRow).where(DatasetRow.id.in_(emptied), DatasetRow.id != dataset_id))
            record(conn, imported_by or "system", "import_figures", field=file,
                   new=f"{len(rows)} figures of {'; '.join(publications)}" + (f" (mapping {mapping})" if mapping else ""))
        return dataset_id

    def revision(self) -> tuple[int, int]:
        """What changes with every import (the newest import's id, as each import adds one, and the
        number of figures): one cheap query, to key cached views of `frame()`."""
        query = select(select(func.max(DatasetRow.id)).where(DatasetRow.kind == "statistics").scalar_subquery(),
                       select(func.count(FigureRow.id)).scalar_subquery())
        with self.engine.connect() as conn:
            newest, count = conn.execute(query).one()
        return newest or 0, count

    def frame(self) -> pd.DataFrame:
        """Every figure with its provenance (file, time of import and who imported it)."""
        import pandas as pd

        query = (select(*(getattr(FigureRow, c) for c in FIGURE_COLUMNS), DatasetRow.file.label("imported_from"),
                        DatasetRow.imported_at, DatasetRow.imported_by)
                 .join(DatasetRow, DatasetRow.id == FigureRow.dataset_id).order_by(FigureRow.id))
        with self.engine.connect() as conn:
            return pd.DataFrame(conn.execute(query).mappings().all(),
                                columns=[*FIGURE_COLUMNS, "imported_from", "imported_at", "imported_by"])

    def datasets(self) -> list[Dataset]:
        """The imports whose figures are (at least partly) current, newest first."""
        counts = select(FigureRow.dataset_id, func.count().label("n")).group_by(FigureRow.dataset_id).subquery()
        query = (select(DatasetRow.id, DatasetRow.file, DatasetRow.mapping, DatasetRow.imported_at,
                        DatasetRow.imported_by, DatasetRow.synthetic, counts.c.n)
                 .join(counts, counts.c.dataset_id == DatasetRow.id).order_by(DatasetRow.id.desc()))
        with self.engine.connect() as conn:
            return [Dataset(*row) for row in conn.execute(query)]
