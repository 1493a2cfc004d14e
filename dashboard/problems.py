"""Row-level problems of a data file, and the refusal that carries them all."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable


@dataclass(frozen=True, order=True)
class RowProblem:
    """One thing wrong in a data file: its row (the file's line number; None for the whole file)."""

    file: str
    row: int | None
    column: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.row}" if self.row is not None else self.file
        return f"{where}: {self.column}: {self.message}" if self.column else f"{where}: {self.message}"


class ImportRefused(Exception):
    """A file was refused whole; `problems` lists every reason found, by row."""

    def __init__(self, problems: Iterable[RowProblem]):
        self.problems = sorted(problems, key=lambda p: (p.row or 0, p.column, p.message))
        shown = "\n".join(str(p) for p in self.problems[:50])
        more = f"\n… and {len(self.problems) - 50} more" if len(self.problems) > 50 else ""
        super().__init__(f"{len(self.problems)} problem(s); nothing imported:\n{shown}{more}")

    def __reduce__(self) -> tuple[type, tuple[list[RowProblem]]]:  # pickles whole (from a worker process)
        return ImportRefused, (self.problems,)
