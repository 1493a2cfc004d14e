"""The web edition: every page and link there, the language, CSVs with their provenance, no suppressed
count in any file, nothing fetched from elsewhere, sample and draft marked, and the one-file form."""

from __future__ import annotations

import base64
import csv
import functools
import io
import re
import zipfile
from dataclasses import dataclass
from datetime import datetime, timezone
from collections import Counter
from html import unescape
from pathlib import Path
from urllib.parse import unquote

from markupsafe import escape

import pandas as pd
import pytest

from dashboard.examples import example_figures
from dashboard.statistics import read_tidy
import cli
from exports.report import TARGETS_EXPLAINED
from exports.site import DRAFT, SAMPLE, SAMPLE_PLAN, site_zip, write_site
from framework.report_texts import Imprint, ReportTexts
from scoring import score_assessment
from scoring.findings import generated_findings
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
        assert "<footer" in text and ">Imprint</a>" in text and ">Method</a>" in text, name
        assert SAMPLE not in text and DRAFT not in text, name  # published and real: only its plan is a sample
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
                        words = re.sub(r"#[0-9a-fA-F]{3,8}\b", "", cell)  # colours are not counts
                        hits = set(re.findall(r"(?<![\d.,])\d+(?![\d.,])", words)) & counts
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


def test_a_draft_says_so_on_every_page_and_its_texts_are_marked_in_their_language(tmp_path, method, model, ew):
    """The site's own words in English (asked for), the assessors' texts marked in the profile's language."""
    draft = ew.model_copy(update={"status": "submitted", "plan": Plan(), "illustrative": False})
    write_site(model, draft, tmp_path / "draft")
    pages = {n: t for n, t in _read(tmp_path / "draft").items() if n.endswith(".html")}
    assert all(DRAFT in t and SAMPLE not in t for t in pages.values())
    assert "No figures were given for this report." in pages["data.html"]
    spain = blank_assessment(method, method.profiles["es"], "2026", None, "test").model_copy(
        update={"report": ReportTexts(executive_summary="Un *resumen*.")})
    page = write_site(method.for_assessment(spain), spain, tmp_path / "es.html", single_file=True, language="en")
    text = page.read_text(encoding="utf-8")
    assert '<html lang="en">' in text and text.count(DRAFT) == 1
    assert '<div lang="es"><p>Un <em>resumen</em>.</p>' in text


def test_one_file_holds_every_page_its_css_and_csvs(tmp_path, site, model, ew):
    path = write_site(model, _hostile(ew), tmp_path / "all.html", figures=_figures(), comments=COMMENTS,
                      single_file=True)
    assert [p.name for p in tmp_path.iterdir()] == ["all.html"]
    text = path.read_text(encoding="utf-8")
    assert "<style>" in text and "<link" not in text and "<script" not in text
    counted = Counter(re.findall(r'\bid="([^"]+)"', text))
    assert [i for i, n in counted.items() if n > 1] == []  # two maps, every page: no id twice
    ids = set(counted)
    assert {"findings", "plan", "bibliography", "standards", "abbreviations", "imprint", "cite-1"} <= ids
    assert 'href="#cite-1"' in text and 'aria-labelledby="target-map-caption"' in text
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


TEXTS = ReportTexts(
    executive_summary="**Lead** of the summary: the CPS and the ZZQX work together.",
    introduction="The *national* context.", key_findings="- Police record hate crime well.\n- Courts do not say why.",
    conclusions="Conclude with [a link](https://example.org/c) and <script>alert(2)</script>.",
    imprint=Imprint(publisher="Example Foundation", licence="CC BY 4.0", contact="office@example.org",
                    acknowledgements="Thanks to **all** who took part.", disclaimer="Funded by *the example fund*."),
    abbreviations={"ZZQX": "Zonal quality example", "QQWV": "An abbreviation no text uses"})


@pytest.fixture(scope="module")
def texts_site(tmp_path_factory, model, ew) -> Site:
    """The site of an assessment whose assessors wrote every text of the report and its imprint."""
    root = tmp_path_factory.mktemp("texts") / "web"
    write_site(model, ew.model_copy(update={"report": TEXTS}), root)
    return Site(root, _read(root))


def _main(text: str) -> str:
    return text[text.index('<main id="main"'):text.index("</main>")]


