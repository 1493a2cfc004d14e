"""The repository the pages and the CLI talk to: list, read, import, export and save assessments.

Every write is one transaction: it is validated against the model first, and either all of it is
stored or none. A line is saved against the version the editor started from; a save against a
stale version is refused (`StaleEdit`) and nothing is overwritten.
"""

from __future__ import annotations

import json
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import Iterable, Iterator

from sqlalchemy import Engine, delete, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from base.i18n import N_, Translated, _
from framework.assessment_yaml import dump_assessment
from framework import (
    Assessment, Evidence, Line, Method, Model, Profile, Situation, StrandScore, assessment_from_text,
    bundled_assessments, check_assessment, load_assessment,
)
from framework.profiles import dump_profile, profile_from_text
from framework.assessment import LONG_TEXT_MAX
from framework.plan import Plan
from framework.report_texts import ReportTexts
from framework.review import (
    BadTransition, Comment, Locked, Step, check_replace, check_writable, next_status, read_only,
)
from store.audit import record
from store.database import open_engine, writer
from store.tables import (
    AssessmentRow, CommentRow, EvidenceRow, LineRow, ProfileRow, ReviewCommentRow, StrandRow, as_utc, utcnow,
)

_HEADER = ("title", "country", "date", "model_version", "author", "source", "status", "illustrative", "notes")
_ROW_HEADER = (*_HEADER, "profile")
_SCORES = ("framework", "action", "rating", "na_reason")
_CITATION = ("title", "url", "dimension", "note", "publisher", "published", "accessed")  # an evidence item's text


class NotFound(KeyError):
    """No assessment (or line) with that id."""


class AlreadyExists(Exception):
    """An assessment with that id is already stored and replacing it was not asked for."""


class ProfileClash(Exception):
    """A profile with that code exists (shipped or stored) and differs from the one given."""


class ReportChanged(Exception):
    """The report's texts were changed by someone else after the editor read them; nothing was written."""


class PlanChanged(Exception):
    """The plan was changed by someone else after the editor read it; nothing was written."""


class StaleEdit(Exception):
    """The line changed since the editor loaded it; carries the stored line and who changed it."""

    def __init__(self, relationship: str, expected: int, meta: LineMeta, current: Line | None):
        self.relationship, self.expected, self.meta, self.current = relationship, expected, meta, current
        who = f" by {meta.updated_by}" if meta.updated_by else ""
        when = f" at {meta.updated_at:%Y-%m-%d %H:%M} UTC" if meta.updated_at else ""
        super().__init__(f"{relationship} was changed{who}{when} (version {meta.version}) after you opened "
                         f"version {expected}; your changes were not saved.")


@dataclass(frozen=True)
class Summary:
    """One stored assessment, for lists and choosers."""

    id: str
    title: str
    country: str
    date: str
    model_version: str
    illustrative: bool
    revision: int
    lines: int
    status: str = "draft"
    profile: str | None = None

    @property
    def label(self) -> str:
        """Country, date and status first (a narrow chooser cuts the end off), then the title."""
        return f"{self.country} {self.date} · {STATUS_WORD.get(self.status, self.status)} – {self.title}"


STATUS_WORD = Translated({"draft": N_("draft"), "submitted": N_("submitted for review"), "validated": N_("validated"),
                          "published": N_("published")})


def choice_labels(summaries: Iterable[Summary]) -> dict[str, str]:
    """A label per assessment id for choosers: country, date, status and title, and where two would
    otherwise read the same, the id as well (before the title, so that it is seen)."""
    summaries = list(summaries)
    clashes = Counter(s.label for s in summaries)
    return {s.id: s.label if clashes[s.label] == 1 else s.label.replace(" – ", f" · {s.id} – ", 1)
            for s in summaries}


@dataclass(frozen=True)
class LineMeta:
    """Who last saved a line, when, and its version (for saves against a known version)."""

    version: int = 0
    updated_by: str | None = None
    updated_at: datetime | None = None
    review_status: str = "draft"


