"""Overview: the systems map coloured by rating beside the rating counts and the grid."""

import pandas as pd
import streamlit as st

from exports.systems_map import systems_map_dot
from scoring import RATINGS, count_ratings, score_assessment
from ui.loaders import assessments, model

RATING_MARK = {"green": "● GREEN", "amber": "◆ AMBER", "red": "▲ RED", "n/a": "○ N/A", "unscored": "– UNSCORED"}

m = model()
available = assessments()
st.title("Systems map")
choice = st.selectbox("Assessment", list(available), key="assessment",
                      format_func=lambda i: f"{available[i].country} {available[i].date} – {available[i].title}")
a = available[choice]
if a.illustrative:
    st.warning("Illustrative example, not an official assessment.", icon=":material/info:")
st.caption(f"{a.author} · model {a.model_version} · source: {a.source}")

lines = score_assessment(m, a)
counts = count_ratings(lines)
for col, rating in zip(st.columns(len(RATINGS)), RATINGS):
    col.metric(RATING_MARK[rating], counts[rating])

st.graphviz_chart(systems_map_dot(m, lines), width="stretch")
st.subheader("Grid")
grid = pd.DataFrame(
    [{"Row": ln.grid_row, "Relationship": ln.title, "Strand": ln.strand or "",
      "Framework": ln.framework, "Action": ln.action, "Rating": RATING_MARK[ln.rating]}
     for ln in lines])
st.dataframe(grid, hide_index=True, key="grid",
             column_config={"Relationship": st.column_config.TextColumn(width="large")})
