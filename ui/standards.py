"""Standards: every standard with the relationships that cite it and their ratings."""

import pandas as pd
import streamlit as st

from base.i18n import N_, Translated, _, ngettext

from scoring import by_standard
from ui.components import header
from ui.state import chosen, stored
from ui.text import RATING_MARK, md, scores

current, lines, m = stored(chosen())
rollups = by_standard(m, lines)

st.title(_("Standards"))
header(current.assessment)
only_red = [sid for sid, r in rollups.items() if r.only_red]
if only_red:
    st.error("**" + ngettext("{n} standard is cited only by red lines:", "{n} standards are cited only by red lines:",
                             len(only_red)).format(n=len(only_red)) + "** " + ", ".join(str(s) for s in only_red)
             + ". " + _("These are where the system is weakest."), icon=":material/warning:")


def _marks(counts: dict[str, int]) -> str:
    return "  ".join(f"{RATING_MARK[r].split()[0]} {n}" for r, n in counts.items() if n)


COLUMNS = Translated({"Standard": N_("Standard"), "Text": N_("Text"), "Cited by": N_("Cited by"),
                      "Ratings": N_("Ratings"), "Stands out": N_("Stands out")})
table = pd.DataFrame([{
    "Standard": sid,
    "Text": m.standards[sid].text or _("(text to be entered)"),
    "Cited by": len(r.lines),
    "Ratings": _marks(r.counts),
    "Stands out": "▲ " + _("only red lines") if r.only_red else "",
} for sid, r in rollups.items()])


def why_none_only_red() -> str:
    """Why no standard is cited only by red lines, in words."""
    red = [ln for ln in lines if ln.rating == "red"]
    if not red:
        return _("no line is red.")
    if not any(ln.relationship in {c.relationship for r in rollups.values() for c in r.lines} for ln in red):
        return _("no red line cites a standard.")
    return _("every standard a red line cites is also cited by a line rated amber or green.")


show_only_red = st.toggle(_("Only standards cited only by red lines"), key="only_red")
shown = table[table["Stands out"] != ""] if show_only_red else table
if shown.empty:
    st.info(_("No standard is cited only by red lines: {why}").format(why=why_none_only_red()), icon=":material/info:")
else:  # a table, not a grid: every standard's text is shown whole, wrapped
    st.table(shown.assign(Standard=shown["Standard"].astype(str)).rename(columns=COLUMNS), hide_index=True)

sid = st.selectbox(_("Lines citing a standard"), list(rollups), key="standard",
                   format_func=lambda s: _("Standard {number}").format(number=s)
                   + ("  ▲ " + _("only red lines") if rollups[s].only_red else ""))
st.markdown(md(m.standards[sid].text or _("Text to be entered.")))
citing = rollups[sid].lines
if citing:
    st.dataframe(pd.DataFrame([{_("Relationship"): ln.title, _("Strand"): m.strand_label(ln.strand) if ln.strand else "",
                                _("Scores"): scores(ln.framework, ln.action), _("Rating"): RATING_MARK[ln.rating]}
                               for ln in citing]), hide_index=True, width="stretch")
else:
    st.info(_("No relationship cites this standard."))
