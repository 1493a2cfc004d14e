"""Assessments back to YAML: readable (long texts as block scalars) and lossless on re-import."""

from __future__ import annotations

import yaml

from framework import Assessment


class _Dumper(yaml.SafeDumper):
    """Writes multi-line text as `|-` blocks, so situation texts stay readable in the file."""


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value and not any(c in value for c in "\r\t") and value == value.strip() else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


def dump_assessment(assessment: Assessment) -> str:
    """YAML text of an assessment that loads back to an equal Assessment."""
    return yaml.dump(assessment.as_data(), Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)
