"""Load and validate the model and assessments from YAML, collecting every problem with its place."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, TypeVar

from pydantic import BaseModel, ValidationError

from base.i18n import N_, Translated, _
from base.paths import ROOT
from framework.assessment import Assessment, Line, Scored
from framework.country import build
from framework.model import RATING_IDS, Framework, Model, Relationship, Standard
from framework.plan_checks import plan_problems
from framework.problems import Path_, Problem, ValidationFailed
from framework.profile import Profile
from framework.report_texts import ReportTexts
from framework.upgrades import upgrade_data
from framework.yamlio import parse_yaml, read_yaml, with_lines

if TYPE_CHECKING:
    from framework.profiles import Method

ASSESSMENTS_DIR = ROOT / "assessments"
T = TypeVar("T", bound=BaseModel)


@dataclass(frozen=True)
class Doc:
    """A piece of YAML to validate: its file, its text (for line numbers) and where it sits in it."""

    file: str
    text: str
    data: Any
    prefix: Path_ = ()


class Checker:
    """Collects problems while typed objects are built, then raises them all at once."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.texts: dict[str, str] = {}

    def add(self, doc: Doc, path: Path_, message: str, context: str = "") -> None:
        self.texts.setdefault(doc.file, doc.text)
        self.problems.append(Problem(doc.file, message, doc.prefix + tuple(path), context=context))

    def typed(self, cls: type[T], doc: Doc, context: str = "") -> T | None:
        """Validate `doc.data` as `cls`; on failure record each error under its field path."""
        if not isinstance(doc.data, dict):
            got = "nothing (empty)" if doc.data is None else type(doc.data).__name__
            self.add(doc, (), f"expected a mapping of fields, got {got}", context)
            return None
        try:
            return cls.model_validate(doc.data)
        except ValidationError as err:
            for e in err.errors(include_url=False):
                self.add(doc, e["loc"], _message(e), context or _context_of(doc.data, e["loc"]))
            return None

    def raise_if_any(self) -> None:
        if not self.problems:
            return
        by_file: dict[str, list[Problem]] = defaultdict(list)
        for p in self.problems:
            by_file[p.file].append(p)
        located = [q for f, ps in by_file.items() for q in with_lines(ps, self.texts.get(f, ""))]
        raise ValidationFailed(located)



# The id and text forms the model's fields ask for, in words (a pattern a person is not shown)
FORMS = Translated({
    r"^[a-z0-9]+(?:-[a-z0-9]+)*$": N_("should be lower-case letters and digits joined by hyphens, such as "
                                      "police-courts (got {value})"),
    r"^\d{4}-\d{2}-\d{2}$": N_("should be a day written YYYY-MM-DD, such as 2024-03-31 (got {value})"),
    r"^https?://": N_("should be a web address starting with https:// or http:// (got {value})"),
    r"^[a-z]{2,8}$": N_("should be 2 to 8 lower-case letters, such as hu (got {value})"),
    r"^[a-z]{2,3}(-[A-Z]{2})?$": N_("should be a language code, such as hu or pt-BR (got {value})"),
    r"^[a-z][a-z0-9_]*$": N_("should be lower-case letters, digits and underscores, starting with a letter "
                             "(got {value})"),
    r"^\S(.*\S)?$": N_("should not start or end with a space (got {value})"),
})


def _message(error: dict[str, Any]) -> str:
    """A validation error in words (the current language's for the common ones, pydantic's otherwise)."""
    if error["type"] == "missing":
        return _("required field is missing")
    if error["type"] == "extra_forbidden":
        return _("unknown field")
    if error["type"] == "tuple_type":
        return _("should be a list (got {type})").format(type=type(error.get("input")).__name__)
    if error["type"] == "value_error":  # our own validators' messages say what was given
        return error["msg"].removeprefix("Value error, ")
    value = error.get("input")
    shown = (repr(value) if not isinstance(value, (dict, list)) else type(value).__name__)[:80]
    if error["type"] == "string_pattern_mismatch":
        pattern = error.get("ctx", {}).get("pattern", "")
        return FORMS.get(pattern, _("does not have the expected form {pattern} (got {value})")).format(
            pattern=pattern, value=shown)
    if error["type"] == "string_too_long":
        return _("has more than {n} characters").format(n=error.get("ctx", {}).get("max_length", ""))
    return f"{error['msg']} (got {shown})"


