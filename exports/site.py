"""The web edition of the country report: a static, self-contained site (or one HTML file).

Pages come from Jinja2 templates under `templates/site/` (autoescaped, strict), with the report's own
context (`report_context`) and the PDF's own parts (`templates/report_parts.html.j2`), so the site shows
what the PDF shows, a page each: the summary (with the assessors' executive summary and introduction), key
findings (theirs, then those generated from the scores, marked), the grid and a page per relationship,
conclusions, recommendations and action plan, data, bibliography (each evidence item cited links to its
entry), the annex of standards, the abbreviations the pages use, methodology and the imprint. Nothing on a page asks another site
for anything: the stylesheet, the systems map (Graphviz SVG, each line a link to its relationship's
page) and the charts (vl-convert SVG) are local files or inline; only links in user text and evidence
addresses point out, as ordinary links. User text goes through `base.rich_text.to_html`, everything
else is escaped. The CSV behind each chart holds the values as its page's table shows them (small
counts "fewer than N"), with the publications and periods they come from. The site is written in the
document's language (`exports.report.document_language`): its headings, labels and navigation, numbers
and dates, and `<html lang>`.
"""

from __future__ import annotations

import base64
import io
import re
import unicodedata
import zipfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
from markupsafe import Markup

from base.i18n import N_, Translated, _, number, using
from dashboard.disclosure import shown_count
from dashboard.labels import strand_label
from exports.csv_text import csv_bytes
from exports.report import document_language, report_context, template_environment, used_abbreviations
from exports.report_data import DataBlock, DataSection
from exports.systems_map import prefixed_ids, Look, inline_svg, render, systems_map_dot, target_looks
from framework import Assessment, Model
from framework.report_texts import IMPRINT_LABELS
from framework.translations import in_language
from framework.review import Comment

TEMPLATES = Path(__file__).with_name("templates") / "site"
# every page of the site in the navigation's order (the PDF's), by file name; some only when they have content
PAGES = Translated({"index": N_("Summary"), "findings": N_("Key findings"), "grid": N_("The grid"),
                    "conclusions": N_("Conclusions"), "plan": N_("Recommendations and action plan"),
                    "data": N_("Data"), "bibliography": N_("Bibliography"), "standards": N_("Standards"),
                    "abbreviations": N_("Abbreviations"), "methodology": N_("Methodology"), "imprint": N_("Imprint")})
# what every page says above its content (English here; read with `_()`)
SAMPLE = N_("SAMPLE: illustrative example, not an official assessment")
SAMPLE_PLAN = N_("SAMPLE PLAN: an example, not an official plan")
DRAFT = N_("DRAFT: not yet validated")
# the words for the columns of a chart's own data, where a block has no table of its own
DATA_WORDS = Translated({"period": N_("Period"), "area": N_("Area"), "strand": N_("Strand"), "count": N_("Count"),
                         "population": N_("Population"), "per_100k": N_("Rate per 100,000 people")})

def banners(assessment: Assessment) -> list[str]:
    """What every page says above its content: a sample, a draft (both when both); a real assessment's
    sample plan says so on its own page."""
    out = [_(SAMPLE)] if assessment.illustrative else []
    return out + ([_(DRAFT)] if assessment.status in ("draft", "submitted") else [])


def _slug(text: str) -> str:
    """A file name's stem from a title: ASCII letters and digits (accents dropped), joined by hyphens."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")[:80] or "table"


@dataclass(frozen=True)
class Table:
    """A data block's table as the page (and its CSV) shows it, and the CSV's file name."""

    block: DataBlock
    headings: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    numeric: tuple[bool, ...]
    file: str
    periods: str  # the periods the block's publications cover

    def csv(self) -> bytes:
        """The table as CSV, each row with the publications (edition) and periods it draws on."""
        frame = pd.DataFrame(list(self.rows), columns=list(self.headings), dtype=str)
        return csv_bytes(frame.assign(**{_("Publications (edition)"): "; ".join(self.block.publications),
                                         _("Periods of the publications"): self.periods}))


def tables(data: DataSection | None, threshold: int) -> list[Table]:
    """One table per data block: its own rows, or for a chart alone the values the chart plots."""
    if data is None:
        return []
    spans = {source[1]: source[2] for source in data.sources}  # publication: the periods it covers
    out, names = [], set()
    for block in data.blocks:
        headings, rows, numeric = block.headings, block.rows, block.numeric
        if not rows and block.chart:
            headings, rows, numeric = _plotted(block, threshold)
        name = _slug(block.title)
        while name in names:
            name += "-2"
        names.add(name)
        out.append(Table(block, headings, rows, numeric, f"{name}.csv",
                         "; ".join(f"{p}: {spans[p]}" for p in block.publications if p in spans)))
    return out


def _plotted(block: DataBlock, threshold: int) -> tuple[tuple[str, ...], tuple[tuple[str, ...], ...], tuple[bool, ...]]:
    """The chart's own data as a table in words (counts as published, small ones "fewer than N")."""
    frame = pd.DataFrame([row for values in (block.chart or {}).get("datasets", {}).values() for row in values])
    columns = [c for c in DATA_WORDS if c in frame.columns]

    def cell(column: str, value: object) -> str:
        if pd.isna(value):
            return "–"
        if column == "count":
            return shown_count(round(float(value)), threshold)
        if column == "strand":
            return strand_label(value)
        if column == "population":
            return number(round(float(value)))
        return number(value, 1) if isinstance(value, float) else str(value)

    rows = tuple(tuple(cell(c, v) for c, v in zip(columns, row)) for row in frame[columns].itertuples(index=False))
    return tuple(DATA_WORDS[c] for c in columns), rows, tuple(c in ("count", "population", "per_100k") for c in columns)


