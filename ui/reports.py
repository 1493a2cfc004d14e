"""Reports: the country report (PDF, editable DOCX) and the spreadsheets of the chosen assessment."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pandas as pd
import streamlit as st

from dashboard.disclosure import DEFAULT_THRESHOLD
from exports.report import render_pdf, report_html, write_report
from exports.spreadsheet import write_grid_csv, write_workbook
from ui.components import assessment_downloads, header
from ui.state import chosen, figures_frame, stored, workspace
from ui.text import md



@st.cache_data(max_entries=32, show_spinner=False)
def _spreadsheets(slug: str, revision: int, figures: pd.DataFrame) -> tuple[bytes, bytes]:
    """The workbook and the grid CSV of one revision with one set of figures (built once, not per rerun)."""
    current, _, m = stored(slug)
    a = current.assessment
    with tempfile.TemporaryDirectory() as tmp:
        return (write_workbook(m, a, Path(tmp) / "g.xlsx", figures=figures).read_bytes(),
                write_grid_csv(m, a, Path(tmp) / "g.csv").read_bytes())


current, lines, m = stored(chosen())
a = current.assessment
st.title("Reports")
st.markdown(f"## {md(a.country)} {md(a.date)} · {md(a.title)}")
header(a, m)
st.caption("Built from the assessment as stored now (revision "
           f"{current.revision}). The PDF embeds everything it shows and fetches nothing.")

figures = figures_frame()
st.caption(f"The data section draws on the {len(figures):,} figures imported (Data in / out), from "
           f"{figures['publication'].nunique()} publications; counts below {DEFAULT_THRESHOLD} are hidden.")

if st.button("Build the country report", type="primary", icon=":material/picture_as_pdf:", key="build_report"):
    with st.status("Building the report…", expanded=True) as status:
        st.write("Laying out the text, the grid, the systems map and the data charts")
        comments = workspace().comments(a.id)
        previous = stored(current.previous)[0].assessment if current.previous else None
        html = report_html(m, a, figures, comments, previous=previous)
        st.write("Rendering the PDF pages")
        st.session_state["report_pdf"] = (current.revision, a.id, render_pdf(html))
        with tempfile.TemporaryDirectory() as tmp:
            st.write("Writing the editable Word version")
            st.session_state["report_docx"] = (current.revision, a.id, write_report(
                m, a, Path(tmp) / "r.docx", figures=figures, comments=comments, previous=previous).read_bytes())
        status.update(label="Report ready", state="complete", expanded=False)

built = st.session_state.get("report_pdf")
if built and built[:2] == (current.revision, a.id):
    bar = st.container(horizontal=True)
    bar.download_button("Country report (PDF)", built[2], file_name=f"{a.id}-report.pdf", mime="application/pdf",
                        icon=":material/download:", key="download_pdf")
    bar.download_button("Country report (DOCX, editable)", st.session_state["report_docx"][2],
                        file_name=f"{a.id}-report.docx", icon=":material/download:", key="download_docx",
                        mime="application/vnd.openxmlformats-officedocument.wordprocessingml.document")
elif built:
    st.info("The assessment changed since the report was built: build it again.")

st.header("Web edition")
st.caption("A static site of the report (summary, linked systems map, key findings, grid, a page per "
           "relationship, conclusions, action plan, data with its CSVs, bibliography, standards, abbreviations, "
           "imprint), built when you download it: unzip and open index.html, or put it on any web server. "
           "It asks no other site for anything.")


def _site_zip(comments: list = workspace().comments(a.id)) -> bytes:  # type: ignore[type-arg]
    """The web edition of the assessment as stored now, zipped in memory (called on download)."""
    from exports.site import site_zip

    return site_zip(m, a, figures, comments, folder=f"{a.id}-web")


st.download_button("Web edition (ZIP)", _site_zip, file_name=f"{a.id}-web.zip", mime="application/zip",
                   icon=":material/download:", key="download_site")

st.header("Spreadsheets")
workbook, grid_csv = _spreadsheets(a.id, current.revision, figures)
bar = st.container(horizontal=True)
bar.download_button("Workbook (XLSX: grid, evidence, standards, data)", workbook, file_name=f"{a.id}.xlsx",
                    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    icon=":material/download:", key="download_xlsx")
bar.download_button("Grid (CSV)", grid_csv, file_name=f"{a.id}-grid.csv", mime="text/csv",
                    icon=":material/download:", key="download_csv")
st.header("The assessment and its map")
assessment_downloads(m, a, lines)
