"""Data in / out: import an assessment YAML (problems shown per field), export YAML, the map as SVG."""

import pandas as pd
import streamlit as st

from exports.systems_map import render, systems_map_dot
from framework import ValidationFailed
from framework.problems import dotted
from store import AlreadyExists
from ui.state import choose, chosen, model, repository, stored
from ui.text import md

MAX_UPLOAD_MB = 5

st.title("Data in / out")
st.subheader("Import an assessment")
st.caption("A YAML file in the assessment format (see docs/model-format.md). It is checked against the method "
           "first; if anything is wrong nothing is stored and every problem is listed.")
upload = st.file_uploader("Assessment YAML", type=["yaml", "yml"], key="upload", max_upload_size=MAX_UPLOAD_MB)
replace = st.checkbox("Replace an assessment with the same id", key="replace")
if st.button("Import", type="primary", disabled=upload is None, key="import"):
    try:
        text = upload.getvalue().decode("utf-8")
        imported = repository().import_yaml(text, upload.name, replace=replace,
                                            author=(st.session_state.get("author") or "").strip() or None)
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

st.subheader("Export")
current, lines = stored(chosen())
a = current.assessment
st.caption(f"{md(a.country)} {md(a.date)} · {md(a.title)} (revision {current.revision})")
dot = systems_map_dot(model(), lines, title=f"{a.country} {a.date}")
bar = st.container(horizontal=True)
bar.download_button("Assessment YAML", repository().export_yaml(a.id), file_name=f"{a.id}.yaml",
                   mime="application/yaml", icon=":material/download:", key="export_yaml")
bar.download_button("Systems map SVG", lambda: render(dot, "svg"), file_name=f"{a.id}-map.svg",
                   mime="image/svg+xml", icon=":material/download:", key="export_svg")
bar.download_button("Systems map PNG", lambda: render(dot, "png"), file_name=f"{a.id}-map.png",
                   mime="image/png", icon=":material/download:", key="export_png")
