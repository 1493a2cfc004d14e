"""Progress over time: a relationship's timeline and the country's rating counts across assessments."""

from __future__ import annotations

from framework import ASSESSMENTS_DIR, load_assessment
from scoring.progress import compared_pair, country_trend, same_country, timeline


def test_timeline_and_trend_across_the_england_and_wales_assessments(method, model, ew):
    later = load_assessment(ASSESSMENTS_DIR / "england-wales-2024-illustrative.yaml", method)
    other = ew.model_copy(update={"id": "x", "country": "Hungary"})
    both = same_country([later, other, ew], "England & Wales")
    assert [a.date for a in both] == ["2019", "2024"]
    line = timeline(model, both, "victim-courts")
    assert line[["date", "framework", "action", "rating"]].values.tolist()[0] == ["2019", 2, 0, "red"]
    assert list(line["date"]) == ["2019", "2024"] and line["illustrative"].tolist() == [False, True]
    trend = country_trend(model, both)
    counts = trend.pivot_table(index="date", columns="rating", values="lines", observed=False)
    assert counts.loc["2019"].to_dict()["green"] == 16 and counts.sum(axis=1).nunique() == 1  # same lines each time


def test_an_assessment_is_compared_by_default_with_its_own_countrys():
    """After the latest one of its country dated no later, else before the next one; never across countries
    by default (None: the page then says it compares two countries)."""
    from types import SimpleNamespace as A

    ew19, ew24, es26 = A(id="ew-2019", country="England & Wales", date="2019"), \
        A(id="ew-2024", country="England & Wales", date="2024"), A(id="es-2026", country="España", date="2026")
    every = [ew24, es26, ew19]
    assert compared_pair(every, ew24) == (ew19, ew24)
    assert compared_pair(every, ew19) == (ew19, ew24)
    assert compared_pair(every, es26) is None