def test_the_assessors_texts_are_pages_of_the_site_in_markdown(texts_site):
    pages = _pages(texts_site)
    assert {"findings.html", "conclusions.html", "plan.html", "bibliography.html", "standards.html",
            "abbreviations.html", "imprint.html"} <= set(pages)
    for name, text in pages.items():  # each reached from the navigation of every page
        nav = text[text.index("<nav"):text.index("</nav>")]
        for page in ("findings", "conclusions", "plan", "bibliography", "standards", "abbreviations", "imprint"):
            assert re.search(rf'href="(?:\.\./)?{page}\.html"', nav), (name, page)
    index = _main(pages["index.html"])
    assert "<h2>Executive summary</h2>" in index and "<strong>Lead</strong> of the summary" in index
    assert "<h2>Introduction</h2>" in index and "The <em>national</em> context." in index
    assert "Police record" not in index and "Conclude with" not in index  # each on its own page
    conclusions = _main(pages["conclusions.html"])
    assert '<a href="https://example.org/c">a link</a>' in conclusions
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in conclusions and "<script" not in conclusions
    imprint = _main(pages["imprint.html"])
    for said in ("<dd>Example Foundation</dd>", "<dd>CC BY 4.0</dd>", "office@example.org",
                 "Thanks to <strong>all</strong> who took part.", "Funded by <em>the example fund</em>."):
        assert said in imprint, said


def test_key_findings_are_the_assessors_then_the_generated_ones_marked(texts_site, site, model, ew):
    findings = _main(texts_site.files["findings.html"])
    ours = findings.index("<li>Police record hate crime well.</li>")
    generated = findings[findings.index('<section class="generated"'):findings.index("</section>")]
    assert ours < findings.index('<section class="generated"')
    assert "Findings generated from the scores" in generated and "not written by the assessors" in generated
    expected = generated_findings(model, score_assessment(model, ew))
    assert len(expected) >= 3 and all(f"<li>{escape(f.text)}</li>" in generated for f in expected)
    assert "The assessors have not written key findings of their own." in site.files["findings.html"]
    assert "conclusions.html" not in site.files and "conclusions.html" not in site.files["index.html"]


def test_each_evidence_item_cited_links_to_its_bibliography_entry(site):
    entries = dict(re.findall(r'<li id="cite-(\d+)" value="\d+">(.*?)</li>', site.files["bibliography.html"], re.S))
    assert len(entries) >= 3 and "Making the Victim Count" in entries["1"]
    cited = set()
    for name, text in site.files.items():
        if name.startswith("relationships/"):
            cited |= set(re.findall(r'<a class="cite" href="\.\./bibliography\.html#cite-(\d+)">\[\1\]', text))
    assert cited == set(entries)
    assert '<a class="cite" href="../bibliography.html#cite-1">[1]' in site.files["relationships/police-prosecution.html"]


def test_the_plan_page_says_sample_plan_and_its_targets_in_words(site, tmp_path, model, ew):
    plan = site.files["plan.html"]
    assert f'<p class="banner">{SAMPLE_PLAN}</p>' in plan
    assert [n for n, t in _pages(site).items() if SAMPLE_PLAN in t] == ["plan.html"]
    body = unescape(re.sub(r"<[^>]+>", " ", _main(plan)))
    assert all(" ".join(r.text.split()[:6]) in " ".join(body.split()) for r in ew.plan.recommendations)
    assert "Towards targets" in body and " ".join(TARGETS_EXPLAINED.split()) in " ".join(body.split())
    target = plan[plan.index('aria-labelledby="target-map-caption"'):]
    assert re.search(r'xlink:href="relationships/[^"]+\.html"', target)
    assert '<figcaption id="target-map-caption">' in plan
    real = ew.model_copy(update={"plan": ew.plan.model_copy(update={"illustrative": False})})
    write_site(model, real, tmp_path / "real")
    pages = {n: t for n, t in _read(tmp_path / "real").items() if n.endswith(".html")}
    assert not [n for n, t in pages.items() if SAMPLE_PLAN in t or SAMPLE in t]
    assert "<h2>Recommendations</h2>" in pages["plan.html"]


def test_the_abbreviations_page_lists_those_the_pages_use(texts_site, site):
    listed = dict(re.findall(r"<dt><abbr>([^<]+)</abbr></dt><dd>([^<]+)</dd>", texts_site.files["abbreviations.html"]))
    assert listed["ZZQX"] == "Zonal quality example" and listed["CPS"] == "Crown Prosecution Service"
    assert "QQWV" not in listed
    assert "ZZQX" not in site.files["abbreviations.html"]  # the site without the text that uses it


