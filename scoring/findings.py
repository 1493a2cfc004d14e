"""Key findings generated from the scores, in words: the counts, the weakest lines, where the framework
is not acted on, the standards only red lines cite, and what moved since the previous assessment.
The report prints them under their own heading, marked as generated, after the assessors' own findings.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from babel.lists import format_list

from base.i18n import _, locale, ngettext
from framework import Model
from scoring.compare import Change, compare
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
    """'a', 'a and b', 'a, b and c' the current language's way; beyond NAMED_MAX, 'a, b, … and 3 more'."""
    more = len(items) - NAMED_MAX
    shown = list(items[:NAMED_MAX]) + ([ngettext("{n} more", "{n} more", more).format(n=more)] if more > 0 else [])
    return format_list(shown, locale=locale())


def generated_findings(model: Model, lines: Sequence[ScoredLine], previous: Sequence[ScoredLine] | None = None,
                       previous_name: str | None = None) -> list[Finding]:
    """The findings the scores show (see the module docstring), in the current language; `previous`: the
    scored lines of the assessment before this one, to say what moved (since `previous_name`)."""
    name = lambda ln: model.line_name(ln.relationship, ln.strand)  # noqa: E731
    counts = count_ratings(lines)
    rated = sum(counts[r] for r in RANK)
    if not rated:
        return [Finding("counts", _("No line has been scored yet, so no finding can be drawn from the scores."))]
    found = [Finding("counts", _counts(counts, rated))]

    weak = [ln for ln in weakest(lines) if ln.rating == "red"] or weakest(lines, 3)
    found.append(Finding("weakest", _("The weakest relationships: {lines}.").format(lines="; ".join(
        _("{line} ({rating}, framework {framework}, action {action})").format(
            line=name(ln), rating=WORD[ln.rating], framework=ln.framework, action=ln.action) for ln in weak))))

    lag = [ln for ln in lines if ln.total is not None and ln.framework - ln.action >= 2]  # type: ignore[operator]
    if lag:
        found.append(Finding("action", ngettext(
            "On {n} line the framework is in place but little is done with it (framework at least two points above "
            "action): {lines}.",
            "On {n} lines the framework is in place but little is done with it (framework at least two points above "
            "action): {lines}.", len(lag)).format(n=len(lag), lines=_series([name(ln) for ln in lag]))))

    red_only = [sid for sid, roll in by_standard(model, lines).items() if roll.only_red]
    if red_only:
        found.append(Finding("standards", ngettext(
            "Standard {standards} is cited only by lines rated {red}: where the system falls furthest short of the "
            "method.",
            "Standards {standards} are cited only by lines rated {red}: where the system falls furthest short of the "
            "method.", len(red_only)).format(standards=_series([str(s) for s in red_only]), red=WORD["red"])))

    if previous is not None:
        found.append(Finding("moved", _moved(compare(previous, lines), name,
                                             previous_name or _("the previous assessment"))))
    return found


def _counts(counts: dict[str, int], rated: int) -> str:
    """How many lines are rated, by rating; then those not applicable and not yet scored."""
    said = [ngettext("Of the {n} line rated, {green} are {green_word}, {amber} {amber_word} and {red} {red_word}",
                     "Of the {n} lines rated, {green} are {green_word}, {amber} {amber_word} and {red} {red_word}",
                     rated).format(n=rated, **{r: counts[r] for r in ("green", "amber", "red")},
                                   **{f"{r}_word": WORD[r] for r in ("green", "amber", "red")})]
    if counts["n/a"]:
        said.append(ngettext("{n} line is not applicable", "{n} lines are not applicable",
                             counts["n/a"]).format(n=counts["n/a"]))
    if counts["unscored"]:
        said.append(ngettext("{n} line is not yet scored", "{n} lines are not yet scored",
                             counts["unscored"]).format(n=counts["unscored"]))
    return "; ".join(said) + "."


def _moved(changes: Sequence[Change], name: Callable[[ScoredLine], str], since: str) -> str:
    """Which lines moved up and which down since the assessment named `since`, with both ratings."""
    moved = {d: [c for c in changes if c.direction == d] for d in ("up", "down")}
    if not moved["up"] and not moved["down"]:
        return _("Since {previous}, no line has changed its rating.").format(previous=since)
    said = []
    for direction, cs in moved.items():
        if not cs:
            continue
        which = _series([f"{name(c.after)}: {WORD[c.before.rating]} → "  # type: ignore[union-attr]
                         f"{WORD[c.after.rating]}" for c in cs])
        said.append((ngettext("{n} line moved up ({lines})", "{n} lines moved up ({lines})", len(cs))
                     if direction == "up" else
                     ngettext("{n} line moved down ({lines})", "{n} lines moved down ({lines})", len(cs))
                     ).format(n=len(cs), lines=which))
    return _("Since {previous}, {moves}.").format(previous=since, moves=format_list(said, locale=locale()))
