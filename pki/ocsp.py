"""The OCSP responder (RFC 6960, with the RFC 5019 lightweight profile's GET form).

Every request is answered from the database's current state, so a revocation shows at once in
every process sharing the database. Signed responses to nonce-less requests are reused for a
short while when the certificate's status has not changed since (RFC 5019 section 6 allows
pre-produced responses); a request with a nonce is always signed afresh.
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from asn1crypto import core as asn1_core
from asn1crypto import ocsp as asn1_ocsp
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed448, ed25519, rsa
from sqlalchemy import select
from sqlalchemy.orm import Session

from . import der
from .authority import Authority, CertificateAuthority
from .db import CertificateRecord
from .issuance import serial_to_hex

RESPONSE_VALIDITY = timedelta(days=7)  # stations refresh about weekly and staple to cars
REUSE_SECONDS = 60.0
CACHE_ENTRIES = 20_000
MAX_REQUEST_BYTES = 16 * 1024
_OID_PKIX_OCSP_BASIC = bytes.fromhex("06092b0601050507300101")
# CertID hash algorithms answered: SHA-1 because RFC 5019 clients (openssl's default) use it.
_HASH_NAMES = ("sha1", "sha256", "sha384", "sha512")


class OcspStatus:
    """OCSPResponseStatus values (RFC 6960 4.2.1)."""

    MALFORMED_REQUEST = 1
    INTERNAL_ERROR = 2
    UNAUTHORIZED = 6


def error_response(status: int) -> bytes:
    return der.sequence(der.tlv(0x0A, bytes([status])))


def key_bits(public_key: object) -> bytes:
    """The subjectPublicKey BIT STRING contents, which issuerKeyHash is computed over."""
    if isinstance(public_key, ec.EllipticCurvePublicKey):
        return public_key.public_bytes(
            serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
        )
    if isinstance(public_key, ed448.Ed448PublicKey | ed25519.Ed25519PublicKey):
        return public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    if isinstance(public_key, rsa.RSAPublicKey):
        return public_key.public_bytes(serialization.Encoding.DER, serialization.PublicFormat.PKCS1)
    raise TypeError(f"unsupported key {type(public_key).__name__}")


@dataclass(frozen=True)
class CertId:
    hash_name: str
    issuer_name_hash: bytes
    issuer_key_hash: bytes
    serial: int


def cert_id_for(certificate: x509.Certificate, issuer: x509.Certificate, hash_name: str) -> CertId:
    """The RFC 6960 CertID of `certificate`; OCPP's certificate hash data is this in hex."""
    name_hash = hashlib.new(hash_name, issuer.subject.public_bytes()).digest()
    key_hash = hashlib.new(hash_name, key_bits(issuer.public_key())).digest()
    return CertId(hash_name, name_hash, key_hash, certificate.serial_number)


@dataclass(frozen=True)
class _Status:
    value: str  # good | revoked | unknown
    revoked_at: datetime | None = None
    reason: str | None = None


