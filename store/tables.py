"""Database tables (SQLAlchemy 2 ORM): assessments, their lines, strand scores, evidence, comments;
figures and case records; users, assignments, review comments and the audit log."""

from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import JSON, Boolean, DateTime, Float, ForeignKey, Integer, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy import orm
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


def utcnow() -> datetime:
    """Now, timezone-aware (UTC)."""
    return datetime.now(timezone.utc)


def as_utc(moment: datetime | None) -> datetime | None:
    """A stored time in UTC (SQLite gives it back naive, PostgreSQL in the session's time zone)."""
    if moment is None:
        return None
    return moment.replace(tzinfo=timezone.utc) if moment.tzinfo is None else moment.astimezone(timezone.utc)


class Base(DeclarativeBase):
    """Declarative base; `Base.metadata` is what the Alembic migrations must match."""


class AssessmentRow(Base):
    __tablename__ = "assessments"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(120), unique=True)
    title: Mapped[str] = mapped_column(String(2000))
    country: Mapped[str] = mapped_column(String(2000))
    date: Mapped[str] = mapped_column(String(10))
    model_version: Mapped[str] = mapped_column(String(50))
    profile: Mapped[str | None] = mapped_column(String(16))  # the country profile's code
    author: Mapped[str] = mapped_column(String(2000))
    source: Mapped[str] = mapped_column(String(2000), default="")
    status: Mapped[str] = mapped_column(String(20), default="published")
    illustrative: Mapped[bool] = mapped_column(Boolean, default=False)
    notes: Mapped[str] = mapped_column(Text, default="")
    revision: Mapped[int] = mapped_column(Integer, default=1)
    previous: Mapped[str | None] = mapped_column(String(120))  # the assessment this version was started from
    plan: Mapped[dict] = mapped_column(JSON, default=dict)  # recommendations, actions, targets, measures
    report: Mapped[dict] = mapped_column(JSON, default=dict)  # the report's texts, imprint, abbreviations
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)
    lines: Mapped[list[LineRow]] = orm.relationship(
        back_populates="assessment", cascade="all, delete-orphan", order_by="LineRow.position")


