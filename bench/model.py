"""Load + validate + score timings: the bundled England & Wales assessment and a generated model.

The baseline is PyYAML's C loader with its own (YAML 1.1) rules, parsing the same text: what reading
costs without ffgrid's dialect and checks.
"""

from __future__ import annotations

import random
import tempfile
from pathlib import Path
from typing import Any

import yaml

from base.yamlio import dump, load, load_file
from bench.timing import median_time
from dashboard.evidence import INDICATORS
from framework import load_assessment, load_method
from framework.loader import ASSESSMENTS_DIR
from scoring import count_ratings, score_assessment

KINDS = ("authority", "ministry", "victim", "public", "cso", "igo")
STRANDS = ("antisemitism", "anti-muslim", "anti-lgbt", "racist", "disability", "anti-grt")


def generate_model(actors: int, relationships: int, seed: int = 7) -> dict[str, Any]:
    """A synthetic single-file model with the bundled framework's scale and bands."""
    rng = random.Random(seed)
    base = load_file(Path(__file__).resolve().parent.parent / "framework" / "framework.yaml")
    acts = []
    for i in range(actors):
        kind = KINDS[i % len(KINDS)]
        actor = {"id": f"actor-{i}", "label": f"Actor {i}", "kind": kind}
        if kind == "cso":
            actor["strand"] = STRANDS[i % len(STRANDS)]
        acts.append(actor)
    base["actors"] = acts
    base["clusters"] = [{"id": "cluster-0", "label": "Cluster 0", "drawn_as": "grey-line",
                         "members": [a["id"] for a in acts[:3]]}]
    standards = [{"id": i, "text": f"Standard {i} text.", "text_source": "grid paraphrase"} for i in range(1, 41)]
    rels = []
    for i in range(relationships):
        a, b = rng.sample(range(actors), 2)
        rels.append({
            "id": f"rel-{i}", "title": f"Relationship {i}", "from": f"actor-{a}", "to": f"actor-{b}",
            "framework_criteria": [{"text": "The two bodies are members of a framework to record and share data.",
                                    "standards": rng.sample(range(1, 41), 2)}],
            "action_criteria": [{"text": "Data is shared systematically and used.",
                                 "standards": rng.sample(range(1, 41), 1)}],
        })
    base.pop("strand_lines", None)  # the generated relationships have no strand families
    return {"framework": base, "standards": standards, "relationships": rels}


def generate_assessment(model: dict[str, Any], seed: int = 7) -> dict[str, Any]:
    """A synthetic assessment scoring every relationship of a generated model."""
    rng = random.Random(seed)
    lines = [{"relationship": r["id"], "framework": rng.randint(0, 3), "action": rng.randint(0, 3),
              "situation": {"framework": "Synthetic text.", "action": "Synthetic text."}}
             for r in model["relationships"]]
    version = model["framework"]["version"]
    profile = {"code": "zz", "name": "Nowhere", "name_en": "Nowhere", "languages": ["en"], "status": "draft",
               "method_version": version}
    return {"id": "synthetic", "title": "Synthetic benchmark assessment", "country": "Nowhere", "date": "2026",
            "model_version": version, "profile": profile, "author": "ffgrid bench", "lines": lines}


def _pyyaml_c(path: Path) -> Any:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)


def run(actors: int = 1000, relationships: int = 10_000, runs: int = 5) -> dict[str, float]:
    """Print and return the timings (seconds, medians of `runs` runs after one warm-up)."""
    ew = ASSESSMENTS_DIR / "england-wales-2019.yaml"

    def ew_all() -> None:
        method = load_method(indicators=INDICATORS)
        assessment = load_assessment(ew, method)
        count_ratings(score_assessment(method.for_assessment(assessment), assessment))

    ew_all()
    figures = {"ew_load_validate_score": median_time(ew_all, max(runs, 20))}
    print(f"England & Wales 2019 (model + assessment): load + validate + score "
          f"{figures['ew_load_validate_score'] * 1000:.1f} ms (median of {max(runs, 20)})")

    with tempfile.TemporaryDirectory() as tmp:
        model_file, ass_file = Path(tmp) / "model.yaml", Path(tmp) / "assessment.yaml"
        gen = generate_model(actors, relationships)
        model_file.write_text(dump(gen), encoding="utf-8")
        ass_file.write_text(dump(generate_assessment(gen)), encoding="utf-8")
        size = (model_file.stat().st_size + ass_file.stat().st_size) / 1e6

        def big_all() -> None:
            method = load_method(model_file, indicators=INDICATORS)
            assessment = load_assessment(ass_file, method)
            count_ratings(score_assessment(method.for_assessment(assessment), assessment))

        big_all()
        figures["generated_load_validate_score"] = median_time(big_all, runs)
        figures["generated_parse_only"] = median_time(
            lambda: [load(f.read_text(encoding="utf-8")) for f in (model_file, ass_file)], runs)
        figures["baseline_pyyaml_c"] = median_time(lambda: [_pyyaml_c(f) for f in (model_file, ass_file)], runs)
    g = figures
    print(f"Generated model ({actors} actors, {relationships} relationships, {size:.1f} MB of YAML with its "
          f"assessment): load + validate + score {g['generated_load_validate_score']:.2f} s (median of {runs}); "
          f"parsing alone {g['generated_parse_only']:.2f} s")
    print(f"  baseline, parsing the same with PyYAML's C loader and its YAML 1.1 rules: {g['baseline_pyyaml_c']:.2f} s "
          f"(ffgrid's dialect and checks cost {g['generated_parse_only'] / g['baseline_pyyaml_c']:.2f}x)")
    return figures