def _context_of(data: dict[str, Any], loc: Path_) -> str:
    """The relationship a field path points into, to name it in messages."""
    if len(loc) >= 2 and loc[0] in ("lines", "relationships") and isinstance(loc[1], int):
        items = data.get(loc[0])
        if isinstance(items, list) and loc[1] < len(items) and isinstance(items[loc[1]], dict):
            return str(items[loc[1]].get("relationship") or items[loc[1]].get("id") or "")
    return ""


def _duplicates(ids: Iterable[Any]) -> set[Any]:
    return {i for i, n in Counter(ids).items() if n > 1}


# ---------------------------------------------------------------------------------------- the model


def load_model(source: Path | str | None = None, indicators: Iterable[str] | None = None) -> Model:
    """Load the model from a repository-style folder (default: the bundled one) or one YAML file.

    `indicators` are the names of the data indicators that an assessment's measures of success may
    name (the dashboard's, passed in by the app and the CLI); without them measures are not checked."""
    source = Path(source) if source else ROOT
    checker = Checker()
    if source.is_file():
        data, text = read_yaml(source)
        if not isinstance(data, dict):
            raise ValidationFailed([Problem(str(source), "expected keys framework, standards, relationships")])
        fw = Doc(str(source), text, data.get("framework"), ("framework",))
        std = Doc(str(source), text, data.get("standards"), ("standards",))
        listed = data.get("relationships")
        if not isinstance(listed, list):
            checker.add(Doc(str(source), text, listed), ("relationships",), "expected a list of relationships")
            listed = []
        rels = [Doc(str(source), text, r, ("relationships", i)) for i, r in enumerate(listed)]
        stems: list[str | None] = [None] * len(rels)
    else:
        fw = _doc(source / "framework" / "framework.yaml")
        std_doc = _doc(source / "standards" / "standards.yaml")
        std = Doc(std_doc.file, std_doc.text, (std_doc.data or {}).get("standards"), ("standards",))
        paths = sorted((source / "relationships").glob("*.yaml"))
        rels = [_doc(p) for p in paths]
        stems = [p.stem for p in paths]
    model = _build_model(checker, fw, std, rels, stems, str(source))
    return model if indicators is None else replace(model, indicators=frozenset(indicators))


def _doc(path: Path) -> Doc:
    data, text = read_yaml(path)
    return Doc(str(path), text, data)


def _build_model(checker: Checker, fw_doc: Doc, std_doc: Doc, rel_docs: list[Doc],
                 stems: list[str | None], source: str) -> Model:
    framework = checker.typed(Framework, fw_doc)
    standards = _standards(checker, std_doc)
    relationships: dict[str, Relationship] = {}
    rel_doc_of: dict[str, Doc] = {}
    ids = [d.data.get("id") if isinstance(d.data, dict) else None for d in rel_docs]
    for dup in _duplicates(i for i in ids if i):
        for doc in (d for d, i in zip(rel_docs, ids) if i == dup):
            checker.add(doc, ("id",), f"duplicate relationship id {dup!r}")
    for doc, stem in zip(rel_docs, stems):
        rel = checker.typed(Relationship, doc)
        if rel is None:
            continue
        if stem is not None and rel.id != stem:
            checker.add(doc, ("id",), f"relationship id {rel.id!r} differs from its file name {stem!r}")
        relationships.setdefault(rel.id, rel)
        rel_doc_of.setdefault(rel.id, doc)
    if framework is not None:
        _check_framework(checker, fw_doc, framework)
        _check_relationships(checker, framework, standards, relationships, rel_doc_of)
        cso = {a.id for a in framework.actors if a.kind == "cso"}
        for i, template in enumerate(framework.strand_lines):
            like = relationships.get(template.like)
            if like is None or not {like.from_, like.to} & cso:
                checker.add(fw_doc, ("strand_lines", i, "like"), f"{template.like!r} is not a line of a strand's CSO")
    checker.raise_if_any()
    assert framework is not None
    return Model(framework, standards, relationships, source)


