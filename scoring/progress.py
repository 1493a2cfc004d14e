"""Progress over time: one relationship across a country's assessments, and the country's rating counts."""

from __future__ import annotations

import pandas as pd

from framework import Assessment, Model
from scoring.ratings import RATINGS, count_ratings, score_assessment


def same_country(assessments: list[Assessment], country: str) -> list[Assessment]:
    """The assessments of one country (same model version as the first), oldest first."""
    mine = sorted((a for a in assessments if a.country == country), key=lambda a: (a.date, a.id))
    return [a for a in mine if a.model_version == mine[0].model_version] if mine else []


def timeline(model: Model, assessments: list[Assessment], relationship: str) -> pd.DataFrame:
    """The relationship's scores and rating in each assessment (per strand where scored so), by date."""
    rows = [{"date": a.date, "assessment": a.id, "illustrative": a.illustrative, "strand": ln.strand or "",
             "framework": ln.framework, "action": ln.action, "total": ln.total, "rating": ln.rating}
            for a in assessments for ln in score_assessment(model, a) if ln.relationship == relationship]
    return pd.DataFrame(rows, columns=["date", "assessment", "illustrative", "strand", "framework", "action", "total",
                                       "rating"])


def country_trend(model: Model, assessments: list[Assessment]) -> pd.DataFrame:
    """Counts of lines per rating in each assessment, by date (long: date, assessment, rating, lines)."""
    rows = [{"date": a.date, "assessment": a.id, "rating": r, "lines": n}
            for a in assessments for r, n in count_ratings(score_assessment(model, a)).items()]
    frame = pd.DataFrame(rows, columns=["date", "assessment", "rating", "lines"])
    return frame.assign(rating=pd.Categorical(frame["rating"], categories=list(RATINGS), ordered=True))
