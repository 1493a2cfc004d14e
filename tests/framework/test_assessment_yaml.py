"""YAML export of assessments round-trips losslessly."""

from __future__ import annotations

from framework.assessment_yaml import dump_assessment
from framework import assessment_from_text


def test_round_trip_is_lossless(method, model, ew):
    text = dump_assessment(ew)
    again = assessment_from_text(text, "export.yaml", method)
    assert again == ew
    assert dump_assessment(again) == text


def test_long_texts_are_block_scalars(ew):
    text = dump_assessment(ew)
    assert "framework: |-\n" in text and "94,098 hate crimes were recorded" in text
    assert "\\n" not in text.split("lines:")[1][:5000]


def test_awkward_text_survives(method, model, ew):
    line = ew.lines[0]
    odd = "  leading spaces\ttab\r\nwindows ‘quotes’ – Ελληνικά, Magyar ő ű\n\ntrailing \n"
    changed = ew.model_copy(update={"lines": (line.model_copy(update={"situation": line.situation.model_copy(
        update={"framework": odd})}),) + ew.lines[1:]})
    again = assessment_from_text(dump_assessment(changed), "x.yaml", method)
    assert again.lines[0].situation.framework == odd
