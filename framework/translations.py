"""The method in the reader's language: one file per language, `locales/<language>/method.yaml`, that
mirrors the method with the same ids (as OWASP SAMM keeps its translated model) and gives that
language's words: how each rating reads, the strands, the actors' roles, the clusters, the score
meanings, the bands, the relationships' titles and criteria, and the standards. A country profile's
national names stay as the country writes them. A word the file lacks stays English, and `missing()`
names it (so does `ffgrid i18n check`, and the log when a model is first given in that language).

A file says whether its words are a `draft` (to be confirmed by the method's partners in that language)
or `confirmed`; the report's methodology section says so.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Mapping
from dataclasses import replace
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, StringConstraints, ValidationError

from base.i18n import DEFAULT, LOCALES, language, using
from base.paths import ROOT
from base.yamlio import load_file
from framework.country import _title as line_title
from framework.country import lacking_reason
from framework.model import RATING_IDS, Actor, Cluster, Dimension, Framework, Model, Relationship
from framework.profile import Profile

FRAMEWORK_FILE = ROOT / "framework" / "framework.yaml"
STATUSES = ("draft", "confirmed")
_log = logging.getLogger("ffgrid.translations")

Word = Annotated[str, StringConstraints(min_length=1, max_length=4000)]


class _Words(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class DimensionWords(_Words):
    label: Word | None = None
    question: Word | None = None
    levels: dict[int, Word] = {}


class BandWords(_Words):
    label: Word | None = None
    meaning: Word | None = None


class RelationshipWords(_Words):
    """A relationship's title (the generic method's; a country's lines are titled by their ends) and its
    criteria, in the method's order (without the standards they cite, which are added in the reader's words)."""

    title: Word | None = None
    framework_criteria: tuple[Word | None, ...] = ()
    action_criteria: tuple[Word | None, ...] = ()


class StandardWords(_Words):
    title: Word | None = None
    text: Word | None = None


class MethodWords(_Words):
    """One language's words for the method (only those it gives), by the method's ids."""

    language: str
    status: Literal["draft", "confirmed"]
    name: Word | None = None
    source: Word | None = None
    rating_words: dict[str, Word] = {}
    strands: dict[str, Word] = {}
    actors: dict[str, Word] = {}
    strand_cso: Word | None = None  # the role of a CSO of a strand a profile adds: "… {strand}"
    clusters: dict[str, Word] = {}
    score_scale: dict[str, DimensionWords] = {}
    rating_bands: dict[str, BandWords] = {}
    relationships: dict[str, RelationshipWords] = {}
    standards: dict[int, StandardWords] = {}

    @property
    def ratings(self) -> Mapping[str, str]:
        """How each rating reads in this language."""
        return MappingProxyType(self.rating_words)


def method_path(language_code: str) -> Path:
    """Where a language's method file is."""
    return LOCALES / language_code / "method.yaml"


@cache
def bundled_method() -> Model:
    """The method the per-language files mirror (the bundled one, in English)."""
    from framework.loader import load_model  # the loader's country models import this module's neighbours

    return load_model()


@cache
def method_words(language_code: str) -> MethodWords | None:
    """A language's words for the method, None where it has no file (refused as `read_words` says)."""
    path = method_path(language_code)
    return read_words(path, language_code, bundled_method()) if path.exists() else None


def read_words(path: Path, language_code: str, method: Model) -> MethodWords:
    """Read a language's method file; ValueError naming the file and each key with a problem: a file
    without a status, a word that is not text, or an id the method does not have."""
    data: Any = load_file(path) or {}
    if not isinstance(data, dict) or data.get("status") not in STATUSES:
        raise ValueError(f"{path}: status: write one of {', '.join(STATUSES)}")
    ratings = data.get("rating_words")
    if ratings is not None and not isinstance(ratings, dict):
        raise ValueError(f"{path}: rating_words: write a word for each rating id")
    try:
        words = MethodWords.model_validate(data)
    except ValidationError as err:
        raise ValueError("\n".join(f"{path}: {'.'.join(map(str, e['loc']))}: {e['msg']}"
                                   for e in err.errors(include_url=False))) from None
    problems = [f"{path}: {key}: {message}" for key, message in _unknown(words, language_code, method)]
    if problems:
        raise ValueError("\n".join(problems))
    return words


