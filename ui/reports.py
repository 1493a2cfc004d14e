"""Reports: the country report (PDF, editable DOCX) and the spreadsheets of the chosen assessment."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pandas as pd
import streamlit as st

from base.i18n import LANGUAGES, _, ngettext, number
from dashboard.areas import no_figures, of_country
from dashboard.disclosure import DEFAULT_THRESHOLD
from exports.report import document_language
from exports.report_build import STEPS, build_report, start_workers
from exports.spreadsheet import write_grid_csv, write_workbook
from ui.components import assessment_downloads, header
from ui.report_builds import builds
from ui.state import chosen, figures_frame, figures_revision, stored, workspace
from ui.text import md
from ui.warmup import fragment



@st.cache_data(max_entries=32, show_spinner=False)
def _spreadsheets(slug: str, revision: int, figures_revision: tuple[int, int], language: str,
                  _figures: pd.DataFrame) -> tuple[bytes, bytes]:
    """The workbook and the grid CSV of one revision with one revision of the figures, in `language`
    (built once, not per rerun; keyed by the revisions and the language, not by hashing the figures)."""
    figures = _figures
    current, _lines, m = stored(slug)
    a = current.assessment
    with tempfile.TemporaryDirectory() as tmp:
        return (write_workbook(m, a, Path(tmp) / "g.xlsx", figures=figures, language=language).read_bytes(),
                write_grid_csv(m, a, Path(tmp) / "g.csv", language=language).read_bytes())


current, lines, m = stored(chosen())
a = current.assessment
st.title(_("Reports"))
st.markdown(f"## {md(a.country)} {md(a.date)} · {md(a.title)}")
header(a, m)
st.caption(_("Built from the assessment as stored now (revision {revision}). The PDF embeds everything it "
             "shows and fetches nothing.").format(revision=current.revision))

figures = figures_frame()
own = of_country(figures, m)  # the assessment's country's own, as the data section uses them
publications = own["publication"].nunique()
st.caption(no_figures(m, md) if own.empty else ngettext(
    "The data section draws on the {figures} figures imported (Data in / out), from {n} publication; counts below "
    "{threshold} are hidden.",
    "The data section draws on the {figures} figures imported (Data in / out), from {n} publications; counts below "
    "{threshold} are hidden.", publications).format(figures=number(len(own)), n=publications,
                                                    threshold=DEFAULT_THRESHOLD))

BUILD_POLL_SECONDS = 0.5  # how often the page looks at a running build
LANGUAGE_KEY = f"report_language@{a.id}"  # the language chosen for this assessment's documents


def _start_build() -> None:
    """Start building the report of the assessment as stored now (PDF, then DOCX) in the background."""
    comments = workspace().comments(a.id)
    previous = stored(current.previous)[0].assessment if current.previous else None
    builds().start(user, a.id, current.revision, st.session_state.get(LANGUAGE_KEY),
                   lambda build: build_report(build, m, a, figures, comments, previous))


def _build_panel() -> None:
    """The build's progress while it runs (looked at again every BUILD_POLL_SECONDS), then its downloads
    or why it failed."""
    build = builds().get(user, a.id)
    if build is None:
        return
    if build.running:
        st.progress(build.steps_done / len(STEPS),
                    text=_("Building the report… step {step} of {steps}: {doing} ({seconds} s so far). You "
                           "can go on using the app meanwhile.").format(
                        step=build.steps_done + 1, steps=len(STEPS), doing=_(build.step),
                        seconds=f"{build.seconds:.0f}"))
    elif st.session_state.get("report_polling"):  # it has just finished: draw the page again, not polling
        st.session_state["report_polling"] = False
        st.rerun()
    if build.error:
        st.error(build.error, icon=":material/error:")
    elif build.revision != current.revision:
        st.info(_("The assessment changed since the report was built: build it again."))
    elif build.language != st.session_state.get(LANGUAGE_KEY):
        st.info(_("The report was built in {built}: build it again for {chosen}.").format(
            built=LANGUAGES.get(build.language or "", build.language), chosen=LANGUAGES[chosen_language]))
    elif build.pdf is not None:
        if not build.running:
            st.success(_("Report ready (built in {seconds} s).").format(seconds=f"{build.seconds:.0f}"),
                       icon=":material/check_circle:")
        bar = st.container(horizontal=True)
        bar.download_button(_("Country report (PDF)"), build.pdf, file_name=f"{a.id}-report.pdf",
                            mime="application/pdf", icon=":material/download:", key="download_pdf")
        if build.docx is not None:
            bar.download_button(_("Country report (DOCX, editable)"), build.docx, file_name=f"{a.id}-report.docx",
                                icon=":material/download:", key="download_docx",
                                mime="application/vnd.openxmlformats-officedocument.wordprocessingml.document")


user = workspace().user.name
start_workers()  # the processes that write the files, ready by the time the button is clicked
running = (b := builds().get(user, a.id)) is not None and b.running
chosen_language = st.selectbox(_("Language of the documents"), list(LANGUAGES), format_func=LANGUAGES.__getitem__,
                               index=list(LANGUAGES).index(document_language(m, a)), key=LANGUAGE_KEY,
                               help=_("The report's headings, labels, numbers and dates; the assessment's own "
                                      "texts stay as written."))
if st.button(_("Build the country report"), type="primary", icon=":material/picture_as_pdf:", key="build_report",
             disabled=running, on_click=_start_build):
    running = True
st.session_state["report_polling"] = running
fragment(run_every=BUILD_POLL_SECONDS if running else None)(_build_panel)()

st.header(_("Web edition"))
st.caption(_("A static site of the report (summary, linked systems map, key findings, grid, a page per "
             "relationship, conclusions, action plan, data with its CSVs, bibliography, standards, abbreviations, "
             "imprint), built when you download it: unzip and open index.html, or put it on any web server. "
             "It asks no other site for anything."))


def _site_zip(comments: list = workspace().comments(a.id),  # type: ignore[type-arg]
              language: str = chosen_language) -> bytes:
    """The web edition of the assessment as stored now, in the documents' language, zipped in memory (called
    on download)."""
    from exports.site import site_zip

    return site_zip(m, a, figures, comments, folder=f"{a.id}-web", language=language)


st.download_button(_("Web edition (ZIP)"), _site_zip, file_name=f"{a.id}-web.zip", mime="application/zip",
                   icon=":material/download:", key="download_site")

st.header(_("Spreadsheets"))
workbook, grid_csv = _spreadsheets(a.id, current.revision, figures_revision(), chosen_language, figures)
bar = st.container(horizontal=True)
bar.download_button(_("Workbook (XLSX: grid, evidence, standards, data)"), workbook, file_name=f"{a.id}.xlsx",
                    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    icon=":material/download:", key="download_xlsx")
bar.download_button(_("Grid (CSV)"), grid_csv, file_name=f"{a.id}-grid.csv", mime="text/csv",
                    icon=":material/download:", key="download_csv")
st.header(_("The assessment and its map"))
assessment_downloads(m, a, lines)
