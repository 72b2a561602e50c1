"""The certificate provisioning service for ISO 15118-20 (CommonMessages
CertificateInstallationReq -> CertificateInstallationRes), called by cps.py's `handle` in the
caller's transaction.

Steps and the -20 response code each answers with when it fails:
1. Install only (-20 has no CertificateUpdate: a car renews by installing again); size and
   base64, EXI decode (-20 CommonMessages), a CertificateInstallationReq ........... FAILED
2. the OEM provisioning chain parses; its leaf has a secp521r1 key
   .............................................. WARNING_CertificateValidationError (Ed448 /
   X448 provisioning keys are not supported: FAILED)
3. the chain (leaf + the car's sub-certificates) to an imported OEM anchor, revocation
   included ..................... WARNING_CertificateValidationError / WARNING_CertificateExpired
                                  / WARNING_CertificateNotYetValid / WARNING_CertificateRevoked
4. the header signature over OEMProvisioningCertificateChain by the OEM leaf
   .............................................................. FAILED_SignatureError
5. a CPS chain under a V2G root the car lists ................. WARNING_NoCertificateAvailable
6. the car's usable contracts (active, not ended), PrioritizedEMAIDs first, at most
   MaximumContractCertificateChains of them; none ........ WARNING_NoContractMatchingPCIDFound
7. one contract per request: the first of those without a valid -20 certificate for this
   PCID (else the one served longest ago); a new P-521 key, a contract certificate from
   mo-sub2-20, reserved and signed, the contract re-read under a lock (no longer usable:
   WARNING_NoContractMatchingPCIDFound), completed and linked in the caller's transaction,
   the key encrypted to the car (cps_common.ContractIssuer; ECDH secp521r1 + AES-256-GCM,
   AAD = PCID || contract certificate SKI in upper-case hex); SignedInstallationData signed
   by cps-leaf-20 (ecdsa-sha512, SHA-512 digests), RemainingContractCertificateChains = how
   many of the chosen contracts still lack a valid certificate after this one.

What is not confirmed by a public source (docs/contracts.md, "ISO 15118-20"): the KDF
(`iso15118.contract_key.KDF_20_CONFIRMED` is False), the response codes chosen per failure,
and the reading of MaximumContractCertificateChains / RemainingContractCertificateChains.
"""

from __future__ import annotations

import binascii
import hashlib
import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, utils
from sqlalchemy.orm import Session

from iso15118 import (
    CertificateChain,
    CertificateInstallationReq20,
    CertificateInstallationRes20,
    ExiDecodeError,
    ExiEncodeError,
    GenericBody,
    MessageHeader20,
    SignedInstallationData20,
    decode_iso20_message,
    encode_fragment,
    encode_iso20_message,
)
from iso15118.contract_key import (
    KDF_20_CONFIRMED,
    EncryptedContractKey,
    encrypt_contract_key_iso20,
)
from iso15118.emaid import EmaidError, normalize_tolerant
from pki.errors import ValidationReason

from . import diagnostics
from .cps_common import (
    FAILED,
    CpsAnswer,
    CpsFailure,
    CpsHierarchy,
    SchemaCps,
    common_name,
    cps_chain,
    der,
    load_certificate,
    require_valid,
    response_text,
)
from .models import Contract, Usability, usability
from .service import pcid_key

HIERARCHY20 = CpsHierarchy(
    leaf="cps-leaf-20",
    subs=("cps-sub2-20",),
    v2g_root="v2g-root-20",
    contract_issuer="mo-sub2-20",
    contract_profile="contract-20",
    contract_curve=ec.SECP521R1(),
    schema="iso-20",
)
SIGNED_DATA_ID = "id1"
ECDH_CURVE = "SECP521"

# xmldsig algorithm URIs (W3C / RFC 6931). -20 signs with ecdsa-sha512 and SHA-512 digests
# for secp521r1 keys (what EVerest's -20 work verifies); requests signed the -2 way
# (ecdsa-sha256, SHA-256 digests, as Josev 0.31.2's -20 EV does) are accepted too.
CANONICAL_EXI = "http://www.w3.org/TR/canonical-exi/"
ECDSA_SHA256 = "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256"
ECDSA_SHA512 = "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha512"
DIGEST_SHA256 = "http://www.w3.org/2001/04/xmlenc#sha256"
DIGEST_SHA512 = "http://www.w3.org/2001/04/xmlenc#sha512"
_DIGESTS: dict[str, Callable[[bytes], bytes]] = {
    DIGEST_SHA256: lambda data: hashlib.sha256(data).digest(),
    DIGEST_SHA512: lambda data: hashlib.sha512(data).digest(),
}
_SIGNATURE_HASHES: dict[str, hashes.HashAlgorithm] = {
    ECDSA_SHA256: hashes.SHA256(),
    ECDSA_SHA512: hashes.SHA512(),
}
P521_BYTES = 66


