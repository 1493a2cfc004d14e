"""A country's model: the generic method with one country profile applied.

Everything downstream (scoring, the map, the grid, the report) takes a `Model`; a country model is
one whose actors carry the country's names, whose grey line holds the country's ministries, whose
CSOs are the country's strands, with its national actors and lines added and the lines that do not
apply there left out (`Model.absent` says why). `build` reports each problem of a profile through
`problem(path, message, context)`, so the same code validates a profile and builds its model.
"""

from __future__ import annotations

from collections import Counter
from typing import Callable, Iterable

from base.i18n import DEFAULT, _, using
from framework.model import Actor, Cluster, Model, Relationship, Strand
from framework.problems import Path_
from framework.profile import Profile

Report = Callable[[Path_, str, str], None]


def build(method: Model, profile: Profile, problem: Report) -> Model:
    """Apply `profile` to `method`, reporting every problem of the profile through `problem`."""
    if profile.method_version != method.version:
        problem(("method_version",), f"the profile is for method version {profile.method_version!r}, "
                                     f"but the method is version {method.version!r}", "")
    strands, added = _strands(method, profile, problem)
    active = {s.id for s in strands}
    actors = _actors(method, profile, strands, added, problem)
    ministries = _ministries(method, profile, actors, problem)
    kept = {a.id: a for a in actors if a.kind != "ministry" or a.id in ministries}
    clusters = _clusters(method, ministries, kept)
    ends = set(kept) | {c.id for c in clusters}
    _check_names(profile, ends, problem)
    kept, clusters = _named(profile, kept, clusters)
    labels = {**{a.id: a.label for a in kept.values()}, **{c.id: c.label for c in clusters}}
    relationships, absent, lacking = _relationships(method, profile, added, active, ends, problem)
    given = {line.id: line.title for line in profile.lines}
    titled = {rid: rel.model_copy(update={"title": _title(rel, labels, given.get(rid))})
              for rid, rel in relationships.items()}
    framework = method.framework.model_copy(update={
        "strands": tuple(strands), "actors": tuple(kept.values()), "clusters": tuple(clusters)})
    return Model(framework, method.standards, titled, method.source, method.indicators, profile, absent, lacking=lacking)


def _strands(method: Model, profile: Profile, problem: Report) -> tuple[list[Strand], list[str]]:
    known = {s.id: s for s in method.framework.strands}
    if profile.strands is None:
        return list(known.values()), []
    out: list[Strand] = []
    added: list[str] = []
    for i, s in enumerate(profile.strands):
        if s.id in known:
            base = known[s.id]
            out.append(base.model_copy(update={"label": s.label or base.label}))
            if s.monitored_strands:
                problem(("strands", i, "monitored_strands"), "only a strand the method does not know "
                        "takes monitored_strands", s.id)
        elif not s.label:
            problem(("strands", i, "label"), f"strand {s.id!r} is not one of the method's "
                    f"({', '.join(known)}): give it a label", s.id)
        else:
            out.append(Strand(id=s.id, label=s.label, monitored_strands=s.monitored_strands))
            added.append(s.id)
    for dup in _repeated(s.id for s in profile.strands):
        problem(("strands",), f"strand {dup!r} is listed twice", dup)
    return out, added


def _actors(method: Model, profile: Profile, strands: list[Strand], added: list[str],
            problem: Report) -> list[Actor]:
    active = {s.id for s in strands}
    label = {s.id: s.label for s in strands}
    out = [a for a in method.framework.actors if a.kind != "cso" or a.strand in active]
    out += [Actor(id=f"cso-{s}", label=f"CSO monitoring {label[s]} hate crime", kind="cso", strand=s)
            for s in added]
    known = {a.id for a in method.framework.actors} | {c.id for c in method.framework.clusters}
    for i, n in enumerate(profile.national_actors):
        if n.id in known or n.id in {a.id for a in out}:
            problem(("national_actors", i, "id"), f"duplicate id {n.id!r}: the method already has it", n.id)
            continue
        if n.kind == "cso":
            problem(("national_actors", i, "kind"), "a CSO is added as a strand (strands), not as a "
                    "national actor", n.id)
            continue
        out.append(Actor(id=n.id, label=n.name, kind=n.kind, label_en=n.name_en))
    return out


def _ministries(method: Model, profile: Profile, actors: list[Actor], problem: Report) -> list[str]:
    grey = next((c for c in method.framework.clusters if c.id == "government-ministries"), None)
    if profile.ministries is None:
        return list(grey.members) if grey else [a.id for a in actors if a.kind == "ministry"]
    kinds = {a.id: a.kind for a in actors}
    for i, m in enumerate(profile.ministries):
        if m not in kinds:
            problem(("ministries", i), f"unknown actor {m!r}", m)
        elif kinds[m] != "ministry":
            problem(("ministries", i), f"{m!r} is not a ministry (it is a {kinds[m]} actor)", m)
    for dup in _repeated(profile.ministries):
        problem(("ministries",), f"ministry {dup!r} is listed twice", dup)
    return [m for m in dict.fromkeys(profile.ministries) if kinds.get(m) == "ministry"]


