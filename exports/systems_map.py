"""The systems map: actors grouped, each line an edge coloured, styled AND labelled by its rating.

One DOT source serves the app (`st.graphviz_chart`) and the files (`dot` renders SVG or PNG).
"""

from __future__ import annotations

import re
import textwrap
from pathlib import Path
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass

import graphviz

from exports.xml_text import shown
from framework import Model
from framework.graph import actor_graph
from scoring import ScoredLine
from scoring.targets import Gap

FONT = "DejaVu Sans"
# Colour is never alone: each rating has its own line style and a word on the edge.
EDGE_STYLE: dict[str, dict[str, str]] = {
    "green": {"color": "#1b7837", "style": "solid", "penwidth": "3.5", "word": "GREEN", "legend": "solid"},
    "amber": {"color": "#d36b00", "style": "dashed", "penwidth": "3", "word": "AMBER", "legend": "dashed"},
    "red": {"color": "#b2182b", "style": "dotted", "penwidth": "3.5", "word": "RED", "legend": "dotted"},
    "n/a": {"color": "#707070:#ffffff:#707070", "style": "solid", "penwidth": "1.5", "word": "N/A",
            "legend": "double"},
    "unscored": {"color": "#a0a0a0", "style": "dashed", "penwidth": "1", "word": "UNSCORED",
                 "legend": "thin dashed"},
}
GROUP_STYLE = {
    "grey-line": {"style": "rounded,filled", "fillcolor": "#e8e8e8", "color": "#7a7a7a", "penwidth": "4"},
    "group": {"style": "rounded,dashed", "color": "#7a7a7a", "penwidth": "1.5"},
    "kind": {"style": "rounded", "color": "#b5b5b5", "penwidth": "1"},
}
KIND_FILL = {"authority": "#dbe9f6", "ministry": "#f7f7f7", "victim": "#fde9d9", "public": "#fde9d9",
             "cso": "#e5f2e0", "igo": "#ece3f3"}


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _wrap(text: str, width: int = 24) -> str:
    return "\n".join(textwrap.wrap(text, width, break_on_hyphens=False)) or text


def map_title(text: str) -> str:
    """A title as the map shows it: at most three lines of 100 characters (a longer one ends in …),
    backslashes as written (not Graphviz's escapes), no control characters (SVG is XML)."""
    return graphviz.escape("\n".join(textwrap.wrap(shown(text), 100, max_lines=3, placeholder=" …")))


def edge_label(line: ScoredLine) -> str:
    """The word and the scores shown on an edge, e.g. 'GREEN 3+2'."""
    word = EDGE_STYLE[line.rating]["word"]
    return f"{word} {line.framework}+{line.action}" if line.total is not None else word


@dataclass(frozen=True)
class Look:
    """How one line is drawn in another view of the map: a style (a rating's) and its label."""

    style: str
    label: str


TARGET_KEY = {"green": ("MET", ": target met"), "amber": ("CLOSE", ": 1-2 points to target"),
              "red": ("FAR", ": 3 or more points to target"), "n/a": ("N/A", ": not applicable"),
              "unscored": ("NO TARGET", ": no target set")}


def target_looks(found: Iterable[Gap], lines: Iterable[ScoredLine]) -> dict[tuple[str, str | None], Look]:
    """The target view: each line styled by its gap to target and labelled 'score → target'."""
    by_key = {g.line.key: g for g in found}
    looks = {}
    for ln in lines:
        g = by_key.get(ln.key)
        if g is None:
            looks[ln.key] = Look("unscored", "NO TARGET")
            continue
        style = "n/a" if g.na else "green" if g.met else "amber" if g.gap <= 2 else "red"
        now = f"{ln.framework if ln.framework is not None else '–'}+{ln.action if ln.action is not None else '–'}"
        looks[ln.key] = Look(style, f"{TARGET_KEY[style][0]} {now} → {g.target.framework}+{g.target.action}")
    return looks


def systems_map_dot(model: Model, lines: Iterable[ScoredLine], title: str = "", highlight: str | None = None,
                    looks: Mapping[tuple[str, str | None], Look] | None = None,
                    flagged: Collection[str] = (), links: Mapping[str, str] | None = None) -> str:
    """DOT source of the systems map for the given scored lines; `highlight` a relationship id to stand out.

    With `looks` (e.g. `target_looks`) each line is drawn and labelled as given instead of by its rating;
    relationships in `flagged` (those with a recommendation) get a ⚑ on their label; with `links`
    (relationship id → URL) each line links there in the SVG (Graphviz `URL`, its tooltip the title).
    """
    graph = actor_graph(model)
    dot = graphviz.Graph("systems_map", strict=False)
    dot.attr(rankdir="LR", compound="true", newrank="true", nodesep="0.35", ranksep="1.1",
             fontname=FONT, fontsize="13", labelloc="t", label=map_title(title), bgcolor="white", pad="0.3")
    dot.attr("node", shape="box", style="rounded,filled", fontname=FONT, fontsize="11", margin="0.12,0.06",
             color="#4d4d4d", penwidth="1.2")
    dot.attr("edge", fontname=FONT, fontsize="9")

    groups: dict[str, list[str]] = {}
    for node, data in graph.nodes(data=True):
        if data["type"] == "actor":
            groups.setdefault(data["group"], []).append(node)
    for group, members in groups.items():
        cluster = model.clusters.get(group)
        name = f"cluster_{_slug(group)}"
        style = GROUP_STYLE[cluster.drawn_as if cluster else "kind"]
        with dot.subgraph(name=name) as sub:
            sub.attr(label=graphviz.nohtml(cluster.label if cluster else group), fontsize="12", **style)
            for actor_id in members:
                actor = model.actors[actor_id]
                sub.node(actor_id, graphviz.nohtml(_wrap(actor.label)), id=f"actor-{actor_id}",
                         tooltip=graphviz.nohtml(actor.label),
                         fillcolor=KIND_FILL[actor.kind])

    for line in lines:
        _edge(dot, model, line, line.relationship == highlight, looks.get(line.key) if looks else None,
              line.relationship in flagged, (links or {}).get(line.relationship))
    if looks is None:
        _legend(dot, {b.id: f": total {b.min}-{b.max}" for b in model.framework.rating_bands})
    else:
        _legend(dot, {r: text for r, (_, text) in TARGET_KEY.items()}, {r: w for r, (w, _) in TARGET_KEY.items()},
                "Key: gap to target, line style, scores now → target")
    return dot.source


