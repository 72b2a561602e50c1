"""Client certificates for security-profile 3 tests: from the product's CA or a foreign one."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from csms.container import Container
from pki.authority import pem_of
from tests.pki.helpers import make_csr


def _key_pem(key: ec.EllipticCurvePrivateKey) -> bytes:
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )


def own_client_cert(
    container: Container, directory: Path, cn: str, *, o: str | None = None
) -> tuple[Path, Path, int]:
    """A charging-station certificate from the product's CPO Sub-CA 2: (cert, key, serial)."""
    key = ec.generate_private_key(ec.SECP256R1())
    with container.transaction() as session:
        issued = container.ca.issue_from_csr(
            session,
            make_csr(key, cn=cn, o=o or container.settings.organization),
            "charging-station",
            actor="test",
        )
    directory.mkdir(parents=True, exist_ok=True)
    cert_file, key_file = directory / f"{cn}-{issued.serial_hex}.pem", directory / f"{cn}.key"
    cert_file.write_text(issued.pem_chain())
    key_file.write_bytes(_key_pem(key))
    return cert_file, key_file, issued.certificate.serial_number


def foreign_client_cert(
    foreign_dir: Path,
    directory: Path,
    cn: str,
    o: str,
    *,
    expired: bool = False,
) -> tuple[Path, Path]:
    """A client certificate signed by a foreign PKI's Sub-CA 2 (tests.pki.foreign)."""
    issuer = x509.load_pem_x509_certificate((foreign_dir / "sub2.pem").read_bytes())
    issuer_key = serialization.load_pem_private_key(
        (foreign_dir / "sub2.key").read_bytes(), password=None
    )
    key = ec.generate_private_key(ec.SECP256R1())
    now = datetime.now(UTC)
    start, end = (
        (now - timedelta(days=30), now - timedelta(days=1))
        if expired
        else (now - timedelta(minutes=5), now + timedelta(days=30))
    )
    cert = (
        x509.CertificateBuilder()
        .subject_name(
            x509.Name(
                [
                    x509.NameAttribute(NameOID.COMMON_NAME, cn),
                    x509.NameAttribute(NameOID.ORGANIZATION_NAME, o),
                ]
            )
        )
        .issuer_name(issuer.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(end)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer.public_key()),  # type: ignore[arg-type]
            critical=False,
        )
        .sign(issuer_key, hashes.SHA256())  # type: ignore[arg-type]
    )
    directory.mkdir(parents=True, exist_ok=True)
    stem = f"{cn}-{'expired' if expired else 'valid'}-{foreign_dir.name}"
    cert_file, key_file = directory / f"{stem}.pem", directory / f"{stem}.key"
    chain = [
        cert,
        issuer,
        x509.load_pem_x509_certificate((foreign_dir / "sub1.pem").read_bytes()),
    ]
    cert_file.write_text(pem_of(chain))
    key_file.write_bytes(_key_pem(key))
    return cert_file, key_file
