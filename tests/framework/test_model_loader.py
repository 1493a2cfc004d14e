"""The model loader: the bundled model loads; each kind of error is reported with its place."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import edit_yaml, line_number
from framework import ValidationFailed, load_model


def problems(source: Path) -> list[str]:
    with pytest.raises(ValidationFailed) as err:
        load_model(source)
    return [str(p) for p in err.value.problems]


def test_bundled_model_is_complete(model):
    assert model.version == "2026.1"
    assert len(model.relationships) == 31
    assert sorted(model.standards) == list(range(1, 41))
    for sid in (27, 28, 38):
        assert model.standards[sid].text is None
        assert model.standards[sid].text_source == "to be entered"
    assert {a.kind for a in model.framework.actors} == {"authority", "ministry", "victim", "public", "cso", "igo"}
    assert model.relationships["ministries-grey-line"].from_ == "government-ministries"
    assert model.relationships["csos-ministries"].strands == (
        "antisemitism", "anti-muslim", "anti-lgbt", "racist", "disability", "anti-grt")
    cited = {s for r in model.relationships.values() for s in r.standards}
    assert cited == set(range(1, 41)) - {27, 28, 38}


def test_score_meanings_are_data_and_marked_draft(model):
    scale = model.framework.score_scale
    assert scale.wording_status == "draft"
    assert [sorted(d.levels) for d in scale.dimensions] == [[0, 1, 2, 3], [0, 1, 2, 3]]


def test_yaml_syntax_error_names_file_and_line(model_copy):
    path = model_copy / "relationships" / "police-courts.yaml"
    path.write_text("id: police-courts\ntitle: [unclosed\nfrom: police\n", encoding="utf-8")
    [msg] = problems(model_copy)
    assert "police-courts.yaml:" in msg and "YAML syntax error" in msg


def test_unknown_actor_in_relationship(model_copy):
    path = model_copy / "relationships" / "police-courts.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("to: courts", "to: tribunal"), encoding="utf-8")
    [msg] = problems(model_copy)
    line = line_number(path.read_text(encoding="utf-8"), "to: tribunal")
    assert msg.startswith(f"{path}:{line}: to (police-courts): unknown actor or cluster 'tribunal'")


def test_unknown_standard_cited(model_copy):
    path = edit_yaml(model_copy / "relationships" / "victim-courts.yaml",
                     lambda d: d["framework_criteria"][0]["standards"].append(41))
    [msg] = problems(model_copy)
    assert str(path) in msg and "framework_criteria[0].standards" in msg and "unknown standard 41" in msg


def test_duplicate_relationship_id(model_copy):
    src = model_copy / "relationships" / "victim-courts.yaml"
    (model_copy / "relationships" / "zz-copy.yaml").write_text(src.read_text(encoding="utf-8"), encoding="utf-8")
    msgs = problems(model_copy)
    assert sum("duplicate relationship id 'victim-courts'" in m for m in msgs) == 2
    assert any("zz-copy.yaml" in m and "differs from its file name" in m for m in msgs)


def test_duplicate_actor_id(model_copy):
    edit_yaml(model_copy / "framework" / "framework.yaml",
              lambda d: d["actors"].append(dict(d["actors"][0])))
    msgs = problems(model_copy)
    assert any("actors[16].id" in m and "duplicate id 'police'" in m for m in msgs), msgs


def test_duplicate_standard_id(model_copy):
    edit_yaml(model_copy / "standards" / "standards.yaml", lambda d: d["standards"].append(d["standards"][0]))
    assert any("standards[40].id" in m and "duplicate standard id 1" in m for m in problems(model_copy))


def test_missing_required_field(model_copy):
    path = edit_yaml(model_copy / "relationships" / "victim-courts.yaml", lambda d: d.pop("from"))
    [msg] = problems(model_copy)
    assert str(path) in msg and "from" in msg and "required field is missing" in msg


def test_unknown_field_is_an_error(model_copy):
    edit_yaml(model_copy / "relationships" / "victim-courts.yaml", lambda d: d.update(colour="red"))
    [msg] = problems(model_copy)
    assert "colour" in msg and "unknown field" in msg


def test_bad_actor_kind(model_copy):
    edit_yaml(model_copy / "framework" / "framework.yaml", lambda d: d["actors"][0].update(kind="army"))
    [msg] = problems(model_copy)
    assert "actors[0].kind" in msg and "army" in msg


def test_cso_without_strand(model_copy):
    edit_yaml(model_copy / "framework" / "framework.yaml", lambda d: d["actors"][7].pop("strand"))
    msgs = problems(model_copy)
    assert any("actors[7].strand" in m and "CSO actor needs its bias strand" in m for m in msgs)
    # the per-strand line to the ministries then has no CSO for that strand either
    assert any("csos-ministries" in m and "strand 'antisemitism'" in m for m in msgs)


def test_cluster_with_unknown_member(model_copy):
    edit_yaml(model_copy / "framework" / "framework.yaml",
              lambda d: d["clusters"][0]["members"].append("ministry-of-magic"))
    [msg] = problems(model_copy)
    assert "clusters[0].members[2]" in msg and "ministry-of-magic" in msg


def test_bands_must_cover_every_total_once(model_copy):
    edit_yaml(model_copy / "framework" / "framework.yaml", lambda d: d["rating_bands"][1].update(min=4))
    [msg] = problems(model_copy)
    assert "rating_bands" in msg and "a total of 3 falls in no band" in msg


def test_score_meanings_needed_for_every_level(model_copy):
    edit_yaml(model_copy / "framework" / "framework.yaml",
              lambda d: d["score_scale"]["dimensions"][1]["levels"].pop(3))
    [msg] = problems(model_copy)
    assert "score_scale.dimensions[1].levels" in msg and "every score 0-3" in msg


def test_unknown_strand_on_relationship(model_copy):
    edit_yaml(model_copy / "relationships" / "csos-ministries.yaml", lambda d: d["strands"].append("anti-roma"))
    [msg] = problems(model_copy)
    assert "strands[6]" in msg and "unknown strand 'anti-roma'" in msg


def test_strand_with_no_actor_at_either_end(model_copy):
    edit_yaml(model_copy / "relationships" / "victim-courts.yaml", lambda d: d.update(strands=["racist"]))
    [msg] = problems(model_copy)
    assert "neither end has an actor for strand 'racist'" in msg


def test_standard_without_text_must_say_so(model_copy):
    edit_yaml(model_copy / "standards" / "standards.yaml",
              lambda d: d["standards"][26].update(text_source="grid paraphrase"))
    [msg] = problems(model_copy)
    assert "standards[26].text" in msg and "to be entered" in msg


def test_all_problems_reported_at_once(model_copy):
    edit_yaml(model_copy / "relationships" / "victim-courts.yaml", lambda d: d.update(to="nowhere"))
    edit_yaml(model_copy / "relationships" / "police-courts.yaml", lambda d: d.update(to="elsewhere"))
    assert len(problems(model_copy)) == 2


def test_single_file_model_with_wrong_shapes(tmp_path):
    path = tmp_path / "model.yaml"
    path.write_text("framework: 3\nstandards: {}\nrelationships: x\n", encoding="utf-8")
    msgs = problems(path)
    assert f"{path}:3: relationships: expected a list of relationships" in msgs
    assert f"{path}:1: framework: expected a mapping of fields, got int" in msgs
    assert f"{path}:2: standards: expected a list of standards" in msgs


def test_single_file_model_loads(tmp_path, method):
    import yaml

    from framework import ROOT

    doc = {"framework": yaml.safe_load((ROOT / "framework" / "framework.yaml").read_text(encoding="utf-8")),
           "standards": yaml.safe_load((ROOT / "standards" / "standards.yaml").read_text(encoding="utf-8"))["standards"],
           "relationships": [yaml.safe_load(p.read_text(encoding="utf-8"))
                             for p in sorted((ROOT / "relationships").glob("*.yaml"))]}
    path = tmp_path / "model.yaml"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    single = load_model(path)
    assert single.relationships == method.model.relationships and single.standards == method.model.standards