def _clusters(method: Model, ministries: list[str], kept: dict[str, Actor]) -> list[Cluster]:
    out = []
    for c in method.framework.clusters:
        if c.id == "government-ministries":
            members = tuple(ministries)
        elif c.id == "csos":
            members = tuple(a.id for a in kept.values() if a.kind == "cso")
        else:
            members = tuple(m for m in c.members if m in kept)
        if members:
            out.append(c.model_copy(update={"members": members}))
    return out


def _check_names(profile: Profile, ends: set[str], problem: Report) -> None:
    for actor_id, name in profile.actors.items():
        if actor_id not in ends:
            problem(("actors", actor_id), f"unknown actor {actor_id!r}, or one this profile leaves out", actor_id)
        if name.source is not None and name.source not in profile.sources:
            problem(("actors", actor_id, "source"), f"unknown source {name.source!r} (not in sources)", actor_id)
    for i, n in enumerate(profile.national_actors):
        if n.source is not None and n.source not in profile.sources:
            problem(("national_actors", i, "source"), f"unknown source {n.source!r} (not in sources)", n.id)
    for i, s in enumerate(profile.strands or ()):
        for j, org in enumerate(s.monitored_by):
            if org.source is not None and org.source not in profile.sources:
                problem(("strands", i, "monitored_by", j, "source"),
                        f"unknown source {org.source!r} (not in sources)", s.id)


def _named(profile: Profile, kept: dict[str, Actor],
           clusters: list[Cluster]) -> tuple[dict[str, Actor], list[Cluster]]:
    def rename(end: Actor | Cluster) -> Actor | Cluster:
        name = profile.actors.get(end.id)
        if name is None:
            return end
        return end.model_copy(update={"label": name.name, "label_en": name.name_en or end.label_en or end.label})

    return ({k: rename(a) for k, a in kept.items()},  # type: ignore[misc]
            [rename(c) for c in clusters])  # type: ignore[misc]


def _relationships(method: Model, profile: Profile, added: list[str], active: set[str], ends: set[str],
                   problem: Report) -> tuple[dict[str, Relationship], dict[str, str], dict[str, tuple[str, ...]]]:
    rels: dict[str, Relationship] = dict(method.relationships)
    for template in method.framework.strand_lines:
        like = method.relationships[template.like]
        for s in added:
            rid = template.id.replace("{strand}", s)
            rels[rid] = like.model_copy(update={
                "id": rid, "from_": _for_strand(like.from_, method, s), "to": _for_strand(like.to, method, s)})
    for i, line in enumerate(profile.lines):
        if line.id in rels:
            problem(("lines", i, "id"), f"duplicate id {line.id!r}: the method already has this line", line.id)
            continue
        for key, end in (("from", line.from_), ("to", line.to)):
            if end not in ends:
                problem(("lines", i, key), f"unknown actor {end!r}, or one this profile leaves out", line.id)
        rels[line.id] = Relationship(id=line.id, title=line.title or "", **{"from": line.from_}, to=line.to,
                                     framework_criteria=line.framework_criteria,
                                     action_criteria=line.action_criteria)
    for dup in _repeated(line.id for line in profile.lines):
        problem(("lines",), f"line {dup!r} is listed twice", dup)
    absent: dict[str, str] = {}
    for i, a in enumerate(profile.absent):
        if a.line not in rels:
            problem(("absent", i, "line"), f"unknown line {a.line!r}", a.line)
        elif a.line in absent:
            problem(("absent", i, "line"), f"line {a.line!r} is listed twice", a.line)
        absent[a.line] = a.reason
    lacking: dict[str, tuple[str, ...]] = {}
    for rid, rel in rels.items():
        gone = tuple(dict.fromkeys(e for e in (rel.from_, rel.to) if e not in ends))
        if gone and rid not in absent:
            lacking[rid] = gone
            with using(DEFAULT):  # the model's own words are English (`in_language` gives them in another)
                absent[rid] = lacking_reason([method.label(e) for e in gone])
    out = {}
    for rid, rel in rels.items():
        if rid in absent:
            continue
        if rel.strands:
            rel = rel.model_copy(update={"strands": tuple(s for s in rel.strands if s in active) + tuple(added)})
        out[rid] = rel
    return out, absent, lacking


def lacking_reason(ends: list[str]) -> str:
    """Why a method line is not in a country's grid when the profile has none of its ends (one or two
    actors' names), in the current language."""
    if len(ends) == 1:
        return _("This country's profile has no {actor}.").format(actor=ends[0])
    return _("This country's profile has no {first} and no {second}.").format(first=ends[0], second=ends[1])


def _for_strand(end: str, method: Model, strand: str) -> str:
    """The end of a generated strand line: the template's CSO becomes the new strand's CSO."""
    actor = method.actors.get(end)
    return f"cso-{strand}" if actor is not None and actor.kind == "cso" else end


def _title(rel: Relationship, labels: dict[str, str], given: str | None) -> str:
    """A line's title in the country's names: its two ends (one, for a grey line), unless the profile
    titles it."""
    if given:
        return given
    if rel.from_ == rel.to:
        return labels[rel.from_]
    return f"{labels[rel.from_]} – {labels[rel.to]}"


def _repeated(items: Iterable[str]) -> list[str]:
    return [i for i, n in Counter(items).items() if n > 1]
