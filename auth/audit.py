"""The audit trail: one append-only row per issuance, revocation, trust import, policy change,
login and command, written in the transaction of the change it records (so it commits, or not,
with the change)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import JSON, Index, Integer, String, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from .access import AccessControl
from .db import UTCDateTime, after_rollback
from .listing import Field, ListRequest, ListSpec, Page
from .models import Base
from .principal import Permission, Principal

AUDIT_READ = Permission("audit", "read")


class AuditEvent(Base):
    """Who did what to which object, and when. Append-only."""

    __tablename__ = "audit_events"
    __table_args__ = (Index("ix_audit_events_at", "at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    actor: Mapped[str] = mapped_column(String(128))
    action: Mapped[str] = mapped_column(String(64))
    serial_hex: Mapped[str | None] = mapped_column(String(42))
    fingerprint_sha256: Mapped[str | None] = mapped_column(String(64))
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


def record_event(
    session: Session,
    *,
    actor: str,
    action: str,
    serial_hex: str | None = None,
    fingerprint: str | None = None,
    **details: Any,
) -> AuditEvent:
    """Add an audit row to the caller's transaction: it commits (or not) with the change."""
    event = AuditEvent(
        at=datetime.now(UTC),
        actor=actor,
        action=action,
        serial_hex=serial_hex,
        fingerprint_sha256=fingerprint,
        details=details,
    )
    session.add(event)
    return event


@dataclass(frozen=True)
class AuditFilter:
    """What to look for: an action prefix (`login.`), a substring of the actor, a day range,
    and the page: events older than `before_id`, at most `limit` of them."""

    action: str | None = None
    actor: str | None = None
    since: date | None = None
    until: date | None = None
    before_id: int | None = None
    limit: int = 100


def _like_escaped(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def find_events(session: Session, wanted: AuditFilter) -> list[AuditEvent]:
    """Audit events matching `wanted`, newest first."""
    query = select(AuditEvent).order_by(AuditEvent.id.desc())
    if wanted.action:
        query = query.where(AuditEvent.action.like(f"{_like_escaped(wanted.action)}%", escape="\\"))
    if wanted.actor:
        query = query.where(AuditEvent.actor.like(f"%{_like_escaped(wanted.actor)}%", escape="\\"))
    if wanted.since is not None:
        query = query.where(AuditEvent.at >= datetime.combine(wanted.since, time(), UTC))
    if wanted.until is not None:
        end = datetime.combine(wanted.until + timedelta(days=1), time(), UTC)
        query = query.where(AuditEvent.at < end)
    if wanted.before_id is not None:
        query = query.where(AuditEvent.id < wanted.before_id)
    return list(session.scalars(query.limit(wanted.limit)))


class AuditLog:
    """Reading the trail, for those the policy allows (admins)."""

    def __init__(self, access: AccessControl) -> None:
        self._access = access

    def page(self, session: Session, principal: Principal, wanted: ListRequest) -> Page[AuditEvent]:
        """A page of the trail, searched, filtered and sorted as asked (newest first)."""
        self._access.require(principal, AUDIT_READ)
        return AUDIT_SPEC.page(session, select(AuditEvent), wanted)

    def export(
        self, session: Session, principal: Principal, wanted: ListRequest
    ) -> Iterator[AuditEvent]:
        self._access.require(principal, AUDIT_READ)
        return AUDIT_SPEC.every(session, select(AuditEvent), wanted)


AUDIT_SPEC = ListSpec(
    fields={
        "at": Field(AuditEvent.at, natural_descending=True),
        "actor": Field(AuditEvent.actor, filter="contains"),
        "action": Field(AuditEvent.action, filter="prefix"),
        "since": Field(AuditEvent.at, sortable=False, filter="since"),
        "until": Field(AuditEvent.at, sortable=False, filter="until"),
    },
    search=(AuditEvent.actor, AuditEvent.action, AuditEvent.serial_hex),
    default_sort="at",
    tiebreak=AuditEvent.id,
)


def record_refusal(
    session: Session,
    *,
    actor: str,
    action: str,
    serial_hex: str | None = None,
    fingerprint: str | None = None,
    **details: Any,
) -> None:
    """Audit a refusal a service is about to raise: the caller's transaction will roll back, so
    the row is written once it has, in a short transaction of its own on the same database."""
    bind = session.get_bind()

    def write() -> None:
        with Session(bind) as own, own.begin():
            record_event(
                own,
                actor=actor,
                action=action,
                serial_hex=serial_hex,
                fingerprint=fingerprint,
                **details,
            )

    after_rollback(session, write)
