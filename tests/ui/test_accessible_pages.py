"""What the pages show for everyone to read, through AppTest: every map named by what it shows (the
report's caption), and the grid a table in words whose links open each line."""

from __future__ import annotations

import html
import json
import re

from helpers import grid_of

ASSESS, COMPARE = "ui/assess.py", "ui/compare.py"


def _labels(at) -> list[str]:  # type: ignore[no-untyped-def]
    """The aria-labels of the maps on the page (inline SVG in Markdown, and the Overview's clickable map)."""
    found = [m.value for m in at.markdown if "<svg" in m.value]
    found += [html.unescape(json.loads(c.proto.json)["label"]) for c in at.get("bidi_component") if "label" in json.loads(c.proto.json)]
    return [html.unescape(x) for x in found for x in re.findall(r'aria-label="([^"]*)"', x) or [x]]


def test_every_map_is_named_by_what_it_shows(app):
    at = app()  # the Overview
    (overview,) = _labels(at)
    assert overview.startswith("Systems map of England & Wales, 2019, lines by rating. The grid on the Overview "
                               "lists every line in words. Each line is a relationship")
    at.session_state["relationship"] = "police-courts"
    at.switch_page(ASSESS).run()
    assert _labels(at) == ["Systems map of England & Wales, 2019, lines by rating; the line Police forces of "
                           "England and Wales – Courts of England and Wales (judiciary) is highlighted. The grid on "
                           "the Overview lists every line in words."]
    at.switch_page(COMPARE).run()
    assert len(_labels(at)) == 2 and all(x.startswith("Systems map of ") for x in _labels(at))


def test_the_grid_is_a_table_read_in_words_whose_links_open_each_line(app):
    at = app()
    grid = grid_of(at)
    strands = {s for s in grid["Strand"] if s}
    assert {"Antisemitism", "Anti-Muslim"} <= strands and "antisemitism" not in strands  # words, not ids
    assert list(grid.columns[:6]) == ["Row", "Relationship", "Strand", "Framework", "Action", "Rating"]
    (component,) = [json.loads(c.proto.json) for c in at.get("bidi_component") if "ffgrid-grid" in c.proto.json]
    assert '<th scope="row"><a href="assess?assessment=england-wales-2019&amp;relationship=police-courts"' in \
        component["html"] and "<caption>" in component["html"]  # each title a link; the table named




def test_the_grids_scores_read_as_whole_numbers(app, store):
    draft = "england-wales-2024-illustrative"
    line = store.get(draft).assessment.lines[0]  # an unscored line leaves its scores empty
    store.save_line(draft, line.model_copy(update={"framework": None, "action": None, "rating": None}),
                    store.get(draft).line_meta(line.relationship).version, "Test Assessor")
    at = app(assessment=draft)
    grid = grid_of(at)
    scores = [s for s in (*grid["Framework"], *grid["Action"]) if s]
    assert "" in set(grid["Framework"]) and scores and all(s in {"0", "1", "2", "3"} for s in scores), scores
