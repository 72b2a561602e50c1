"""Helpers for PKI tests: CSRs, keys, running openssl."""

from __future__ import annotations

import subprocess
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed448, rsa
from cryptography.x509.oid import NameOID

from pki.authority import pem_of

T = TypeVar("T")


def make_key(kind: str = "ec-p256"):  # type: ignore[no-untyped-def]
    if kind == "ed448":
        return ed448.Ed448PrivateKey.generate()
    if kind.startswith("rsa-"):
        return rsa.generate_private_key(65537, int(kind.split("-")[1]))
    curve = {"ec-p256": ec.SECP256R1(), "ec-p384": ec.SECP384R1(), "ec-p521": ec.SECP521R1()}
    return ec.generate_private_key(curve[kind])


def make_csr(
    key=None,  # type: ignore[no-untyped-def]
    *,
    cn: str | None = "UZ*UPC*E1*1",
    o: str | None = "UzCharge",
    c: str | None = None,
    extensions: Sequence[tuple[x509.ExtensionType, bool]] = (),
    hash_algorithm: hashes.HashAlgorithm | None = None,
) -> bytes:
    key = key or make_key()
    attributes = []
    if cn is not None:
        attributes.append(x509.NameAttribute(NameOID.COMMON_NAME, cn))
    if o is not None:
        attributes.append(x509.NameAttribute(NameOID.ORGANIZATION_NAME, o))
    if c is not None:
        attributes.append(x509.NameAttribute(NameOID.COUNTRY_NAME, c))
    builder = x509.CertificateSigningRequestBuilder().subject_name(x509.Name(attributes))
    for value, critical in extensions:
        builder = builder.add_extension(value, critical=critical)
    if isinstance(key, ed448.Ed448PrivateKey):
        algorithm = None
    else:
        algorithm = hash_algorithm or hashes.SHA256()
    return builder.sign(key, algorithm).public_bytes(serialization.Encoding.PEM)


def openssl(*args: str, input_bytes: bytes | None = None, check: bool = True) -> str:
    result = subprocess.run(["openssl", *args], input=input_bytes, capture_output=True, timeout=60)
    output = (result.stdout + result.stderr).decode(errors="replace")
    if check and result.returncode != 0:
        raise AssertionError(f"openssl {' '.join(args)} failed:\n{output}")
    return output


def write_pem(path: Path, certs: Sequence[x509.Certificate]) -> Path:
    path.write_text(pem_of(list(certs)))
    return path


def openssl_verify(
    tmp: Path, leaf: x509.Certificate, chain: Sequence[x509.Certificate], root: x509.Certificate
) -> str:
    root_file = write_pem(tmp / "root.pem", [root])
    untrusted = write_pem(tmp / "untrusted.pem", list(chain) or [root])
    leaf_file = write_pem(tmp / "leaf.pem", [leaf])
    return openssl(
        "verify",
        "-x509_strict",
        "-CAfile",
        str(root_file),
        "-untrusted",
        str(untrusted),
        str(leaf_file),
    )


def in_tx(container: Any, work: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """`work(session, *args, **kwargs)` in one transaction of its own, committed when it
    returns: what a door does for each request (tests own their transactions like any
    caller)."""
    with container.transaction() as session:
        return work(session, *args, **kwargs)
