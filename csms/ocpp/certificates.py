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
from cryptography.x509.oid import NameOID
from sqlalchemy import ColumnElement, exists, func, select
from sqlalchemy.orm import Session

from iso15118.evse_id import evse_key
from pki.authority import CertificateAuthority
from pki.csr import load_csr
from pki.errors import AlreadyRevoked, CsrRejected, PkiError
from pki.issuance import parse_serial
from pki.ocsp import cert_id_for

from . import enrollment, limits
from .db import StationCertificateRecord
from .enrollment import effective_v2g_issuer
from .stations import Station

log = logging.getLogger("csms.ocpp")

CHARGING_STATION = "ChargingStationCertificate"
V2G = "V2GCertificate"
V2G20 = "V2G20Certificate"  # OCPP 2.1: the SECC certificate of the ISO 15118-20 PKI
# certificateType → (CA profile, must CN equal the station identity?)
PROFILES: dict[str, tuple[str, bool]] = {
    CHARGING_STATION: ("charging-station", True),
    V2G: ("secc", False),  # CN = ISO15118Ctrlr.SeccId: one of the station's registered EVSE IDs
    V2G20: ("secc-20", False),
}
SECC_KINDS = frozenset({V2G, V2G20})
# An unanswered CertificateSigned blocks a new request of its type for this long (one
# outstanding request per type); after it a new request replaces it, so a station that lost
# its key is never locked out of renewal.
OUTSTANDING_FOR = timedelta(minutes=15)
TRIGGERS = {
    CHARGING_STATION: "SignChargingStationCertificate",
    V2G: "SignV2GCertificate",
    V2G20: "SignV2G20Certificate",
}

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
    request_id: int | None = None


