"""Pure scoring functions: ratings, counts, roll-ups, completeness and comparisons."""

from scoring.compare import Change, compare, compare_assessments
from scoring.ratings import AMBER, GREEN, NA, RATINGS, RED, UNSCORED, ScoredLine, count_ratings, rate, score_assessment
from scoring.rollups import Completeness, StandardRollup, by_actor, by_standard, completeness

__all__ = [
    "AMBER", "GREEN", "NA", "RATINGS", "RED", "UNSCORED", "Change", "Completeness", "ScoredLine",
    "StandardRollup", "by_actor", "by_standard", "compare", "compare_assessments", "completeness", "count_ratings", "rate",
    "score_assessment",
]
