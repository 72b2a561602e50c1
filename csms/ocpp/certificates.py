"""Station certificates: A02/A03 signing and delivery, renewal, and M06 OCSP answers.

SignCertificate is decided at once (the CSR is checked and the certificate issued while the
station waits for the CALLRESULT), and the chain is delivered afterwards by CertificateSigned.
The issued certificate and its pending delivery are stored in one transaction, so a station
that goes offline in between gets it on its next connection or at the next retry tick. Only
when the station *accepts* the new certificate is the one it replaces revoked (reason
`superseded`): revoking earlier could strand a station that rejected, or never received, the
new one.
"""

from __future__ import annotations

import base64
import logging
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.serialization import Encoding
from cryptography.x509 import ocsp
from sqlalchemy import select
from sqlalchemy.orm import Session

from pki.authority import CertificateAuthority
from pki.errors import AlreadyRevoked, CsrRejected, PkiError
from pki.issuance import parse_serial

from . import limits
from .db import StationCertificateRecord

log = logging.getLogger("csms.ocpp")

CHARGING_STATION = "ChargingStationCertificate"
V2G = "V2GCertificate"
# certificateType → (CA profile, must CN equal the station identity?)
PROFILES: dict[str, tuple[str, bool]] = {
    CHARGING_STATION: ("charging-station", True),
    V2G: ("secc", False),  # CN = ISO15118Ctrlr.SeccId, which the CSMS does not know
}
TRIGGERS = {CHARGING_STATION: "SignChargingStationCertificate", V2G: "SignV2GCertificate"}

_HASHES: dict[str, type[hashes.HashAlgorithm]] = {
    "SHA256": hashes.SHA256,
    "SHA384": hashes.SHA384,
    "SHA512": hashes.SHA512,
}


@dataclass(frozen=True)
class SignOutcome:
    accepted: bool
    record_id: int | None = None
    reason: str | None = None  # CsrRejected code, for statusInfo
    detail: str | None = None


@dataclass(frozen=True)
class Delivery:
    record_id: int
    certificate_type: str
    pem_chain: str


