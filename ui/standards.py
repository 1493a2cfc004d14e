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
show_only_red = st.toggle("Only standards cited only by red lines", key="only_red")
st.dataframe(table[table["Stands out"] != ""] if show_only_red else table, hide_index=True,
             width="stretch", column_config={"Text": st.column_config.TextColumn(width="large"),
                                             "Standard": st.column_config.NumberColumn(width=70)})

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
