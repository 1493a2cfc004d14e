"""The web edition: every page and link there, the language, CSVs with their provenance, no suppressed
count in any file, nothing fetched from elsewhere, sample and draft marked, and the one-file form."""

from __future__ import annotations

import base64
import csv
import functools
import io
import re
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import unquote

import pandas as pd
import pytest

from dashboard.examples import example_figures
from dashboard.statistics import read_tidy
from exports.site import DRAFT, SAMPLE, write_site
from framework.report_texts import ReportTexts
from framework import Evidence, Situation
from framework.plan import Plan
from framework.profiles import blank_assessment
from framework.review import Comment

REL = "police-courts"
HOSTILE = ('<img src="http://127.0.0.1:9/x.png"> <script>alert(1)</script> ![pic](https://example.org/p.png) '
           '<link rel="stylesheet" href="https://example.org/s.css"> **Bold** see https://example.org/report')
WHEN = datetime(2026, 11, 2, 9, 30, tzinfo=timezone.utc)
COMMENTS = [Comment(REL, "Zsófia Kovács", WHEN, "comment", "Cite <b>the</b> 2018 *survey*.")]
# Police figures of England and Wales in years no other figure has, some of them small (1 to 9)
PROBE_YEARS = ("2091", "2092", "2093")
PROBE = ("source,publication,period,area,strand,measure,value\n"
         "police,Probe police annual (first edition),2091,England and Wales,race,recorded_offences,12\n"
         "police,Probe police annual (first edition),2092,England and Wales,race,recorded_offences,4\n"
         "police,Probe police annual (first edition),2093,England and Wales,race,recorded_offences,31\n"
         "police,Probe police annual (first edition),2091,England and Wales,religion,recorded_offences,7\n"
         "police,Probe police annual (first edition),2092,England and Wales,religion,recorded_offences,15\n"
         "police,Probe police annual (first edition),2093,England and Wales,religion,recorded_offences,3\n")


def _figures() -> pd.DataFrame:
    return pd.concat([example_figures(), read_tidy(PROBE, "probe.csv")], ignore_index=True)


def _hostile(assessment):  # type: ignore[no-untyped-def]
    line = assessment.line(REL)
    hostile = line.model_copy(update={
        "situation": Situation(framework=HOSTILE, action="[a file](file:///etc/passwd)"),
        "evidence": (*line.evidence, Evidence(title='<img src="http://127.0.0.1:9/e.png">', note=HOSTILE,
                                              url="https://example.org/evidence?a=1&b=2"))})
    return assessment.model_copy(update={"lines": tuple(hostile if ln.relationship == REL else ln
                                                        for ln in assessment.lines),
                                         "report": ReportTexts(data_cutoff="2100")})  # the probe's years shown


@dataclass
class Site:
    root: Path
    files: dict[str, str]  # path (from the root): text


def _read(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): p.read_bytes().decode("utf-8-sig")
            for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def site(tmp_path_factory, model, ew) -> Site:
    root = tmp_path_factory.mktemp("site") / "web"
    first = write_site(model, _hostile(ew), root, figures=_figures(), comments=COMMENTS)
    assert first == root / "index.html"
    return Site(root, _read(root))


def _pages(site: Site) -> dict[str, str]:
    return {name: text for name, text in site.files.items() if name.endswith(".html")}


def test_every_relationship_has_a_page_and_every_page_the_layout(site, model, ew):
    pages = _pages(site)
    shown = {ln.relationship for ln in ew.lines} & set(model.relationships)
    assert {"index.html", "grid.html", "data.html", "methodology.html"} <= set(pages)
    assert {f"relationships/{rid}.html" for rid in shown} == {n for n in pages if n.startswith("relationships/")}
    for name, text in pages.items():
        assert '<html lang="en">' in text, name  # England & Wales's profile: English
        assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in text, name
        assert text.index('class="skip" href="#main"') < text.index("<nav") < text.index('<main id="main"'), name
        assert "<footer" in text and "Imprint and method" in text, name
        assert text.count(SAMPLE) == 1 and DRAFT not in text, name  # the sample plan of a published assessment
    page = pages[f"relationships/{REL}.html"]
    assert "Courts" in page and "Reviewer comments" in page and "Zsófia Kovács" in page
    assert '<a href="https://example.org/evidence?a=1&amp;b=2">' in page  # evidence links, escaped