@dataclass(frozen=True)
class Stored:
    """An assessment as stored: the content, its revision, and per-line metadata."""

    assessment: Assessment
    revision: int
    meta: dict[str, LineMeta]
    previous: str | None = None

    @property
    def read_only(self) -> bool:
        """Validated or published assessments are kept as they are (start a new version instead)."""
        return read_only(self.assessment.status)

    def line_meta(self, relationship: str) -> LineMeta:
        return self.meta.get(relationship, LineMeta())


class Repository:
    """Assessments of any country in the database, each validated against its country's model."""

    def __init__(self, engine: Engine, method: Method):
        self.engine, self.shipped = engine, method
        self._parsed: dict[str, Profile] = {}

    # ------------------------------------------------------------------------------ the method

    def method(self) -> Method:
        """The method with the shipped profiles and those stored in the database."""
        with self._session() as s:
            rows = s.execute(select(ProfileRow.code, ProfileRow.text)).all()
        if not rows:
            return self.shipped
        for code, text in rows:
            if text not in self._parsed:
                self._parsed[text] = profile_from_text(text, f"stored profile {code}", self.shipped.model)
        return self.shipped.with_profiles({code: self._parsed[text] for code, text in rows})

    def model_of(self, assessment: Assessment) -> Model:
        """The country model of an assessment (stored or about to be)."""
        return self.method().for_assessment(assessment)

    def profiles(self) -> dict[str, Profile]:
        """Every profile an assessment may name: shipped, then made in the app."""
        return self.method().profiles

    def save_profile(self, profile: Profile, actor: str) -> None:
        """Store a profile made in the app (validated against the method first); `ProfileClash` if its
        code is taken by a different profile."""
        text = dump_profile(profile)
        profile = profile_from_text(text, f"profile {profile.code}", self.shipped.model)
        with self._session(write=True) as s:
            self._store_profile(s, profile, text, actor)

    def _store_profile(self, s: Session, profile: Profile, text: str, actor: str) -> None:
        """Store `profile` (`text` is its `dump_profile`, the one form every stored profile has) unless
        that very profile is shipped or stored already."""
        known = self.shipped.profiles.get(profile.code)
        theirs = dump_profile(known) if known else s.scalar(select(ProfileRow.text).where(ProfileRow.code == profile.code))
        if theirs is not None:
            if theirs != text:
                raise ProfileClash((_("a different profile with code {code} is already shipped with ffgrid: give this "
                                      "one another code") if known else
                                    _("a different profile with code {code} is already stored: give this one another "
                                      "code")).format(code=repr(profile.code)))
            return
        s.add(ProfileRow(code=profile.code, text=text, created_by=actor))
        record(s, actor, "save_profile", profile.code, new=f"{profile.name_en} ({profile.status})")

    @contextmanager
    def _session(self, write: bool = False) -> Iterator[Session]:
        bind = writer(self.engine) if write else self.engine
        with Session(bind, expire_on_commit=False) as session, session.begin():
            yield session

    @staticmethod
    def _lock(s: Session, slug: str) -> tuple[int, int] | None:
        """Bump the assessment's revision, which locks its row: every writer does this first, so
        writers of one assessment queue in one order. Returns (row id, new revision), or None."""
        found = s.execute(update(AssessmentRow).where(AssessmentRow.slug == slug)
                          .values(revision=AssessmentRow.revision + 1, updated_at=utcnow())
                          .returning(AssessmentRow.id, AssessmentRow.revision)).one_or_none()
        return (found[0], found[1]) if found else None

    # ------------------------------------------------------------------------------------ reading

    def list(self) -> list[Summary]:
        """Every stored assessment, by country then date."""
        counts = (select(LineRow.assessment_id, func.count().label("n"))
                  .group_by(LineRow.assessment_id).subquery())
        query = (select(AssessmentRow, func.coalesce(counts.c.n, 0))
                 .outerjoin(counts, counts.c.assessment_id == AssessmentRow.id)
                 .order_by(AssessmentRow.country, AssessmentRow.date, AssessmentRow.slug))
        with self._session() as s:
            return [Summary(r.slug, r.title, r.country, r.date, r.model_version, r.illustrative, r.revision, n,
                            r.status, r.profile) for r, n in s.execute(query)]

    def waiting_for_review(self) -> list[tuple[Summary, str | None]]:
        """What waits for a reviewer: each submitted assessment (relationship None) and each line submitted
        for review (its relationship), by country, date and the order of the grid."""
        summaries = {s.id: s for s in self.list()}
        query = (select(AssessmentRow.slug, LineRow.relationship)
                 .join(LineRow, LineRow.assessment_id == AssessmentRow.id)
                 .where(LineRow.review_status == "submitted")
                 .order_by(AssessmentRow.country, AssessmentRow.date, AssessmentRow.slug, LineRow.position))
        with self._session() as s:
            lines = [(summaries[slug], rel) for slug, rel in s.execute(query)]
        whole = [(summary, None) for summary in summaries.values() if summary.status == "submitted"]
        return whole + lines

    def revision(self, slug: str) -> int:
        """A number that changes whenever anything in the assessment is saved (cheap to ask)."""
        with self._session() as s:
            rev = s.scalar(select(AssessmentRow.revision).where(AssessmentRow.slug == slug))
        if rev is None:
            raise NotFound(slug)
        return rev

    def get(self, slug: str) -> Stored:
        """The stored assessment with every line, strand score, evidence item and comment."""
        with self._session() as s:
            row = s.scalar(select(AssessmentRow).where(AssessmentRow.slug == slug).options(
                selectinload(AssessmentRow.lines).selectinload(LineRow.strands),
                selectinload(AssessmentRow.lines).selectinload(LineRow.evidence),
                selectinload(AssessmentRow.lines).selectinload(LineRow.comments)))
            if row is None:
                raise NotFound(slug)
            assessment = Assessment(id=row.slug, **{k: getattr(row, k) for k in _ROW_HEADER},
                                    lines=tuple(_line(r) for r in row.lines), plan=Plan.model_validate(row.plan or {}),
                                    report=ReportTexts.model_validate(row.report or {}))
            meta = {r.relationship: _meta(r) for r in row.lines}
            return Stored(assessment, row.revision, meta, row.previous)

    def export_yaml(self, slug: str) -> str:
        """The stored assessment as YAML that imports back to the same content, on any installation: a
        profile not shipped with ffgrid goes into the file."""
        assessment = self.get(slug).assessment
        if assessment.profile_code not in self.shipped.profiles:
            assessment = assessment.model_copy(update={"profile": self.method().profile(assessment.profile_code)})
        return dump_assessment(assessment)

    # ------------------------------------------------------------------------------------ writing

    def import_yaml(self, text: str, file: str, replace: bool = False, author: str | None = None) -> Assessment:
        """Validate YAML text and store it; on any problem raise `ValidationFailed` and store nothing."""
        assessment = assessment_from_text(text, file, self.method())
        self.add(assessment, replace=replace, author=author)
        return assessment

    def add(self, assessment: Assessment, replace: bool = False, author: str | None = None,
            previous: str | None = None) -> None:
        """Store a whole assessment (validated first); `replace` overwrites one with the same id.

        A replaced assessment keeps its row and gets a new revision; every line gets that revision as
        its version, so an edit begun before the replace is refused as stale.
        """
        assessment = check_assessment(assessment, self.method(), assessment.id)
        header = ({k: getattr(assessment, k) for k in _HEADER}
                  | {"plan": _data(assessment.plan), "report": _data(assessment.report),
                     "profile": assessment.profile_code})
        exists = AlreadyExists(_("an assessment with id {id} is already stored").format(id=repr(assessment.id)))
        with self._session(write=True) as s:
            if isinstance(assessment.profile, Profile):
                self._store_profile(s, assessment.profile, dump_profile(assessment.profile), author or "system")
            locked = self._lock(s, assessment.id)
            if locked is None:
                s.add(AssessmentRow(slug=assessment.id, revision=1, previous=previous, **header,
                                    lines=[_line_row(ln, i, author, 1) for i, ln in enumerate(assessment.lines)]))
                try:
                    s.flush()
                except IntegrityError as err:  # another process stored the same id meanwhile
                    raise exists from err
                record(s, author or "system", "new_version" if previous else "import", assessment.id,
                       old=previous, new=f"{len(assessment.lines)} lines, status {assessment.status}")
                return
            if not replace:
                raise exists
            check_replace(assessment.id, s.scalar(select(AssessmentRow.status).where(AssessmentRow.id == locked[0])),
                          assessment.status)
            record(s, author or "system", "replace", assessment.id, new=f"{len(assessment.lines)} lines, "
                   f"status {assessment.status}")
            a_id, revision = locked
            s.execute(update(AssessmentRow).where(AssessmentRow.id == a_id).values(**header))
            s.execute(delete(LineRow).where(LineRow.assessment_id == a_id))  # children: ON DELETE CASCADE
            for i, ln in enumerate(assessment.lines):
                row = _line_row(ln, i, author, revision)
                row.assessment_id = a_id
                s.add(row)

    def save_line(self, slug: str, line: Line, expected_version: int, author: str) -> int:
        """Store one line if it is still at `expected_version` (0: not yet stored); returns the new version.

        The whole assessment with the new line is validated first (`ValidationFailed` names the
        field). A stale version raises `StaleEdit` and changes nothing. Versions only ever grow.
        """
        stored = self.get(slug)
        lines = [line if ln.relationship == line.relationship else ln for ln in stored.assessment.lines]
        if stored.assessment.line(line.relationship) is None:
            lines.append(line)
        check_assessment(stored.assessment.model_copy(update={"lines": tuple(lines)}), self.method(), slug)
        with self._session(write=True) as s:
            locked = self._lock(s, slug)
            if locked is None:
                raise NotFound(slug)
            a_id, revision = locked
            self._writable(s, a_id, slug, "content")
            row = s.scalar(select(LineRow).where(LineRow.assessment_id == a_id,
                                                 LineRow.relationship == line.relationship))
            current = row.version if row is not None else 0
            if current != expected_version:
                raise _stale(line.relationship, expected_version, row)
            if row is not None and row.review_status != "draft":
                raise Locked(f"{line.relationship} is {row.review_status} for review: it can be changed again "
                             "once a reviewer sends it back")
            for field, old, new in line_changes(_line(row) if row is not None else None, line):
                record(s, author, "save_line", slug, line.relationship, field, old, new)
            if row is not None:
                return self._overwrite(s, row, line, expected_version, author)
            position = s.scalar(select(func.coalesce(func.max(LineRow.position), -1))
                                .where(LineRow.assessment_id == a_id)) + 1
            new = _line_row(line, position, author, revision)  # above any version the line had before
            new.assessment_id = a_id
            s.add(new)
            return revision

    def _overwrite(self, s: Session, row: LineRow, line: Line, expected: int, author: str) -> int:
        # Compare-and-set on the version column: a concurrent save that got here first makes this
        # UPDATE match no row, and the transaction is rolled back.
        fresh = _line_row(line, row.position, author, expected + 1)
        values = {c: getattr(fresh, c) for c in (*_SCORES, "grid_row", "situation_framework", "situation_action")}
        hit = s.execute(update(LineRow).where(LineRow.id == row.id, LineRow.version == expected).values(
            **values, version=expected + 1, updated_by=author, updated_at=utcnow())).rowcount
        if not hit:
            s.expire(row)
            raise _stale(line.relationship, expected, s.get(LineRow, row.id))
        for table in (StrandRow, EvidenceRow, CommentRow):
            s.execute(delete(table).where(table.line_id == row.id))
        for child in (*fresh.strands, *fresh.evidence, *fresh.comments):
            child.line_id = row.id
            s.add(child)
        return expected + 1

    @staticmethod
    def _writable(s: Session, a_id: int, slug: str, what: str) -> str:
        """The assessment's status, read in the locked transaction; `Locked` unless `what` may change."""
        status = s.scalar(select(AssessmentRow.status).where(AssessmentRow.id == a_id))
        check_writable(slug, status, what)
        return status

    def step_assessment(self, slug: str, step: Step, actor: str, comment: str | None = None) -> str:
        """Move the assessment through review: submit, validate, or send back (with a comment)."""
        with self._session(write=True) as s:
            a_id = self._locked_id(s, slug)
            status = s.scalar(select(AssessmentRow.status).where(AssessmentRow.id == a_id))
            after = next_status("assessment", slug, status, step, comment)
            self._comment_for(s, a_id, slug, None, step, actor, comment)
            s.execute(update(AssessmentRow).where(AssessmentRow.id == a_id).values(status=after))
            record(s, actor, f"assessment_{step}", slug, None, "status", status, after)
        return after

    def step_line(self, slug: str, relationship: str, step: Step, actor: str, comment: str | None = None) -> str:
        """Move one relationship through review: submit, validate, or send back (with a comment)."""
        with self._session(write=True) as s:
            a_id = self._locked_id(s, slug)
            self._writable(s, a_id, slug, "review")
            row = s.scalar(select(LineRow).where(LineRow.assessment_id == a_id, LineRow.relationship == relationship))
            if row is None:
                raise NotFound(f"{slug}/{relationship}")
            before = row.review_status
            after = next_status("line", relationship, before, step, comment)
            self._comment_for(s, a_id, slug, relationship, step, actor, comment)
            s.execute(update(LineRow).where(LineRow.id == row.id)  # a review step is not a save: its time stays
                      .values(review_status=after, updated_at=LineRow.updated_at))
            record(s, actor, f"line_{step}", slug, relationship, "review_status", before, after)
        return after

    def _comment_for(self, s: Session, a_id: int, slug: str, relationship: str | None, step: str, actor: str,
                     comment: str | None) -> None:
        text = (comment or "").strip()
        if text:
            self._add_comment(s, a_id, slug, relationship, actor, text, "sent_back" if step == "send_back" else "comment")

    def comment(self, slug: str, relationship: str | None, author: str, text: str) -> None:
        """Add a comment to a relationship's thread (or the assessment's, with relationship None)."""
        text = text.strip()
        if not text:
            raise BadTransition("a comment needs some text")
        with self._session(write=True) as s:
            a_id = self._locked_id(s, slug)
            self._writable(s, a_id, slug, "comment")
            self._add_comment(s, a_id, slug, relationship, author, text, "comment")

    @staticmethod
    def _add_comment(s: Session, a_id: int, slug: str, relationship: str | None, author: str, text: str,
                     kind: str) -> None:
        if len(text) > LONG_TEXT_MAX or "\x00" in text:
            raise BadTransition(f"a comment has at most {LONG_TEXT_MAX:,} characters and no NUL")
        s.add(ReviewCommentRow(assessment_id=a_id, relationship=relationship, author=author, kind=kind, text=text))
        record(s, author, kind, slug, relationship, "comment", None, text)

    def comments(self, slug: str, relationship: str | None = None) -> list[Comment]:
        """The comments on an assessment (or one relationship's thread), oldest first."""
        query = (select(ReviewCommentRow).join(AssessmentRow, AssessmentRow.id == ReviewCommentRow.assessment_id)
                 .where(AssessmentRow.slug == slug).order_by(ReviewCommentRow.id))
        if relationship is not None:
            query = query.where(ReviewCommentRow.relationship == relationship)
        with self._session() as s:
            return [Comment(c.relationship, c.author, as_utc(c.created_at), c.kind, c.text) for c in s.scalars(query)]

    def new_version(self, slug: str, new_id: str, actor: str, date: str | None = None) -> Assessment:
        """Start a draft from a stored assessment under a new id; the original stays as it was."""
        source = self.get(slug).assessment
        draft = source.model_copy(update={"id": new_id, "status": "draft", "date": date or source.date})
        self.add(draft, author=actor, previous=slug)
        return draft

    def save_plan(self, slug: str, plan: Plan, actor: str, based_on: Plan | None = None) -> Plan:
        """Store the assessment's plan (validated against the model first); each changed part is logged.

        `based_on` is the plan the edit started from: if the stored plan differs (someone changed it
        meanwhile) `PlanChanged` is raised and nothing is written. The plan follows up the
        assessment, so it can change after the assessment is validated.
        """
        stored = self.get(slug).assessment
        plan = check_assessment(stored.model_copy(update={"plan": plan}), self.method(), slug).plan
        with self._session(write=True) as s:
            a_id = self._locked_id(s, slug)
            self._writable(s, a_id, slug, "plan")
            before = self._plan(s, a_id)
            if based_on is not None and before != based_on:
                raise PlanChanged(f"the plan of {slug} was changed by someone else meanwhile; nothing was saved. "
                                  "Look at it again, then redo your change.")
            self._write_plan(s, a_id, slug, before, plan, actor)
        return plan

    def save_report(self, slug: str, report: ReportTexts, actor: str, based_on: ReportTexts | None = None) -> ReportTexts:
        """Store the report's own texts (validated first); each changed part is logged. Refused
        (`ReportChanged`) if the stored texts are no longer `based_on`; they may change until the
        assessment is published."""
        stored = self.get(slug).assessment
        report = check_assessment(stored.model_copy(update={"report": report}), self.method(), slug).report
        with self._session(write=True) as s:
            a_id = self._locked_id(s, slug)
            self._writable(s, a_id, slug, "report")
            before = ReportTexts.model_validate(s.scalar(select(AssessmentRow.report).where(AssessmentRow.id == a_id))
                                                or {})
            if based_on is not None and before != based_on:
                raise ReportChanged(_("the report texts of {assessment} were changed by someone else meanwhile; "
                                      "nothing was saved. Look at them again, then redo your change.").format(
                    assessment=slug))
            s.execute(update(AssessmentRow).where(AssessmentRow.id == a_id).values(report=_data(report)))
            for part in ReportTexts.model_fields:
                old, new = (json.dumps(_data(r).get(part), ensure_ascii=False) for r in (before, report))
                if old != new:
                    record(s, actor, "save_report", slug, None, f"report.{part}", old, new)
        return report

    def set_action_status(self, slug: str, number: int, status: str, date: str, note: str, actor: str,
                          expected: str | None = None) -> Plan:
        """Move one action to a new status (ValueError if the step is not allowed); the change is kept.

        Read, checked and written in one locked transaction, so status changes made at the same
        moment queue and none is lost. `expected` is the status the user saw: if it has changed
        meanwhile, `PlanChanged` is raised and nothing is written."""
        with self._session(write=True) as s:
            a_id = self._locked_id(s, slug)
            self._writable(s, a_id, slug, "plan")
            before = self._plan(s, a_id)
            action = next((a for a in before.actions if a.number == number), None)
            if action is None:
                raise NotFound(f"{slug}: action {number}")
            if expected is not None and action.current.status != expected:
                raise PlanChanged(f"action {number} was moved to {action.current.status} by someone else meanwhile; "
                                  "nothing was saved. Look at it again.")
            moved = action.moved(status, date, note)
            plan = before.model_copy(update={"actions": tuple(moved if a.number == number else a
                                                              for a in before.actions)})
            self._write_plan(s, a_id, slug, before, plan, actor)
        return plan

    @staticmethod
    def _plan(s: Session, a_id: int) -> Plan:
        return Plan.model_validate(s.scalar(select(AssessmentRow.plan).where(AssessmentRow.id == a_id)) or {})

    @staticmethod
    def _write_plan(s: Session, a_id: int, slug: str, before: Plan, plan: Plan, actor: str) -> None:
        s.execute(update(AssessmentRow).where(AssessmentRow.id == a_id).values(plan=_data(plan)))
        for part in ("recommendations", "actions", "targets", "measures", "note", "illustrative"):
            old, new = (json.dumps(_data(p).get(part), ensure_ascii=False) for p in (before, plan))
            if old != new:
                record(s, actor, "save_plan", slug, None, f"plan.{part}", old, new)

    def _locked_id(self, s: Session, slug: str) -> int:
        locked = self._lock(s, slug)
        if locked is None:
            raise NotFound(slug)
        return locked[0]

    def seed(self) -> list[str]:
        """Store the bundled assessments that are not stored yet (first run); returns their ids."""
        have = {s.id for s in self.list()}
        added = []
        for path in bundled_assessments():
            assessment = load_assessment(path, self.shipped)
            if assessment.id in have:
                continue
            try:
                self.add(assessment, author="bundled example")
                added.append(assessment.id)
            except AlreadyExists:  # seeded by another process at the same moment
                pass
        return added


