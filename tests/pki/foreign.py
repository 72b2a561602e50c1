"""A foreign PKI made with the openssl command line (a car maker's, say), so the product's
trust import and path validation meet certificates it did not build."""

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
keyUsage = critical, digitalSignature, keyAgreement
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
"""


@dataclass
class ForeignPki:
    dir: Path
    root: x509.Certificate
    sub1: x509.Certificate
    sub2: x509.Certificate
    leaf: x509.Certificate
    leaf_key_pem: bytes

    def pem(self, *names: str) -> bytes:
        return b"".join((self.dir / f"{n}.pem").read_bytes() for n in names)


def _load(path: Path) -> x509.Certificate:
    return x509.load_pem_x509_certificate(path.read_bytes())


def make_foreign_pki(
    tmp: Path,
    *,
    name: str = "OEM",
    leaf_cn: str = "WMIABC1234567890X",
    leaf_days: int = 365,
    leaf_start: str | None = None,
) -> ForeignPki:
    tmp.mkdir(parents=True, exist_ok=True)
    ext = tmp / "ext.cnf"
    ext.write_text(_EXTENSIONS)
    for n in ("root", "sub1", "sub2", "leaf"):
        openssl(
            "ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", str(tmp / f"{n}.key")
        )
    openssl(
        "req",
        "-x509",
        "-new",
        "-key",
        str(tmp / "root.key"),
        "-subj",
        f"/CN={name} Root/O={name} Test/DC=V2G",
        "-days",
        "3650",
        "-sha256",
        "-extensions",
        "root",
        "-config",
        str(ext),
        "-out",
        str(tmp / "root.pem"),
    )
    chain = [
        ("sub1", "root", f"/CN={name} Sub1/O={name} Test", "1000"),
        ("sub2", "sub1", f"/CN={name} Sub2/O={name} Test", "900"),
        ("leaf", "sub2", f"/CN={leaf_cn}/O={name} Test/DC=OEM", str(leaf_days)),
    ]
    for child, parent, subject, days in chain:
        openssl(
            "req",
            "-new",
            "-key",
            str(tmp / f"{child}.key"),
            "-subj",
            subject,
            "-out",
            str(tmp / f"{child}.csr"),
        )
        args = [
            "x509",
            "-req",
            "-in",
            str(tmp / f"{child}.csr"),
            "-CA",
            str(tmp / f"{parent}.pem"),
            "-CAkey",
            str(tmp / f"{parent}.key"),
            "-CAcreateserial",
            "-days",
            days,
            "-sha256",
            "-extfile",
            str(ext),
            "-extensions",
            child,
            "-out",
            str(tmp / f"{child}.pem"),
        ]
        openssl(*args)
    return ForeignPki(
        tmp,
        _load(tmp / "root.pem"),
        _load(tmp / "sub1.pem"),
        _load(tmp / "sub2.pem"),
        _load(tmp / "leaf.pem"),
        (tmp / "leaf.key").read_bytes(),
    )
