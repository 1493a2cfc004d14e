"""`ffgrid bench compare`: countries side by side, as the Countries page, workbook and report make it.

Thirty assessments (randomly scored) of thirty country profiles (copies of the shipped ones under
new codes, their country models built once, as the app keeps them) are compared and made into the
heatmap table (`compare_countries` + `Comparison.table`). The baseline is scoring one assessment.
"""

from __future__ import annotations

import random
import string

from bench.timing import median_time
from dashboard.evidence import INDICATORS
from framework import Assessment, Line, Method, Model, load_method
from framework.assessment import StrandScore
from framework.profiles import blank_assessment
from scoring import score_assessment
from scoring.countries import compare_countries

TARGET_MS = 200.0


def _code(base: str, i: int) -> str:
    """A profile code (letters only) for the i-th copy of `base`."""
    return base + string.ascii_lowercase[i // 26 % 26] + string.ascii_lowercase[i % 26]


def synthetic_countries(method: Method, countries: int, seed: int = 14) -> list[tuple[Assessment, Model]]:
    """`countries` assessments, every line scored at random, each of its own copy of a shipped profile."""
    rng = random.Random(seed)
    shipped = list(method.profiles.values())
    score = lambda: rng.randint(0, 3)  # noqa: E731
    out = []
    for i in range(countries):
        base = shipped[i % len(shipped)]
        profile = base.model_copy(update={"code": _code(base.code, i), "name": f"{base.name} ({i + 1})",
                                          "name_en": f"{base.name_en} ({i + 1})"})
        model = method.country(profile)
        lines = tuple(Line(relationship=rel.id, strands=tuple(StrandScore(strand=s, framework=score(), action=score())
                                                             for s in rel.strands))
                      if rel.strands else Line(relationship=rel.id, framework=score(), action=score())
                      for rel in model.relationships.values())
        blank = blank_assessment(method, profile, "2026", None, "ffgrid bench")
        out.append((blank.model_copy(update={"lines": lines}), model))
    return out


def run(countries: int = 30, runs: int = 20) -> dict[str, float]:
    """Print and return the medians (milliseconds) and their ratio."""
    method = load_method(indicators=INDICATORS)
    entries = synthetic_countries(method, countries)
    build = lambda: compare_countries(entries).table(method.model)  # noqa: E731
    table = build()
    one_assessment, one_model = entries[0]
    figures = {"compare_ms": median_time(build, runs) * 1000,
               "score_one_ms": median_time(lambda: score_assessment(one_model, one_assessment), runs) * 1000}
    figures["ratio"] = figures["compare_ms"] / figures["score_one_ms"]
    cells = len(table.rows) * len(table.headings)
    per_country = sum(len(score_assessment(m, a)) for a, m in entries) / len(entries)
    verdict = "met" if figures["compare_ms"] < TARGET_MS else "NOT met"
    print(f"Countries side by side: {countries} countries ({per_country:.0f} lines each on average; "
          f"{len(table.rows)} lines × {len(table.headings)} assessments = {cells} cells): compare_countries + "
          f"heatmap table {figures['compare_ms']:.1f} ms (median of {runs}); target under {TARGET_MS:.0f} ms: {verdict}")
    print(f"  baseline, scoring one assessment (score_assessment): {figures['score_one_ms']:.2f} ms; "
          f"the comparison takes {figures['ratio']:.1f}x as long")
    return figures
