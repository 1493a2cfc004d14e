"""What the pages show for everyone to read, through AppTest: every map named by what it shows (the
report's caption), and the grid's Strand column wide enough for each strand's words."""

from __future__ import annotations

import html
import json
import re

ASSESS, COMPARE = "ui/assess.py", "ui/compare.py"


def _labels(at) -> list[str]:  # type: ignore[no-untyped-def]
    """The aria-labels of the maps on the page (inline SVG in Markdown, and the Overview's clickable map)."""
    found = [m.value for m in at.markdown if "<svg" in m.value]
    found += [html.unescape(json.loads(c.proto.json)["label"]) for c in at.get("bidi_component")]
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


def test_the_grids_strand_column_reads_each_strand_whole(app):
    import json

    at = app()
    grid = next(d for d in at.dataframe if d.key == "grid" or "Strand" in d.value.columns)
    strands = {s for s in grid.value["Strand"] if s}
    assert {"Antisemitism", "Anti-Muslim"} <= strands and "antisemitism" not in strands  # words, not ids
    width = json.loads(grid.proto.columns)["Strand"]["width"]
    assert isinstance(width, int) and width >= 7 * max(map(len, strands)) + 16, (width, max(strands, key=len))
