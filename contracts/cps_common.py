"""What the ISO 15118-2 and -20 certificate provisioning services share: the way a request
is handled and refused (`SchemaCps`), reading the request and the car's certificates, the
CPS chain the car asked for, and issuing a contract certificate in the caller's transaction
(`ContractIssuer`).

Each failure is a `CpsFailure` carrying the response code of the schema at hand; the callers
pass their own codes in (ISO 15118-2 and -20 name the same failures differently).
"""

from __future__ import annotations

import base64
import binascii
import logging
from abc import ABC, abstractmethod
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Generic, TypeVar

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from sqlalchemy.orm import Session

from auth.errors import ServiceError
from iso15118 import CertificateChain, RootCertificateID
from iso15118.contract_key import EncryptedContractKey
from pki.authority import CertificateAuthority, IssuedCertificate
from pki.errors import ValidationReason
from pki.validation import MAX_SUB_CAS, ValidationResult

from . import diagnostics
from .errors import ContractUnusable
from .models import Contract, unusable_reason
from .service import ContractService
from .trust import TrustView

log = logging.getLogger(__name__)

ACTOR = "cps"  # the audit rows' actor: the CPS acts for the station, not for a person
MAX_EXI_CHARACTERS = 5600  # OCPP 2.0.1 Get15118EVCertificate exiRequest / exiResponse
FAILED = "FAILED"  # spelled the same in -2 and -20


@dataclass(frozen=True)
class CpsAnswer:
    """What the OCPP layer returns: status Accepted|Failed and exiResponse (always present:
    OCPP requires it, and a failed response carries the V2G code to the car)."""

    status: str
    exi_response: str
    response_code: str
    detail: str
    emaid: str | None = None
    serial_hex: str | None = None
    # ISO 15118-20: how many more contract chains the car could still get (OCPP 2.1's
    # Get15118EVCertificateResponse.remainingContracts); None for -2.
    remaining_contracts: int | None = None


class CpsFailure(Exception):
    """Why a request gets no certificate: the response code the car sees, and a detail for
    the operator's log."""

    def __init__(self, code: str, detail: str) -> None:
        super().__init__(detail)
        self.code = code
        self.detail = detail


RequestT = TypeVar("RequestT")


class SchemaCps(ABC, Generic[RequestT]):
    """The CPS of one ISO 15118 schema. `handle` is the same for both: read the request,
    serve it, and turn any refusal into a schema-valid failed response echoing the request's
    SessionID once it could be read. A refused request is an answer, never an exception."""

    exi_schema = "iso-2"  # the EXI grammar of the schema's messages (their readable form)

    def __init__(
        self,
        ca: CertificateAuthority,
        trust: TrustView,
        contracts: ContractService,
        issuer: ContractIssuer,
    ) -> None:
        self._ca = ca
        self._trust = trust
        self._contracts = contracts
        self._issuer = issuer

    def handle(
        self,
        session: Session,
        action: str,
        exi_request: str,
        max_exi_request: int = MAX_EXI_CHARACTERS,
    ) -> CpsAnswer:
        session_id = bytes(8)  # until the request is read: nothing to echo
        try:
            self._check_action(action)
            raw = request_bytes(exi_request, max_exi_request)
            diagnostics.exi("request", self.exi_schema, raw)
            with diagnostics.step("decode"):
                request = self._read(raw)
            session_id = self._session_id(request)
            answer = self._serve(session, action, request, raw)
        except ServiceError as exc:  # e.g. the PKI is not initialised
            log.error("Get15118EVCertificate %s: %s [%s]", action, exc, exc.code)
            failure = CpsFailure(FAILED, f"{exc} [{exc.code}]")
        except CpsFailure as caught:
            failure = caught
        else:
            self._diagnose_response(answer)
            return answer
        answer = self.refuse(action, failure, session_id)
        self._diagnose_response(answer)
        return answer

    def _diagnose_response(self, answer: CpsAnswer) -> None:
        diagnostics.note(emaid=answer.emaid)
        try:
            exi = base64.b64decode(answer.exi_response)
        except (binascii.Error, ValueError):
            return
        diagnostics.exi("response", self.exi_schema, exi)

    def refuse(self, action: str, failure: CpsFailure, session_id: bytes = bytes(8)) -> CpsAnswer:
        log.info("Get15118EVCertificate %s failed: %s (%s)", action, failure.code, failure.detail)
        with diagnostics.step("encode"):
            exi = self._failed_response(session_id, action, failure.code)
        return CpsAnswer("Failed", response_text(exi), failure.code, failure.detail)

    @abstractmethod
    def _check_action(self, action: str) -> None:
        """CpsFailure(FAILED) for an action the schema does not have."""

    @abstractmethod
    def _read(self, data: bytes) -> RequestT:
        """The decoded request; CpsFailure(FAILED) if it is not one."""

    @abstractmethod
    def _session_id(self, request: RequestT) -> bytes: ...

    @abstractmethod
    def _serve(self, session: Session, action: str, request: RequestT, raw: bytes) -> CpsAnswer:
        """Serve a decoded request; `raw` is its EXI as the car sent it."""

    @abstractmethod
    def _failed_response(self, session_id: bytes, action: str, code: str) -> bytes:
        """The schema's response message carrying only `code` (EXI bytes)."""