class StationCertificates:
    """Every method works in the caller's transaction."""

    def __init__(self, ca: CertificateAuthority, organization: str) -> None:
        self._ca = ca
        self._organization = organization

    def sign(
        self, session: Session, station_id: str, csr: str, certificate_type: str | None
    ) -> SignOutcome:
        """Check the CSR and issue; a combined request (no type) gets a station certificate.
        The certificate and its pending delivery are stored in the same transaction, so an
        issued certificate is always one the retry loop will deliver."""
        kind = certificate_type or CHARGING_STATION
        profile, cn_is_identity = PROFILES[kind]
        try:
            issued = self._ca.issue_from_csr(
                session,
                csr,
                profile,
                actor=f"station:{station_id}",
                expected_cn=station_id if cn_is_identity else None,
                expected_organization=self._organization,
            )
        except CsrRejected as exc:
            return SignOutcome(False, reason=exc.code, detail=str(exc))
        except PkiError as exc:
            log.warning("%s: issuance failed: %s", station_id, exc)
            return SignOutcome(False, reason=exc.code, detail=str(exc))
        record = StationCertificateRecord(
            station_id=station_id,
            certificate_type=kind,
            serial_hex=issued.serial_hex,
            not_after=issued.certificate.not_valid_after_utc,
            pem_chain=issued.pem_chain(),
            status="pending",
            attempts=0,
            created_at=datetime.now(UTC),
        )
        session.add(record)
        session.flush()
        return SignOutcome(True, record_id=record.id)

    @staticmethod
    def pending(session: Session, station_id: str) -> list[Delivery]:
        rows = session.scalars(
            select(StationCertificateRecord)
            .where(
                StationCertificateRecord.station_id == station_id,
                StationCertificateRecord.status == "pending",
            )
            .order_by(StationCertificateRecord.id)
        )
        return [Delivery(r.id, r.certificate_type, r.pem_chain) for r in rows]

    @staticmethod
    def stations_with_pending(session: Session) -> set[str]:
        return set(
            session.scalars(
                select(StationCertificateRecord.station_id).where(
                    StationCertificateRecord.status == "pending"
                )
            )
        )

    @staticmethod
    def attempted(session: Session, record_id: int, error: str | None) -> None:
        record = session.get(StationCertificateRecord, record_id)
        if record is not None:
            record.attempts += 1
            record.last_error = error[: limits.ERROR_DESCRIPTION] if error else None

    def answered(self, session: Session, station_id: str, record_id: int, status: str) -> list[str]:
        """Record the station's CertificateSigned answer. On Accepted, revoke what the new
        certificate replaces, in the same transaction as marking it superseded (so neither
        can happen without the other); returns the serials revoked."""
        revoked: list[str] = []
        record = session.get(StationCertificateRecord, record_id, with_for_update=True)
        if record is None or record.status != "pending":
            return revoked
        record.attempts += 1
        record.delivered_at = datetime.now(UTC)
        if status != "Accepted":
            record.status = "rejected"
            record.last_error = f"station answered {status}"
            return revoked
        record.status = "accepted"
        older = session.scalars(
            select(StationCertificateRecord).where(
                StationCertificateRecord.station_id == station_id,
                StationCertificateRecord.certificate_type == record.certificate_type,
                StationCertificateRecord.status.in_(("accepted", "pending", "rejected")),
                StationCertificateRecord.id != record.id,
                StationCertificateRecord.id < record.id,
            )
        ).all()
        for old in older:
            old.status = "superseded"
            try:
                self._ca.revoke(
                    session,
                    parse_serial(old.serial_hex),
                    reason="superseded",
                    actor=f"station:{station_id}",
                )
            except AlreadyRevoked:
                pass
            revoked.append(old.serial_hex)
        return revoked

    @staticmethod
    def expiring(session: Session, within: timedelta) -> list[tuple[str, str]]:
        """(station, certificateType) whose newest accepted certificate expires within
        `within` and that has no newer pending one."""
        limit = datetime.now(UTC) + within
        rows = session.scalars(
            select(StationCertificateRecord).where(
                StationCertificateRecord.status.in_(("accepted", "pending"))
            )
        ).all()
        newest: dict[tuple[str, str], StationCertificateRecord] = {}
        for row in rows:
            key = (row.station_id, row.certificate_type)
            if key not in newest or row.id > newest[key].id:
                newest[key] = row
        return [
            key
            for key, row in newest.items()
            if row.status == "accepted" and row.not_after <= limit
        ]

    @staticmethod
    def of_station(session: Session, station_id: str) -> list[dict[str, Any]]:
        rows = session.scalars(
            select(StationCertificateRecord)
            .where(StationCertificateRecord.station_id == station_id)
            .order_by(StationCertificateRecord.id.desc())
            .limit(20)
        )
        return [
            {
                "certificateType": r.certificate_type,
                "serial": r.serial_hex,
                "status": r.status,
                "notAfter": r.not_after.isoformat(),
                "attempts": r.attempts,
                "lastError": r.last_error,
            }
            for r in rows
        ]


def ocsp_request_from_hash_data(data: dict[str, Any]) -> bytes:
    """The DER OCSPRequest for OCPP OCSPRequestDataType (its fields are an RFC 6960 CertID)."""
    algorithm = _HASHES[data["hashAlgorithm"]]()
    builder = ocsp.OCSPRequestBuilder().add_certificate_by_hash(
        bytes.fromhex(data["issuerNameHash"]),
        bytes.fromhex(data["issuerKeyHash"]),
        int(data["serialNumber"], 16),
        algorithm,
    )
    return builder.build().public_bytes(Encoding.DER)


def usable_ocsp_answer(der: bytes) -> str | None:
    """base64 of a successful OCSP response (good or revoked), else None (M06: only a response
    the CSMS actually obtained is passed on)."""
    try:
        response = ocsp.load_der_ocsp_response(der)
    except ValueError:
        return None
    if response.response_status is not ocsp.OCSPResponseStatus.SUCCESSFUL:
        return None
    return base64.b64encode(der).decode()