class Code20:
    OK = "OK"
    FAILED = FAILED
    SIGNATURE = "FAILED_SignatureError"
    CHAIN = "WARNING_CertificateValidationError"
    EXPIRED = "WARNING_CertificateExpired"
    NOT_YET_VALID = "WARNING_CertificateNotYetValid"
    REVOKED = "WARNING_CertificateRevoked"
    NO_CERTIFICATE = "WARNING_NoCertificateAvailable"
    NO_CONTRACT = "WARNING_NoContractMatchingPCIDFound"


_VALIDATION_CODES = {
    ValidationReason.EXPIRED: Code20.EXPIRED,
    ValidationReason.NOT_YET_VALID: Code20.NOT_YET_VALID,
    ValidationReason.REVOKED: Code20.REVOKED,
}


class Iso20Installer(SchemaCps[CertificateInstallationReq20]):
    """-20 CertificateInstallation. Failures come back as a schema-valid
    CertificateInstallationRes carrying their code (status Failed, also for WARNING codes,
    since nothing was issued)."""

    exi_schema = "iso-20"

    def _check_action(self, action: str) -> None:
        if action != "Install":
            raise CpsFailure(Code20.FAILED, f"ISO 15118-20 has no {action!r} (Install only)")

    def _read(self, data: bytes) -> CertificateInstallationReq20:
        try:
            message = decode_iso20_message(data)
        except ExiDecodeError as exc:
            raise CpsFailure(Code20.FAILED, f"not a -20 document: {exc}") from None
        if not isinstance(message, CertificateInstallationReq20):
            got = message.name if isinstance(message, GenericBody) else message.NAME
            raise CpsFailure(Code20.FAILED, f"Install needs a CertificateInstallationReq: {got}")
        return message

    def _session_id(self, request: CertificateInstallationReq20) -> bytes:
        return request.header.session_id

    def _serve(
        self, session: Session, action: str, request: CertificateInstallationReq20, raw: bytes
    ) -> CpsAnswer:
        return self._install(session, request)

    def _failed_response(self, session_id: bytes, action: str, code: str) -> bytes:
        return failed_response(session_id, code)

    def _install(self, session: Session, request: CertificateInstallationReq20) -> CpsAnswer:
        chain = request.oem_provisioning_certificate_chain
        leaf = load_certificate(chain.certificate, Code20.CHAIN)
        subs = [load_certificate(c, Code20.CHAIN) for c in chain.sub_certificates]
        car_key = leaf.public_key()
        if not isinstance(car_key, ec.EllipticCurvePublicKey):
            raise CpsFailure(
                Code20.FAILED,
                f"the OEM provisioning key is {type(car_key).__name__}: Ed448 / X448 are "
                "not implemented, only secp521r1",
            )
        if car_key.curve.name != "secp521r1":
            raise CpsFailure(Code20.CHAIN, f"the OEM provisioning key is on {car_key.curve.name}")
        validator = self._trust.oem_validator(session)
        with diagnostics.step("chain"):
            result = validator.validate(leaf, subs)
        diagnostics.examine(validator, leaf, subs)
        require_valid(result, _VALIDATION_CODES, Code20.CHAIN)
        with diagnostics.step("signature"):
            verify_request_signature(request, car_key)
        pcid = pcid_key(common_name(leaf, Code20.CHAIN))
        diagnostics.note(pcid=pcid)
        cps = cps_chain(
            session,
            self._ca,
            self._trust,
            HIERARCHY20,
            request.root_certificate_ids,
            code=Code20.NO_CERTIFICATE,
        )
        contract, remaining = self._choose(
            session,
            pcid,
            request.maximum_contract_certificate_chains,
            request.prioritized_emaids or [],
        )
        return self._issue(session, request, contract, car_key, cps, pcid, remaining)

    def _choose(
        self, session: Session, pcid: str, maximum: int, prioritized: list[str]
    ) -> tuple[Contract, int]:
        """The contract to serve now and how many of the car's chosen contracts still lack a
        valid -20 certificate afterwards."""
        if maximum < 1:
            raise CpsFailure(Code20.NO_CERTIFICATE, "MaximumContractCertificateChains is 0")
        now = datetime.now(UTC)
        contracts = self._contracts.contracts_for_pcid(session, pcid)
        if not contracts:
            raise CpsFailure(Code20.NO_CONTRACT, f"no contract for PCID {pcid}")
        usable = [c for c in contracts if usability(c, now) is Usability.USABLE]
        if not usable:
            states = ", ".join(f"{c.emaid} {usability(c, now)}" for c in contracts)
            raise CpsFailure(Code20.NO_CONTRACT, f"no usable contract for PCID {pcid}: {states}")
        wanted = [_listed_emaid(e) for e in prioritized]

        def rank(contract: Contract) -> int:
            return wanted.index(contract.emaid) if contract.emaid in wanted else len(wanted)

        usable.sort(key=rank)
        chosen = usable[:maximum]
        last_served: dict[int, datetime | None] = {}
        for contract in chosen:
            valid = [
                cert.issued_at
                for cert in self._contracts.certificates(session, contract.emaid)
                if cert.schema == "iso-20" and cert.pcid == pcid and cert.not_after > now
            ]
            last_served[contract.id] = max(valid) if valid else None
        unserved = [c for c in chosen if last_served[c.id] is None]
        if unserved:
            return unserved[0], len(unserved) - 1
        oldest = min(chosen, key=lambda c: last_served[c.id] or now)
        return oldest, 0

    def _issue(
        self,
        session: Session,
        request: CertificateInstallationReq20,
        contract: Contract,
        car_key: ec.EllipticCurvePublicKey,
        cps: CertificateChain,
        pcid: str,
        remaining: int,
    ) -> CpsAnswer:
        def seal(
            contract_key: ec.EllipticCurvePrivateKey, certificate: x509.Certificate
        ) -> EncryptedContractKey:
            ski = certificate.extensions.get_extension_for_class(x509.SubjectKeyIdentifier)
            aad = associated_data(pcid, ski.value.digest)
            return encrypt_contract_key_iso20(contract_key, car_key, aad)

        # Before anything is reserved: a key store that cannot sign refuses the car cleanly.
        signer = self._ca.signer_for(HIERARCHY20.leaf)
        issued, encrypted = self._issuer.issue(
            session,
            contract,
            hierarchy=HIERARCHY20,
            pcid=pcid,
            action="install",
            canceled_code=Code20.NO_CONTRACT,
            now=datetime.now(UTC),
            seal=seal,
        )
        response = CertificateInstallationRes20(
            MessageHeader20(request.header.session_id, int(time.time())),
            Code20.OK,
            "Finished",
            cps,
            SignedInstallationData20(
                SIGNED_DATA_ID,
                CertificateChain(der(issued.certificate), [der(c) for c in issued.chain]),
                ECDH_CURVE,
                encrypted.dh_public_key,
                encrypted.encrypted,
            ),
            remaining,
        )
        with diagnostics.step("signing"):
            response.header.signature = build_signature20(response.signed_elements(), signer.sign)
        with diagnostics.step("encode"):
            exi = response_text(encode_iso20_message(response))
        detail = "issued" if KDF_20_CONFIRMED else "issued (the -20 KDF is unverified)"
        return CpsAnswer(
            "Accepted",
            exi,
            Code20.OK,
            detail,
            contract.emaid,
            issued.serial_hex,
            remaining_contracts=remaining,
        )