class OcspResponder:
    def __init__(
        self,
        ca: CertificateAuthority,
        session_factory: Callable[[], Session],
        *,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self._ca = ca
        self._session_factory = session_factory
        self._clock = clock
        self._issuers: dict[tuple[str, bytes, bytes], Authority] | None = None
        self._cache: OrderedDict[tuple[str, bytes, bytes, int], tuple[_Status, float, bytes]] = (
            OrderedDict()
        )
        self._lock = threading.Lock()

    def _issuer_index(self) -> dict[tuple[str, bytes, bytes], Authority]:
        index = self._issuers
        if index is None:
            index = {}
            for authority in self._ca.authorities().values():
                if not authority.profile.ca:
                    continue
                cert = authority.certificate
                for name in _HASH_NAMES:
                    name_hash = hashlib.new(name, cert.subject.public_bytes()).digest()
                    key_hash = hashlib.new(name, key_bits(cert.public_key())).digest()
                    index[(name, name_hash, key_hash)] = authority
            self._issuers = index
        return index

    def forget_issuers(self) -> None:
        """Call after the hierarchy changed (pki init)."""
        self._issuers = None

    def respond(self, request_der: bytes) -> bytes:
        """A DER OCSPResponse for a DER OCSPRequest; never raises for bad input."""
        parsed = _parse_request(request_der)
        if parsed is None:
            return error_response(OcspStatus.MALFORMED_REQUEST)
        cert_id, raw_cert_id, nonce = parsed
        authority = self._issuer_index().get(
            (cert_id.hash_name, cert_id.issuer_name_hash, cert_id.issuer_key_hash)
        )
        if authority is None:
            return error_response(OcspStatus.UNAUTHORIZED)
        try:
            status = self._status(authority.name, cert_id.serial)
            return self._signed(authority, cert_id, raw_cert_id, status, nonce)
        except Exception:
            return error_response(OcspStatus.INTERNAL_ERROR)

    def _status(self, ca_name: str, serial: int) -> _Status:
        with self._session_factory() as session:
            row = session.execute(
                select(
                    CertificateRecord.status,
                    CertificateRecord.revoked_at,
                    CertificateRecord.revocation_reason,
                ).where(
                    CertificateRecord.serial_hex == serial_to_hex(serial),
                    CertificateRecord.issuer_ca == ca_name,
                )
            ).first()
        if row is None or row.status == "failed":
            return _Status("unknown")
        if row.revoked_at is not None:
            return _Status("revoked", row.revoked_at, row.revocation_reason)
        return _Status("good")

    def _signed(
        self,
        authority: Authority,
        cert_id: CertId,
        raw_cert_id: asn1_ocsp.CertId,
        status: _Status,
        nonce: bytes | None,
    ) -> bytes:
        key = (cert_id.hash_name, cert_id.issuer_name_hash, cert_id.issuer_key_hash, cert_id.serial)
        if nonce is None:
            with self._lock:
                cached = self._cache.get(key)
            if cached is not None and cached[0] == status and cached[1] > time.monotonic():
                return cached[2]
        response = self._sign_response(authority, raw_cert_id, status, nonce)
        if nonce is None:
            with self._lock:
                self._cache[key] = (status, time.monotonic() + REUSE_SECONDS, response)
                self._cache.move_to_end(key)
                while len(self._cache) > CACHE_ENTRIES:
                    self._cache.popitem(last=False)
        return response

    def _sign_response(
        self,
        authority: Authority,
        raw_cert_id: asn1_ocsp.CertId,
        status: _Status,
        nonce: bytes | None,
    ) -> bytes:
        now = self._clock().replace(microsecond=0)
        responder = self._delegate_of(authority)
        responder_cert = responder.certificate if responder else authority.certificate
        signer = self._ca.signer_for(responder.name if responder else authority.name)
        if status.value == "revoked":
            assert status.revoked_at is not None
            revoked_info: dict[str, object] = {"revocation_time": status.revoked_at}
            if status.reason and status.reason != x509.ReasonFlags.unspecified.value:
                revoked_info["revocation_reason"] = _ASN1_REASONS[status.reason]
            cert_status = asn1_ocsp.CertStatus(
                name="revoked", value=asn1_ocsp.RevokedInfo(revoked_info)
            )
        else:
            cert_status = asn1_ocsp.CertStatus(name=status.value, value=asn1_core.Null())
        response_data: dict[str, object] = {
            # byKey: SHA-1 of the responder's public key, as RFC 6960 4.2.1 defines it
            "responder_id": asn1_ocsp.ResponderId(
                name="by_key",
                value=hashlib.sha1(key_bits(responder_cert.public_key())).digest(),  # noqa: S324
            ),
            "produced_at": now,
            "responses": [
                {
                    # The request's CertID, echoed byte for byte: clients compare it whole,
                    # hash algorithm parameters included.
                    "cert_id": raw_cert_id,
                    "cert_status": cert_status,
                    "this_update": now,
                    "next_update": now + RESPONSE_VALIDITY,
                }
            ],
        }
        if nonce is not None:
            response_data["response_extensions"] = [
                {"extn_id": "nonce", "critical": False, "extn_value": nonce}
            ]
        tbs = asn1_ocsp.ResponseData(response_data).dump()
        basic_parts = [
            tbs,
            der.ALGORITHM_IDENTIFIERS[signer.signature_algorithm],
            der.bit_string(signer.sign(tbs)),
        ]
        if responder is not None:  # a delegated responder sends its certificate along
            responder_der = responder_cert.public_bytes(serialization.Encoding.DER)
            basic_parts.append(der.explicit(0, der.sequence(responder_der)))
        basic = der.sequence(*basic_parts)
        response_bytes = der.sequence(_OID_PKIX_OCSP_BASIC, der.tlv(0x04, basic))
        return der.sequence(der.tlv(0x0A, b"\x00"), der.explicit(0, response_bytes))

    def _delegate_of(self, authority: Authority) -> Authority | None:
        delegate = self._ca.authorities().get(f"{authority.name}-ocsp")
        if delegate is None or delegate.profile.name != "ocsp-responder":
            return None
        if delegate.certificate.not_valid_after_utc <= self._clock():
            return None  # an expired delegate must not sign; the CA answers itself
        return delegate


_ASN1_REASONS = {
    "keyCompromise": "key_compromise",
    "cACompromise": "ca_compromise",
    "affiliationChanged": "affiliation_changed",
    "superseded": "superseded",
    "cessationOfOperation": "cessation_of_operation",
    "certificateHold": "certificate_hold",
    "privilegeWithdrawn": "privilege_withdrawn",
    "aACompromise": "aa_compromise",
}
_HASH_OIDS = {
    "1.3.14.3.2.26": "sha1",
    "2.16.840.1.101.3.4.2.1": "sha256",
    "2.16.840.1.101.3.4.2.2": "sha384",
    "2.16.840.1.101.3.4.2.3": "sha512",
}
_HASH_LENGTHS = {"sha1": 20, "sha256": 32, "sha384": 48, "sha512": 64}


def _parse_request(data: bytes) -> tuple[CertId, asn1_ocsp.CertId, bytes | None] | None:
    """The one CertID and the nonce of a request, or None if it is not one we can answer.

    RFC 5019 clients ask about one certificate per request; a request for several is refused
    as malformed rather than half answered."""
    if not data or len(data) > MAX_REQUEST_BYTES:
        return None
    try:
        request = asn1_ocsp.OCSPRequest.load(data, strict=True)
        tbs = request["tbs_request"]
        requests = tbs["request_list"]
        if len(requests) != 1:
            return None
        raw = requests[0]["req_cert"]
        hash_name = _HASH_OIDS.get(raw["hash_algorithm"]["algorithm"].dotted)
        if hash_name is None:
            return None
        name_hash = raw["issuer_name_hash"].native
        key_hash = raw["issuer_key_hash"].native
        if len(name_hash) != _HASH_LENGTHS[hash_name] or len(key_hash) != len(name_hash):
            return None
        serial = raw["serial_number"].native
        if not isinstance(serial, int) or serial <= 0:
            return None
        nonce = request.nonce_value.native if request.nonce_value is not None else None
        if nonce is not None and not 1 <= len(nonce) <= 32:  # RFC 8954: 1 to 32 octets
            return None
    except Exception:  # asn1crypto raises several types for malformed input
        return None
    return CertId(hash_name, name_hash, key_hash, serial), raw, nonce
