"""Countries: several countries' assessments side by side, line by line, and one line across them."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from scoring.countries import ABSENT, compare_countries
from store.repository import choice_labels
from ui.state import method, repository, stored
from ui.text import RATING_MARK, md

MARK = {**RATING_MARK, ABSENT: "✕ NOT IN THIS SYSTEM"}
FILL = {"green": "#d9f0d3", "amber": "#fde0c5", "red": "#f4c7c3", "n/a": "#eeeeee", "unscored": "#ffffff",
        ABSENT: "#f7f7f7"}

st.title("Countries side by side")
summaries = {s.id: s for s in repository().list()}
newest: dict[str, str] = {}
for s in sorted(summaries.values(), key=lambda s: (s.date, s.id)):
    newest[s.profile or s.country] = s.id  # the newest assessment of each country
labels = choice_labels(summaries.values())
ids = st.multiselect("Assessments", list(summaries), default=list(newest.values()), format_func=labels.get,
                     key="countries_chosen", help="By default the newest assessment of each country.")
if not ids:
    st.info("Choose one or more assessments.")
    st.stop()
entries = [(stored(i)[0].assessment, stored(i)[2]) for i in ids]
comparison = compare_countries(entries)
heads = {c.id: f"{c.assessment.country} {c.assessment.date}" for c in comparison.columns}
if len(set(heads.values())) < len(heads):
    heads = {c.id: f"{c.assessment.country} {c.assessment.date} ({c.id})" for c in comparison.columns}
general = method().model

counts = comparison.as_json()["counts"]
st.dataframe(pd.DataFrame([{"Assessment": heads[i], **{MARK[r]: n for r, n in counts[i].items()}}  # type: ignore[union-attr]
                           for i in ids]), hide_index=True, width="stretch", key="countries_counts")

rows = [{"Line": comparison.title(k, general), **{heads[c.id]: MARK[comparison.ratings[k][c.id]]
                                                 for c in comparison.columns}} for k in comparison.keys]
table = pd.DataFrame(rows)
words = {v: r for r, v in MARK.items()}
styled = table.style.map(lambda v: f"background-color: {FILL[words[v]]}" if v in words else "",
                         subset=list(heads.values()))
st.dataframe(styled, hide_index=True, width="stretch", key="countries_heatmap",
             height=35 * (len(table) + 1) + 3, column_config={"Line": st.column_config.TextColumn(width="large")})
st.caption("Each cell gives the rating in words and a symbol. ✕ marks a line that is not part of that country's "
           "system (its profile leaves it out), which is not the same as an assessor's N/A.")

st.subheader("One relationship across countries")
key = st.selectbox("Relationship", list(comparison.keys), format_func=lambda k: comparison.title(k, general),
                   key="countries_line")
for c in comparison.columns:
    with st.container(border=True):
        st.markdown(f"**{md(heads[c.id])}** · {MARK[comparison.ratings[key][c.id]]}")
        if key not in c.lines:
            st.caption(md(comparison.absent_reason(key, c)))
            continue
        st.caption(md(c.lines[key].title))
        line = c.assessment.line(key[0])
        for label, text in (("Framework", line.situation.framework if line else None),
                            ("Action", line.situation.action if line else None)):
            if text:
                st.markdown(f"*{label}:*")
                st.text(text)
        if line is None or not (line.situation.framework or line.situation.action):
            st.caption("No description of the national situation yet.")
