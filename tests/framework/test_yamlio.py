"""The method's YAML through the one dialect: problems become ValidationFailed with file and line."""

from __future__ import annotations

import pytest

from framework import ValidationFailed
from framework.yamlio import parse_yaml


@pytest.mark.parametrize("text, line", [
    ("a: 1\nb: [1, 2\nc: 3\n", 3),
    ("a: 1\n  b: 2\n", 2),
    ("title: 'unclosed\n", 2),
])
def test_syntax_errors_name_the_file_and_line(text, line):
    with pytest.raises(ValidationFailed) as err:
        parse_yaml(text, "x.yaml")
    [problem] = err.value.problems
    assert problem.file == "x.yaml" and problem.line == line and problem.message.startswith("YAML syntax error")


def test_yes_and_dates_stay_strings():
    # YAML 1.2: no "Norway problem", and dates are not silently turned into date objects
    assert parse_yaml("a: yes\nb: 2019-01-01\nc: n/a\n", "x.yaml") == {"a": "yes", "b": "2019-01-01", "c": "n/a"}


def test_a_hostile_file_is_a_problem_not_a_crash():
    with pytest.raises(ValidationFailed) as err:
        parse_yaml("id: " + "[" * 30_000 + "]" * 30_000, "deep.yaml")
    assert err.value.problems[0].file == "deep.yaml" and "nest" in err.value.problems[0].message
