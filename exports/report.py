"""The country report: HTML from a Jinja2 template (every value escaped), rendered to PDF by WeasyPrint.

The renderer fetches nothing: no files, no network. Only `data:` URLs the report itself embeds
are allowed, so text in an assessment can never pull in a local file or call out.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import jinja2
import pandas as pd
from markupsafe import Markup, escape

from exports.report_data import data_section
from exports.xml_text import clipped
from exports.map_print import readable_svg
from exports.systems_map import inline_svg, key_rows, systems_map_dot, target_looks
from framework import Assessment, Model
from framework.plan import STATUS_LABEL, status_report
from scoring import ScoredLine, by_standard, count_ratings, score_assessment
from scoring.countries import Comparison, CountryTable
from scoring.ratings import MARK, RANK, WORD
from scoring.targets import gaps, percent_to_target, total_gap
from framework.review import Comment

TEMPLATES = Path(__file__).with_name("templates")
HEADER_MAX = 60  # characters of the country in each page's header (the cover has it whole)
TITLE_MAX = 200  # characters of the country in the document's title (the PDF's properties)


def paragraphs(text: str | None) -> Markup:
    """Plain text or simple Markdown as escaped HTML paragraphs and bullet lists (no raw HTML, ever)."""
    out: list[str] = []
    for block in re.split(r"\n\s*\n", (text or "").strip()):
        lines = [ln.strip() for ln in block.splitlines() if ln.strip()]
        if not lines:
            continue
        if all(ln.startswith(("- ", "* ")) for ln in lines):
            out.append("<ul>" + "".join(f"<li>{escape(ln[2:])}</li>" for ln in lines) + "</ul>")
        else:
            out.append(f"<p>{escape(' '.join(lines))}</p>")
    return Markup("".join(out))


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


def weakest(lines: list[ScoredLine], n: int = 5) -> list[ScoredLine]:
    """The n weakest rated lines: lowest total first, ties by lower action score, then by id."""
    rated = [ln for ln in lines if ln.rating in RANK and ln.total is not None]
    return sorted(rated, key=lambda ln: (ln.total, ln.action, ln.relationship, ln.strand or ""))[:n]


def report_context(model: Model, assessment: Assessment, figures: pd.DataFrame | None = None,
                   comments: Iterable[Comment] = (), countries: CountryTable | None = None) -> dict[str, object]:
    """Everything the report shows, shared by the PDF and the DOCX (`figures`: tidy, for the data
    section; `comments`: the review threads, shown under their relationships with author and date;
    `countries`: the heatmap of an annex "Countries side by side")."""
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
    return {"a": assessment, "model": model, "lines": lines, "sections": sections, "counts": count_ratings(lines),
            "weakest": weakest(lines), "standards": by_standard(model, lines), "word": WORD, "mark": MARK,
            "line_of": {ln.relationship: ln for ln in assessment.lines},
            "map_dot": systems_map_dot(model, lines),
            "data": data_section(figures, country=assessment.country, model=model) if figures is not None else None,
            "threads": threads, "countries": countries, **plan_context(model, assessment, lines, figures)}


def plan_context(model: Model, assessment: Assessment, lines: list[ScoredLine],
                 figures: pd.DataFrame | None) -> dict[str, object]:
    """The plan as the reports show it: actions by status, gaps to targets, measures with current values."""
    from scoring.measures import measure_values

    plan = assessment.plan
    found = gaps(lines, plan)
    return {"plan": plan, "actions_by_status": status_report(plan), "status_label": STATUS_LABEL, "gaps": found,
            "percent_to_target": percent_to_target(found), "total_gap": total_gap(found),
            "measures": measure_values(plan, figures, model),
            "target_dot": systems_map_dot(model, lines, "Gap to target", looks=target_looks(found, lines))
            if found else None}


@dataclass(frozen=True)
class MapFigure:
    """A numbered map of the report: its anchor, caption, SVG (with its text alternative) and key."""

    id: str
    caption: str
    svg: Markup
    key: list[tuple[str, str, str]]


def map_figures(model: Model, assessment: Assessment, lines: list[ScoredLine],
                found: list[object]) -> list[MapFigure]:
    """The report's maps, numbered: the system by rating, and with targets set the gap to target."""
    where = f"{one_line(assessment.country, TITLE_MAX)}, {assessment.date}"
    long = "The grid table (section The grid) gives every line in words and is this map's long description."
    views = [("map-ratings", f"Systems map of {where}, lines by rating", None)]
    if found:
        views.append(("map-targets", f"Gap to target, {where}: each line by the points still to gain to its "
                      "target, scores now → target", target_looks(found, lines)))  # type: ignore[arg-type]
    figures = []
    for number, (anchor, caption, looks) in enumerate(views, 1):
        svg = readable_svg(lambda pt, looks=looks: systems_map_dot(model, lines, looks=looks, key=False, text_pt=pt))
        alt = f"Map {number}: {caption}. {long}"
        # Graphviz writes every label XML-escaped, so its SVG is markup we can trust.
        figures.append(MapFigure(anchor, f"Map {number}: {caption}", Markup(inline_svg(svg, alt)),
                                 key_rows(model, target=looks is not None)))
    return figures


def report_html(model: Model, assessment: Assessment, figures: pd.DataFrame | None = None,
                comments: Iterable[Comment] = (), countries: CountryTable | None = None) -> str:
    """The whole report as one HTML document (embedded map and charts, no external resources)."""
    context = report_context(model, assessment, figures, comments, countries)
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters["paragraphs"] = paragraphs
    env.filters["one_line"] = one_line
    env.filters["css_class"] = lambda rating: rating.replace("/", "")
    maps = map_figures(model, assessment, context["lines"], context["gaps"])  # type: ignore[arg-type]
    data = context["data"]
    # Graphviz and Vega write every label XML-escaped, so their SVG is markup we can trust.
    charts = [Markup(b.svg()) if b.chart else None for b in data.blocks] if data else []
    return env.get_template("report.html.j2").render(**context, maps=maps, charts=charts, HEADER_MAX=HEADER_MAX,
                                                     TITLE_MAX=TITLE_MAX)


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
        return HTML(string=html, url_fetcher=fetcher, base_url=None).write_pdf(stylesheets=[stylesheet])


def write_report(model: Model, assessment: Assessment, path: Path, figures: pd.DataFrame | None = None,
                 comments: Iterable[Comment] = (), compare: Comparison | None = None,
                 method: Model | None = None) -> Path:
    """Write the report as PDF, DOCX (editable) or HTML (for checking), by the file's suffix; with
    `compare`, an annex sets the countries side by side (its lines titled in `method`'s words)."""
    suffix = path.suffix.lower()
    countries = compare.table(method or model) if compare is not None else None
    if suffix == ".docx":
        from exports.docx_report import shown_assessment, shown_comments, shown_table, write_docx

        return write_docx(report_context(model, shown_assessment(assessment), figures, shown_comments(comments),
                                         shown_table(countries) if countries else None), path)
    html = report_html(model, assessment, figures, comments, countries)
    if suffix == ".html":  # standalone, with the PDF's stylesheet, to look at in a browser
        css = (TEMPLATES / "report.css").read_text(encoding="utf-8")
        path.write_text(html.replace("</head>", f"<style>\n{css}</style>\n</head>", 1), encoding="utf-8")
    elif suffix == ".pdf":
        path.write_bytes(render_pdf(html))
    else:
        raise ValueError(f"{path}: write .pdf, .docx or .html")
    return path
