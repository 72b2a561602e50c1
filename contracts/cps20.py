"""The certificate provisioning service for ISO 15118-20 (CommonMessages
CertificateInstallationReq -> CertificateInstallationRes), called by cps.py's `handle`.

Steps and the -20 response code each answers with when it fails:
1. size and base64, EXI decode (-20 CommonMessages), a CertificateInstallationReq ... FAILED
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
   mo-sub2-20, the key encrypted to the car (ECDH secp521r1 + AES-256-GCM, AAD = PCID ||
   contract certificate SKI in upper-case hex), SignedInstallationData signed by cps-leaf-20
   (ecdsa-sha512, SHA-512 digests), RemainingContractCertificateChains = how many of the
   chosen contracts still lack a valid certificate after this one.

What is not confirmed by a public source (docs/contracts.md, "ISO 15118-20"): the KDF
(`iso15118.contract_key.KDF_20_CONFIRMED` is False), the response codes chosen per failure,
and the reading of MaximumContractCertificateChains / RemainingContractCertificateChains.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import logging
import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, utils

from iso15118 import ExiDecodeError, ExiEncodeError, decode_exi, encode_exi, encode_fragment
from iso15118.contract_key import KDF_20_CONFIRMED, encrypt_contract_key_iso20
from pki.authority import CertificateAuthority
from pki.errors import ValidationReason

from .models import Contract
from .service import ContractService
from .trust import TrustView, issuer_name_matches

log = logging.getLogger(__name__)

CPS_LEAF, CPS_SUBS, V2G_ROOT = "cps-leaf-20", ("cps-sub2-20",), "v2g-root-20"
CONTRACT_ISSUER, CONTRACT_PROFILE = "mo-sub2-20", "contract-20"
SIGNED_DATA_ID = "id1"
ACTOR = "cps"

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
    FAILED = "FAILED"
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


class Failure20(Exception):
    def __init__(self, code: str, detail: str) -> None:
        super().__init__(detail)
        self.code = code
        self.detail = detail


class Result20:
    """What cps.py turns into a CpsAnswer."""

    def __init__(
        self,
        exi: bytes,
        code: str,
        detail: str,
        emaid: str | None = None,
        serial_hex: str | None = None,
    ) -> None:
        self.exi, self.code, self.detail = exi, code, detail
        self.emaid, self.serial_hex = emaid, serial_hex


class Iso20Installer:
    def __init__(
        self,
        ca: CertificateAuthority,
        trust: TrustView,
        contracts: ContractService,
        *,
        certificate_days: int,
        escrow_passphrase: bytes | None,
    ) -> None:
        self._ca = ca
        self._trust = trust
        self._contracts = contracts
        self._certificate_days = certificate_days
        self._escrow_passphrase = escrow_passphrase

    def install(self, data: bytes) -> Result20:
        """`data` = the EXI bytes of the request. Never raises Failure20: failures come back
        as a schema-valid CertificateInstallationRes with their code."""
        session_id = bytes(8)
        try:
            try:
                tree = decode_exi(data, "iso-20")
            except ExiDecodeError as exc:
                raise Failure20(Code20.FAILED, f"not a -20 document: {exc}") from None
            request = tree.get("CertificateInstallationReq")
            if request is None:
                got = next(iter(tree))
                raise Failure20(Code20.FAILED, f"Install needs a CertificateInstallationReq: {got}")
            session_id = request["Header"]["SessionID"]
            return self._install(request)
        except Failure20 as failure:
            return Result20(failed_response(session_id, failure.code), failure.code, failure.detail)

    def _install(self, request: dict[str, Any]) -> Result20:
        chain = request["OEMProvisioningCertificateChain"]
        leaf = _load(chain["Certificate"])
        subs = [_load(c) for c in chain.get("SubCertificates", {}).get("Certificate", [])]
        car_key = leaf.public_key()
        if not isinstance(car_key, ec.EllipticCurvePublicKey):
            raise Failure20(
                Code20.FAILED,
                f"the OEM provisioning key is {type(car_key).__name__}: Ed448 / X448 are "
                "not implemented, only secp521r1",
            )
        if car_key.curve.name != "secp521r1":
            raise Failure20(Code20.CHAIN, f"the OEM provisioning key is on {car_key.curve.name}")
        result = self._trust.oem_validator().validate(leaf, subs)
        if not result.ok:
            raise Failure20(_VALIDATION_CODES.get(result.reason, Code20.CHAIN), result.detail)
        verify_request_signature(request, car_key)
        pcid = _common_name(leaf).upper()
        cps_chain = self._cps_chain(request["ListOfRootCertificateIDs"]["RootCertificateID"])
        maximum = int(request["MaximumContractCertificateChains"])
        prioritized = request.get("PrioritizedEMAIDs", {}).get("EMAID", [])
        contract, remaining = self._choose(pcid, maximum, prioritized)
        return self._issue(request, contract, car_key, cps_chain, pcid, remaining)

    def _cps_chain(self, root_ids: list[dict[str, Any]]) -> dict[str, Any]:
        root = self._ca.authority(V2G_ROOT).certificate
        if not any(
            int(r["X509SerialNumber"]) == root.serial_number
            and issuer_name_matches(r["X509IssuerName"], root)
            for r in root_ids
        ):
            raise Failure20(
                Code20.NO_CERTIFICATE, "the car trusts none of the V2G roots the CPS chains to"
            )
        return {
            "Certificate": _der(self._ca.authority(CPS_LEAF).certificate),
            "SubCertificates": {
                "Certificate": [_der(self._ca.authority(n).certificate) for n in CPS_SUBS]
            },
        }

    def _choose(self, pcid: str, maximum: int, prioritized: list[str]) -> tuple[Contract, int]:
        """The contract to serve now and how many of the car's chosen contracts still lack a
        valid -20 certificate afterwards."""
        if maximum < 1:
            raise Failure20(Code20.NO_CERTIFICATE, "MaximumContractCertificateChains is 0")
        now = datetime.now(UTC)
        contracts = self._contracts.contracts_for_pcid(pcid)
        if not contracts:
            raise Failure20(Code20.NO_CONTRACT, f"no contract for PCID {pcid}")
        usable = [c for c in contracts if c.status == "active" and c.valid_until > now]
        if not usable:
            states = ", ".join(
                f"{c.emaid} {c.status if c.status != 'active' else 'ended'}" for c in contracts
            )
            raise Failure20(Code20.NO_CONTRACT, f"no usable contract for PCID {pcid}: {states}")
        wanted = [_normal(e) for e in prioritized]

        def rank(contract: Contract) -> int:  # a listed eMAID may lack the check character
            for index, emaid in enumerate(wanted):
                if len(emaid) >= 14 and contract.emaid.startswith(emaid):
                    return index
            return len(wanted)

        usable.sort(key=rank)
        chosen = usable[:maximum]
        last_served: dict[int, datetime | None] = {}
        for contract in chosen:
            valid = [
                cert.issued_at
                for cert in self._contracts.certificates(contract.emaid)
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
        request: dict[str, Any],
        contract: Contract,
        car_key: ec.EllipticCurvePublicKey,
        cps_chain: dict[str, Any],
        pcid: str,
        remaining: int,
    ) -> Result20:
        contract_key = ec.generate_private_key(ec.SECP521R1())
        issued = self._ca.issue_for_key(
            contract_key.public_key(),
            CONTRACT_PROFILE,
            common_name=contract.emaid,
            actor=ACTOR,
            ca_name=CONTRACT_ISSUER,
            days=self._certificate_days,
            not_after_limit=contract.valid_until,
        )
        ski = issued.certificate.extensions.get_extension_for_class(x509.SubjectKeyIdentifier)
        aad = associated_data(pcid, ski.value.digest)
        encrypted = encrypt_contract_key_iso20(contract_key, car_key, aad)
        escrow = None
        if self._escrow_passphrase is not None:
            escrow = contract_key.private_bytes(
                serialization.Encoding.DER,
                serialization.PrivateFormat.PKCS8,
                serialization.BestAvailableEncryption(self._escrow_passphrase),
            )
        del contract_key  # the only reference: from here on the key exists only encrypted
        signed_data = {
            "Id": SIGNED_DATA_ID,
            "ContractCertificateChain": {
                "Certificate": _der(issued.certificate),
                "SubCertificates": {"Certificate": [_der(c) for c in issued.chain]},
            },
            "ECDHCurve": "SECP521",
            "DHPublicKey": encrypted.dh_public_key,
            "SECP521_EncryptedPrivateKey": encrypted.encrypted,
        }
        signer = self._ca.signer_for(CPS_LEAF)
        signature = build_signature20(
            {SIGNED_DATA_ID: ("SignedInstallationData", signed_data)}, signer.sign
        )
        response = {
            "CertificateInstallationRes": {
                "Header": {
                    "SessionID": request["Header"]["SessionID"],
                    "TimeStamp": int(time.time()),
                    "Signature": signature,
                },
                "ResponseCode": Code20.OK,
                "EVSEProcessing": "Finished",
                "CPSCertificateChain": cps_chain,
                "SignedInstallationData": signed_data,
                "RemainingContractCertificateChains": remaining,
            }
        }
        exi = encode_exi(response, "iso-20")
        self._contracts.record_certificate(
            contract,
            serial_hex=issued.serial_hex,
            pcid=pcid,
            action="install",
            schema="iso-20",
            not_after=issued.certificate.not_valid_after_utc,
            escrowed_key=escrow,
            actor=ACTOR,
        )
        detail = "issued" if KDF_20_CONFIRMED else "issued (the -20 KDF is unverified)"
        return Result20(exi, Code20.OK, detail, contract.emaid, issued.serial_hex)


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
    P-521 key behind `sign(data) -> DER ECDSA` (SHA-512 inside)."""
    digests = {
        element_id: hashlib.sha512(encode_fragment(name, content, "iso-20")).digest()
        for element_id, (name, content) in elements.items()
    }
    signed_info = signed_info20(digests)
    r, s = utils.decode_dss_signature(sign(encode_fragment("SignedInfo", signed_info, "xmldsig")))
    value = r.to_bytes(P521_BYTES, "big") + s.to_bytes(P521_BYTES, "big")
    return {"SignedInfo": signed_info, "SignatureValue": {"value": value}}