# --- -20 signatures -------------------------------------------------------------------------


def signed_info20(digests: dict[str, bytes], *, sha512: bool = True) -> dict[str, Any]:
    digest_uri = DIGEST_SHA512 if sha512 else DIGEST_SHA256
    return {
        "CanonicalizationMethod": {"Algorithm": CANONICAL_EXI},
        "SignatureMethod": {"Algorithm": ECDSA_SHA512 if sha512 else ECDSA_SHA256},
        "Reference": [
            {
                "URI": f"#{element_id}",
                "Transforms": {"Transform": [{"Algorithm": CANONICAL_EXI}]},
                "DigestMethod": {"Algorithm": digest_uri},
                "DigestValue": digest,
            }
            for element_id, digest in digests.items()
        ],
    }


def build_signature20(
    elements: dict[str, tuple[str, Any]], sign: Callable[[bytes], bytes]
) -> dict[str, Any]:
    """A -20 header Signature (ecdsa-sha512, SHA-512 digests of the -20 EXI fragments) by a
    P-521 key behind `sign(data) -> DER ECDSA` (SHA-512 inside). It stays the codec's tree,
    as MessageHeader20 keeps it."""
    digests = {
        element_id: hashlib.sha512(encode_fragment(name, content, "iso-20")).digest()
        for element_id, (name, content) in elements.items()
    }
    signed_info = signed_info20(digests)
    r, s = utils.decode_dss_signature(sign(encode_fragment("SignedInfo", signed_info, "xmldsig")))
    value = r.to_bytes(P521_BYTES, "big") + s.to_bytes(P521_BYTES, "big")
    return {"SignedInfo": signed_info, "SignatureValue": {"value": value}}


