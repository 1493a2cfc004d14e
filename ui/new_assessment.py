"""New assessment: start a blank grid for a country, from a shipped profile or one made here."""

from __future__ import annotations

import re

import pandas as pd
import streamlit as st

from framework import ValidationFailed
from framework.problems import dotted
from framework.profiles import dump_profile, profile_from_text
from framework.translations import in_language
from base.i18n import _, language, ngettext, number
from base.yamlio import dump
from store.repository import AlreadyExists, ProfileClash
from ui.state import choose, method, workspace
from ui.text import md

ws = workspace()
st.title(_("New assessment"))
st.caption(_("A new assessment starts as a blank grid: every line of the country's system unscored, status draft. "
             "The country's profile says what each actor is called there and which lines its system has."))
profiles = ws.profiles()
base = method().model  # the method in English: the new profile's English names come from it
shown = in_language(base, language())  # the method's words as this page shows them
made_here = st.toggle(_("Make a new country profile"), key="make_profile",
                      help=_("For a country without a shipped profile: name its actors, choose its bias strands, "
                             "and leave out lines that do not apply."))


def _refused(err: ValidationFailed) -> None:
    """Each problem, and the field it is in."""
    for problem in err.problems:
        st.error(md(f"{problem.message} ({dotted(problem.path)})"), icon=":material/error:")


def _preview(profile) -> None:  # type: ignore[no-untyped-def]
    """What the country's grid will hold: its actors with their names, and the lines left out."""
    country = in_language(method().country(profile), language())
    if profile.status == "draft":
        st.info(_("The {country} profile is a draft, to be confirmed by national partners.").format(
            country=md(profile.name if language() in profile.languages else profile.name_en)),
                icon=":material/info:")
    named = [{_("Role in the method"): shown.label(a.id) if a.id in shown.actors else _("National actor"),
              _("Name in the country"): a.label, _("English name"): a.label_en or a.label}
             for a in country.framework.actors if a.kind not in ("cso", "igo")]
    st.dataframe(pd.DataFrame(named), hide_index=True, width="stretch", key="profile_actors")
    strands = ", ".join(s.label for s in country.framework.strands)
    n = len(country.relationships)
    st.caption(ngettext("{n} line. Bias strands with a CSO: {strands}.", "{n} lines. Bias strands with a CSO: {strands}.",
                        n).format(n=number(n), strands=md(strands)))
    if country.absent:
        st.caption(_("Lines left out of this country's grid: {lines}").format(lines="; ".join(
            f"{md(shown.relationships[r].title if r in shown.relationships else r)} ({md(why)})"
            for r, why in country.absent.items())))


if not made_here:
    code = st.selectbox(_("Country profile"), list(profiles), key="new_profile",
                        format_func=lambda c: _("{profile} · draft profile").format(profile=profiles[c].title)
                        if profiles[c].status == "draft" else profiles[c].title)
    chosen = profiles[code]
    _preview(chosen)
else:
    with st.container(border=True):
        c1, c2, c3, c4 = st.columns([1, 2, 2, 1])
        new_code = c1.text_input(_("Code"), max_chars=8, key="profile_code", help=_("Lower-case letters, e.g. pt"))
        name = c2.text_input(_("Country, in its own language"), key="profile_name")
        name_en = c3.text_input(_("Country, in English"), key="profile_name_en")
        languages = c4.text_input(_("Languages"), value="en", max_chars=40, key="profile_language",
                                 help=_("Language codes, comma-separated, the main one first: e.g. pt, or en, ga"))
        st.markdown(_("**What each actor is called there** (left empty: the method's role name)"))
        actor_names = {}
        for actor in shown.framework.actors:
            if actor.kind in ("authority", "ministry"):
                actor_names[actor.id] = st.text_input(actor.label, key=f"profile_actor_{actor.id}")
        strand_ids = st.multiselect(_("Bias strands with a CSO"), [s.id for s in base.framework.strands],
                                    default=[s.id for s in base.framework.strands], key="profile_strands",
                                    format_func=shown.strand_label)
        extra = st.text_input(_("Other bias strands (comma-separated names)"), key="profile_extra",
                              help=_("A strand the method does not know, e.g. Aporophobia; it gets the lines every "
                                     "CSO strand has."))
        leave_out = st.multiselect(_("Lines that do not apply in this country"), list(base.relationships),
                                   key="profile_absent", format_func=lambda r: shown.relationships[r].title)
        reason = st.text_input(_("Why they do not apply"), key="profile_absent_reason",
                               disabled=not leave_out)
    data = {
        "code": new_code.strip(), "name": name.strip(), "name_en": (name_en or name).strip(),
        "languages": [code.strip() for code in languages.split(",") if code.strip()], "status": "draft", "method_version": base.version,
        "statistics_areas": [(name_en or name).strip()],
        "actors": {a: {"name": n.strip(), "name_en": base.label(a)} for a, n in actor_names.items() if n.strip()},
        "strands": [{"id": s} for s in strand_ids] + [
            {"id": re.sub(r"[^a-z0-9]+", "-", x.strip().lower()).strip("-"), "label": x.strip()}
            for x in extra.split(",") if x.strip()],
        "absent": [{"line": r, "reason": reason.strip() or _("Does not apply in this country.")} for r in leave_out],
        "notes": "Made in ffgrid's New assessment page.",
    }
    chosen = None
    if data["code"] and data["name"]:
        try:
            chosen = profile_from_text(dump(data), "the new profile", base)
        except ValidationFailed as err:
            _refused(err)
        else:
            if chosen.code in profiles:
                st.error(_("The code {code} is taken by {profile}: choose another.").format(
                    code=md(chosen.code), profile=md(profiles[chosen.code].title)),
                         icon=":material/error:")
                chosen = None
            else:
                _preview(chosen)
                st.download_button(_("The profile as YAML"), dump_profile(chosen), file_name=f"{chosen.code}.yaml",
                                   mime="application/yaml", icon=":material/download:", key="profile_yaml")
    else:
        st.caption(_("Give the country's code and name to see its grid."))

with st.form("new_assessment"):
    c1, c2 = st.columns([1, 3])
    date = c1.text_input(_("Date"), placeholder=_("YYYY, YYYY-MM or YYYY-MM-DD"), key="new_date")
    title = c2.text_input(_("Title (optional)"), key="new_title")
    start = st.form_submit_button(_("Start the assessment"), type="primary", icon=":material/add:",
                                  disabled=chosen is None)
if start and chosen is not None:
    try:
        made = ws.new_assessment(chosen if made_here else chosen.code, date.strip(), title.strip() or None)
    except ValidationFailed as err:
        _refused(err)
    except (ProfileClash, AlreadyExists) as err:  # someone took the code or the id meanwhile
        st.error(md(str(err)), icon=":material/error:")
    else:
        choose(made.id)
        st.switch_page(st.session_state["pages"]["overview"], query_params={"assessment": made.id})

made_in_app = {code: p for code, p in profiles.items() if code not in method().profiles}
if made_in_app:
    st.header(_("Profiles made here"))
    st.caption(_("Stored in the database; an assessment's YAML export carries its profile too."))
    bar = st.container(horizontal=True)
    for code, p in made_in_app.items():
        bar.download_button(_("{profile} (YAML)").format(profile=p.title), dump_profile(p), file_name=f"{code}.yaml",
                            mime="application/yaml",
                            icon=":material/download:", key=f"stored_profile_{code}")
