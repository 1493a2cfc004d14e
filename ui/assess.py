"""Assess: one relationship at a time: criteria, standards, scores, national situation and evidence.

Unsaved form values are kept as the person's drafts in the database, keyed by assessment and
relationship, so switching relationship or page, a reload or another tab keeps them (listed as drafts,
with the version they started from).
A save goes to the repository against that version: a stale one is refused, nothing overwritten.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from base.i18n import N_, Translated, _, language

from dashboard.areas import of_country, statistics_areas
from dashboard.evidence import evidence_for
from exports.history_words import step_words
from exports.report import PRIORITY_WORDS
from framework import Model, Relationship, ValidationFailed, parse_line
from framework.assessment import LONG_TEXT_MAX, SHORT_TEXT_MAX
from framework.model import TEXT_SOURCES
from framework.plan import STATUS_LABEL
from framework.editing import EVIDENCE_FIELDS, apply_table_edits, clean_evidence, form_values, line_data
from scoring import rate
from access import ROLE_WORDS, Forbidden
from store import StaleEdit
from framework.review import STATUS_WORDS, Locked
from ui.components import country_and_date, header, rich, systems_map
from ui.review import line_panel
from ui.state import (chosen, drafts, figures_frame, figures_revision, from_url, reader_time, stored, to_url,
                      workspace)
from ui.text import RATING_MARK, STATUS, md, scores

SUPPORTS = Translated({"framework": N_("Framework"), "action": N_("Action")})  # what an evidence item supports

slug = chosen()
current, lines, m = stored(slug)
a = current.assessment
ratings = {ln.key: ln.rating for ln in lines}
order = list(dict.fromkeys(ln.relationship for ln in lines))
pending = drafts()


@st.cache_data(max_entries=256, show_spinner=False)
def _evidence(relationship: str, areas: tuple[str, ...], figures: tuple[int, int], language: str,
              _m: Model) -> list:  # type: ignore[type-arg]
    """The indicators bearing on a relationship from its country's figures (`areas`), computed once per
    relationship, country, revision of the figures and language (not on every save)."""
    return evidence_for(relationship, of_country(figures_frame(), _m))


def _label(rid: str) -> str:
    line = a.line(rid)
    return (f"{line.grid_row}. " if line and line.grid_row else "") + m.relationships[rid].title


st.title(_("Assess a relationship"))
header(a, m)
if linked := from_url("relationship", order):  # a link or a reload names the relationship
    st.session_state["relationship"] = linked
if st.session_state.get("relationship", order[0]) not in order:
    del st.session_state["relationship"]
rid = st.selectbox(_("Relationship"), order, key="relationship", format_func=_label, persist_state="session")
to_url("relationship", rid)  # a link to this page opens this assessment's relationship
rel: Relationship = m.relationships[rid]
saved_line = a.line(rid)
draft = pending.get((slug, rid))
base = draft["base"] if draft else current.line_meta(rid).version
initial = form_values(saved_line, rel.strands)
start = draft["values"] if draft else initial  # a draft kept from another tab or before a reload: the form opens on it
tag = f"@{slug}/{rid}"  # this line's widget keys end with it
editor_key = f"evidence{tag}"


def key(name: str) -> str:
    return f"{name}{tag}"


def _collect(start: dict[str, Any]) -> dict[str, Any]:
    """The form's values as the user left them, read from the widgets' state (`start` where untouched).

    The page and the Save callback (which runs before the page is drawn again) both use it.
    """
    ss = st.session_state
    get = lambda name, default: ss.get(key(name), default)  # noqa: E731
    v: dict[str, Any] = {"strands": {}}
    for strand in rel.strands:
        s0 = start["strands"][strand]
        na = get(f"na:{strand}", s0["na"])
        v["strands"][strand] = {"framework": get(f"framework:{strand}", s0["framework"]),
                                "action": get(f"action:{strand}", s0["action"]), "na": na,
                                "na_reason": get(f"na_reason:{strand}", s0["na_reason"]) if na else s0["na_reason"]}
    if not rel.strands:
        v["framework"], v["action"] = get("framework", start["framework"]), get("action", start["action"])
        v["na"] = get("na", start["na"])
        v["na_reason"] = get("na_reason", start["na_reason"]) if v["na"] else start["na_reason"]
    for dim in ("framework", "action"):
        v[f"situation_{dim}"] = get(f"situation_{dim}", start[f"situation_{dim}"])
    rows = ss.get("evidence_inputs", {}).get(editor_key)
    v["evidence"] = start["evidence"] if rows is None else clean_evidence(apply_table_edits(rows, ss.get(editor_key)))
    return v


def _differs(values: dict[str, Any], start: dict[str, Any]) -> bool:
    """Whether the form holds a change, compared as the line it would save (spaces trimmed etc.)."""
    return line_data(m, rid, values) != line_data(m, rid, start)


def _reset_form() -> None:
    """Forget the form's widget state, so it shows the stored line."""
    st.session_state.setdefault("evidence_inputs", {}).pop(editor_key, None)
    for k in [k for k in st.session_state if isinstance(k, str) and k.endswith(tag)]:
        del st.session_state[k]