def _standards(checker: Checker, doc: Doc) -> dict[int, Standard]:
    if not isinstance(doc.data, list):
        checker.add(doc, (), "expected a list of standards")
        return {}
    out: dict[int, Standard] = {}
    for i, item in enumerate(doc.data):
        std = checker.typed(Standard, Doc(doc.file, doc.text, item, doc.prefix + (i,)))
        if std is None:
            continue
        if std.id in out:
            checker.add(doc, (i, "id"), f"duplicate standard id {std.id}")
        if std.text is None and std.text_source != "to be entered":
            checker.add(doc, (i, "text"), "a standard without text must have text_source 'to be entered'")
        out.setdefault(std.id, std)
    return out


def _check_framework(checker: Checker, doc: Doc, fw: Framework) -> None:
    for name, items in (("strands", fw.strands), ("actors", fw.actors), ("clusters", fw.clusters)):
        seen: set[str] = set()
        for i, item in enumerate(items):
            if item.id in seen:
                checker.add(doc, (name, i, "id"), f"duplicate id {item.id!r}")
            seen.add(item.id)
    actor_ids = {a.id for a in fw.actors}
    strand_ids = {s.id for s in fw.strands}
    for i, actor in enumerate(fw.actors):
        if actor.kind == "cso" and actor.strand is None:
            checker.add(doc, ("actors", i, "strand"), "a CSO actor needs its bias strand", actor.id)
        if actor.strand is not None and actor.strand not in strand_ids:
            checker.add(doc, ("actors", i, "strand"), f"unknown strand {actor.strand!r}", actor.id)
    for i, cluster in enumerate(fw.clusters):
        if cluster.id in actor_ids:
            checker.add(doc, ("clusters", i, "id"), f"cluster id {cluster.id!r} is also an actor id")
        for j, member in enumerate(cluster.members):
            if member not in actor_ids:
                checker.add(doc, ("clusters", i, "members", j), f"unknown actor {member!r}", cluster.id)
    scale = fw.score_scale
    if scale.min >= scale.max:
        checker.add(doc, ("score_scale", "max"), "max must be greater than min")
    if sorted(d.id for d in scale.dimensions) != ["action", "framework"]:
        checker.add(doc, ("score_scale", "dimensions"), "needs one 'framework' and one 'action' dimension")
    for i, dim in enumerate(scale.dimensions):
        if set(dim.levels) != set(range(scale.min, scale.max + 1)):
            checker.add(doc, ("score_scale", "dimensions", i, "levels"),
                        f"needs a meaning for every score {scale.min}-{scale.max}", dim.id)
    for total in range(2 * scale.min, 2 * scale.max + 1):
        bands = [b.id for b in fw.rating_bands if b.min <= total <= b.max]
        if len(bands) != 1:
            what = "no band" if not bands else f"several bands ({', '.join(bands)})"
            checker.add(doc, ("rating_bands",), f"a total of {total} falls in {what}")
    if lacking := [r for r in RATING_IDS if r not in fw.rating_words]:
        checker.add(doc, ("rating_words",), f"needs a mark and a word for every rating: {', '.join(lacking)} missing")


