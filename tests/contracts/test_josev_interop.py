"""End to end with code nobody here wrote: Josev plays the car (its message models, EXI
codec, signature creation and verification, key decryption); the product is the CPS."""

from __future__ import annotations

import base64
from collections.abc import Callable

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from sqlalchemy import select

from auth.audit import AuditEvent
from contracts.cps import ISO2_SCHEMA, MAX_EXI_CHARACTERS
from iso15118 import build_signature, encode_v2g_message
from iso15118.messages import (
    CertificateChain,
    CertificateUpdateReq,
    Header,
    RootCertificateID,
    Signature,
    V2GMessage,
)
from tests.contracts.car import JosevCar
from tests.contracts.conftest import OPERATOR, Pnc, contract_domain

pytestmark = [pytest.mark.interop, pytest.mark.postgres]


def _install(pnc: Pnc, josev: JosevCar, session_id: str = "0A1B2C3D4E5F6071") -> dict:
    request = josev.call(
        "install_req",
        oem_cert=pnc.oem_leaf_der,
        key_pem=pnc.oem_key_pem,
        roots=[pnc.der("v2g-root")],
        session_id=session_id,
    )
    answer = pnc.handle(ISO2_SCHEMA, "Install", request["exi"])
    assert answer.status == "Accepted", answer.detail
    assert len(answer.exi_response) <= MAX_EXI_CHARACTERS
    return {
        "answer": answer,
        **josev.call(
            "check_res",
            exi=answer.exi_response,
            key_pem=pnc.oem_key_pem,
            v2g_root=pnc.der("v2g-root"),
        ),
    }


def _update_request(pnc: Pnc, installed: dict) -> str:
    """A CertificateUpdateReq from our encoder, signed with the key Josev decrypted."""
    contract_key = serialization.load_pem_private_key(installed["contract_key_pem"].encode(), None)
    assert isinstance(contract_key, ec.EllipticCurvePrivateKey)
    v2g_root = pnc.product.ca.authority("v2g-root").certificate
    chain = [base64.b64decode(c) for c in installed["contract_chain"]]
    request = CertificateUpdateReq(
        "id1",
        CertificateChain(chain[0], chain[1:]),
        pnc.emaid,
        [RootCertificateID(v2g_root.subject.rfc4514_string(), v2g_root.serial_number)],
    )
    message = V2GMessage(Header(bytes.fromhex("1122334455667788")), request)
    message.header.signature = Signature.from_tree(
        build_signature(message.signed_elements(), contract_key)
    )
    return base64.b64encode(encode_v2g_message(message)).decode()


def test_josev_installs_a_contract_certificate(pnc: Pnc, josev: JosevCar) -> None:
    result = _install(pnc, josev)
    assert result["message"] == "CertificateInstallationRes"
    assert result["response_code"] == "OK"
    assert result["session_id"].upper() == "0A1B2C3D4E5F6071"
    assert result["signature_ok"] is True
    assert result["key_matches"] is True
    assert result["emaid"] == pnc.emaid
    leaf = x509.load_der_x509_certificate(base64.b64decode(result["contract_chain"][0]))
    assert leaf.subject.get_attributes_for_oid(x509.NameOID.COMMON_NAME)[0].value == pnc.emaid
    with pnc.product.session_factory() as session:
        contract = pnc.domain.service.get(session, OPERATOR, pnc.emaid)
    assert leaf.not_valid_after_utc <= contract.valid_until
    certificates = pnc.certificates()
    assert [c.serial_hex for c in certificates] == [result["answer"].serial_hex]
    assert certificates[0].escrowed_key is None
    with pnc.product.session_factory() as session:
        events = {
            (e.action, e.serial_hex)
            for e in session.scalars(select(AuditEvent).where(AuditEvent.actor == "cps"))
        }
    serial = result["answer"].serial_hex
    assert {("certificate.issued", serial), ("contract.certificate_installed", serial)} <= events


def test_josev_checks_the_update_of_its_contract_certificate(pnc: Pnc, josev: JosevCar) -> None:
    """Josev cannot write a CertificateUpdateReq: its model gives eMAID the complex EMAIDType
    (the XSD says the simple eMAIDType) and its EXIficient codec has no fragment grammar for
    the request, so the signed request comes from our encoder, signed with the contract key
    Josev decrypted at installation. Josev then checks the response exactly as for Install."""
    installed = _install(pnc, josev)
    exi = _update_request(pnc, installed)
    answer = pnc.handle(ISO2_SCHEMA, "Update", exi)
    assert answer.status == "Accepted", answer.detail
    result = josev.call(
        "check_res",
        exi=answer.exi_response,
        key_pem=installed["contract_key_pem"],
        v2g_root=pnc.der("v2g-root"),
    )
    assert result["message"] == "CertificateUpdateRes"
    assert result["response_code"] == "OK"
    assert result["session_id"].upper() == "1122334455667788"
    assert result["signature_ok"] is True and result["key_matches"] is True
    assert result["contract_chain"][0] != installed["contract_chain"][0]
    assert result["emaid"] == pnc.emaid
    assert len(pnc.certificates()) == 2


def test_escrow_keeps_the_key_encrypted_only_when_asked(
    make_pnc: Callable[..., Pnc], josev: JosevCar
) -> None:
    pnc = make_pnc()
    pnc.product.settings.contract_key_escrow = True
    pnc.domain = contract_domain(pnc.product)  # rebuilt with the new setting
    result = _install(pnc, josev)
    (stored,) = pnc.certificates()
    assert stored.escrowed_key is not None
    with pytest.raises(TypeError):  # encrypted: unreadable without the passphrase
        serialization.load_der_private_key(stored.escrowed_key, None)
    escrowed = serialization.load_der_private_key(
        stored.escrowed_key, pnc.product.settings.resolved_key_passphrase()
    )
    decrypted_by_car = serialization.load_pem_private_key(result["contract_key_pem"].encode(), None)
    assert escrowed.public_key() == decrypted_by_car.public_key()
