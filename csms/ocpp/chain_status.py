"""OCPP 2.1 GetCertificateChainStatus: the revocation status of up to four certificates.

For a certificate of the product's own CAs the answer comes from its own status store, the
one its OCSP responder and its CRLs publish, whichever source the station names. For anyone
else's certificate, only an OCSP responder the operator listed (`CSMS_OCPP_TRUSTED_OCSP_
RESPONDERS`) among the station's URLs is asked, and its answer counts only when its signature
verifies against a certificate of the trust store (the issuer itself, or a responder the
issuer delegated to). A URL a station sends is never fetched on its word: it could point
anywhere, inside our network too. Foreign CRLs are not fetched: such a request is Failed.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.x509 import ocsp
from cryptography.x509.oid import ExtendedKeyUsageOID

from pki.ocsp import key_bits

from .certificates import ocsp_request_from_hash_data

log = logging.getLogger("csms.ocpp")

# When no nextUpdate is known, how soon the station should ask again.
DEFAULT_NEXT_UPDATE = timedelta(hours=1)
_STATUS = {
    ocsp.OCSPCertStatus.GOOD: "Good",
    ocsp.OCSPCertStatus.REVOKED: "Revoked",
    ocsp.OCSPCertStatus.UNKNOWN: "Unknown",
}


@dataclass(frozen=True)
class ChainStatusPorts:
    """What the answer needs: the product's own responder, the operator's responders and the
    trust store's certificates (to check a foreign answer's signature)."""

    own_responder: Callable[[bytes], bytes]
    trusted_urls: Iterable[str]
    fetch: Callable[[str, bytes], Awaitable[bytes | None]]
    anchors: Callable[[], Awaitable[list[x509.Certificate]]]


async def chain_status(
    ports: ChainStatusPorts, requests: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    return [await _one(ports, request) for request in requests]


async def _one(ports: ChainStatusPorts, request: dict[str, Any]) -> dict[str, Any]:
    hash_data = request["certificateHashData"]
    answer = {"certificateHashData": hash_data, "source": request["source"]}
    try:
        ocsp_request = ocsp_request_from_hash_data(hash_data)
    except (ValueError, KeyError):
        return {**answer, "status": "Failed", "nextUpdate": _iso(_soon())}
    own = _parse(ports.own_responder(ocsp_request))
    if own is not None:  # one of ours: the status store answers, for OCSP and CRL alike
        return {**answer, **_status_of(own)}
    if request["source"] == "OCSP":
        trusted = set(ports.trusted_urls)
        for url in request["urls"]:
            if url not in trusted:
                continue
            der = await ports.fetch(url, ocsp_request)
            response = _parse(der) if der else None
            if response is not None and _verified(response, await ports.anchors()):
                return {**answer, **_status_of(response)}
            log.info("OCSP answer from %s not usable (unsigned by a trusted issuer)", url)
    return {**answer, "status": "Failed", "nextUpdate": _iso(_soon())}


def _parse(der: bytes) -> ocsp.OCSPResponse | None:
    try:
        response = ocsp.load_der_ocsp_response(der)
    except ValueError:
        return None
    if response.response_status is not ocsp.OCSPResponseStatus.SUCCESSFUL:
        return None
    return response


def _status_of(response: ocsp.OCSPResponse) -> dict[str, str]:
    next_update = response.next_update_utc or _soon()
    return {"status": _STATUS[response.certificate_status], "nextUpdate": _iso(next_update)}


def _verified(response: ocsp.OCSPResponse, anchors: list[x509.Certificate]) -> bool:
    """The response's signature checks out against the certificate's issuer from the trust
    store, directly or through a responder certificate that issuer signed for OCSP."""
    issuers = [
        a for a in anchors if _key_hash(a, response.hash_algorithm) == response.issuer_key_hash
    ]
    for issuer in issuers:
        if _signed_by(issuer, response.signature, response.tbs_response_bytes, response):
            return True
        for responder in response.certificates:
            try:
                responder.verify_directly_issued_by(issuer)
                usage = responder.extensions.get_extension_for_class(x509.ExtendedKeyUsage)
            except (ValueError, TypeError, InvalidSignature, x509.ExtensionNotFound):
                continue
            if ExtendedKeyUsageOID.OCSP_SIGNING in usage.value and _signed_by(
                responder, response.signature, response.tbs_response_bytes, response
            ):
                return True
    return False


def _signed_by(
    cert: x509.Certificate, signature: bytes, data: bytes, response: ocsp.OCSPResponse
) -> bool:
    key = cert.public_key()
    algorithm = response.signature_hash_algorithm
    if algorithm is None:
        return False
    try:
        if isinstance(key, ec.EllipticCurvePublicKey):
            key.verify(signature, data, ec.ECDSA(algorithm))
        elif isinstance(key, rsa.RSAPublicKey):
            key.verify(signature, data, padding.PKCS1v15(), algorithm)
        else:
            return False
    except InvalidSignature:
        return False
    return True


def _key_hash(cert: x509.Certificate, algorithm: hashes.HashAlgorithm) -> bytes:
    """RFC 6960 issuerKeyHash: over the subjectPublicKey bits, with the response's hash."""
    return hashlib.new(algorithm.name, key_bits(cert.public_key())).digest()


def _soon() -> datetime:
    return datetime.now(UTC) + DEFAULT_NEXT_UPDATE


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


__all__ = ["ChainStatusPorts", "chain_status"]
