"""Action plan: recommendations, actions by status (with every change), targets and the gap to them,
and measures of success with their current value from the data."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pandas as pd
import streamlit as st

from access import Forbidden
from base.i18n import N_, Translated, _, ngettext, number, percent
from scoring.measures import measure_values
from exports.citations import readable_date
from exports.csv_text import csv_bytes
from exports.report import PRIORITY_WORDS
from exports.report_data import MEASURE_HEADINGS, measure_rows
from exports.spreadsheet import plan_frames
from framework import ValidationFailed
from framework.problems import dotted
from framework.plan import (NEXT, STATUS_LABEL, Action, Plan, Recommendation, StatusChange, Target,
                            status_report)
from scoring.targets import gaps, percent_to_target, total_gap
from store.repository import PlanChanged
from ui.components import wrapping_row
from ui.state import chosen, figures_frame, stored, workspace
from ui.text import md, scores

current, lines, m = stored(chosen())
a = current.assessment
plan = a.plan
ws = workspace()
may = ws.may("plan", a.id)
titles = {rid: rel.title for rid, rel in m.relationships.items()}
HEADINGS = Translated({"completed": N_("Key actions completed ({n})"),  # a heading per status, with how many
                       "in_progress": N_("Key actions in progress ({n})"),
                       "not_started": N_("Key actions not started ({n})"), "dropped": N_("Key actions dropped ({n})")})

st.title(_("Action plan"))
st.markdown(f"## {md(a.country)} {md(a.date)} · {md(a.title)}")
if plan.illustrative:
    st.warning(_("**Example, not official.** {note}").format(note=md(plan.note)), icon=":material/science:")
if done := st.session_state.pop("plan_outcome", None):
    st.success(md(done), icon=":material/check_circle:")


# The plan as this user last saw it (drawn in the previous run): edits are saved against it, so a
# change someone else made meanwhile is never silently overwritten.
seen = st.session_state.get("plan_seen")
base = seen[1] if seen and seen[0] == a.id else plan


def _refusal(err: Exception) -> str:
    """Why a change to the plan was not saved, in words."""
    if isinstance(err, PlanChanged):
        return _("The plan was changed by someone else meanwhile; nothing was saved. Look at it again, then redo "
                 "your change.")
    if isinstance(err, ValidationFailed):
        return _("Not saved. Please correct:") + "\n\n" + "\n".join(
            f"- **{md(dotted(p.path))}**: {md(p.message)}" for p in err.problems)
    return _("Not saved: {why}").format(why=md(str(err)))


def _store(make_plan: Callable[[], Plan], message: str) -> None:
    try:
        ws.save_plan(a.id, make_plan(), based_on=base)  # refused if someone changed the plan meanwhile
    except (Forbidden, ValueError, ValidationFailed, PlanChanged) as err:
        st.error(_refusal(err))
    else:
        st.session_state["plan_outcome"] = message
        st.rerun()


found = gaps(lines, plan)
report = status_report(plan)
share = percent_to_target(found)
figures = wrapping_row("large")
figures.metric(_("Towards targets"), "–" if share is None else percent(share / 100), width="content",
               help=_("Sum over lines of min(score, target) over the sum of targets, framework and action together; "
                      "not-applicable lines left out."))
figures.metric(_("Points still to gain"), number(total_gap(found)) if found else "–", width="content",
               help=None if found else _("No targets are set yet (Targets tab)."))  # not 0: nothing is aimed at
figures.metric(_("Actions completed"), _("{done} of {total}").format(done=number(len(report["completed"])),
                                                                    total=number(len(plan.actions))), width="content")
figures.metric(_("Recommendations"), number(len(plan.recommendations)), width="content")

actions_tab, recs_tab, targets_tab, measures_tab = st.tabs([_("Actions"), _("Recommendations"), _("Targets"),
                                                            _("Measures")])


def _about(act: Action) -> str:
    """An action's owner, due date, and what it is tied to, in words."""
    parts = [_("Owner: **{owner}**").format(owner=md(m.label(act.owner) if act.owner in m.actors else act.owner))]
    if act.due:
        parts.append(_("Due: {date}").format(date=readable_date(act.due)))
    if act.relationships:
        parts.append(_("Relationships: {titles}").format(
            titles=md(", ".join(titles.get(r, r) for r in act.relationships))))
    if act.standards:
        parts.append(_("Standards: {numbers}").format(numbers=", ".join(map(str, act.standards))))
    if act.recommendations:
        parts.append(_("Answers the recommendations: {ids}").format(ids=md(", ".join(act.recommendations))))
    return " · ".join(parts)


