"""Compare: two assessments of the same model: what moved up or down, and their maps side by side;
then the country's progress over time across all its assessments."""

import altair as alt
import pandas as pd
import streamlit as st

from base.i18n import N_, Translated, _, ngettext, number
from scoring.progress import compared_pair, country_trend, same_country, timeline

from scoring import compare
from scoring.ratings import RATINGS
from store.repository import choice_labels
from ui.components import country_and_date, rating_counts, systems_map, wrapping_row
from ui.state import chosen, repository, stored
from ui.text import RATING_MARK, md, scores

ARROW = Translated({"up": N_("▲ up"), "down": N_("▼ down"), "same": N_("= same"), "changed": N_("↔ changed"),
                    "added": N_("+ added"), "removed": N_("− removed")})  # how a line moved, with its mark
COLOURS = ["#1b7837", "#d36b00", "#b2182b", "#bdbdbd", "#f0f0f0"]  # the ratings' colours, in the order of RATINGS

st.title(_("Compare assessments"))
summaries = {s.id: s for s in repository().list()}
ids = list(summaries)
if len(ids) < 2:
    st.info(_("Import a second assessment (Data in / out) to compare."))
    st.stop()
c1, c2 = st.columns(2)
labels = choice_labels(summaries.values())
current = summaries[chosen()]  # by default the assessment chosen in the sidebar and another of its country
pair = compared_pair(list(summaries.values()), current) or (next(s for s in summaries.values() if s != current),
                                                             current)
before_id = c1.selectbox(_("Before"), ids, index=ids.index(pair[0].id), key="before", format_func=labels.get)
after_id = c2.selectbox(_("After"), ids, index=ids.index(pair[1].id), key="after", format_func=labels.get)
(before, before_lines, before_model), (after, after_lines, after_model) = stored(before_id), stored(after_id)
if before.assessment.country != after.assessment.country:
    st.warning(_("{before} and {after} are assessments of two countries: their lines are matched by the method's "
                 "relationships, between agencies that differ from one country to the other.").format(
                     before=md(before.assessment.country), after=md(after.assessment.country)),
               icon=":material/public:")
if before.assessment.model_version != after.assessment.model_version:
    st.error(_("These assessments use different versions of the method ({before} and {after}), so their lines cannot "
               "be compared.").format(before=md(before.assessment.model_version),
                                      after=md(after.assessment.model_version)))
    st.stop()
for s in (before, after):
    if s.assessment.illustrative:
        st.warning(_("{title} is an illustrative example, not an official assessment.").format(
            title=md(s.assessment.title)), icon=":material/info:")

changes = compare(before_lines, after_lines)
moved = {d: sum(c.direction == d for c in changes) for d in ARROW}
row = wrapping_row("large")
for label, n in ((_("▲ Moved up"), moved["up"]), (_("▼ Moved down"), moved["down"]), (_("= Same band"), moved["same"]),
                 (_("↔ Other changes"), moved["changed"] + moved["added"] + moved["removed"])):
    row.metric(label, number(n), width="content")

table = pd.DataFrame([{
    _("Relationship"): (c.after or c.before).title, _("Strand"): after_model.strand_label(c.strand),
    _("Before"): RATING_MARK[c.before.rating] if c.before else "", _("Scores before"):
        scores(c.before.framework, c.before.action) if c.before else "",
    _("After"): RATING_MARK[c.after.rating] if c.after else "",
    _("Scores after"): scores(c.after.framework, c.after.action) if c.after else "",
    _("Movement"): ARROW[c.direction], _("Δ total"): "–" if c.score_delta is None else f"{c.score_delta:+d}" if c.score_delta else "0",
} for c in changes])
only_moved = st.toggle(_("Only lines that moved"), value=True, key="only_moved")
st.dataframe(table[[c.direction != "same" for c in changes]] if only_moved else table, hide_index=True,
             key="changes", width="stretch")

left, right = st.columns(2, gap="medium")
for col, s, ls, m in ((left, before, before_lines, before_model), (right, after, after_lines, after_model)):
    with col:
        st.markdown(f"## {md(s.assessment.country)} {md(s.assessment.date)}")
        rating_counts(ls)
        systems_map(m, ls, where=country_and_date(s.assessment))

country = after.assessment.country
st.header(_("Progress over time: {country}").format(country=md(country)))
series = same_country([stored(i)[0].assessment for i in ids], country)
st.caption((ngettext("{n} assessment of {country}, oldest first (illustrative ones included, marked in the table).",
                     "{n} assessments of {country}, oldest first (illustrative ones included, marked in the table).",
                     len(series)) if any(a.illustrative for a in series)
            else ngettext("{n} assessment of {country}, oldest first.", "{n} assessments of {country}, oldest first.",
                          len(series))).format(n=number(len(series)), country=md(country)))
heads = {"when": _("Assessment"), "date": _("Date"), "assessment": _("Id"), "illustrative": _("Illustrative example"),
         "strand": _("Strand"), "framework": _("Framework (0-3)"), "action": _("Action (0-3)"),
         "total": _("Total (0-6)"), "rating": _("Rating"), "lines": _("Lines")}  # the columns of the charts' data
trend = country_trend(after_model, series)
marks = [RATING_MARK[r] for r in RATINGS]
trend = trend.assign(rating=trend["rating"].map(dict(zip(RATINGS, marks))), order=trend["rating"].cat.codes)
st.altair_chart(alt.Chart(trend).mark_bar(stroke="#222", strokeWidth=0.5).encode(
    x=alt.X("when:O", title=heads["when"], sort=None), y=alt.Y("lines:Q", title=heads["lines"]),
    color=alt.Color("rating:N", sort=marks, title=heads["rating"], scale=alt.Scale(domain=marks, range=COLOURS)),
    order=alt.Order("order:Q"), tooltip=[alt.Tooltip(c, title=heads[c]) for c in ("when", "rating", "lines")]),
    width="stretch")
titles = {rid: rel.title for rid, rel in after_model.relationships.items()}
rid = st.selectbox(_("Timeline of a relationship"), list(titles), format_func=titles.get, key="timeline_relationship")
line = timeline(after_model, series, rid)
line = line.assign(strand=line["strand"].map(after_model.strand_label), rating=line["rating"].map(RATING_MARK.get))
st.dataframe(line.astype(object).where(line.notna(), "–"), hide_index=True, width="stretch", key="timeline",
             column_order=[c for c in line.columns if c != "assessment"],  # "when" names it, in words
             column_config={c: st.column_config.Column(heads[c]) for c in line.columns})
if len(line) > 1:
    per_strand = ({"strokeDash": alt.StrokeDash("strand:N", title=heads["strand"])} if line["strand"].ne("").any()
                  else {})
    st.altair_chart(alt.Chart(line).mark_line(point=True).encode(
        x=alt.X("when:O", title=heads["when"], sort=None),
        y=alt.Y("total:Q", title=heads["total"], scale=alt.Scale(domain=[0, 6])),
        tooltip=[alt.Tooltip(c, title=heads[c]) for c in ("when", "strand", "framework", "action", "rating")],
        **per_strand), width="stretch")