def open_repository(method: Method, url: str | None = None, seed: bool = True) -> Repository:
    """The repository on `url` (default: `database_url()`), migrated, seeded when empty."""
    repo = Repository(open_engine(url), method)
    if seed and not repo.list():
        repo.seed()
    return repo


# ------------------------------------------------------------------------------ rows <-> objects


def _meta(row: LineRow) -> LineMeta:
    return LineMeta(row.version, row.updated_by, as_utc(row.updated_at), row.review_status)


def _stale(relationship: str, expected: int, row: LineRow | None) -> StaleEdit:
    return StaleEdit(relationship, expected, _meta(row) if row else LineMeta(), _line(row) if row else None)


def _line_row(line: Line, position: int, author: str | None, version: int) -> LineRow:
    return LineRow(
        position=position, relationship=line.relationship, grid_row=line.grid_row,
        **{k: getattr(line, k) for k in _SCORES},
        situation_framework=line.situation.framework, situation_action=line.situation.action,
        version=version, updated_by=author,
        strands=[StrandRow(position=i, strand=s.strand, **{k: getattr(s, k) for k in _SCORES})
                 for i, s in enumerate(line.strands)],
        evidence=[EvidenceRow(position=i, **{k: getattr(e, k) for k in _CITATION}, standards=list(e.standards))
                  for i, e in enumerate(line.evidence)],
        comments=[CommentRow(position=i, text=c) for i, c in enumerate(line.comments)],
    )


