"""The certificate provisioning service: OCPP Get15118EVCertificate for ISO 15118-2
(ISO 15118-20 requests go to contracts/cps20.py).

handle(schema_version, action, exi_request) runs these steps; each names the ISO response
code it answers with when it fails:
1. size and base64, EXI decode, body fits the action ............ FAILED
2. the car's certificate parses ................................. FAILED_CertChainError
3. its chain: OEM anchors (Install) or MO anchors (Update), revocation included
   ............ FAILED_CertChainError / FAILED_CertificateExpired / FAILED_CertificateRevoked
4. the request's signature by that certificate .................. FAILED_SignatureError
5. a CPS chain under a V2G root the car lists ................... FAILED_NoCertificateAvailable
6. the contract: none ........................................... FAILED_NoCertificateAvailable
   suspended, terminated or ended ............................... FAILED_ContractCanceled
7. a new P-256 key, a contract certificate from mo-sub2 (CN = eMAID, within the contract),
   the key encrypted to the car, the response signed by cps-leaf, encoded, base64.
The contract private key is a local of `_issue` only: after the response is built nothing
refers to it (unless CSMS_CONTRACT_KEY_ESCROW stores it encrypted).
"""

from __future__ import annotations

import base64
import binascii
import logging
from dataclasses import dataclass
from datetime import UTC, datetime

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

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
from pki.errors import PkiError, ValidationReason

from .cps20 import Code20, Iso20Installer
from .cps20 import failed_response as failed_response20
from .models import Contract
from .service import ContractService
from .trust import TrustView, issuer_name_matches

log = logging.getLogger(__name__)

MAX_EXI_CHARACTERS = 5600  # OCPP 2.0.1 Get15118EVCertificate exiRequest / exiResponse
ISO2_SCHEMA = "urn:iso:15118:2:2013:MsgDef"
ISO20_SCHEMAS = ("urn:iso:std:iso:15118:-20:CommonMessages", "urn:iso:15118:20:2020:MsgDef")
ACTOR = "cps"

# The -2 chain the CPS answers with: the CPS leaf signs, its sub-CAs complete the path to the
# V2G root; the contract chain comes from mo-sub2 under mo-root.
CPS_LEAF, CPS_SUBS, V2G_ROOT = "cps-leaf", ("cps-sub2", "cps-sub1"), "v2g-root"
CONTRACT_ISSUER = "mo-sub2"

# Ids of the four signed elements, as in Hubject's example response.
IDS = {"chain": "id1", "key": "id2", "dh": "id3", "emaid": "id4"}


class Code:
    OK = "OK"
    FAILED = "FAILED"
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


class CpsFailure(Exception):
    def __init__(self, code: str, detail: str) -> None:
        super().__init__(detail)
        self.code = code
        self.detail = detail


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