def verify_request_signature(request: dict[str, Any], key: ec.EllipticCurvePublicKey) -> None:
    """The header Signature must reference the OEMProvisioningCertificateChain by its Id,
    every digest must match (by its DigestMethod) and SignatureValue (raw r||s) verify under
    the OEM leaf's key with the SignatureMethod's hash."""
    signature = request["Header"].get("Signature")
    if signature is None:
        raise Failure20(Code20.SIGNATURE, "the request is not signed")
    chain = request["OEMProvisioningCertificateChain"]
    signed_info = signature["SignedInfo"]
    references = signed_info.get("Reference", [])
    if chain["Id"] not in [r.get("URI", "").removeprefix("#") for r in references]:
        raise Failure20(Code20.SIGNATURE, "the signature does not cover the OEM chain")
    for reference in references:
        if reference["URI"].removeprefix("#") != chain["Id"]:
            raise Failure20(Code20.SIGNATURE, f"unknown reference {reference['URI']!r}")
        digest = _DIGESTS.get(reference["DigestMethod"]["Algorithm"])
        if digest is None:
            raise Failure20(
                Code20.SIGNATURE, f"digest {reference['DigestMethod']['Algorithm']} unsupported"
            )
        fragment = encode_fragment("OEMProvisioningCertificateChain", chain, "iso-20")
        if digest(fragment) != reference["DigestValue"]:
            raise Failure20(Code20.SIGNATURE, "digest of OEMProvisioningCertificateChain differs")
    algorithm = _SIGNATURE_HASHES.get(signed_info["SignatureMethod"]["Algorithm"])
    if algorithm is None:
        raise Failure20(
            Code20.SIGNATURE,
            f"signature method {signed_info['SignatureMethod']['Algorithm']} unsupported",
        )
    raw = signature["SignatureValue"]["value"]
    if len(raw) != 2 * P521_BYTES:
        raise Failure20(Code20.SIGNATURE, f"SignatureValue has {len(raw)} bytes, not 132")
    der = utils.encode_dss_signature(
        int.from_bytes(raw[:P521_BYTES], "big"), int.from_bytes(raw[P521_BYTES:], "big")
    )
    try:
        key.verify(der, encode_fragment("SignedInfo", signed_info, "xmldsig"), ec.ECDSA(algorithm))
    except (InvalidSignature, ExiEncodeError) as exc:
        raise Failure20(Code20.SIGNATURE, f"SignatureValue does not verify: {exc}") from None


