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

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed448, ed25519, rsa
from cryptography.x509 import ocsp
from sqlalchemy import select
from sqlalchemy.orm import Session

from . import der
from .authority import Authority, CertificateAuthority
from .db import CertificateRecord
from .issuance import serial_to_hex, throwaway_sign_args

RESPONSE_VALIDITY = timedelta(days=7)  # stations refresh about weekly and staple to cars
REUSE_SECONDS = 60.0
CACHE_ENTRIES = 20_000
MAX_REQUEST_BYTES = 16 * 1024
_OID_PKIX_OCSP_BASIC = bytes.fromhex("06092b0601050507300101")
_HASHES: dict[str, hashes.HashAlgorithm] = {
    "sha1": hashes.SHA1(),  # noqa: S303 - RFC 5019 clients (openssl's default) identify by SHA-1
    "sha256": hashes.SHA256(),
    "sha384": hashes.SHA384(),
    "sha512": hashes.SHA512(),
}


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
                for name in _HASHES:
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
        if not request_der or len(request_der) > MAX_REQUEST_BYTES:
            return error_response(OcspStatus.MALFORMED_REQUEST)
        try:
            request = ocsp.load_der_ocsp_request(request_der)
            hash_name = request.hash_algorithm.name
            cert_id = CertId(
                hash_name, request.issuer_name_hash, request.issuer_key_hash, request.serial_number
            )
            nonce = _nonce_of(request)
        except (ValueError, TypeError, x509.UnsupportedGeneralNameType):
            return error_response(OcspStatus.MALFORMED_REQUEST)
        except Exception:  # e.g. an unsupported hash algorithm OID
            return error_response(OcspStatus.MALFORMED_REQUEST)
        if hash_name not in _HASHES:
            return error_response(OcspStatus.MALFORMED_REQUEST)
        authority = self._issuer_index().get(
            (hash_name, cert_id.issuer_name_hash, cert_id.issuer_key_hash)
        )
        if authority is None:
            return error_response(OcspStatus.UNAUTHORIZED)
        try:
            status = self._status(authority.name, cert_id.serial)
            return self._signed(authority, cert_id, status, nonce)
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
        self, authority: Authority, cert_id: CertId, status: _Status, nonce: bytes | None
    ) -> bytes:
        key = (cert_id.hash_name, cert_id.issuer_name_hash, cert_id.issuer_key_hash, cert_id.serial)
        if nonce is None:
            with self._lock:
                cached = self._cache.get(key)
            if cached is not None and cached[0] == status and cached[1] > time.monotonic():
                return cached[2]
        response = self._sign_response(authority, cert_id, status, nonce)
        if nonce is None:
            with self._lock:
                self._cache[key] = (status, time.monotonic() + REUSE_SECONDS, response)
                self._cache.move_to_end(key)
                while len(self._cache) > CACHE_ENTRIES:
                    self._cache.popitem(last=False)
        return response

    def _sign_response(
        self, authority: Authority, cert_id: CertId, status: _Status, nonce: bytes | None
    ) -> bytes:
        now = self._clock().replace(microsecond=0)
        responder = self._delegate_of(authority)
        responder_cert = responder.certificate if responder else authority.certificate
        signer = self._ca.signer_for(responder.name if responder else authority.name)
        cert_status = {
            "good": ocsp.OCSPCertStatus.GOOD,
            "revoked": ocsp.OCSPCertStatus.REVOKED,
            "unknown": ocsp.OCSPCertStatus.UNKNOWN,
        }[status.value]
        reason = None
        if status.reason and status.reason != x509.ReasonFlags.unspecified.value:
            reason = x509.ReasonFlags(status.reason)
        builder = (
            ocsp.OCSPResponseBuilder()
            .add_response_by_hash(
                issuer_name_hash=cert_id.issuer_name_hash,
                issuer_key_hash=cert_id.issuer_key_hash,
                serial_number=cert_id.serial,
                algorithm=_HASHES[cert_id.hash_name],
                cert_status=cert_status,
                this_update=now,
                next_update=now + RESPONSE_VALIDITY,
                revocation_time=status.revoked_at if status.value == "revoked" else None,
                revocation_reason=reason,
            )
            .responder_id(ocsp.OCSPResponderEncoding.HASH, responder_cert)
        )
        if nonce is not None:
            builder = builder.add_extension(x509.OCSPNonce(nonce), critical=False)
        key, hash_algorithm = throwaway_sign_args(signer.signature_algorithm)
        draft = builder.sign(key, hash_algorithm)
        tbs = draft.tbs_response_bytes
        basic_parts = [
            tbs,
            der.ALGORITHM_IDENTIFIERS[signer.signature_algorithm],
            der.bit_string(signer.sign(tbs)),
        ]
        if responder is not None:  # a delegated responder sends its certificate along
            basic_parts.append(
                der.explicit(
                    0, der.sequence(responder_cert.public_bytes(serialization.Encoding.DER))
                )
            )
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


def _nonce_of(request: ocsp.OCSPRequest) -> bytes | None:
    try:
        extension = request.extensions.get_extension_for_class(x509.OCSPNonce)
    except x509.ExtensionNotFound:
        return None
    nonce = extension.value.nonce
    if not 1 <= len(nonce) <= 32:  # RFC 8954: 1 to 32 octets
        raise ValueError("nonce length")
    return nonce
