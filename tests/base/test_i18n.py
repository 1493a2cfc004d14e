"""The reader's language: catalogues, fallbacks, numbers and dates in each language, and the browser's
preference; every message the code marks is translated in each interface language."""

from __future__ import annotations

from datetime import date, datetime, timezone

import pytest

from base.catalogue_tools import extract, missing
from base.i18n import (
    LANGUAGES, _, best_language, day, environment_language, has_catalogue, moment, ngettext, number, percent,
    using,
)
from test_cli import ffgrid

PLURAL = ("{n} relationship with unsaved changes, kept for you. Open **Assess** to save or discard them.",
          "{n} relationships with unsaved changes, kept for you. Open **Assess** to save or discard them.")


def test_each_language_speaks_its_catalogue_and_a_language_without_one_speaks_english():
    said = {}
    for code in ("en", "es", "hu", "el"):
        with using(code):
            said[code] = (_("Sign out"), ngettext(*PLURAL, 2).format(n=2))
    assert said["en"] == ("Sign out", PLURAL[1].format(n=2))
    assert said["es"] == ("Cerrar sesión", "2 relaciones con cambios sin guardar, que le guardamos. Abra **Evaluar** "
                                           "para guardarlos o descartarlos.")
    assert said["hu"][0] == "Kijelentkezés" and said["hu"][1].startswith("2 kapcsolat nem mentett")
    assert said["el"] == said["en"] and not has_catalogue("el") and all(has_catalogue(c) for c in LANGUAGES)


def test_using_sets_the_language_for_its_block_only():
    with using("hu"):
        with using("es"):
            assert _("Language") == "Idioma"
        assert _("Language") == "Nyelv"
    assert _("Language") == "Language"


@pytest.mark.parametrize("code, count, share, when", [
    ("en", "1,869", "25.3%", "1 February 2021"),
    ("es", "1.869", "25,3\xa0%", "1 de febrero de 2021"),
    ("hu", "1\xa0869", "25,3%", "2021. február 1."),
])
def test_numbers_percentages_and_dates_are_written_the_languages_way(code, count, share, when):
    with using(code):
        assert (number(1869), percent(0.253), day(date(2021, 2, 1))) == (count, share, when)
        assert number(2.5, 1).replace("\xa0", " ") in ("2.5", "2,5")


def test_the_browsers_preference_chooses_an_interface_language_else_english():
    assert best_language("hu-HU,hu;q=0.9,en;q=0.8") == "hu"
    assert best_language("es;q=0.5, hu;q=0.9") == "hu"
    assert best_language("fr-FR, de;q=0.7") == "en" and best_language(None) == "en" and best_language("x;q=a") == "en"


def test_every_message_the_code_marks_is_translated_in_each_interface_language():
    template = extract()
    assert len(template) > 40  # the sign-in page, the app's frame ...
    assert {code: missing(code, template) for code in LANGUAGES if code != "en"} == {"es": [], "hu": []}


def test_i18n_check_reports_each_language_and_passes():
    result = ffgrid("i18n", "check")
    assert result.returncode == 0, result.stdout
    assert "es (Español): " in result.stdout and "hu (Magyar): " in result.stdout and "missing" not in result.stdout


def test_no_message_is_marked_inside_an_f_string_where_extraction_cannot_see_it():
    import ast

    from base.catalogue_tools import SOURCES, TOP_FILES
    from base.paths import ROOT

    found = []
    for path in [p for folder in SOURCES for p in (ROOT / folder).rglob("*.py")] + [ROOT / f for f in TOP_FILES]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.JoinedStr):
                found += [f"{path.relative_to(ROOT)}:{call.lineno}" for call in ast.walk(node)
                          if isinstance(call, ast.Call) and getattr(call.func, "id", "") in ("_", "N_", "ngettext")
                          and call.args and isinstance(call.args[0], ast.Constant)]  # a message written there
    assert not found, found


@pytest.mark.parametrize("env, spoken", [
    ({"LANG": "hu_HU.UTF-8"}, "hu"), ({"LC_ALL": "es_ES.UTF-8", "LANG": "hu_HU.UTF-8"}, "es"),
    ({"LANGUAGE": "fr:es", "LANG": "fr_FR.UTF-8"}, "es"), ({"LANG": "C.UTF-8"}, "en"), ({}, "en"),
    ({"FFGRID_LANGUAGE": "hu", "LC_ALL": "es_ES.UTF-8"}, "hu"), ({"LC_MESSAGES": "el_GR"}, "en"),
])
def test_a_command_speaks_the_language_its_environment_asks_for(env, spoken):
    assert environment_language(env) == spoken


def test_no_module_that_translates_with_underscore_also_binds_it_to_something_else():
    import ast

    from base.catalogue_tools import SOURCES, TOP_FILES
    from base.paths import ROOT

    found = []
    for path in [p for folder in SOURCES for p in (ROOT / folder).rglob("*.py")] + [ROOT / f for f in TOP_FILES]:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        if not any(isinstance(n, ast.ImportFrom) and any(a.name == "_" for a in n.names) for n in ast.walk(tree)):
            continue
        for node in ast.walk(tree):
            bound = (node.id if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store)
                     else node.arg if isinstance(node, ast.arg) else None)
            if bound == "_":  # `for _ in`, `a, _ = `, `*_`: gettext's `_` is then a tuple or a value
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert not found, found


def test_no_module_rebinds_a_name_it_imports_from_i18n_at_its_top_level():
    """A page script is one module-level body: a variable named like an import (`language`) replaces it."""
    import ast

    from base.catalogue_tools import SOURCES, TOP_FILES
    from base.paths import ROOT

    def top_level(nodes):  # type: ignore[no-untyped-def] # statements outside functions and classes
        for node in nodes:
            if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)):
                yield node
                yield from top_level(ast.iter_child_nodes(node))

    found = []
    for path in [p for folder in SOURCES for p in (ROOT / folder).rglob("*.py")] + [ROOT / f for f in TOP_FILES]:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        imported = {a.asname or a.name for n in tree.body if isinstance(n, ast.ImportFrom) and n.module == "base.i18n"
                    for a in n.names}
        found += [f"{path.relative_to(ROOT)}:{n.lineno} {n.id}" for n in top_level(tree.body)
                  if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store) and n.id in imported]
    assert not found, found


@pytest.mark.parametrize("code, local, utc", [
    ("en", "8 Dec 2026 02:39", "8 Dec 2026 01:39 UTC"),
    ("es", "8 dic 2026 2:39", "8 dic 2026 1:39 UTC"),
    ("hu", "2026. dec. 8. 2:39", "2026. dec. 8. 1:39 UTC"),
])
def test_a_moment_is_told_in_the_readers_language_and_time_zone_or_in_utc_saying_so(code, local, utc):
    at = datetime(2026, 12, 8, 1, 39, tzinfo=timezone.utc)
    with using(code):
        assert moment(at, "Europe/Budapest") == local
        assert moment(at) == moment(at, "Not/A_Zone") == utc
        assert all(moment(at, z) == utc for z in ("../x", "Europe", "Europe/../Europe/Paris", "x" * 5000))