# --- the request --------------------------------------------------------------------------


def request_bytes(exi_request: str, limit: int = MAX_EXI_CHARACTERS) -> bytes:
    """The EXI bytes of OCPP's base64 exiRequest, within the OCPP version's size limit (2.0.1:
    5,600 characters; 2.1: 11,000)."""
    if len(exi_request) > limit:
        raise CpsFailure(FAILED, f"exiRequest has {len(exi_request)} characters, over {limit}")
    try:
        return base64.b64decode(exi_request, validate=True)
    except (binascii.Error, ValueError):
        raise CpsFailure(FAILED, "exiRequest is not base64") from None


def response_text(exi: bytes) -> str:
    """OCPP's base64 exiResponse; a response over the limit is still sent (the station may
    cope), but logged."""
    text = b64(exi)
    if len(text) > MAX_EXI_CHARACTERS:
        log.warning("exiResponse has %d characters, over OCPP's %d", len(text), MAX_EXI_CHARACTERS)
    return text


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def der(certificate: x509.Certificate) -> bytes:
    return certificate.public_bytes(serialization.Encoding.DER)


# --- the car's certificates ---------------------------------------------------------------


def load_certificate(data: bytes, code: str) -> x509.Certificate:
    try:
        certificate = x509.load_der_x509_certificate(data)
        _ = certificate.extensions  # malformed extensions fail here, not deep in validation
    except ValueError as exc:
        raise CpsFailure(code, f"unreadable certificate: {exc}") from None
    return certificate


def common_name(certificate: x509.Certificate, code: str) -> str:
    names = certificate.subject.get_attributes_for_oid(x509.NameOID.COMMON_NAME)
    if not names:
        raise CpsFailure(code, "the certificate has no common name")
    return str(names[0].value)


def require_valid(
    result: ValidationResult, codes: Mapping[ValidationReason, str], default: str
) -> None:
    if not result.ok:
        raise CpsFailure(codes.get(result.reason, default), result.detail)


# --- the CPS chain ------------------------------------------------------------------------


def _rdn_set(text: str) -> frozenset[str]:
    text = text.strip()
    if text.startswith("<Name(") and text.endswith(")>"):  # Josev sends Python's repr
        text = text[len("<Name(") : -len(")>")]
    parts = [p.strip() for p in text.replace(";", ",").split(",") if p.strip()]
    return frozenset(p.replace(" =", "=").replace("= ", "=").casefold() for p in parts)


def issuer_name_matches(listed: str, certificate: x509.Certificate) -> bool:
    """A ListOfRootCertificateIDs X509IssuerName (RFC 4514 text in practice, order and case
    vary between implementations) against a root certificate's subject."""
    return _rdn_set(listed) == _rdn_set(certificate.subject.rfc4514_string())


@dataclass(frozen=True)
class CpsHierarchy:
    """The CAs of one schema's CPS: the leaf that signs responses, its sub-CAs up to (not
    including) the V2G root the car must list, and the CA of contract certificates."""

    leaf: str
    subs: tuple[str, ...]
    v2g_root: str
    contract_issuer: str
    contract_profile: str
    contract_curve: ec.EllipticCurve  # of the contract key: secp256r1 (-2), secp521r1 (-20)
    schema: str  # contract_certificates.schema: iso-2 | iso-20


def cps_chain(
    session: Session,
    ca: CertificateAuthority,
    trust: TrustView,
    hierarchy: CpsHierarchy,
    root_ids: list[RootCertificateID],
    *,
    code: str,
) -> CertificateChain:
    """The CPS leaf and its sub-CAs up to a V2G root the car lists (ListOfRootCertificateIDs),
    chosen in this order:
    1. the product's own V2G root of the schema;
    2. an active imported V2G root X under which one of the chain's CAs holds a certificate
       issued directly by X (`csms pki sub-ca import`, or a cross-certificate of the product's
       root), oldest import first: the chain is the product's certificates up to that CA,
       then its certificate under X; one with more than two sub-CAs is never sent
       (ISO 15118-2 [V2G2-656]);
    otherwise the car gets `code` (FAILED_NoCertificateAvailable, -20:
    WARNING_NoCertificateAvailable)."""
    own_root = ca.authority(hierarchy.v2g_root).certificate
    names = (hierarchy.leaf, *hierarchy.subs)
    own = [ca.authority(name).certificate for name in names]

    def listed(root: x509.Certificate) -> bool:
        return any(
            r.serial_number == root.serial_number and issuer_name_matches(r.issuer_name, root)
            for r in root_ids
        )

    if listed(own_root):
        return CertificateChain(der(own[0]), [der(c) for c in own[1:]])
    for external in trust.cps_alternatives(session, ca, (*hierarchy.subs, hierarchy.v2g_root)):
        if external.certificate.issuer != external.root.subject or not listed(external.root):
            continue
        below = (
            own if external.ca_name == hierarchy.v2g_root else own[: names.index(external.ca_name)]
        )
        chain = [*below, external.certificate]
        if len(chain) - 1 > MAX_SUB_CAS:
            continue
        return CertificateChain(der(chain[0]), [der(c) for c in chain[1:]])
    raise CpsFailure(code, "the car trusts none of the V2G roots the CPS chains to")


