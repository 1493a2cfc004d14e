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
    words = (["SAMPLE"] if assessment.illustrative else []) + (
        ["DRAFT"] if assessment.status in ("draft", "submitted") else [])
    doc = " · ".join(words)
    plan = doc if assessment.illustrative or not assessment.plan.illustrative else " · ".join(["SAMPLE PLAN", *words])
    return doc, plan


def text_language(model: Model, assessment: Assessment) -> str:
    """The language the assessment's own texts are written in: the first of its profile's languages (the
    profile in the file, or the shipped one its code names, which the model is of), else English. The
    report's own words are English (the document's language) until they are translated."""
    profile = assessment.profile if isinstance(assessment.profile, Profile) else model.profile
    if profile is not None and assessment.profile_code == profile.code and profile.languages:
        return str(profile.languages[0])
    return "en"


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
    previous_name = f"the assessment of {readable_date(previous.date)}" if previous is not None else ""
    return {"a": assessment, "model": model, "lines": lines, "sections": sections, "counts": count_ratings(lines),
            "weakest": weakest(lines), "standards": by_standard(model, lines), "word": WORD, "mark": MARK,
            "texts": assessment.report, "imprint": assessment.report.imprint, "SECTIONS": SECTIONS,
            "imprint_rows": imprint_rows(model, assessment), "targets_explained": TARGETS_EXPLAINED,
            "narrative_before": [k for k in ("executive_summary", "introduction") if assessment.report.section(k)],
            "findings": generated_findings(model, lines, score_assessment(model, previous) if previous else None,
                                           previous_name),
            "previous_name": previous_name, "bibliography": bibliography(model, assessment, [s.id for s in sections]),
            "known_abbreviations": abbreviations(model, assessment), "doc_mark": doc_mark, "plan_mark": plan_mark,
            "draft": assessment.status in ("draft", "submitted"), "status_words": STATUS_WORDS[assessment.status],
            "lang": "en", "text_lang": text_language(model, assessment),
            "standards_note": _standards_note(model),
            "line_of": {ln.relationship: ln for ln in assessment.lines},
            "map_dot": systems_map_dot(model, lines),
            "data": data_section(figures, country=assessment.country, model=model, cutoff=cutoff)
            if figures is not None else None, "source_headings": SOURCE_HEADINGS,
            "threads": threads, "countries": countries,
            **plan_context(model, assessment, lines, None if figures is None else before_cutoff(figures, cutoff))}


TARGETS_EXPLAINED = ("of the target points are reached: for each line, the points it has up to its target, added up "
                     "over all lines and divided by all the target points, framework and action together (lines not "
                     "applicable are left out).")


def imprint_rows(model: Model, assessment: Assessment) -> list[tuple[str, str, bool]]:
    """The imprint as (label, text, text is Markdown) rows, those given only."""
    a, imprint, profile = assessment, assessment.report.imprint, model.profile
    status = STATUS_WORDS[a.status] + ("; illustrative example, not an official assessment" if a.illustrative else "")
    method = f"{model.framework.name}, model version {model.version}" + (
        "; the country profile (the names of its agencies and organisations) is a draft still to be confirmed by "
        "national partners" if profile is not None and profile.status == "draft" else "")
    label = IMPRINT_LABELS
    rows = [("Title", a.title, False), ("Country", profile.title if profile is not None else a.country, False),
            ("Date", readable_date(a.date), False), ("Status", status, False),
            (label["version"], imprint.version, False), (label["publisher"], imprint.publisher, False),
            ("Assessors", a.author, False), ("Method", method, False),
            ("Figures", f"for periods up to {readable_date(a.data_cutoff)}", False),
            (label["licence"], imprint.licence, False), (label["contact"], imprint.contact, True),
            ("Source", a.source, False)]
    return [(label, text, md) for label, text, md in rows if text]


