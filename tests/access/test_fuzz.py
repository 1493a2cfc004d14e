"""Property-based (hypothesis): random YAML, CSV rows and form values thrown at the import and save
functions. Nothing crashes (only the documented refusals are raised), and nothing is stored unless
it is valid: after a refusal the database is exactly as before."""

from __future__ import annotations

import string
import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from access.workspace import Workspace
from dashboard.evidence import INDICATORS
from dashboard.problems import ImportRefused
from dashboard.statistics import COLUMNS, read_tidy
from framework.assessment_yaml import dump_assessment
from framework import ValidationFailed, assessment_from_text, load_method, parse_line
from framework.review import Locked
from framework.editing import line_data
from store import Repository, open_engine
from store.accounts import Accounts
from store.figures import FigureStore

SETTINGS = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])  # examples: the profile's
METHOD = load_method(indicators=INDICATORS)
MODEL = METHOD.country(METHOD.profiles["ew"])
REL = "police-courts"
TRICKY = ["1e3", "0o17", "yes", "no", "on", "null", "~", "2024-01-01", "12:30:00", "007", ".inf", "!tag", " a ",
          "a\tb", "a\r\nb", "line\nline", "<<", "- x", "# x"]  # text other YAML readers take for something else
text = st.one_of(st.text(alphabet=st.characters(codec="utf-8"), max_size=60),  # NUL, controls, any script
                 st.sampled_from(TRICKY))
scalar = st.one_of(st.none(), st.booleans(), st.integers(-10, 10), st.floats(allow_nan=True), text)


@pytest.fixture(scope="module")
def team():
    folder = tempfile.TemporaryDirectory()
    repo = Repository(open_engine(f"sqlite:///{Path(folder.name) / 'fuzz.db'}"), METHOD)
    repo.seed()
    ew = repo.get("england-wales-2019").assessment
    repo.add(ew.model_copy(update={"id": "ew", "status": "draft"}))
    user = Accounts(repo.engine).add("Fuzz", "a long password", "assessor", ("ew",))
    yield repo, Workspace(repo, user), dump_assessment(ew.model_copy(update={"id": "fuzzed", "status": "draft"}))
    repo.engine.dispose()
    folder.cleanup()


def _snapshot(repo: Repository) -> tuple:
    """Every stored assessment with its revision, which every write (even a refused one) would bump."""
    return tuple((s.id, s.revision) for s in repo.list())


# -------------------------------------------------------------------------------- assessment YAML

mutations = st.fixed_dictionaries({"path": st.sampled_from(
    ["id", "title", "country", "date", "status", "lines.0.framework", "lines.0.action", "lines.0.relationship",
     "lines.1.evidence", "lines.2.situation.action", "lines.3.strands", "lines.0.rating", "model_version"]),
    "value": st.one_of(scalar, st.lists(scalar, max_size=3), st.dictionaries(text, scalar, max_size=3))})


def _mutate(data: dict, path: str, value: object) -> dict:
    node = data
    *parents, last = path.split(".")
    for part in parents:
        node = node[int(part)] if part.isdigit() else node.setdefault(part, {})
    if last.isdigit():
        node[int(last)] = value
    else:
        node[last] = value
    return data


@SETTINGS
@given(change=mutations, raw=st.one_of(st.none(), text))
def test_random_yaml_is_stored_whole_or_not_at_all(team, change, raw):
    repo, ws, base_text = team
    base = yaml.safe_load(base_text)
    document = raw if raw is not None else yaml.safe_dump(_mutate(base, change["path"], change["value"]),
                                                          allow_unicode=True)
    before = _snapshot(repo)
    try:
        stored = repo.import_yaml(document, "fuzz.yaml", replace=True, author="fuzz")
    except ValidationFailed as err:
        assert err.problems and _snapshot(repo) == before
        return
    except Locked:  # an earlier example stored "fuzzed" as validated or published: read-only now
        assert _snapshot(repo) == before
        return
    again = repo.get(stored.id).assessment
    assert again == stored  # what was stored is exactly the valid assessment, and reads back
    assert assessment_from_text(repo.export_yaml(stored.id), "export.yaml", METHOD) == stored  # and re-imports


# -------------------------------------------------------------------------------- figures CSV

cell = st.one_of(st.sampled_from(["police", "survey", "cso:Help", "2018", "2018/19", "race", "all",
                                  "recorded_offences", "12", "-3.5", "", "1e309", "x"]), text)


@SETTINGS
@given(rows=st.lists(st.lists(cell, min_size=len(COLUMNS), max_size=len(COLUMNS)), min_size=1, max_size=6))
def test_random_csv_rows_are_imported_whole_or_refused_with_rows_named(team, rows):
    repo, _, _ = team
    import csv
    import io

    buffer = io.StringIO()
    csv.writer(buffer).writerows([COLUMNS, *rows])
    figures = FigureStore(repo.engine)
    before = figures.frame()
    try:
        frame = read_tidy(buffer.getvalue(), "fuzz.csv")
    except ImportRefused as err:
        assert err.problems and all(p.file == "fuzz.csv" for p in err.problems)
        assert figures.frame().equals(before)
        return
    figures.import_frame(frame, "fuzz.csv", imported_by="fuzz")
    stored = figures.frame()
    mine = stored[stored["publication"].isin(set(frame["publication"]))]
    assert len(mine) == len(frame) and sorted(mine["value"]) == sorted(frame["value"])


# -------------------------------------------------------------------------------- Assess form

form = st.fixed_dictionaries({
    "framework": st.one_of(st.none(), st.integers(-2, 5), text), "action": st.one_of(st.none(), st.integers(-2, 5)),
    "na": st.booleans(), "na_reason": text,
    "situation_framework": st.one_of(text, st.just("x" * 50_001)), "situation_action": text,
    "strands": st.just({}),
    "evidence": st.lists(st.fixed_dictionaries({
        "title": text, "url": st.one_of(st.just(""), st.just("https://example.org/a"), st.just("file:///etc/passwd"),
                                        text),
        "dimension": st.sampled_from(["", "framework", "action", "both"]), "note": text,
        "standards": st.lists(st.one_of(st.sampled_from(["1", "7", "40", "41", "0"]), text), max_size=3)}),
        max_size=3),
})


@SETTINGS
@given(values=form)
def test_random_form_values_are_saved_only_when_valid(team, values):
    repo, ws, _ = team
    before = _snapshot(repo)
    version = repo.get("ew").line_meta(REL).version
    try:
        line = parse_line(line_data(MODEL, REL, values), MODEL, file=REL)
        saved = ws.save_line("ew", line, version)
    except ValidationFailed as err:
        assert err.problems and _snapshot(repo) == before
        return
    assert saved == version + 1 and repo.get("ew").assessment.line(REL) == line
    assert assessment_from_text(repo.export_yaml("ew"), "export.yaml", METHOD).line(REL) == line  # re-imports
