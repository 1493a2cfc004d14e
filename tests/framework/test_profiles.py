"""Country profiles: the shipped six, what a profile does to the method, and bad profiles refused
with file:line."""

from __future__ import annotations

import textwrap
import warnings

import pytest

from framework import ROOT, ValidationFailed, load_assessment
from framework.profiles import load_profile, profile_from_text
from framework.upgrades import Upgraded
from scoring import count_ratings, score_assessment

HEAD = """\
code: xx
name: Xland
name_en: Xland
languages: [en]
status: draft
method_version: "2026.1"
"""


def refused(method, body: str) -> list[str]:
    with pytest.raises(ValidationFailed) as err:
        profile_from_text(HEAD + textwrap.dedent(body), "xx.yaml", method.model)
    return [str(p) for p in err.value.problems]


def test_six_profiles_ship_and_five_are_drafts(method):
    assert set(method.profiles) == {"ew", "gr", "hu", "ie", "it", "es"}
    assert {c for c, p in method.profiles.items() if p.status == "draft"} == {"gr", "hu", "ie", "it", "es"}
    for profile in method.profiles.values():  # every name cites a source the profile lists
        assert all(n.source in profile.sources for n in profile.actors.values()), profile.code


def test_a_country_model_carries_the_national_names_and_no_british_agency(method):
    hu = method.country(method.profiles["hu"])
    assert hu.label("police") == "Országos Rendőr-főkapitányság"
    assert hu.label_en("police").startswith("Hungarian National Police")
    words = " ".join([*(a.label for a in hu.framework.actors), *(r.title for r in hu.relationships.values())])
    for british in ("Home Office", "CPS", "Crown Prosecution", "England", "Housing, Communities"):
        assert british not in words


def test_ew_profile_keeps_the_2019_grid_exactly(method, ew):
    model = method.for_assessment(ew)
    assert count_ratings(score_assessment(model, ew)) == {"green": 16, "amber": 9, "red": 10, "n/a": 1, "unscored": 0}
    assert model.label("ministry-of-interior") == "Home Office" and "mhclg" in model.clusters["government-ministries"].members
    assert set(model.absent) == {"public-cso-racist", "public-cso-disability", "cso-anti-grt-police"}


def test_a_file_of_the_2019_1_method_is_read_through_the_id_map_and_says_so(method, ew):
    old = ROOT / "tests" / "fixtures" / "england-wales-2019-method-2019.1.yaml"
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        upgraded = load_assessment(old, method)
    assert any(issubclass(w.category, Upgraded) and "police-home-office → police-ministry-of-interior" in str(w.message)
               for w in caught)
    assert upgraded == ew  # every score, rating and text, with today's ids and the ew profile


def test_a_strand_the_method_does_not_know_gets_the_strand_lines(method):
    es = method.country(method.profiles["es"])
    assert {"cso-aporophobia-police", "victim-cso-aporophobia", "public-cso-aporophobia"} <= set(es.relationships)
    assert es.relationships["victim-cso-aporophobia"].to == "cso-aporophobia"
    assert "aporophobia" in es.relationships["csos-ministries"].strands  # the per-strand line gains it too


def test_absent_lines_leave_the_grid_with_their_reason(method):
    profile = profile_from_text(HEAD + "absent:\n  - {line: police-courts, reason: No such link here.}\n",
                                "xx.yaml", method.model)
    model = method.country(profile)
    assert "police-courts" not in model.relationships and model.absent["police-courts"] == "No such link here."


def test_unknown_actor_is_refused_with_its_line(method):
    [msg] = refused(method, "actors:\n  sheriff: {name: Sheriff}\n")
    assert msg.startswith("xx.yaml:8:") and "unknown actor 'sheriff'" in msg


def test_duplicate_id_is_refused(method):
    msgs = refused(method, """\
        national_actors:
          - {id: police, kind: authority, name: Other police}
        """)
    assert any(m.startswith("xx.yaml:8:") and "duplicate id 'police'" in m for m in msgs), msgs


def test_a_line_to_an_actor_the_profile_dropped_is_refused(method):
    msgs = refused(method, """\
        ministries: [ministry-of-interior]
        lines:
          - {id: police-justice, from: police, to: ministry-of-justice}
        """)
    assert any(m.startswith("xx.yaml:9:") and "lines[0].to" in m and "ministry-of-justice" in m for m in msgs), msgs


def test_a_strand_with_no_label_is_refused(method):
    [msg] = refused(method, "strands:\n  - {id: aporophobia}\n")
    assert msg.startswith("xx.yaml:8:") and "strands[0].label" in msg and "give it a label" in msg


def test_a_profile_file_names_its_file_in_problems(method, tmp_path):
    path = tmp_path / "pt.yaml"
    path.write_text(HEAD.replace("xx", "pt") + "absent:\n  - {line: no-such-line, reason: x}\n", encoding="utf-8")
    with pytest.raises(ValidationFailed) as err:
        load_profile(path, method.model)
    assert f"{path}:8:" in str(err.value) and "unknown line 'no-such-line'" in str(err.value)


@pytest.mark.parametrize("code, title", [
    ("hu", "Facing all the Facts önértékelés – Magyarország"), ("es", "Autoevaluación Facing all the Facts – España"),
    ("gr", "Facing all the Facts self-assessment – Greece"),  # no Greek catalogue yet: English, the English name
    ("ew", "Facing all the Facts self-assessment – England and Wales"),
])
def test_a_new_assessments_title_is_in_its_countrys_language_where_ffgrid_speaks_it(method, code, title):
    from framework.profiles import blank_assessment

    assert blank_assessment(method, method.profiles[code], "2026", None, "A").title == title
