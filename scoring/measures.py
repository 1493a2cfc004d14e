"""Measures of success: each measure's current value from the figures, beside its baseline and target."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd

from dashboard.areas import of_country
from dashboard.evidence import INDICATORS, Indicator
from framework.plan import Measure, Plan


@dataclass(frozen=True)
class MeasureNow:
    """A measure with its latest value (None when the data has none), its source and edition."""

    measure: Measure
    current: Indicator | None

    @property
    def to_target(self) -> float | None:
        """Share of the way from baseline to target covered now, in percent (can pass 100 or go negative)."""
        m, now = self.measure, self.current
        if now is None or now.number is None or m.baseline is None or m.target is None:
            return None
        span = m.target.value - m.baseline.value
        return None if span == 0 else round(100 * (now.number - m.baseline.value) / span, 1)


def measure_values(plan: Plan, figures: pd.DataFrame | None, country: Any = None) -> list[MeasureNow]:
    """Every measure of the plan with the latest value of its indicator in `figures` (none without),
    from the figures of the country's areas only (a country model or profile; None: every figure)."""
    figures = None if figures is None else of_country(figures, country)
    out = []
    for m in plan.measures:
        if m.indicator not in INDICATORS:
            raise ValueError(f"measure {m.id}: unknown indicator {m.indicator!r} (one of {', '.join(INDICATORS)})")
        found = INDICATORS[m.indicator](figures, None) if figures is not None else []
        out.append(MeasureNow(m, found[-1] if found else None))
    return out