class StationCertificates:
    """Every method works in the caller's transaction.

    What a station may get signed, checked before anything is reserved:
    - a station certificate (A02) names the station's own identity as its CN;
    - a charging (SECC, ISO 15118) certificate names one of the EVSE IDs registered for the
      station (an EVSE ID belongs to one station), so no partner can speak to cars as another
      partner's charger; and only over TLS (security profiles 2, 3), unless an operator allowed
      the station explicitly;
    - one request of each type at a time: a new one only once the last certificate of that type
      was delivered and answered;
    - at most `requests_per_hour` issued certificates per station and hour.
    """

    def __init__(
        self,
        ca: CertificateAuthority,
        organization: str,
        *,
        requests_per_hour: int = 6,
        external_v2g: bool = False,
    ) -> None:
        self._ca = ca
        self._organization = organization
        self._requests_per_hour = requests_per_hour
        # Whether an external CA (OPCP EST) can sign V2G certificates: csms/ocpp/enrollment.py
        self._external_v2g = external_v2g

    def sign(
        self,
        session: Session,
        station: Station,
        csr: str,
        certificate_type: str | None,
        *,
        request_id: int | None = None,
        root_hash: dict[str, Any] | None = None,
    ) -> SignOutcome:
        """Check the request and the CSR and issue; a combined request (no type) gets a station
        certificate. The certificate and its pending delivery are stored in the same
        transaction, so an issued certificate is always one the retry loop will deliver.
        OCPP 2.1: `request_id` is kept for the CertificateSigned; `root_hash` (the station's
        hashRootCertificate) must name the root the certificate would chain to."""
        kind = certificate_type or CHARGING_STATION
        profile, cn_is_identity = PROFILES[kind]
        refusal = self._refusal(session, station, kind)
        if refusal is not None:
            return refusal
        if kind in SECC_KINDS and effective_v2g_issuer(session, station.id) == "opcp":
            return self._external(session, station, csr, kind, request_id)
        if root_hash is not None and not self._is_our_root(profile, root_hash):
            return SignOutcome(
                False,
                reason="UnknownRoot",
                detail="hashRootCertificate names no root this certificate would chain to",
            )
        try:
            expected_cn = station.id if cn_is_identity else self._registered_cn(station, csr)
            issued = self._ca.issue_from_csr(
                session,
                csr,
                profile,
                actor=f"station:{station.id}",
                expected_cn=expected_cn,
                expected_organization=self._organization,
            )
        except CsrRejected as exc:
            return SignOutcome(False, reason=exc.code, detail=str(exc))
        except PkiError as exc:
            log.warning("%s: issuance failed: %s", station.id, exc)
            return SignOutcome(False, reason=exc.code, detail=str(exc))
        record = StationCertificateRecord(
            station_id=station.id,
            certificate_type=kind,
            serial_hex=issued.serial_hex,
            not_after=issued.certificate.not_valid_after_utc,
            pem_chain=issued.pem_chain(),
            status="pending",
            attempts=0,
            created_at=datetime.now(UTC),
            request_id=request_id,
        )
        session.add(record)
        session.flush()
        return SignOutcome(True, record_id=record.id)

    def _external(
        self, session: Session, station: Station, csr: str, kind: str, request_id: int | None
    ) -> SignOutcome:
        """Checked as a local request is, then recorded for the enrollment worker: the
        station is answered now and gets CertificateSigned once the external CA signed."""
        if not self._external_v2g:
            log.warning(
                "%s: its V2G certificates come from OPCP, which is not configured", station.id
            )
            return SignOutcome(
                False,
                reason="NoExternalIssuer",
                detail="this station's V2G certificates come from OPCP, which is not configured",
            )
        if enrollment.outstanding(session, station.id, kind):
            return SignOutcome(
                False,
                reason="RequestPending",
                detail=f"a {kind} is being enrolled with the external CA",
            )
        try:
            self._registered_cn(station, csr)
            loaded = load_csr(csr).csr
        except CsrRejected as exc:
            return SignOutcome(False, reason=exc.code, detail=str(exc))
        if not loaded.is_signature_valid:
            return SignOutcome(False, reason="InvalidCSR", detail="the CSR's signature is wrong")
        iso_version = "ISO15118-20" if kind == V2G20 else "ISO15118-2"
        pem = loaded.public_bytes(Encoding.PEM).decode()
        record = enrollment.record_request(session, station.id, kind, pem, iso_version, request_id)
        log.info("%s: %s to be enrolled externally (request %d)", station.id, kind, record.id)
        return SignOutcome(True)

    def _is_our_root(self, profile: str, root_hash: dict[str, Any]) -> bool:
        """Whether the station's CertificateHashData names the root of the chain this profile
        is issued under (the root's CertID: its own name and key hashes and its serial)."""
        issuer = self._ca.default_issuer(profile)
        root = self._ca.chain_to_root(issuer)[-1]
        algorithm = _HASHES.get(str(root_hash.get("hashAlgorithm")))
        if algorithm is None:
            return False
        cid = cert_id_for(root, root, algorithm().name)
        try:
            return (
                bytes.fromhex(str(root_hash["issuerNameHash"])) == cid.issuer_name_hash
                and bytes.fromhex(str(root_hash["issuerKeyHash"])) == cid.issuer_key_hash
                and int(str(root_hash["serialNumber"]), 16) == root.serial_number
            )
        except (KeyError, ValueError):
            return False

    def _refusal(self, session: Session, station: Station, kind: str) -> SignOutcome | None:
        if (
            kind in SECC_KINDS
            and station.security_profile < 2
            and not station.allow_v2g_without_tls
        ):
            return SignOutcome(
                False,
                reason="InsecureConnection",
                detail="charging (V2G) certificates go to stations on TLS (profiles 2, 3)",
            )
        outstanding = session.scalars(
            select(StationCertificateRecord)
            .where(
                StationCertificateRecord.station_id == station.id,
                StationCertificateRecord.certificate_type == kind,
                StationCertificateRecord.status == "pending",
            )
            .with_for_update()
        ).all()
        stale_before = datetime.now(UTC) - OUTSTANDING_FOR
        if any(record.created_at > stale_before for record in outstanding):
            return SignOutcome(
                False,
                reason="RequestPending",
                detail=f"a {kind} is waiting for the station's answer to CertificateSigned",
            )
        for record in outstanding:
            # Unanswered for so long that the station has asked again with a new key: stop
            # delivering the old one. `answered` revokes it once the new one is accepted.
            record.status = "abandoned"
            record.last_error = "replaced by a newer request before the station answered"
        since = datetime.now(UTC) - timedelta(hours=1)
        recent = session.scalar(
            select(func.count(StationCertificateRecord.id)).where(
                StationCertificateRecord.station_id == station.id,
                StationCertificateRecord.created_at >= since,
            )
        )
        if (recent or 0) >= self._requests_per_hour:
            return SignOutcome(
                False,
                reason="TooManyRequests",
                detail=f"at most {self._requests_per_hour} certificates per station and hour",
            )
        return None

    @staticmethod
    def _registered_cn(station: Station, csr: str) -> str:
        """The CSR's CN, if it names one of the station's EVSE IDs; CsrRejected otherwise."""
        names = load_csr(csr).csr.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
        cn = str(names[0].value) if len(names) == 1 else ""
        registered = {evse_key(evse_id) for evse_id in station.evse_ids}
        if not registered:
            raise CsrRejected(
                "UnknownEvseId", f"station {station.id} has no EVSE IDs registered for V2G"
            )
        if evse_key(cn) not in registered:
            raise CsrRejected(
                "UnknownEvseId", f"CN {cn!r} is not an EVSE ID registered for {station.id}"
            )
        return cn

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
        return [Delivery(r.id, r.certificate_type, r.pem_chain, r.request_id) for r in rows]

    @staticmethod
    def pending_exists(station_id: ColumnElement[str]) -> ColumnElement[bool]:
        """Whether a certificate waits for delivery to the station `station_id` names, as an
        expression the opening handshake asks in the same query as the station's row (so a
        reconnect with nothing waiting costs no query more)."""
        return exists().where(
            StationCertificateRecord.station_id == station_id,
            StationCertificateRecord.status == "pending",
        )

    @staticmethod
    def has_accepted(session: Session, station_id: str, certificate_type: str) -> bool:
        """Whether the station accepted a certificate of this type (it holds one, unless it
        was revoked since: a revoked one is refused at the handshake anyway)."""
        return bool(
            session.scalar(
                select(
                    exists().where(
                        StationCertificateRecord.station_id == station_id,
                        StationCertificateRecord.certificate_type == certificate_type,
                        StationCertificateRecord.status == "accepted",
                    )
                )
            )
        )

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
                StationCertificateRecord.status.in_(
                    ("accepted", "pending", "rejected", "abandoned")
                ),
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
        issued = [
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
        # Requests an external CA has not signed yet, or gave up on (enrollment.py): a
        # certificate the station asked for and has not got is shown with why.
        waiting = [
            {
                "certificateType": e.certificate_type,
                "serial": None,
                "status": "enrolling" if e.status == "enrolling" else "enrollment_failed",
                "notAfter": None,
                "attempts": e.attempts,
                "lastError": e.last_error,
                "issuer": "opcp",
            }
            for e in enrollment.Enrollments.of_station(session, station_id)
            if e.status != "enrolled"
        ]
        return waiting + issued


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
