"""The systems map as a clickable component: hovering a line shows its two actors, scores and rating;
clicking it (or Enter on it, keyboard focus on each line) reports its relationship back to Python, with
no page reload (a reload would start a new session and sign the user out)."""

from __future__ import annotations

import json

import streamlit as st

from base.i18n import _

from exports.map_lines import line_id
from scoring import ScoredLine

# The SVG is Graphviz's: every label and tooltip in it was written XML-escaped, so no user text in it is
# markup. The script only wires up the lines named in `data.lines` (element id → relationship).
_JS = """
export default function (component) {
  const { data, setTriggerValue, parentElement } = component;
  const box = parentElement.querySelector(".ffgrid-map");
  box.innerHTML = data.svg;
  const svg = box.querySelector("svg");
  if (svg) { svg.setAttribute("role", "group"); svg.setAttribute("aria-label", data.label); }  // its lines are links
  const lines = JSON.parse(data.lines);
  const open = (event, rid) => { event.preventDefault(); event.stopPropagation(); setTriggerValue("opened", rid); };
  for (const el of box.querySelectorAll("g[id]")) {
    const rid = lines[el.id];
    if (!rid || (el.parentElement && el.parentElement.closest("g[id]") && lines[el.parentElement.closest("g[id]").id])) continue;
    const tip = el.querySelector("a") ? el.querySelector("a").getAttribute("xlink:title") : null;
    el.setAttribute("tabindex", "0");
    el.setAttribute("role", "link");
    if (tip) el.setAttribute("aria-label", tip);
    el.classList.add("ffgrid-line");
    el.addEventListener("click", (e) => open(e, rid));
    el.addEventListener("keydown", (e) => { if (e.key === "Enter" || e.key === " ") open(e, rid); });
  }
}
"""
_CSS = """
.ffgrid-map svg { width: 100%; height: auto; }
.ffgrid-line { cursor: pointer; }
.ffgrid-line:hover path, .ffgrid-line:focus path { stroke-opacity: 0.65; }
.ffgrid-line:focus { outline: 3px solid #1a5fb4; outline-offset: 2px; }
"""
# In the page's own DOM (no shadow root), like the other maps: the same selectors find its lines.
_MAP = st.components.v2.component("ffgrid.systems_map", html='<figure class="ffgrid-map" style="margin:0"></figure>',
                                  css=_CSS, js=_JS, isolate_styles=False)


def element_ids(lines: list[ScoredLine]) -> dict[str, str]:
    """Each SVG element that stands for a line (an edge, a CSO table cell, a grey line's box) → relationship."""
    ids: dict[str, str] = {}
    for ln in lines:
        for eid in (line_id(ln), f"a_{line_id(ln)}"):
            ids[eid] = ln.relationship
    return ids


def clickable_map(svg: str, lines: list[ScoredLine], key: str, alt: str = "Systems map.") -> str | None:
    """Show the map (a group of links named by `alt` and how to open a line); the relationship of the line
    just clicked, if one was."""
    label = f"{alt} " + _("Each line is a relationship between two actors: Tab to a line and press Enter to open it.")
    # Every value a string: Streamlit looks for a table in any other (and imports pandas to do so).
    result = _MAP(key=key, data={"svg": svg, "lines": json.dumps(element_ids(lines)), "label": label},
                  on_opened_change=lambda: None)
    return result.opened if result is not None else None
