"""Assessments back to YAML, the loader's inverse: readable (long texts as blocks) and exact on re-import."""

from __future__ import annotations

from base.yamlio import dump
from framework.assessment import Assessment


def dump_assessment(assessment: Assessment) -> str:
    """YAML text of an assessment that loads back to an equal Assessment."""
    return dump(assessment.as_data())