class Links:
    """Where one page's links go: relative files in a site (from the page's folder), anchors in one file."""

    def __init__(self, single: bool, depth: int = 0, csvs: dict[str, bytes] | None = None) -> None:
        self.single, self.prefix, self.csvs = single, "../" * depth, csvs or {}

    def page(self, name: str, anchor: str = "") -> str:
        if self.single:
            return f"#{anchor or name}"
        return f"{self.prefix}{name}.html" + (f"#{anchor}" if anchor else "")

    def relationship(self, rid: str) -> str:
        return f"#rel-{rid}" if self.single else f"{self.prefix}relationships/{rid}.html"

    def csv(self, file: str) -> str:
        if self.single:
            return "data:text/csv;charset=utf-8;base64," + base64.b64encode(self.csvs[file]).decode("ascii")
        return f"{self.prefix}data/{file}"

    def asset(self, file: str) -> str:
        return f"{self.prefix}{file}"


def shown_pages(context: dict[str, Any], abbreviations: bool) -> dict[str, str]:
    """The pages a report has (file name: title): conclusions, a bibliography and abbreviations only when
    it has them (`abbreviations`: whether its words use any)."""
    has = {"conclusions": bool(context["texts"].conclusions), "bibliography": bool(context["bibliography"].citations),
           "abbreviations": abbreviations}
    return {name: title for name, title in PAGES.items() if has.get(name, True)}


def _map_svg(model: Model, lines: Iterable[Any], links: Links,
             looks: Mapping[tuple[str, str | None], Look] | None = None, caption: str = "map-caption") -> Markup:
    """The systems map as inline SVG, each line a link to its relationship, labelled by its caption (the
    element `caption`); with `looks`, the lines drawn by those (the gap to target), its ids told apart."""
    lines = list(lines)
    dot = systems_map_dot(model, lines, looks=looks,
                          links={ln.relationship: links.relationship(ln.relationship) for ln in lines})
    svg = inline_svg(render(dot, "svg").decode("utf-8"))
    if looks is not None:  # a second map of the one-file edition: its own ids
        svg = prefixed_ids(svg, "target-")
    box = re.search(r'viewBox="[\d.]+ [\d.]+ ([\d.]+) ([\d.]+)"', svg)
    width = f'{float(box.group(1)):.0f}' if box else "100%"  # drawn at its own size (labels 9 px), scrolled
    # Graphviz writes every label and address XML-escaped, so its SVG is markup we can trust. The lines are
    # links, so the map is a group named by its caption (an image's children would be hidden from readers).
    return Markup(svg.replace('<svg width="100%" role="img"',
                              f'<svg width="{width}" role="group" aria-labelledby="{caption}"', 1))


def _chart_svg(block: DataBlock, index: int) -> Markup:
    """A chart as inline SVG (vl-convert, offline), labelled by its caption."""
    svg = block.svg()
    return Markup(svg.replace("<svg", f'<svg role="img" aria-labelledby="chart-{index}-caption"', 1))


def site_pages(model: Model, assessment: Assessment, figures: pd.DataFrame | None = None,
               comments: Iterable[Comment] = (), single_file: bool = False,
               language: str | None = None) -> dict[str, bytes]:
    """Every file of the web edition by its path (or the one file `index.html` with `single_file`), in
    `language` (else the assessment's: `document_language`)."""
    with using(document_language(model, assessment, language)) as lang:
        return _site_pages(in_language(model, lang), assessment, figures, comments, single_file)


