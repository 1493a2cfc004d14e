"""The country report: HTML from a Jinja2 template (every value escaped), rendered to PDF by WeasyPrint.

The renderer fetches nothing: no files, no network. Only `data:` URLs the report itself embeds
are allowed, so text in an assessment can never pull in a local file or call out.
"""

from __future__ import annotations

import gc
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import jinja2
import pandas as pd
from markupsafe import Markup, escape

from base.i18n import DEFAULT, N_, Translated, _, has_catalogue, language, ngettext, percent, using
from base.rich_text import to_html
from exports.citations import abbreviations, bibliography, readable_date, used_in
from exports.report_data import MEASURE_HEADINGS, MEASURE_NOTE, SOURCE_HEADINGS, before_cutoff, data_section, measure_rows
from exports.xml_text import clipped
from exports.map_print import readable
from exports.systems_map import inline_svg, key_rows, map_caption, prefixed_ids, systems_map_dot, target_looks
from framework import Assessment, Model
from framework.profile import Profile
from framework.model import citing
from framework.report_texts import IMPRINT_LABELS, SECTIONS
from framework.plan import STATUS_LABEL, status_report
from scoring import ScoredLine, by_standard, count_ratings, score_assessment
from scoring.findings import generated_findings, weakest
from scoring.countries import Comparison, CountryTable
from scoring.ratings import MARK, WORD
from scoring.targets import gaps, percent_to_target, total_gap
from framework.review import STATUS_WORDS, Comment
from framework.translations import in_language, method_words

TEMPLATES = Path(__file__).with_name("templates")
HEADER_MAX = 48  # characters of the country in each page's header (the cover has it whole)
TITLE_MAX = 200  # characters of the country in the document's title (the PDF's properties)


def one_line(text: str, limit: int) -> str:
    """Text on one line (every run of spaces and line breaks as one space), cut to `limit` with …"""
    return clipped(" ".join(text.split()), limit)


@dataclass(frozen=True)
class ReportLine:
    """One relationship as the report shows it (strand lines grouped under their relationship)."""

    id: str
    title: str
    from_label: str
    to_label: str
    grid_row: int | None
    scored: tuple[ScoredLine, ...]




def marks(assessment: Assessment) -> tuple[str, str]:
    """What the running header says on every page, and on the plan's pages: SAMPLE for an illustrative
    assessment (or plan), DRAFT for one not yet validated; empty for a validated, real one."""
    words = ([_("SAMPLE")] if assessment.illustrative else []) + (
        [_("DRAFT")] if assessment.status in ("draft", "submitted") else [])
    doc = " · ".join(words)
    plan = (doc if assessment.illustrative or not assessment.plan.illustrative
            else " · ".join([_("SAMPLE PLAN"), *words]))
    return doc, plan


def text_language(model: Model, assessment: Assessment) -> str:
    """The language the assessment's own texts are written in: the first of its profile's languages (the
    profile in the file, or the shipped one its code names, which the model is of), else English. The
    report's own words are English (the document's language) until they are translated."""
    profile = assessment.profile if isinstance(assessment.profile, Profile) else model.profile
    if profile is not None and assessment.profile_code == profile.code and profile.languages:
        return str(profile.languages[0])
    return "en"


PRIORITY_WORDS = Translated({"high": N_("High"), "medium": N_("Medium"), "low": N_("Low")})
LANGUAGE_NAMES = Translated({"el": N_("Greek"), "it": N_("Italian"), "ga": N_("Irish"), "pt": N_("Portuguese"),
                             "de": N_("German"), "fr": N_("French")})  # languages a profile names, in words


def document_language(model: Model, assessment: Assessment, requested: str | None = None) -> str:
    """The language a document is written in: `requested` (e.g. `--language`), else the assessment's (its
    profile's first language), where ffgrid speaks it; else English (`chrome_note` says why)."""
    wanted = requested or text_language(model, assessment)
    return wanted if has_catalogue(wanted) else DEFAULT


