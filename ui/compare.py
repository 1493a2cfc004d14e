"""Compare: two assessments of the same model: what moved up or down, and their maps side by side;
then the country's progress over time across all its assessments."""

import altair as alt
import pandas as pd
import streamlit as st

from scoring.progress import country_trend, same_country, timeline

from scoring import compare
from store.repository import choice_labels
from ui.components import country_and_date, rating_counts, systems_map
from ui.state import repository, stored
from ui.text import RATING_MARK, md, scores

ARROW = {"up": "▲ up", "down": "▼ down", "same": "= same", "changed": "↔ changed", "added": "+ added",
         "removed": "− removed"}

st.title("Compare assessments")
summaries = {s.id: s for s in repository().list()}
ids = list(summaries)
if len(ids) < 2:
    st.info("Import a second assessment (Data in / out) to compare.")
    st.stop()
c1, c2 = st.columns(2)
labels = choice_labels(summaries.values())
before_id = c1.selectbox("Before", ids, index=0, key="before", format_func=labels.get)
after_id = c2.selectbox("After", ids, index=len(ids) - 1, key="after", format_func=labels.get)
(before, before_lines, before_model), (after, after_lines, after_model) = stored(before_id), stored(after_id)
if before.assessment.model_version != after.assessment.model_version:
    st.error(f"These assessments use different versions of the method ({md(before.assessment.model_version)} and "
             f"{md(after.assessment.model_version)}), so their lines cannot be compared.")
    st.stop()
for s in (before, after):
    if s.assessment.illustrative:
        st.warning(f"{md(s.assessment.title)} is an illustrative example, not an official assessment.",
                   icon=":material/info:")

changes = compare(before_lines, after_lines)
moved = {d: sum(c.direction == d for c in changes) for d in ARROW}
cols = st.columns(4)
cols[0].metric("▲ Moved up", moved["up"])
cols[1].metric("▼ Moved down", moved["down"])
cols[2].metric("= Same band", moved["same"])
cols[3].metric("↔ Other changes", moved["changed"] + moved["added"] + moved["removed"])

table = pd.DataFrame([{
    "Relationship": (c.after or c.before).title, "Strand": c.strand or "",
    "Before": RATING_MARK[c.before.rating] if c.before else "", "Scores before":
        scores(c.before.framework, c.before.action) if c.before else "",
    "After": RATING_MARK[c.after.rating] if c.after else "",
    "Scores after": scores(c.after.framework, c.after.action) if c.after else "",
    "Movement": ARROW[c.direction], "Δ total": c.score_delta,
} for c in changes])
only_moved = st.toggle("Only lines that moved", value=True, key="only_moved")
st.dataframe(table[table["Movement"] != ARROW["same"]] if only_moved else table, hide_index=True,
             key="changes", width="stretch")

left, right = st.columns(2, gap="medium")
for col, s, ls, m in ((left, before, before_lines, before_model), (right, after, after_lines, after_model)):
    with col:
        st.markdown(f"## {md(s.assessment.country)} {md(s.assessment.date)}")
        rating_counts(ls)
        systems_map(m, ls, where=country_and_date(s.assessment))

st.header(f"Progress over time: {md(after.assessment.country)}")
series = same_country([stored(i)[0].assessment for i in ids], after.assessment.country)
st.caption(f"{len(series)} assessment(s) of {md(after.assessment.country)}, oldest first"
           + (" (illustrative ones included, marked in the table)." if any(a.illustrative for a in series) else "."))
trend = country_trend(after_model, series)
marks = {"green": "● GREEN", "amber": "◆ AMBER", "red": "▲ RED", "n/a": "○ N/A", "unscored": "– UNSCORED"}
trend = trend.assign(rating=trend["rating"].map(marks), order=trend["rating"].cat.codes)
st.altair_chart(alt.Chart(trend).mark_bar(stroke="#222", strokeWidth=0.5).encode(
    x=alt.X("when:O", title="Assessment", sort=None), y=alt.Y("lines:Q", title="Lines"),
    color=alt.Color("rating:N", sort=list(marks.values()), title="Rating", scale=alt.Scale(
        domain=list(marks.values()), range=["#1b7837", "#d36b00", "#b2182b", "#bdbdbd", "#f0f0f0"])),
    order=alt.Order("order:Q"), tooltip=["when", "rating", "lines"]), width="stretch")
titles = {rid: rel.title for rid, rel in after_model.relationships.items()}
rid = st.selectbox("Timeline of a relationship", list(titles), format_func=titles.get, key="timeline_relationship")
line = timeline(after_model, series, rid)
st.dataframe(line.assign(rating=line["rating"].map(marks)), hide_index=True, width="stretch", key="timeline")
if len(line) > 1:
    per_strand = {"strokeDash": alt.StrokeDash("strand:N", title="Strand")} if line["strand"].ne("").any() else {}
    st.altair_chart(alt.Chart(line).mark_line(point=True).encode(
        x=alt.X("when:O", title="Assessment", sort=None), y=alt.Y("total:Q", title="Total score (0-6)",
                                                        scale=alt.Scale(domain=[0, 6])),
        tooltip=["when", "strand", "framework", "action", "rating"], **per_strand), width="stretch")
