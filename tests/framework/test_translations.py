"""The method in other languages (locales/<language>/method.yaml): a model in Hungarian or Spanish has the
method's words in that language and the country's own names as the country writes them; a word a file lacks
stays English and is listed; a file naming an id the method does not have is refused, naming file and key."""

from __future__ import annotations

from pathlib import Path

import pytest

import cli
from framework import Method, Model
from framework.translations import in_language, lacking, missing, read_words, translated


@pytest.fixture(scope="module")
def hungary(method: Method) -> Model:
    return method.country(method.profiles["hu"])


def test_a_hungarian_model_has_the_methods_words_in_hungarian_and_the_countrys_names_as_written(hungary):
    hu = in_language(hungary, "hu")
    assert hu.language == "hu" and hu.english is hungary
    assert hu.strand_label("antisemitism") == "Antiszemitizmus" and hu.strand_label("anti-grt") == "Cigány-, roma- és travellerellenes"
    framework, action = hu.framework.score_scale.dimensions
    assert (framework.label, action.label) == ("Keret", "Cselekvés")
    assert action.levels[0] == "Nincs bizonyíték arra, hogy a kettő a gyakorlatban kapcsolódik."
    assert hu.framework.band_for(6).meaning.startswith("Jó kapcsolat.")
    assert hu.standards[1].text.startswith("A rendvédelmi szervek képesek átfogóan rögzíteni")
    assert hu.relationships["police-prosecution"].framework_criteria[1].wording.startswith("A rendvédelmi szervek")
    assert hu.relationships["police-prosecution"].framework_criteria[1].standards == (5,)  # what it cites stays
    assert hu.label("police") == "Országos Rendőr-főkapitányság"  # the profile's national name stays
    assert hu.label("victim") == "Áldozatok" and hu.label_en("victim") == "Victims"  # a role, and its English
    assert hu.relationships["victim-police"].title == "Áldozatok – Országos Rendőr-főkapitányság"
    assert hu.framework.rating_words["unscored"].word == "NINCS PONTOZVA"
    assert hungary.label("victim") == "Victims" and hungary.strand_label("antisemitism") == "Antisemitism"  # untouched


def test_a_model_is_given_in_a_language_once_and_from_any_language(hungary):
    hu = in_language(hungary, "hu")
    assert in_language(hungary, "hu") is hu  # cached with the model
    assert in_language(hu, "en") is hungary and in_language(hungary, "xx") is hungary  # no file: English
    assert in_language(hu, "es").label("victim") == "Víctimas"  # from the English, not from the Hungarian


def test_a_profiles_own_strand_names_stay_and_its_new_strands_cso_has_a_role_in_the_language(method):
    spain = in_language(method.country(method.profiles["es"]), "es")
    assert spain.strand_label("aporophobia") == "Aporofobia (aporophobia)"  # as the profile writes it
    assert spain.label("cso-aporophobia") == "OSC que vigila los delitos de odio: Aporofobia (aporophobia)"
    like = spain.relationships["cso-racist-police"].framework_criteria
    assert spain.relationships["cso-aporophobia-police"].framework_criteria == like  # made like it, in Spanish
    assert spain.label("ondod").startswith("Oficina Nacional de Lucha")  # a national actor stays


def test_the_shipped_files_give_every_word_of_the_method():
    assert missing("es") == [] and missing("hu") == [] and missing("en") == []
    assert "strands.racist" in missing("fr") and "relationships.police-courts.action_criteria.0" in missing("fr")


def _file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "method.yaml"
    path.write_text("status: draft\nlanguage: hu\n" + text, encoding="utf-8")
    return path


def test_a_word_the_file_lacks_stays_english_and_is_listed(tmp_path, method, hungary):
    words = read_words(_file(tmp_path, "strands:\n  racist: Rasszista\nrelationships:\n  police-courts:\n"
                                       "    framework_criteria: [~, Második szempont]\n"), "hu", method.model)
    hu = translated(hungary, words)
    assert hu.strand_label("racist") == "Rasszista" and hu.strand_label("antisemitism") == "Antisemitism"
    first, second = hu.relationships["police-courts"].framework_criteria[:2]
    assert first == hungary.relationships["police-courts"].framework_criteria[0] and second.text == "Második szempont"
    listed = lacking(words, method.model)
    assert "strands.antisemitism" in listed and "strands.racist" not in listed
    assert "relationships.police-courts.framework_criteria.0" in listed
    assert "relationships.police-courts.framework_criteria.1" not in listed
    assert "score_scale.action.levels.3" in listed and "standards.1.text" in listed and "standards.27.text" not in listed


@pytest.mark.parametrize("text, key", [
    ("strands:\n  martian: Marsi\n", "strands.martian: no strand 'martian' in the method"),
    ("actors:\n  police-chief: Főkapitány\n", "actors.police-chief: no actor"),
    ("rating_words:\n  purple: LILA\n", "rating_words: no rating ['purple'] in the method"),
    ("score_scale:\n  action:\n    levels: {4: Négy}\n", "score_scale.action.levels.4: no score 4"),
    ("relationships:\n  police-courts:\n    action_criteria: [a, b, c, d, e, f, g, h, i]\n",
     "relationships.police-courts.action_criteria: the method has"),
    ("standards:\n  27:\n    text: Kitalált szöveg\n", "standards.27.text: the method has no text for standard 27"),
    ("standards:\n  99:\n    text: Kilencvenkilenc\n", "standards.99: no standard 99"),
    ("strand_cso: Civil szervezet\n", "strand_cso: write {strand}"),
    ("colours:\n  red: piros\n", "colours: Extra inputs are not permitted"),
])
def test_an_id_the_method_does_not_have_is_refused_naming_the_file_and_the_key(tmp_path, method, text, key):
    path = _file(tmp_path, text)
    with pytest.raises(ValueError) as refused:
        read_words(path, "hu", method.model)
    assert f"{path}: {key}" in str(refused.value)


def test_a_file_in_another_languages_folder_or_without_a_status_is_refused(tmp_path, method):
    with pytest.raises(ValueError, match="language: the file is in the folder of 'es'"):
        read_words(_file(tmp_path, ""), "es", method.model)
    (path := tmp_path / "bare.yaml").write_text("language: hu\n", encoding="utf-8")
    with pytest.raises(ValueError, match=f"{path}: status: write one of draft, confirmed"):
        read_words(path, "hu", method.model)


def test_i18n_check_says_what_each_method_file_gives_and_that_it_is_a_draft(capsys):
    cli.main(["i18n", "check"])  # fails only on the interface's messages
    out = capsys.readouterr().out
    assert "the method (locales/hu/method.yaml, a draft translation): " in out
    assert "the method (locales/es/method.yaml, a draft translation): " in out


def test_why_a_line_is_not_in_a_countrys_grid_is_said_in_the_readers_language(hungary):
    english = hungary.absent["cso-anti-muslim-police"]
    assert english == "This country's profile has no CSO monitoring anti-Muslim hate crime."
    hu = in_language(hungary, "hu").absent["cso-anti-muslim-police"]
    assert hu == "Az ország profiljában nincs ilyen szereplő: Muszlimellenes gyűlölet-bűncselekményeket figyelő civil " \
                 "szervezet."
    assert in_language(hungary, "hu").absent.keys() == hungary.absent.keys()