def _unknown(words: MethodWords, language_code: str, method: Model) -> Iterator[tuple[str, str]]:
    """Each key of `words` that the method does not have, with what is wrong."""
    fw = method.framework
    if words.language != language_code:
        yield "language", f"the file is in the folder of {language_code!r}"
    if unknown := set(words.rating_words) - set(RATING_IDS):
        yield "rating_words", f"no rating {sorted(unknown)!r} in the method"
    for key, ids, what in (("strands", [s.id for s in fw.strands], "strand"), ("actors", method.actors, "actor"),
                           ("clusters", method.clusters, "cluster"), ("rating_bands", [b.id for b in fw.rating_bands], "band"),
                           ("score_scale", [d.id for d in fw.score_scale.dimensions], "dimension"),
                           ("relationships", method.relationships, "relationship"), ("standards", method.standards, "standard")):
        for item in getattr(words, key):
            if item not in ids:
                yield f"{key}.{item}", f"no {what} {item!r} in the method"
    if words.strand_cso is not None and "{strand}" not in words.strand_cso:
        yield "strand_cso", "write {strand} where the strand's name goes"
    scores = range(fw.score_scale.min, fw.score_scale.max + 1)
    for dim, given in words.score_scale.items():
        for score in set(given.levels) - set(scores):
            yield f"score_scale.{dim}.levels.{score}", f"no score {score} in the method ({scores[0]}-{scores[-1]})"
    for rid, given in words.relationships.items():
        rel = method.relationships.get(rid)
        for kind in ("framework_criteria", "action_criteria"):
            if rel is not None and len(getattr(given, kind)) > len(getattr(rel, kind)):
                yield f"relationships.{rid}.{kind}", f"the method has {len(getattr(rel, kind))} criteria here"
    for sid, given in words.standards.items():
        std = method.standards.get(sid)
        for key in ("title", "text"):
            if std is not None and getattr(given, key) is not None and getattr(std, key) is None:
                yield f"standards.{sid}.{key}", f"the method has no {key} for standard {sid}"


# ------------------------------------------------------------------------------ the model in a language


def in_language(model: Model, language_code: str) -> Model:
    """`model` (the method or a country's) with the method's words in `language_code`, made once per
    model and language; English, or a language without a method file, gives the model in English."""
    english = model.english or model
    words = method_words(language_code) if language_code != DEFAULT else None
    if words is None:
        return english
    if language_code not in english.translations:
        if untranslated := missing(language_code):
            _log.warning("%s: %d of the method's words are not translated, shown in English: %s", method_path(language_code),
                         len(untranslated), ", ".join(untranslated[:5]) + (" …" if len(untranslated) > 5 else ""))
        english.translations[language_code] = translated(english, words)
    return english.translations[language_code]


def translated(model: Model, words: MethodWords) -> Model:
    """A copy of `model` (in English) with the words `words` gives; the rest stays English, and the names
    a country profile gives (its actors', its strands', its lines' titles) stay as the country writes them."""
    profile = model.profile
    framework = _framework(model.framework, words, *_national(profile))
    labels = {end.id: end.label for end in (*framework.actors, *framework.clusters)} if profile else None
    given = {line.id: line.title for line in profile.lines} if profile else {}
    relationships = {rid: _relationship(rel, _words_of(rid, model.framework, words), labels, given.get(rid))
                     for rid, rel in model.relationships.items()}
    standards = {sid: _changed(s, title=words.standards[sid].title if s.title else None,
                               text=words.standards[sid].text if s.text else None)
                 if sid in words.standards else s for sid, s in model.standards.items()}
    return replace(model, framework=framework, standards=standards, relationships=relationships,
                   absent=_absent(model, words), language=words.language, english=model)


def _absent(model: Model, words: MethodWords) -> dict[str, str]:
    """Why each method line is not in a country's grid: the profile's own reasons as written, those ffgrid
    gives (the profile has none of the line's ends) in the language of `words`."""
    method = bundled_method()
    with using(words.language):
        return {rid: lacking_reason([words.actors.get(e) or method.label(e) for e in model.lacking[rid]])
                if rid in model.lacking else why for rid, why in model.absent.items()}


def _national(profile: Profile | None) -> tuple[set[str], set[str]]:
    """The actors and clusters a profile names, and the strands it gives its own label (one that repeats the
    method's English word names nothing)."""
    if profile is None:
        return set(), set()
    method_label = {s.id: s.label for s in bundled_method().framework.strands}
    return set(profile.actors), {s.id for s in profile.strands or () if s.label and s.label != method_label.get(s.id)}


def _framework(fw: Framework, words: MethodWords, named: set[str], named_strands: set[str]) -> Framework:
    """The framework's words (name, strands, roles, scores, bands, ratings) in the language of `words`."""
    strands = tuple(s if s.id in named_strands else _changed(s, label=words.strands.get(s.id)) for s in fw.strands)
    strand_label = {s.id: s.label for s in strands}
    return fw.model_copy(update={
        "name": words.name or fw.name, "source": words.source or fw.source, "strands": strands,
        "actors": tuple(a if a.id in named else _named(a, words.actors.get(a.id) or _cso_role(a, words, strand_label))
                        for a in fw.actors),
        "clusters": tuple(c if c.id in named else _named(c, words.clusters.get(c.id)) for c in fw.clusters),
        "score_scale": fw.score_scale.model_copy(update={"dimensions": tuple(
            _dimension(d, words.score_scale[d.id]) if d.id in words.score_scale else d
            for d in fw.score_scale.dimensions)}),
        "rating_bands": tuple(_changed(b, label=words.rating_bands[b.id].label, meaning=words.rating_bands[b.id].meaning)
                              if b.id in words.rating_bands else b for b in fw.rating_bands),
        "rating_words": {r: look.model_copy(update={"word": words.rating_words.get(r, look.word)})
                         for r, look in fw.rating_words.items()}})


