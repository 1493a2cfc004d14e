"""The Overview's grid as a plain HTML table: a table a screen reader reads as one, and which the browser
draws in a fraction of a data grid's time (the grid was most of the Overview's drawing on every load).
Each relationship is a link: a click (or Enter) opens it without reloading the page, through this
component; a middle click or "open in new tab" follows the link itself.
"""

from __future__ import annotations

from html import escape
from urllib.parse import urlencode

import streamlit as st

from base.i18n import N_, Translated

NUMBERS = ("Row", "Framework", "Action")  # right-aligned
WORDS = ("Rating", "Review", "Target", "Gap")  # on one line
HEADERS = Translated({"Row": N_("Row"), "Relationship": N_("Relationship"), "Strand": N_("Strand"),
                      "Framework": N_("Framework"), "Action": N_("Action"), "Rating": N_("Rating"),
                      "Review": N_("Review"), "Target": N_("Target"), "Gap": N_("Gap")})  # as the header reads

_JS = """
export default function (component) {
  const { data, setTriggerValue, parentElement } = component;
  const box = parentElement.querySelector(".ffgrid-grid-box");
  box.innerHTML = data.html;
  for (const a of box.querySelectorAll("a[data-rid]")) {
    a.addEventListener("click", (e) => {
      if (e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey || e.altKey) return;  // a new tab or window
      e.preventDefault();
      setTriggerValue("opened", a.dataset.rid);
    });
  }
}
"""
_CSS = """
.ffgrid-grid-box { max-width: 100%; overflow-x: auto; }  /* a narrow window scrolls the grid, not cut it */
.ffgrid-grid { border-collapse: collapse; width: 100%; font-size: 0.875rem; line-height: 1.4; }
.ffgrid-grid caption { text-align: left; caption-side: bottom; padding-top: 0.5rem; color: #57534e; }
.ffgrid-grid th, .ffgrid-grid td { border-bottom: 1px solid #e5e3e0; padding: 0.3rem 0.6rem; text-align: left;
                                   vertical-align: top; }
.ffgrid-grid thead th { background: #f4f2f0; font-weight: 600; position: sticky; top: 0; }
.ffgrid-grid .ffgrid-number { text-align: right; }
.ffgrid-grid .ffgrid-word { white-space: nowrap; }
.ffgrid-grid a { color: #1a5fb4; }
.ffgrid-grid a:focus { outline: 3px solid #1a5fb4; outline-offset: 1px; }
.ffgrid-grid tbody tr:hover { background: #f8f7f6; }
"""
_GRID = st.components.v2.component("ffgrid.grid", html='<div class="ffgrid-grid-box"></div>', css=_CSS, js=_JS,
                                   isolate_styles=False)


def grid_html(grid: list[dict[str, object]], assessment: str, columns: list[str], caption: str) -> str:
    """The grid as an HTML table (every cell escaped), each relationship title a link to assess it."""
    head = "".join(f'<th scope="col"{_class(c)}>{escape(HEADERS.get(c, c))}</th>' for c in columns)
    rows = []
    for record in grid:
        cells = []
        for c in columns:
            value = _text(record[c])
            if c == "Relationship":
                href = "assess?" + urlencode({"assessment": assessment, "relationship": record["id"]})
                cells.append(f'<th scope="row"><a href="{escape(href)}" target="_self" '
                             f'data-rid="{escape(str(record["id"]))}">{escape(value)}</a></th>')
            else:
                cells.append(f"<td{_class(c)}>{escape(value)}</td>")
        rows.append(f"<tr>{''.join(cells)}</tr>")
    return (f'<table class="ffgrid-grid"><caption>{escape(caption)}</caption><thead><tr>{head}</tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table>")


def _text(value: object) -> str:
    """A cell as read: nothing for no value."""
    return "" if value is None else str(value)


def _class(column: str) -> str:
    return ' class="ffgrid-number"' if column in NUMBERS else ' class="ffgrid-word"' if column in WORDS else ""


def grid_table(grid: list[dict[str, object]], assessment: str, columns: list[str], key: str,
               caption: str) -> str | None:
    """Show the grid; the relationship whose link was just clicked, if one was."""
    result = _GRID(key=key, data={"html": grid_html(grid, assessment, columns, caption)},
                   on_opened_change=lambda: None)
    return result.opened if result is not None else None
