"""Countries: several countries' assessments side by side, line by line, and one line across them."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from base.i18n import _, language
from exports.spreadsheet import FILL
from framework.translations import in_language
from scoring.countries import compare_countries
from store.repository import choice_labels
from ui.state import method, repository, stored
from ui.text import md

st.title(_("Countries side by side"))
summaries = {s.id: s for s in repository().list()}
newest: dict[str, str] = {}
for s in sorted(summaries.values(), key=lambda s: (s.date, s.id)):
    newest[s.profile or s.country] = s.id  # the newest assessment of each country
labels = choice_labels(summaries.values())
ids = st.multiselect(_("Assessments"), list(summaries), default=list(newest.values()), format_func=labels.get,
                     key="countries_chosen", help=_("By default the newest assessment of each country."))
if not ids:
    st.info(_("Choose one or more assessments."))
    st.stop()
comparison = compare_countries([(stored(i)[0].assessment, stored(i)[2]) for i in ids])
table = comparison.table(in_language(method().model, language()))  # the same words as the workbook's Countries sheet and the report's annex
examples = [head for c, head in zip(comparison.columns, table.headings) if c.assessment.illustrative]
if examples:
    st.warning(_("Illustrative example, not an official assessment: {assessments}.").format(
        assessments=md("; ".join(examples))), icon=":material/info:")

line_head = _("Line")
st.dataframe(pd.DataFrame([{_("Assessment"): head, **{word: n[i] for word, n in table.counts}}
                           for i, head in enumerate(table.headings)]), hide_index=True, width="stretch",
             key="countries_counts")
heatmap = pd.DataFrame([{line_head: row.line + (f" ({row.strand})" if row.strand else ""),
                         **{head: cell.text for head, cell in zip(table.headings, row.cells)}} for row in table.rows])
fill = {cell.text: FILL[cell.rating] for row in table.rows for cell in row.cells if cell.rating in FILL}
styled = heatmap.style.map(lambda v: f"background-color: #{fill[v]}" if v in fill else "", subset=list(table.headings))
st.dataframe(styled, hide_index=True, width="stretch", key="countries_heatmap",
             height=35 * (len(heatmap) + 1) + 3, column_config={line_head: st.column_config.TextColumn(width="large")})
st.caption(_("Each cell gives the rating in words and a symbol. ABSENT marks a line that is not part of that "
             "country's system (its profile leaves it out), which is not the same as an assessor's N/A."))

st.header(_("One relationship across countries"))
rows = {row.key: row for row in table.rows}
key = st.selectbox(_("Relationship"), list(rows), key="countries_line",
                   format_func=lambda k: rows[k].line + (f" ({rows[k].strand})" if rows[k].strand else ""))
for c, head, cell in zip(comparison.columns, table.headings, rows[key].cells):
    with st.container(border=True):
        st.markdown(f"**{md(head)}** · {cell.text}")
        if key not in c.lines:
            st.caption(md(cell.reason))
            continue
        st.caption(md(c.lines[key].title))
        line = c.assessment.line(key[0])
        for label, text in ((_("Framework: national situation"), line.situation.framework if line else None),
                            (_("Action: national situation"), line.situation.action if line else None)):
            if text:
                st.markdown(f"*{label}*")
                st.text(text)
        if line is None or not (line.situation.framework or line.situation.action):
            st.caption(_("No description of the national situation yet."))
