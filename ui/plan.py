"""Action plan: recommendations, actions by status (with every change), targets and the gap to them,
and measures of success with their current value from the data."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pandas as pd
import streamlit as st

from access import Forbidden
from scoring.measures import measure_values
from exports.csv_text import csv_bytes
from exports.spreadsheet import plan_frames
from framework import ValidationFailed
from framework.plan import NEXT, STATUS_LABEL, Action, Plan, Recommendation, StatusChange, Target, status_report
from scoring.targets import gaps, percent_to_target, total_gap
from store.repository import PlanChanged
from ui.state import chosen, figures_frame, stored, workspace
from ui.text import md

current, lines, m = stored(chosen())
a = current.assessment
plan = a.plan
ws = workspace()
may = ws.may("plan", a.id)
titles = {rid: rel.title for rid, rel in m.relationships.items()}

st.title("Action plan")
st.markdown(f"## {md(a.country)} {md(a.date)} · {md(a.title)}")
if plan.illustrative:
    st.warning(f"**Example, not official.** {md(plan.note)}", icon=":material/science:")
if done := st.session_state.pop("plan_outcome", None):
    st.success(md(done), icon=":material/check_circle:")


# The plan as this user last saw it (drawn in the previous run): edits are saved against it, so a
# change someone else made meanwhile is never silently overwritten.
seen = st.session_state.get("plan_seen")
base = seen[1] if seen and seen[0] == a.id else plan


def _store(make_plan: Callable[[], Plan], message: str) -> None:
    try:
        ws.save_plan(a.id, make_plan(), based_on=base)  # refused if someone changed the plan meanwhile
    except (Forbidden, ValueError, ValidationFailed, PlanChanged) as err:
        st.error(md(str(err)))
    else:
        st.session_state["plan_outcome"] = message
        st.rerun()


found = gaps(lines, plan)
report = status_report(plan)
c1, c2, c3, c4 = st.columns(4)
share = percent_to_target(found)
c1.metric("Towards targets", "–" if share is None else f"{share:.1f}%", help="Sum over lines of min(score, target) "
          "over the sum of targets, framework and action together; not-applicable lines left out.")
c2.metric("Points still to gain", total_gap(found))
c3.metric("Actions completed", f"{len(report['completed'])} of {len(plan.actions)}")
c4.metric("Recommendations", len(plan.recommendations))

actions_tab, recs_tab, targets_tab, measures_tab = st.tabs(["Actions", "Recommendations", "Targets", "Measures"])

with actions_tab:
    for status, actions in report.items():
        if not actions:
            continue
        st.markdown(f"### Key actions {STATUS_LABEL[status].lower()} ({len(actions)})")
        for act in actions:
            with st.expander(f"{act.number}. {md(act.title)}", icon=":material/task_alt:"):
                st.caption(f"Owner: **{md(m.label(act.owner) if act.owner in m.actors else act.owner)}**"
                           + (f" · due {act.due}" if act.due else "")
                           + (f" · relationships: {md(', '.join(titles.get(r, r) for r in act.relationships))}"
                              if act.relationships else "")
                           + (f" · standards {', '.join(map(str, act.standards))}" if act.standards else "")
                           + (f" · answers {md(', '.join(act.recommendations))}" if act.recommendations else ""))
                st.dataframe(pd.DataFrame([{"Status": STATUS_LABEL[h.status], "Date": h.date, "Note": h.note}
                                           for h in act.history]), hide_index=True, width="stretch")
                if may and NEXT[act.current.status]:
                    with st.form(f"status@{act.number}", border=False):
                        s1, s2 = st.columns(2)
                        to = s1.selectbox("New status", NEXT[act.current.status], format_func=STATUS_LABEL.get,
                                          key=f"to@{act.number}")
                        day = s2.date_input("Date", dt.date.today(), key=f"day@{act.number}")
                        note = st.text_input("Note", max_chars=2_000, key=f"note@{act.number}")
                        if st.form_submit_button("Record the change", icon=":material/update:"):
                            was = next((x.current.status for x in base.actions if x.number == act.number), None)
                            try:
                                ws.set_action_status(a.id, act.number, to, day.isoformat(), note, expected=was)
                            except (Forbidden, ValueError, PlanChanged) as err:
                                st.error(md(str(err)))
                            else:
                                st.session_state["plan_outcome"] = f"Action {act.number} is now {STATUS_LABEL[to]}."
                                st.rerun()
    sheets = plan_frames(m, a)
    status = sheets["Action history"].merge(sheets["Actions"][["Action (number)", "Title", "Owner", "Due", "Note"]],
                                            on="Action (number)")
    st.download_button("Status report (CSV: every action and each change of its status)", csv_bytes(status),
                       file_name=f"{a.id}-actions.csv", mime="text/csv", icon=":material/download:",
                       key="download_actions")
    if may:
        with st.expander("Add an action", icon=":material/add_task:"):
            with st.form("add_action"):
                title = st.text_input("Title", max_chars=2_000)
                owner = st.selectbox("Owner", list(m.actors), format_func=m.label, accept_new_options=True)
                due = st.date_input("Due", None)
                rels = st.multiselect("Relationships it addresses", list(m.relationships), format_func=titles.get)
                stds = st.multiselect("Standards", list(m.standards))
                recs = st.multiselect("Recommendations it answers", [r.id for r in plan.recommendations])
                if st.form_submit_button("Add the action", type="primary"):
                    number = max((x.number for x in plan.actions), default=0) + 1
                    _store(lambda: plan.model_copy(update={"actions": (*plan.actions, Action(
                        number=number, title=title.strip() or "(untitled)", owner=owner,
                        due=due.isoformat() if due else None, relationships=tuple(rels), standards=tuple(stds),
                        recommendations=tuple(recs),
                        history=(StatusChange(status="not_started", date=dt.date.today().isoformat()),)))}),
                        f"Added action {number}.")

with recs_tab:
    st.dataframe(pd.DataFrame([{"Id": r.id, "Relationship": titles.get(r.relationship, r.relationship),
                                "To": m.label(r.to), "Priority": r.priority, "Recommendation": r.text,
                                "Actions": ", ".join(str(x.number) for x in plan.actions if r.id in x.recommendations)}
                               for r in plan.recommendations]), hide_index=True, width="stretch")
    if may:
        with st.expander("Add a recommendation", icon=":material/add_comment:"):
            with st.form("add_recommendation"):
                rid = st.selectbox("Relationship", list(m.relationships), format_func=titles.get)
                to = st.selectbox("Addressed to", list(m.actors), format_func=m.label)
                priority = st.radio("Priority", ["high", "medium", "low"], index=1, horizontal=True)
                text = st.text_area("Recommendation", max_chars=50_000)
                if st.form_submit_button("Add the recommendation", type="primary"):
                    _store(lambda: plan.model_copy(update={"recommendations": (*plan.recommendations, Recommendation(
                        id=f"rec-{len(plan.recommendations) + 1}-{rid}"[:120], relationship=rid, to=to,
                        priority=priority, text=text.strip() or "(no text)"))}), "Added the recommendation.")

with targets_tab:
    st.caption("Each line's scores now against its target; the gap counts the points still to gain. "
               "The Overview's map has a target view.")
    table = pd.DataFrame([{"relationship": ln.relationship, "strand": ln.strand or "", "Line": ln.title
                           + (f" ({ln.strand})" if ln.strand else ""), "Now": f"{ln.framework}+{ln.action}",
                           "Target framework": t.framework if t else None, "Target action": t.action if t else None}
                          for ln in lines
                          for t in [next((x for x in plan.targets if (x.relationship, x.strand) == ln.key), None)]])
    # Only those who may set targets get an editor; the others read the same table.
    edited = (st.data_editor if may else st.dataframe)(
        table, hide_index=True, width="stretch", key="targets_editor",
        column_order=["Line", "Now", "Target framework", "Target action"],
        column_config={c: st.column_config.NumberColumn(c, min_value=0, max_value=3, step=1)
                       for c in ("Target framework", "Target action")})
    st.dataframe(pd.DataFrame([{"Line": g.line.title + (f" ({g.line.strand})" if g.line.strand else ""),
                                "Framework gap": g.framework_gap, "Action gap": g.action_gap,
                                "Gap": "N/A" if g.na else str(g.gap), "Met": "✔" if g.met else ""} for g in found]),
                 hide_index=True, width="stretch")
    if may and st.button("Save targets", icon=":material/flag:", key="save_targets"):
        chosen_rows = edited.dropna(subset=["Target framework", "Target action"])
        _store(lambda: plan.model_copy(update={"targets": tuple(
            Target(relationship=r["relationship"], strand=r["strand"] or None, framework=int(r["Target framework"]),
                   action=int(r["Target action"])) for _, r in chosen_rows.iterrows())}),
               f"Saved {len(chosen_rows)} targets.")

with measures_tab:
    st.caption("Each measure's current value is the latest in the imported data, with its publication.")
    st.dataframe(pd.DataFrame([{
        "Measure": v.measure.label, "For": (f"action {v.measure.action}" if v.measure.action
                                            else titles.get(v.measure.relationship or "", "")),
        "Baseline": (f"{v.measure.baseline.value:g} ({v.measure.baseline.period})" if v.measure.baseline
                     else "to be established"),
        "Now": f"{v.current.value} ({v.current.period})" if v.current else "no data",
        "Target": f"{v.measure.target.value:g} ({v.measure.target.period})" if v.measure.target else "",
        "Of the way to target": "" if v.to_target is None else f"{v.to_target:.0f}%",
        "Source": v.current.publication if v.current else ""} for v in measure_values(plan, figures_frame(), m)]),
        hide_index=True, width="stretch")

st.session_state["plan_seen"] = (a.id, plan)  # what this user now sees: the base of their next edit