def _line(row: LineRow) -> Line:
    return Line(
        relationship=row.relationship, grid_row=row.grid_row, **{k: getattr(row, k) for k in _SCORES},
        situation=Situation(framework=row.situation_framework, action=row.situation_action),
        strands=tuple(StrandScore(strand=s.strand, **{k: getattr(s, k) for k in _SCORES}) for s in row.strands),
        evidence=tuple(Evidence(**{k: getattr(e, k) for k in _CITATION}, standards=tuple(e.standards))
                       for e in row.evidence),
        comments=tuple(c.text for c in row.comments),
    )


def line_changes(old: Line | None, new: Line) -> list[tuple[str, str | None, str | None]]:
    """What a save changes, field by field: (field, old value, new value) as text."""
    def values(line: Line | None) -> dict[str, str | None]:
        if line is None:
            return {}
        data = line.model_dump(mode="json", exclude={"relationship"})
        flat = {k: v for k, v in data.items() if k not in ("situation", "evidence", "strands", "comments")}
        flat.update({f"situation.{k}": v for k, v in data["situation"].items()})
        flat.update({k: json.dumps(data[k], ensure_ascii=False) if data[k] else None
                     for k in ("evidence", "strands", "comments")})
        return {k: None if v is None else str(v) for k, v in flat.items()}

    before, after = values(old), values(new)
    return [(k, before.get(k), after.get(k)) for k in after if before.get(k) != after.get(k)]


def _data(part: Plan | ReportTexts) -> dict:
    """A plan or the report's texts as stored (JSON, defaults left out)."""
    return part.model_dump(mode="json", exclude_defaults=True)