with actions_tab:
    for status, actions in report.items():
        if not actions:
            continue
        st.markdown("### " + HEADINGS[status].format(n=number(len(actions))))
        for act in actions:
            with st.expander(f"{act.number}. {md(act.title)}", icon=":material/task_alt:"):
                st.caption(_about(act))
                st.dataframe(pd.DataFrame([{_("Status"): STATUS_LABEL[h.status], _("Date"): readable_date(h.date),
                                            _("Note"): h.note} for h in act.history]), hide_index=True, width="stretch")
                if may and NEXT[act.current.status]:
                    with st.form(f"status@{act.number}", border=False):
                        s1, s2 = st.columns(2)
                        to = s1.selectbox(_("New status"), NEXT[act.current.status], format_func=STATUS_LABEL.get,
                                          key=f"to@{act.number}")
                        day = s2.date_input(_("Date"), dt.date.today(), key=f"day@{act.number}")
                        note = st.text_input(_("Note"), max_chars=2_000, key=f"note@{act.number}")
                        if st.form_submit_button(_("Record the change"), icon=":material/update:"):
                            was = next((x.current.status for x in base.actions if x.number == act.number), None)
                            try:
                                ws.set_action_status(a.id, act.number, to, day.isoformat(), note, expected=was)
                            except (Forbidden, ValueError, PlanChanged) as err:
                                st.error(_refusal(err))
                            else:
                                st.session_state["plan_outcome"] = _("Action {number} is now {status}.").format(
                                    number=act.number, status=STATUS_LABEL[to])
                                st.rerun()
    sheets = plan_frames(m, a)
    status = sheets["Action history"].merge(sheets["Actions"][["Action (number)", "Title", "Owner", "Due", "Note"]],
                                            on="Action (number)")
    st.download_button(_("Status report (CSV: every action and each change of its status)"),
                       csv_bytes(status.rename(columns=_)), file_name=f"{a.id}-actions.csv", mime="text/csv", icon=":material/download:",
                       key="download_actions")
    if may:
        with st.expander(_("Add an action"), icon=":material/add_task:"):
            with st.form("add_action"):
                title = st.text_input(_("Title"), max_chars=2_000)
                owner = st.selectbox(_("Owner"), list(m.actors), format_func=m.label, accept_new_options=True)
                due = st.date_input(_("Due"), None)
                rels = st.multiselect(_("Relationships it addresses"), list(m.relationships), format_func=titles.get)
                stds = st.multiselect(_("Standards"), list(m.standards))
                recs = st.multiselect(_("Recommendations it answers"), [r.id for r in plan.recommendations])
                if st.form_submit_button(_("Add the action"), type="primary"):
                    new = max((x.number for x in plan.actions), default=0) + 1
                    _store(lambda: plan.model_copy(update={"actions": (*plan.actions, Action(
                        number=new, title=title.strip() or _("(untitled)"), owner=owner,
                        due=due.isoformat() if due else None, relationships=tuple(rels), standards=tuple(stds),
                        recommendations=tuple(recs),
                        history=(StatusChange(status="not_started", date=dt.date.today().isoformat()),)))}),
                        _("Added action {number}.").format(number=new))