def _targets(text: str) -> list[str]:
    return re.findall(r'(?:href|src|xlink:href)="([^"]*)"', text)


def test_every_link_between_pages_resolves_to_a_file_and_anchor_that_exist(site):
    checked = 0
    for name, text in _pages(site).items():
        here = (site.root / name).parent
        for target in _targets(text):
            if target.startswith(("https://", "http://", "mailto:")):
                continue
            path, _, anchor = target.partition("#")
            file = (here / unquote(path)).resolve() if path else site.root / name
            assert file.is_file(), f"{name}: {target}"
            assert site.root.resolve() in file.parents, f"{name}: {target} leaves the site"
            if anchor:
                assert f'id="{anchor}"' in file.read_text(encoding="utf-8"), f"{name}: {target}"
            checked += 1
    assert checked > 200
    index = site.files["index.html"]
    map_links = re.findall(r'<a xlink:href="(relationships/[^"]+\.html)"[^>]*xlink:title="([^"]+)"', index)
    assert len({href for href, _ in map_links}) == len([n for n in site.files if n.startswith("relationships/")])
    assert all(":" in title for _, title in map_links)  # the tooltip: its actors and rating
    assert 'aria-labelledby="map-caption"' in index and '<figcaption id="map-caption">' in index


def test_user_text_is_escaped_or_markdown_and_nothing_is_fetched_from_elsewhere(site):
    external = re.compile(r"""(?:\bsrc\s*=\s*["']?|@import\s*["']?|url\(\s*["']?)\s*(?:https?:)?//""", re.I)
    for name, text in site.files.items():
        assert not external.search(text), f"{name}: {external.search(text)}"
        for link in re.findall(r"<link\b[^>]*>", text, re.I):
            assert not re.search(r"href=\"(?:https?:)?//", link), f"{name}: {link}"
        assert "<script" not in text.lower(), name
        assert "file:///etc/passwd" not in re.sub(r"&[a-z]+;", "", "".join(_targets(text))), name
    page = site.files[f"relationships/{REL}.html"]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<strong>Bold</strong>" in page
    assert '<a href="https://example.org/report">' in page  # a bare address in user text, as a link
    assert "<b>the</b>" not in page and "Cite &lt;b&gt;the&lt;/b&gt; 2018 <em>survey</em>." in page


