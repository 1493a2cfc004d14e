"""Validation problems that name the file, line and field, and the error that carries them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

Path_ = tuple[str | int, ...]


def dotted(path: Path_) -> str:
    """`("lines", 3, "framework")` -> `lines[3].framework`."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input file."""

    file: str
    message: str
    path: Path_ = ()
    line: int | None = None
    context: str = ""

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        field = dotted(self.path)
        about = f" ({self.context})" if self.context else ""
        return f"{where}: {field}{about}: {self.message}" if field else f"{where}{about}: {self.message}"


class ValidationFailed(Exception):
    """Raised by the loaders with every problem found, not only the first."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    def __reduce__(self) -> tuple[type, tuple[list[Problem]]]:  # pickles whole (from a worker process)
        return ValidationFailed, (self.problems,)