with recs_tab:
    st.dataframe(pd.DataFrame([{_("Id"): r.id, _("Relationship"): titles.get(r.relationship, r.relationship),
                                _("Addressed to"): m.label(r.to), _("Priority"): PRIORITY_WORDS[r.priority],
                                _("Recommendation"): r.text, _("Actions"): ", ".join(
                                    str(x.number) for x in plan.actions if r.id in x.recommendations)}
                               for r in plan.recommendations]), hide_index=True, width="stretch")
    if may:
        with st.expander(_("Add a recommendation"), icon=":material/add_comment:"):
            with st.form("add_recommendation"):
                rid = st.selectbox(_("Relationship"), list(m.relationships), format_func=titles.get)
                to = st.selectbox(_("Addressed to"), list(m.actors), format_func=m.label)
                priority = st.radio(_("Priority"), list(PRIORITY_WORDS), index=1, horizontal=True,
                                    format_func=PRIORITY_WORDS.get)
                text = st.text_area(_("Recommendation"), max_chars=50_000)
                if st.form_submit_button(_("Add the recommendation"), type="primary"):
                    _store(lambda: plan.model_copy(update={"recommendations": (*plan.recommendations, Recommendation(
                        id=f"rec-{len(plan.recommendations) + 1}-{rid}"[:120], relationship=rid, to=to,
                        priority=priority, text=text.strip() or _("(no text)")))}), _("Added the recommendation."))

with targets_tab:
    st.caption(_("Each line's scores now against its target; the gap counts the points still to gain. "
                 "The Overview's map has a target view."))
    table = pd.DataFrame([{"relationship": ln.relationship, "strand": ln.strand or "",
                           "Line": m.line_name(ln.relationship, ln.strand), "Now": scores(ln.framework, ln.action),
                           "Target framework": t.framework if t else None, "Target action": t.action if t else None}
                          for ln in lines
                          for t in [next((x for x in plan.targets if (x.relationship, x.strand) == ln.key), None)]])
    # Only those who may set targets get an editor; the others read the same table.
    edited = (st.data_editor if may else st.dataframe)(
        table, hide_index=True, width="stretch", key="targets_editor",
        column_order=["Line", "Now", "Target framework", "Target action"],
        column_config={"Line": st.column_config.TextColumn(_("Line")), "Now": st.column_config.TextColumn(_("Now")),
                       **{c: st.column_config.NumberColumn(label, min_value=0, max_value=3, step=1)
                          for c, label in (("Target framework", _("Target framework (0-3)")),
                                           ("Target action", _("Target action (0-3)")))}})
    st.dataframe(pd.DataFrame([{_("Line"): m.line_name(g.line.relationship, g.line.strand),
                                _("Framework gap"): g.framework_gap, _("Action gap"): g.action_gap,
                                _("Gap"): _("N/A") if g.na else number(g.gap), _("Met"): "✔" if g.met else ""}
                               for g in found]), hide_index=True, width="stretch")
    if may and st.button(_("Save targets"), icon=":material/flag:", key="save_targets"):
        chosen_rows = edited.dropna(subset=["Target framework", "Target action"]).to_dict("records")
        _store(lambda: plan.model_copy(update={"targets": tuple(
            Target(relationship=r["relationship"], strand=r["strand"] or None, framework=int(r["Target framework"]),
                   action=int(r["Target action"])) for r in chosen_rows)}),
               ngettext("Saved {n} target.", "Saved {n} targets.", len(chosen_rows)).format(n=number(len(chosen_rows))))

with measures_tab:
    st.caption(_("Each measure's current value is the latest in the imported data, with its publication."))
    values = measure_values(plan, figures_frame(), m)
    measures = pd.DataFrame(measure_rows(values), columns=list(MEASURE_HEADINGS))  # as the reports print them
    measures.insert(1, _("For"), [_("action {number}").format(number=v.measure.action) if v.measure.action
                                  else titles.get(v.measure.relationship or "", "") for v in values])
    st.dataframe(measures, hide_index=True, width="stretch")

st.session_state["plan_seen"] = (a.id, plan)  # what this user now sees: the base of their next edit
