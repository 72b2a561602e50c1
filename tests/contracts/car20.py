"""An ISO 15118-20 car for the CPS tests: a P-521 car maker's PKI made with the openssl
command line, and the EV side of CertificateInstallation written here from the XSD and the
xmldsig / AES-GCM specifications (our EXI codec encodes; signing, digests, chain checks and
decryption use `cryptography` directly, not the product's helpers)."""

from __future__ import annotations

import base64
import hashlib
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, utils
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from iso15118 import decode_exi, encode_exi, encode_fragment
from iso15118.contract_key import derive_key_iso20
from tests.pki.helpers import openssl

_EXTENSIONS = """
[root]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[sub1]
basicConstraints = critical, CA:TRUE, pathlen:1
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[sub2]
basicConstraints = critical, CA:TRUE, pathlen:0
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[leaf]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyAgreement
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
"""

CANONICAL_EXI = "http://www.w3.org/TR/canonical-exi/"
URIS = {
    "sha512": (
        "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha512",
        "http://www.w3.org/2001/04/xmlenc#sha512",
    ),
    "sha256": (
        "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256",
        "http://www.w3.org/2001/04/xmlenc#sha256",
    ),
}


@dataclass
class OemPki20:
    dir: Path
    root: x509.Certificate
    sub1: x509.Certificate
    sub2: x509.Certificate
    leaf: x509.Certificate
    leaf_key: ec.EllipticCurvePrivateKey

    def pem(self, *names: str) -> bytes:
        return b"".join((self.dir / f"{n}.pem").read_bytes() for n in names)

    def der(self, name: str) -> bytes:
        cert: x509.Certificate = getattr(self, name)
        return cert.public_bytes(serialization.Encoding.DER)


def make_oem_pki20(
    tmp: Path,
    *,
    leaf_cn: str,
    name: str = "OEM20",
    curve: str = "secp521r1",
    leaf_days: int = 365,
) -> OemPki20:
    """Root, two sub-CAs and a provisioning leaf, all on `curve`, ecdsa-with-SHA512."""
    tmp.mkdir(parents=True, exist_ok=True)
    ext = tmp / "ext.cnf"
    ext.write_text(_EXTENSIONS)
    for n in ("root", "sub1", "sub2", "leaf"):
        openssl("ecparam", "-name", curve, "-genkey", "-noout", "-out", str(tmp / f"{n}.key"))
    openssl(
        "req", "-x509", "-new", "-key", str(tmp / "root.key"),
        "-subj", f"/CN={name} Root/O={name} Test/DC=V2G", "-days", "3650", "-sha512",
        "-extensions", "root", "-config", str(ext), "-out", str(tmp / "root.pem"),
    )  # fmt: skip
    chain = [
        ("sub1", "root", f"/CN={name} Sub1/O={name} Test", "1000"),
        ("sub2", "sub1", f"/CN={name} Sub2/O={name} Test", "900"),
        ("leaf", "sub2", f"/CN={leaf_cn}/O={name} Test/DC=OEM", str(leaf_days)),
    ]
    for child, parent, subject, days in chain:
        openssl(
            "req", "-new", "-key", str(tmp / f"{child}.key"), "-subj", subject,
            "-out", str(tmp / f"{child}.csr"),
        )  # fmt: skip
        openssl(
            "x509", "-req", "-in", str(tmp / f"{child}.csr"), "-CA", str(tmp / f"{parent}.pem"),
            "-CAkey", str(tmp / f"{parent}.key"), "-CAcreateserial", "-days", days, "-sha512",
            "-extfile", str(ext), "-extensions", child, "-out", str(tmp / f"{child}.pem"),
        )  # fmt: skip

    def load(n: str) -> x509.Certificate:
        return x509.load_pem_x509_certificate((tmp / f"{n}.pem").read_bytes())

    key = serialization.load_pem_private_key((tmp / "leaf.key").read_bytes(), None)
    assert isinstance(key, ec.EllipticCurvePrivateKey)
    return OemPki20(tmp, load("root"), load("sub1"), load("sub2"), load("leaf"), key)


def _der(certificate: x509.Certificate) -> bytes:
    return certificate.public_bytes(serialization.Encoding.DER)


def _raw_signature(key: ec.EllipticCurvePrivateKey, data: bytes, hash_name: str) -> bytes:
    algorithm = hashes.SHA512() if hash_name == "sha512" else hashes.SHA256()
    r, s = utils.decode_dss_signature(key.sign(data, ec.ECDSA(algorithm)))
    size = (key.curve.key_size + 7) // 8
    return r.to_bytes(size, "big") + s.to_bytes(size, "big")


