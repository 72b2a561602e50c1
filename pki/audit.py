"""The audit trail: one append-only row per issuance, revocation, trust import, policy change."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy.orm import Session

from .db import AuditEvent


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
