"""YAML reading: the fast parser agrees with PyYAML on what we ship; syntax errors carry lines."""

from __future__ import annotations

import pytest
import yaml

from framework import ROOT, ValidationFailed
from framework.yamlio import parse_yaml

SHIPPED = sorted(p for d in ("framework", "standards", "relationships", "assessments")
                 for p in (ROOT / d).glob("*.yaml"))


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_fast_parser_reads_shipped_files_as_pyyaml_does(path):
    text = path.read_text(encoding="utf-8")
    assert parse_yaml(text, str(path)) == yaml.load(text, Loader=yaml.CSafeLoader)


@pytest.mark.parametrize("text, line", [
    ("a: 1\nb: [1, 2\nc: 3\n", 3),
    ("a: 1\n  b: 2\n", 2),
    ("title: 'unclosed\n", 2),
])
def test_syntax_errors_name_the_line(text, line):
    with pytest.raises(ValidationFailed) as err:
        parse_yaml(text, "x.yaml")
    [problem] = err.value.problems
    assert problem.file == "x.yaml" and problem.line == line and problem.message.startswith("YAML syntax error")


def test_yes_and_dates_stay_strings():
    # YAML 1.2: no "Norway problem", and dates are not silently turned into date objects
    assert parse_yaml("a: yes\nb: 2019-01-01\nc: n/a\n", "x.yaml") == {"a": "yes", "b": "2019-01-01", "c": "n/a"}
