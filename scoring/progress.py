"""Progress over time: one relationship across a country's assessments, and the country's rating counts."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Protocol, TypeVar

import pandas as pd

from framework import Assessment, Model
from scoring.ratings import RATINGS, count_ratings, score_assessment


def same_country(assessments: list[Assessment], country: str) -> list[Assessment]:
    """The assessments of one country (same model version as the first), oldest first."""
    mine = sorted((a for a in assessments if a.country == country), key=lambda a: (a.date, a.id))
    return [a for a in mine if a.model_version == mine[0].model_version] if mine else []


class Dated(Protocol):
    """An assessment, or its summary: what tells it apart, its country and its date."""

    id: str
    country: str
    date: str


D = TypeVar("D", bound=Dated)


def compared_pair(assessments: Sequence[D], current: D) -> tuple[D, D] | None:
    """The two assessments compared by default, before and after: `current` after its country's latest other
    one dated no later, else before its country's next one; None when it is its country's only one."""
    mine = sorted((a for a in assessments if a.country == current.country and a.id != current.id),
                  key=lambda a: (a.date, a.id))
    earlier = [a for a in mine if (a.date, a.id) <= (current.date, current.id)]
    return (earlier[-1], current) if earlier else (current, mine[0]) if mine else None


def when(assessments: list[Assessment]) -> dict[str, str]:
    """What to call each assessment on a time axis: its date, with its id where two share a date (so
    that two versions of one year stand side by side instead of on top of each other)."""
    dates = Counter(a.date for a in assessments)
    return {a.id: a.date if dates[a.date] == 1 else f"{a.date} ({a.id})" for a in assessments}


def timeline(model: Model, assessments: list[Assessment], relationship: str) -> pd.DataFrame:
    """The relationship's scores and rating in each assessment (per strand where scored so), by date."""
    axis = when(assessments)
    rows = [{"when": axis[a.id], "date": a.date, "assessment": a.id, "illustrative": a.illustrative,
             "strand": ln.strand or "", "framework": ln.framework, "action": ln.action, "total": ln.total,
             "rating": ln.rating}
            for a in assessments for ln in score_assessment(model, a) if ln.relationship == relationship]
    return pd.DataFrame(rows, columns=["when", "date", "assessment", "illustrative", "strand", "framework", "action",
                                       "total", "rating"])


def country_trend(model: Model, assessments: list[Assessment]) -> pd.DataFrame:
    """Counts of lines per rating in each assessment, by date (long: when, date, assessment, rating, lines)."""
    axis = when(assessments)
    rows = [{"when": axis[a.id], "date": a.date, "assessment": a.id, "rating": r, "lines": n}
            for a in assessments for r, n in count_ratings(score_assessment(model, a)).items()]
    frame = pd.DataFrame(rows, columns=["when", "date", "assessment", "rating", "lines"])
    return frame.assign(rating=pd.Categorical(frame["rating"], categories=list(RATINGS), ordered=True))
