"""Database pieces every domain shares: the UTC timestamp column type and the unit of work.

The caller of a service owns the transaction: it opens a session with `begin()`, calls any
number of services with it, and the commit (or the rollback) covers all of their writes. A
service never commits. Work that must wait until the change is durable (e.g. reloading the
policy enforcer) is registered with `after_commit`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import Session
from sqlalchemy.types import DateTime, TypeDecorator


class UTCDateTime(TypeDecorator[datetime]):
    """Timezone-aware UTC datetimes on every backend (SQLite drops the offset)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is not None and value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is not None and value.tzinfo is None:
            return value.replace(tzinfo=UTC)  # type: ignore[no-any-return]
        return value  # type: ignore[no-any-return]


def after_commit(session: Session, callback: Callable[[], None]) -> None:
    """Run `callback` once the caller's transaction has committed (never on rollback)."""

    def fire(_session: Session) -> None:
        callback()

    event.listen(session, "after_commit", fire, once=True)


def after_rollback(session: Session, callback: Callable[[], None]) -> None:
    """Run `callback` once the caller's transaction has been rolled back (and so released
    every lock it held)."""

    def fire(_session: Session, _previous: object) -> None:
        callback()

    event.listen(session, "after_soft_rollback", fire, once=True)
