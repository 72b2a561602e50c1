"""The OCSP responder (RFC 6960, with the RFC 5019 lightweight profile's GET form).

Every request is answered from the database's current state, so a revocation shows at once in
every process sharing the database. Signed responses to nonce-less requests are reused for a
short while when the certificate's status has not changed since (RFC 5019 section 6 allows
pre-produced responses); a request with a nonce is always signed afresh. A reused response is
one signed for the same CertID *bytes*: every response echoes its own requester's CertID, and
two encodings of one CertID (SHA-1's AlgorithmIdentifier with or without NULL parameters) are
answered apart.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from urllib.parse import unquote

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed448, ed25519, rsa
from cryptography.x509 import ocsp
from sqlalchemy import Engine

from . import der
from .authority import Authority, CertificateAuthority
from .issuance import serial_to_hex
from .status_reader import StatusReader

log = logging.getLogger("pki.ocsp")

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
        engine: Engine,
        *,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self._ca = ca
        self._reader = StatusReader(engine)
        self._clock = clock
        self._issuers: dict[tuple[str, bytes, bytes], Authority] | None = None
        # raw CertID DER -> (status, reusable until (monotonic), signed response)
        self._cache: OrderedDict[bytes, tuple[_Status, float, bytes]] = OrderedDict()
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
            return self._signed(authority, raw_cert_id, status, nonce)
        except Exception:
            # The requester hears internalError (RFC 6960 2.3); the operator hears why.
            log.exception("OCSP: answering serial %X of %s failed", cert_id.serial, authority.name)
            return error_response(OcspStatus.INTERNAL_ERROR)

    def _status(self, ca_name: str, serial: int) -> _Status:
        row = self._reader.read(serial_to_hex(serial), ca_name)
        if row is None or row[0] == "failed":
            return _Status("unknown")
        _, revoked_at, reason = row
        if revoked_at is not None:
            return _Status("revoked", revoked_at, reason)
        return _Status("good")

    def _signed(
        self, authority: Authority, raw_cert_id: bytes, status: _Status, nonce: bytes | None
    ) -> bytes:
        # Keyed by the requester's CertID bytes, which the response echoes: the same CertID in
        # another encoding is another entry, never the first requester's bytes. (The bytes
        # determine the values, so one entry still answers one certificate only.)
        key = raw_cert_id
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
        self, authority: Authority, raw_cert_id: bytes, status: _Status, nonce: bytes | None
    ) -> bytes:
        """A BasicOCSPResponse (RFC 6960 4.2.1) around one SingleResponse, in DER."""
        now = self._clock().replace(microsecond=0)
        responder = self._delegate_of(authority)
        responder_cert = responder.certificate if responder else authority.certificate
        signer = self._ca.signer_for(responder.name if responder else authority.name)
        if status.value == "good":
            cert_status = b"\x80\x00"  # [0] IMPLICIT NULL
        elif status.value == "unknown":
            cert_status = b"\x82\x00"  # [2] IMPLICIT NULL
        else:
            assert status.revoked_at is not None
            revoked_info = der.generalized_time(status.revoked_at)
            code = _REASON_CODES.get(status.reason or "")
            if code:  # "unspecified" (0) is left out, as on the CRL
                revoked_info += der.explicit(0, der.tlv(0x0A, bytes([code])))
            cert_status = der.tlv(0xA1, revoked_info)
        this_update = _generalized_time(now)
        single = der.sequence(
            raw_cert_id,  # echoed byte for byte: clients compare the whole CertID
            cert_status,
            this_update,
            der.explicit(0, _generalized_time(now + RESPONSE_VALIDITY)),
        )
        parts = [
            # ResponderID byKey: SHA-1 of the responder's public key (RFC 6960 4.2.1)
            der.explicit(2, der.tlv(0x04, _key_hash(responder_cert))),
            this_update,  # producedAt
            der.sequence(single),
        ]
        if nonce is not None:
            extension = der.sequence(_OID_NONCE, der.tlv(0x04, der.tlv(0x04, nonce)))
            parts.append(der.explicit(1, der.sequence(extension)))
        tbs = der.sequence(*parts)
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
        delegate = self._ca.find_authority(f"{authority.name}-ocsp")
        if delegate is None or delegate.profile.name != "ocsp-responder":
            return None
        if delegate.certificate.not_valid_after_utc <= self._clock():
            return None  # an expired delegate must not sign; the CA answers itself
        return delegate


_REASON_CODES = {  # RFC 5280 CRLReason
    "keyCompromise": 1,
    "cACompromise": 2,
    "affiliationChanged": 3,
    "superseded": 4,
    "cessationOfOperation": 5,
    "certificateHold": 6,
    "privilegeWithdrawn": 9,
    "aACompromise": 10,
}
_OID_NONCE = bytes.fromhex("06092b0601050507300102")


@lru_cache(maxsize=256)  # certificates hash and compare by their DER
def _key_hash(certificate: x509.Certificate) -> bytes:
    return hashlib.sha1(key_bits(certificate.public_key())).digest()  # noqa: S324 - RFC 6960


@lru_cache(maxsize=16)  # every response signed in one second shares its times
def _generalized_time(moment: datetime) -> bytes:
    return der.generalized_time(moment)


def _raw_cert_id(data: bytes) -> bytes:
    """The DER of the (single) request's CertID, found by walking the structure:
    OCSPRequest > tbsRequest > requestList > Request > reqCert."""
    _, start, end = der.read_tlv(data)
    _, _, tbs_start, tbs_end = der.children(data, start, end)[0]
    for tag, _, value_start, value_end in der.children(data, tbs_start, tbs_end):
        if tag == 0x30:  # requestList; [0] version and [1] requestorName come before it
            _, _, request_start, request_end = der.children(data, value_start, value_end)[0]
            _, cert_id_start, _, cert_id_end = der.children(data, request_start, request_end)[0]
            return data[cert_id_start:cert_id_end]
    raise der.DerError("no requestList")


def _parse_request(data: bytes) -> tuple[CertId, bytes, bytes | None] | None:
    """The one CertID (parsed and raw) and the nonce of a request, or None if it is not one
    we can answer. RFC 5019 clients ask about one certificate per request; a request for
    several is refused as malformed rather than half answered."""
    if not data or len(data) > MAX_REQUEST_BYTES:
        return None
    remembered = _REMEMBERED_REQUESTS.get(data)
    if remembered is not None:
        return remembered
    parsed = _parse_request_anew(data)
    if parsed is not None and parsed[2] is None and len(data) <= _MAX_REMEMBERED_REQUEST:
        if len(_REMEMBERED_REQUESTS) >= _REMEMBERED_ENTRIES:
            _REMEMBERED_REQUESTS.clear()  # bounded by starting over: simple and thread-safe
        _REMEMBERED_REQUESTS[data] = parsed
    return parsed


# A station or car without a nonce asks about its certificate with the same bytes every time
# (RFC 5019), so the parse of such a request, a pure function of its bytes, is remembered.
# Requests with a nonce differ every time and are not.
_MAX_REMEMBERED_REQUEST = 512
_REMEMBERED_ENTRIES = 4096
_REMEMBERED_REQUESTS: dict[bytes, tuple[CertId, bytes, bytes | None]] = {}


def _parse_request_anew(data: bytes) -> tuple[CertId, bytes, bytes | None] | None:
    try:
        request = ocsp.load_der_ocsp_request(data)  # refuses several CertIDs, bad encodings
        hash_name = request.hash_algorithm.name
        if hash_name not in _HASH_NAMES:
            return None
        cert_id = CertId(
            hash_name, request.issuer_name_hash, request.issuer_key_hash, request.serial_number
        )
        if cert_id.serial <= 0:
            return None
        nonce: bytes | None = None
        for extension in request.extensions:
            if isinstance(extension.value, x509.OCSPNonce):
                nonce = extension.value.nonce
            elif extension.critical:
                return None
        if nonce is not None and not 1 <= len(nonce) <= 32:  # RFC 8954: 1 to 32 octets
            return None
        raw = _raw_cert_id(data)
    except Exception:  # malformed input surfaces as several exception types
        return None
    return cert_id, raw, nonce


def request_from_url_path(encoded: str) -> bytes:
    """The DER request of an RFC 5019 GET (the URL-encoded base64 after `/ocsp/`); empty if
    unreadable, which `OcspResponder.respond` answers as malformedRequest."""
    try:
        return base64.b64decode(unquote(encoded), validate=True)
    except (binascii.Error, ValueError):
        return b""
