"""The systems map: actors grouped as the method draws them, each line coloured, styled AND labelled by its
rating; the CSOs' strand lines gathered in one table (a row per CSO, a column per other end).

One DOT source serves the app, the report and the files (`dot` renders SVG or PNG). Every text a user
or profile wrote reaches Graphviz escaped, and Graphviz writes it XML-escaped into the SVG.
"""

from __future__ import annotations

import re
import textwrap
from pathlib import Path
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field

import graphviz
from xml.sax.saxutils import escape as _xml

from base.i18n import N_, _, ngettext
from exports.map_lines import Bundle, bundled, ends_shown, focused, line_id
from exports.xml_text import shown
from framework import Model
from framework.groups import group_of
from scoring import ScoredLine
from scoring.ratings import WORD
from scoring.targets import Gap

FONT = "DejaVu Sans"
# Colour is never alone: each rating has its own line style and a word on the edge.
EDGE_STYLE: dict[str, dict[str, str]] = {
    "green": {"color": "#1b7837", "style": "solid", "penwidth": "3.5", "legend": N_("solid")},
    "amber": {"color": "#d36b00", "style": "dashed", "penwidth": "3", "legend": N_("dashed")},
    "red": {"color": "#b2182b", "style": "dotted", "penwidth": "3.5", "legend": N_("dotted")},
    "n/a": {"color": "#707070:#ffffff:#707070", "style": "solid", "penwidth": "1.5", "legend": N_("double")},
    "unscored": {"color": "#a0a0a0", "style": "dashed", "penwidth": "1", "legend": N_("thin dashed")},
}  # each rating's word (the method's, in the reader's language) is scoring.ratings.WORD
GROUP_STYLE = {
    "grey-line": {"style": "rounded,filled", "fillcolor": "#e8e8e8", "color": "#7a7a7a", "penwidth": "4"},
    "group": {"style": "rounded,dashed", "color": "#7a7a7a", "penwidth": "1.5"},
    "kind": {"style": "rounded", "color": "#b5b5b5", "penwidth": "1"},
}
KIND_FILL = {"authority": "#dbe9f6", "ministry": "#f7f7f7", "victim": "#fde9d9", "public": "#fde9d9",
             "cso": "#e5f2e0", "igo": "#ece3f3"}


def xml_escape(text: str) -> str:
    """Text for a Graphviz HTML-like label or its attributes: &, <, > and both quotes escaped."""
    return _xml(text, {'"': "&quot;", "'": "&#39;"})


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _wrap(text: str, width: int = 18) -> str:
    return "\n".join(textwrap.wrap(text, width, break_on_hyphens=False, break_long_words=False)) or text


def map_title(text: str) -> str:
    """A title as the map shows it: at most three lines of 100 characters (a longer one ends in …),
    backslashes as written (not Graphviz's escapes), no control characters (SVG is XML)."""
    return graphviz.escape("\n".join(textwrap.wrap(shown(text), 100, max_lines=3, placeholder=" …")))


def edge_label(line: ScoredLine) -> str:
    """The word and the scores shown on an edge, e.g. 'GREEN 3+2'."""
    word = WORD[line.rating]
    return f"{word} {line.framework}+{line.action}" if line.total is not None else word


@dataclass(frozen=True)
class Look:
    """How one line is drawn in another view of the map: a style (a rating's) and its label."""

    style: str
    label: str


TARGET_KEY = {"green": (N_("MET"), N_("target met")), "amber": (N_("CLOSE"), N_("1-2 points to target")),
              "red": (N_("FAR"), N_("3 or more points to target")), "n/a": (N_("N/A"), N_("not applicable")),
              "unscored": (N_("NO TARGET"), N_("no target set"))}  # each gap's word and meaning (translate with _)


def target_looks(found: Iterable[Gap], lines: Iterable[ScoredLine]) -> dict[tuple[str, str | None], Look]:
    """The target view: each line styled by its gap to target and labelled 'score → target'."""
    by_key = {g.line.key: g for g in found}
    looks = {}
    for ln in lines:
        g = by_key.get(ln.key)
        if g is None:
            looks[ln.key] = Look("unscored", _(TARGET_KEY["unscored"][0]))
            continue
        style = "n/a" if g.na else "green" if g.met else "amber" if g.gap <= 2 else "red"
        now = f"{ln.framework if ln.framework is not None else '–'}+{ln.action if ln.action is not None else '–'}"
        looks[ln.key] = Look(style, f"{_(TARGET_KEY[style][0])} {now} → {g.target.framework}+{g.target.action}")
    return looks