class ProfileRow(Base):
    """A country profile made in the app or imported with an assessment (shipped ones are files)."""

    __tablename__ = "profiles"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(16), unique=True)
    text: Mapped[str] = mapped_column(Text)  # the profile as YAML, as validated
    created_by: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class LineRow(Base):
    __tablename__ = "lines"
    __table_args__ = (UniqueConstraint("assessment_id", "relationship"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessments.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    relationship: Mapped[str] = mapped_column(String(120))
    grid_row: Mapped[int | None] = mapped_column(Integer)
    framework: Mapped[int | None] = mapped_column(Integer)
    action: Mapped[int | None] = mapped_column(Integer)
    rating: Mapped[str | None] = mapped_column(String(10))
    na_reason: Mapped[str | None] = mapped_column(String(2000))
    situation_framework: Mapped[str | None] = mapped_column(Text)
    situation_action: Mapped[str | None] = mapped_column(Text)
    version: Mapped[int] = mapped_column(Integer, default=1)
    review_status: Mapped[str] = mapped_column(String(20), default="draft")  # draft, submitted, validated
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)
    updated_by: Mapped[str | None] = mapped_column(String(200))
    assessment: Mapped[AssessmentRow] = orm.relationship(back_populates="lines")
    strands: Mapped[list[StrandRow]] = orm.relationship(
        cascade="all, delete-orphan", order_by="StrandRow.position")
    evidence: Mapped[list[EvidenceRow]] = orm.relationship(
        cascade="all, delete-orphan", order_by="EvidenceRow.position")
    comments: Mapped[list[CommentRow]] = orm.relationship(
        cascade="all, delete-orphan", order_by="CommentRow.position")


class StrandRow(Base):
    __tablename__ = "strand_scores"
    __table_args__ = (UniqueConstraint("line_id", "strand"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    line_id: Mapped[int] = mapped_column(ForeignKey("lines.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    strand: Mapped[str] = mapped_column(String(120))
    framework: Mapped[int | None] = mapped_column(Integer)
    action: Mapped[int | None] = mapped_column(Integer)
    rating: Mapped[str | None] = mapped_column(String(10))
    na_reason: Mapped[str | None] = mapped_column(String(2000))


class EvidenceRow(Base):
    __tablename__ = "evidence"

    id: Mapped[int] = mapped_column(primary_key=True)
    line_id: Mapped[int] = mapped_column(ForeignKey("lines.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(2000))
    url: Mapped[str | None] = mapped_column(String(2000))
    dimension: Mapped[str | None] = mapped_column(String(20))
    note: Mapped[str | None] = mapped_column(Text)
    standards: Mapped[list[int]] = mapped_column(JSON, default=list)
    publisher: Mapped[str | None] = mapped_column(String(2000))
    published: Mapped[str | None] = mapped_column(String(10))
    accessed: Mapped[str | None] = mapped_column(String(10))


class CommentRow(Base):
    __tablename__ = "comments"

    id: Mapped[int] = mapped_column(primary_key=True)
    line_id: Mapped[int] = mapped_column(ForeignKey("lines.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(String(2000))


class DatasetRow(Base):
    """One import of a data file: where it came from, when, by whom (the figures' provenance)."""

    __tablename__ = "datasets"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))  # statistics (later: cases)
    file: Mapped[str] = mapped_column(String(500))
    mapping: Mapped[str | None] = mapped_column(String(500))
    imported_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    imported_by: Mapped[str | None] = mapped_column(String(200))
    synthetic: Mapped[bool] = mapped_column(Boolean, default=False)


class FigureRow(Base):
    """One published number, tidy: source, publication (edition), period, area, strand, measure."""

    __tablename__ = "figures"

    id: Mapped[int] = mapped_column(primary_key=True)
    dataset_id: Mapped[int] = mapped_column(ForeignKey("datasets.id", ondelete="CASCADE"), index=True)
    source: Mapped[str] = mapped_column(String(500))
    publication: Mapped[str] = mapped_column(String(500), index=True)
    period: Mapped[str] = mapped_column(String(30))
    area: Mapped[str] = mapped_column(String(500))
    strand: Mapped[str] = mapped_column(String(60))
    measure: Mapped[str] = mapped_column(String(120))
    value: Mapped[float] = mapped_column(Float)
    note: Mapped[str] = mapped_column(Text, default="")


class CaseSnapshotRow(Base):
    """The case records of one import, as a Parquet file (the record; app processes query a local copy)."""

    __tablename__ = "case_snapshots"

    id: Mapped[int] = mapped_column(primary_key=True)
    dataset_id: Mapped[int] = mapped_column(ForeignKey("datasets.id", ondelete="CASCADE"), unique=True)
    name: Mapped[str] = mapped_column(String(500), index=True)
    country: Mapped[str] = mapped_column(String(16))  # the profile code of the country the records are of
    rows: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    parquet: Mapped[bytes] = mapped_column(LargeBinary)


class UserRow(Base):
    """An account: the password only as an argon2 hash ("" for one made by single sign-on: no password)."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    password_hash: Mapped[str] = mapped_column(String(500))
    role: Mapped[str] = mapped_column(String(20))  # admin, assessor, reviewer, viewer; "": none yet (single sign-on)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    language: Mapped[str | None] = mapped_column(String(16), nullable=True)  # the app's language they chose


class IdentityRow(Base):
    """A person's identity at an OpenID Connect provider (issuer + subject), linked to the account it
    signs in to (the e-mail only as last seen: it can change, the subject cannot)."""

    __tablename__ = "identities"
    __table_args__ = (UniqueConstraint("issuer", "subject"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    issuer: Mapped[str] = mapped_column(String(500))
    subject: Mapped[str] = mapped_column(String(255))
    provider: Mapped[str] = mapped_column(String(60))  # the provider's key in the secrets ([auth.KEY])
    email: Mapped[str | None] = mapped_column(String(320))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class SignInAttemptRow(Base):
    """Sign-in tries counted for one name (known or not) or one client address, kept only as a hash
    (store/throttle.py has the rule)."""

    __tablename__ = "sign_in_attempts"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)  # sha256 of "name:..." or "source:..."
    tries: Mapped[int] = mapped_column(Integer)  # counted before each check, since the last success
    last_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)  # the last counted try


class AssignmentRow(Base):
    """An assessor assigned to an assessment (may edit it)."""

    __tablename__ = "assignments"
    __table_args__ = (UniqueConstraint("user_id", "assessment"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    assessment: Mapped[str] = mapped_column(String(120))  # the assessment's id (slug)


class ReviewCommentRow(Base):
    """A comment in the thread of one relationship of an assessment, with its author and time."""

    __tablename__ = "review_comments"

    id: Mapped[int] = mapped_column(primary_key=True)
    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessments.id", ondelete="CASCADE"), index=True)
    relationship: Mapped[str | None] = mapped_column(String(120))  # None: on the whole assessment
    author: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    kind: Mapped[str] = mapped_column(String(20), default="comment")  # comment, sent_back
    text: Mapped[str] = mapped_column(Text)


class AuditRow(Base):
    """One change: who, when, what (action, field) and the old and new values as text."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    actor: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(40))
    assessment: Mapped[str | None] = mapped_column(String(120), index=True)
    relationship: Mapped[str | None] = mapped_column(String(120))
    field: Mapped[str | None] = mapped_column(String(200))
    old: Mapped[str | None] = mapped_column(Text)
    new: Mapped[str | None] = mapped_column(Text)


class SeenRow(Base):
    """How far one person has read an assessment's log: the last entry they were shown the review news of."""

    __tablename__ = "seen"
    __table_args__ = (UniqueConstraint("user_name", "assessment"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_name: Mapped[str] = mapped_column(String(200))
    assessment: Mapped[str] = mapped_column(String(120))
    audit_id: Mapped[int] = mapped_column(Integer, default=0)  # the id of the last audit_log row read


class SignInRow(Base):
    """A browser signed in to an account, found by the random token its cookie carries (kept here
    only as a hash): it ends on sign-out, after the idle timeout, or when the account changes."""

    __tablename__ = "sign_ins"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)  # sha256 of the token, hex
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    last_seen: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    ended_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    ended_why: Mapped[str | None] = mapped_column(String(40))  # signed_out, idle, account_changed
    assessment: Mapped[str | None] = mapped_column(String(120))  # the one this browser has open (for a new tab)


class DraftRow(Base):
    """What one person typed on one relationship and has not saved yet, with the version it started from."""

    __tablename__ = "drafts"
    __table_args__ = (UniqueConstraint("user_id", "assessment", "relationship"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    assessment: Mapped[str] = mapped_column(String(120))
    relationship: Mapped[str] = mapped_column(String(120))
    base: Mapped[int] = mapped_column(Integer)  # the line's version the draft started from
    values: Mapped[dict] = mapped_column(JSON)  # the form's values (framework/editing.py's shape)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class AppSecretRow(Base):
    """A secret the app makes for itself on first use (the sign-in cookie's signing key), shared by
    every app process on the database and never kept in the repository."""

    __tablename__ = "app_secrets"

    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[str] = mapped_column(String(200))
