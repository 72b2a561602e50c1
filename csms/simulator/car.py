"""A simulated car: the EV side of ISO 15118-2 contract certificate installation.

It holds an OEM provisioning certificate and key, builds and signs a
CertificateInstallationReq with the product's own EXI codec, and checks the answer the way a
car does: response code, the CPS signature against a V2G root it trusts, the contract chain,
and that the decrypted private key belongs to the contract certificate.
"""

from __future__ import annotations

import base64
import os
from dataclasses import dataclass

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

from iso15118 import decode_v2g_message, encode_v2g_message
from iso15118.contract_key import decrypt_contract_key_iso2
from iso15118.messages import (
    CertificateInstallationReq,
    CertificateInstallationRes,
    Header,
    RootCertificateID,
    Signature,
    V2GMessage,
)
from iso15118.xmldsig import build_signature, verify_signature
from pki.validation import PathValidator

ISO2_SCHEMA = "urn:iso:15118:2:2013:MsgDef"


class CarRefusal(Exception):
    """The car would not accept this answer."""


@dataclass(frozen=True)
class InstalledContract:
    emaid: str
    certificate: x509.Certificate
    sub_certificates: tuple[x509.Certificate, ...]
    private_key: ec.EllipticCurvePrivateKey

    def pem_chain(self) -> str:
        return "".join(
            c.public_bytes(serialization.Encoding.PEM).decode()
            for c in (self.certificate, *self.sub_certificates)
        )


class SimulatedCar:
    def __init__(
        self,
        pcid: str,
        oem_certificate: x509.Certificate,
        oem_key: ec.EllipticCurvePrivateKey,
        trusted_v2g_roots: list[x509.Certificate],
    ) -> None:
        self.pcid = pcid
        self.oem_certificate = oem_certificate
        self._oem_key = oem_key
        self.trusted_v2g_roots = trusted_v2g_roots
        self.contract: InstalledContract | None = None
        self._session_id = os.urandom(8)

    def installation_request(self) -> str:
        """Base64 of the whole EXI V2G_Message, as a station forwards it in OCPP."""
        body = CertificateInstallationReq(
            id="ID1",
            oem_provisioning_cert=self.oem_certificate.public_bytes(serialization.Encoding.DER),
            root_certificate_ids=[
                RootCertificateID(root.issuer.rfc4514_string(), root.serial_number)
                for root in self.trusted_v2g_roots
            ],
        )
        message = V2GMessage(Header(self._session_id), body)
        signature = build_signature(message.signed_elements(), self._oem_key)
        message.header.signature = Signature.from_tree(signature)
        return base64.b64encode(encode_v2g_message(message)).decode()

    def accept_installation(self, exi_response_b64: str) -> InstalledContract:
        message = decode_v2g_message(base64.b64decode(exi_response_b64, validate=True))
        body = message.body
        if not isinstance(body, CertificateInstallationRes):
            raise CarRefusal(f"expected CertificateInstallationRes, got {type(body).__name__}")
        if body.response_code != "OK":
            raise CarRefusal(f"the CPS answered {body.response_code}")
        if message.header.session_id != self._session_id:
            raise CarRefusal("the answer is for another session")
        cps_chain = body.sa_provisioning_certificate_chain
        cps_leaf = x509.load_der_x509_certificate(cps_chain.certificate)
        cps_subs = [x509.load_der_x509_certificate(c) for c in cps_chain.sub_certificates]
        verdict = PathValidator(self.trusted_v2g_roots, cps_subs).validate(cps_leaf)
        if not verdict.ok:
            raise CarRefusal(f"the CPS chain does not validate: {verdict.detail}")
        if message.header.signature is None:
            raise CarRefusal("the answer is not signed")
        public_key = cps_leaf.public_key()
        assert isinstance(public_key, ec.EllipticCurvePublicKey)
        verify_signature(message.header.signature.to_tree(), message.signed_elements(), public_key)
        contract_chain = body.contract_signature_cert_chain
        contract = x509.load_der_x509_certificate(contract_chain.certificate)
        subs = tuple(x509.load_der_x509_certificate(c) for c in contract_chain.sub_certificates)
        key = decrypt_contract_key_iso2(
            body.contract_signature_encrypted_private_key.value,
            body.dh_public_key.value,
            self._oem_key,
        )
        if key.public_key() != contract.public_key():
            raise CarRefusal("the decrypted key does not belong to the contract certificate")
        emaid = str(body.emaid.value)
        cn = str(contract.subject.get_attributes_for_oid(x509.NameOID.COMMON_NAME)[0].value)
        if cn.replace("-", "").upper() != emaid.replace("-", "").upper():
            raise CarRefusal(f"the certificate is for {cn}, the answer says {emaid}")
        self.contract = InstalledContract(emaid, contract, subs, key)
        return self.contract
