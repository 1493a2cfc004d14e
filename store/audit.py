"""The audit log: every change with who, when, old and new value, written in the change's transaction."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, func, insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from store.tables import AuditRow, SeenRow, as_utc, utcnow

if TYPE_CHECKING:
    import pandas as pd

MAX_VALUE = 100_000  # characters kept of one old or new value
STORED = ("import", "new_version", "replace")  # an assessment's whole content stored anew
LINE_STEPS = ("line_submit", "line_validate", "line_send_back")  # the steps that move a line through review
REVIEW_STEPS = (*LINE_STEPS, "comment")  # what a line's header names
NEWS = ("sent_back", "comment")  # what an assessor is told of on the Overview: send-backs (with why) and comments


def record(s: Session | Connection, actor: str, action: str, assessment: str | None = None,
           relationship: str | None = None, field: str | None = None, old: object = None, new: object = None) -> None:
    """Add one entry to the log inside the transaction of `s` (so it commits or rolls back with it)."""
    def text(value: object) -> str | None:
        return None if value is None else str(value)[:MAX_VALUE]

    def cut(value: str | None, n: int) -> str | None:  # names longer than the column are cut, not refused
        return None if value is None else value[:n]

    s.execute(insert(AuditRow).values(at=utcnow(), actor=cut(actor, 200), action=action,
                                      assessment=cut(assessment, 120), relationship=cut(relationship, 120),
                                      field=cut(field, 200), old=text(old), new=text(new)))


@dataclass(frozen=True)
class Entry:
    """One logged change."""

    at: datetime
    actor: str
    action: str
    assessment: str | None
    relationship: str | None
    field: str | None
    old: str | None
    new: str | None
    id: int = 0  # its place in the log (ids only grow)


class AuditLog:
    """Reading the log."""

    def __init__(self, engine: Engine):
        self.engine = engine

    def entries(self, assessment: str | None = None, relationship: str | None = None,
                users: bool = False) -> list[Entry]:
        """Entries, oldest first: of one assessment (and relationship), of user accounts, or all."""
        query = select(AuditRow).order_by(AuditRow.id)
        if assessment is not None:
            query = query.where(AuditRow.assessment == assessment)
        if relationship is not None:
            query = query.where(AuditRow.relationship == relationship)
        if users:
            query = query.where(AuditRow.action.in_(("user_added", "user_changed")))
        with Session(self.engine) as s:
            return [Entry(as_utc(r.at), r.actor, r.action, r.assessment, r.relationship, r.field, r.old, r.new, r.id)
                    for r in s.scalars(query)]

    def latest(self, assessment: str, relationship: str | None, actions: tuple[str, ...]) -> Entry | None:
        """The newest entry of one of `actions` on the assessment's relationship (None: on the whole
        assessment), or None: one row read, not the relationship's whole log."""
        query = (select(AuditRow).where(AuditRow.assessment == assessment, AuditRow.relationship == relationship,
                                        AuditRow.action.in_(actions))
                 .order_by(AuditRow.id.desc()).limit(1))
        with Session(self.engine) as s:
            r = s.scalar(query)
        return None if r is None else Entry(as_utc(r.at), r.actor, r.action, r.assessment, r.relationship, r.field,
                                            r.old, r.new, r.id)

    def sent_back(self, assessment: str) -> set[str]:
        """The assessment's relationships whose last review step was a send-back: drafts again, to be worked
        on and submitted again (a draft never submitted has no step)."""
        stored = (select(func.coalesce(func.max(AuditRow.id), 0))  # steps before the content was replaced
                  .where(AuditRow.assessment == assessment, AuditRow.action.in_(STORED)).scalar_subquery())
        last = (select(func.max(AuditRow.id).label("id"))
                .where(AuditRow.assessment == assessment, AuditRow.relationship.is_not(None),
                       AuditRow.action.in_(LINE_STEPS), AuditRow.id > stored)
                .group_by(AuditRow.relationship).subquery())
        query = select(AuditRow.relationship).where(AuditRow.id.in_(select(last.c.id)),
                                                    AuditRow.action == "line_send_back")
        with Session(self.engine) as s:
            return set(s.scalars(query))

    def news(self, assessment: str, reader: str) -> list[Entry]:
        """Review news of an assessment for `reader`, oldest first: lines or the assessment sent back, and
        comments, by others, since the last entry `reader` was shown (`seen`)."""
        with Session(self.engine) as s:
            after = s.scalar(select(SeenRow.audit_id).where(SeenRow.user_name == reader,
                                                            SeenRow.assessment == assessment)) or 0
            query = (select(AuditRow).where(AuditRow.assessment == assessment, AuditRow.id > after,
                                            AuditRow.actor != reader, AuditRow.action.in_(NEWS))
                     .order_by(AuditRow.id))
            return [Entry(as_utc(r.at), r.actor, r.action, r.assessment, r.relationship, r.field, r.old, r.new, r.id)
                    for r in s.scalars(query)]

    def seen(self, assessment: str, reader: str, up_to: int) -> None:
        """Record that `reader` was shown the assessment's news up to the entry `up_to`."""
        try:
            with Session(self.engine) as s, s.begin():
                row = s.scalar(select(SeenRow).where(SeenRow.user_name == reader, SeenRow.assessment == assessment))
                if row is None:
                    s.add(SeenRow(user_name=reader[:200], assessment=assessment, audit_id=up_to))
                else:
                    row.audit_id = max(row.audit_id, up_to)
        except IntegrityError:  # another tab recorded it at the same moment: read again
            self.seen(assessment, reader, up_to)

    def last_assessment(self, actor: str) -> str | None:
        """The assessment `actor` last changed (saved, submitted, reviewed, commented, planned), or None."""
        query = (select(AuditRow.assessment).where(AuditRow.actor == actor, AuditRow.assessment.is_not(None))
                 .order_by(AuditRow.id.desc()).limit(1))
        with Session(self.engine) as s:
            return s.scalar(query)

    def frame(self, assessment: str | None = None, relationship: str | None = None) -> pd.DataFrame:
        """Entries as a table (for the History view and its CSV export)."""
        import pandas as pd

        return pd.DataFrame([asdict(e) for e in self.entries(assessment, relationship)],
                            columns=[f for f in Entry.__dataclass_fields__])

