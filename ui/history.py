"""History: the audit trail of the chosen assessment (every change: who, when, old and new) in words,
with export."""

from __future__ import annotations

import streamlit as st

from exports.csv_text import csv_bytes
from exports.history_words import history_in_words

from ui.state import chosen, stored, workspace
from ui.text import md

current, _, m = stored(chosen())
a = current.assessment
st.title("History")
st.markdown(f"## {md(a.country)} {md(a.date)} · {md(a.title)}")
if current.previous:
    previous = stored(current.previous)[0].assessment
    st.caption(f"Started as a new version of {md(previous.country)} {md(previous.date)} · {md(previous.title)}.")
log = workspace().history(a.id)
titles = {rid: rel.title for rid, rel in m.relationships.items()}
which = st.selectbox("Relationship", [None, *sorted(set(log["relationship"].dropna()), key=lambda r: titles.get(r, r))],
                     key="history_relationship",
                     format_func=lambda r: "All changes to the assessment" if r is None else titles.get(r, r))
shown = history_in_words(m, log if which is None else log[log["relationship"] == which]).iloc[::-1]
st.caption(f"{len(shown):,} change(s), newest first.")
st.dataframe(shown, hide_index=True, width="stretch", key="history_table",  # who: in the sentence (and the CSV)
             column_order=["When (UTC)", "What", "Relationship", "Changed", "Old value", "New value"],
             column_config={"When (UTC)": st.column_config.DatetimeColumn(format="YYYY-MM-DD HH:mm", width=130),
                            "What": st.column_config.TextColumn(width=290),
                            "Relationship": st.column_config.TextColumn(width=200),
                            "Changed": st.column_config.TextColumn(width=160),
                            "Old value": st.column_config.TextColumn(width=130),
                            "New value": st.column_config.TextColumn(width=130)})
st.download_button("Export the log (CSV)", csv_bytes(shown), file_name=f"{a.id}-history.csv",
                   mime="text/csv", icon=":material/download:", key="export_history")
