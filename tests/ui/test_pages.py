"""Every page through Streamlit's AppTest: loads cleanly, shows its key widgets, and acts."""

from __future__ import annotations

import html
import json
import re

from framework.assessment_yaml import dump_assessment
from helpers import grid_of
from framework import ROOT
from scoring import by_standard, score_assessment

ASSESS, STANDARDS, COMPARE, DATA = "ui/assess.py", "ui/standards.py", "ui/compare.py", "ui/data_io.py"
EW = "england-wales-2019"


def _metrics(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def _maps(at) -> list[str]:
    """The systems maps on the page, as the SVG the browser is sent (in a page's HTML, or the data of the
    clickable map component)."""
    return ([html.unescape(m.value) for m in at.markdown if 'class="ffgrid-map"' in m.value]
            + [html.unescape(json.loads(c.proto.json)["svg"]) for c in at.get("bidi_component") if "svg" in json.loads(c.proto.json)])


def _map(at, n: int = 0) -> str:
    return _maps(at)[n]


LINE_IDS = r'id="(?:a_)?(line-[^"]+?)(?:-label)?"'  # a line's id, on its stroke, link and label


def _plain(markdown: str) -> str:
    """Markdown with the escaping of user text removed."""
    return markdown.replace("\\", "")


def _rating_of(store, rid: str, strand: str | None = None) -> str:
    a = store.get(EW).assessment
    return next(ln.rating for ln in score_assessment(store.model_of(a), a) if ln.key == (rid, strand))


# ----------------------------------------------------------------------------------------- Overview

def test_overview_shows_counts_map_and_grid(app):
    at = app()
    assert at.title[0].value == "Systems map"
    metrics = _metrics(at)
    assert (metrics["● GREEN"], metrics["◆ AMBER"], metrics["▲ RED"], metrics["○ N/A"]) == ("16", "9", "10", "1")
    assert "GREEN 3+2" in _map(at) and 'id="actor-police"' in _map(at)
    assert 'id="line-police-courts" class="edge rating-amber"' in _map(at)
    grid = grid_of(at)
    assert len(grid) == 36 and "▲ RED" in set(grid["Rating"])


def test_focus_on_one_actor_draws_only_its_lines(app):
    at = app()
    everything = set(re.findall(LINE_IDS, _map(at)))
    assert at.selectbox(key="map_focus").value is None
    assert len(everything) == 36 and {"line-police-courts", "line-cso-racist-police"} <= everything  # every line
    at.selectbox(key="map_focus").set_value("prosecution").run()
    assert not at.exception
    svg = _map(at)
    assert set(re.findall(LINE_IDS, svg)) == {
        "line-police-prosecution", "line-prosecution-courts", "line-victim-prosecution", "line-public-prosecution",
        "line-csos-prosecution"}
    assert 'id="actor-prosecution"' in svg and 'id="actor-igo-fra"' not in svg
    at.selectbox(key="map_focus").set_value(None).run()  # back to the whole system
    assert set(re.findall(LINE_IDS, _map(at))) == everything


def test_the_illustrative_example_is_labelled_on_screen(app):
    at = app()
    at.sidebar.selectbox(key="assessment_picker").select("england-wales-2024-illustrative").run()
    assert not at.exception
    assert any("Illustrative example, not an official assessment" in w.value for w in at.warning)
    assert _metrics(at)["◆ AMBER"] == "12"


def test_choosing_a_relationship_opens_it_on_the_assess_page(app):
    at = app()
    at.selectbox(key="open_relationship").select("victim-courts").run()
    assert not at.exception
    assert at.title[0].value == "Assess a relationship"
    assert at.selectbox(key="relationship").value == "victim-courts"
    assert any(md.value.startswith("## Victims – Courts of England and Wales") for md in at.markdown)


# ------------------------------------------------------------------------------------------- Assess

def _open(app, rid: str, user: str = "Test Assessor"):
    at = app(user=user)
    at.session_state["relationship"] = rid
    at.switch_page(ASSESS).run()
    assert not at.exception, at.exception
    return at


def _unchanged(at) -> bool:
    return any(c.value == "No unsaved changes." for c in at.caption)


def _widget(items, prefix: str):
    return next(w for w in items if w.key and w.key.startswith(prefix))


def test_the_national_situation_is_previewed_as_the_report_shows_it(app):
    """Markdown formatted (bold, links), HTML shown as text; the preview follows the unsaved text."""
    at = _open(app, "victim-police")
    previews = [h.proto.body for h in at.get("html")]
    assert any("<strong>This is deeply unsatisfactory.</strong>" in b for b in previews)
    assert "As the report shows it" in {e.label for e in at.expander}
    _widget(at.text_area, "situation_action@").input("See <b>this</b> at https://example.org/x").run()
    assert any(b == '<p>See &lt;b&gt;this&lt;/b&gt; at <a href="https://example.org/x">https://example.org/x</a></p>'
               for b in (h.proto.body for h in at.get("html")))


def test_assess_shows_criteria_standards_meanings_and_inputs(app):
    at = _open(app, "police-courts")
    fw = _widget(at.radio, "framework@")
    assert fw.options == ["0", "1", "2", "3"] and fw.value == 1 and _widget(at.radio, "action@").value == 2
    assert len(fw.proto.captions) == 4 and all(fw.proto.captions)  # the meaning of each score
    assert {t.key.split("@")[0] for t in at.text_area} == {"situation_framework", "situation_action", "comment_text"}
    assert len(at.text_area[0].value) > 200  # the national situation text, from the database
    assert len(at.data_editor) == 1 and _unchanged(at)
    assert {e.label for e in at.expander} >= {"Standard 1", "Standard 7"}
    cited = [md.value.replace("\\", "") for md in at.markdown if "standard" in md.value.lower()]
    assert any(c.endswith("(standard 7)") for c in cited) and any("(standards 1, 2, 3 and 4)" in c for c in cited)
    assert not any("Standard 7" in c or "Standards 1,2" in c for c in cited)  # cited once, not twice
    assert "▶ AMBER 1+2" in _map(at)  # the edited line stands out on the map
    indicators = next(d.value for d in at.dataframe if "Indicator" in d.value.columns)  # data as evidence
    assert "Sentence uplift announced" in set(indicators["Indicator"]) and "Source" in indicators.columns


def test_a_score_change_updates_the_rating_and_the_map_on_save(app, store):
    at = _open(app, "police-courts")
    assert _metrics(at)["Saved rating"] == "◆ AMBER"
    _widget(at.radio, "framework@").set_value(3).run()
    assert any("With your unsaved changes: **● GREEN**" in c.value for c in at.caption)
    assert _metrics(at)["Saved rating"] == "◆ AMBER"  # not saved yet
    at.button(key="save").click().run()
    assert not at.exception and not at.error
    assert _metrics(at)["Saved rating"] == "● GREEN"
    assert "▶ GREEN 3+2" in _map(at) and 'id="line-police-courts" class="edge rating-green"' in _map(at)
    assert any("Saved version 2" in s.value for s in at.success)  # stored at 1 as a draft
    assert _rating_of(store, "police-courts") == "green"
    assert store.get(EW).line_meta("police-courts").updated_by == "Test Assessor"
    _widget(at.radio, "framework@").set_value(1).run()  # the next change after a save is kept
    assert _widget(at.radio, "framework@").value == 1 and not _unchanged(at)
    at.button(key="discard").click().run()
    at.switch_page("ui/overview.py").run()
    grid = grid_of(at)
    assert grid.loc[grid["id"] == "police-courts", "Rating"].item() == "● GREEN"
    assert 'id="line-police-courts" class="edge rating-green"' in _map(at)
    assert _metrics(at)["● GREEN"] == "17"


def test_text_typed_and_saved_in_one_click_is_saved(app, store):
    at = _open(app, "police-courts")
    at.button(key="save").click().run()
    assert any("No changes to save" in i.value for i in at.info)
    _widget(at.text_area, "situation_action@").set_value("Rewritten: Ελληνικά <script>x</script>")
    at.button(key="save").click().run()  # one run carries both the text and the click
    assert any("Saved version 2" in s.value for s in at.success)  # stored at 1 as a draft
    assert store.get(EW).assessment.line("police-courts").situation.action == "Rewritten: Ελληνικά <script>x</script>"


def test_unsaved_changes_survive_switching_relationship_and_are_flagged(app, store):
    at = _open(app, "police-courts")
    _widget(at.radio, "action@").set_value(0).run()
    at.selectbox(key="relationship").select("victim-courts").run()
    assert not at.exception
    assert any("Unsaved changes kept" in i.value and "Courts of England and Wales" in i.value for i in at.info)
    assert any("1 relationship with unsaved changes" in w.value for w in at.sidebar.warning)
    at.switch_page(STANDARDS).run()  # and another page
    at.switch_page(ASSESS).run()
    at.selectbox(key="relationship").select("police-courts").run()
    assert _widget(at.radio, "action@").value == 0 and not _unchanged(at)
    assert _rating_of(store, "police-courts") == "amber"  # nothing saved
    at.button(key="discard").click().run()
    assert _widget(at.radio, "action@").value == 2 and not at.sidebar.warning


def test_not_applicable_needs_a_reason_and_nothing_is_saved_without_it(app, store):
    at = _open(app, "victim-courts")
    _widget(at.checkbox, "na@").check().run()
    at.button(key="save").click().run()
    assert any("Reason it does not apply" in _plain(e.value) and "needs a reason" in _plain(e.value)
               for e in at.error), [e.value for e in at.error]
    assert _rating_of(store, "victim-courts") == "red"


def test_a_viewer_or_reviewer_sees_the_relationship_locked_and_cannot_save(app, store):
    for who in ("Vic Viewer", "Rita Reviewer"):
        at = _open(app, "victim-courts", user=who)
        assert any("cannot change its scores" in i.value for i in at.info)
        assert not at.radio and not at.data_editor and not [b for b in at.button if b.key == "save"]
        assert any(m.value.startswith("**Action score:** 0, ") for m in at.markdown)  # read, not a disabled choice
        assert not [c for c in at.caption if "unsaved changes" in c.value.lower()]  # nothing they could save
    assert _rating_of(store, "victim-courts") == "red"


def test_without_signing_in_only_the_way_to_the_sign_in_page_shows(app, store):
    at = app(user=None)
    assert [t.value for t in at.title] == ["Sign in to ffgrid"] and not at.sidebar.selectbox
    link = at.get("html")[0].proto.body
    assert 'href="/sign-in?next=' in link and ">Sign in</a>" in link
    at.session_state["sign_in"] = "a token never issued"
    at.run()
    assert [t.value for t in at.title] == ["Sign in to ffgrid"] and "user_name" not in at.session_state


def test_a_save_against_a_stale_version_is_refused(app, store):
    at = _open(app, "police-courts")
    _widget(at.radio, "framework@").set_value(0).run()
    other = store.get(EW)  # someone else saves the same line meanwhile
    line = other.assessment.line("police-courts")
    store.save_line(EW, line.model_copy(update={"action": 3, "rating": None}),
                    other.line_meta("police-courts").version, author="Other Person")
    at.button(key="save").click().run()
    assert any("Not saved" in e.value and "Other Person" in _plain(e.value) for e in at.error)
    assert "scores (framework+action) 1+3" in [t.value for t in at.text]  # their version, shown as text
    assert store.get(EW).assessment.line("police-courts").action == 3
    assert _widget(at.radio, "framework@").value == 0  # my change is still on screen


def test_a_line_saved_by_someone_else_shows_their_version_when_i_have_no_draft(app, store):
    at = _open(app, "police-courts")
    at.selectbox(key="relationship").select("victim-courts").run()
    other = store.get(EW)
    store.save_line(EW, other.assessment.line("police-courts").model_copy(update={"action": 0, "rating": None}),
                    other.line_meta("police-courts").version, author="Other Person")
    at.selectbox(key="relationship").select("police-courts").run()
    assert _widget(at.radio, "action@").value == 0 and _unchanged(at)


def _someone_else_saves(store, rid: str, **change) -> None:
    other = store.get(EW)
    store.save_line(EW, other.assessment.line(rid).model_copy(update={**change, "rating": None}),
                    other.line_meta(rid).version, author="Other Person")


def test_a_change_made_just_after_someone_else_saved_is_kept_not_reverted(app, store):
    at = _open(app, "police-courts")
    _someone_else_saves(store, "police-courts", action=3)
    _widget(at.radio, "framework@").set_value(0).run()  # my click arrives in the first run after their save
    assert _widget(at.radio, "framework@").value == 0 and not _unchanged(at)
    at.button(key="save").click().run()
    assert any("Not saved" in e.value for e in at.error)
    at.run()
    assert _widget(at.radio, "framework@").value == 0  # still mine, to copy or discard
    assert store.get(EW).assessment.line("police-courts").action == 3


def test_text_typed_then_saved_against_a_newer_version_is_not_lost(app, store):
    at = _open(app, "police-courts")
    _someone_else_saves(store, "police-courts", action=3)
    _widget(at.text_area, "situation_action@").set_value("My careful paragraph")
    at.button(key="save").click().run()
    assert any("Not saved" in e.value for e in at.error)
    at.run()
    assert _widget(at.text_area, "situation_action@").value == "My careful paragraph"
    assert any("1 relationship with unsaved changes" in w.value for w in at.sidebar.warning)


def test_spaces_trimmed_on_save_do_not_leave_a_phantom_draft(app, store):
    at = _open(app, "victim-courts")
    _widget(at.checkbox, "na@").check().run()
    _widget(at.text_input, "na_reason@").set_value("no data yet   ").run()
    at.button(key="save").click().run()
    assert any("Saved version" in x.value for x in at.success)
    at.run()
    assert _unchanged(at) and not at.sidebar.warning
    assert store.get(EW).assessment.line("victim-courts").na_reason == "no data yet"


def test_per_strand_scores_are_edited_one_strand_at_a_time(app, store):
    at = _open(app, "csos-ministries")
    keys = {s.key.split("@")[0] for s in at.selectbox if s.key and "@" in s.key}
    assert {"framework:racist", "action:racist", "framework:anti-grt"} <= keys
    assert "Saved rating" not in _metrics(at)
    _widget(at.selectbox, "framework:racist@").set_value(3).run()
    _widget(at.selectbox, "action:racist@").set_value(3).run()
    at.button(key="save").click().run()
    assert not at.error, [e.value for e in at.error]
    assert _rating_of(store, "csos-ministries", "racist") == "green"
    assert _rating_of(store, "csos-ministries", "disability") == "red"


def test_evidence_edits_are_saved_with_the_standards_they_support(app, store):
    at = _open(app, "police-courts")
    editor = at.data_editor[0]
    at.session_state[editor.key] = {"edited_rows": {}, "deleted_rows": [], "added_rows": [
        {"title": "Ελληνική έκθεση <b>2024</b>", "url": "https://example.org/r", "dimension": "action",
         "note": "quote", "standards": ["6", "7"]}]}
    at.run()
    at.button(key="save").click().run()
    assert not at.error, [e.value for e in at.error]
    evidence = store.get(EW).assessment.line("police-courts").evidence
    assert evidence[-1].title == "Ελληνική έκθεση <b>2024</b>" and evidence[-1].standards == (6, 7)
    supports = json.loads(at.data_editor[0].proto.columns)["dimension"]["type_config"]["options"]
    assert [o["label"] for o in supports] == ["", "Framework", "Action"]  # words, the values stay codes


# ---------------------------------------------------------------------------------------- Standards

def test_standards_page_lists_every_standard_and_flags_red_only_ones(app, store, model):
    rollup = by_standard(model, score_assessment(model, store.get(EW).assessment))[10]
    for ln in rollup.lines:  # make every line citing standard 10 red
        stored = store.get(EW)
        store.save_line(EW, stored.assessment.line(ln.relationship).model_copy(
            update={"framework": 1, "action": 1, "rating": None}), stored.line_meta(ln.relationship).version, "t")
    at = app(STANDARDS)
    assert at.title[0].value == "Standards"
    assert len(at.table[0].value) == len(model.standards) == 40
    assert any("cited only by red lines" in e.value and "10" in e.value for e in at.error)
    at.toggle(key="only_red").set_value(True).run()
    assert "10" in set(at.table[0].value["Standard"])
    at.selectbox(key="standard").select(10).run()
    assert set(at.dataframe[0].value["Rating"]) == {"▲ RED"}


def test_standards_page_shows_every_text_whole_and_says_why_the_red_only_table_is_empty(app, model):
    at = app(STANDARDS)
    texts = at.table[0].value.set_index("Standard")["Text"]  # a table that wraps, not a grid that cuts text
    longest = max((s for s in model.standards.values() if s.text), key=lambda s: len(s.text))
    assert texts[str(longest.id)] == longest.text and len(longest.text) > 100
    at.toggle(key="only_red").set_value(True).run()
    assert not at.table  # no standard of the 2019 grid is cited only by red lines ...
    assert any("No standard is cited only by red lines: every standard a red line cites is also cited by a line "
               "rated amber or green." in i.value for i in at.info)  # ... and the page says why


# ------------------------------------------------------------------------------------------ Compare

def test_compare_shows_what_moved_and_both_maps(app):
    at = app(COMPARE)
    metrics = _metrics(at)
    assert (metrics["▲ Moved up"], metrics["▼ Moved down"]) == ("6", "3")
    moved = at.dataframe[0].value
    assert len(moved) == 9 and set(moved["Movement"]) == {"▲ up", "▼ down"}
    assert len(_maps(at)) == 2
    assert any("illustrative example" in w.value for w in at.warning)
    assert (at.selectbox(key="before").value, at.selectbox(key="after").value) == (
        EW, "england-wales-2024-illustrative")  # the chosen assessment and its country's next one
    assert not any("two countries" in w.value for w in at.warning)


def test_a_countrys_only_assessment_is_compared_with_another_countrys_and_the_page_says_so(app, store, method):
    from framework.profiles import blank_assessment

    spain = blank_assessment(store.shipped, method.profile("es"), "2026", None, "test", {s.id for s in store.list()})
    store.add(spain, author="test")
    at = app(COMPARE, user="Ada Admin", assessment=spain.id)
    assert at.selectbox(key="after").value == spain.id  # the assessment chosen in the sidebar
    assert at.selectbox(key="before").value != spain.id
    assert any("assessments of two countries" in w.value for w in at.warning)


# ------------------------------------------------------------------------------------ Data in / out

def test_importing_a_valid_yaml_adds_an_assessment_for_admins_only(app, store, ew):
    text = dump_assessment(ew.model_copy(update={"id": "hungary-2025", "country": "Magyarország", "date": "2025"}))
    at = app(DATA)  # an assessor is offered no uploader (and the workspace refuses: tests/access)
    assert not [u for u in at.get("file_uploader") if u.key == "upload"]
    assert any("Importing assessments is for administrators" in c.value for c in at.caption)
    at = app(DATA, user="Ada Admin")
    at.file_uploader(key="upload").set_value(("hu.yaml", text.encode(), "application/yaml")).run()
    at.button(key="import").click().run()
    assert not at.exception and not at.error
    assert "hungary-2025" in {s.id for s in store.list()}
    assert at.sidebar.selectbox(key="assessment_picker").value == "hungary-2025"
    assert any("Imported" in x.value for x in at.success)


def test_importing_a_broken_yaml_lists_problems_and_changes_nothing(app, store, ew):
    before = [(s.id, s.revision) for s in store.list()]
    at = app(DATA, user="Ada Admin")
    broken = dump_assessment(ew).replace("framework: 2\n", "framework: 7\n", 1)
    at.file_uploader(key="upload").set_value(("broken.yaml", broken.encode(), "application/yaml")).run()
    at.checkbox(key="replace").check().run()
    at.button(key="import").click().run()
    assert any("broken.yaml has 1 problem(s); nothing was imported" in _plain(e.value) for e in at.error)
    problems = at.dataframe[0].value
    assert problems["Field"].tolist() == ["lines[3].framework"] and problems["Line in the file"].tolist()[0] > 1
    assert [(s.id, s.revision) for s in store.list()] == before


def test_a_viewer_is_offered_no_uploader_and_sizes_are_checked_on_the_server(app, store):
    at = app(DATA, user="Vic Viewer")
    assert not at.get("file_uploader")
    assert any("Importing data is for administrators and assessors" in c.value for c in at.caption)
    # past the browser's limit (AppTest sends what it is given): the page refuses before reading
    at = app(DATA, user="Ada Admin")
    at.file_uploader(key="upload").set_value(("big.yaml", b"#" * (5 * 2**20 + 1), "application/yaml")).run()
    at.button(key="import").click().run()
    assert any("big.yaml: is 5.0 MB; at most 5 MB may be imported; nothing was imported" in _plain(e.value)
               for e in at.error), [e.value for e in at.error]
    at.selectbox(key="mapping_choice").set_value("upload a mapping").run()
    at.file_uploader(key="mapping_upload").set_value(("m.yaml", b"#" * (2**20 + 1), "application/yaml")).run()
    at.file_uploader(key="data_upload").set_value(("w.csv", b"Force,Year\nA,2018\n", "text/csv")).run()
    at.button(key="import_data").click().run()
    assert any("1 problem(s); nothing was imported" in _plain(e.value) for e in at.error)
    problems = next(d.value for d in at.dataframe if "Row" in d.value.columns)
    assert problems["Problem"].tolist() == ["is 1.0 MB; at most 1 MB may be imported"]


def test_export_offers_yaml_and_the_map(app):
    at = app(DATA)
    labels = {b.label for b in at.get("download_button")}
    assert {"Assessment YAML", "Systems map SVG", "Systems map PNG"} <= labels


def test_importing_figures_through_a_bundled_mapping_and_refusing_a_broken_csv(app, store):
    from store.figures import FigureStore

    at = app(DATA)
    figures = FigureStore(store.engine)
    before = len(figures.frame())
    bbc = (ROOT / "data" / "bbc_hatecrime_by_force_2017_19.csv").read_bytes()
    at.file_uploader(key="data_upload").set_value(("bbc.csv", bbc, "text/csv")).run()
    at.selectbox(key="mapping_choice").set_value("bbc_hatecrime_by_force.yaml").run()
    at.button(key="import_data").click().run()
    assert any("Imported 770 figures from bbc.csv" in _plain(s.value) for s in at.success), [e.value for e in at.error]
    after = figures.frame()
    broken = b"source,publication,period,area,strand,measure,value\npolice,p,2018,E,martian,m,1\npolice,p,2018,E,race,m,x\n"
    at.selectbox(key="mapping_choice").set_value("none: the file is tidy").run()
    at.file_uploader(key="data_upload").set_value(("broken.csv", broken, "text/csv")).run()
    at.button(key="import_data").click().run()
    assert any("2 problem(s); nothing was imported" in _plain(e.value) for e in at.error)
    problems = next(d.value for d in at.dataframe if "Row" in d.value.columns)
    assert problems[["Row", "Column"]].values.tolist() == [[2, "strand"], [3, "value"]]
    assert len(after) == before  # the bundled BBC publication was replaced, not added twice
    assert set(after.loc[after["publication"].str.startswith("BBC"), "imported_from"]) == {"bbc.csv"}
    assert figures.frame().equals(after)  # the broken file changed nothing


def test_importing_case_records_labelled_synthetic(app, store):
    from dashboard.cases import synthesise
    from store.cases import CaseStore

    at = app(DATA)
    at.radio(key="data_kind").set_value("Case records").run()
    at.file_uploader(key="data_upload").set_value(
        ("mine.csv", synthesise(50, seed=4).to_csv(index=False).encode(), "text/csv")).run()
    at.checkbox(key="data_synthetic").check().run()
    at.button(key="import_data").click().run()
    assert any("Imported 50 case records" in _plain(s.value) for s in at.success), [e.value for e in at.error]
    assert {(c.name, c.rows, c.synthetic) for c in CaseStore(store.engine).sets()} >= {("mine.csv", 50, True)}


def test_reports_page_offers_the_spreadsheets_and_the_report_once_built(app):
    # building the report itself (PDF and DOCX, about 15 s) is tested in the browser:
    # tests/e2e/test_app_in_browser.py::test_the_reports_page_builds_the_report
    at = app("ui/reports.py")
    labels = {b.label for b in at.get("download_button")}
    assert {"Workbook (XLSX: grid, evidence, standards, data)", "Grid (CSV)", "Assessment YAML", "Systems map SVG",
            "Systems map PNG"} <= labels
    assert "Country report (PDF)" not in labels and at.button(key="build_report").label == "Build the country report"