form_versions = st.session_state.setdefault("form_versions", {})
seen = form_versions.get((slug, rid))
if draft is None and seen and seen["base"] != base:  # saved by someone else since the form was drawn
    mine = _collect(seen["initial"])
    if _differs(mine, seen["initial"]):  # ... just as this user changed something: keep it, at the old version
        draft = pending[(slug, rid)] = {"base": seen["base"], "values": mine}
        base = seen["base"]
    else:
        _reset_form()
form_versions[(slug, rid)] = {"base": base, "initial": initial}


notice = st.container()  # where the outcome of a save is shown
others = [r for (s, r) in pending if s == slug and r != rid]
if others:
    st.info(_("Unsaved changes kept for you on: {lines}. Open them to save or discard.").format(
        lines="; ".join(md(m.relationships[r].title) for r in others)), icon=":material/edit:")

meta = current.line_meta(rid)
st.markdown(f"## {md(rel.title)}")
ws = workspace()
review = ws.last_review_step(slug, rid)
st.caption(f"**{md(m.label(rel.from_))}** ↔ **{md(m.label(rel.to))}**"
           + (" · " + _("grid row {row}").format(row=saved_line.grid_row)
              if saved_line and saved_line.grid_row else "")
           + (" · " + _("version {version}, saved by {who} {when}").format(
               version=meta.version, who=md(meta.updated_by), when=reader_time(meta.updated_at))
              if meta.updated_by and meta.updated_at else "")
           + (f" · {md(step_words(review.actor, review.action))} {reader_time(review.at)}" if review else ""))

if current.read_only:
    why = _("This assessment is {status} and read-only. To change it, start a new version on the Overview.").format(
        status=STATUS_WORDS[a.status])
elif not ws.may("edit", slug):
    why = (_("You can read this relationship; as {role} you cannot change its scores or text (you are not assigned "
             "to this assessment).") if ws.user.role == "assessor" else
           _("You can read this relationship; as {role} you cannot change its scores or text.")).format(
        role=ROLE_WORDS[ws.user.role])
elif meta.review_status != "draft":
    why = _("{status}: it can be changed again once a reviewer sends it back.").format(
        status=STATUS[meta.review_status])
else:
    why = ""
locked = bool(why)
if locked:
    st.info(why, icon=":material/lock:")

dims = {d.id: d for d in m.framework.score_scale.dimensions}
strand_label = {s.id: s.label for s in m.framework.strands}
levels = range(m.framework.score_scale.min, m.framework.score_scale.max + 1)


def score_input(dim: str, start: int | None, name: str, label: str | None = None) -> int | None:
    """A 0-3 choice with each level's meaning shown beside it; on a locked line the score and its meaning."""
    d = dims[dim]
    if locked:  # to read, not a disabled choice
        value = st.session_state.get(key(name), start)
        named = label or _("{dimension} score").format(dimension=d.label)
        st.markdown(f"**{named}:** " + (_("not scored") if value is None else f"{value}, {md(d.levels[value])}"))
        return value
    return st.radio(label or _("{dimension} score").format(dimension=d.label), list(levels),
                    index=None if start is None else start - levels[0],
                    key=key(name), captions=[md(d.levels[v]) for v in levels], horizontal=False,
                    persist_state="session", help=d.question)