def verify_request_signature(
    request: CertificateInstallationReq20, key: ec.EllipticCurvePublicKey
) -> None:
    """The header Signature must reference the OEMProvisioningCertificateChain by its Id,
    every digest must match (by its DigestMethod) and SignatureValue (raw r||s) verify under
    the OEM leaf's key with the SignatureMethod's hash."""
    signature = request.header.signature
    if signature is None:
        raise CpsFailure(Code20.SIGNATURE, "the request is not signed")
    chain = request.oem_provisioning_certificate_chain
    signed_info = signature["SignedInfo"]
    references = signed_info.get("Reference", [])
    if chain.id not in [r.get("URI", "").removeprefix("#") for r in references]:
        raise CpsFailure(Code20.SIGNATURE, "the signature does not cover the OEM chain")
    fragment = encode_fragment("OEMProvisioningCertificateChain", chain.to_tree(), "iso-20")
    for reference in references:
        if reference["URI"].removeprefix("#") != chain.id:
            raise CpsFailure(Code20.SIGNATURE, f"unknown reference {reference['URI']!r}")
        digest = _DIGESTS.get(reference["DigestMethod"]["Algorithm"])
        if digest is None:
            raise CpsFailure(
                Code20.SIGNATURE, f"digest {reference['DigestMethod']['Algorithm']} unsupported"
            )
        if digest(fragment) != reference["DigestValue"]:
            raise CpsFailure(Code20.SIGNATURE, "digest of OEMProvisioningCertificateChain differs")
    algorithm = _SIGNATURE_HASHES.get(signed_info["SignatureMethod"]["Algorithm"])
    if algorithm is None:
        raise CpsFailure(
            Code20.SIGNATURE,
            f"signature method {signed_info['SignatureMethod']['Algorithm']} unsupported",
        )
    raw = signature["SignatureValue"]["value"]
    if len(raw) != 2 * P521_BYTES:
        raise CpsFailure(Code20.SIGNATURE, f"SignatureValue has {len(raw)} bytes, not 132")
    der_signature = utils.encode_dss_signature(
        int.from_bytes(raw[:P521_BYTES], "big"), int.from_bytes(raw[P521_BYTES:], "big")
    )
    try:
        key.verify(
            der_signature,
            encode_fragment("SignedInfo", signed_info, "xmldsig"),
            ec.ECDSA(algorithm),
        )
    except (InvalidSignature, ExiEncodeError) as exc:
        raise CpsFailure(Code20.SIGNATURE, f"SignatureValue does not verify: {exc}") from None


# --- helpers --------------------------------------------------------------------------------


def _listed_emaid(text: str) -> str | None:
    """A PrioritizedEMAIDs entry, normalised (it may lack the check character); None if it is
    no eMAID, so it matches no contract."""
    try:
        return normalize_tolerant(text)
    except EmaidError:
        return None


def associated_data(pcid: str, ski: bytes) -> bytes:
    """AAD of the AES-256-GCM encryption: PCID (upper case, no separators) || the contract
    certificate's SKI as upper-case hex."""
    return pcid.upper().encode("ascii") + binascii.hexlify(ski).upper()


def failed_response(session_id: bytes, code: str) -> bytes:
    """A -20 CertificateInstallationRes carrying only `code`: the mandatory elements with
    zero placeholders of the schema's fixed lengths, no signature."""
    placeholder = b"\x00"
    return encode_iso20_message(
        CertificateInstallationRes20(
            MessageHeader20(session_id, int(time.time())),
            code,
            "Finished",
            CertificateChain(placeholder),
            SignedInstallationData20(
                SIGNED_DATA_ID,
                CertificateChain(placeholder, [placeholder]),
                ECDH_CURVE,
                bytes(133),
                bytes(94),
            ),
            0,
        )
    )
