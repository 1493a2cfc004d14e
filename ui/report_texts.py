"""Report texts: what the published report says beyond the grid (summary, introduction, findings,
conclusions), its imprint, the abbreviations it uses and the cut-off date of its figures."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from access import Forbidden
from base.i18n import N_, _
from base.rich_text import to_html
from framework import ValidationFailed, parse_report_texts
from framework.review import Locked, may_change
from framework.report_texts import HINTS, IMPRINT_LABELS, SECTIONS
from store.repository import ReportChanged
from ui.state import chosen, stored, workspace
from ui.text import md

CUTOFF = N_("Figures up to (data cut-off)")  # the cut-off's label, translated where shown


def _field(path: tuple) -> str:
    """A problem's field as the form names it."""
    key = str(path[0]) if path else ""
    if key == "imprint" and len(path) > 1:
        return _("Imprint, {field}").format(field=IMPRINT_LABELS.get(str(path[1]), str(path[1])))
    if key == "abbreviations":
        return _("Abbreviations, {abbreviation}").format(abbreviation=path[1]) if len(path) > 1 else _("Abbreviations")
    return {**SECTIONS, "data_cutoff": _(CUTOFF)}.get(key, key)


def abbreviation_columns() -> dict[str, Any]:
    """The abbreviations table's headings as read."""
    return {"Abbreviation": st.column_config.TextColumn(_("Abbreviation")),
            "Stands for": st.column_config.TextColumn(_("Stands for"))}


current, lines, m = stored(chosen())
a = current.assessment
ws = workspace()
may = ws.may("report", a.id) and may_change(a.status, "report")

st.title(_("Report texts"))
st.markdown(f"## {md(a.country)} {md(a.date)} · {md(a.title)}")
st.caption(_("What the country report says in words beyond the grid. Write in Markdown: **bold**, *italics*, "
             "lists, and links to web addresses (other links are shown as their words). Every section is optional."))
if not may:
    st.info(_("Read only: the assessment is published.") if a.status == "published"
            else _("Read only: your role may not change this assessment's report texts."),
            icon=":material/lock:")
if done := st.session_state.pop("report_texts_outcome", None):
    st.success(md(done), icon=":material/check_circle:")

# The texts as this user last saw them: a save is refused if someone changed them meanwhile.
seen = st.session_state.get("report_texts_seen")
base = seen[1] if seen and seen[0] == a.id else a.report
st.session_state["report_texts_seen"] = (a.id, a.report)
texts = a.report

saved = False
if may:
    with st.form("report_texts", border=False):
        values: dict[str, str] = {}
        for key, heading in SECTIONS.items():
            values[key] = st.text_area(heading, texts.section(key), help=HINTS[key], height=160,
                                       key=f"report_{key}")
        st.markdown("### " + _("Imprint"))
        imprint = {key: (st.text_area if key in ("acknowledgements", "disclaimer") else st.text_input)(
            label, getattr(texts.imprint, key), key=f"imprint_{key}")
            for key, label in IMPRINT_LABELS.items()}
        st.markdown("### " + _("Abbreviations"))
        st.caption(_("Used in the report's texts, on top of those of the country profile; the report lists the ones "
                     "its text uses."))
        table = st.data_editor(
            pd.DataFrame({"Abbreviation": list(texts.abbreviations), "Stands for": list(texts.abbreviations.values())},
                         dtype="string"),
            num_rows="dynamic", hide_index=True, key="report_abbreviations", width="stretch",
            column_config=abbreviation_columns())
        cutoff = st.text_input(_(CUTOFF), texts.data_cutoff or "",
                               placeholder=a.date, help=_("Figures for periods that start after this date are left "
                                                          "out of the report. Empty: the assessment's date. Write "
                                                          "YYYY, YYYY-MM or YYYY-MM-DD."),
                               key="report_cutoff")
        saved = st.form_submit_button(_("Save the report texts"), type="primary")
else:  # to read: the texts as the report shows them (below), the imprint, abbreviations and cut-off
    imprint_set = [(label, getattr(texts.imprint, key)) for key, label in IMPRINT_LABELS.items()
                   if getattr(texts.imprint, key)]
    st.markdown("### " + _("Imprint"))
    st.markdown("\n".join(f"- **{md(label)}**: {md(' '.join(value.split()))}" for label, value in imprint_set)
                if imprint_set else _("No imprint yet."))
    st.markdown("### " + _("Abbreviations"))
    if texts.abbreviations:
        st.dataframe(pd.DataFrame({"Abbreviation": list(texts.abbreviations),
                                   "Stands for": list(texts.abbreviations.values())}), hide_index=True,
                     column_config=abbreviation_columns())
    else:
        st.caption(_("None beyond the country profile's."))
    cutoff_label = _(CUTOFF)
    st.markdown(f"**{cutoff_label}:** {md(texts.data_cutoff or a.date)}")

if saved:
    pairs = [(str(r["Abbreviation"]).strip(), str(r["Stands for"]).strip()) for r in table.to_dict("records")
             if pd.notna(r["Abbreviation"]) and str(r["Abbreviation"]).strip()]
    try:
        report = parse_report_texts({**values, "imprint": imprint, "data_cutoff": cutoff.strip() or None,
                                     "abbreviations": {k: v for k, v in pairs if v and v != "<NA>"}})
        ws.save_report(a.id, report, based_on=base)
    except ValidationFailed as err:
        st.error(_("Not saved:") + "\n" + "\n".join(f"- **{md(_field(p.path))}**: {md(p.message)}"
                                                     for p in err.problems))
    except (Forbidden, Locked, ReportChanged) as err:
        st.error(md(str(err)))
    else:
        st.session_state["report_texts_outcome"] = _("Report texts saved.")
        st.session_state.pop("report_texts_seen", None)
        st.rerun()

written = [k for k in SECTIONS if texts.section(k)]
if not written and not may:
    st.caption(_("No report texts written yet."))
if written:
    st.header(_("As the report shows them"))
    for key in written:
        with st.expander(SECTIONS[key]):
            st.html(str(to_html(texts.section(key), heading_base=3)))