def cited(criteria) -> None:  # type: ignore[no-untyped-def]
    """The criteria, each with the standards it cites (text on hover)."""
    for c in criteria:
        st.markdown(f"- {md(c.cited)}",
                    help="\n\n".join(f"**{s}.** " + md(m.standards[s].text or _("(text to be entered)"))
                                       for s in c.standards) or None)


def _field(path: tuple[str | int, ...]) -> str:
    """A problem's field path in the form's own words, e.g. 'Evidence item 2 (counting filled rows): url'."""
    names = {"framework": _("Framework score"), "action": _("Action score"), "na_reason": _("Reason it does not apply"),
             "situation": _("National situation")}
    match path:
        case ("evidence", int(i), *rest):
            return _("Evidence item {n} (counting filled rows)").format(n=i + 1) + (f": {rest[0]}" if rest else "")
        case ("strands", int(i), *rest):
            return f"{rel.strands[i]}: " + names.get(str(rest[0]), str(rest[0])) if rest else rel.strands[i]
        case (first, *rest):
            return names.get(str(first), str(first)) + "".join(f" {r}" for r in rest)
    return _("form")


def _save() -> None:
    """Save callback: runs before the next run draws the page, so everything shows the saved state."""
    values = _collect(start)
    if not _differs(values, initial):
        st.session_state["save_outcome"] = {"info": _("No changes to save.")}
        return
    outcome: dict[str, Any]
    try:
        line = parse_line(line_data(m, rid, values, saved_line.grid_row if saved_line else None,
                                    saved_line.comments if saved_line else ()), m, file=rid)
        version = workspace().save_line(slug, line, base)
    except (Forbidden, Locked) as err:
        outcome = {"error": _("Not saved: {why}").format(why=md(str(err)))}
    except ValueError as err:
        outcome = {"error": md(str(err))}
    except ValidationFailed as err:
        outcome = {"error": _("Not saved. Please correct:") + "\n\n" + "\n".join(
            f"- **{md(_field(p.path))}**: {md(p.message)}" for p in err.problems)}
    except StaleEdit as err:
        outcome = {"error": _("Not saved: {why} Your changes are still here. Copy what you need, then discard them to "
                              "load the current version.").format(why=md(str(err))), "theirs": err.current}
    else:
        pending.pop((slug, rid), None)
        form_versions[(slug, rid)] = {"base": version, "initial": values}  # the form shows what was saved
        outcome = {"saved": version}
    if "saved" not in outcome:  # keep what the user typed, whatever happens on the next run
        pending[(slug, rid)] = {"base": base, "values": values}
    st.session_state["save_outcome"] = outcome


def _discard() -> None:
    """Discard callback: drop the draft and the form state, so the form shows the stored line."""
    pending.pop((slug, rid), None)
    form_versions.pop((slug, rid), None)
    _reset_form()


if outcome := st.session_state.pop("save_outcome", None):
    if "saved" in outcome:
        now = " / ".join(RATING_MARK[ratings[(rid, s)]] for s in (rel.strands or (None,)))
        notice.success(_("Saved version {version} of {title}: now {rating}.").format(
            version=outcome["saved"], title=md(rel.title), rating=now),
                       icon=":material/check_circle:")
        st.toast(_("Saved: {rating}").format(rating=now), icon=":material/check_circle:")
    elif "info" in outcome:
        notice.info(outcome["info"])
    else:
        notice.error(outcome["error"], icon=":material/error:")
        if theirs := outcome.get("theirs"):
            with notice.expander(_("The version saved meanwhile")):
                for part in (theirs.strands or (theirs,)):
                    who = f"{strand_label.get(part.strand, part.strand)}: " if theirs.strands else ""
                    st.text(who + _("scores (framework+action) {scores}").format(
                        scores=scores(part.framework, part.action)))
                st.text("; ".join(e.title for e in theirs.evidence) or _("(no evidence items)"))
                st.text(theirs.situation.framework or "")
                st.text(theirs.situation.action or "")

