"""Each criterion cites its standards once, from its `standards` field."""

from __future__ import annotations

import re

import pytest

from framework.standards_cited import cited, standards_list


@pytest.mark.parametrize(("text", "standards", "expected"), [
    ("Flag bias motivations (Standards 1,2,3,4)", [1, 2, 3, 4], "Flag bias motivations (standards 1, 2, 3, 4)"),
    ("Record support and safety (standard 5)", [5], "Record support and safety (standard 5)"),
    ("Record support and safety (Standard 5)", [4, 5], "Record support and safety (standards 4, 5)"),
    ("Needs (Standard 8; Standard 9)", [8, 9], "Needs (standards 8, 9)"),
    ("About (standard 20, Standard 21, Standard 22)", [20, 21, 22], "About (standards 20, 21, 22)"),
    ("Progress (Standard\n10, 11, 12, 13,14)", [10, 11, 12, 13, 14], "Progress (standards 10, 11, 12, 13, 14)"),
    ("Prosecutions (Standards 4 and 7).", [4, 7], "Prosecutions (standards 4, 7)."),
    ("Improvement. (Standard 8 and 9)", [8, 9], "Improvement (standards 8, 9)."),
    ("Laws are not being used). (Standards 6 and 7)", [6, 7], "Laws are not being used) (standards 6, 7)."),
    ("Anonymous reports are accepted.", [], "Anonymous reports are accepted."),
    ("Anonymous reports are accepted.", [3], "Anonymous reports are accepted (standard 3)."),
    ("Connected (see the police line)", [2], "Connected (see the police line) (standard 2)"),
    ("Stated (Standard 5)", [], "Stated"),
])
def test_a_criterion_cites_its_own_standards_once(text, standards, expected):
    assert cited(text, standards) == expected


def test_the_lists_read_in_words():
    assert (standards_list([]), standards_list([5]), standards_list([1, 2])) == ("", "(standard 5)", "(standards 1, 2)")


def test_every_criterion_of_the_grid_cites_its_field_once_at_its_end(model):
    """A citation inside the text (one criterion says which standard covers which part) stays; its end
    never holds two citations, and the list given is the field's."""
    for rel in model.relationships.values():
        for criterion in (*rel.framework_criteria, *rel.action_criteria):
            text = cited(criterion.text, criterion.standards)
            assert not re.search(r"\(standards?[^()]*\)\s*\.?\s*\(standards?", text, re.IGNORECASE), text
            if criterion.standards:
                assert text.removesuffix(".").endswith(f" {standards_list(criterion.standards)}"), text
            else:
                assert not re.search(r"\(standards?\s*\d", text, re.IGNORECASE), text
