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


def _words(text: str) -> str:
    return " ".join(text.split())


def test_svg_shows_every_actor(model, svg_groups):
    """Every actor by name: a box of its own, or a CSO as a row of the CSO table (all the CSOs' lines)."""
    table = _words(svg_groups["table-csos"])
    for actor in model.framework.actors:
        if actor.kind == "cso":
            assert _words(actor.label) in table, actor.id
            assert f"actor-{actor.id}" not in svg_groups
        else:
            assert _words(svg_groups[f"actor-{actor.id}"]) == _words(actor.label), actor.id


def test_svg_shows_every_line_with_its_rating_label(lines, svg_groups):
    """Each line once, with its id: an edge labelled 'GREEN 3+2', a CSO table cell (a stroke, then the
    label) or the grey line's own box (its label after the group's name)."""
    for line in lines:
        line_id = f"line-{line.relationship}" + (f"-{line.strand}" if line.strand else "")
        shown = svg_groups.get(line_id) or svg_groups.get(f"a_{line_id}")
        assert shown is not None, line_id
        if line.relationship.startswith(("victim-cso", "public-cso", "cso-", "csos-ministries")):
            assert shown.split()[-2:] == edge_label(line).split() and f"a_{line_id}" in svg_groups, (line_id, shown)
        elif line.relationship == "ministries-grey-line":
            assert shown == f"Government ministries (grey line): {edge_label(line)}"
        else:
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


XLINK = "{http://www.w3.org/1999/xlink}"


def _by_id(svg: str) -> dict[str, ET.Element]:
    return {el.get("id"): el for el in ET.fromstring(svg).iter() if el.get("id")}


def _tip_and_href(groups: dict[str, ET.Element], line_id: str) -> tuple[str | None, str | None]:
    """The tooltip and link of a line: on its edge's <a>, or on its table cell's <a> (id a_line-…)."""
    group = groups.get(f"a_{line_id}") or groups[line_id]
    anchor = next(group.iter(f"{SVG}a"))
    return anchor.get(f"{XLINK}title"), anchor.get(f"{XLINK}href")


def test_every_line_has_a_tooltip_in_words_and_its_link(model, lines):
    """Hover: the two actors, both scores and the rating in words; with `links`, each line links to its page."""
    links = {ln.relationship: f"relationships/{ln.relationship}.html" for ln in lines}
    groups = _by_id(render(systems_map_dot(model, lines, links=links)).decode())
    for line in lines:
        line_id = f"line-{line.relationship}" + (f"-{line.strand}" if line.strand else "")
        tip, href = _tip_and_href(groups, line_id)
        assert href == f"relationships/{line.relationship}.html", line_id
        assert tip.startswith(f"{model.label(line.from_)} – {model.label(line.to)}"), (line_id, tip)
    tip, _ = _tip_and_href(groups, "line-police-prosecution")
    assert tip == ("Police forces of England and Wales – Crown Prosecution Service (CPS): "
                   "framework 3, action 2, GREEN")
    tip, _ = _tip_and_href(groups, "line-csos-ministries-anti-lgbt")
    assert tip.endswith("(Anti-LGBT+): framework 2, action 2, AMBER")


def test_without_links_edges_link_nowhere_and_cells_to_their_section(model, lines):
    groups = _by_id(render(systems_map_dot(model, lines)).decode())
    assert _tip_and_href(groups, "line-police-prosecution")[1] is None
    assert _tip_and_href(groups, "line-victim-cso-antisemitism")[1] == "#rel-victim-cso-antisemitism"


def test_focus_draws_only_that_actors_lines_and_their_other_ends(model, lines):
    svg = render(systems_map_dot(model, lines, focus="prosecution")).decode()
    groups = _by_id(svg)
    drawn = {i for i in groups if i.startswith("line-")}
    assert drawn == {"line-police-prosecution", "line-prosecution-courts", "line-victim-prosecution",
                     "line-public-prosecution", "line-csos-prosecution"}
    actors = {i.removeprefix("actor-") for i in groups if i.startswith("actor-")}
    assert {"prosecution", "police", "courts", "victim", "general-public", "cso-antisemitism"} <= actors
    assert not actors & {"ministry-of-interior", "igo-fra"}  # no line of the prosecution's reaches them
    assert "table-csos" not in groups  # one actor's lines: the CSOs as boxes, their line as an edge
    with pytest.raises(ValueError, match="'nobody' is not an actor"):
        systems_map_dot(model, lines, focus="nobody")


def test_cso_table_text_is_escaped(model, lines):
    """The CSO table is an HTML-like label: a name with markup in it is shown as written, never as markup."""
    evil = model.framework.model_copy(update={"actors": tuple(
        a.model_copy(update={"label": '<b>CST "&" Co</b>'}) if a.id == "cso-antisemitism" else a
        for a in model.framework.actors)})
    from framework import Model

    svg = render(systems_map_dot(Model(evil, model.standards, model.relationships), lines)).decode()
    ET.fromstring(svg)  # still well-formed XML
    assert "&lt;b&gt;CST &quot;&amp;&quot; Co&lt;/b&gt;" in svg or '&lt;b&gt;CST "&amp;" Co&lt;/b&gt;' in svg
    assert "<b>CST" not in svg


def test_inline_svg_names_the_image(model, lines):
    svg = inline_svg(render(systems_map_dot(model, lines)).decode(), alt='Map 1: <England> & "Wales"')
    root = ET.fromstring(svg)
    assert root.get("role") == "img" and root.get("aria-label") == 'Map 1: <England> & "Wales"'
    assert next(root.iter(f"{SVG}title")).text == 'Map 1: <England> & "Wales"'
