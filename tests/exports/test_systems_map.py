"""The systems map: DOT for the app, SVG through the real Graphviz `dot`."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from exports.systems_map import edge_label, inline_svg, render, systems_map_dot, write_map
from scoring import score_assessment

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def lines(model, ew):
    return score_assessment(model, ew)


@pytest.fixture(scope="module")
def svg_groups(model, lines) -> dict[str, str]:
    """Every <g> of the rendered SVG that has an id, with all the text it shows."""
    root = ET.fromstring(render(systems_map_dot(model, lines), "svg"))
    return {g.get("id"): " ".join(t.text or "" for t in g.iter(f"{SVG}text"))
            for g in root.iter(f"{SVG}g") if g.get("id")}


def test_svg_shows_every_actor(model, svg_groups):
    for actor in model.framework.actors:
        shown = svg_groups[f"actor-{actor.id}"]
        assert " ".join(shown.split()) == " ".join(actor.label.split()), actor.id


def test_svg_shows_every_line_with_its_rating_label(lines, svg_groups):
    for line in lines:
        line_id = f"line-{line.relationship}" + (f"-{line.strand}" if line.strand else "")
        shown = svg_groups.get(line_id) or svg_groups.get(f"{line_id}-1")
        assert shown is not None, line_id
        assert shown == edge_label(line), (line_id, shown)


def test_rating_is_never_colour_alone(model, lines):
    dot = systems_map_dot(model, lines)
    styles = {r: re.search(rf'class="?rating-{r}"?[^\]]*', dot) for r in ("green", "amber", "red")}
    assert "style=solid" in dot and "style=dashed" in dot and "style=dotted" in dot
    assert all(styles.values())
    assert "GREEN 3+2" in dot and "RED 2+0" in dot and "N/A" in dot


def test_grey_line_clusters_and_edges_to_clusters(model, lines):
    dot = systems_map_dot(model, lines)
    assert 'subgraph "cluster_government-ministries"' in dot and "Government ministries (grey line)" in dot
    assert 'lhead="cluster_government-ministries"' in dot   # CSOs and IGOs to the ministries' grey line
    assert 'ltail=cluster_igos' in dot or 'ltail="cluster_igos"' in dot


def test_write_map_by_suffix(model, lines, tmp_path):
    dot = systems_map_dot(model, lines)
    assert write_map(dot, tmp_path / "m.svg").read_text(encoding="utf-8").lstrip().startswith("<?xml")
    assert write_map(dot, tmp_path / "m.dot").read_text(encoding="utf-8") == dot
    assert write_map(dot, tmp_path / "m.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    with pytest.raises(ValueError, match="svg"):
        write_map(dot, tmp_path / "m.gif")


def test_labels_are_text_not_markup(model, lines):
    evil = model.framework.model_copy(update={"actors": tuple(
        a.model_copy(update={"label": '<b>Police "x"</b>'}) if a.id == "police" else a
        for a in model.framework.actors)})
    from framework import Model

    svg = render(systems_map_dot(Model(evil, model.standards, model.relationships), lines), "svg").decode()
    assert "&lt;b&gt;Police &quot;x&quot;&lt;/b&gt;" in svg or '&lt;b&gt;Police "x"&lt;/b&gt;' in svg


def test_inline_svg_scales_and_keeps_user_text_literal(model, ew):
    dot = systems_map_dot(model, score_assessment(model, ew), title='<script>alert("x")</script>')
    svg = inline_svg(render(dot).decode("utf-8"))
    assert svg.startswith('<svg width="100%"') and "<?xml" not in svg and "<!--" not in svg
    assert "<script" not in svg and "&lt;script&gt;" in svg
    assert 'viewBox="' in svg
