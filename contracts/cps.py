"""The certificate provisioning service: OCPP Get15118EVCertificate for ISO 15118-2
(ISO 15118-20 requests go to contracts/cps20.py).

handle(session, schema_version, action, exi_request) works in the caller's transaction and
runs these steps; each names the ISO response code it answers with when it fails:
1. size and base64, EXI decode, body fits the action ............ FAILED
2. the car's certificate parses ................................. FAILED_CertChainError
3. its chain: OEM anchors (Install) or MO anchors (Update), revocation included
   ............ FAILED_CertChainError / FAILED_CertificateExpired / FAILED_CertificateRevoked
4. the request's signature by that certificate .................. FAILED_SignatureError
5. the contract: none here and none in the contract pool (OPCP CCP, asked within its budget
   of at most 2 s when configured: contracts/pool.py) ........... FAILED_NoCertificateAvailable
   suspended, terminated or ended ............................... FAILED_ContractCanceled
6. a CPS chain under a V2G root the car lists (the product's own first, then external roots
   the CPS CAs were certified under: cps_common.cps_chain) .. FAILED_NoCertificateAvailable
7. a new P-256 key and a contract certificate from mo-sub2 (CN = eMAID, within the contract),
   reserved and signed, the contract re-read under a lock (terminated meanwhile:
   FAILED_ContractCanceled), completed and linked to the contract in the caller's
   transaction, the key encrypted to the car (cps_common.ContractIssuer: the contract
   private key is a local of its `issue` only; CSMS_CONTRACT_KEY_ESCROW also stores it
   encrypted);
8. the response signed by cps-leaf, encoded, base64.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import ec
from sqlalchemy.orm import Session

from iso15118 import (
    ExiDecodeError,
    SignatureError,
    decode_v2g_message,
    encode_v2g_message,
    verify_signature,
)
from iso15118.contract_key import encrypt_contract_key_iso2
from iso15118.messages import (
    CertificateChain,
    CertificateInstallationReq,
    CertificateInstallationRes,
    CertificateUpdateReq,
    CertificateUpdateRes,
    Header,
    IdentifiedValue,
    RootCertificateID,
    Signature,
    V2GMessage,
)
from iso15118.xmldsig import build_signature_with
from pki.authority import CertificateAuthority
from pki.errors import ValidationReason

from . import diagnostics
from .cps20 import Iso20Installer
from .cps_common import (
    FAILED,
    MAX_EXI_CHARACTERS,
    ContractIssuer,
    CpsAnswer,
    CpsFailure,
    CpsHierarchy,
    SchemaCps,
    common_name,
    cps_chain,
    der,
    load_certificate,
    require_usable,
    require_valid,
    response_text,
)
from .models import Contract
from .pool import ContractPool, PoolRefused, from_pool
from .service import ContractService, emaid_or_none, pcid_key
from .trust import TrustView

__all__ = [
    "ISO2_SCHEMA",
    "ISO20_SCHEMAS",
    "MAX_EXI_CHARACTERS",
    "CertificateProvisioningService",
    "Code",
    "CpsAnswer",
]

ISO2_SCHEMA = "urn:iso:15118:2:2013:MsgDef"
ISO20_SCHEMAS = ("urn:iso:std:iso:15118:-20:CommonMessages", "urn:iso:15118:20:2020:MsgDef")

log = logging.getLogger(__name__)

# The -2 chain the CPS answers with: the CPS leaf signs, its sub-CAs complete the path to the
# V2G root; the contract chain comes from mo-sub2 under mo-root.
HIERARCHY = CpsHierarchy(
    leaf="cps-leaf",
    subs=("cps-sub2", "cps-sub1"),
    v2g_root="v2g-root",
    contract_issuer="mo-sub2",
    contract_profile="contract",
    contract_curve=ec.SECP256R1(),
    schema="iso-2",
)

# Ids of the four signed elements, as in Hubject's example response.
IDS = {"chain": "id1", "key": "id2", "dh": "id3", "emaid": "id4"}


class Code:
    OK = "OK"
    FAILED = FAILED
    SIGNATURE = "FAILED_SignatureError"
    CHAIN = "FAILED_CertChainError"
    EXPIRED = "FAILED_CertificateExpired"
    REVOKED = "FAILED_CertificateRevoked"
    NO_CERTIFICATE = "FAILED_NoCertificateAvailable"
    CANCELED = "FAILED_ContractCanceled"


_VALIDATION_CODES = {
    ValidationReason.EXPIRED: Code.EXPIRED,
    ValidationReason.NOT_YET_VALID: Code.EXPIRED,
    ValidationReason.REVOKED: Code.REVOKED,
}


class CertificateProvisioningService:
    """Get15118EVCertificate for every schema: ISO 15118-2 here, -20 in cps20.py."""

    def __init__(
        self,
        ca: CertificateAuthority,
        trust: TrustView,
        contracts: ContractService,
        *,
        certificate_days: int = 365,
        escrow_passphrase: bytes | None = None,
        pool: ContractPool | None = None,
        pool_budget_s: float = 2.0,
    ) -> None:
        issuer = ContractIssuer(
            ca,
            contracts,
            certificate_days=certificate_days,
            escrow_passphrase=escrow_passphrase,
        )
        self._iso2 = Iso2Cps(ca, trust, contracts, issuer, pool=pool, pool_budget_s=pool_budget_s)
        self._iso20 = Iso20Installer(ca, trust, contracts, issuer)

    def signed_contract_data(
        self,
        session: Session,
        contract: Contract,
        oem_chain: list[x509.Certificate],
        root_ids: list[RootCertificateID],
    ) -> tuple[V2GMessage, str]:
        """ISO 15118-2 signed contract data for publishing (Iso2Cps.signed_contract_data)."""
        return self._iso2.signed_contract_data(session, contract, oem_chain, root_ids)

    def handle(
        self,
        session: Session,
        iso15118_schema_version: str,
        action: str,
        exi_request: str,
        max_exi_request: int = MAX_EXI_CHARACTERS,
    ) -> CpsAnswer:
        """Answer one Get15118EVCertificate in the caller's transaction, which must not have
        written anything yet (the CA commits the certificate's reservation on a connection
        of its own first, and SQLite has one writer). A refused request is an answer
        (status Failed, the V2G code in exiResponse), never an exception; an unexpected
        error propagates, and the caller's rollback leaves at most a reserved, never
        completed certificate, which terminating the contract revokes."""
        if iso15118_schema_version in ISO20_SCHEMAS:
            return self._iso20.handle(session, action, exi_request, max_exi_request)
        if iso15118_schema_version == ISO2_SCHEMA:
            return self._iso2.handle(session, action, exi_request, max_exi_request)
        unknown = CpsFailure(Code.FAILED, f"unknown schema {iso15118_schema_version!r}")
        return self._iso2.refuse(action, unknown)


class Iso2Cps(SchemaCps[V2GMessage]):
    """ISO 15118-2 CertificateInstallation and CertificateUpdate."""

    def __init__(
        self,
        ca: CertificateAuthority,
        trust: TrustView,
        contracts: ContractService,
        issuer: ContractIssuer,
        *,
        pool: ContractPool | None = None,
        pool_budget_s: float = 2.0,
    ) -> None:
        super().__init__(ca, trust, contracts, issuer)
        self._pool = pool
        self._pool_budget_s = pool_budget_s
        self._max_response = MAX_EXI_CHARACTERS

    def _check_action(self, action: str) -> None:
        if action not in ("Install", "Update"):
            raise CpsFailure(Code.FAILED, f"unknown action {action!r}")

    def _read(self, data: bytes) -> V2GMessage:
        try:
            return decode_v2g_message(data)
        except ExiDecodeError as exc:
            raise CpsFailure(Code.FAILED, f"exiRequest is not a -2 V2G_Message: {exc}") from None

    def _session_id(self, request: V2GMessage) -> bytes:
        return request.header.session_id

    def _serve(self, session: Session, action: str, request: V2GMessage, raw: bytes) -> CpsAnswer:
        if action == "Install":
            return self._install(session, request, raw)
        return self._update(session, request)

    def _failed_response(self, session_id: bytes, action: str, code: str) -> bytes:
        return encode_v2g_message(_failed(session_id, action, code))

    def _install(self, session: Session, message: V2GMessage, raw: bytes) -> CpsAnswer:
        request = message.body
        if not isinstance(request, CertificateInstallationReq):
            raise CpsFailure(Code.FAILED, "action Install needs a CertificateInstallationReq")
        oem = load_certificate(request.oem_provisioning_cert, Code.CHAIN)
        diagnostics.note(pcid=_pcid_or_none(oem))
        validator = self._trust.oem_validator(session)
        with diagnostics.step("chain"):
            result = validator.validate(oem)
        diagnostics.examine(validator, oem)
        require_valid(result, _VALIDATION_CODES, Code.CHAIN)
        with diagnostics.step("signature"):
            _check_request_signature(message, oem)
        pcid = pcid_key(common_name(oem, Code.CHAIN))
        contract = self._contracts.contract_for_pcid(session, pcid)
        diagnostics.note(emaid=contract.emaid if contract is not None else None)
        if contract is None:
            return self._from_pool(message, raw, pcid)
        chain = cps_chain(
            session,
            self._ca,
            self._trust,
            HIERARCHY,
            request.root_certificate_ids,
            code=Code.NO_CERTIFICATE,
        )
        return self._issue(
            session, message, contract, oem.public_key(), chain, pcid=pcid, action="install"
        )

    def _from_pool(self, message: V2GMessage, raw: bytes, pcid: str) -> CpsAnswer:
        """A car with no contract here may have one with another operator: the pool's
        signed contract data, checked (contracts/pool.py), or NoCertificateAvailable."""
        if self._pool is None:
            raise CpsFailure(Code.NO_CERTIFICATE, f"no contract for PCID {pcid}")
        try:
            answer = from_pool(
                self._pool,
                raw,
                message.header.session_id,
                budget_s=self._pool_budget_s,
                max_response=self._max_response,
            )
        except PoolRefused as exc:
            raise CpsFailure(
                Code.NO_CERTIFICATE, f"no contract for PCID {pcid} here or in the pool: {exc}"
            ) from None
        log.info("Get15118EVCertificate for PCID %s answered from the contract pool", pcid)
        return CpsAnswer(
            "Accepted", response_text(answer.exi_response), Code.OK, "pool", answer.emaid
        )

    def _update(self, session: Session, message: V2GMessage) -> CpsAnswer:
        request = message.body
        if not isinstance(request, CertificateUpdateReq):
            raise CpsFailure(Code.FAILED, "action Update needs a CertificateUpdateReq")
        chain = request.contract_signature_cert_chain
        leaf = load_certificate(chain.certificate, Code.CHAIN)
        subs = [load_certificate(c, Code.CHAIN) for c in chain.sub_certificates]
        validator = self._trust.contract_validator(session, self._ca)
        with diagnostics.step("chain"):
            result = validator.validate(leaf, subs)
        diagnostics.examine(validator, leaf, subs)
        require_valid(result, _VALIDATION_CODES, Code.CHAIN)
        with diagnostics.step("signature"):
            _check_request_signature(message, leaf)
        emaid = emaid_or_none(common_name(leaf, Code.CHAIN))
        diagnostics.note(emaid=emaid)
        if emaid is None or emaid_or_none(request.emaid) != emaid:
            raise CpsFailure(Code.CHAIN, f"eMAID {request.emaid!r} is not the certificate's")
        cps = cps_chain(
            session,
            self._ca,
            self._trust,
            HIERARCHY,
            request.root_certificate_ids,
            code=Code.NO_CERTIFICATE,
        )
        contract = self._contracts.find_by_emaid(session, emaid)
        if contract is None:
            raise CpsFailure(Code.NO_CERTIFICATE, f"no contract with eMAID {emaid}")
        return self._issue(
            session, message, contract, leaf.public_key(), cps, pcid=None, action="update"
        )

    def _issue(
        self,
        session: Session,
        message: V2GMessage,
        contract: Contract,
        car_key: object,
        cps: CertificateChain,
        *,
        pcid: str | None,
        action: str,
    ) -> CpsAnswer:
        response, serial_hex = self.signed_response(
            session, message.header.session_id, contract, car_key, cps, pcid=pcid, action=action
        )
        with diagnostics.step("encode"):
            exi = response_text(encode_v2g_message(response))
        return CpsAnswer("Accepted", exi, Code.OK, "issued", contract.emaid, serial_hex)

    def signed_response(
        self,
        session: Session,
        session_id: bytes,
        contract: Contract,
        car_key: object,
        cps: CertificateChain,
        *,
        pcid: str | None,
        action: str,
    ) -> tuple[V2GMessage, str]:
        """A new contract certificate and key for `contract`, the key sealed for `car_key`,
        in a CertificateInstallationRes (or UpdateRes) signed by the CPS leaf; with the new
        certificate's serial. In the caller's transaction (ContractIssuer's steps)."""
        now = datetime.now(UTC)
        require_usable(contract, now, Code.CANCELED)
        if not isinstance(car_key, ec.EllipticCurvePublicKey) or car_key.curve.name != "secp256r1":
            raise CpsFailure(Code.CHAIN, "the car's certificate has no secp256r1 key")
        # Before anything is reserved: a key store that cannot sign refuses the car cleanly.
        signer = self._ca.signer_for(HIERARCHY.leaf)
        issued, encrypted = self._issuer.issue(
            session,
            contract,
            hierarchy=HIERARCHY,
            pcid=pcid,
            action=action,
            canceled_code=Code.CANCELED,
            now=now,
            seal=lambda contract_key, _certificate: encrypt_contract_key_iso2(
                contract_key, car_key
            ),
        )
        body_type = CertificateUpdateRes if action == "update" else CertificateInstallationRes
        body = body_type(
            response_code=Code.OK,
            sa_provisioning_certificate_chain=cps,
            contract_signature_cert_chain=CertificateChain(
                der(issued.certificate), [der(c) for c in issued.chain], IDS["chain"]
            ),
            contract_signature_encrypted_private_key=IdentifiedValue(
                IDS["key"], encrypted.encrypted
            ),
            dh_public_key=IdentifiedValue(IDS["dh"], encrypted.dh_public_key),
            emaid=IdentifiedValue(IDS["emaid"], contract.emaid),
        )
        response = V2GMessage(Header(session_id), body)
        signed = {
            element_id: element
            for element_id, element in response.signed_elements().items()
            if element_id in IDS.values()
        }
        with diagnostics.step("signing"):
            signature = build_signature_with(signed, signer.sign, 32)
        response.header.signature = Signature.from_tree(signature)
        return response, issued.serial_hex

    def signed_contract_data(
        self,
        session: Session,
        contract: Contract,
        oem_chain: list[x509.Certificate],
        root_ids: list[RootCertificateID],
    ) -> tuple[V2GMessage, str]:
        """Signed contract data for a car the product has not seen (publishing to a contract
        pool): its OEM provisioning certificate (leaf first, then sub-CAs) checked like an
        installation request's, a CPS chain to one of `root_ids`, a new contract certificate
        recorded with action `publish`."""
        if not oem_chain:
            raise CpsFailure(Code.CHAIN, "no OEM provisioning certificate")
        result = self._trust.oem_validator(session).validate(oem_chain[0], oem_chain[1:])
        require_valid(result, _VALIDATION_CODES, Code.CHAIN)
        pcid = pcid_key(common_name(oem_chain[0], Code.CHAIN))
        chain = cps_chain(
            session, self._ca, self._trust, HIERARCHY, root_ids, code=Code.NO_CERTIFICATE
        )
        return self.signed_response(
            session,
            bytes(8),
            contract,
            oem_chain[0].public_key(),
            chain,
            pcid=pcid,
            action="publish",
        )


# --- helpers --------------------------------------------------------------------------------


def _pcid_or_none(certificate: x509.Certificate) -> str | None:
    names = certificate.subject.get_attributes_for_oid(x509.NameOID.COMMON_NAME)
    return pcid_key(str(names[0].value))[:18] if names else None


def _check_request_signature(message: V2GMessage, certificate: x509.Certificate) -> None:
    signature = message.header.signature
    if signature is None:
        raise CpsFailure(Code.SIGNATURE, "the request is not signed")
    body = message.body
    assert isinstance(body, CertificateInstallationReq | CertificateUpdateReq)
    elements = message.signed_elements()
    references = [r.uri.removeprefix("#") for r in signature.signed_info.references]
    if body.id not in references:
        raise CpsFailure(Code.SIGNATURE, "the signature does not cover the request")
    public_key = certificate.public_key()
    if not isinstance(public_key, ec.EllipticCurvePublicKey):
        raise CpsFailure(Code.SIGNATURE, "the signing certificate has no EC key")
    try:
        verify_signature(signature.to_tree(), elements, public_key)
    except (SignatureError, KeyError, ValueError) as exc:
        raise CpsFailure(Code.SIGNATURE, str(exc)) from None


def _failed(session_id: bytes, action: str, code: str) -> V2GMessage:
    """A failed response with the minimal payload the schema demands (ISO 15118-2 asks for
    the mandatory elements only, with placeholder values)."""
    body_type = CertificateUpdateRes if action == "Update" else CertificateInstallationRes
    placeholder = b"\x00"
    body = body_type(
        response_code=code,
        sa_provisioning_certificate_chain=CertificateChain(placeholder),
        contract_signature_cert_chain=CertificateChain(placeholder, [], IDS["chain"]),
        contract_signature_encrypted_private_key=IdentifiedValue(IDS["key"], placeholder),
        dh_public_key=IdentifiedValue(IDS["dh"], placeholder),
        emaid=IdentifiedValue(IDS["emaid"], "00000000000000"),
    )
    return V2GMessage(Header(session_id), body)
