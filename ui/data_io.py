"""Data in / out: import an assessment YAML or data for the dashboard (problems shown per field or
row; nothing stored from a bad file), export YAML and the map."""

import pandas as pd
import streamlit as st

from framework import ValidationFailed
from framework.problems import dotted
from store import AlreadyExists
from framework.review import BadTransition, Locked
from base.bounded import Overrun
from dashboard.limits import MAX_CASES_BYTES, MAX_FIGURES_BYTES, MAX_MAPPING_BYTES, MB, check_size
from dashboard.problems import ImportRefused
from base.paths import ROOT
from ui.components import assessment_downloads
from access import Forbidden
from ui.state import case_store, choose, chosen, figure_store, repository, stored, workspace
from ui.text import md

MAX_YAML_BYTES = 5 * MB
MAPPINGS = ROOT / "data" / "mappings"

st.title("Data in / out")
ws = workspace()


def problems_table(err: ImportRefused) -> None:
    """The problems of a refused data file, by row."""
    st.dataframe(pd.DataFrame([{"Row": p.row, "Column": p.column, "Problem": p.message} for p in err.problems]),
                 hide_index=True, width="stretch")


st.header("Import an assessment")
if not ws.may("manage_assessments"):
    st.caption(f"Importing assessments is for administrators (you are {ws.user.role}).")
    upload = None
else:
    st.caption("A YAML file in the assessment format (see docs/model-format.md). It is checked against the "
               "method first; if anything is wrong nothing is stored and every problem is listed.")
    upload = st.file_uploader("Assessment YAML", type=["yaml", "yml"], key="upload",
                              max_upload_size=MAX_YAML_BYTES // MB)
    replace = st.checkbox("Replace an assessment with the same id", key="replace")
if upload is not None and st.button("Import", type="primary", key="import"):
    try:
        check_size(upload.size, MAX_YAML_BYTES, upload.name)  # the browser's limit can be got round
        imported = ws.import_yaml(upload.getvalue().decode("utf-8"), upload.name, replace=replace)
    except ImportRefused as err:
        st.error(f"{md(str(err.problems[0]))}; nothing was imported.")
    except Overrun as err:
        st.error(f"{md(upload.name)} could not be read: {md(str(err))}; nothing was imported.")
    except (Forbidden, Locked, BadTransition) as err:
        st.error(f"{md(str(err))}; nothing was imported.")
    except UnicodeDecodeError:
        st.error(f"{md(upload.name)} is not UTF-8 text; nothing was imported.")
    except AlreadyExists as err:
        st.error(f"{md(str(err))}. Tick “Replace” to overwrite it; nothing was imported.")
    except ValidationFailed as err:
        st.error(f"{md(upload.name)} has {len(err.problems)} problem(s); nothing was imported.")
        st.dataframe(pd.DataFrame([{"Line": p.line, "Field": dotted(p.path), "Relationship": p.context,
                                    "Problem": p.message} for p in err.problems]),
                     hide_index=True, width="stretch")
    else:
        st.session_state["import_notice"] = f"Imported {md(imported.title)} ({len(imported.lines)} lines)."
        choose(imported.id)
        st.rerun()
if notice := st.session_state.pop("import_notice", None):
    st.success(notice, icon=":material/check_circle:")

st.header("Import data for the dashboard")
if not ws.may("import_data"):
    st.caption(f"Importing data is for administrators and assessors (you are {ws.user.role}).")
else:
    st.caption("Every row is checked first; a file with any bad row is refused whole, with the row numbers and "
               "reasons. Figures replace earlier imports of the same publication; other editions stay apart.")
    kind = st.radio("What", ["Figures", "Case records"], horizontal=True, key="data_kind",
                    captions=["tidy CSV, or a wide CSV with a column mapping", "one row per offence or incident"])
    limit = MAX_FIGURES_BYTES if kind == "Figures" else MAX_CASES_BYTES
    data_file = st.file_uploader("Data file", type=["csv"] if kind == "Figures" else ["csv", "parquet"],
                                 key="data_upload", max_upload_size=limit // MB)
    mapping_upload, mapping_path, synthetic = None, None, False
    if kind == "Figures":
        bundled = {p.name: p for p in sorted(MAPPINGS.glob("*.yaml"))}
        mapping_choice = st.selectbox("Column mapping", ["none: the file is tidy", *bundled, "upload a mapping"],
                                      key="mapping_choice")
        if mapping_choice == "upload a mapping":
            mapping_upload = st.file_uploader("Mapping YAML", type=["yaml", "yml"], key="mapping_upload",
                                              max_upload_size=MAX_MAPPING_BYTES // MB)
        elif mapping_choice in bundled:
            mapping_path = bundled[mapping_choice]
    else:
        country = stored(chosen())[2].profile
        st.caption(f"The records are stored as {md(country.name_en)}'s, the country of the chosen assessment; "
                   "the dashboard shows each country's records with its assessments only. Area columns: "
                   f"{', '.join(md(level) for level in country.area_levels)} (area\\_1 to area\\_3), or "
                   "the United Kingdom's force, ward\\_code and lsoa\\_code.")
        synthetic = st.checkbox("These records are synthetic (labelled so wherever shown)", key="data_synthetic")
    if data_file is not None and st.button("Import data", type="primary", key="import_data"):
        try:
            check_size(data_file.size, limit, data_file.name)  # before reading: the browser's limit can be got round
            if kind == "Figures":
                mapping, mapping_name = None, None
                if mapping_upload is not None:
                    check_size(mapping_upload.size, MAX_MAPPING_BYTES, mapping_upload.name)
                    mapping, mapping_name = mapping_upload.getvalue(), mapping_upload.name
                elif mapping_path is not None:
                    mapping, mapping_name = mapping_path.read_bytes(), mapping_path.name
                frame = ws.import_figures_file(data_file.getvalue(), data_file.name, mapping, mapping_name)
                done = f"Imported {len(frame):,} figures from {md(data_file.name)}."
            else:
                stored_set = ws.import_cases_file(data_file.getvalue(), data_file.name, country.code,
                                                  synthetic=synthetic)
                done = f"Imported {stored_set.rows:,} case records of {md(country.name_en)} from {md(data_file.name)}."
        except Forbidden as err:
            st.error(md(str(err)))
        except Overrun as err:
            st.error(f"{md(data_file.name)} could not be read: {md(str(err))}; nothing was imported.")
        except ImportRefused as err:
            st.error(f"{md(data_file.name)}: {len(err.problems)} problem(s); nothing was imported.")
            problems_table(err)
        else:
            st.success(done, icon=":material/check_circle:")
with st.expander("Data imported so far"):
    st.dataframe(pd.DataFrame([{"File": d.file, "Figures": d.figures, "Mapping": d.mapping, "Imported": d.imported_at,
                                "By": d.imported_by} for d in figure_store().datasets()]), hide_index=True,
                 width="stretch")
    profiles = repository().profiles()
    st.dataframe(pd.DataFrame([{"Case records": c.name, "Country": profiles[c.country].name_en if c.country in profiles
                                else c.country, "Rows": c.rows, "Synthetic": c.synthetic}
                               for c in case_store().sets()]), hide_index=True, width="stretch")

st.header("Export")
current, lines, m = stored(chosen())
a = current.assessment
st.caption(f"{md(a.country)} {md(a.date)} · {md(a.title)} (revision {current.revision})")
assessment_downloads(m, a, lines)
