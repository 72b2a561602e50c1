"""V2G (SECC) certificates signed by an external CA through OPCP EST, for stations whose
partner or own setting says `v2g_issuer = opcp`.

A station never waits on the external CA inside an OCPP call: SignCertificate checks the
request as for a local certificate (TLS, a registered EVSE ID as CN, one request at a time,
the hourly limit, a CSR whose signature verifies), records it here and is answered Accepted.
A worker (`Enrollments.run_due`, on every node's retry tick) then claims due requests, asks
the external CA, and on success stores the chain as a station certificate waiting for
delivery, in the same transaction as marking the request enrolled: from there the usual
CertificateSigned delivery (with its retries while the station is offline) takes over. A
failure is retried with exponential back-off up to `max_attempts`, then the request is
marked failed (logged at WARNING, counted, shown in the station's certificate API).

Claiming: a node moves a due request's next_attempt_at a lease ahead in a transaction of its
own (on PostgreSQL with FOR UPDATE SKIP LOCKED), so two nodes never enroll the same request
at once, and a node that dies mid-enrollment leaves the request due again after the lease.
What this cannot prevent: a node that dies after the CA signed and before its transaction
committed leaves a certificate the external CA issued and the product never delivered; the
request is enrolled again, and the orphan is the external CA's to revoke (EST has no
idempotency key).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from itertools import pairwise

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from prometheus_client import Counter
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from auth.audit import record_event
from auth.models import Partner

from ..metrics import REGISTRY
from . import limits
from .db import ExternalEnrollmentRecord, StationCertificateRecord, StationRecord

log = logging.getLogger("csms.ocpp")

ISSUERS = ("local", "opcp")
LEASE = timedelta(minutes=2)

ENROLLMENTS = Counter(
    "csms_external_enrollments",
    "External (OPCP EST) V2G certificate enrollments, by outcome (enrolled, retry, failed)",
    ["outcome"],
    registry=REGISTRY,
)

# (CSR in DER, ISO version "ISO15118-2" | "ISO15118-20") -> the chain, leaf first
Enroller = Callable[[bytes, str], list[x509.Certificate]]


class EnrollmentFailed(Exception):
    """The external CA did not sign (its reason, for the request's last_error)."""


def effective_v2g_issuer(session: Session, station_id: str) -> str:
    """The station's own choice, else its partner's, else local."""
    row = session.execute(
        select(StationRecord.v2g_issuer, Partner.v2g_issuer)
        .select_from(StationRecord)
        .outerjoin(Partner, Partner.name == StationRecord.partner)
        .where(StationRecord.id == station_id)
    ).first()
    if row is None:
        return "local"
    own, partners = row
    return own or partners or "local"


def outstanding(session: Session, station_id: str, certificate_type: str) -> bool:
    return (
        session.scalar(
            select(ExternalEnrollmentRecord.id).where(
                ExternalEnrollmentRecord.station_id == station_id,
                ExternalEnrollmentRecord.certificate_type == certificate_type,
                ExternalEnrollmentRecord.status == "enrolling",
            )
        )
        is not None
    )


def record_request(
    session: Session,
    station_id: str,
    certificate_type: str,
    csr_pem: str,
    iso_version: str,
    request_id: int | None,
) -> ExternalEnrollmentRecord:
    now = datetime.now(UTC)
    record = ExternalEnrollmentRecord(
        station_id=station_id,
        certificate_type=certificate_type,
        csr_pem=csr_pem,
        iso_version=iso_version,
        request_id=request_id,
        status="enrolling",
        attempts=0,
        next_attempt_at=now,
        created_at=now,
    )
    session.add(record)
    session.flush()
    record_event(
        session,
        actor=f"station:{station_id}",
        action="certificate.enrollment_requested",
        station=station_id,
        certificate_type=certificate_type,
        issuer="opcp",
        enrollment=record.id,
    )
    return record


@dataclass(frozen=True)
class _Claimed:
    id: int
    station_id: str
    certificate_type: str
    csr_pem: str
    iso_version: str
    request_id: int | None
    attempts: int


class Enrollments:
    def __init__(
        self,
        sessions: sessionmaker[Session],
        enroller: Enroller | None,
        *,
        max_attempts: int = 6,
        backoff_seconds: float = 30.0,
        max_backoff_seconds: float = 3600.0,
    ) -> None:
        self._sessions = sessions
        self._enroller = enroller
        self._max_attempts = max_attempts
        self._backoff = backoff_seconds
        self._max_backoff = max_backoff_seconds

    @property
    def available(self) -> bool:
        return self._enroller is not None

    def run_due(self, limit: int = 20) -> list[str]:
        """Enroll what is due (blocking: run it in a worker thread); returns the stations
        that got a certificate waiting for delivery."""
        if self._enroller is None:
            return []
        ready: list[str] = []
        for claimed in self._claim(limit):
            if self._enroll(claimed):
                ready.append(claimed.station_id)
        return ready

    def _claim(self, limit: int) -> list[_Claimed]:
        now = datetime.now(UTC)
        with self._sessions.begin() as session:
            query = (
                select(ExternalEnrollmentRecord)
                .where(
                    ExternalEnrollmentRecord.status == "enrolling",
                    ExternalEnrollmentRecord.next_attempt_at <= now,
                )
                .order_by(ExternalEnrollmentRecord.next_attempt_at)
                .limit(limit)
            )
            if session.get_bind().dialect.name == "postgresql":
                query = query.with_for_update(skip_locked=True)
            rows = list(session.scalars(query))
            for row in rows:
                row.next_attempt_at = now + LEASE
            return [
                _Claimed(
                    r.id,
                    r.station_id,
                    r.certificate_type,
                    r.csr_pem,
                    r.iso_version,
                    r.request_id,
                    r.attempts,
                )
                for r in rows
            ]

    def _enroll(self, claimed: _Claimed) -> bool:
        assert self._enroller is not None
        started = time.monotonic()
        csr = x509.load_pem_x509_csr(claimed.csr_pem.encode())
        try:
            chain = self._enroller(
                csr.public_bytes(serialization.Encoding.DER), claimed.iso_version
            )
            _check(chain, csr)
        except Exception as exc:  # the enroller's typed errors and anything unexpected alike
            self._failed(claimed, _reason(exc))
            return False
        leaf = chain[0]
        pem_chain = "".join(c.public_bytes(serialization.Encoding.PEM).decode() for c in chain)
        with self._sessions.begin() as session:
            row = session.get(ExternalEnrollmentRecord, claimed.id, with_for_update=True)
            if row is None or row.status != "enrolling":
                return False
            certificate = StationCertificateRecord(
                station_id=claimed.station_id,
                certificate_type=claimed.certificate_type,
                serial_hex=format(leaf.serial_number, "X"),
                not_after=leaf.not_valid_after_utc,
                pem_chain=pem_chain,
                status="pending",
                attempts=0,
                created_at=datetime.now(UTC),
                request_id=claimed.request_id,
            )
            session.add(certificate)
            session.flush()
            row.status = "enrolled"
            row.attempts += 1
            row.certificate_id = certificate.id
            row.last_error = None
            record_event(
                session,
                actor="opcp",
                action="certificate.enrolled_external",
                serial_hex=certificate.serial_hex,
                station=claimed.station_id,
                certificate_type=claimed.certificate_type,
                issuer=leaf.issuer.rfc4514_string(),
                not_after=leaf.not_valid_after_utc.isoformat(),
                enrollment=claimed.id,
            )
        ENROLLMENTS.labels(outcome="enrolled").inc()
        log.info(
            "%s: %s enrolled externally (serial %s, issuer %s) in %.0f ms",
            claimed.station_id,
            claimed.certificate_type,
            format(leaf.serial_number, "X"),
            leaf.issuer.rfc4514_string(),
            (time.monotonic() - started) * 1000,
        )
        return True

    def _failed(self, claimed: _Claimed, reason: str) -> None:
        attempts = claimed.attempts + 1
        give_up = attempts >= self._max_attempts
        pause = min(self._max_backoff, self._backoff * (2 ** (attempts - 1)))
        with self._sessions.begin() as session:
            row = session.get(ExternalEnrollmentRecord, claimed.id, with_for_update=True)
            if row is None or row.status != "enrolling":
                return
            row.attempts = attempts
            row.last_error = reason[: limits.ERROR_DESCRIPTION]
            if give_up:
                row.status = "failed"
                record_event(
                    session,
                    actor="opcp",
                    action="certificate.enrollment_failed",
                    station=claimed.station_id,
                    certificate_type=claimed.certificate_type,
                    attempts=attempts,
                    reason=row.last_error,
                    enrollment=claimed.id,
                )
            else:
                row.next_attempt_at = datetime.now(UTC) + timedelta(seconds=pause)
        ENROLLMENTS.labels(outcome="failed" if give_up else "retry").inc()
        if give_up:
            log.warning(
                "%s: external enrollment of a %s failed after %d attempts: %s",
                claimed.station_id,
                claimed.certificate_type,
                attempts,
                reason,
            )
        else:
            log.info(
                "%s: external enrollment attempt %d failed (%s); again in %.0f s",
                claimed.station_id,
                attempts,
                reason,
                pause,
            )

    @staticmethod
    def of_station(session: Session, station_id: str) -> list[ExternalEnrollmentRecord]:
        return list(
            session.scalars(
                select(ExternalEnrollmentRecord)
                .where(ExternalEnrollmentRecord.station_id == station_id)
                .order_by(ExternalEnrollmentRecord.id)
            )
        )


def _check(chain: list[x509.Certificate], csr: x509.CertificateSigningRequest) -> None:
    """What comes back must be for the station's key and name; a CA that signed something
    else must not reach the station."""
    if not chain:
        raise EnrollmentFailed("the external CA returned no certificate")
    leaf = chain[0]
    if leaf.public_key() != csr.public_key():
        raise EnrollmentFailed("the external CA's certificate is not for the station's key")
    if leaf.subject.get_attributes_for_oid(
        x509.NameOID.COMMON_NAME
    ) != csr.subject.get_attributes_for_oid(x509.NameOID.COMMON_NAME):
        raise EnrollmentFailed("the external CA's certificate names another CN")
    for child, parent in pairwise(chain):
        try:
            child.verify_directly_issued_by(parent)
        except Exception:
            raise EnrollmentFailed("the external CA's chain does not verify") from None


def _reason(exc: Exception) -> str:
    code = getattr(exc, "code", None)
    message = getattr(exc, "message", None) or str(exc) or type(exc).__name__
    return f"{message} [{code}]" if code else message
