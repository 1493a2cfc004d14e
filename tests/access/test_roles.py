"""Each role through the workspace the pages call: every forbidden action is refused before anything
changes, and every allowed one works."""

from __future__ import annotations

import shutil

import pytest

from access import Forbidden, User
from access.workspace import Workspace
from dashboard.examples import example_figures
from store import Repository, open_engine
from store.accounts import Accounts
from store.audit import AuditLog

DRAFT = "ew-draft"
REL = "police-courts"


ROLES = ("admin", "assessor", "reviewer", "viewer")


@pytest.fixture(scope="module")
def roles_template(method, tmp_path_factory, model, ew):
    """The database every test here starts from (made once): the published grid, a draft of it, and one
    account per role (the assessor assigned to the draft)."""
    path = tmp_path_factory.mktemp("roles") / "template.db"
    repository = Repository(open_engine(f"sqlite:///{path}"), method)
    repository.add(ew)  # published: read-only
    repository.add(ew.model_copy(update={"id": DRAFT, "status": "draft"}))
    accounts = Accounts(repository.engine)
    for role in ROLES:
        accounts.add(f"{role} person", "a long password", role, (DRAFT,) if role == "assessor" else ())
    repository.engine.dispose()
    return path


@pytest.fixture
def repo(method, tmp_path, model, roles_template):
    shutil.copyfile(roles_template, tmp_path / "roles.db")
    repository = Repository(open_engine(f"sqlite:///{tmp_path / 'roles.db'}"), method)
    yield repository
    repository.engine.dispose()


@pytest.fixture
def people(repo):
    accounts = Accounts(repo.engine)
    return {role: accounts.get(f"{role} person") for role in ROLES}


def _as(repo, user: User) -> Workspace:
    return Workspace(repo, user)


def _edit(ws: Workspace, slug: str = DRAFT) -> int:
    stored = ws.repo.get(slug)
    line = stored.assessment.line(REL).model_copy(update={"action": 3, "rating": None})
    return ws.save_line(slug, line, stored.line_meta(REL).version)


ACTIONS = {
    "edit": _edit,
    "submit_line": lambda ws: ws.submit_line(DRAFT, REL),
    "submit": lambda ws: ws.submit(DRAFT),
    "comment": lambda ws: ws.comment(DRAFT, REL, "Please add the 2019 protocol."),
    "validate_line": lambda ws: ws.validate_line(DRAFT, REL),
    "send_back_line": lambda ws: ws.send_back_line(DRAFT, REL, "Evidence missing."),
    "validate": lambda ws: ws.validate(DRAFT),
    "send_back": lambda ws: ws.send_back(DRAFT, "Not ready."),
    "import_yaml": lambda ws: ws.import_yaml(ws.repo.export_yaml(DRAFT).replace(f"id: {DRAFT}", "id: other", 1),
                                            "x.yaml"),
    "new_version": lambda ws: ws.new_version(DRAFT, "ew-next"),
    "import_figures": lambda ws: ws.import_figures(example_figures().head(5).drop(columns="imported_from"), "f.csv"),
    "add_user": lambda ws: ws.add_user("newcomer", "another long one", "viewer"),
    "set_role": lambda ws: ws.set_role("viewer person", "reviewer"),
    "users": lambda ws: ws.users(),
}
# which roles may take each action (the assessor only on the assessment assigned to them)
MAY = {
    "edit": {"assessor"}, "submit_line": {"assessor"}, "submit": {"assessor"}, "comment": {"assessor", "reviewer"},
    "validate_line": {"reviewer"}, "send_back_line": {"reviewer"}, "validate": {"reviewer"},
    "send_back": {"reviewer"}, "import_yaml": {"admin"}, "new_version": {"admin", "assessor"},
    "import_figures": {"admin", "assessor"}, "add_user": {"admin"}, "set_role": {"admin"}, "users": {"admin"},
}
READY = {  # the state an allowed action needs first (done as the right person)
    "validate_line": [("assessor", "submit_line")], "send_back_line": [("assessor", "submit_line")],
    "validate": [("assessor", "submit")], "send_back": [("assessor", "submit")],
}


@pytest.mark.parametrize("role", ["admin", "assessor", "reviewer", "viewer"])
@pytest.mark.parametrize("action", list(ACTIONS))
def test_each_role_may_do_only_its_own_actions(repo, people, role, action):
    for who, step in READY.get(action, []):
        ACTIONS[step](_as(repo, people[who]))
    before = (repo.export_yaml(DRAFT), repo.revision(DRAFT), len(AuditLog(repo.engine).entries()))
    ws = _as(repo, people[role])
    if role in MAY[action]:
        ACTIONS[action](ws)
        assert len(AuditLog(repo.engine).entries()) > before[2] or action == "users"
    else:
        with pytest.raises(Forbidden):
            ACTIONS[action](ws)
        assert (repo.export_yaml(DRAFT), repo.revision(DRAFT), len(AuditLog(repo.engine).entries())) == before


def test_an_assessor_may_not_edit_an_assessment_not_assigned_to_them(repo, people, ew):
    repo.add(ew.model_copy(update={"id": "elsewhere", "status": "draft"}))
    with pytest.raises(Forbidden):
        _edit(_as(repo, people["assessor"]), "elsewhere")
    with pytest.raises(Forbidden):
        _as(repo, people["assessor"]).submit("elsewhere")


def test_case_records_are_for_roles_allowed_to_see_them(repo, people):
    assert {r for r, u in people.items() if _as(repo, u).sees_case_records()} == {"admin", "assessor", "reviewer"}


def test_everyone_can_read_and_export(repo, people):
    for user in people.values():
        ws = _as(repo, user)
        assert ws.get(DRAFT).assessment.id == DRAFT and ws.export_yaml(DRAFT).startswith("id: ")
        assert ws.history(DRAFT).empty is False


def test_a_viewers_upload_is_refused_before_it_is_read(repo, people):
    """The probe's 0.3 MB Parquet file (6M dictionary-encoded rows) took a viewer 52 s and 2.6 GB to be
    told "13000 problem(s)"; the role is checked first, so no byte of it is read."""
    import io

    import pyarrow as pa
    import pyarrow.parquet as pq

    from dashboard.problems import ImportRefused

    buffer = io.BytesIO()
    pq.write_table(pa.table({"case_id": pa.array(["x"] * 6_000_000).dictionary_encode()}), buffer)
    data = buffer.getvalue()
    for role in ("viewer", "reviewer"):
        ws = _as(repo, people[role])
        with pytest.raises(Forbidden, match="may not import data"):
            ws.import_cases_file(data, "constants.parquet", "ew")
        with pytest.raises(Forbidden, match="may not import data"):
            ws.import_figures_file(b"source\n" * 1_000_000, "many.csv")
    with pytest.raises(ImportRefused, match="6,000,000 rows"):  # an admin's is refused by its metadata
        _as(repo, people["admin"]).import_cases_file(data, "constants.parquet", "ew")


def test_an_allowed_upload_is_read_in_a_worker_and_stored(repo, people):
    from dashboard.cases import synthesise
    from store.cases import CaseStore

    data = synthesise(40, seed=3).to_csv(index=False).encode()
    stored = _as(repo, people["assessor"]).import_cases_file(data, "mine.csv", "ew", synthetic=True)
    assert (stored.name, stored.rows, stored.synthetic) == ("mine.csv", 40, True)
    assert [(s.name, s.rows) for s in CaseStore(repo.engine).sets()] == [("mine.csv", 40)]