def _check_relationships(checker: Checker, fw: Framework, standards: dict[int, Standard],
                         relationships: dict[str, Relationship], doc_of: dict[str, Doc]) -> None:
    ends = {a.id for a in fw.actors} | {c.id for c in fw.clusters}
    strand_ids = {s.id for s in fw.strands}
    model = Model(fw, standards, {})
    for rel in relationships.values():
        doc = doc_of[rel.id]
        for key, end in (("from", rel.from_), ("to", rel.to)):
            if end not in ends:
                checker.add(doc, (key,), f"unknown actor or cluster {end!r}", rel.id)
        for kind in ("framework_criteria", "action_criteria"):
            for i, criterion in enumerate(getattr(rel, kind)):
                for j, sid in enumerate(criterion.standards):
                    if sid not in standards:
                        checker.add(doc, (kind, i, "standards", j), f"unknown standard {sid}", rel.id)
        for i, strand in enumerate(rel.strands):
            if strand not in strand_ids:
                checker.add(doc, ("strands", i), f"unknown strand {strand!r}", rel.id)
            elif {rel.from_, rel.to} <= ends and all(model.end_for_strand(e, strand) == e for e in (rel.from_, rel.to)):
                checker.add(doc, ("strands", i), f"neither end has an actor for strand {strand!r}", rel.id)
        if _duplicates(rel.strands):
            checker.add(doc, ("strands",), "a strand is listed twice", rel.id)


# ----------------------------------------------------------------------------------- assessments


def load_assessment(path: Path | str, method: Method) -> Assessment:
    """Load and validate an assessment YAML file against its country's model."""
    path = Path(path)
    data, text = read_yaml(path)
    return parse_assessment(data, text, str(path), method)


def assessment_from_text(text: str, file: str, method: Method) -> Assessment:
    """Validate an assessment given as YAML text (e.g. an upload); `file` names it in messages."""
    return parse_assessment(parse_yaml(text, file), text, file, method)


def parse_assessment(data: Any, text: str, file: str, method: Method) -> Assessment:
    """Validate already-parsed assessment data; raises ValidationFailed listing every problem.

    A file made for an earlier version of the method is read through the recorded id map
    (`framework.upgrades`, which warns that it did so)."""
    checker = Checker()
    data, _upgraded = upgrade_data(data, file)
    doc = Doc(file, text, data)  # an upgrade renames values only, so the text's lines still match
    assessment = checker.typed(Assessment, doc)
    if assessment is not None:
        model = _country_of(checker, doc, assessment, method)
        if model is not None:
            _check_assessment(checker, doc, assessment, model)
    checker.raise_if_any()
    assert assessment is not None
    return assessment


def check_assessment(assessment: Assessment, method: Method, file: str = "<input>") -> Assessment:
    """Validate an Assessment built in code (e.g. from a form) as if it had been loaded from YAML."""
    return parse_assessment(assessment.as_data(), "", file, method)


def _country_of(checker: Checker, doc: Doc, a: Assessment, method: Method) -> Model | None:
    """The assessment's country model, or None (with the problem recorded)."""
    if a.profile is None:
        checker.add(doc, ("profile",), _("the assessment names no country profile: add `profile: CODE` (shipped: "
                                         "{codes})").format(codes=", ".join(sorted(method.profiles))))
        return None
    if isinstance(a.profile, Profile):
        before = len(checker.problems)
        model = build(method.model, a.profile, lambda path, message, context: checker.add(
            doc, ("profile", *path), message, context))
        return model if len(checker.problems) == before else None
    if a.profile not in method.profiles:
        checker.add(doc, ("profile",), _("unknown country profile {code} (shipped: {codes}; or give the profile "
                                         "itself)").format(code=repr(a.profile),
                                                           codes=", ".join(sorted(method.profiles))))
        return None
    return method.country(method.profiles[a.profile])


def _check_assessment(checker: Checker, doc: Doc, a: Assessment, model: Model) -> None:
    if a.model_version != model.version:
        checker.add(doc, ("model_version",), _("assessment is for model {version}, but the model is version "
                                               "{model}").format(version=repr(a.model_version),
                                                                 model=repr(model.version)))
    seen: set[str] = set()
    for i, line in enumerate(a.lines):
        at: Path_ = ("lines", i)
        if line.relationship in seen:
            checker.add(doc, at + ("relationship",), _("relationship is assessed twice"), line.relationship)
        seen.add(line.relationship)
        _check_line(checker, doc, at, line, model)
    for at, message, context in plan_problems(a.plan, model, model.indicators):
        checker.add(doc, ("plan", *at), message, context)


