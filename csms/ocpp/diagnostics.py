"""Writing Plug & Charge diagnostics: the OCPP handlers of Get15118EVCertificate, Authorize
with a contract, GetCertificateStatus and SignCertificate each open a trace
(contracts.diagnostics.PncTrace), the contract service fills it while it decides, and this
recorder stores it once the answer is ready.

Each record is written in a short transaction of its own, after the handling's: a refusal
is exactly when an operator needs the record, and the handling's transaction may have rolled
back; and a record that cannot be written must never take an installation or an
authorization down with it. A failure to record is logged and counted
(csms_pnc_diagnostics_failures), and the station gets its answer all the same.

Records older than `CSMS_PNC_DIAGNOSTICS_DAYS` are pruned by the OCPP server's hourly work.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from contextvars import ContextVar
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete
from sqlalchemy.orm import Session, sessionmaker

from contracts.diagnostics import PncTrace, activated

from .. import metrics
from ..database import in_worker_transaction
from .db import PncDiagnosticRecord

log = logging.getLogger("csms.ocpp.diagnostics")

# The message id of the CALL being handled (set by the dispatchers, for the record).
message_id: ContextVar[str | None] = ContextVar("ocpp_message_id", default=None)

ACCEPTED_STATUSES = frozenset({"Accepted"})


def outcome_of(trace: PncTrace) -> str:
    if trace.status is None:
        return "error"
    return "accepted" if trace.status in ACCEPTED_STATUSES else "refused"


def _cut(value: str | None, length: int) -> str | None:
    return value[:length] if value is not None else None


def record_of(trace: PncTrace, at: datetime) -> PncDiagnosticRecord:
    return PncDiagnosticRecord(
        at=at,
        kind=trace.kind,
        station_id=trace.station_id[:48],
        ocpp_version=trace.ocpp_version[:8],
        request_id=_cut(trace.request_id, 64),
        action=_cut(trace.action, 16),
        pcid=_cut(trace.pcid, 64),
        emaid=_cut(trace.emaid, 64),
        outcome=outcome_of(trace),
        status=_cut(trace.status, 64),
        reason_code=_cut(trace.reason_code, 64),
        detail=trace.detail,
        request_text=trace.request_text,
        response_text=trace.response_text,
        certificates=trace.certificates,
        root=_cut(trace.root, 512),
        timings=dict(trace.timings),
    )


class DiagnosticsRecorder:
    def __init__(self, sessions: sessionmaker[Session], *, keep_days: int) -> None:
        self._sessions = sessions
        self._keep = timedelta(days=keep_days)

    def begin(self, kind: str, station_id: str, ocpp_version: str) -> PncTrace:
        return PncTrace(kind, station_id, ocpp_version, request_id=message_id.get())

    @asynccontextmanager
    async def tracing(
        self, kind: str, station_id: str, ocpp_version: str
    ) -> AsyncIterator[PncTrace]:
        """A trace active for the handling inside (worker threads included); written when it
        ends, whatever the handling did. An exception of the handling is recorded as an
        error and goes on."""
        trace = self.begin(kind, station_id, ocpp_version)
        try:
            with activated(trace):
                yield trace
        except Exception as exc:
            if trace.status is None:
                trace.outcome("error", "InternalError", f"{type(exc).__name__}: {exc}")
            raise
        finally:
            trace.finish()
            await self.record(trace)

    async def record(self, trace: PncTrace) -> None:
        try:
            await in_worker_transaction(self._sessions, lambda s: self.write(s, trace))
        except asyncio.CancelledError:
            raise
        except Exception:
            metrics.PNC_DIAGNOSTICS_FAILURES.inc()
            log.exception(
                "%s: could not record %s diagnostics (message %s)",
                trace.station_id,
                trace.kind,
                trace.request_id,
            )
            return
        metrics.PNC_DIAGNOSTICS.labels(kind=trace.kind, outcome=outcome_of(trace)).inc()

    @staticmethod
    def write(session: Session, trace: PncTrace) -> None:
        session.add(record_of(trace, datetime.now(UTC)))

    def prune(self, session: Session, *, now: datetime | None = None) -> int:
        """Forget records older than the retention; how many went."""
        before = (now or datetime.now(UTC)) - self._keep
        result = session.execute(delete(PncDiagnosticRecord).where(PncDiagnosticRecord.at < before))
        return int(getattr(result, "rowcount", 0) or 0)
