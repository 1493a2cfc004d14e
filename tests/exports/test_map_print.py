"""The systems map at print size: every text of every map in the report at least 7 pt on paper, for every
shipped country profile (national names, added actors, strands and lines)."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest

from exports.map_print import MIN_PT, printed_box, print_scale, readable_svg, smallest_printed_pt, text_sizes
from exports.report import map_figures
from exports.systems_map import render, systems_map_dot
from framework.profiles import blank_assessment
from scoring import rate, score_assessment
from scoring.targets import gaps

CSS = Path(__file__).parents[2] / "exports" / "templates" / "report.css"
MM = 72 / 25.4


def test_the_printed_box_is_the_stylesheets():
    """The box the map is printed in, read from the rule that sizes it: a landscape A4 page's width."""
    css = CSS.read_text(encoding="utf-8")
    assert "@page map { size: A4 landscape;" in css and "figure.map { page: map;" in css
    width, height = printed_box()
    assert width == pytest.approx(277 * MM) and height == pytest.approx(165 * MM)
    assert printed_box("figure.map svg { width: 100mm; max-height: 50mm; }") == pytest.approx((100 * MM, 50 * MM))


def _scored(model, lines):
    """Every line given scores (a fixed pattern of 0-3), so each label is as long as a real one."""
    return [replace(ln, framework=f, action=a, rating=rate(model, f, a))
            for i, ln in enumerate(lines) for f, a in [(i % 4, (i * 3 + 1) % 4)]]


def _assert_readable(svg: str, where: str) -> None:
    scale = print_scale(svg, printed_box())
    sizes = text_sizes(svg)
    assert len(sizes) > 40, where  # the map's texts were all found
    printed = [s * scale for s in sizes]
    assert min(printed) >= MIN_PT, (where, min(printed))
    assert smallest_printed_pt(svg) == pytest.approx(min(printed))


def test_england_and_wales_maps_in_the_report_print_at_7pt_or_more(model, ew):
    lines = score_assessment(model, ew)
    figures = map_figures(model, ew, lines, gaps(lines, ew.plan))
    assert [f.id for f in figures] == ["map-ratings", "map-targets"]
    for f in figures:
        _assert_readable(str(f.svg), f.caption)


@pytest.mark.parametrize("code", ["hu", "es", "gr", "ie", "it"])
def test_every_countrys_map_prints_at_7pt_or_more(method, code):
    profile = method.profiles[code]
    assessment = blank_assessment(method, profile, "2026", None, "test")
    model = method.for_assessment(assessment)
    lines = _scored(model, score_assessment(model, assessment))
    (figure,) = map_figures(model, assessment, lines, [])
    _assert_readable(str(figure.svg), code)
    for actor in model.framework.actors:  # national names, and the actors a profile adds, are all on it
        first = actor.label.split()[0]
        assert re.search(re.escape(first.replace("&", "&amp;")), str(figure.svg)), (code, actor.id)


def test_the_old_full_width_map_would_not_be_readable(model, ew):
    """The check has teeth: the same map in a portrait column (174 mm, as before) prints below 7 pt."""
    svg = render(systems_map_dot(model, score_assessment(model, ew), key=False)).decode()
    assert smallest_printed_pt(svg, (174 * MM, 150 * MM)) < MIN_PT


def test_a_narrower_box_gets_a_map_drawn_with_larger_text(model, ew):
    """When the map at 12 pt would print too small, it is drawn again with larger text until it reads."""
    lines = score_assessment(model, ew)
    box = (200 * MM, 165 * MM)
    at_12 = render(systems_map_dot(model, lines, key=False, text_pt=12)).decode()
    assert smallest_printed_pt(at_12, box) < MIN_PT
    svg = readable_svg(lambda pt: systems_map_dot(model, lines, key=False, text_pt=pt), box)
    assert max(text_sizes(svg)) > 12 and smallest_printed_pt(svg, box) >= MIN_PT
