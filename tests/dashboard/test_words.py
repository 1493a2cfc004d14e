"""The dashboard's words in the reader's language (issue 17): the data files' words are marked for the
catalogue, and numbers, lists and dates are written the language's way whatever the catalogue holds."""

from __future__ import annotations

import pandas as pd

from base.i18n import using
from base.yamlio import load_file
from dashboard.case_charts import CASE_CHARTS, case_charts, weekday_name
from dashboard.charts import localised
from dashboard.disclosure import public_number, shown_count
from dashboard.funnels import FUNNELS_FILE, STAGES
from dashboard.sources import PUBLIC_BODIES, SOURCES_FILE
from dashboard.tables import UNITS, and_, describe, figure, funnel_columns, pct, table, with_numbers
from dashboard.vocabulary import LABELS, STRANDS_FILE


def test_every_word_of_the_data_files_is_marked_for_the_catalogue():
    assert {s["label"] for s in load_file(STRANDS_FILE)["strands"]} <= set(LABELS)
    series = load_file(FUNNELS_FILE)
    assert {s["label"] for f in series for s in f["stages"]} <= set(STAGES)
    assert {s.get("unit", "cases") for f in series for s in f["stages"]} <= set(UNITS)
    names = load_file(SOURCES_FILE)["sources"]
    bodies = {n for code, named in names.items() if not code.startswith("cso:")
              for n in (named.values() if isinstance(named, dict) else [named])}
    assert bodies <= set(PUBLIC_BODIES)  # an organisation's own name (cso:) is not translated


def test_numbers_lists_and_hidden_counts_are_written_the_hungarian_way():
    with using("hu"):
        assert (figure(79010.6667), pct(42.5), and_(["a", "b", "c"])) == ("79\xa0011", "42,5%", "a, b és c")
        assert public_number(20_003) == "20\xa0005" and shown_count(12_345) == "12\xa0345"
        assert weekday_name("Monday") == "hétfő"
        assert localised({"mark": "bar"})["config"]["locale"]["number"] == {
            "decimal": ",", "thousands": "\xa0", "grouping": [3], "currency": ["", ""]}
    with using("en"):
        assert (figure(79010.6667), pct(42.5), and_(["a", "b", "c"]), public_number(7)) == (
            "79,011", "42.5%", "a, b and c", "fewer than 10")


def test_a_chart_is_described_from_its_numbers_not_from_its_written_figures():
    steps = pd.DataFrame({"stage": ["Recorded by police", "Prosecuted"], "count": [1_500.0, 999.0],
                          "unit": ["offences", "cases"], "pct_of_previous": [None, 8.7], "pct_of_first": [None, 8.7],
                          "how": ["published count", "published count"]})
    with using("es"):  # "1.500" read back as a decimal (1.5) would make 999 the largest
        shown = table(with_numbers(steps), funnel_columns())
        said = describe("Funnel", shown, shown.columns[0], shown.columns[1], steps["count"], lambda n: f"{n} stages")
    assert "(1.500 " in said and "(999 " not in said


def test_the_case_charts_name_the_weekdays_in_the_reader_s_language():
    counted = {unit: pd.DataFrame({unit: ["Monday", "Tuesday"] if unit == "weekday" else [1, 2], "records": [20, 30]})
               for unit, _kind, _words in CASE_CHARTS}
    counted["outcome"] = pd.DataFrame({"value": ["charged"], "records": [5]})
    with using("es"):
        charts = case_charts(counted, pd.DataFrame({"strand": ["race"], "records": [50]}), {}, False, "outcome", "Ward")
    weekdays = next(c for c in charts if c.name == "cases-by-weekday")
    assert weekdays.shown.iloc[:, 0].tolist() == ["lunes", "martes"] and "(30)" in weekdays.description
