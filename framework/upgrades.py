"""Reading assessments made against earlier versions of the method, through the recorded id maps
(`framework/upgrades.yaml`)."""

from __future__ import annotations

import copy
import re
import warnings
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from base.yamlio import load_file

UPGRADES_FILE = Path(__file__).with_name("upgrades.yaml")


@dataclass(frozen=True)
class IdMap:
    """The ids of one method version renamed in the next."""

    from_version: str
    to_version: str
    profile: str | None
    actors: dict[str, str]
    relationships: dict[str, str]


class Upgraded(UserWarning):
    """An assessment was read through an id map (its file still has the old ids)."""


@cache
def id_maps() -> dict[str, IdMap]:
    """The recorded id maps, by the version they upgrade from."""
    out = {}
    for item in load_file(UPGRADES_FILE) or []:
        m = IdMap(str(item["from_version"]), str(item["to_version"]), item.get("profile"),
                  dict(item.get("actors") or {}), dict(item.get("relationships") or {}))
        out[m.from_version] = m
    return out


def upgrade_data(data: Any, file: str = "", notice: bool = True) -> tuple[Any, list[str]]:
    """Assessment data with the ids of the current method: each recorded id map from its version on
    is applied in turn. Returns the data (a copy, if anything changed) and what was done, in words;
    with `notice`, an `Upgraded` warning says so too."""
    if not isinstance(data, dict) or str(data.get("model_version")) not in id_maps():
        return data, []
    data = copy.deepcopy(data)
    done: list[str] = []
    while (m := id_maps().get(str(data.get("model_version")))) is not None:
        _rename(data, m)
        data["model_version"] = m.to_version
        if m.profile and "profile" not in data:
            data["profile"] = m.profile
        renamed = ", ".join(f"{a} → {b}" for a, b in {**m.actors, **m.relationships}.items())
        done.append(f"read as method version {m.to_version} (it was made for {m.from_version}; "
                    f"ids renamed: {renamed})")
    if notice:
        warnings.warn(Upgraded(f"{file or 'the assessment'}: " + "; ".join(done)
                               + ". `ffgrid upgrade FILE` rewrites the file with the new ids."), stacklevel=2)
    return data, done


def _rename(data: dict[str, Any], m: IdMap) -> None:
    def rel(value: Any) -> Any:
        return m.relationships.get(value, value) if isinstance(value, str) else value

    def end(value: Any) -> Any:
        return m.actors.get(value, value) if isinstance(value, str) else value

    for line in _items(data.get("lines")):
        line["relationship"] = rel(line.get("relationship"))
    plan = data.get("plan") if isinstance(data.get("plan"), dict) else {}
    for rec in _items(plan.get("recommendations")):
        rec["relationship"] = rel(rec.get("relationship"))
        if "to" in rec:
            rec["to"] = end(rec["to"])
    for action in _items(plan.get("actions")):
        if isinstance(action.get("relationships"), list):
            action["relationships"] = [rel(r) for r in action["relationships"]]
    for item in (*_items(plan.get("targets")), *_items(plan.get("measures"))):
        if "relationship" in item:
            item["relationship"] = rel(item["relationship"])


def _items(value: Any) -> list[dict[str, Any]]:
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def upgraded_text(text: str, old: Any, new: Any, dumped: str) -> str:
    """The text of an upgraded file: the old text with the ids renamed in place (comments and layout
    kept), if that reads back exactly as `new`; else `dumped` (the upgraded data written afresh)."""
    from base.yamlio import YamlProblem, load

    out = text
    for m in _chain(str(old.get("model_version")) if isinstance(old, dict) else ""):
        for before, after in {**m.actors, **m.relationships}.items():
            out = re.sub(rf"(?<![\w-]){re.escape(before)}(?![\w-])", after, out)
        out = re.sub(r"(?m)^model_version:.*$", f"model_version: '{m.to_version}'", out, count=1)
        if m.profile and not re.search(r"(?m)^profile:", out):
            out = re.sub(r"(?m)^(model_version:.*)$", rf"\1\nprofile: {m.profile}", out, count=1)
    try:
        return out if load(out) == new else dumped
    except YamlProblem:
        return dumped


def _chain(version: str) -> list[IdMap]:
    out = []
    while (m := id_maps().get(version)) is not None:
        out.append(m)
        version = m.to_version
    return out