def chrome_note(model: Model, assessment: Assessment) -> str:
    """What a document says when its assessment's language has no catalogue yet (its headings and labels
    are then in English); empty otherwise."""
    wanted = text_language(model, assessment)
    if has_catalogue(wanted) or language() != DEFAULT:
        return ""
    name = LANGUAGE_NAMES.get(wanted, wanted)
    return _("This document's headings and labels are in English: ffgrid does not speak {language} yet. The "
             "assessment's own texts are as written.").format(language=name)


def method_note() -> str:
    """What the methodology section says of the method's words in the document's language: a draft
    translation until confirmed (empty in English, the method's own language)."""
    words = method_words(language())
    if words is None or words.status != "draft":
        return ""
    return _("The method's words in this language (ratings, strands, actors' roles, scores, the relationships' "
             "criteria and the standards) are a draft translation, to be confirmed by the method's partners; the "
             "English method is the reference.")


def page_css() -> str:
    """The running header and the page numbers in the document's language (CSS content, added after the
    report's stylesheet, whose named pages, such as the cover, keep their own)."""
    def content(text: str) -> str:  # "Page {page} of {pages}" as CSS: strings and page counters
        parts = re.split(r"\{(pages?)\}", text)
        return " ".join(f"counter({p})" if i % 2 else
                        '"' + p.replace("\\", "\\\\").replace('"', '\\"').replace("<", "\\3C ") + '"'
                        for i, p in enumerate(parts) if p)

    header, pages = content(" · " + _("Facing all the Facts self-assessment")), content(_("Page {page} of {pages}"))
    return (f"@page {{ @top-left {{ content: string(mark) string(country) {header}; }} "
            f"@bottom-center {{ content: {pages}; }} }}\n")


def report_context(model: Model, assessment: Assessment, figures: pd.DataFrame | None = None,
                   comments: Iterable[Comment] = (), countries: CountryTable | None = None,
                   previous: Assessment | None = None) -> dict[str, object]:
    """Everything the report shows, shared by the PDF and the DOCX (`figures`: tidy, for the data
    section; `comments`: the review threads, shown under their relationships with author and date;
    `countries`: the heatmap of an annex "Countries side by side"; `previous`: the assessment before
    this one, for the findings on what moved)."""
    cutoff = assessment.data_cutoff
    threads: dict[str | None, list[Comment]] = {}
    for c in comments:
        threads.setdefault(c.relationship, []).append(c)
    lines = score_assessment(model, assessment)
    grouped: dict[str, list[ScoredLine]] = {}
    for ln in lines:
        grouped.setdefault(ln.relationship, []).append(ln)
    sections = [ReportLine(rid, model.relationships[rid].title, model.label(model.relationships[rid].from_),
                           model.label(model.relationships[rid].to), scored[0].grid_row, tuple(scored))
                for rid, scored in grouped.items()]
    profile = model.profile
    doc_mark, plan_mark = marks(assessment)
    previous_name = (_("the assessment of {date}").format(date=readable_date(previous.date))
                     if previous is not None else "")
    return {"a": assessment, "model": model, "lines": lines, "sections": sections, "counts": count_ratings(lines),
            "weakest": weakest(lines), "standards": by_standard(model, lines), "word": WORD, "mark": MARK,
            "texts": assessment.report, "imprint": assessment.report.imprint, "SECTIONS": SECTIONS,
            "imprint_rows": imprint_rows(model, assessment), "targets_explained": _(TARGETS_EXPLAINED),
            "narrative_before": [k for k in ("executive_summary", "introduction") if assessment.report.section(k)],
            "findings": generated_findings(model, lines, score_assessment(model, previous) if previous else None,
                                           previous_name),
            "previous_name": previous_name, "bibliography": bibliography(model, assessment, [s.id for s in sections]),
            "known_abbreviations": abbreviations(model, assessment), "doc_mark": doc_mark, "plan_mark": plan_mark,
            "draft": assessment.status in ("draft", "submitted"), "status_words": STATUS_WORDS[assessment.status],
            "lang": language(), "text_lang": text_language(model, assessment),
            "language_note": chrome_note(model, assessment), "method_note": method_note(),
            "standards_note": _standards_note(model),
            "line_of": {ln.relationship: ln for ln in assessment.lines},
            "map_dot": systems_map_dot(model, lines),
            "data": data_section(figures, country=assessment.country, model=model, cutoff=cutoff)
            if figures is not None else None, "source_headings": SOURCE_HEADINGS,
            "threads": threads, "countries": countries,
            **plan_context(model, assessment, lines, None if figures is None else before_cutoff(figures, cutoff))}