form, side = st.columns([3, 2], gap="large")
below = st.container()  # the evidence editor and Save: the page's whole width, under both columns
with side:  # drawn before the form: after a save, the map with the new rating is the first thing sent
    review_box, rating_box = st.container(border=True), st.container(border=True)
    systems_map(m, lines, highlight=rid, plan=a.plan, where=country_and_date(a))
    recs = [r for r in a.plan.recommendations if r.relationship == rid]
    acts = [x for x in a.plan.actions if rid in x.relationships]
    if recs or acts:
        with st.expander("⚑ " + _("Recommendations and actions ({recommendations}, {actions})").format(
                recommendations=len(recs), actions=len(acts)), expanded=True):
            for r in recs:
                st.markdown(_("**{priority} priority**, to {actor}:").format(priority=PRIORITY_WORDS[r.priority],
                                                                             actor=md(m.label(r.to))))
                rich(r.text)
            for x in acts:
                st.markdown(_("Action {number}: {title} · **{status}** since {date}").format(
                    number=x.number, title=md(x.title), status=md(STATUS_LABEL[x.current.status]), date=x.current.date))
            if a.plan.illustrative:
                st.caption(_("Example plan, not official."))
    areas = (*statistics_areas(m), *getattr(m.profile, "statistics_parts", ()))
    if indicators := _evidence(rid, areas, figures_revision(), language(), m):  # the assessment's country's figures
        with st.expander(_("Data that bears on this relationship"), expanded=True, icon=":material/monitoring:"):
            st.dataframe(pd.DataFrame([{_("Indicator"): i.label, _("Value"): i.value, _("Period"): i.period,
                                        _("Source"): i.publication} for i in indicators]),
                         hide_index=True, width="stretch")
            st.caption(" ".join(f"**{md(i.label)}**: {md(i.definition)}" for i in indicators)
                       + " " + _("Cite a figure as an evidence row with its source."))
    st.markdown("**" + _("Standards cited") + "**")
    for sid in rel.standards:
        std = m.standards[sid]
        with st.expander(_("Standard {number}").format(number=sid) + (f": {md(std.title)}" if std.title else "")):
            st.markdown(md(std.text or _("Text to be entered.")))
            st.caption(_("Text source: {source}").format(source=TEXT_SOURCES.get(std.text_source, std.text_source)))
    with review_box:
        line_panel(ws, slug, rid, meta.review_status, current.read_only)