# The method's picture, top to bottom: the IGOs beside the ministries' grey line; the state agencies; and
# at the foot, victims and the public on one side, the CSOs of each bias strand on the other.
ROW = {"igo": 0, "ministry": 0, "authority": 1, "victim": 2, "public": 2, "cso": 2}
WRAP = {"igo": 22, "victim": 10, "public": 10, "authority": 16}  # characters a line of an actor's name (18 unless given)
BUNDLE_STYLE = {"color": "#a8a8a8", "penwidth": "6", "style": "solid"}


def strand_label(model: Model, strand: str) -> str:
    """A bias strand's name as readers see it (e.g. 'Anti-LGBT+' for anti-lgbt)."""
    return next((s.label for s in model.framework.strands if s.id == strand), strand)


def rating_words(line: ScoredLine) -> str:
    """A line's scores and rating in words, e.g. 'framework 3, action 2, GREEN'."""
    if line.rating == "n/a":
        return _("not applicable") + (f" ({line.na_reason})" if line.na_reason else "")
    fw = "–" if line.framework is None else line.framework
    ac = "–" if line.action is None else line.action
    word = _("not yet scored") if line.rating == "unscored" else WORD[line.rating]
    return _("framework {framework}, action {action}, {rating}").format(framework=fw, action=ac, rating=word)


def line_tooltip(model: Model, line: ScoredLine, look: Look | None = None) -> str:
    """What hovering a line says: its two actors, the scores and the rating in words (and the target view's
    label), e.g. 'Law enforcement (police) – Prosecution service: framework 3, action 2, GREEN'."""
    strand = f" ({strand_label(model, line.strand)})" if line.strand else ""
    text = f"{model.label(line.from_)} – {model.label(line.to)}{strand}: {rating_words(line)}"
    return shown(text + (f"; {look.label}" if look else ""))


def systems_map_dot(model: Model, lines: Iterable[ScoredLine], title: str = "", highlight: str | None = None,
                    looks: Mapping[tuple[str, str | None], Look] | None = None,
                    flagged: Collection[str] = (), links: Mapping[str, str] | None = None,
                    focus: str | None = None, key: bool = True, text_pt: float = 12) -> str:
    """DOT source of the systems map for the given scored lines; `highlight` a relationship id to stand out.

    With `looks` (e.g. `target_looks`) each line is drawn and labelled as given instead of by its rating;
    relationships in `flagged` (those with a recommendation) get a ⚑ on their label; `links` puts a URL
    (relationship id → address) on each line; `focus` (an actor id) draws only that actor's lines and
    their other ends; without `key` the map has no key of its own (a page shows `key_rows` beside it);
    `text_pt` is the size of every text on it (a print that must shrink the map asks for more).
    """
    pt = f"{text_pt:g}"
    drawn = focused(model, lines, focus)
    dot = graphviz.Graph("systems_map", strict=False)
    dot.attr(rankdir="TB", compound="true", newrank="true", nodesep="0.12", ranksep="0.3",
             fontname=FONT, fontsize=pt, labelloc="t", label=map_title(title), bgcolor="white", pad="0.1")
    dot.attr("node", shape="box", style="rounded,filled", fontname=FONT, fontsize=pt, margin="0.08,0.04",
             color="#4d4d4d", penwidth="1.2")
    dot.attr("edge", fontname=FONT, fontsize=pt)
    draw = Drawing(dot, model, highlight, looks, flagged, links, pt)
    inner = {ln.from_: ln for ln in drawn if ln.from_ == ln.to and ln.from_ in model.clusters}
    outer = [ln for ln in drawn if not (ln.from_ == ln.to and ln.from_ in model.clusters)]
    single, bundles = bundled(model, outer) if focus is None else (outer, [])
    draw.actors(ends_shown(model, drawn, focus), inner, bundles)
    for line in single:
        draw.edge(line)
    for bundle in bundles:
        draw.band(bundle)
    if key:
        _legend(dot, pt, key_rows(model, looks is not None, bool(bundles)), _("Key"),
                _("gap to target, line style, scores now → target") if looks is not None else
                _("rating, line style, scores framework+action"))
    return dot.source


def key_rows(model: Model, target: bool = False, bands: bool = True) -> list[tuple[str, str, str]]:
    """The key of a map: for each line style its colour, a sample stroke and what it means in words."""
    if target:
        rows = [(style["color"].split(":")[0], LEGEND_STROKE[r],
                 f"{_(TARGET_KEY[r][0])} ({_(style['legend'])}): {_(TARGET_KEY[r][1])}") for r, style in EDGE_STYLE.items()]
    else:
        bands_of = {b.id: ": " + _("total {low}-{high}").format(low=b.min, high=b.max) for b in model.framework.rating_bands}
        rows = [(style["color"].split(":")[0], LEGEND_STROKE[r], f"{WORD[r]} ({_(style['legend'])}){bands_of.get(r, '')}")
                for r, style in EDGE_STYLE.items()]
    if bands:
        rows.append((BUNDLE_STYLE["color"], "▬▬▬", _("grey band: the CSOs' lines to one actor, rated in the CSO table")))
    return rows


