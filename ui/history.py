"""History: the audit trail of the chosen assessment (every change: who, when, old and new) in words,
with export."""

from __future__ import annotations

import streamlit as st

from base.i18n import _, ngettext, number

from exports.csv_text import csv_bytes
from exports.history_words import HEADINGS, history_in_words

from ui.state import chosen, stored, workspace
from ui.text import md

current, _lines, m = stored(chosen())
a = current.assessment
st.title(_("History"))
st.markdown(f"## {md(a.country)} {md(a.date)} · {md(a.title)}")
if current.previous:
    previous = stored(current.previous)[0].assessment
    st.caption(_("Started as a new version of {assessment}.").format(
        assessment=f"{md(previous.country)} {md(previous.date)} · {md(previous.title)}"))
log = workspace().history(a.id)
titles = {rid: rel.title for rid, rel in m.relationships.items()}
changed = sorted(set(log["relationship"].dropna()), key=lambda r: titles.get(r, r))
which = st.selectbox(_("Relationship"), [None, *changed],
                     key="history_relationship",
                     format_func=lambda r: _("All changes to the assessment") if r is None else titles.get(r, r))
shown = history_in_words(m, log if which is None else log[log["relationship"] == which]).iloc[::-1]
st.caption(ngettext("{n} change, newest first.", "{n} changes, newest first.", len(shown)).format(n=number(len(shown))))
st.dataframe(shown, hide_index=True, width="stretch", key="history_table",  # who: in the sentence (and the CSV)
             column_order=["When (UTC)", "What", "Relationship", "Changed", "Old value", "New value"],
             column_config={"When (UTC)": st.column_config.DatetimeColumn(HEADINGS["When (UTC)"],
                                                                          format="YYYY-MM-DD HH:mm", width=130),
                            **{c: st.column_config.TextColumn(HEADINGS[c], width=w) for c, w in (
                                ("What", 290), ("Relationship", 200), ("Changed", 160), ("Old value", 130),
                                ("New value", 130))}})
st.download_button(_("Export the log (CSV)"), csv_bytes(shown.rename(columns=HEADINGS)),
                   file_name=f"{a.id}-history.csv",
                   mime="text/csv", icon=":material/download:", key="export_history")