# --- the contract certificate -------------------------------------------------------------


def require_usable(contract: Contract, now: datetime, code: str) -> None:
    """Checked on what was read, before anything is reserved; `ContractIssuer` checks again
    under a lock before the certificate is completed."""
    reason = unusable_reason(contract, now)
    if reason is not None:
        raise CpsFailure(code, reason)


# Encrypts the contract key to the car; the certificate is at hand for what the schema binds
# into the encryption (the -20 AAD names the certificate's SKI).
Seal = Callable[[ec.EllipticCurvePrivateKey, x509.Certificate], EncryptedContractKey]


class ContractIssuer:
    """One contract certificate and its key, in the caller's transaction, in this order:
    1. a new key; the certificate reserved and signed (the CA commits the reservation on its
       own first, so no signed certificate is ever unknown to the database, and a
       termination finds it by CN);
    2. the contract re-read under a row lock: if it was suspended, terminated or ended since
       it was read, the reservation is abandoned and the car refused;
    3. the certificate completed and linked to the contract (the key escrowed if asked), in
       the caller's transaction: both commit, or neither;
    4. the key sealed for the car. The private key is a local of `issue` only: once it
       returns, the key exists nowhere but encrypted (and in escrow, if asked).
    """

    def __init__(
        self,
        ca: CertificateAuthority,
        contracts: ContractService,
        *,
        certificate_days: int,
        escrow_passphrase: bytes | None,
    ) -> None:
        self._ca = ca
        self._contracts = contracts
        self._certificate_days = certificate_days
        self._escrow_passphrase = escrow_passphrase

    def issue(
        self,
        session: Session,
        contract: Contract,
        *,
        hierarchy: CpsHierarchy,
        pcid: str | None,
        action: str,
        canceled_code: str,
        now: datetime,
        seal: Seal,
    ) -> tuple[IssuedCertificate, EncryptedContractKey]:
        with diagnostics.step("signing"):
            return self._issue(
                session,
                contract,
                hierarchy=hierarchy,
                pcid=pcid,
                action=action,
                canceled_code=canceled_code,
                now=now,
                seal=seal,
            )

    def _issue(
        self,
        session: Session,
        contract: Contract,
        *,
        hierarchy: CpsHierarchy,
        pcid: str | None,
        action: str,
        canceled_code: str,
        now: datetime,
        seal: Seal,
    ) -> tuple[IssuedCertificate, EncryptedContractKey]:
        contract_key = ec.generate_private_key(hierarchy.contract_curve)
        pending = self._ca.sign_for_key(
            contract_key.public_key(),
            hierarchy.contract_profile,
            common_name=contract.emaid,
            actor=ACTOR,
            ca_name=hierarchy.contract_issuer,
            days=self._certificate_days,
            not_after_limit=contract.valid_until,
        )
        try:
            locked = self._contracts.lock_usable(session, contract.id, now)
        except ContractUnusable as exc:
            self._ca.abandon(pending, exc.message)
            raise CpsFailure(canceled_code, exc.message) from None
        issued = self._ca.complete(session, pending)
        self._contracts.record_certificate(
            session,
            locked,
            serial_hex=issued.serial_hex,
            pcid=pcid,
            action=action,
            schema=hierarchy.schema,
            not_after=issued.certificate.not_valid_after_utc,
            escrowed_key=self._escrow(contract_key),
            actor=ACTOR,
        )
        return issued, seal(contract_key, issued.certificate)

    def _escrow(self, contract_key: ec.EllipticCurvePrivateKey) -> bytes | None:
        """Only with CSMS_CONTRACT_KEY_ESCROW: PKCS#8 encrypted with the key-store
        passphrase; otherwise the key exists nowhere but encrypted to the car."""
        if self._escrow_passphrase is None:
            return None
        return contract_key.private_bytes(
            serialization.Encoding.DER,
            serialization.PrivateFormat.PKCS8,
            serialization.BestAvailableEncryption(self._escrow_passphrase),
        )
