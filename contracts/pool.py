"""Contracts of other mobility operators, from a contract certificate pool (Hubject's CCP
through OPCP, csms/opcp): the port the CPS asks, and the checks on what comes back.

When a car asks to install a contract for a PCID that has no contract here, the contract may
be another operator's: the pool holds signed contract data that operator's CPS made for the
car (a complete CertificateInstallationRes). The CPS passes the car's request on, within a
budget (ISO 15118-2 gives the whole exchange 5 s; the pool gets at most 2 of them), checks
that the answer is a successful CertificateInstallationRes signed by the certificate it
carries, sets the car's SessionID in its header (the header is not signed), and answers the
station with it. Nothing is cached: the answer carries a private key encrypted to the car.
"""

from __future__ import annotations

import base64
import binascii
import logging
import time
from dataclasses import dataclass
from typing import Protocol

from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import ec

from iso15118 import (
    ExiDecodeError,
    SignatureError,
    decode_v2g_message,
    encode_v2g_message,
    verify_signature,
)
from iso15118.messages import CertificateInstallationRes, Header, V2GMessage

log = logging.getLogger(__name__)

ISO2_NAMESPACE = "urn:iso:15118:2:2013:MsgDef"


class PoolUnavailable(Exception):
    """The pool could not be asked or did not answer in time (code: an OpcpError code)."""

    def __init__(self, code: str, detail: str) -> None:
        super().__init__(detail)
        self.code = code
        self.detail = detail


class ContractPool(Protocol):
    def signed_contract_data(
        self, installation_request_b64: str, namespace: str, *, deadline_s: float
    ) -> list[tuple[str, str | None]]:
        """(certificateInstallationRes base64 EXI, eMAID) pairs for the car's request, [] when
        the pool has none; PoolUnavailable when it cannot say."""
        ...


@dataclass(frozen=True)
class PoolAnswer:
    exi_response: bytes
    emaid: str | None


class PoolRefused(Exception):
    """The pool had no usable contract for the car (the reason is for the operator's log)."""


def from_pool(
    pool: ContractPool,
    request_exi: bytes,
    session_id: bytes,
    *,
    budget_s: float,
    max_response: int,
) -> PoolAnswer:
    """The first usable signed contract data the pool has for this request."""
    started = time.monotonic()
    try:
        found = pool.signed_contract_data(
            base64.b64encode(request_exi).decode(), ISO2_NAMESPACE, deadline_s=budget_s
        )
    except PoolUnavailable as exc:
        raise PoolRefused(f"the contract pool did not answer: {exc.detail} [{exc.code}]") from None
    if not found:
        raise PoolRefused("the contract pool has no contract for this car")
    reasons: list[str] = []
    for exi_b64, emaid in found:
        try:
            return PoolAnswer(_checked(exi_b64, session_id, max_response), emaid)
        except PoolRefused as exc:
            reasons.append(str(exc))
    log.warning(
        "contract pool: %d answer(s) unusable after %.0f ms: %s",
        len(found),
        (time.monotonic() - started) * 1000,
        "; ".join(reasons),
    )
    raise PoolRefused("; ".join(reasons))


def _checked(exi_b64: str, session_id: bytes, max_response: int) -> bytes:
    if len(exi_b64) > max_response:
        raise PoolRefused("the pool's answer is larger than the station may carry")
    try:
        message = decode_v2g_message(base64.b64decode(exi_b64, validate=True))
    except (binascii.Error, ValueError, ExiDecodeError) as exc:
        raise PoolRefused(f"the pool's answer is not a -2 V2G_Message: {exc}") from None
    body = message.body
    if not isinstance(body, CertificateInstallationRes):
        raise PoolRefused("the pool's answer is not a CertificateInstallationRes")
    if not body.response_code.startswith("OK"):
        raise PoolRefused(f"the pool's answer says {body.response_code}")
    signature = message.header.signature
    if signature is None:
        raise PoolRefused("the pool's answer is not signed")
    try:
        signer = x509.load_der_x509_certificate(body.sa_provisioning_certificate_chain.certificate)
        key = signer.public_key()
        if not isinstance(key, ec.EllipticCurvePublicKey):
            raise PoolRefused("the pool's CPS certificate has no EC key")
        verify_signature(signature.to_tree(), message.signed_elements(), key)
    except (SignatureError, KeyError, ValueError) as exc:
        raise PoolRefused(f"the pool's answer's signature does not verify: {exc}") from None
    # The car checks that the answer is for its session; the header is outside the signature.
    patched = V2GMessage(Header(session_id, signature, message.header.notification), body)
    return encode_v2g_message(patched)
