"""An external root made with the openssl command line (Hubject's, say, or another V2G or MO
PKI): it signs the CSRs the product exports for its own sub-CAs, as that root's operator would,
and cross-certifies keys."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from cryptography import x509

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


def make_external_ca(tmp: Path, name: str = "Xroot", *, dc: str = "V2G") -> ExternalCa:
    tmp.mkdir(parents=True, exist_ok=True)
    (tmp / "ext.cnf").write_text(_EXTENSIONS)
    openssl("ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", str(tmp / "root.key"))
    openssl(
        "req", "-x509", "-new", "-key", str(tmp / "root.key"),
        "-subj", f"/CN={name} V2G Root/O={name} Test/DC={dc}", "-days", "3650", "-sha256",
        "-extensions", "root", "-config", str(tmp / "ext.cnf"), "-out", str(tmp / "root.pem"),
    )  # fmt: skip
    return ExternalCa(tmp, name)
