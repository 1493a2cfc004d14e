"""Data in / out: import an assessment YAML or data for the dashboard (problems shown per field or
row; nothing stored from a bad file), export YAML and the map."""

import pandas as pd
import streamlit as st

from framework import ValidationFailed
from framework.problems import dotted
from store import AlreadyExists
from framework.review import BadTransition, Locked
from base.bounded import Overrun
from base.i18n import N_, Translated, _, ngettext, number
from dashboard.limits import MAX_CASES_BYTES, MAX_FIGURES_BYTES, MAX_MAPPING_BYTES, MB, check_size
from dashboard.problems import ImportRefused
from base.paths import ROOT
from ui.components import assessment_downloads
from access import ROLE_WORDS, Forbidden
from ui.state import case_store, choose, chosen, figure_store, repository, stored, workspace
from ui.text import md

MAX_YAML_BYTES = 5 * MB
MAPPINGS = ROOT / "data" / "mappings"
KINDS = Translated({"Figures": N_("Figures"), "Case records": N_("Case records")})  # what a data file holds
KIND_NOTES = Translated({"Figures": N_("tidy CSV, or a wide CSV with a column mapping"),
                         "Case records": N_("one row per offence or incident")})
TIDY, UPLOAD = "none: the file is tidy", "upload a mapping"  # the mapping choices besides the bundled files
MAPPING_CHOICES = Translated({TIDY: N_("none: the file is tidy"), UPLOAD: N_("upload a mapping")})

st.title(_("Data in / out"))
ws = workspace()


def problems_table(err: ImportRefused) -> None:
    """The problems of a refused data file, by row."""
    st.dataframe(pd.DataFrame([{_("Row"): p.row, _("Column"): p.column, _("Problem"): p.message}
                               for p in err.problems]), hide_index=True, width="stretch")


def not_imported(problem: str) -> None:
    """A refusal in one sentence: what is wrong, and that nothing was imported."""
    st.error(_("{problem}; nothing was imported.").format(problem=problem))


def unreadable(file: str, err: Overrun) -> None:
    """A file whose reading overran its time or memory."""
    st.error(_("{file} could not be read: {reason}; nothing was imported.").format(file=md(file), reason=md(str(err))))


st.header(_("Import an assessment"))
if not ws.may("manage_assessments"):
    st.caption(_("Importing assessments is for administrators (you are {role}).").format(role=ROLE_WORDS[ws.user.role]))
    upload = None
