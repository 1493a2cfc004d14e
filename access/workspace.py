"""The workspace: everything a signed-in user can do, each call checked against the policy first.

The pages and the CLI call these methods, never the stores' writers directly, so a forbidden
action is refused here on the server whatever the screen showed. The acting user's name is what
the audit log records.
"""

from __future__ import annotations

import getpass
from typing import TYPE_CHECKING

from access.policy import User, allowed, require
from base.bounded import run_bounded
from framework import Assessment, Line, Profile, assessment_from_text
from framework.profiles import blank_assessment
from framework.plan import Plan
from framework.report_texts import ReportTexts
from framework.review import Comment
from store.accounts import Account, Accounts
from store.audit import REVIEW_STEPS, AuditLog, Entry
from store.cases import CaseStore, CaseSet
from store.figures import Dataset, FigureStore
from store.identities import Identities
from store.repository import Repository, Stored, Summary

if TYPE_CHECKING:  # the tables and uploads need pandas, which the Overview does without
    import pandas as pd


def operator(name: str | None = None) -> User:
    """The person at the command line: an administrator named `cli:NAME` (NAME: given, else the OS user)."""
    return User(f"cli:{(name or getpass.getuser()).strip()}", "admin")


class Workspace:
    """One user's view of the database."""

    def __init__(self, repo: Repository, user: User):
        self.repo, self.user = repo, user
        self.accounts = Accounts(repo.engine)

    def may(self, action: str, assessment: str | None = None) -> bool:
        """Whether the user may take `action` (for showing or hiding controls; methods check again)."""
        return allowed(self.user, action, assessment)

    # ---------------------------------------------------------------------------- reading

    def list(self) -> list[Summary]:
        require(self.user, "read")
        return self.repo.list()

    def last_review_step(self, slug: str, relationship: str) -> Entry | None:
        """The newest review step on a line (submitted, validated, sent back, commented), or None."""
        require(self.user, "read")
        return AuditLog(self.repo.engine).latest(slug, relationship, REVIEW_STEPS)

    def sent_back(self, slug: str) -> set[str]:
        """The relationships of an assessment sent back by a reviewer and not submitted again since."""
        require(self.user, "read")
        return AuditLog(self.repo.engine).sent_back(slug)

    def review_news(self, slug: str) -> list[Entry]:
        """Send-backs and comments by others on the assessment since this user last marked them read."""
        require(self.user, "read")
        return AuditLog(self.repo.engine).news(slug, self.user.name)

    def mark_read(self, slug: str, up_to: int) -> None:
        """The assessment's review news read up to the log entry `up_to`."""
        require(self.user, "read")
        AuditLog(self.repo.engine).seen(slug, self.user.name, up_to)

    def review_queue(self) -> list[tuple[Summary, str | None]]:
        """What waits for review (submitted assessments, then submitted lines), for those who review."""
        require(self.user, "review")
        return self.repo.waiting_for_review()

    def get(self, slug: str) -> Stored:
        require(self.user, "read")
        return self.repo.get(slug)

    def export_yaml(self, slug: str) -> str:
        require(self.user, "export")
        return self.repo.export_yaml(slug)

    def comments(self, slug: str, relationship: str | None = None) -> list[Comment]:
        require(self.user, "read")
        return self.repo.comments(slug, relationship)

    def history(self, slug: str, relationship: str | None = None) -> pd.DataFrame:
        """The audit log of an assessment (or one relationship): who changed what, when, old and new."""
        require(self.user, "read")
        return AuditLog(self.repo.engine).frame(slug, relationship)

    # ---------------------------------------------------------------------------- assessing

    def save_line(self, slug: str, line: Line, expected_version: int) -> int:
        """Save one relationship against the version it was opened at (assigned assessors only)."""
        require(self.user, "edit", slug)
        return self.repo.save_line(slug, line, expected_version, author=self.user.name)

    def submit_line(self, slug: str, relationship: str) -> str:
        require(self.user, "submit", slug)
        return self.repo.step_line(slug, relationship, "submit", self.user.name)

    def submit(self, slug: str) -> str:
        require(self.user, "submit", slug)
        return self.repo.step_assessment(slug, "submit", self.user.name)

    def save_plan(self, slug: str, plan: Plan, based_on: Plan | None = None) -> Plan:
        """Store recommendations, actions, targets and measures (also after the assessment is validated);
        refused (`PlanChanged`) if the stored plan is no longer `based_on`, the one the edit began from."""
        require(self.user, "plan", slug)
        return self.repo.save_plan(slug, plan, self.user.name, based_on)

    def save_report(self, slug: str, report: ReportTexts, based_on: ReportTexts | None = None) -> ReportTexts:
        """Store the report's own texts (until the assessment is published); refused (`ReportChanged`) if
        the stored texts are no longer `based_on`."""
        require(self.user, "report", slug)
        return self.repo.save_report(slug, report, self.user.name, based_on)

    def set_action_status(self, slug: str, number: int, status: str, date: str, note: str = "",
                          expected: str | None = None) -> Plan:
        require(self.user, "plan", slug)
        return self.repo.set_action_status(slug, number, status, date, note, self.user.name, expected)

    # ---------------------------------------------------------------------------- reviewing

    def comment(self, slug: str, relationship: str | None, text: str) -> None:
        require(self.user, "comment", slug)
        self.repo.comment(slug, relationship, self.user.name, text)

    def validate_line(self, slug: str, relationship: str) -> str:
        require(self.user, "review")
        return self.repo.step_line(slug, relationship, "validate", self.user.name)

    def send_back_line(self, slug: str, relationship: str, comment: str) -> str:
        require(self.user, "review")
        return self.repo.step_line(slug, relationship, "send_back", self.user.name, comment)

    def validate(self, slug: str) -> str:
        require(self.user, "review")
        return self.repo.step_assessment(slug, "validate", self.user.name)

    def send_back(self, slug: str, comment: str) -> str:
        require(self.user, "review")
        return self.repo.step_assessment(slug, "send_back", self.user.name, comment)

    # ---------------------------------------------------------------------------- managing

    def new_version(self, slug: str, new_id: str, date: str | None = None) -> Assessment:
        """Start a draft from an assessment (an assessor who starts it is assigned to it)."""
        require(self.user, "new_version", slug)
        draft = self.repo.new_version(slug, new_id, self.user.name, date)
        if self.user.role == "assessor":
            self.accounts.assign(self.user.name, tuple(sorted(self.user.assigned | {new_id})), self.user.name)
        return draft

    def profiles(self) -> dict[str, Profile]:
        """The country profiles an assessment can be started from (shipped, then made in the app)."""
        require(self.user, "read")
        return self.repo.profiles()

    def new_assessment(self, profile: str | Profile, date: str, title: str | None = None) -> Assessment:
        """Start an assessment of a country from a blank grid (every line unscored), from a shipped or
        stored profile (by code) or one made in the app (stored first). An assessor who starts one is
        assigned to it."""
        require(self.user, "new_assessment")
        if isinstance(profile, Profile):
            self.repo.save_profile(profile, self.user.name)
        chosen = self.repo.method().profile(profile if isinstance(profile, str) else profile.code)
        taken = {s.id for s in self.repo.list()}
        assessment = blank_assessment(self.repo.shipped, chosen, date, title, self.user.name, taken)
        self.repo.add(assessment, author=self.user.name)
        if self.user.role == "assessor":
            self.accounts.assign(self.user.name, tuple(sorted(self.user.assigned | {assessment.id})), self.user.name)
        return assessment

    def import_yaml(self, text: str, file: str, replace: bool = False) -> Assessment:
        """Import an assessment, all or nothing; the store refuses (`Locked`) to replace a validated or
        published one. The role is checked before the text is read; it is parsed in a bounded worker."""
        require(self.user, "manage_assessments")
        assessment = run_bounded(assessment_from_text, text, file, self.repo.method())
        self.repo.add(assessment, replace=replace, author=self.user.name)
        return assessment

    def figures(self) -> pd.DataFrame:
        """Every imported figure with its provenance."""
        require(self.user, "read")
        return FigureStore(self.repo.engine).frame()

    def datasets(self) -> list[Dataset]:
        """The imports whose figures are current."""
        require(self.user, "read")
        return FigureStore(self.repo.engine).datasets()

    def import_figures(self, frame: pd.DataFrame, file: str, mapping: str | None = None) -> int:
        """Store checked figures (replacing earlier imports of their publications); returns how many."""
        require(self.user, "import_data")
        return FigureStore(self.repo.engine).import_frame(frame, file, mapping=mapping, imported_by=self.user.name)

    def import_figures_file(self, data: bytes, file: str, mapping: bytes | None = None,
                            mapping_name: str | None = None) -> pd.DataFrame:
        """Read, check and store the figures of an uploaded CSV (through a mapping's YAML bytes): the role
        first, then the limits, then the parse in a bounded worker; returns the figures stored."""
        from dashboard.uploads import figures_from_upload

        require(self.user, "import_data")
        frame = run_bounded(figures_from_upload, data, file, mapping, mapping_name or "mapping")
        self.import_figures(frame, file, mapping=mapping_name)
        return frame

    def import_cases(self, frame: pd.DataFrame, name: str, country: str, synthetic: bool = False) -> CaseSet:
        """Store checked case records of one country (a profile's code) under `name` (replacing a set of
        that name)."""
        require(self.user, "import_data")
        if country not in self.repo.profiles():
            raise ValueError(f"no country profile {country!r} (known: {', '.join(sorted(self.repo.profiles()))}); "
                             "nothing was imported")
        return CaseStore(self.repo.engine).import_frame(frame, name, country, imported_by=self.user.name,
                                                        synthetic=synthetic)

    def import_cases_file(self, data: bytes, file: str, country: str, name: str | None = None,
                          synthetic: bool = False) -> CaseSet:
        """Read, check and store the case records of an uploaded CSV or Parquet file of one country: the
        role first, then the limits, then the parse in a bounded worker."""
        from dashboard.cases import cases_from_bytes

        require(self.user, "import_data")
        return self.import_cases(run_bounded(cases_from_bytes, data, file), name or file, country, synthetic=synthetic)

    def sees_case_records(self) -> bool:
        """Whether case-level data is shown unsuppressed (viewers get the public view only)."""
        return self.may("see_cases")

    # ---------------------------------------------------------------------------- users

    def users(self) -> list[Account]:
        require(self.user, "manage_users")
        return self.accounts.list()

    def add_user(self, name: str, password: str, role: str, assign: tuple[str, ...] = ()) -> User:
        require(self.user, "manage_users")
        return self.accounts.add(name, password, role, assign, actor=self.user.name)

    def set_role(self, name: str, role: str) -> None:
        require(self.user, "manage_users")
        self.accounts.set_role(name, role, self.user.name)

    def assign(self, name: str, assessments: tuple[str, ...]) -> None:
        require(self.user, "manage_users")
        self.accounts.assign(name, assessments, self.user.name)

    def demo_accounts(self) -> dict[str, tuple[str, str]]:
        """Make (or reset) one demo account per role on a local SQLite database; {name: (role, password)}."""
        from access.demo import demo_accounts

        require(self.user, "manage_users")
        return demo_accounts(self.repo, actor=self.user.name)

    def set_active(self, name: str, active: bool) -> None:
        require(self.user, "manage_users")
        self.accounts.set_active(name, active, self.user.name)

    def sign_in_providers(self) -> dict[str, tuple[str, ...]]:
        """The single sign-on providers each account signs in with (keys in the secrets), by name."""
        require(self.user, "manage_users")
        return Identities(self.repo.engine).providers()

    def remove_identity(self, name: str) -> None:
        """Unlink an account from its single sign-on identities (its provider sessions end)."""
        require(self.user, "manage_users")
        Identities(self.repo.engine).remove(name, self.user.name)

    def user_history(self) -> pd.DataFrame:
        """Changes to accounts (who added or changed whom)."""
        import pandas as pd

        require(self.user, "manage_users")
        return pd.DataFrame([e.__dict__ for e in AuditLog(self.repo.engine).entries(users=True)])