TARGETS_EXPLAINED = N_("of the target points are reached: for each line, the points it has up to its target, added up "
                     "over all lines and divided by all the target points, framework and action together (lines not "
                     "applicable are left out).")


def imprint_rows(model: Model, assessment: Assessment) -> list[tuple[str, str, bool]]:
    """The imprint as (label, text, text is Markdown) rows, those given only."""
    a, imprint, profile = assessment, assessment.report.imprint, model.profile
    status = STATUS_WORDS[a.status] + ("; " + _("illustrative example, not an official assessment")
                                       if a.illustrative else "")
    method = _("{method}, model version {version}").format(method=model.framework.name, version=model.version) + (
        "; " + _("the country profile (the names of its agencies and organisations) is a draft still to be confirmed "
                 "by national partners") if profile is not None and profile.status == "draft" else "")
    label = IMPRINT_LABELS
    rows = [(_("Title"), a.title, False), (_("Country"), profile.title if profile is not None else a.country, False),
            (_("Date"), readable_date(a.date), False), (_("Status"), status, False),
            (label["version"], imprint.version, False), (label["publisher"], imprint.publisher, False),
            (_("Assessors"), a.author, False), (_("Method"), method, False),
            (_("Figures"), _("for periods up to {date}").format(date=readable_date(a.data_cutoff)), False),
            (label["licence"], imprint.licence, False), (label["contact"], imprint.contact, True),
            (_("Source"), a.source, False)]
    return [(label, text, md) for label, text, md in rows if text]


def _standards_note(model: Model) -> str:
    """What the annex says about where its standards' texts come from."""
    sources = Counter(s.text_source for s in model.standards.values())
    said = []
    if sources["grid paraphrase"]:
        said.append(_("{n} of the {all} texts are the grid's paraphrase of the standard, not the standards document's "
                      "wording").format(n=sources["grid paraphrase"], all=len(model.standards)))
    if sources["to be entered"]:
        said.append(_("{n} are still to be entered from the standards document").format(n=sources["to be entered"]))
    return ("; ".join(said) + ".").capitalize() if said else _("Texts as in the standards document.")


def plan_context(model: Model, assessment: Assessment, lines: list[ScoredLine],
                 figures: pd.DataFrame | None) -> dict[str, object]:
    """The plan as the reports show it: actions by status, gaps to targets, measures with current values
    (from `figures`, already cut to the data cut-off)."""
    from scoring.measures import measure_values

    plan = assessment.plan
    found = gaps(lines, plan)
    measures = measure_values(plan, figures, model)
    return {"plan": plan, "actions_by_status": status_report(plan), "status_label": STATUS_LABEL, "gaps": found,
            "percent_to_target": percent_to_target(found), "total_gap": total_gap(found),
            "measures": measures, "measure_headings": MEASURE_HEADINGS, "measure_rows": measure_rows(measures),
            "measure_note": _(MEASURE_NOTE),
            "target_dot": systems_map_dot(model, lines, _("Gap to target"), looks=target_looks(found, lines))
            if found else None}