def _site_pages(model: Model, assessment: Assessment, figures: pd.DataFrame | None, comments: Iterable[Comment],
                single_file: bool) -> dict[str, bytes]:
    context = report_context(model, assessment, figures, comments)
    data = context["data"]
    threshold = data.threshold if data else 10
    found = tables(data, threshold)
    csvs = {t.file: t.csv() for t in found}
    charts = [_chart_svg(t.block, i) if t.block.chart else None for i, t in enumerate(found)]
    strand_words = {s.id: s.label for s in model.framework.strands}
    env = template_environment(model, TEMPLATES, text_lang=context["text_lang"])  # type: ignore[arg-type]
    top = Links(single_file, csvs=csvs)
    common = {**context, "banners": banners(assessment), "lang": context["lang"], "tables": found,
              "charts": charts,
              "imprint_labels": IMPRINT_LABELS, "sample_plan": _(SAMPLE_PLAN),
              "strand": lambda code: strand_words.get(code, code) if code else _("all strands"),
              # the maps on pages at the top of the site (or in the one file), so their links start there
              "map_svg": _map_svg(model, context["lines"], top),
              "target_svg": _map_svg(model, context["lines"], top, target_looks(context["gaps"], context["lines"]),
                                     "target-map-caption") if context["gaps"] else None,
              "css": Markup((TEMPLATES / "site.css").read_text(encoding="utf-8"))}

    def render_all(abbreviations: list[tuple[str, str]]) -> dict[str, str]:
        pages = shown_pages(context, bool(abbreviations))

        def page(template: str, links: Links, current: str, title: str, **more: object) -> str:
            return env.get_template(template).render(**common, **more, pages=pages, abbreviations=abbreviations,
                                                     link=links, current=current, page_title=title,
                                                     single=links.single)

        if single_file:
            return {"index.html": page("single.html.j2", top, "", "")}
        files = {f"{name}.html": page("page.html.j2", top, name, title) for name, title in pages.items()}
        sections = context["sections"]
        for i, s in enumerate(sections):
            files[f"relationships/{s.id}.html"] = page(
                "relationship.html.j2", Links(False, depth=1), "", s.title, s=s,
                previous=sections[i - 1] if i else None, following=sections[i + 1] if i + 1 < len(sections) else None)
        return files

    # the abbreviations listed are those the pages' words use: found in a first rendering
    html = render_all([])
    used = used_abbreviations(context["known_abbreviations"], html.values())  # type: ignore[arg-type]
    files = {name: text.encode("utf-8") for name, text in (render_all(used) if used else html).items()}
    if not single_file:
        files.update({f"data/{name}": body for name, body in csvs.items()})
        files["site.css"] = (TEMPLATES / "site.css").read_bytes()
    return {name: files[name] for name in sorted(files)}


def write_site(model: Model, assessment: Assessment, out_dir: Path, figures: pd.DataFrame | None = None,
               comments: Iterable[Comment] = (), single_file: bool = False, language: str | None = None) -> Path:
    """Write the web edition into `out_dir` (a folder; with `single_file`, the .html file itself), in
    `language` (else the assessment's); returns the page to open first."""
    out_dir = Path(out_dir)
    if single_file and out_dir.suffix.lower() not in (".html", ".htm"):
        raise ValueError(_("{file}: with --single-file, write one .html file").format(file=out_dir))
    if not single_file and out_dir.suffix.lower() in (".html", ".htm"):
        raise ValueError(_("{file}: the web edition is a folder of pages; for one file add --single-file").format(
            file=out_dir))
    files = site_pages(model, assessment, figures, comments, single_file, language)
    if single_file:
        out_dir.parent.mkdir(parents=True, exist_ok=True)
        out_dir.write_bytes(files["index.html"])
        return out_dir
    for name, body in files.items():
        path = out_dir / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(body)
    return out_dir / "index.html"


def site_zip(model: Model, assessment: Assessment, figures: pd.DataFrame | None = None,
             comments: Iterable[Comment] = (), folder: str = "", language: str | None = None) -> bytes:
    """The web edition as a zip (in memory), its files under `folder`, in `language` (else the assessment's)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, body in site_pages(model, assessment, figures, comments, language=language).items():
            zf.writestr(f"{folder}/{name}" if folder else name, body)
    return buffer.getvalue()

