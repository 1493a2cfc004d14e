"""Key findings generated from the scores, in words: the counts, the weakest lines, where the framework
is not acted on, the standards only red lines cite, and what moved since the previous assessment.
The report prints them under their own heading, marked as generated, after the assessors' own findings.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from framework import Model
from scoring.compare import compare
from scoring.ratings import RANK, WORD, ScoredLine, count_ratings
from scoring.rollups import by_standard

NAMED_MAX = 5  # lines named in one finding; the rest are counted


@dataclass(frozen=True)
class Finding:
    """One generated finding: what it is about (`kind`) and its sentence."""

    kind: str
    text: str


def weakest(lines: Sequence[ScoredLine], n: int = 5) -> list[ScoredLine]:
    """The n weakest rated lines: lowest total first, ties by lower action score, then in grid order."""
    rated = [ln for ln in lines if ln.rating in RANK and ln.total is not None]
    return sorted(rated, key=lambda ln: (ln.total, ln.action, ln.grid_row or 10_000, ln.relationship,
                                         ln.strand or ""))[:n]


def _series(items: Sequence[str]) -> str:
    """'a', 'a and b', 'a, b and c'; beyond NAMED_MAX, 'a, b, … and 3 more'."""
    shown = list(items[:NAMED_MAX]) + ([f"{len(items) - NAMED_MAX} more"] if len(items) > NAMED_MAX else [])
    return shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " and " + shown[-1]


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def generated_findings(model: Model, lines: Sequence[ScoredLine], previous: Sequence[ScoredLine] | None = None,
                       previous_name: str = "the previous assessment") -> list[Finding]:
    """The findings the scores show (see the module docstring); `previous`: the scored lines of the
    assessment before this one, to say what moved."""
    name = lambda ln: model.line_name(ln.relationship, ln.strand)  # noqa: E731
    found: list[Finding] = []
    counts = count_ratings(lines)
    rated = sum(counts[r] for r in RANK)
    if not rated:
        return [Finding("counts", "No line has been scored yet, so no finding can be drawn from the scores.")]
    parts = [f"{counts[r]} {WORD[r]}" for r in ("green", "amber", "red")]
    parts[0] = parts[0].replace(" ", " are ", 1)
    extra = [f"{_plural(counts['n/a'], 'line is', 'lines are')} not applicable"] if counts["n/a"] else []
    extra += [f"{_plural(counts['unscored'], 'line is', 'lines are')} not yet scored"] if counts["unscored"] else []
    found.append(Finding("counts", f"Of the {_plural(rated, 'line', 'lines')} rated, {_series(parts)}"
                         + (f"; {'; '.join(extra)}." if extra else ".")))

    weak = [ln for ln in weakest(lines) if ln.rating == "red"] or weakest(lines, 3)
    found.append(Finding("weakest", "The weakest relationships: " + "; ".join(
        f"{name(ln)} ({WORD[ln.rating]}, framework {ln.framework}, action {ln.action})" for ln in weak) + "."))

    lag = [ln for ln in lines if ln.total is not None and ln.framework - ln.action >= 2]  # type: ignore[operator]
    if lag:
        found.append(Finding("action", f"On {_plural(len(lag), 'line', 'lines')} the framework is in place but "
                             "little is done with it (framework at least two points above action): "
                             f"{_series([name(ln) for ln in lag])}."))

    red_only = [sid for sid, roll in by_standard(model, lines).items() if roll.only_red]
    if red_only:
        which = _series([str(s) for s in red_only])
        found.append(Finding("standards", f"{'Standard' if len(red_only) == 1 else 'Standards'} {which} "
                             f"{'is' if len(red_only) == 1 else 'are'} cited only by lines rated RED: where the "
                             "system falls furthest short of the method."))

    if previous is not None:
        changes = compare(previous, lines)
        moved = {d: [c for c in changes if c.direction == d] for d in ("up", "down")}
        if not moved["up"] and not moved["down"]:
            found.append(Finding("moved", f"Since {previous_name}, no line has changed its rating."))
        else:
            said = [f"{_plural(len(cs), 'line', 'lines')} moved {d} ("
                    + _series([f"{name(c.after)}: {WORD[c.before.rating]} → {WORD[c.after.rating]}"  # type: ignore[union-attr]
                               for c in cs]) + ")" for d, cs in moved.items() if cs]
            found.append(Finding("moved", f"Since {previous_name}, " + " and ".join(said) + "."))
    return found
