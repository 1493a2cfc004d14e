"""Data in / out, Users and the wait for a role in the reader's language: the pages' words, and the
problems of a refused file, found in the bounded worker process, in the language of the person who
uploaded it."""

from __future__ import annotations

from base.i18n import using
from store.accounts import Accounts
from store.identities import Identities, Identity

DATA = "ui/data_io.py"
BROKEN = b"source,publication,period,area,strand,measure,value\npolice,p,2018,E,martian,m,1\npolice,p,2018,E,race,m,x\n"


def test_data_in_out_speaks_spanish(app, store):
    Accounts(store.engine).set_language("Test Assessor", "es")
    at = app(DATA)
    assert [t.value for t in at.title] == ["Importar / exportar"]
    assert [h.value for h in at.header] == ["Importar una evaluación", "Importar datos para el panel de datos",
                                            "Exportar"]
    assert any(c.value == "Importar evaluaciones corresponde a los administradores (su rol: evaluador)."
               for c in at.caption)
    kind = at.radio(key="data_kind")
    assert kind.label == "Qué" and kind.options == ["Cifras", "Registros de casos"]
    assert at.selectbox(key="mapping_choice").options[0] == "ninguna: el archivo ya está ordenado"
    assert {b.label for b in at.get("download_button")} >= {"Evaluación (YAML)", "Mapa del sistema (SVG)"}


def test_a_refused_data_file_is_explained_in_hungarian(app, store):
    Accounts(store.engine).set_language("Test Assessor", "hu")
    at = app(DATA)
    with using("hu"):  # the options' words, as the test reads them back to send the widgets' values
        at.file_uploader(key="data_upload").set_value(("broken.csv", BROKEN, "text/csv")).run()
        at.button(key="import_data").click().run()
    assert [e.value for e in at.error] == ["broken\\.csv: 2 hiba; semmi sem került importálásra."]
    problems = next(d.value for d in at.dataframe if "Hiba" in d.value.columns)
    assert problems.values.tolist() == [  # checked in the worker process, in the uploader's language
        [2, "strand", "ismeretlen terület: 'martian' (lásd: dashboard/strands.yaml)"], [3, "value", "'x' nem szám"]]


def test_users_page_and_the_wait_for_a_role_speak_hungarian(app, store):
    Identities(store.engine).sign_in(Identity("https://login.example.org", "nora", "entra", "Nóra Nagy"))  # no role
    for name in ("Ada Admin", "Nóra Nagy"):
        Accounts(store.engine).set_language(name, "hu")
    admin = app("ui/users.py", user="Ada Admin")
    assert [t.value for t in admin.title] == ["Felhasználók"]
    assert any("Szerepkörre vár" in w.value and "Nóra Nagy" in w.value for w in admin.warning)
    roles = admin.dataframe[0].value.set_index("Név")["Szerepkör"]
    assert roles["Ada Admin"] == "adminisztrátor" and roles["Nóra Nagy"] == "még nincs szerepköre (vár rá)"
    waiting = app(user="Nóra Nagy")
    assert [t.value for t in waiting.title] == ["A fiókja adminisztrátorra vár"]
    assert [b.label for b in waiting.button] == ["Újra ellenőrzés", "Kijelentkezés"]
