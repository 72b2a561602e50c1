"""Concurrent issuance, and failures injected around the signature."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest
from cryptography.hazmat.primitives import serialization
from sqlalchemy import func, select

from auth.audit import AuditEvent
from csms.container import Container
from pki import authority as authority_module
from pki.db import CertificateRecord
from pki.errors import PkiError

from .helpers import in_tx, make_csr


@pytest.mark.parametrize("backend", ["postgres-file", "postgres-softhsm", "sqlite-file"])
def test_fifty_concurrent_issuances(make_container, backend: str) -> None:  # type: ignore[no-untyped-def]
    container: Container = make_container(backend)
    csrs = [make_csr(cn=f"UZ*UPC*E{i}*1") for i in range(50)]
    with ThreadPoolExecutor(max_workers=16) as pool:
        issued = list(
            pool.map(
                lambda csr: in_tx(
                    container, container.ca.issue_from_csr, csr, "secc", actor="test"
                ),
                csrs,
            )
        )
    serials = {i.serial_hex for i in issued}
    assert len(serials) == 50
    with container.session_factory() as session:
        stored = set(
            session.scalars(
                select(CertificateRecord.serial_hex).where(
                    CertificateRecord.profile == "secc", CertificateRecord.status == "issued"
                )
            )
        )
        audits = session.scalar(
            select(func.count())
            .select_from(AuditEvent)
            .where(
                AuditEvent.action == "certificate.issued",
                AuditEvent.serial_hex.in_(serials),
            )
        )
    assert stored == serials
    assert audits == 50


class Boom(RuntimeError):
    pass


def _all_handed_out_are_known(container: Container, handed_out: list[bytes]) -> None:
    with container.session_factory() as session:
        rows = session.execute(select(CertificateRecord.der, CertificateRecord.status)).all()
    issued = {der for der, status in rows if status == "issued"}
    for der in handed_out:
        assert der in issued
    # A failed reservation never holds a certificate.
    assert all(der is None for der, status in rows if status != "issued")


def test_failure_in_the_signer_leaves_a_failed_reservation_and_nothing_signed(
    container: Container, monkeypatch: pytest.MonkeyPatch
) -> None:
    def failing_sign(precert, signer):  # type: ignore[no-untyped-def]
        raise Boom("HSM unplugged")

    monkeypatch.setattr(authority_module, "sign_precertificate", failing_sign)
    with pytest.raises(Boom):
        in_tx(container, container.ca.issue_from_csr, make_csr(), "secc", actor="test")
    with container.session_factory() as session:
        row = session.scalars(
            select(CertificateRecord).where(CertificateRecord.profile == "secc")
        ).one()
        assert row.status == "failed" and row.der is None
        assert row.precert_der  # the database knows everything the certificate would have held
        actions = set(session.scalars(select(AuditEvent.action)))
    assert "certificate.issue_failed" in actions
    _all_handed_out_are_known(container, [])
    # OCSP says `unknown` for a serial that was never signed.
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes
    from cryptography.x509 import ocsp

    precert = x509.load_der_x509_certificate(row.precert_der)
    request = (
        ocsp.OCSPRequestBuilder()
        .add_certificate(precert, container.ca.authority("cpo-sub2").certificate, hashes.SHA256())
        .build()
        .public_bytes(serialization.Encoding.DER)
    )
    answer = ocsp.load_der_ocsp_response(container.ocsp.respond(request))
    assert answer.certificate_status == ocsp.OCSPCertStatus.UNKNOWN


def test_failure_after_signing_before_storing_discards_the_certificate(
    container: Container, monkeypatch: pytest.MonkeyPatch
) -> None:
    signed: list[bytes] = []
    real_sign = authority_module.sign_precertificate

    def sign_then_crash_storage(precert, signer):  # type: ignore[no-untyped-def]
        certificate = real_sign(precert, signer)
        signed.append(certificate.public_bytes(serialization.Encoding.DER))
        return certificate

    def crash(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise Boom("database went away")

    monkeypatch.setattr(authority_module, "sign_precertificate", sign_then_crash_storage)
    monkeypatch.setattr(container.ca, "_store_issued", crash)  # storing fails
    with pytest.raises(Boom):
        in_tx(container, container.ca.issue_from_csr, make_csr(), "secc", actor="test")
    assert len(signed) == 1  # a signature was made in memory ...
    with container.session_factory() as session:
        row = session.scalars(
            select(CertificateRecord).where(CertificateRecord.profile == "secc")
        ).one()
    # ... but never handed out; the database holds its serial and full content.
    from cryptography import x509

    in_memory = x509.load_der_x509_certificate(signed[0])
    precert = x509.load_der_x509_certificate(row.precert_der)
    assert in_memory.tbs_certificate_bytes == precert.tbs_certificate_bytes
    assert row.status == "failed"


def test_concurrent_issuance_with_random_failures(
    container: Container, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_sign = authority_module.sign_precertificate
    counter = iter(range(10_000))

    def flaky(precert, signer):  # type: ignore[no-untyped-def]
        if next(counter) % 3 == 0:
            raise Boom("injected")
        return real_sign(precert, signer)

    monkeypatch.setattr(authority_module, "sign_precertificate", flaky)

    def attempt(i: int) -> bytes | None:
        try:
            issued = in_tx(
                container,
                container.ca.issue_from_csr,
                make_csr(cn=f"UZ*UPC*E{i}*1"),
                "secc",
                actor="test",
            )
        except Boom:
            return None
        return issued.certificate.public_bytes(serialization.Encoding.DER)

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(attempt, range(30)))
    handed_out = [r for r in results if r is not None]
    assert 0 < len(handed_out) < 30
    _all_handed_out_are_known(container, handed_out)
    with container.session_factory() as session:
        statuses = list(
            session.scalars(
                select(CertificateRecord.status).where(CertificateRecord.profile == "secc")
            )
        )
    assert statuses.count("issued") == len(handed_out)
    assert statuses.count("failed") == 30 - len(handed_out)


def test_revocation_is_audited_and_refused_twice(container: Container) -> None:
    issued = in_tx(container, container.ca.issue_from_csr, make_csr(), "secc", actor="alice")
    in_tx(
        container,
        container.ca.revoke,
        issued.certificate.serial_number,
        reason="keyCompromise",
        actor="bob",
    )
    with pytest.raises(PkiError) as caught:
        in_tx(
            container,
            container.ca.revoke,
            issued.certificate.serial_number,
            reason=None,
            actor="bob",
        )
    assert caught.value.code == "already_revoked"
    with container.session_factory() as session:
        events = session.execute(
            select(AuditEvent.actor, AuditEvent.action)
            .where(AuditEvent.serial_hex == issued.serial_hex)
            .order_by(AuditEvent.id)
        ).all()
    assert [tuple(e) for e in events] == [
        ("alice", "certificate.issued"),
        ("bob", "certificate.revoked"),
    ]
