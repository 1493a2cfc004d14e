"""Standards: every standard with the relationships that cite it and their ratings."""

import pandas as pd
import streamlit as st

from scoring import by_standard
from ui.components import header
from ui.state import chosen, stored
from ui.text import RATING_MARK, md, scores

current, lines, m = stored(chosen())
rollups = by_standard(m, lines)

st.title("Standards")
header(current.assessment)
only_red = [sid for sid, r in rollups.items() if r.only_red]
if only_red:
    st.error(f"**{len(only_red)} standard(s) are cited only by red lines:** "
             + ", ".join(str(s) for s in only_red) + ". These are where the system is weakest.",
             icon=":material/warning:")


def _marks(counts: dict[str, int]) -> str:
    return "  ".join(f"{RATING_MARK[r].split()[0]} {n}" for r, n in counts.items() if n)


table = pd.DataFrame([{
    "Standard": sid,
    "Text": m.standards[sid].text or "(text to be entered)",
    "Cited by": len(r.lines),
    "Ratings": _marks(r.counts),
    "Stands out": "▲ only red lines" if r.only_red else "",
} for sid, r in rollups.items()])


def why_none_only_red() -> str:
    """Why no standard is cited only by red lines, in words."""
    red = [ln for ln in lines if ln.rating == "red"]
    if not red:
        return "no line is red."
    if not any(ln.relationship in {c.relationship for r in rollups.values() for c in r.lines} for ln in red):
        return "no red line cites a standard."
    return "every standard a red line cites is also cited by a line rated amber or green."


show_only_red = st.toggle("Only standards cited only by red lines", key="only_red")
shown = table[table["Stands out"] != ""] if show_only_red else table
if shown.empty:
    st.info(f"No standard is cited only by red lines: {why_none_only_red()}", icon=":material/info:")
else:  # a table, not a grid: every standard's text is shown whole, wrapped
    st.table(shown.assign(Standard=shown["Standard"].astype(str)), hide_index=True)

sid = st.selectbox("Lines citing a standard", list(rollups), key="standard",
                   format_func=lambda s: f"Standard {s}" + ("  ▲ only red lines" if rollups[s].only_red else ""))
st.markdown(md(m.standards[sid].text or "Text to be entered."))
citing = rollups[sid].lines
if citing:
    st.dataframe(pd.DataFrame([{"Relationship": ln.title, "Strand": ln.strand or "",
                                "Scores": scores(ln.framework, ln.action), "Rating": RATING_MARK[ln.rating]}
                               for ln in citing]), hide_index=True, width="stretch")
else:
    st.info("No relationship cites this standard.")
