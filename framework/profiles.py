"""Country profiles: read and validate them (file:line problems), the shipped ones, and the method
with its profiles (`Method`), which gives the country model of any assessment."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Mapping

from base.i18n import DEFAULT, _, has_catalogue, using
from base.paths import ROOT
from base.yamlio import dump
from framework.assessment import Assessment
from framework.country import build
from framework.loader import Checker, Doc, load_model, parse_assessment
from framework.model import Model
from framework.problems import Problem, ValidationFailed
from framework.profile import Profile
from framework.yamlio import parse_yaml, read_yaml

PROFILES_DIR = ROOT / "profiles"


def parse_profile(data: Any, text: str, file: str, method: Model) -> Profile:
    """Validate profile data against the method; ValidationFailed lists every problem with its line."""
    checker = Checker()
    doc = Doc(file, text, data)
    profile = checker.typed(Profile, doc)
    if profile is not None:
        build(method, profile, lambda path, message, context: checker.add(doc, path, message, context))
    checker.raise_if_any()
    assert profile is not None
    return profile


def load_profile(path: Path | str, method: Model) -> Profile:
    """Read and validate one profile file."""
    data, text = read_yaml(Path(path))
    return parse_profile(data, text, str(path), method)


def profile_from_text(text: str, file: str, method: Model) -> Profile:
    """Validate a profile given as YAML text (an upload, or one stored in the database)."""
    return parse_profile(parse_yaml(text, file), text, file, method)


def dump_profile(profile: Profile) -> str:
    """YAML text of a profile that reads back to an equal one."""
    return dump(profile_data(profile))


def profile_data(profile: Profile) -> dict[str, Any]:
    """Plain data of a profile, as in its file (defaults left out)."""
    return profile.model_dump(mode="json", by_alias=True, exclude_defaults=True)


def shipped_profiles(method: Model, folder: Path = PROFILES_DIR) -> dict[str, Profile]:
    """The profiles shipped with the product, by code (each file is named after its code)."""
    out: dict[str, Profile] = {}
    problems: list[Problem] = []
    for path in sorted(folder.glob("*.yaml")):
        try:
            profile = load_profile(path, method)
        except ValidationFailed as err:
            problems += err.problems
            continue
        if profile.code != path.stem:
            problems.append(Problem(str(path), f"the code {profile.code!r} differs from the file name {path.stem!r}",
                                    ("code",)))
        out[profile.code] = profile
    if problems:
        raise ValidationFailed(problems)
    return out


def init_profile(method: Model, code: str, name: str, language: str, strands: Iterable[str] = (),
                 labels: Mapping[str, str] | None = None, name_en: str | None = None) -> dict[str, Any]:
    """A new profile from the generic method, ready to edit: every actor named by its role until the
    country's names are filled in; `labels` set national names (actor id -> name)."""
    known = {s.id for s in method.framework.strands}
    chosen = list(strands) or [s.id for s in method.framework.strands]
    data: dict[str, Any] = {
        "code": code, "name": name, "name_en": name_en or name, "languages": [language], "status": "draft",
        "method_version": method.version, "statistics_areas": [name_en or name],
        "actors": {actor_id: {"name": label, "name_en": method.label(actor_id)}
                   for actor_id, label in (labels or {}).items()},
        "strands": [{"id": s} if s in known else {"id": s, "label": s.replace("-", " ").capitalize()}
                    for s in chosen],
        "notes": "Made with `ffgrid profile init`: name each actor as the country does, with a source.",
    }
    if not data["actors"]:
        del data["actors"]
    return data


def default_title(profile: Profile) -> str:
    """A new assessment's title in its country's language where ffgrid speaks it ("Facing all the Facts
    önértékelés – Magyarország"), else in English with the country's English name."""
    spoken = next((code for code in profile.languages[:1] if has_catalogue(code)), DEFAULT)
    with using(spoken):
        return _("Facing all the Facts self-assessment – {country}").format(
            country=profile.name if spoken in profile.languages else profile.name_en)


def blank_assessment(method: Method, profile: Profile, date: str, title: str | None, author: str,
                     taken: Iterable[str] = ()) -> Assessment:
    """A new draft assessment of the profile's country: every line unscored. Its id is the country
    code and date (with -2, -3 … if that is taken). A profile `method` ships is named by its code; any
    other goes into the assessment, so that the file is complete on its own. Validated like a file:
    `ValidationFailed` names a bad field (a date that is not YYYY[-MM[-DD]], say)."""
    base = re.sub(r"[^a-z0-9]+", "-", f"{profile.code}-{date}".lower()).strip("-")
    taken = set(taken)
    slug = next(s for s in (base, *(f"{base}-{n}" for n in range(2, 10_000))) if s not in taken)
    shipped = method.profiles.get(profile.code) == profile
    data = {"id": slug, "title": title or default_title(profile),
            "country": profile.name, "date": date, "model_version": method.version,
            "profile": profile.code if shipped else profile_data(profile), "author": author, "status": "draft"}
    return parse_assessment(data, "", "the new assessment", method)


@dataclass
class Method:
    """The generic method and the country profiles it knows; gives each assessment its country model.

    Country models are built once per profile and kept (a profile's text is its key)."""

    model: Model
    profiles: dict[str, Profile]
    _models: dict[str, Model] = field(default_factory=dict, repr=False)

    @property
    def version(self) -> str:
        return self.model.version

    def with_profiles(self, extra: Mapping[str, Profile]) -> Method:
        """This method knowing `extra` profiles too (e.g. those made in the app); the cache is shared."""
        return Method(self.model, {**self.profiles, **extra}, self._models)

    def country(self, profile: Profile) -> Model:
        """The country model of a (valid) profile."""
        key = profile.model_dump_json()
        if key not in self._models:
            self._models[key] = build(self.model, profile, _invalid(profile))
        return self._models[key]

    def profile(self, code_or_profile: str | Profile) -> Profile:
        """A profile named by code (KeyError if unknown), or the one given."""
        return code_or_profile if isinstance(code_or_profile, Profile) else self.profiles[code_or_profile]

    def for_assessment(self, assessment: Assessment) -> Model:
        """The country model of a validated assessment (KeyError if its profile is unknown)."""
        if assessment.profile is None:
            raise KeyError(f"{assessment.id} names no country profile")
        return self.country(self.profile(assessment.profile))


def _invalid(profile: Profile):  # type: ignore[no-untyped-def]
    def report(path: tuple, message: str, context: str) -> None:  # type: ignore[type-arg]
        raise ValueError(f"profile {profile.code}: {'.'.join(map(str, path))}: {message}")
    return report


def load_method(source: Path | str | None = None, indicators: Iterable[str] | None = None) -> Method:
    """The method (bundled, or from the folder or file `source`) with its profiles: the shipped ones, a
    model folder's own `profiles/`, none for a single-file model (its assessments carry their profile)."""
    model = load_model(source, indicators)
    folder = PROFILES_DIR if source is None else Path(source) / "profiles"
    return Method(model, shipped_profiles(model, folder) if folder.is_dir() else {})
