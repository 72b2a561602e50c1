"""An external root made with the openssl command line (Hubject's, say, or another V2G or MO
PKI): it signs the CSRs the product exports for its own sub-CAs, as that root's operator would,
and cross-certifies keys."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.types import CertificateIssuerPublicKeyTypes

from .helpers import openssl

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
keyUsage = critical, digitalSignature
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
"""


@dataclass
class ExternalCa:
    dir: Path
    name: str

    @property
    def root_path(self) -> Path:
        return self.dir / "root.pem"

    @property
    def root_pem(self) -> bytes:
        return self.root_path.read_bytes()

    @property
    def root(self) -> x509.Certificate:
        return x509.load_pem_x509_certificate(self.root_pem)

    def sign(self, csr_pem: bytes, out: str, *, extensions: str = "sub1", days: int = 800) -> Path:
        """The certificate this root's operator signs for a CSR (subject and key from it)."""
        csr = self.dir / f"{out}.csr"
        csr.write_bytes(csr_pem)
        path = self.dir / f"{out}.pem"
        openssl(
            "x509", "-req", "-in", str(csr), "-CA", str(self.root_path),
            "-CAkey", str(self.dir / "root.key"), "-CAcreateserial", "-days", str(days),
            "-sha256", "-extfile", str(self.dir / "ext.cnf"), "-extensions", extensions,
            "-out", str(path),
        )  # fmt: skip
        return path

    def certify(
        self,
        subject: x509.Name,
        public_key: CertificateIssuerPublicKeyTypes,
        *,
        path_length: int | None = 1,
        days: int = 800,
    ) -> bytes:
        """A CA certificate for a key this root never saw a CSR for (a cross-certificate for
        the product's root key, whose key never leaves its key store), as PEM."""
        key = serialization.load_pem_private_key((self.dir / "root.key").read_bytes(), None)
        assert isinstance(key, ec.EllipticCurvePrivateKey)
        now = datetime.now(UTC)
        root = self.root
        certificate = (
            x509.CertificateBuilder()
            .subject_name(subject)
            .issuer_name(root.subject)
            .public_key(public_key)
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - timedelta(minutes=5))
            .not_valid_after(now + timedelta(days=days))
            .add_extension(x509.BasicConstraints(ca=True, path_length=path_length), critical=True)
            .add_extension(
                x509.KeyUsage(False, False, False, False, False, True, True, False, False),
                critical=True,
            )
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(public_key), critical=False)
            .add_extension(
                x509.AuthorityKeyIdentifier.from_issuer_public_key(key.public_key()),
                critical=False,
            )
            .sign(key, hashes.SHA512() if key.curve.name == "secp521r1" else hashes.SHA256())
        )
        return certificate.public_bytes(serialization.Encoding.PEM)


def make_external_ca(
    tmp: Path, name: str = "Xroot", *, dc: str = "V2G", curve: str = "prime256v1"
) -> ExternalCa:
    """curve: prime256v1 (ISO 15118-2) or secp521r1 (-20, signing with SHA-512)."""
    tmp.mkdir(parents=True, exist_ok=True)
    (tmp / "ext.cnf").write_text(_EXTENSIONS)
    openssl("ecparam", "-name", curve, "-genkey", "-noout", "-out", str(tmp / "root.key"))
    digest = "-sha512" if curve == "secp521r1" else "-sha256"
    openssl(
        "req", "-x509", "-new", "-key", str(tmp / "root.key"),
        "-subj", f"/CN={name} V2G Root/O={name} Test/DC={dc}", "-days", "3650", digest,
        "-extensions", "root", "-config", str(tmp / "ext.cnf"), "-out", str(tmp / "root.pem"),
    )  # fmt: skip
    return ExternalCa(tmp, name)