def _standards_note(model: Model) -> str:
    """What the annex says about where its standards' texts come from."""
    sources = Counter(s.text_source for s in model.standards.values())
    said = []
    if sources["grid paraphrase"]:
        said.append(f"{sources['grid paraphrase']} of the {len(model.standards)} texts are the grid's paraphrase of "
                    "the standard, not the standards document's wording")
    if sources["to be entered"]:
        said.append(f"{sources['to be entered']} are still to be entered from the standards document")
    return ("; ".join(said) + ".").capitalize() if said else "Texts as in the standards document."


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
            "measure_note": MEASURE_NOTE,
            "target_dot": systems_map_dot(model, lines, "Gap to target", looks=target_looks(found, lines))
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
    where = f"{one_line(assessment.country, TITLE_MAX)}, {assessment.date}"
    long = "The grid table (section The grid) gives every line in words and is this map's long description."
    views = [("map-ratings", map_caption(where), None)]
    if found:
        views.append(("map-targets", map_caption(where, target=True),
                      target_looks(found, lines)))  # type: ignore[arg-type]
    figures = []
    for number, (anchor, caption, looks) in enumerate(views, 1):
        dot, svg = readable(lambda pt, looks=looks: systems_map_dot(model, lines, looks=looks, key=False, text_pt=pt))
        alt = f"Map {number}: {caption}. {long}"
        shown_svg = inline_svg(svg, alt) if number == 1 else prefixed_ids(inline_svg(svg, alt), f"{anchor}-")
        # Graphviz writes every label XML-escaped, so its SVG is markup we can trust.
        figures.append(MapFigure(anchor, f"Map {number}: {caption}", Markup(shown_svg),
                                 key_rows(model, target=looks is not None), dot, alt))
    return figures


def template_environment(model: Model, *folders: Path, text_lang: str = "en") -> jinja2.Environment:
    """The Jinja2 environment of the report's templates (the PDF's, the web edition's): every value
    escaped, user text through `markdown` only (marked as written in `text_lang` where that is not the
    document's English), and the words for lines, strands, dates and citations. `folders` are searched
    in order; the shared macros (`report_parts.html.j2`) are in `TEMPLATES`."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader([*folders, TEMPLATES]), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)

    def markdown(text: str | None, heading_base: int = 4) -> Markup:
        html = to_html(text, heading_base)
        return Markup(f'<div lang="{escape(text_lang)}">{html}</div>') if html and text_lang != "en" else html

    env.filters.update(markdown=markdown, readable_date=readable_date, one_line=one_line,
                       css_class=lambda rating: rating.replace("/", ""))
    env.globals.update(strand=model.strand_label, citing=citing,
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


def render_pdf(html: str) -> bytes:
    """PDF bytes of report HTML, with every fetch refused except data: URLs."""
    from weasyprint import CSS, HTML
    from weasyprint.urls import URLFetcher

    fetcher = URLFetcher(allowed_protocols={"data"}, allow_redirects=False, timeout=1)
    stylesheet = CSS(string=(TEMPLATES / "report.css").read_text(encoding="utf-8"), url_fetcher=fetcher)
    with _fewer_collections():
        return HTML(string=html, url_fetcher=fetcher, base_url=None).write_pdf(
            stylesheets=[stylesheet], pdf_variant="pdf/ua-1")  # tagged: a structure tree, language, title


def write_report(model: Model, assessment: Assessment, path: Path, figures: pd.DataFrame | None = None,
                 comments: Iterable[Comment] = (), compare: Comparison | None = None,
                 method: Model | None = None, previous: Assessment | None = None) -> Path:
    """Write the report as PDF, DOCX (editable) or HTML (for checking), by the file's suffix; with
    `compare`, an annex sets the countries side by side (its lines titled in `method`'s words); with
    `previous`, the findings say what moved since that assessment."""
    suffix = path.suffix.lower()
    countries = compare.table(method or model) if compare is not None else None
    if suffix == ".docx":
        from exports.docx_report import shown_assessment, shown_comments, shown_table, write_docx

        return write_docx(report_context(model, shown_assessment(assessment), figures, shown_comments(comments),
                                         shown_table(countries) if countries else None, previous), path)
    html = report_html(model, assessment, figures, comments, countries, previous)
    if suffix == ".html":  # standalone, with the PDF's stylesheet, to look at in a browser
        css = (TEMPLATES / "report.css").read_text(encoding="utf-8")
        path.write_text(html.replace("</head>", f"<style>\n{css}</style>\n</head>", 1), encoding="utf-8")
    elif suffix == ".pdf":
        path.write_bytes(render_pdf(html))
    else:
        raise ValueError(f"{path}: write .pdf, .docx or .html")
    return path