else:
    st.caption(_("A YAML file in the assessment format (see docs/model-format.md). It is checked against the "
                 "method first; if anything is wrong nothing is stored and every problem is listed."))
    upload = st.file_uploader(_("Assessment YAML"), type=["yaml", "yml"], key="upload",
                              max_upload_size=MAX_YAML_BYTES // MB)
    replace = st.checkbox(_("Replace an assessment with the same id"), key="replace")
if upload is not None and st.button(_("Import"), type="primary", key="import"):
    try:
        check_size(upload.size, MAX_YAML_BYTES, upload.name)  # the browser's limit can be got round
        imported = ws.import_yaml(upload.getvalue().decode("utf-8"), upload.name, replace=replace)
    except ImportRefused as err:
        not_imported(md(str(err.problems[0])))
    except Overrun as err:
        unreadable(upload.name, err)
    except (Forbidden, Locked, BadTransition) as err:
        not_imported(md(str(err)))
    except UnicodeDecodeError:
        st.error(_("{file} is not UTF-8 text; nothing was imported.").format(file=md(upload.name)))
    except AlreadyExists as err:
        st.error(_("{problem}. Tick “Replace” to overwrite it; nothing was imported.").format(problem=md(str(err))))
    except ValidationFailed as err:
        st.error(_("{file} has {n} problem(s); nothing was imported.").format(file=md(upload.name),
                                                                              n=number(len(err.problems))))
        st.dataframe(pd.DataFrame([{_("Line in the file"): p.line, _("Field"): dotted(p.path),
                                    _("Relationship"): p.context, _("Problem"): p.message} for p in err.problems]),
                     hide_index=True, width="stretch")
    else:
        st.session_state["import_notice"] = ngettext(
            "Imported {title} ({n} line).", "Imported {title} ({n} lines).", len(imported.lines)).format(
            title=md(imported.title), n=number(len(imported.lines)))
        choose(imported.id)
        st.rerun()
if notice := st.session_state.pop("import_notice", None):
    st.success(notice, icon=":material/check_circle:")

st.header(_("Import data for the dashboard"))
if not ws.may("import_data"):
    st.caption(_("Importing data is for administrators and assessors (you are {role}).").format(
        role=ROLE_WORDS[ws.user.role]))
else:
    st.caption(_("Every row is checked first; a file with any bad row is refused whole, with the row numbers and "
                 "reasons. Figures replace earlier imports of the same publication; other editions stay apart."))
    kind = st.radio(_("What"), list(KINDS), horizontal=True, key="data_kind", format_func=KINDS.get,
                    captions=[KIND_NOTES[k] for k in KINDS])
    limit = MAX_FIGURES_BYTES if kind == "Figures" else MAX_CASES_BYTES
    data_file = st.file_uploader(_("Data file"), type=["csv"] if kind == "Figures" else ["csv", "parquet"],
                                 key="data_upload", max_upload_size=limit // MB)
    mapping_upload, mapping_path, synthetic = None, None, False
    if kind == "Figures":
        bundled = {p.name: p for p in sorted(MAPPINGS.glob("*.yaml"))}
        mapping_choice = st.selectbox(_("Column mapping"), [TIDY, *bundled, UPLOAD], key="mapping_choice",
                                      format_func=lambda c: MAPPING_CHOICES.get(c, c))
        if mapping_choice == UPLOAD:
            mapping_upload = st.file_uploader(_("Mapping YAML"), type=["yaml", "yml"], key="mapping_upload",
                                              max_upload_size=MAX_MAPPING_BYTES // MB)
        elif mapping_choice in bundled:
            mapping_path = bundled[mapping_choice]
    else:
        country = stored(chosen())[2].profile
        st.caption(_("The records are stored as {country}'s, the country of the chosen assessment; the dashboard "
                     "shows each country's records with its assessments only. Area columns: {levels} (area\\_1 to "
                     "area\\_3), or the United Kingdom's force, ward\\_code and lsoa\\_code.").format(
            country=md(country.name_en), levels=", ".join(md(level) for level in country.area_levels)))
        synthetic = st.checkbox(_("These records are synthetic (labelled so wherever shown)"), key="data_synthetic")
    if data_file is not None and st.button(_("Import data"), type="primary", key="import_data"):
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
                done = ngettext("Imported {n} figure from {file}.", "Imported {n} figures from {file}.",
                                len(frame)).format(n=number(len(frame)), file=md(data_file.name))
            else:
                stored_set = ws.import_cases_file(data_file.getvalue(), data_file.name, country.code,
                                                  synthetic=synthetic)
                done = ngettext("Imported {n} case record of {country} from {file}.",
                                "Imported {n} case records of {country} from {file}.", stored_set.rows).format(
                    n=number(stored_set.rows), country=md(country.name_en), file=md(data_file.name))
        except Forbidden as err:
            st.error(md(str(err)))
        except Overrun as err:
            unreadable(data_file.name, err)
        except ImportRefused as err:
            st.error(_("{file}: {n} problem(s); nothing was imported.").format(file=md(data_file.name),
                                                                               n=number(len(err.problems))))
            problems_table(err)
        else:
            st.success(done, icon=":material/check_circle:")
with st.expander(_("Data imported so far")):
    st.dataframe(pd.DataFrame([{_("File"): d.file, _("Figures"): d.figures, _("Mapping"): d.mapping,
                                _("Imported"): d.imported_at, _("By"): d.imported_by}
                               for d in figure_store().datasets()]), hide_index=True, width="stretch")
    profiles = repository().profiles()
    st.dataframe(pd.DataFrame([{_("Case records"): c.name, _("Country"): profiles[c.country].name_en
                                if c.country in profiles else c.country, _("Rows"): c.rows,
                                _("Synthetic"): c.synthetic} for c in case_store().sets()]),
                 hide_index=True, width="stretch")

st.header(_("Export"))
current, lines, m = stored(chosen())
a = current.assessment
st.caption(_("{country} {date} · {title} (revision {revision})").format(
    country=md(a.country), date=md(a.date), title=md(a.title), revision=current.revision))
assessment_downloads(m, a, lines)