def parse_line(data: Any, model: Model, file: str = "<form>") -> Line:
    """Validate one line's data (e.g. from the Assess form) against its country's model;
    ValidationFailed names each field."""
    checker = Checker()
    doc = Doc(file, "", data)
    line = checker.typed(Line, doc)
    if line is not None:
        _check_line(checker, doc, (), line, model)
    checker.raise_if_any()
    assert line is not None
    return line


def parse_report_texts(data: Any, file: str = "<form>") -> ReportTexts:
    """Validate the report's own texts (e.g. from the Report texts form); ValidationFailed names each field."""
    checker = Checker()
    report = checker.typed(ReportTexts, Doc(file, "", data))
    checker.raise_if_any()
    assert report is not None
    return report


def _check_line(checker: Checker, doc: Doc, at: Path_, line: Line, model: Model) -> None:
    rel = model.relationships.get(line.relationship)
    if rel is None:
        why = model.absent.get(line.relationship)
        rid = repr(line.relationship)
        checker.add(doc, at + ("relationship",), _("relationship {id} is not part of this country's system: {why}")
                    .format(id=rid, why=why) if why else _("unknown relationship {id}").format(id=rid))
        return
    for j, ev in enumerate(line.evidence):
        for k, sid in enumerate(ev.standards):
            if sid not in model.standards:
                checker.add(doc, at + ("evidence", j, "standards", k), _("unknown standard {id}").format(id=sid),
                            line.relationship)
    _check_strands(checker, doc, at, line, rel.strands, model)


def _check_strands(checker: Checker, doc: Doc, at: Path_, line: Line, strands: tuple[str, ...],
                   model: Model) -> None:
    rid = line.relationship
    if not strands:
        if line.strands:
            checker.add(doc, at + ("strands",), _("this relationship is not scored per strand"), rid)
        _check_scored(checker, doc, at, line, model, rid)
        return
    if any(getattr(line, f) is not None for f in ("framework", "action", "rating", "na_reason")):
        checker.add(doc, at, _("this relationship is scored per strand: give scores under 'strands'"), rid)
    names = [s.strand for s in line.strands]
    for j, s in enumerate(line.strands):
        if s.strand not in strands:
            checker.add(doc, at + ("strands", j, "strand"), _("strand {strand} is not one of this relationship's "
                                                              "strands ({strands})").format(
                strand=repr(s.strand), strands=", ".join(strands)), rid)
        elif names.index(s.strand) != j:
            checker.add(doc, at + ("strands", j, "strand"), _("strand {strand} is scored twice").format(
                strand=repr(s.strand)), rid)
        _check_scored(checker, doc, at + ("strands", j), s, model, f"{rid}, {s.strand}")


def _check_scored(checker: Checker, doc: Doc, at: Path_, s: Scored, model: Model, context: str) -> None:
    scale = model.framework.score_scale
    in_range = True
    for dim in ("framework", "action"):
        value = getattr(s, dim)
        if value is not None and not scale.min <= value <= scale.max:
            checker.add(doc, at + (dim,), _("score {score} is outside {low}-{high}").format(
                score=value, low=scale.min, high=scale.max), context)
            in_range = False
    if s.rating == "n/a":
        if not s.na_reason:
            checker.add(doc, at + ("na_reason",), _("a not-applicable rating needs a reason (na_reason)"), context)
        return
    if s.na_reason:
        checker.add(doc, at + ("na_reason",), _("na_reason is given but the rating is not 'n/a'"), context)
    if s.rating is None or not in_range:
        return
    if s.framework is None or s.action is None:
        checker.add(doc, at + ("rating",), _("rating {rating} is given but the line is not fully scored").format(
            rating=repr(s.rating)), context)
        return
    expected = model.framework.band_for(s.framework + s.action).id
    if s.rating != expected:
        checker.add(doc, at + ("rating",), _("rating {rating} contradicts the scores {framework}+{action}={total}, "
                                             "which give {expected}").format(
            rating=repr(s.rating), framework=s.framework, action=s.action, total=s.framework + s.action,
            expected=repr(expected)), context)


def bundled_assessments() -> list[Path]:
    """The assessment files shipped with the product."""
    return sorted(ASSESSMENTS_DIR.glob("*.yaml"))