@dataclass(frozen=True)
class MapFigure:
    """A numbered map of the report: its anchor, caption, SVG (with its text alternative) and key."""

    id: str
    caption: str
    svg: Markup
    key: list[tuple[str, str, str]]
    dot: str  # the DOT the SVG was drawn from (the DOCX renders it as a picture)
    alt: str  # the text alternative


def map_figures(model: Model, assessment: Assessment, lines: list[ScoredLine],
                found: list[object]) -> list[MapFigure]:
    """The report's maps, numbered: the system by rating, and with targets set the gap to target."""
    where = f"{one_line(assessment.country, TITLE_MAX)}, {readable_date(assessment.date)}"
    long = _("The grid table (section The grid) gives every line in words and is this map's long description.")
    views = [("map-ratings", map_caption(where), None)]
    if found:
        views.append(("map-targets", map_caption(where, target=True),
                      target_looks(found, lines)))  # type: ignore[arg-type]
    figures = []
    for number, (anchor, caption, looks) in enumerate(views, 1):
        dot, svg = readable(lambda pt, looks=looks: systems_map_dot(model, lines, looks=looks, key=False, text_pt=pt))
        numbered = _("Map {number}: {caption}").format(number=number, caption=caption)
        alt = f"{numbered}. {long}"
        shown_svg = inline_svg(svg, alt) if number == 1 else prefixed_ids(inline_svg(svg, alt), f"{anchor}-")
        # Graphviz writes every label XML-escaped, so its SVG is markup we can trust.
        figures.append(MapFigure(anchor, numbered, Markup(shown_svg),
                                 key_rows(model, target=looks is not None), dot, alt))
    return figures