@dataclass
class Drawing:
    """One map being drawn: the DOT graph and how its lines are to look."""

    dot: graphviz.Graph
    model: Model
    highlight: str | None
    looks: Mapping[tuple[str, str | None], Look] | None
    flagged: Collection[str]
    links: Mapping[str, str] | None
    pt: str = "12"
    row: dict[str, int] = field(default_factory=dict)  # node → its row of the picture
    tables: set[str] = field(default_factory=set)  # groups drawn as a table of their lines

    def actors(self, shown_ids: set[str], inner: Mapping[str, ScoredLine], bundles: list[Bundle]) -> None:
        """Every shown actor in its group's box, each group in its row of the method's picture. A line
        within a grey-line group (`inner`) is the group's box itself: its rating on the box's label. With
        `bundles`, the CSOs' group is one table of their lines."""
        groups: dict[str, list[str]] = {}
        for actor in self.model.framework.actors:
            if actor.id in shown_ids:
                groups.setdefault(group_of(self.model, actor.id), []).append(actor.id)
        tables = {b.group for b in bundles}
        self.tables.update(tables)
        rows: dict[int, list[str]] = {}
        for group, members in groups.items():
            row = ROW[self.model.actors[members[0]].kind]
            if group in tables:
                self.cso_table(group, members, [b for b in bundles if b.group == group])
                rows.setdefault(row, []).append(group)
                continue
            cluster = self.model.clusters.get(group)
            attrs = {"label": graphviz.escape(shown(cluster.label if cluster else _(group))), "fontsize": self.pt,
                     **GROUP_STYLE[cluster.drawn_as if cluster else "kind"]}
            if group in inner:
                attrs.update(self._inner(inner[group]))
            with self.dot.subgraph(name=f"cluster_{_slug(group)}") as sub:
                sub.attr(**attrs)
                for actor_id in members:
                    actor = self.model.actors[actor_id]
                    sub.node(actor_id, graphviz.escape(_wrap(shown(actor.label), WRAP.get(actor.kind, 18))),
                             id=f"actor-{actor_id}", tooltip=graphviz.escape(shown(actor.label)),
                             fillcolor=KIND_FILL[actor.kind])
            rows.setdefault(row, []).extend(members)
        for r, members in sorted(rows.items()):
            with self.dot.subgraph() as same:  # one row of the method's picture
                same.attr(rank="same")
                for node in members:
                    same.node(node)
            self.row.update(dict.fromkeys(members, r))
        self.tables.update(tables)

    def _inner(self, line: ScoredLine) -> dict[str, str]:
        """A grey line's own rating on its group's box: the label, the id, the tooltip and link."""
        label = self._look(line)[1]
        return {"label": graphviz.escape(f"{shown(self.model.label(line.from_))}: {label}"),
                "id": line_id(line), **self._attrs(line)}

    def _attrs(self, line: ScoredLine) -> dict[str, str]:
        """A line's tooltip in words and, where given, its link."""
        look = self.looks.get(line.key) if self.looks else None
        tip = graphviz.escape(line_tooltip(self.model, line, look))
        attrs = {"tooltip": tip, "labeltooltip": tip}  # the label, a link of its own, says the same
        if self.links and line.relationship in self.links:
            attrs.update(URL=graphviz.escape(self.links[line.relationship]), target="_top")
        return attrs

    def _look(self, line: ScoredLine) -> tuple[str, str]:
        """The style (a key of EDGE_STYLE) and the label a line is drawn with."""
        look = self.looks.get(line.key) if self.looks else None
        label = (look.label if look else edge_label(line)) + (" ⚑" if line.relationship in self.flagged else "")
        return (look.style if look else line.rating), label

    def edge(self, line: ScoredLine) -> None:
        """One line as an edge: coloured, styled and labelled by its rating (or its look)."""
        rating, label = self._look(line)
        style = EDGE_STYLE[rating]
        kind = f"target-{_slug(rating)}" if self.looks else f"rating-{_slug(rating)}"
        attrs = {"color": style["color"], "style": style["style"], "penwidth": style["penwidth"],
                 "label": graphviz.escape(label), "fontcolor": "#1a1a1a", "class": kind, **self._attrs(line)}
        if line.relationship == self.highlight:  # the line being edited: twice as thick, its label in bold
            attrs.update(penwidth=str(2 * float(style["penwidth"])), fontname=f"{FONT} Bold",
                         label=graphviz.escape(f"▶ {label}"))
        self._join(line.from_, line.to, line_id(line), attrs)

    def _join(self, a: str, b: str, edge_id: str, attrs: dict[str, str], port: str = "") -> None:
        """An edge between two ends (actors, clusters or the CSO table), upper row first."""
        (tail, t_clip), (head, h_clip) = self._anchor(a), self._anchor(b)
        if self.row.get(tail, 9) > self.row.get(head, 9):
            (tail, t_clip), (head, h_clip) = (head, h_clip), (tail, t_clip)
        attrs = {**attrs, **({"ltail": t_clip} if t_clip else {}), **({"lhead": h_clip} if h_clip else {})}
        if port:
            attrs["headport" if head in self.tables else "tailport"] = port
        self.dot.edge(tail, head, id=edge_id, **attrs)

    def _anchor(self, end: str) -> tuple[str, str]:
        """The node an edge attaches to, and for a cluster end the cluster it is clipped to ('' if none)."""
        cluster = self.model.clusters.get(end)
        if end in self.tables or cluster is None:
            return end, ""
        return cluster.members[len(cluster.members) // 2], f"cluster_{_slug(cluster.id)}"

    def band(self, bundle: Bundle) -> None:
        """The CSOs' lines to one end as one grey band from that end to its column of the CSO table."""
        names = ", ".join(strand_label(self.model, self._cso(bundle, ln)) for ln in bundle.lines)
        tip = f"{self.model.label(bundle.end)} – {self.model.label(bundle.group)}: " + ngettext(
            "{n} line ({strands}), rated in the table", "{n} lines ({strands}), rated in the table",
            len(bundle.lines)).format(n=len(bundle.lines), strands=names)
        self._join(bundle.end, bundle.group, f"band-{_slug(bundle.end)}",
                   {**BUNDLE_STYLE, "class": "band", "tooltip": graphviz.escape(shown(tip))},
                   port="" if self._row_of(bundle.end) == ROW["cso"] else f"{_port(bundle.end)}:n")

    def _row_of(self, end: str) -> int:
        """The row of the picture an end is in."""
        return ROW[self._kind(end)]

    def _cso(self, bundle: Bundle, line: ScoredLine) -> str:
        """The strand of a bundled line's CSO end."""
        cso = self._cso_id(bundle, line)
        return self.model.actors[cso].strand or cso

    def cso_table(self, group: str, members: list[str], bundles: list[Bundle]) -> None:
        """The CSOs' group as one table: a row per CSO (its name), a column per other end (a band arrives
        at its heading), each cell the line's stroke, word and scores, with the line's id and link."""
        bundles = sorted(bundles, key=lambda b: (ROW.get(self._kind(b.end), 0), b.end))
        cell = {(self._cso_id(b, ln), b.end): ln for b in bundles for ln in b.lines}
        head = "".join(f'<td port="{_port(b.end)}" bgcolor="white"><b>{_lines(self.model.label(b.end), 12)}</b></td>'
                       for b in bundles)
        body = []
        for cso in members:
            cells = []
            for b in bundles:
                line = cell.get((cso, b.end))
                cells.append(self._cell(line) if line else '<td bgcolor="white">–</td>')
            body.append(f'<tr><td align="left" bgcolor="{KIND_FILL["cso"]}">'
                        f'{_lines(self.model.label(cso), 18)}</td>{"".join(cells)}</tr>')
        cluster = self.model.clusters.get(group)
        title, lines_to = _lines(cluster.label if cluster else _(group), 22), xml_escape(_("lines to"))
        label = (f'<<table border="1" cellborder="1" cellspacing="0" cellpadding="3" color="#7a7a7a">'
                 f'<tr><td align="left" bgcolor="white"><b>{title}</b>: {lines_to}</td>{head}</tr>'
                 f'{"".join(body)}</table>>')
        self.dot.node(group, label, shape="plaintext", style="", margin="0", id=f"table-{_slug(group)}",
                      fontsize=self.pt)

    def _cso_id(self, bundle: Bundle, line: ScoredLine) -> str:
        """A bundled line's CSO end."""
        return line.to if line.from_ == bundle.end else line.from_

    def _kind(self, end: str) -> str:
        """The kind of an end (a cluster's: its members')."""
        actor = self.model.actors.get(end)
        if actor is not None:
            return actor.kind
        cluster = self.model.clusters[end]
        return self.model.actors[cluster.members[0]].kind

    def _cell(self, line: ScoredLine) -> str:
        """One line as a table cell: a stroke in its colour, its word and scores; its id, link and tooltip."""
        rating, label = self._look(line)
        colour = EDGE_STYLE[rating]["color"].split(":")[0]
        text = xml_escape(label)
        if line.relationship == self.highlight:
            text = f"<b>▶ {text}</b>"
        href = (self.links or {}).get(line.relationship, f"#rel-{line.relationship}")
        tip = line_tooltip(self.model, line, self.looks.get(line.key) if self.looks else None)
        return (f'<td align="left" bgcolor="white" id="{line_id(line)}" href="{xml_escape(href)}" target="_top" '
                f'title="{xml_escape(tip)}"><font color="{colour}">{LEGEND_STROKE[rating][:3]}</font> {text}</td>')


def _port(end: str) -> str:
    return "p" + _slug(end).replace("-", "_")


def _lines(text: str, width: int) -> str:
    """Text for an HTML-like label: escaped, wrapped at `width` characters."""
    return "<br/>".join(xml_escape(t) for t in textwrap.wrap(shown(text), width, break_on_hyphens=False, break_long_words=False)) or "&#160;"


LEGEND_STROKE = {"green": "━━━━", "amber": "╺╸╺╸╺", "red": "••••", "n/a": "════", "unscored": "╌╌╌╌"}


def _legend(dot: graphviz.Graph, pt: str, rows: list[tuple[str, str, str]], heading: str, rest: str) -> None:
    """A key as one table node: its heading, then a line sample in each style's colour and what it means."""
    cells = "".join(f'<tr><td align="left"><font color="{colour}">{stroke}</font></td>'
                    f'<td align="left">{xml_escape(text)}</td></tr>' for colour, stroke, text in rows)
    dot.node("legend", f'<<table border="1" color="#b5b5b5" cellborder="0" cellspacing="1" cellpadding="2">'
             f'<tr><td colspan="2" align="left"><b>{xml_escape(heading)}</b>: {xml_escape(rest)}</td></tr>'
             f"{cells}</table>>", shape="plaintext", style="", id="legend", fontsize=pt)


def render(dot_source: str, fmt: str = "svg", dpi: int | None = None) -> bytes:
    """Lay out DOT with Graphviz's `dot` (needs the binary) into svg, png or pdf bytes (a png at `dpi`
    dots per inch, Graphviz's 96 unless given)."""
    if dpi is not None:
        dot_source = dot_source.replace("{", f"{{\n\tdpi={dpi:d}", 1)
    return graphviz.Source(dot_source).pipe(format=fmt)


def inline_svg(svg: str, alt: str | None = None) -> str:
    """Graphviz SVG made to sit inside HTML: no XML prolog, doctype or comments; scales to its box; an
    image to assistive technology, named by `alt` (as its aria-label and its title)."""
    start = svg.index("<svg")
    body = re.sub(r"<!--.*?-->", "", svg[start:], flags=re.S)
    # Graphviz titles each node, edge and group by its name in the DOT source (an id such as
    # "cluster_government-ministries"), which a browser shows on hover: our own tooltips say it in words.
    body = re.sub(r"(<g id=\"[^\"]*\" class=\"(?:node|edge|cluster)[^\"]*\">)\s*<title>[^<]*</title>", r"\1", body)
    label = f' aria-label="{xml_escape(shown(alt))}"' if alt else ""
    opening = f'<svg width="100%" role="img"{label}'
    body = re.sub(r'<svg width="[^"]*" height="[^"]*"', lambda found: opening, body, count=1)  # the text taken as is
    if alt:
        title = f"<title>{xml_escape(shown(alt))}</title>"
        body = body.replace("<title>systems_map</title>", title, 1)
        start = body.index(">") + 1
        body = f"{body[:start]}\n{title}{body[start:]}"  # the svg's own title: a tagged PDF's Alt text
    return body


def map_caption(where: str, target: bool = False) -> str:
    """What a map shows, for its caption in print and its text alternative on screen; `where` names the
    assessment (country, date)."""
    if target:
        return _("Gap to target, {where}: each line by the points still to gain to its target, scores now → "
                 "target").format(where=where)
    return _("Systems map of {where}, lines by rating").format(where=where)


def prefixed_ids(svg: str, prefix: str) -> str:
    """The SVG with every id prefixed, so that a second map on the same page repeats none of the first's."""
    return re.sub(r'\bid="', f'id="{prefix}', svg)


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
