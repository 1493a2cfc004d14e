"""The Assess form's values for a line, and the line data they make (pure; the page only draws them).

Form values are plain data so that "has anything changed?" is an equality test:
`{"framework", "action", "na", "na_reason", "situation_framework", "situation_action",
"strands": {strand: {"framework", "action", "na", "na_reason"}}, "evidence": [EvidenceRecord]}`.
"""

from __future__ import annotations

import math
from typing import Any, Iterable, Mapping

from framework.assessment import Line, Scored
from framework.model import Model

EVIDENCE_FIELDS = ("title", "url", "dimension", "note", "standards")


def _scored_values(s: Scored | None) -> dict[str, Any]:
    return {"framework": s.framework if s else None, "action": s.action if s else None,
            "na": bool(s and s.rating == "n/a"), "na_reason": (s.na_reason or "") if s else ""}


def evidence_record(title: str = "", url: str | None = None, dimension: str | None = None,
                    note: str | None = None, standards: Iterable[int | str] = ()) -> dict[str, Any]:
    """One evidence row as the form holds it: text fields as strings, standards as strings."""
    return {"title": title, "url": url or "", "dimension": dimension or "", "note": note or "",
            "standards": [str(s) for s in standards]}


def form_values(line: Line | None, strands: tuple[str, ...]) -> dict[str, Any]:
    """The form's starting values for a stored line (or an unscored one)."""
    given = {s.strand: s for s in line.strands} if line else {}
    return {
        **_scored_values(line if line and not strands else None),
        "situation_framework": (line.situation.framework or "") if line else "",
        "situation_action": (line.situation.action or "") if line else "",
        "strands": {strand: _scored_values(given.get(strand)) for strand in strands},
        "evidence": clean_evidence(evidence_record(e.title, e.url, e.dimension, e.note, e.standards)
                                   for e in (line.evidence if line else ())),
    }


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or str(value).strip() == ""


def clean_evidence(rows: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Evidence rows from an editable table: missing cells as '', wholly empty rows dropped."""
    out = []
    for row in rows:
        raw_standards = row.get("standards")
        standards = [] if raw_standards is None or isinstance(raw_standards, float) else list(raw_standards)
        record = evidence_record(*("" if _blank(row.get(k)) else str(row.get(k)).strip()
                                   for k in EVIDENCE_FIELDS[:4]), standards=standards)
        if any(record[k] for k in EVIDENCE_FIELDS):
            out.append(record)
    return out


def _scored_data(model: Model, v: Mapping[str, Any]) -> dict[str, Any]:
    fw, act = v.get("framework"), v.get("action")
    if v.get("na"):
        rating, reason = "n/a", (v.get("na_reason") or "").strip() or None
    else:
        both = fw is not None and act is not None and isinstance(fw, int) and isinstance(act, int)
        in_scale = both and all(model.framework.score_scale.min <= x <= model.framework.score_scale.max
                                for x in (fw, act))
        rating, reason = (model.framework.band_for(fw + act).id if in_scale else None), None
    return {"framework": fw, "action": act, "rating": rating, "na_reason": reason}


def line_data(model: Model, relationship: str, values: Mapping[str, Any], grid_row: int | None = None,
              comments: Iterable[str] = ()) -> dict[str, Any]:
    """Line data (as in an assessment file) from form values; validate it with `parse_line`."""
    rel = model.relationships[relationship]
    data: dict[str, Any] = {"relationship": relationship, "grid_row": grid_row}
    if rel.strands:
        data["strands"] = [{"strand": s, **_scored_data(model, values["strands"].get(s, {}))}
                           for s in rel.strands]
    else:
        data.update(_scored_data(model, values))
    data["situation"] = {dim: (values.get(f"situation_{dim}") or None) for dim in ("framework", "action")}
    data["evidence"] = [
        {"title": e["title"], "url": e["url"] or None, "dimension": e["dimension"] or None,
         "note": e["note"] or None, "standards": [int(s) if str(s).isdigit() else s for s in e["standards"]]}
        for e in values.get("evidence", ())]
    data["comments"] = list(comments)
    return data


def apply_table_edits(rows: list[dict[str, Any]], edits: Mapping[str, Any] | None) -> list[dict[str, Any]]:
    """Rows of an editable table after its edit state (`edited_rows`, `added_rows`, `deleted_rows`).

    This is the state Streamlit keeps for `st.data_editor`; applying it here lets a Save callback
    read the table as the user left it, before the page is drawn again.
    """
    if not edits:
        return [dict(r) for r in rows]
    out = [dict(r) for r in rows]
    for index, change in (edits.get("edited_rows") or {}).items():
        out[int(index)].update(change)
    deleted = {int(i) for i in edits.get("deleted_rows") or ()}
    kept = [r for i, r in enumerate(out) if i not in deleted]
    return kept + [dict(r) for r in edits.get("added_rows") or ()]
