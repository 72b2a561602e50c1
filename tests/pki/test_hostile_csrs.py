"""Hostile and broken requests: each refused with its typed error; nothing signed or stored."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
from cryptography import x509
from sqlalchemy import func, select

from auth.audit import AuditEvent
from csms.container import Container
from pki.db import CertificateRecord
from pki.errors import CsrRejected, PkiError, ProfileViolation, UnknownProfile

from .helpers import in_tx, make_csr, make_key, openssl


def _tampered_signature() -> bytes:
    pem = make_csr()
    der = x509.load_pem_x509_csr(pem).public_bytes(
        __import__("cryptography.hazmat.primitives.serialization", fromlist=["x"]).Encoding.DER
    )
    # Flip a bit in the last byte: inside the signature value.
    return der[:-1] + bytes([der[-1] ^ 0x01])


def _openssl_csr(*extra: str) -> bytes:
    with tempfile.TemporaryDirectory() as tmp:
        key = Path(tmp) / "k.pem"
        openssl("ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", str(key))
        openssl(
            "req",
            "-new",
            "-key",
            str(key),
            "-subj",
            "/CN=UZ*UPC*E1*1/O=UzCharge",
            "-out",
            str(Path(tmp) / "r.csr"),
            *extra,
        )
        return (Path(tmp) / "r.csr").read_bytes()


def _two_csrs() -> bytes:
    return make_csr() + make_csr()


HOSTILE: list[tuple[str, Callable[[], bytes], str, str]] = [
    ("garbage", lambda: b"\x00\x01garbage\xff" * 10, "secc", "malformed"),
    ("empty", lambda: b"", "secc", "empty"),
    ("whitespace", lambda: b"  \n ", "secc", "empty"),
    (
        "pem without csr",
        lambda: b"-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n",
        "secc",
        "malformed",
    ),
    ("truncated pem", lambda: make_csr()[:200], "secc", "malformed"),
    ("two csrs in one pem", _two_csrs, "secc", "multiple_csrs"),
    ("wrong curve p384", lambda: make_csr(make_key("ec-p384")), "secc", "key_not_allowed"),
    ("p256 for a -20 profile", lambda: make_csr(make_key("ec-p256")), "secc-20", "key_not_allowed"),
    (
        "rsa-1024",
        lambda: make_csr(make_key("rsa-1024"), cn="CS-1"),
        "charging-station",
        "key_not_allowed",
    ),
    ("rsa for a V2G profile", lambda: make_csr(make_key("rsa-2048")), "secc", "key_not_allowed"),
    ("bad signature", _tampered_signature, "secc", "bad_signature"),
    ("no CN", lambda: make_csr(cn=None), "secc", "subject"),
    ("no O for secc", lambda: make_csr(o=None), "secc", "subject"),
    ("forbidden CN with space", lambda: make_csr(cn="evil cn"), "secc", "forbidden_cn"),
    ("forbidden CN control char", lambda: make_csr(cn="A\x07B"), "secc", "forbidden_cn"),
    # A regex ending in $ lets a final newline through; the CN rules must not.
    ("CN with a final newline", lambda: make_csr(cn="UZ*UPC*E1*1\n"), "secc", "forbidden_cn"),
    ("O with a final newline", lambda: make_csr(o="UzCharge\n"), "secc", "subject"),
    (
        "station identity too long",
        lambda: make_csr(cn="A" * 49),
        "charging-station",
        "forbidden_cn",
    ),
    ("contract CN not an eMAID", lambda: make_csr(cn="hello", o=None), "contract", "forbidden_cn"),
    ("wildcard server name", lambda: make_csr(cn="*.example.uz"), "csms-server", "forbidden_cn"),
    (
        "CA:true request",
        lambda: make_csr(extensions=[(x509.BasicConstraints(ca=True, path_length=None), True)]),
        "secc",
        "ca_requested",
    ),
    ("bad country", lambda: make_csr(c="U1"), "secc", "subject"),
    ("sha1 signed csr", lambda: _openssl_csr("-sha1"), "secc", "weak_signature"),
    ("openssl-made csr is fine", lambda: _openssl_csr("-sha256"), "secc", None),
]


def _counts(container: Container) -> tuple[int, int]:
    with container.session_factory() as session:
        certs = session.scalar(select(func.count()).select_from(CertificateRecord))
        events = session.scalar(select(func.count()).select_from(AuditEvent))
    return int(certs or 0), int(events or 0)


@pytest.mark.parametrize(("label", "make", "profile", "code"), HOSTILE, ids=[h[0] for h in HOSTILE])
def test_hostile_csr_is_refused_and_nothing_is_stored(
    container: Container, label: str, make: Callable[[], bytes], profile: str, code: str | None
) -> None:
    data = make()
    before = _counts(container)
    if code is None:  # the control case: the table's machinery accepts a good CSR
        issued = in_tx(container, container.ca.issue_from_csr, data, profile, actor="test")
        assert issued.certificate.signature_hash_algorithm.name == "sha256"
        return
    with pytest.raises(CsrRejected) as caught:
        in_tx(container, container.ca.issue_from_csr, data, profile, actor="test")
    assert caught.value.code == code, caught.value.message
    assert "\n" not in caught.value.message
    assert _counts(container) == before


def test_unknown_profile(container: Container) -> None:
    before = _counts(container)
    with pytest.raises(UnknownProfile):
        in_tx(container, container.ca.issue_from_csr, make_csr(), "no-such-profile", actor="test")
    assert _counts(container) == before


def test_days_beyond_the_profile(container: Container) -> None:
    before = _counts(container)
    with pytest.raises(ProfileViolation):
        in_tx(container, container.ca.issue_from_csr, make_csr(), "secc", actor="test", days=365)
    assert _counts(container) == before


def test_unknown_serial_cannot_be_revoked(container: Container) -> None:
    before = _counts(container)
    with pytest.raises(PkiError) as caught:
        in_tx(container, container.ca.revoke, 0x1234ABCD, reason=None, actor="test")
    assert caught.value.code == "unknown_serial"
    assert _counts(container) == before


def test_unknown_revocation_reason(container: Container) -> None:
    issued = in_tx(container, container.ca.issue_from_csr, make_csr(), "secc", actor="test")
    with pytest.raises(PkiError, match="unknown revocation reason"):
        in_tx(
            container,
            container.ca.revoke,
            issued.certificate.serial_number,
            reason="bored",
            actor="test",
        )


def test_station_identity_mismatch(container: Container) -> None:
    with pytest.raises(CsrRejected) as caught:
        in_tx(
            container,
            container.ca.issue_from_csr,
            make_csr(cn="CS-0002", o="UzPnC"),
            "charging-station",
            actor="test",
            expected_cn="CS-0001",
        )
    assert caught.value.code == "cn_mismatch"
    with pytest.raises(CsrRejected) as caught:
        in_tx(
            container,
            container.ca.issue_from_csr,
            make_csr(cn="CS-0001", o="Other"),
            "charging-station",
            actor="test",
            expected_cn="CS-0001",
            expected_organization="UzPnC",
        )
    assert caught.value.code == "o_mismatch"
