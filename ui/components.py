"""Pieces several pages draw: the rating counts, the map, the grid table and the illustrative notice."""

from __future__ import annotations

import html
from typing import Collection, Iterable, Mapping

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from base.i18n import _
from base.rich_text import to_html
from exports.systems_map import inline_svg, key_rows, map_caption, render, systems_map_dot, target_looks
from framework import Assessment, Model
from framework.plan import Plan
from scoring import RATINGS, ScoredLine, count_ratings
from scoring.targets import gaps
from store import LineMeta
from ui.state import repository
from ui.text import RATING_MARK, STATUS, md


def rich(text: str | None, empty: str = "") -> None:
    """User text (Markdown) as every output shows it: formatted, HTML escaped, links only to web and
    mail addresses (base.rich_text, the renderer of the report)."""
    if text and text.strip():
        st.html(str(to_html(text, heading_base=4)))
    elif empty:
        st.caption(empty)


def country_and_date(assessment: Assessment) -> str:
    """The assessment as a map's caption names it: its country and date."""
    return f"{assessment.country}, {assessment.date}"


def header(assessment: Assessment, m: Model | None = None) -> None:
    """The assessment's author, country profile and source, and a warning when it is only an
    illustrative example."""
    if assessment.illustrative:
        st.warning(_("Illustrative example, not an official assessment."), icon=":material/info:")
    profile = m.profile if m is not None else None
    country = (" · " + _("country profile {profile}").format(profile=md(profile.title))
               + (" " + _("(a draft, to be confirmed by national partners)") if profile.status == "draft" else "")
               ) if profile else ""
    st.caption(f"{md(assessment.author)} · " + _("method {version}").format(version=md(assessment.model_version))
               + country + (" · " + _("source: {source}").format(source=md(assessment.source)) if assessment.source
                            else ""))


def wrapping_row(gap: str = "small") -> DeltaGenerator:
    """A row of elements (filters, figures) that wraps onto a next line where the page is narrow, each as
    wide as it needs: a label or a choice is never cut."""
    return st.container(horizontal=True, wrap=True, gap=gap)


def rating_counts(lines: Iterable[ScoredLine], vertical: bool = False) -> None:
    """One metric per rating (mark, word and number, so it reads without colour), in a row (wrapped where
    it is narrow) or a column."""
    counts = count_ratings(lines)
    if vertical:
        for rating in RATINGS:
            st.metric(RATING_MARK[rating], counts[rating], border=True)
        return
    row = wrapping_row("large")
    for rating in RATINGS:
        row.metric(RATING_MARK[rating], counts[rating], width="content")


@st.cache_data(max_entries=512, show_spinner=False)
def laid_out(dot: str) -> str:
    """The map laid out by Graphviz on the server as SVG, once per distinct map (about 25 ms): whatever it
    is named, so the warm-up's drawing serves every page that shows the same map."""
    return render(dot, "svg").decode("utf-8")


@st.cache_data(max_entries=512, show_spinner=False)
def named_map(dot: str, alt: str) -> str:
    """The laid-out map made to sit in a page and named by `alt` (a few passes over its SVG: once per map
    and name, not on every rerun)."""
    return inline_svg(laid_out(dot), alt)


def map_alt(m: Model, where: str, target: bool = False, highlight: str | None = None,
            focus: str | None = None) -> str:
    """A map's text alternative: what it shows (the report's caption, `where` naming the assessment), the
    line highlighted or the actor focused on, and where to read every line in words."""
    parts = [map_caption(where or _("the assessment"), target)]
    if highlight in m.relationships:
        parts.append(_("the line {title} is highlighted").format(title=m.relationships[highlight].title))
    if focus in m.actors:
        parts.append(_("only the lines of {actor} are shown").format(actor=m.label(focus)))
    return "; ".join(parts) + ". " + _("The grid on the Overview lists every line in words.")