class Car20:
    """Builds a signed CertificateInstallationReq and checks the response the way an EV
    does: signature over SignedInstallationData by the CPS leaf, CPS chain up to the V2G
    root it trusts, the key decrypted and matching the contract certificate."""

    def __init__(self, oem: OemPki20, pcid: str) -> None:
        self.oem = oem
        self.pcid = pcid
        self.session_id = bytes.fromhex("0011223344556677")

    def request(
        self,
        roots: list[x509.Certificate],
        *,
        maximum: int = 1,
        prioritized: list[str] | None = None,
        hash_name: str = "sha512",
        sign: bool = True,
        tamper: bool = False,
        leaf: x509.Certificate | None = None,
        key: ec.EllipticCurvePrivateKey | None = None,
        subs: list[x509.Certificate] | None = None,
    ) -> bytes:
        chain = {
            "Id": "id1",
            "Certificate": _der(leaf or self.oem.leaf),
            "SubCertificates": {
                "Certificate": [_der(c) for c in (subs if subs is not None else [self.oem.sub2])]
            },
        }
        header: dict[str, Any] = {"SessionID": self.session_id, "TimeStamp": int(time.time())}
        if sign:
            method, digest_method = URIS[hash_name]
            fragment = encode_fragment("OEMProvisioningCertificateChain", chain, "iso-20")
            digest = (hashlib.sha512 if hash_name == "sha512" else hashlib.sha256)(fragment)
            signed_info = {
                "CanonicalizationMethod": {"Algorithm": CANONICAL_EXI},
                "SignatureMethod": {"Algorithm": method},
                "Reference": [
                    {
                        "URI": "#id1",
                        "Transforms": {"Transform": [{"Algorithm": CANONICAL_EXI}]},
                        "DigestMethod": {"Algorithm": digest_method},
                        "DigestValue": digest.digest(),
                    }
                ],
            }
            value = _raw_signature(
                key or self.oem.leaf_key,
                encode_fragment("SignedInfo", signed_info, "xmldsig"),
                hash_name,
            )
            header["Signature"] = {"SignedInfo": signed_info, "SignatureValue": {"value": value}}
        if tamper:  # changed after signing
            chain["SubCertificates"]["Certificate"] = [_der(self.oem.sub2), _der(self.oem.sub1)]
        body: dict[str, Any] = {
            "Header": header,
            "OEMProvisioningCertificateChain": chain,
            "ListOfRootCertificateIDs": {
                "RootCertificateID": [
                    {
                        "X509IssuerName": r.subject.rfc4514_string(),
                        "X509SerialNumber": r.serial_number,
                    }
                    for r in roots
                ]
            },
            "MaximumContractCertificateChains": maximum,
        }
        if prioritized is not None:
            body["PrioritizedEMAIDs"] = {"EMAID": prioritized}
        return encode_exi({"CertificateInstallationReq": body}, "iso-20")

    def request_b64(self, roots: list[x509.Certificate], **options: Any) -> str:
        return base64.b64encode(self.request(roots, **options)).decode()

    @staticmethod
    def decode(exi_b64: str) -> dict[str, Any]:
        tree = decode_exi(base64.b64decode(exi_b64), "iso-20")
        return tree["CertificateInstallationRes"]  # type: ignore[no-any-return]

    def accept(self, exi_b64: str, v2g_root: x509.Certificate) -> Installed:
        """Everything an EV checks before it stores the contract; AssertionError otherwise."""
        response = self.decode(exi_b64)
        assert response["Header"]["SessionID"] == self.session_id
        assert response["ResponseCode"] == "OK"
        assert response["EVSEProcessing"] == "Finished"
        cps = response["CPSCertificateChain"]
        cps_certs = [
            x509.load_der_x509_certificate(c)
            for c in [cps["Certificate"], *cps["SubCertificates"]["Certificate"]]
        ]
        for child, parent in zip(cps_certs, [*cps_certs[1:], v2g_root], strict=True):
            child.verify_directly_issued_by(parent)  # signature, names; raises otherwise
        cps_key = cps_certs[0].public_key()
        assert isinstance(cps_key, ec.EllipticCurvePublicKey)
        assert cps_key.curve.name == "secp521r1"
        signature = response["Header"]["Signature"]
        signed_info = signature["SignedInfo"]
        assert signed_info["SignatureMethod"]["Algorithm"] == URIS["sha512"][0]
        [reference] = signed_info["Reference"]
        data = response["SignedInstallationData"]
        assert reference["URI"] == "#" + data["Id"]
        assert reference["DigestMethod"]["Algorithm"] == URIS["sha512"][1]
        fragment = encode_fragment("SignedInstallationData", data, "iso-20")
        assert reference["DigestValue"] == hashlib.sha512(fragment).digest()
        raw = signature["SignatureValue"]["value"]
        assert len(raw) == 132
        cps_key.verify(
            utils.encode_dss_signature(
                int.from_bytes(raw[:66], "big"), int.from_bytes(raw[66:], "big")
            ),
            encode_fragment("SignedInfo", signed_info, "xmldsig"),
            ec.ECDSA(hashes.SHA512()),
        )
        contract_chain = data["ContractCertificateChain"]
        contract = x509.load_der_x509_certificate(contract_chain["Certificate"])
        subs = [
            x509.load_der_x509_certificate(c)
            for c in contract_chain["SubCertificates"]["Certificate"]
        ]
        assert data["ECDHCurve"] == "SECP521"
        encrypted = data["SECP521_EncryptedPrivateKey"]
        assert len(encrypted) == 12 + 66 + 16 and len(data["DHPublicKey"]) == 133
        ski = contract.extensions.get_extension_for_class(x509.SubjectKeyIdentifier).value.digest
        aad = self.pcid.encode() + ski.hex().upper().encode()
        peer = ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP521R1(), data["DHPublicKey"])
        shared = self.oem.leaf_key.exchange(ec.ECDH(), peer)
        # the KDF is the product's (unverified) choice: nothing public to check it against
        scalar = AESGCM(derive_key_iso20(shared)).decrypt(encrypted[:12], encrypted[12:], aad)
        key = ec.derive_private_key(int.from_bytes(scalar, "big"), ec.SECP521R1())
        assert key.public_key().public_numbers() == contract.public_key().public_numbers()  # type: ignore[union-attr]
        return Installed(contract, subs, key, response["RemainingContractCertificateChains"])


@dataclass
class Installed:
    certificate: x509.Certificate
    sub_certificates: list[x509.Certificate]
    key: ec.EllipticCurvePrivateKey
    remaining: int

    @property
    def emaid(self) -> str:
        return str(
            self.certificate.subject.get_attributes_for_oid(x509.NameOID.COMMON_NAME)[0].value
        )
