"""One Plug & Charge installation is one unit of work: the contract certificate is completed
and linked to its contract in the caller's transaction, and the contract is re-read under a
lock before that. Whatever fails, no signed contract certificate escapes the termination of
its contract.

The car is Josev (its request), the product's own OCSP responder says what every relying
party would hear about the signed certificate, and each test runs on both databases (SQLite
has one writer; PostgreSQL locks rows).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.x509 import ocsp
from sqlalchemy import select

from contracts.cps import ISO2_SCHEMA
from contracts.models import CONTRACT_PROFILES
from pki.authority import PendingCertificate
from pki.db import CertificateRecord
from pki.issuance import serial_to_hex
from tests.contracts.car import JosevCar
from tests.contracts.conftest import OPERATOR, Pnc

pytestmark = [pytest.mark.interop, pytest.mark.postgres]
BACKENDS = ["postgres-file", "sqlite-file"]


class InjectedFailure(RuntimeError):
    """Stands for anything that breaks the CPS's transaction (a lost connection, a bug)."""


def _install_request(pnc: Pnc, josev: JosevCar) -> str:
    return str(
        josev.call(
            "install_req",
            oem_cert=pnc.oem_leaf_der,
            key_pem=pnc.oem_key_pem,
            roots=[pnc.der("v2g-root")],
            session_id="00112233445566AA",
        )["exi"]
    )


def _spy_on_signing(
    pnc: Pnc, monkeypatch: pytest.MonkeyPatch, then: Callable[[], None] = lambda: None
) -> list[x509.Certificate]:
    """Every contract certificate the CA signs, as signed; `then` runs right after signing."""
    signed: list[x509.Certificate] = []
    sign_for_key = pnc.product.ca.sign_for_key

    def spy(*args: Any, **kwargs: Any) -> PendingCertificate:
        pending = sign_for_key(*args, **kwargs)
        signed.append(pending.certificate)
        then()
        return pending

    monkeypatch.setattr(pnc.product.ca, "sign_for_key", spy)
    return signed


def _records_of(pnc: Pnc) -> list[CertificateRecord]:
    """Every row the CA holds for a contract certificate of this eMAID, whatever its state."""
    with pnc.product.session_factory() as session:
        return list(
            session.scalars(
                select(CertificateRecord).where(
                    CertificateRecord.subject_cn == pnc.emaid,
                    CertificateRecord.profile.in_(CONTRACT_PROFILES),
                )
            )
        )


def _ocsp_status(pnc: Pnc, certificate: x509.Certificate) -> ocsp.OCSPCertStatus:
    issuer = pnc.product.ca.authority("mo-sub2").certificate
    request = (
        ocsp.OCSPRequestBuilder()
        .add_certificate(certificate, issuer, hashes.SHA256())
        .build()
        .public_bytes(serialization.Encoding.DER)
    )
    response = ocsp.load_der_ocsp_response(pnc.product.ocsp.respond(request))
    assert response.response_status == ocsp.OCSPResponseStatus.SUCCESSFUL
    return response.certificate_status


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_failure_after_signing_leaves_no_certificate_termination_misses(
    make_pnc: Callable[..., Pnc], josev: JosevCar, monkeypatch: pytest.MonkeyPatch, backend: str
) -> None:
    """A failure injected after the contract certificate is signed and before the contract
    link is written leaves no signed certificate that termination of the contract would miss.

    Fails on the code before this change (branch `main`): there the CA completed the
    certificate in a commit of its own and the CPS linked it in another, and termination
    revoked the linked certificates only, so this certificate stayed `issued`, unlinked,
    unrevoked, and OCSP kept answering "good" for it."""
    pnc = make_pnc(backend)
    signed = _spy_on_signing(pnc, monkeypatch)

    def link_fails(*args: Any, **kwargs: Any) -> None:
        raise InjectedFailure("the contract link could not be written")

    monkeypatch.setattr(pnc.domain.service, "record_certificate", link_fails)
    request = _install_request(pnc, josev)
    with pytest.raises(InjectedFailure):
        pnc.handle(ISO2_SCHEMA, "Install", request)  # the caller's transaction rolls back
    monkeypatch.undo()

    [certificate] = signed  # the CA did sign one
    assert pnc.certificates() == []  # ...and it has no link to its contract
    [record] = _records_of(pnc)
    assert record.serial_hex == serial_to_hex(certificate.serial_number)
    assert record.status == "reserved"  # known to the CA, never completed

    with pnc.product.session_factory.begin() as session:
        _, revoked = pnc.domain.service.terminate(session, OPERATOR, pnc.emaid)
    assert revoked == [record.serial_hex]
    assert all(r.revoked_at is not None for r in _records_of(pnc))
    assert _ocsp_status(pnc, certificate) == ocsp.OCSPCertStatus.REVOKED


@pytest.mark.parametrize("backend", BACKENDS)
def test_an_installation_racing_a_termination_is_canceled(
    make_pnc: Callable[..., Pnc], josev: JosevCar, monkeypatch: pytest.MonkeyPatch, backend: str
) -> None:
    """The contract is terminated (and committed) after the CPS read it and signed, before it
    re-reads it under a lock: the car is told FAILED_ContractCanceled, nothing is linked, and
    no certificate of the contract is left unrevoked.

    Fails on the code before this change (branch `main`): there the CPS checked the status
    on the contract object it had read before signing, so it completed and linked a
    certificate for the terminated contract, answered OK, and that certificate, issued
    after the termination had revoked the contract's others, stayed valid."""
    pnc = make_pnc(backend)

    def terminate_elsewhere() -> None:  # another request, e.g. the operator's, commits first
        with pnc.product.session_factory.begin() as other:
            pnc.domain.service.terminate(other, OPERATOR, pnc.emaid)

    signed = _spy_on_signing(pnc, monkeypatch, then=terminate_elsewhere)
    answer = pnc.handle(ISO2_SCHEMA, "Install", _install_request(pnc, josev))

    assert (answer.status, answer.response_code) == ("Failed", "FAILED_ContractCanceled")
    seen = josev.call("check_res", exi=answer.exi_response, key_pem="", v2g_root="")
    assert seen["response_code"] == "FAILED_ContractCanceled"
    assert pnc.certificates() == []  # nothing linked
    [certificate] = signed
    records = _records_of(pnc)
    assert [r.serial_hex for r in records] == [serial_to_hex(certificate.serial_number)]
    # The termination found the reservation by CN and revoked it; the CPS then abandoned it.
    assert all(r.revoked_at is not None for r in records)
    assert all(r.status != "issued" for r in records)
    assert _ocsp_status(pnc, certificate) != ocsp.OCSPCertStatus.GOOD