def map_of(m: Model, lines: list[ScoredLine], highlight: str | None = None, title: str = "", target: bool = False,
           plan: Plan | None = None, focus: str | None = None, key: bool = True, where: str = "") -> str:
    """The systems map's SVG: by rating, or with `target` by the gap to each line's target; lines with a
    recommendation in `plan` carry a ⚑; with `focus` only that actor's lines; without `key`, no key on it
    (`map_key` shows it beneath); named for assistive technology by `map_alt`."""
    looks = target_looks(gaps(lines, plan), lines) if target and plan is not None else None
    flagged = {r.relationship for r in plan.recommendations} if plan is not None else set()
    return named_map(systems_map_dot(m, lines, title, highlight, looks, flagged, focus=focus, key=key),
                     map_alt(m, where, target, highlight, focus))


def map_key(m: Model, target: bool = False) -> None:
    """The map's key beneath it: each line style's stroke in its colour and what it means."""
    rows = key_rows(m, target)
    # The key's texts are ffgrid's own (styles, and the rating bands' numbers), never user text.
    st.markdown(" &nbsp; ".join(f'<span style="color:{c};font-weight:bold">{stroke}</span> {html.escape(text)}'
                                for c, stroke, text in rows), unsafe_allow_html=True)


def systems_map(m: Model, lines: list[ScoredLine], highlight: str | None = None, title: str = "", target: bool = False,
                plan: Plan | None = None, where: str = "") -> None:
    """The systems map as inline SVG (tooltips, ids, no JS), an image named by its text alternative."""
    # Markdown with HTML, not st.html: st.html's sanitiser drops SVG. Graphviz writes every label and
    # tooltip XML-escaped, so no user text can become markup here.
    svg = map_of(m, lines, highlight, title, target, plan, where=where)
    st.markdown(f'<figure class="ffgrid-map" style="margin:0">{svg}</figure>', unsafe_allow_html=True)


def review_state(status: str, relationship: str, sent_back: Collection[str]) -> str:
    """A line's review state as people read it: a draft that a reviewer sent back reads as sent back."""
    return STATUS["sent_back" if status == "draft" and relationship in sent_back else status]


def grid_rows(lines: list[ScoredLine], plan: Plan | None = None, m: Model | None = None,
              meta: Mapping[str, LineMeta] | None = None, sent_back: Collection[str] = ()) -> list[dict[str, object]]:
    """The grid's rows, one per line: row, relationship, strand, both scores, the rating in words, with
    `meta` each line's review status (sent back for the relationships in `sent_back`), and with a plan that
    sets targets, each line's target and gap to it."""
    found = {g.line.key: g for g in gaps(lines, plan)} if plan is not None else {}
    strand = {s.id: s.label for s in m.framework.strands} if m is not None else {}
    return [{"Row": ln.grid_row, "Relationship": ln.title, "Strand": strand.get(ln.strand, ln.strand) if ln.strand else "", "Framework": ln.framework,
          "Action": ln.action, "Rating": RATING_MARK[ln.rating], "id": ln.relationship,
          **({"Review": review_state(meta[ln.relationship].review_status if ln.relationship in meta else "draft",
                                     ln.relationship, sent_back)}
             if meta is not None else {}),
          **({"Target": f"{g.target.framework}+{g.target.action}" if (g := found.get(ln.key)) else "",
              "Gap": (_("N/A") if g.na else _("met") if g.met else str(g.gap)) if g else ""} if found else {})}
            for ln in lines]


def assessment_downloads(m: Model, assessment: Assessment, lines: list[ScoredLine]) -> None:
    """Download buttons: the assessment as YAML, and the systems map as SVG and PNG (drawn when clicked)."""
    dot = systems_map_dot(m, lines, title=f"{assessment.country} {assessment.date}")
    bar = st.container(horizontal=True)
    bar.download_button(_("Assessment YAML"), repository().export_yaml(assessment.id), file_name=f"{assessment.id}.yaml",
                        mime="application/yaml", icon=":material/download:", key="export_yaml")
    bar.download_button(_("Systems map SVG"), lambda: render(dot, "svg"), file_name=f"{assessment.id}-map.svg",
                        mime="image/svg+xml", icon=":material/download:", key="export_svg")
    bar.download_button(_("Systems map PNG"), lambda: render(dot, "png"), file_name=f"{assessment.id}-map.png",
                        mime="image/png", icon=":material/download:", key="export_png")
