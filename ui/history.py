"""History: the audit trail of the chosen assessment (every change: who, when, old and new), with export."""

from __future__ import annotations

import streamlit as st

from exports.csv_text import csv_bytes

from ui.state import chosen, stored, workspace
from ui.text import md

current, _, m = stored(chosen())
a = current.assessment
st.title("History")
st.markdown(f"#### {md(a.country)} {md(a.date)} · {md(a.title)}")
if current.previous:
    st.caption(f"Started as a new version of {md(current.previous)}.")
log = workspace().history(a.id)
titles = {rid: rel.title for rid, rel in m.relationships.items()}
which = st.selectbox("Relationship", [None, *sorted(set(log["relationship"].dropna()))], key="history_relationship",
                     format_func=lambda r: "All changes to the assessment" if r is None else titles.get(r, r))
shown = log if which is None else log[log["relationship"] == which]
st.caption(f"{len(shown):,} change(s), newest first. Old and new values are shown as stored (text).")
st.dataframe(shown.iloc[::-1], hide_index=True, width="stretch", key="history_table",
             column_config={"at": st.column_config.DatetimeColumn("When (UTC)", format="YYYY-MM-DD HH:mm:ss"),
                            "actor": "Who", "action": "What", "relationship": "Relationship", "field": "Field",
                            "old": st.column_config.TextColumn("Old value", width="medium"),
                            "new": st.column_config.TextColumn("New value", width="medium"),
                            "assessment": None})
st.download_button("Export the log (CSV)", csv_bytes(shown), file_name=f"{a.id}-history.csv",
                   mime="text/csv", icon=":material/download:", key="export_history")