def test_the_standards_annex_is_its_own_page(site, model):
    standards = unescape(site.files["standards.html"])
    rows = re.findall(r'<tr><td class="num">(\d+)</td>', standards)
    assert rows == [str(s) for s in sorted(model.standards, key=int)]
    assert "texts are the grid's paraphrase of the standard" in standards
    methodology = site.files["methodology.html"]
    assert '<a href="standards.html">the annex of standards</a>' in methodology and "Cited by" not in methodology


def test_a_new_hungarian_assessment_publishes_in_words_in_hungarian(tmp_path, monkeypatch, method):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("FFGRID_DB", str(tmp_path / "none.sqlite"))  # no database: the bundled example figures
    yaml = tmp_path / "hu.yaml"
    assert cli.main(["new", "--profile", "hu", "--date", "2026-03", "--author", "X", "-o", str(yaml)]) == 0
    assert cli.main(["publish", str(yaml), "-o", str(tmp_path / "web")]) == 0
    pages = {n: t for n, t in _read(tmp_path / "web").items() if n.endswith(".html")}
    model = method.country(method.profiles["hu"])
    codes = {c for c in (*model.relationships, *(s.id for s in model.framework.strands), *model.actors) if re.search("[-_]", c)}
    for name, text in pages.items():
        words = unescape(re.sub(r"<[^>]+>", " ", re.sub(r"<svg.*?</svg>", " ", text, flags=re.S)))
        words = re.sub(r"\S+\.\w+/\S*|https?://\S+", "", words)  # addresses aside
        assert not [c for c in codes if re.search(rf"(?<![\w/.-]){re.escape(c)}(?![\w/.-])", words)], name
        assert not re.findall(r"\b\w+_\w+\b", words) and "None" not in words and "2026-03" not in words, name
        assert '<html lang="hu">' in text and "TERVEZET: még nincs jóváhagyva" in text, name
        assert "2026. március" in text and "Ugrás a tartalomra" in text and DRAFT not in text, name
    assert "Még egyetlen vonal sincs pontozva." in pages["index.html"]
    findings = pages["findings.html"]
    assert "Még egyetlen vonal sincs pontozva, így a pontszámokból nem vonható le megállapítás." in findings
    assert "Ehhez az értékeléshez nem rögzítettek ajánlást, intézkedést vagy célt." in pages["plan.html"]
    assert ">Összefoglaló</a>" in pages["index.html"] and ">Módszertan</a>" in pages["index.html"]  # the navigation


def test_a_spanish_web_edition_is_in_spanish(tmp_path, monkeypatch, method):
    """A Spanish assessment's web edition (as the Reports page zips it): <html lang="es">, its headings,
    navigation, numbers and dates in Spanish; the one file too."""
    spain = blank_assessment(method, method.profiles["es"], "2026-03", None, "test")
    model = method.for_assessment(spain)
    with zipfile.ZipFile(io.BytesIO(site_zip(model, spain, example_figures(), folder="web"))) as zf:
        pages = {n.removeprefix("web/"): zf.read(n).decode("utf-8") for n in zf.namelist() if n.endswith(".html")}
    for name, text in pages.items():
        assert '<html lang="es">' in text and "BORRADOR: aún no validado" in text, name
        assert "Saltar al contenido" in text and "marzo de 2026" in text and "Skip to the content" not in text, name
    index = pages["index.html"]
    assert all(f">{word}</a>" in index for word in ("Resumen", "Conclusiones principales", "Datos", "Metodología"))
    assert "<h2>Calificaciones de un vistazo</h2>" in index and "<dt>Fecha de la evaluación</dt>" in index
    data = pages["data.html"]
    assert "<h2>Fuentes y ediciones</h2>" in data and "Descargar esta tabla en CSV" in data
    assert "1.869" in data  # a number the Spanish way
    relationship = next(t for n, t in pages.items() if n.startswith("relationships/"))
    assert "<h3>Criterios</h3>" in relationship and "<h3>Situación nacional</h3>" in relationship
    one = write_site(model, spain, tmp_path / "es.html", single_file=True).read_text(encoding="utf-8")
    assert '<html lang="es">' in one and "Metodología" in one