with form:
    for dim in ("framework", "action"):
        with st.container(border=True):
            st.markdown(f"### {dims[dim].label}")
            st.caption(md(dims[dim].question))
            cited(rel.framework_criteria if dim == "framework" else rel.action_criteria)
            if not rel.strands:
                score_input(dim, start[dim], dim)
            situation = _("National situation: {dimension}").format(dimension=dims[dim].label.lower())
            if locked:  # to read: as the report shows it
                st.markdown(f"**{situation}**")
                rich(st.session_state.get(key(f"situation_{dim}"), initial[f"situation_{dim}"]), _("Not described."))
                continue
            st.text_area(situation, start[f"situation_{dim}"],
                         key=key(f"situation_{dim}"), max_chars=LONG_TEXT_MAX, height=180, persist_state="session",
                         help=_("Plain text or Markdown (bold, lists, links to web or mail addresses); no HTML."))
            with st.expander(_("As the report shows it")):
                rich(st.session_state.get(key(f"situation_{dim}"), start[f"situation_{dim}"]), _("Not described."))
    if rel.strands:
        st.markdown("### " + _("Scores per strand"))
        for strand in rel.strands:
            s0 = start["strands"][strand]
            with st.container(border=True):
                st.markdown(f"**{md(strand_label[strand])}** · {RATING_MARK[ratings[(rid, strand)]]}")
                c1, c2, c3 = st.columns([3, 3, 2])
                for dim, col in (("framework", c1), ("action", c2)):
                    if locked:
                        with col:
                            score_input(dim, s0[dim], f"{dim}:{strand}", dims[dim].label)
                        continue
                    col.selectbox(dims[dim].label, [None, *levels],
                                  index=0 if s0[dim] is None else s0[dim] - levels[0] + 1,
                                  key=key(f"{dim}:{strand}"), persist_state="session",
                                  format_func=lambda v, d=dim: "–" if v is None else f"{v}: {dims[d].levels[v]}")
                if locked:
                    c3.markdown(_("Not applicable: {reason}").format(reason=md(s0["na_reason"])) if s0["na"] else "")
                elif c3.checkbox(_("Not applicable"), s0["na"], key=key(f"na:{strand}"), persist_state="session"):
                    c3.text_input(_("Reason it does not apply (required)"), s0["na_reason"], max_chars=SHORT_TEXT_MAX,
                                  key=key(f"na_reason:{strand}"), persist_state="session")
    elif locked:
        if initial["na"]:
            st.markdown("**" + _("Not applicable to this country:") + "** " + md(initial["na_reason"]))
    elif st.checkbox(_("Not applicable to this country"), start["na"], key=key("na"), persist_state="session"):
        st.text_input(_("Reason it does not apply (required)"), start["na_reason"], key=key("na_reason"),
                      max_chars=SHORT_TEXT_MAX, persist_state="session")

    below.markdown("### " + _("Evidence"))
    inputs = st.session_state.setdefault("evidence_inputs", {})
    if editor_key not in st.session_state or editor_key not in inputs:  # the editor was not on screen
        inputs[editor_key] = start["evidence"]
    table = pd.DataFrame(inputs[editor_key] or [], columns=list(EVIDENCE_FIELDS))
    evidence_columns = {
        "title": st.column_config.TextColumn(_("Title"), required=True, max_chars=SHORT_TEXT_MAX, width="medium"),
        "url": st.column_config.LinkColumn(_("Link"), max_chars=SHORT_TEXT_MAX, validate=r"^https?://.+"),
        "dimension": st.column_config.SelectboxColumn(_("Supports"), options=["", *SUPPORTS], width=100,
                                                      format_func=lambda d: SUPPORTS.get(d, "")),
        "note": st.column_config.TextColumn(_("Quote or note"), max_chars=LONG_TEXT_MAX, width=360),
        "standards": st.column_config.MultiselectColumn(
            _("Standards"), options=[str(s) for s in m.standards], help=_("Standards this item supports"),
            width="medium"),
    }
    if locked:  # to read: a table, not an editor offering a row to add (an empty cell blank, not "None")
        below.dataframe(table.fillna(""), hide_index=True, width="stretch", column_config=evidence_columns)
    else:
        below.data_editor(table, key=editor_key, num_rows="dynamic", hide_index=True, width="stretch",
                          column_config=evidence_columns)

    values = _collect(start)
    changed = _differs(values, initial)
    if changed:
        pending[(slug, rid)] = {"base": base, "values": values}
    else:
        pending.pop((slug, rid), None)
    bar = below.container(horizontal=True, vertical_alignment="center")
    if not locked:
        # Save is never disabled: text still being typed reaches the server together with the click.
        bar.button(_("Save"), type="primary", icon=":material/save:", key="save", on_click=_save)
    if not locked or changed:  # a draft kept from before the line was locked can still be dropped
        bar.button(_("Discard changes"), disabled=not changed, key="discard", on_click=_discard)
    if not locked or changed:  # said only to whoever can change the line
        bar.caption(_("Unsaved changes.") if changed else _("No unsaved changes."))

with rating_box:  # what the form's changes would make of the rating
    if rel.strands:
        st.markdown("**" + _("Rating per strand") + "**")
        for strand in rel.strands:
            st.markdown(f"{md(strand_label[strand])}: **{RATING_MARK[ratings[(rid, strand)]]}**")
    else:
        ln = next(x for x in lines if x.key == (rid, None))
        st.metric(_("Saved rating"), RATING_MARK[ln.rating], scores(ln.framework, ln.action), delta_color="off",
                  delta_arrow="off")
        if changed:
            preview = rate(m, values["framework"], values["action"], values["na"])
            st.caption(_("With your unsaved changes: **{rating}**").format(rating=RATING_MARK[preview]))
