"""Overview: the systems map beside the rating counts and the grid; open a relationship from either."""

import streamlit as st

from base.i18n import N_, Translated, _, ngettext

from scoring import completeness
from exports.map_lines import focused
from ui.components import country_and_date, grid_rows, header, map_alt, map_key, map_of, rating_counts
from ui.grid_view import grid_table
from ui.map_view import clickable_map
from ui.review import assessment_panel
from ui.state import chosen, reader_time, stored, workspace
from base.rich_text import plain
from exports.xml_text import clipped
from ui.text import STATUS, md

NEWS_SHOWN = 8  # review notes listed at most (the latest)
VIEWS = Translated({"Ratings": N_("Ratings"), "Gap to target": N_("Gap to target")})  # the map's two views

current, lines, m = stored(chosen())
a = current.assessment
st.title(_("Systems map"))
st.markdown(f"## {md(a.country)} {md(a.date)} · {md(a.title)}")
header(a, m)
with st.container(border=True):
    assessment_panel(workspace(), a.id, a.status)
news = workspace().review_news(a.id) if workspace().may("comment", a.id) else []  # for those in the review
if news:
    with st.container(border=True, key="review_news"):
        st.markdown("**" + ngettext("Since you last looked: {n} review note", "Since you last looked: {n} review notes",
                                    len(news)).format(n=len(news)) + "**")
        for e in news[-NEWS_SHOWN:]:
            where = md(m.relationships[e.relationship].title if e.relationship in m.relationships
                       else _("the assessment"))
            said = (_("{who} sent back **{what}**") if e.action == "sent_back" else _("{who} commented on **{what}**")
                    ).format(who=md(e.actor), what=where)
            st.markdown(f"- {said}, {reader_time(e.at)}: {md(clipped(plain(e.new), 200))}")
        if len(news) > NEWS_SHOWN:
            st.caption(_("The {shown} latest of {all}; History has every one.").format(shown=NEWS_SHOWN, all=len(news)))
        if st.button(_("Mark as read"), key="mark_news_read", icon=":material/done:"):
            workspace().mark_read(a.id, news[-1].id)
            st.rerun()
controls = st.container(horizontal=True)
view = controls.segmented_control(_("Map"), list(VIEWS), default="Ratings", key="map_view", format_func=VIEWS.get,
                                  help=_("Gap to target: each line styled by the points still to gain to its target."))
actors = sorted(m.actors, key=lambda i: m.label(i).casefold())
if st.session_state.get("map_focus") not in (None, *actors):  # an actor of the assessment seen before
    del st.session_state["map_focus"]
focus = controls.selectbox(_("Focus on one actor"), [None, *actors], key="map_focus", width=360,
                           format_func=lambda i: _("The whole system") if i is None else m.label(i))
rating_counts(lines)
done = completeness(lines)
if done.scored < done.total:
    st.progress(done.percent / 100, text=_("{scored} of {total} lines scored").format(scored=done.scored,
                                                                                      total=done.total))
shown = focused(m, lines, focus)
target_view = view == "Gap to target"
subject = country_and_date(a)
clicked = clickable_map(map_of(m, lines, target=target_view, plan=a.plan, focus=focus, key=False, where=subject),
                        shown, key="overview_map", alt=map_alt(m, subject, target_view, focus=focus))
map_key(m, target_view)
st.caption(_("Hover a line for its actors, scores and rating; click it (or Tab to it and press Enter) to open that "
             "relationship.") + (" " + _("⚑ on a line: a recommendation was made ({n} in the Action plan).").format(
                 n=len(a.plan.recommendations)) if a.plan.recommendations else ""))

st.header(_("Grid"))
grid = grid_rows(lines, a.plan, m, current.meta, workspace().sent_back(a.id))
in_grid = {row["Review"] for row in grid}
present = [w for w in STATUS.values() if w in in_grid]
review = st.pills(_("Review status"), present, selection_mode="multi", key="grid_review",
                  help=_("Show only the lines in these review states (none chosen: every line)."))
if review:
    grid = [row for row in grid if row["Review"] in review]
    st.caption(_("{shown} of {all} lines: {states}.").format(shown=len(grid), all=len(lines), states=", ".join(review)))
opened = grid_table(grid, a.id, [c for c in ("Row", "Relationship", "Strand", "Framework", "Action", "Rating", "Review",
                                             "Target", "Gap") if grid and c in grid[0]], key="grid",
                    caption=_("Select a relationship to open it. Framework and Action are scores from 0 to 3."))
titles = {row["id"]: row["Relationship"] for row in grid}
options = list(titles)
pick = st.selectbox(_("Open a relationship"), options, index=None, key="open_relationship",
                    format_func=lambda rid: titles[rid], placeholder=_("Choose a relationship to assess"))
target = clicked or opened or pick
if target:
    st.session_state["relationship"] = target
    st.switch_page(st.session_state["pages"]["assess"], query_params={"assessment": a.id, "relationship": target})
