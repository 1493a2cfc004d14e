"""New assessment and Countries through AppTest: an admin starts a Hungarian grid from the shipped
profile or a Portuguese one from the form; others are not offered the page and are refused by the
workspace; several countries side by side in words."""

from __future__ import annotations

import pytest

from access.policy import Forbidden
from access.workspace import Workspace
from scoring import score_assessment
from helpers import grid_of
from store.accounts import Accounts

NEW, COUNTRIES = "ui/new_assessment.py", "ui/countries.py"


def table_with(at, column: str):  # type: ignore[no-untyped-def]
    """The page's table that has `column`."""
    return next(d.value for d in at.dataframe if column in d.value.columns)


def test_an_admin_starts_a_hungarian_assessment_from_the_shipped_profile(app, store):
    at = app(user="Ada Admin", page=NEW)
    at.selectbox(key="new_profile").select("hu").run()
    names = table_with(at, "Name in the country")
    assert "Országos Rendőr-főkapitányság" in set(names["Name in the country"])
    assert any("draft, to be confirmed by national partners" in i.value for i in at.info)
    at.text_input(key="new_date").input("2026")
    at.button(key="FormSubmitter:new_assessment-Start the assessment").click().run()
    assert not at.exception, at.exception
    stored = store.get("hu-2026")
    assert stored.assessment.profile_code == "hu" and stored.assessment.lines == ()
    assert stored.assessment.country == "Magyarország" and stored.assessment.status == "draft"
    over = app(user="Ada Admin", assessment="hu-2026")
    grid = grid_of(over)
    assert grid["Rating"].eq("– UNSCORED").all() and len(grid) == len(score_assessment(
        store.model_of(stored.assessment), stored.assessment))
    assert any("Országos Rendőr-főkapitányság" in t for t in grid["Relationship"])
    assert not any("Home Office" in t or "CPS" in t for t in grid["Relationship"])
    assert any(p.value == 0 for p in over.get("progress")) or any("0 of" in str(p.proto) for p in over.get("progress"))


def test_a_profile_made_in_the_form_is_stored_and_its_assessment_opens(app, store):
    at = app(user="Ada Admin", page=NEW)
    at.toggle(key="make_profile").set_value(True).run()
    at.text_input(key="profile_code").input("pt")
    at.text_input(key="profile_name").input("Portugal")
    at.text_input(key="profile_language").input("pt, mwl")
    at.text_input(key="profile_actor_police").input("Polícia de Segurança Pública")
    at.text_input(key="profile_extra").input("Aporofobia").run()
    assert "Polícia de Segurança Pública" in set(table_with(at, "Name in the country")["Name in the country"])
    at.text_input(key="new_date").input("2026-05")
    at.button(key="FormSubmitter:new_assessment-Start the assessment").click().run()
    assert not at.exception, at.exception
    made = store.get("pt-2026-05").assessment
    model = store.model_of(made)
    assert model.label("police") == "Polícia de Segurança Pública" and "victim-cso-aporofobia" in model.relationships
    assert model.profile.languages == ("pt", "mwl")
    assert "pt" in store.profiles() and "code: pt" in store.export_yaml("pt-2026-05")  # the export carries it
    again = app(user="Ada Admin", page=NEW)
    assert any("Portugal (YAML)" in str(b.proto) for b in again.get("download_button"))  # it can be exported later


def test_a_bad_date_is_refused_and_nothing_is_stored(app, store):
    at = app(user="Ada Admin", page=NEW)
    at.text_input(key="new_date").input("next year")
    at.button(key="FormSubmitter:new_assessment-Start the assessment").click().run()
    assert any("next year" in e.value and "is not a real date" in e.value for e in at.error)
    assert not [s for s in store.list() if s.profile == "ew" and s.id.startswith("ew-")]


@pytest.mark.parametrize("user", ["Test Assessor", "Vic Viewer"])
def test_others_are_not_offered_the_page_and_the_workspace_refuses(app, store, user):
    at = app(user=user)
    assert "new" not in at.session_state["pages"]
    with pytest.raises(Forbidden):
        Workspace(store, Accounts(store.engine).get(user)).new_assessment("hu", "2026")


def test_countries_side_by_side_in_words(app, store):
    ada = Workspace(store, Accounts(store.engine).get("Ada Admin"))
    ada.new_assessment("es", "2026")
    at = app(user="Vic Viewer", page=COUNTRIES)
    at.multiselect(key="countries_chosen").set_value(["england-wales-2019", "es-2026"]).run()
    assert not at.warning  # neither is an illustrative example
    table = table_with(at, "Line")
    by_line = dict(zip(table["Line"], zip(table.iloc[:, 1], table.iloc[:, 2])))
    police_prosecution = next(v for k, v in by_line.items() if k.startswith("Law enforcement (police) – prosecution"))
    assert police_prosecution == ("● GREEN", "– UNSCORED")
    aporophobia = next(v for k, v in by_line.items() if "aporophobia" in k.lower())
    assert aporophobia[0] == "× ABSENT"
    racist_public = next(v for k, v in by_line.items() if k == "General public – CSO monitoring racist hate crime")
    assert racist_public[0] == "× ABSENT"  # left out of the 2019 grid
    at.selectbox(key="countries_line").select(("public-cso-racist", None)).run()
    assert any("does not assess this line" in c.value for c in at.caption)


def test_an_illustrative_example_is_marked_as_such(app):
    at = app(user="Vic Viewer", page=COUNTRIES)  # by default the newest of each country: the 2024 example
    assert any("Illustrative example, not an official assessment: England & Wales 2024" in w.value for w in at.warning)