def template_environment(model: Model, *folders: Path, text_lang: str = "en") -> jinja2.Environment:
    """The Jinja2 environment of the report's templates (the PDF's, the web edition's): every value
    escaped, user text through `markdown` only (marked as written in `text_lang` where that is not the
    document's language, the one spoken when it is made), and the words for lines, strands, dates and citations. `folders` are searched
    in order; the shared macros (`report_parts.html.j2`) are in `TEMPLATES`."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader([*folders, TEMPLATES]), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                             extensions=["jinja2.ext.i18n"])
    env.install_gettext_callables(_, ngettext, newstyle=True)  # type: ignore[attr-defined]

    document = language()  # the language the environment is made for (the document's)

    def markdown(text: str | None, heading_base: int = 4) -> Markup:
        html = to_html(text, heading_base)
        return Markup(f'<div lang="{escape(text_lang)}">{html}</div>') if html and text_lang != document else html

    env.filters.update(markdown=markdown, readable_date=readable_date, one_line=one_line,
                       css_class=lambda rating: rating.replace("/", ""), percent=lambda p: percent(p / 100))
    env.globals.update(strand=model.strand_label, citing=citing, Markup=Markup, priority_words=PRIORITY_WORDS,
                       line_name=lambda ln: model.line_name(ln.relationship, ln.strand))
    return env


def used_abbreviations(known: dict[str, str], pages: Iterable[str]) -> list[tuple[str, str]]:
    """The known abbreviations that rendered pages (HTML) use in their words."""
    return used_in(known, [re.sub(r"<[^>]*>", " ", page) for page in pages])


def report_html(model: Model, assessment: Assessment, figures: pd.DataFrame | None = None,
                comments: Iterable[Comment] = (), countries: CountryTable | None = None,
                previous: Assessment | None = None) -> str:
    """The whole report as one HTML document (embedded map and charts, no external resources)."""
    context = report_context(model, assessment, figures, comments, countries, previous)
    env = template_environment(model, text_lang=context["text_lang"])  # type: ignore[arg-type]
    maps = map_figures(model, assessment, context["lines"], context["gaps"])  # type: ignore[arg-type]
    data = context["data"]
    # Graphviz and Vega write every label XML-escaped, so their SVG is markup we can trust.
    charts = [Markup(b.described_svg()) if b.chart else None for b in data.blocks] if data else []
    template = env.get_template("report.html.j2")
    values = dict(context, maps=maps, charts=charts, HEADER_MAX=HEADER_MAX, TITLE_MAX=TITLE_MAX)
    # the abbreviations listed are those the report's words use: the report is rendered once with a
    # placeholder for the list (and its line of the contents), filled in from the words rendered
    body = template.render(**values)
    used = used_abbreviations(context["known_abbreviations"], [body])  # type: ignore[arg-type]
    listed = env.get_template("abbreviations.html.j2").module
    return (body.replace("<!--ffgrid:abbreviations-contents-->", str(listed.contents(used)), 1)  # type: ignore[attr-defined]
            .replace("<!--ffgrid:abbreviations-section-->", str(listed.section(used, context["doc_mark"])), 1))  # type: ignore[attr-defined]


@contextmanager
def _fewer_collections() -> Iterator[None]:
    """Collect garbage less often while WeasyPrint builds its (many, long-lived) boxes: a quarter faster."""
    before = gc.get_threshold()
    gc.set_threshold(100_000, 50, 100)
    try:
        yield
    finally:
        gc.set_threshold(*before)


def report_css() -> str:
    """The report's stylesheet, and its running header and page numbers in the document's language."""
    css = (TEMPLATES / "report.css").read_text(encoding="utf-8")
    return css.replace("/*ffgrid:page-words*/", page_css(), 1)


def render_pdf(html: str) -> bytes:
    """PDF bytes of report HTML, with every fetch refused except data: URLs."""
    from weasyprint import CSS, HTML
    from weasyprint.urls import URLFetcher

    fetcher = URLFetcher(allowed_protocols={"data"}, allow_redirects=False, timeout=1)
    stylesheet = CSS(string=report_css(), url_fetcher=fetcher)
    with _fewer_collections():
        return HTML(string=html, url_fetcher=fetcher, base_url=None).write_pdf(
            stylesheets=[stylesheet], pdf_variant="pdf/ua-1")  # tagged: a structure tree, language, title


def write_report(model: Model, assessment: Assessment, path: Path, figures: pd.DataFrame | None = None,
                 comments: Iterable[Comment] = (), compare: Comparison | None = None,
                 method: Model | None = None, previous: Assessment | None = None, language: str | None = None) -> Path:
    """Write the report as PDF, DOCX (editable) or HTML (for checking), by the file's suffix, in `language`
    (else the assessment's: `document_language`); with `compare`, an annex sets the countries side by
    side (its lines titled in `method`'s words); with `previous`, the findings say what moved since that
    assessment."""
    with using(written := document_language(model, assessment, language)):
        return _write_report(in_language(model, written), assessment, path, figures, comments, compare,
                             in_language(method, written) if method else None, previous)


def _write_report(model: Model, assessment: Assessment, path: Path, figures: pd.DataFrame | None,
                  comments: Iterable[Comment], compare: Comparison | None, method: Model | None,
                  previous: Assessment | None) -> Path:
    suffix = path.suffix.lower()
    countries = compare.table(method or model) if compare is not None else None
    if suffix == ".docx":
        from exports.docx_report import shown_assessment, shown_comments, shown_table, write_docx

        return write_docx(report_context(model, shown_assessment(assessment), figures, shown_comments(comments),
                                         shown_table(countries) if countries else None, previous), path)
    html = report_html(model, assessment, figures, comments, countries, previous)
    if suffix == ".html":  # standalone, with the PDF's stylesheet, to look at in a browser
        path.write_text(html.replace("</head>", f"<style>\n{report_css()}</style>\n</head>", 1), encoding="utf-8")
    elif suffix == ".pdf":
        path.write_bytes(render_pdf(html))
    else:
        raise ValueError(f"{path}: write .pdf, .docx or .html")
    return path
