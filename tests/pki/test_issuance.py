"""Issuance from CSRs: each profile's certificate is accepted by openssl and matches its
profile; on every database x key-store pair."""

from __future__ import annotations

from pathlib import Path

import pytest
from cryptography import x509
from sqlalchemy import func, select

from auth.audit import AuditEvent
from csms.container import Container
from pki.db import CertificateRecord
from pki.issuance import serial_to_hex

from .helpers import in_tx, make_csr, make_key, openssl, openssl_verify

# profile, key kind, CN, O, issuing CA (None: the profile's default), root
CASES = [
    ("secc", "ec-p256", "UZ*UPC*E123*1", "UzCharge", None, "v2g-root"),
    ("contract", "ec-p256", "UZUPCC000012345", None, None, "mo-root"),
    ("cps-leaf", "ec-p256", "CPS Leaf 2", None, None, "v2g-root"),
    ("oem-prov", "ec-p256", "WMI1234567890ABCD", None, None, "oem-root"),
    ("csms-server", "ec-p256", "csms.example.uz", "UzPnC", None, "v2g-root"),
    ("csms-server", "rsa-2048", "127.0.0.1", "UzPnC", None, "v2g-root"),
    ("charging-station", "ec-p256", "CS-0001", "UzPnC", None, "v2g-root"),
    ("charging-station", "rsa-3072", "CS-0002", "UzPnC", None, "v2g-root"),
    ("secc-20", "ec-p521", "UZ*UPC*E123*2", "UzCharge", None, "v2g-root-20"),
    ("contract-20", "ec-p521", "UZUPCC000012346", None, None, "mo-root-20"),
    ("contract-20", "ed448", "UZUPCC000012347", None, None, "mo-root-20"),
]


@pytest.mark.parametrize(("profile", "key_kind", "cn", "o", "ca", "root"), CASES)
def test_each_profile_issues_a_chain_openssl_verifies(
    container: Container,
    tmp_path: Path,
    profile: str,
    key_kind: str,
    cn: str,
    o: str | None,
    ca: str | None,
    root: str,
) -> None:
    key = make_key(key_kind)
    issued = in_tx(
        container, container.ca.issue_from_csr, make_csr(key, cn=cn, o=o), profile, actor="test"
    )
    leaf = issued.certificate
    assert leaf.public_key() == key.public_key()
    assert leaf.subject.get_attributes_for_oid(x509.NameOID.COMMON_NAME)[0].value == cn
    # The chain handed out is leaf first, without the root.
    root_cert = container.ca.authority(root).certificate
    assert root_cert not in issued.chain
    assert issued.chain[-1].issuer == root_cert.subject
    assert "OK" in openssl_verify(tmp_path, leaf, issued.chain, root_cert)
    # No extendedKeyUsage on anything but the delegated OCSP responder.
    with pytest.raises(x509.ExtensionNotFound):
        leaf.extensions.get_extension_for_class(x509.ExtendedKeyUsage)


def test_issuance_on_every_backend(any_container: Container, tmp_path: Path) -> None:
    issued = in_tx(any_container, any_container.ca.issue_from_csr, make_csr(), "secc", actor="test")
    root = any_container.ca.authority("v2g-root").certificate
    assert "OK" in openssl_verify(tmp_path, issued.certificate, issued.chain, root)
    with any_container.session_factory() as session:
        record = session.scalar(
            select(CertificateRecord).where(CertificateRecord.serial_hex == issued.serial_hex)
        )
        assert record is not None and record.status == "issued"
        assert record.der == issued.certificate.public_bytes(
            __import__("cryptography.hazmat.primitives.serialization", fromlist=["x"]).Encoding.DER
        )
        events = session.scalar(
            select(func.count())
            .select_from(AuditEvent)
            .where(
                AuditEvent.serial_hex == issued.serial_hex,
                AuditEvent.action == "certificate.issued",
            )
        )
        assert events == 1


def test_every_ca_chain_verifies_with_openssl(container: Container, tmp_path: Path) -> None:
    for name, authority in container.ca.authorities().items():
        chain = container.ca.chain_to_root(name)
        root = chain[-1]
        if len(chain) == 1:
            out = openssl_verify(tmp_path, root, [], root)
        else:
            out = openssl_verify(tmp_path, chain[0], chain[1:-1], root)
        assert "OK" in out, name
        bc = authority.certificate.extensions.get_extension_for_class(x509.BasicConstraints)
        assert bc.critical and bc.value.ca == authority.profile.ca


def test_serials_are_random_positive_and_long(container: Container) -> None:
    serials = {
        in_tx(
            container, container.ca.issue_from_csr, make_csr(), "secc", actor="test"
        ).certificate.serial_number
        for _ in range(20)
    }
    assert len(serials) == 20
    assert all(s > 0 and s.bit_length() == 127 for s in serials)


def test_not_before_is_backdated_and_validity_follows_the_profile(container: Container) -> None:
    from datetime import UTC, datetime, timedelta

    before = datetime.now(UTC)
    cert = in_tx(
        container, container.ca.issue_from_csr, make_csr(), "secc", actor="test"
    ).certificate
    assert cert.not_valid_before_utc <= before - timedelta(minutes=4)
    assert timedelta(days=59) < cert.not_valid_after_utc - before <= timedelta(days=60)
    cert = in_tx(
        container, container.ca.issue_from_csr, make_csr(), "secc", actor="test", days=10
    ).certificate
    assert cert.not_valid_after_utc - before <= timedelta(days=10)


def test_validity_never_exceeds_the_issuer(container: Container) -> None:
    issued = in_tx(
        container,
        container.ca.issue_from_csr,
        make_csr(cn="UZUPCC000099999", o=None),
        "contract",
        actor="test",
        days=730,
    )
    issuer = container.ca.authority("mo-sub2").certificate
    assert issued.certificate.not_valid_after_utc <= issuer.not_valid_after_utc


def test_csr_extensions_are_never_copied(container: Container) -> None:
    csr = make_csr(
        extensions=[
            (x509.SubjectAlternativeName([x509.DNSName("evil.example")]), False),
            (x509.ExtendedKeyUsage([x509.ExtendedKeyUsageOID.CODE_SIGNING]), False),
        ]
    )
    cert = in_tx(container, container.ca.issue_from_csr, csr, "secc", actor="test").certificate
    oids = {e.oid for e in cert.extensions}
    assert x509.ExtensionOID.SUBJECT_ALTERNATIVE_NAME not in oids
    assert x509.ExtensionOID.EXTENDED_KEY_USAGE not in oids


def test_issued_certificate_text_via_openssl(container: Container, tmp_path: Path) -> None:
    issued = in_tx(container, container.ca.issue_from_csr, make_csr(), "secc", actor="test")
    (tmp_path / "leaf.pem").write_text(issued.pem_chain())
    text = openssl("x509", "-in", str(tmp_path / "leaf.pem"), "-noout", "-text")
    assert "CA:FALSE" in text and "Digital Signature, Key Agreement" in text
    assert f"OCSP - URI:{container.settings.public_url}/ocsp" in text
    assert f"serial={serial_to_hex(issued.certificate.serial_number)}" in openssl(
        "x509", "-in", str(tmp_path / "leaf.pem"), "-noout", "-serial"
    )