def _dimension(dimension: Dimension, words: DimensionWords) -> Dimension:
    return _changed(dimension, label=words.label, question=words.question,
                    levels={n: words.levels.get(n, meaning) for n, meaning in dimension.levels.items()})


def _changed(item: Any, **words: Any) -> Any:
    """A model object with the words given (those not None) in place of its own."""
    given = {k: v for k, v in words.items() if v is not None}
    return item.model_copy(update=given) if given else item


def _named(end: Actor | Cluster, word: str | None) -> Actor | Cluster:
    """An actor or cluster with its role in the reader's words (its English one kept as `label_en`)."""
    return end.model_copy(update={"label": word, "label_en": end.label_en or end.label}) if word else end


def _cso_role(actor: Actor, words: MethodWords, strand_label: Mapping[str, str]) -> str | None:
    """The role of a strand's CSO that the file does not name (a strand a profile adds), from `strand_cso`."""
    if actor.kind != "cso" or actor.strand not in strand_label or words.strand_cso is None:
        return None
    return words.strand_cso.replace("{strand}", strand_label[actor.strand])


def _words_of(rid: str, fw: Framework, words: MethodWords) -> RelationshipWords | None:
    """A relationship's words: its own, or (a line a profile's strand gets) those of the line it is made like."""
    if rid in words.relationships:
        return words.relationships[rid]
    for template in fw.strand_lines:
        before, after = template.id.split("{strand}")
        if rid.startswith(before) and rid.endswith(after) and template.like in words.relationships:
            return words.relationships[template.like]
    return None


def _relationship(rel: Relationship, words: RelationshipWords | None, labels: dict[str, str] | None,
                  given: str | None) -> Relationship:
    """A relationship in the reader's words: in a country model (`labels`: its ends' names) titled by its
    ends, as the country titles it, else by the method's title."""
    title = line_title(rel, labels, given) if labels is not None and {rel.from_, rel.to} <= set(labels) \
        else (words.title if words else None)
    if words is None:
        return _changed(rel, title=title)
    return _changed(rel, title=title, **{kind: tuple(
        c.model_copy(update={"text": w}) if (w := _at(getattr(words, kind), i)) else c
        for i, c in enumerate(getattr(rel, kind))) for kind in ("framework_criteria", "action_criteria")})


def _at(items: tuple[str | None, ...], index: int) -> str | None:
    return items[index] if index < len(items) else None


# ------------------------------------------------------------------------------ rating words, and what lacks


@cache
def rating_looks() -> Mapping[str, tuple[str, str]]:
    """Each rating's shape and English word, as the bundled framework gives them."""
    looks = load_file(FRAMEWORK_FILE)["rating_words"]
    return MappingProxyType({r: (looks[r]["mark"], looks[r]["word"]) for r in RATING_IDS})


def rating_word(rating: str) -> str:
    """How a rating reads in the current language (English where that language's file has no word)."""
    words = method_words(language())
    return (words.ratings.get(rating) if words else None) or rating_looks()[rating][1]


def missing(language_code: str) -> list[str]:
    """The method's words that a language's file does not give, by their path of ids (all of them where
    there is no file; none in English, the method's own language)."""
    if language_code == DEFAULT:
        return []
    return lacking(method_words(language_code), bundled_method())


def lacking(words: MethodWords | None, method: Model) -> list[str]:
    """The words of `method` that `words` does not give, by their path of ids ("strands.racist",
    "relationships.police-courts.action_criteria.0")."""
    w = words or MethodWords(language="", status="draft")
    fw = method.framework
    out = [f"rating_words.{r}" for r in RATING_IDS if r not in w.rating_words]
    out += [k for k in ("name", "source") if getattr(fw, k) and not getattr(w, k)]
    out += [f"strands.{s.id}" for s in fw.strands if s.id not in w.strands]
    out += [f"actors.{a.id}" for a in fw.actors if a.id not in w.actors]
    out += [] if w.strand_cso else ["strand_cso"]
    out += [f"clusters.{c.id}" for c in fw.clusters if c.id not in w.clusters]
    for d in fw.score_scale.dimensions:
        given = w.score_scale.get(d.id) or DimensionWords()
        out += [f"score_scale.{d.id}.{k}" for k in ("label", "question") if getattr(given, k) is None]
        out += [f"score_scale.{d.id}.levels.{n}" for n in d.levels if n not in given.levels]
    for b in fw.rating_bands:
        band = w.rating_bands.get(b.id) or BandWords()
        out += [f"rating_bands.{b.id}.{k}" for k in ("label", "meaning") if getattr(band, k) is None]
    for rel in method.relationships.values():
        rw = w.relationships.get(rel.id) or RelationshipWords()
        out += [] if rw.title else [f"relationships.{rel.id}.title"]
        out += [f"relationships.{rel.id}.{kind}.{i}" for kind in ("framework_criteria", "action_criteria")
                for i in range(len(getattr(rel, kind))) if not _at(getattr(rw, kind), i)]
    for s in method.standards.values():
        sw = w.standards.get(s.id) or StandardWords()
        out += [f"standards.{s.id}.{k}" for k in ("title", "text") if getattr(s, k) and getattr(sw, k) is None]
    return out
