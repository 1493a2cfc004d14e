"""Review queue: what waits for a reviewer across every assessment: submitted assessments and the lines
submitted for review, each with who submitted it and when; select one to open it."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from base.i18n import _, ngettext

from exports.history_words import step_words
from ui.state import choose, reader_time, stored, workspace

st.title(_("Review queue"))
ws = workspace()
queue = ws.review_queue()
if not queue:
    st.success(_("Nothing waits for review: no assessment or line is submitted."), icon=":material/done_all:")
    st.stop()

rows = []
for summary, relationship in queue:
    m = stored(summary.id)[2]
    step = ws.last_review_step(summary.id, relationship) if relationship else None
    rows.append({"Assessment": f"{summary.country} {summary.date} · {summary.title}",
                 "What": m.relationships[relationship].title if relationship in m.relationships
                 else _("The whole assessment"),
                 "Last step": step_words(step.actor, step.action) if step else "",
                 "When": reader_time(step.at) if step else "", "assessment": summary.id, "relationship": relationship})
table = pd.DataFrame(rows)
lines = sum(1 for pair in queue if pair[1])
st.caption(" ".join([ngettext("{n} line", "{n} lines", lines).format(n=lines),
                     ngettext("and {n} assessment submitted for review.", "and {n} assessments submitted for review.",
                              len(queue) - lines).format(n=len(queue) - lines),
                     _("Select a row to open it.")]))
event = st.dataframe(table, hide_index=True, key="review_queue", on_select="rerun", selection_mode="single-row",
                     column_order=["Assessment", "What", "Last step", "When"],  # all of them submitted
                     column_config={"When": st.column_config.TextColumn(_("When")),  # the reader's time
                                    "Assessment": st.column_config.TextColumn(_("Assessment"), width="medium"),
                                    "What": st.column_config.TextColumn(_("What"), width="medium"),
                                    "Last step": st.column_config.TextColumn(_("Last step"))})
picked = event.selection.rows if event is not None else []
if picked:
    row = table.iloc[picked[0]]
    choose(row["assessment"])
    if pd.notna(row["relationship"]):
        st.session_state["relationship"] = row["relationship"]
        st.switch_page(st.session_state["pages"]["assess"],
                       query_params={"assessment": row["assessment"], "relationship": row["relationship"]})
    st.switch_page(st.session_state["pages"]["overview"], query_params={"assessment": row["assessment"]})