# --- helpers --------------------------------------------------------------------------------


def associated_data(pcid: str, ski: bytes) -> bytes:
    """AAD of the AES-256-GCM encryption: PCID (upper case, no separators) || the contract
    certificate's SKI as upper-case hex."""
    return pcid.upper().encode("ascii") + binascii.hexlify(ski).upper()


def failed_response(session_id: bytes, code: str) -> bytes:
    """A -20 CertificateInstallationRes carrying only `code`: the mandatory elements with
    zero placeholders of the schema's fixed lengths, no signature."""
    placeholder = b"\x00"
    return encode_exi(
        {
            "CertificateInstallationRes": {
                "Header": {"SessionID": session_id, "TimeStamp": int(time.time())},
                "ResponseCode": code,
                "EVSEProcessing": "Finished",
                "CPSCertificateChain": {"Certificate": placeholder},
                "SignedInstallationData": {
                    "Id": SIGNED_DATA_ID,
                    "ContractCertificateChain": {
                        "Certificate": placeholder,
                        "SubCertificates": {"Certificate": [placeholder]},
                    },
                    "ECDHCurve": "SECP521",
                    "DHPublicKey": bytes(133),
                    "SECP521_EncryptedPrivateKey": bytes(94),
                },
                "RemainingContractCertificateChains": 0,
            }
        },
        "iso-20",
    )


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _normal(emaid: str) -> str:
    return emaid.strip().upper().replace("-", "").replace("*", "")


def _der(certificate: x509.Certificate) -> bytes:
    return certificate.public_bytes(serialization.Encoding.DER)


def _load(data: bytes) -> x509.Certificate:
    try:
        certificate = x509.load_der_x509_certificate(data)
        _ = certificate.extensions
    except ValueError as exc:
        raise Failure20(Code20.CHAIN, f"unreadable certificate: {exc}") from None
    return certificate


def _common_name(certificate: x509.Certificate) -> str:
    names = certificate.subject.get_attributes_for_oid(x509.NameOID.COMMON_NAME)
    if not names:
        raise Failure20(Code20.CHAIN, "the certificate has no common name")
    return str(names[0].value)