class CertificateProvisioningService:
    def __init__(
        self,
        ca: CertificateAuthority,
        trust: TrustView,
        contracts: ContractService,
        *,
        certificate_days: int = 365,
        escrow_passphrase: bytes | None = None,
    ) -> None:
        self._ca = ca
        self._trust = trust
        self._contracts = contracts
        self._certificate_days = certificate_days
        self._escrow_passphrase = escrow_passphrase

    # --- the OCPP entry point ---------------------------------------------------------------

    def handle(self, iso15118_schema_version: str, action: str, exi_request: str) -> CpsAnswer:
        session_id = bytes(8)
        try:
            if iso15118_schema_version in ISO20_SCHEMAS:
                return self._handle_iso20(action, exi_request)
            if iso15118_schema_version != ISO2_SCHEMA:
                raise CpsFailure(Code.FAILED, f"unknown schema {iso15118_schema_version!r}")
            if action not in ("Install", "Update"):
                raise CpsFailure(Code.FAILED, f"unknown action {action!r}")
            message = self._decode(exi_request)
            session_id = message.header.session_id
            if action == "Install":
                response = self._install(message)
            else:
                response = self._update(message)
        except PkiError as exc:  # e.g. the PKI is not initialised: the car still gets an answer
            log.error("Get15118EVCertificate %s: %s [%s]", action, exc, exc.code)
            failure = CpsFailure(Code.FAILED, f"{exc} [{exc.code}]")
        except CpsFailure as caught:
            failure = caught
        else:
            return response
        log.info("Get15118EVCertificate %s failed: %s (%s)", action, failure.code, failure.detail)
        if iso15118_schema_version in ISO20_SCHEMAS:  # FAILED is spelled the same in -20
            exi = _b64(failed_response20(session_id, failure.code))
        else:
            exi = _b64(encode_v2g_message(_failed(session_id, action, failure.code)))
        return CpsAnswer("Failed", exi, failure.code, failure.detail)

    def _handle_iso20(self, action: str, exi_request: str) -> CpsAnswer:
        """ISO 15118-20 (contracts/cps20.py). -20 has no CertificateUpdate message: a car
        renews by installing again, so only Install is served."""
        if action != "Install":
            raise CpsFailure(Code.FAILED, f"ISO 15118-20 has no {action!r} (Install only)")
        if len(exi_request) > MAX_EXI_CHARACTERS:
            raise CpsFailure(
                Code.FAILED,
                f"exiRequest has {len(exi_request)} characters, over {MAX_EXI_CHARACTERS}",
            )
        try:
            data = base64.b64decode(exi_request, validate=True)
        except (binascii.Error, ValueError):
            raise CpsFailure(Code.FAILED, "exiRequest is not base64") from None
        installer = Iso20Installer(
            self._ca,
            self._trust,
            self._contracts,
            certificate_days=self._certificate_days,
            escrow_passphrase=self._escrow_passphrase,
        )
        result = installer.install(data)
        exi = _b64(result.exi)
        if len(exi) > MAX_EXI_CHARACTERS:
            log.warning(
                "exiResponse has %d characters, over OCPP's %d", len(exi), MAX_EXI_CHARACTERS
            )
        if result.code != Code20.OK:
            log.info("Get15118EVCertificate -20 failed: %s (%s)", result.code, result.detail)
            return CpsAnswer("Failed", exi, result.code, result.detail)
        return CpsAnswer(
            "Accepted", exi, result.code, result.detail, result.emaid, result.serial_hex
        )

    # --- steps ------------------------------------------------------------------------------

    @staticmethod
    def _decode(exi_request: str) -> V2GMessage:
        if len(exi_request) > MAX_EXI_CHARACTERS:
            raise CpsFailure(
                Code.FAILED,
                f"exiRequest has {len(exi_request)} characters, over {MAX_EXI_CHARACTERS}",
            )
        try:
            data = base64.b64decode(exi_request, validate=True)
        except (binascii.Error, ValueError):
            raise CpsFailure(Code.FAILED, "exiRequest is not base64") from None
        try:
            return decode_v2g_message(data)
        except ExiDecodeError as exc:
            raise CpsFailure(Code.FAILED, f"exiRequest is not a -2 V2G_Message: {exc}") from None

    def _install(self, message: V2GMessage) -> CpsAnswer:
        request = message.body
        if not isinstance(request, CertificateInstallationReq):
            raise CpsFailure(Code.FAILED, "action Install needs a CertificateInstallationReq")
        oem = _load_certificate(request.oem_provisioning_cert)
        result = self._trust.oem_validator().validate(oem)
        if not result.ok:
            raise CpsFailure(_VALIDATION_CODES.get(result.reason, Code.CHAIN), result.detail)
        _check_request_signature(message, oem)
        pcid = _common_name(oem).upper()
        cps_chain = self._cps_chain(request.root_certificate_ids)
        contract = self._contracts.contract_for_pcid(pcid)
        if contract is None:
            raise CpsFailure(Code.NO_CERTIFICATE, f"no contract for PCID {pcid}")
        return self._issue(
            message, contract, oem.public_key(), cps_chain, pcid=pcid, action="install"
        )

    def _update(self, message: V2GMessage) -> CpsAnswer:
        request = message.body
        if not isinstance(request, CertificateUpdateReq):
            raise CpsFailure(Code.FAILED, "action Update needs a CertificateUpdateReq")
        chain = request.contract_signature_cert_chain
        leaf = _load_certificate(chain.certificate)
        subs = [_load_certificate(c) for c in chain.sub_certificates]
        validator = self._trust.contract_validator(self._ca)
        result = validator.validate(leaf, subs)
        if not result.ok:
            raise CpsFailure(_VALIDATION_CODES.get(result.reason, Code.CHAIN), result.detail)
        _check_request_signature(message, leaf)
        emaid = _common_name(leaf).upper()
        if request.emaid.strip().upper().replace("-", "") != emaid:
            raise CpsFailure(Code.CHAIN, f"eMAID {request.emaid!r} is not the certificate's")
        cps_chain = self._cps_chain(request.root_certificate_ids)
        contract = self._contracts.find_by_emaid(emaid)
        if contract is None:
            raise CpsFailure(Code.NO_CERTIFICATE, f"no contract with eMAID {emaid}")
        return self._issue(
            message, contract, leaf.public_key(), cps_chain, pcid=None, action="update"
        )

    def _cps_chain(self, root_ids: list[RootCertificateID]) -> CertificateChain:
        root = self._ca.authority(V2G_ROOT).certificate
        if not any(
            r.serial_number == root.serial_number and issuer_name_matches(r.issuer_name, root)
            for r in root_ids
        ):
            raise CpsFailure(
                Code.NO_CERTIFICATE, "the car trusts none of the V2G roots the CPS chains to"
            )
        return CertificateChain(
            _der(self._ca.authority(CPS_LEAF).certificate),
            [_der(self._ca.authority(name).certificate) for name in CPS_SUBS],
        )

    def _issue(
        self,
        message: V2GMessage,
        contract: Contract,
        car_key: object,
        cps_chain: CertificateChain,
        *,
        pcid: str | None,
        action: str,
    ) -> CpsAnswer:
        now = datetime.now(UTC)
        if contract.status != "active":
            raise CpsFailure(Code.CANCELED, f"contract {contract.emaid} is {contract.status}")
        if contract.valid_until <= now:
            raise CpsFailure(Code.CANCELED, f"contract {contract.emaid} ended")
        if not isinstance(car_key, ec.EllipticCurvePublicKey) or car_key.curve.name != "secp256r1":
            raise CpsFailure(Code.CHAIN, "the car's certificate has no secp256r1 key")
        contract_key = ec.generate_private_key(ec.SECP256R1())
        issued = self._ca.issue_for_key(
            contract_key.public_key(),
            "contract",
            common_name=contract.emaid,
            actor=ACTOR,
            ca_name=CONTRACT_ISSUER,
            days=self._certificate_days,
            not_after_limit=contract.valid_until,
        )
        encrypted = encrypt_contract_key_iso2(contract_key, car_key)
        escrow = None
        if self._escrow_passphrase is not None:
            escrow = contract_key.private_bytes(
                serialization.Encoding.DER,
                serialization.PrivateFormat.PKCS8,
                serialization.BestAvailableEncryption(self._escrow_passphrase),
            )
        del contract_key  # the only reference: from here on the key exists only encrypted
        body_type = CertificateInstallationRes if action == "install" else CertificateUpdateRes
        body = body_type(
            response_code=Code.OK,
            sa_provisioning_certificate_chain=cps_chain,
            contract_signature_cert_chain=CertificateChain(
                _der(issued.certificate), [_der(c) for c in issued.chain], IDS["chain"]
            ),
            contract_signature_encrypted_private_key=IdentifiedValue(
                IDS["key"], encrypted.encrypted
            ),
            dh_public_key=IdentifiedValue(IDS["dh"], encrypted.dh_public_key),
            emaid=IdentifiedValue(IDS["emaid"], contract.emaid),
        )
        response = V2GMessage(Header(message.header.session_id), body)
        signed = {
            element_id: element
            for element_id, element in response.signed_elements().items()
            if element_id in IDS.values()
        }
        signer = self._ca.signer_for(CPS_LEAF)
        signature = build_signature_with(signed, signer.sign, 32)
        response.header.signature = Signature.from_tree(signature)
        exi = _b64(encode_v2g_message(response))
        if len(exi) > MAX_EXI_CHARACTERS:
            log.warning(
                "exiResponse has %d characters, over OCPP's %d", len(exi), MAX_EXI_CHARACTERS
            )
        self._contracts.record_certificate(
            contract,
            serial_hex=issued.serial_hex,
            pcid=pcid,
            action=action,
            schema="iso-2",
            not_after=issued.certificate.not_valid_after_utc,
            escrowed_key=escrow,
            actor=ACTOR,
        )
        return CpsAnswer("Accepted", exi, Code.OK, "issued", contract.emaid, issued.serial_hex)


# --- helpers --------------------------------------------------------------------------------


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _der(certificate: x509.Certificate) -> bytes:
    return certificate.public_bytes(serialization.Encoding.DER)


def _load_certificate(data: bytes) -> x509.Certificate:
    try:
        certificate = x509.load_der_x509_certificate(data)
        _ = certificate.extensions
    except ValueError as exc:
        raise CpsFailure(Code.CHAIN, f"unreadable certificate: {exc}") from None
    return certificate


def _common_name(certificate: x509.Certificate) -> str:
    names = certificate.subject.get_attributes_for_oid(x509.NameOID.COMMON_NAME)
    if not names:
        raise CpsFailure(Code.CHAIN, "the certificate has no common name")
    return str(names[0].value)


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
