"""The person's language through AppTest: the app's frame speaks the language kept in their account,
a change in the sidebar is kept for their next sign-in, and signing out keeps the page in it."""

from __future__ import annotations

from store.accounts import Accounts


def test_the_frame_speaks_the_language_kept_in_the_account(app, store):
    Accounts(store.engine).set_language("Test Assessor", "hu")
    at = app()
    assert [b.label for b in at.sidebar.button] == ["Kijelentkezés"]
    assert any(c.value == "Bejelentkezve: **Test Assessor** (értékelő)" for c in at.sidebar.caption)
    assert at.sidebar.selectbox(key="language_picker").value == "hu"
    assert at.sidebar.selectbox(key="language_picker").label == "Nyelv"


def test_a_language_chosen_in_the_sidebar_is_kept_for_the_next_sign_in(app, store):
    at = app()
    assert [b.label for b in at.sidebar.button] == ["Sign out"]  # English until chosen
    at.sidebar.selectbox(key="language_picker").set_value("es").run()
    assert [b.label for b in at.sidebar.button] == ["Cerrar sesión"]
    assert Accounts(store.engine).language("Test Assessor") == "es"
    at.sidebar.button(key="sign_out").click().run()
    assert [t.value for t in at.title] == ["Iniciar sesión en ffgrid"]  # signed out, still in Spanish
    assert [i.value for i in at.info] == ["Ha cerrado la sesión."]
    again = app()  # a new browser session, signed in again
    assert [b.label for b in again.sidebar.button] == ["Cerrar sesión"]


def test_the_overview_shows_the_methods_words_in_the_persons_language_and_the_countrys_names_as_written(app, store):
    Accounts(store.engine).set_language("Test Assessor", "hu")
    at = app()
    titles = at.selectbox(key="open_relationship").options
    assert "Áldozatok – Police forces of England and Wales" in titles  # the method's role in Hungarian, the national name kept
    assert any(t.startswith("Antiszemita gyűlölet-bűncselekményeket figyelő civil szervezet") for t in titles)
    grid = next(c.proto.json for c in at.get("bidi_component") if "ffgrid-grid" in c.proto.json)  # the grid's HTML
    assert ">Antiszemitizmus<" in grid and ">Antisemitism<" not in grid  # a strand in the person's language