def _anchor(model: Model, end: str) -> tuple[str, dict[str, str]]:
    """The node an edge attaches to, and for a cluster end the cluster it is clipped to."""
    cluster = model.clusters.get(end)
    if cluster is None:
        return end, {}
    return cluster.members[len(cluster.members) // 2], {"cluster": f"cluster_{_slug(cluster.id)}"}


def _edge(dot: graphviz.Graph, model: Model, line: ScoredLine, highlight: bool = False,
          look: Look | None = None, flag: bool = False, url: str | None = None) -> None:
    style = EDGE_STYLE[look.style if look else line.rating]
    label = (look.label if look else edge_label(line)) + (" ⚑" if flag else "")
    line_id = f"line-{line.relationship}" + (f"-{line.strand}" if line.strand else "")
    strand = f" ({line.strand})" if line.strand else ""
    kind = f"target-{_slug(look.style)}" if look else f"rating-{_slug(line.rating)}"
    attrs = {"color": style["color"], "style": style["style"], "penwidth": style["penwidth"],
             "label": label, "fontcolor": "#1a1a1a",
             "tooltip": graphviz.nohtml(f"{line.title}{strand}: {label}"), "class": kind}
    if url:
        attrs.update(URL=graphviz.nohtml(url), target="_top", labeltooltip=attrs["tooltip"])
    if highlight:  # the line being edited: twice as thick, its label in bold
        attrs.update(penwidth=str(2 * float(style["penwidth"])), fontname=f"{FONT} Bold", fontsize="11",
                     label=f"▶ {label}")
    if line.from_ == line.to and line.from_ in model.clusters:
        members = model.clusters[line.from_].members  # a line within a grey-line cluster
        for i, (a, b) in enumerate(zip(members, members[1:]), 1):
            dot.edge(a, b, id=f"{line_id}-{i}", **attrs)
        return
    tail, t_clip = _anchor(model, line.from_)
    head, h_clip = _anchor(model, line.to)
    if "cluster" in t_clip:
        attrs["ltail"] = t_clip["cluster"]
    if "cluster" in h_clip:
        attrs["lhead"] = h_clip["cluster"]
    dot.edge(tail, head, id=line_id, **attrs)


LEGEND_STROKE = {"green": "━━━━", "amber": "╺╸╺╸╺", "red": "┈┈┈┈", "n/a": "════", "unscored": "╌╌╌╌"}


def _legend(dot: graphviz.Graph, bands: dict[str, str], words: dict[str, str] | None = None,
            heading: str = "Key: rating, line style, scores framework+action") -> None:
    """A key as one table node: a line sample in each style's colour, its word, style and meaning."""
    rows = "".join(
        f'<tr><td align="left"><font color="{style["color"].split(":")[0]}">{LEGEND_STROKE[rating]}</font></td>'
        f'<td align="left">{(words or {}).get(rating, style["word"])} ({style["legend"]}){bands.get(rating, "")}</td></tr>'
        for rating, style in EDGE_STYLE.items())
    first, rest = heading.split(":", 1)
    dot.node("legend", f'<<table border="1" color="#b5b5b5" cellborder="0" cellspacing="1" cellpadding="3">'
             f'<tr><td colspan="2" align="left"><b>{first}</b>:{rest}</td></tr>'
             f"{rows}</table>>", shape="plaintext", style="", id="legend", fontsize="10")


def render(dot_source: str, fmt: str = "svg") -> bytes:
    """Lay out DOT with Graphviz's `dot` (needs the binary) into svg, png or pdf bytes."""
    return graphviz.Source(dot_source).pipe(format=fmt)


def inline_svg(svg: str) -> str:
    """Graphviz SVG made to sit inside HTML: no XML prolog, doctype or comments; scales to its box."""
    start = svg.index("<svg")
    body = re.sub(r"<!--.*?-->", "", svg[start:], flags=re.S)
    return re.sub(r'<svg width="[^"]*" height="[^"]*"', '<svg width="100%" role="img"', body, count=1)


def write_map(dot_source: str, path: Path | str) -> Path:
    """Write the map as .dot (the source), .svg or .png, chosen by the file's suffix."""
    path = Path(path)
    suffix = path.suffix.lower().lstrip(".")
    if suffix == "dot":
        path.write_text(dot_source, encoding="utf-8")
    elif suffix in ("svg", "png"):
        path.write_bytes(render(dot_source, suffix))
    else:
        raise ValueError(f"{path}: the map can be written as .svg, .png or .dot, not .{suffix}")
    return path
