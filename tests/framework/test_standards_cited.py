"""Each criterion cites its standards once, from its `standards` field, whatever form the grid's own
citation in its text took."""

from __future__ import annotations

import re

import pytest

from framework.model import Criterion, citing


@pytest.mark.parametrize(("text", "standards", "expected"), [
    ("Flag bias motivations (Standards 1,2,3,4)", [1, 2, 3, 4], "Flag bias motivations (standards 1, 2, 3 and 4)"),
    ("Record support and safety (standard 5)", [5], "Record support and safety (standard 5)"),
    ("Record support and safety (Standard 5)", [4, 5], "Record support and safety (standards 4 and 5)"),
    ("Needs (Standard 8; Standard 9)", [8, 9], "Needs (standards 8 and 9)"),
    ("About (standard 20, Standard 21, Standard 22)", [20, 21, 22], "About (standards 20, 21 and 22)"),
    ("Progress (Standard\n10, 11, 12, 13,14)", [10, 11, 12, 13, 14], "Progress (standards 10, 11, 12, 13 and 14)"),
    ("Prosecutions (Standards 4 and 7).", [4, 7], "Prosecutions (standards 4 and 7)."),
    ("Improvement. (Standard 8 and 9)", [8, 9], "Improvement (standards 8 and 9)."),
    ("Laws are not being used). (Standards 6 and 7)", [6, 7], "Laws are not being used) (standards 6 and 7)."),
    ("Anonymous reports are accepted.", [], "Anonymous reports are accepted."),
    ("Anonymous reports are accepted.", [3], "Anonymous reports are accepted (standard 3)."),
    ("Connected (see the police line)", [2], "Connected (see the police line) (standard 2)"),
    ("Stated (Standard 5)", [], "Stated"),
])
def test_a_criterion_cites_its_own_standards_once(text, standards, expected):
    assert Criterion(text=text, standards=tuple(standards)).cited == expected


def test_the_lists_read_in_words():
    assert (citing([]), citing([5]), citing([1, 2])) == ("", "(standard 5)", "(standards 1 and 2)")


def test_every_criterion_of_the_grid_cites_its_field_once_at_its_end(model):
    for rel in model.relationships.values():
        for criterion in (*rel.framework_criteria, *rel.action_criteria):
            text = criterion.cited
            assert len(re.findall(r"\(\s*(?:see\s+)?standards?\s*\d", text, re.IGNORECASE)) == (
                1 if criterion.standards else 0), text
            if criterion.standards:
                assert text.removesuffix(".").endswith(f" {citing(criterion.standards)}"), text