def _records(name: str, text: str) -> list[list[str]]:
    """The pieces of a file that belong together: CSV rows, HTML table rows, SVG elements."""
    if name.endswith(".csv"):
        return list(csv.reader(io.StringIO(text)))
    rows = [re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", tr, re.S) for tr in re.split(r"<tr\b", text)[1:]]
    marks = [re.findall(r'="([^"]*)"', tag) for tag in re.findall(r"<[a-z][^>]*>", text)]
    return rows + marks


def _leaks(files: dict[str, str], small: dict[str, set[str]]) -> list[str]:
    """Where a record of a probe year shows a small count of that year as a figure of its own."""
    found = []
    for name, text in files.items():
        for record in _records(name, text):
            joined = " ".join(record)
            for year, counts in small.items():
                if year in joined:
                    for cell in record:
                        hits = set(re.findall(r"(?<![\d.,])\d+(?![\d.,])", cell)) & counts
                        if hits and year not in cell:
                            found.append(f"{name}: {year} {sorted(hits)} in {cell!r}")
    return found


def _small_counts(figures: pd.DataFrame) -> dict[str, set[str]]:
    few = figures[figures["period"].isin(PROBE_YEARS) & figures["value"].between(1, 9)]
    return {year: {str(int(v)) for v in group["value"]} for year, group in few.groupby("period")}


def test_no_published_file_holds_a_suppressed_count(site, tmp_path, model, ew, monkeypatch):
    small = _small_counts(_figures())
    assert small == {"2091": {"7"}, "2092": {"4"}, "2093": {"3"}}
    assert not _leaks(site.files, small)
    trend = next(text for name, text in site.files.items() if name.startswith("data/police-recorded"))
    rows = {row[0]: row for row in csv.reader(io.StringIO(trend))}
    header = rows["Year"]
    race = header.index("Race (offences)")
    assert rows["2092"][race] == "fewer than 10" and rows["2093"][race] == "31"
    # the scan finds them where they are not hidden: the same site with nothing suppressed
    import exports.report as report
    from exports.report_data import data_section

    monkeypatch.setattr(report, "data_section", functools.partial(data_section, threshold=1))
    write_site(model, _hostile(ew), tmp_path / "open", figures=_figures())
    leaked = _leaks(_read(tmp_path / "open"), small)
    assert any(n.startswith("data/") for n in leaked) and any(n.startswith("data.html") for n in leaked)


def test_each_chart_has_its_csv_with_publication_and_periods(site):
    data = site.files["data.html"]
    csvs = {n: t for n, t in site.files.items() if n.startswith("data/")}
    linked = re.findall(r'<a href="(data/[^"]+\.csv)" download=', data)
    assert sorted(linked) == sorted(csvs) and len(csvs) >= 5
    assert data.count("<figure class=\"chart\">") >= 4 and data.count('<svg role="img" aria-labelledby="chart-') >= 4
    for name, text in csvs.items():
        rows = list(csv.reader(io.StringIO(text)))
        assert rows[0][-2:] == ["Publications (edition)", "Periods of the publications"], name
        assert len(rows) > 1 and all(r[-2] and r[-1] for r in rows[1:]), name
        assert not any(cell.startswith("conviction_rate") or cell == "per_100k" for cell in rows[0]), name
    rates = next(t for n, t in csvs.items() if "rates-per-100" in n)
    assert rates.splitlines()[0].startswith('Period,Area,Strand,Count,Population,"Rate per 100,000 people"')
    assert ",All strands," in rates and ",all," not in rates
    probe = next(t for n, t in csvs.items() if n.startswith("data/police-recorded"))
    assert "Probe police annual (first edition): 2091 to 2093" in probe


def test_a_draft_says_so_on_every_page_and_a_site_takes_its_profile_s_language(tmp_path, method, model, ew):
    draft = ew.model_copy(update={"status": "submitted", "plan": Plan(), "illustrative": False})
    write_site(model, draft, tmp_path / "draft")
    pages = {n: t for n, t in _read(tmp_path / "draft").items() if n.endswith(".html")}
    assert all(DRAFT in t and SAMPLE not in t for t in pages.values())
    assert "No figures were given for this report." in pages["data.html"]
    spain = blank_assessment(method, method.profiles["es"], "2026", None, "test")
    page = write_site(method.for_assessment(spain), spain, tmp_path / "es.html", single_file=True)
    text = page.read_text(encoding="utf-8")
    assert '<html lang="es">' in text and text.count(DRAFT) == 1


def test_one_file_holds_every_page_its_css_and_csvs(tmp_path, site, model, ew):
    path = write_site(model, _hostile(ew), tmp_path / "all.html", figures=_figures(), comments=COMMENTS,
                      single_file=True)
    assert [p.name for p in tmp_path.iterdir()] == ["all.html"]
    text = path.read_text(encoding="utf-8")
    assert "<style>" in text and "<link" not in text and "<script" not in text
    ids = set(re.findall(r'\bid="([^"]+)"', text))
    assert {"index", "grid", "data", "methodology", f"rel-{REL}"} <= ids
    assert len([i for i in ids if i.startswith("rel-")]) == len([n for n in site.files if n.startswith("relationships/")])
    for target in _targets(text):
        if target.startswith("#"):
            assert target[1:] in ids, target
        else:
            assert target.startswith(("https://", "http://", "mailto:", "data:text/csv;")), target
    downloads = dict(re.findall(r'<a href="data:text/csv;charset=utf-8;base64,([^"]+)" download="([^"]+)"', text))
    assert {f"data/{name}" for name in downloads.values()} == {n for n in site.files if n.startswith("data/")}
    for encoded, name in downloads.items():
        assert base64.b64decode(encoded).decode("utf-8-sig") == site.files[f"data/{name}"]
    assert not _leaks({"all.html": text}, _small_counts(_figures()))


def test_a_site_is_a_folder_and_one_file_an_html_file(tmp_path, model, ew):
    with pytest.raises(ValueError, match=r"site\.html: the web edition is a folder of pages; for one file add --single-file"):
        write_site(model, ew, tmp_path / "site.html")
    with pytest.raises(ValueError, match=r"web: with --single-file, write one \.html file"):
        write_site(model, ew, tmp_path / "web", single_file=True)
    assert not list(tmp_path.iterdir())
