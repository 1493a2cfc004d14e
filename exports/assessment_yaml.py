"""Assessments back to YAML: readable (long texts as block scalars) and lossless on re-import."""

from __future__ import annotations

from typing import Any

import yaml

from framework import Assessment


class _Dumper(yaml.SafeDumper):
    """Writes multi-line text as `|-` blocks, so situation texts stay readable in the file."""


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value and not any(c in value for c in "\r\t") and value == value.strip() else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


def assessment_data(assessment: Assessment) -> dict[str, Any]:
    """The assessment as plain data, without empty or default-valued fields."""
    return assessment.model_dump(mode="json", by_alias=True, exclude_defaults=True)


def dump_assessment(assessment: Assessment) -> str:
    """YAML text of an assessment that loads back to an equal Assessment."""
    return yaml.dump(assessment_data(assessment), Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)
