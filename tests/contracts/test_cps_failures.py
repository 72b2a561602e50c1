"""Every way an installation or update can fail, each with its ISO 15118-2 response code.

Requests come from Josev (the car) wherever Josev can write them; the failed responses are
read back by Josev too, so the code the car sees is checked by a decoder nobody here wrote.
"""

from __future__ import annotations

import base64
from collections.abc import Callable
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from sqlalchemy import select

from auth.audit import AuditEvent
from contracts.cps import ISO2_SCHEMA, MAX_EXI_CHARACTERS, CpsAnswer
from tests.contracts.car import JosevCar
from tests.contracts.conftest import OPERATOR, Pnc, Product, contract_domain, handle, trust
from tests.contracts.oem_crl import revoke_leaf_crl
from tests.pki.foreign import make_foreign_pki

pytestmark = [pytest.mark.interop, pytest.mark.postgres]


def _request(pnc: Pnc, josev: JosevCar, **overrides: object) -> str:
    arguments = {
        "oem_cert": pnc.oem_leaf_der,
        "key_pem": pnc.oem_key_pem,
        "roots": [pnc.der("v2g-root")],
        "session_id": "00112233445566AA",
        **overrides,
    }
    return josev.call("install_req", **arguments)["exi"]


def _failed_with(pnc: Pnc, josev: JosevCar, answer: CpsAnswer, code: str) -> dict:
    assert answer.status == "Failed"
    assert answer.response_code == code, answer.detail
    assert len(answer.exi_response) <= MAX_EXI_CHARACTERS
    seen = josev.call("check_res", exi=answer.exi_response, key_pem=pnc.oem_key_pem, v2g_root="")
    assert seen["message"] == "CertificateInstallationRes"
    assert seen["response_code"] == code
    assert pnc.certificates() == []  # nothing was issued
    return seen


def test_unknown_pcid_gets_no_certificate_available(
    pnc: Pnc, josev: JosevCar, tmp_path: Path
) -> None:
    stranger = make_foreign_pki(tmp_path / "other", name="OEM2", leaf_cn="WMIZZZ0000000001Q")
    trust(pnc.product, stranger.pem("root", "sub1", "sub2"))
    exi = _request(
        pnc,
        josev,
        oem_cert=base64.b64encode(stranger.leaf.public_bytes(serialization.Encoding.DER)).decode(),
        key_pem=stranger.leaf_key_pem.decode(),
    )
    answer = pnc.handle(ISO2_SCHEMA, "Install", exi)
    assert answer.status == "Failed" and answer.response_code == "FAILED_NoCertificateAvailable"
    seen = josev.call("check_res", exi=answer.exi_response, key_pem="", v2g_root="")
    assert seen["response_code"] == "FAILED_NoCertificateAvailable"
    assert seen["session_id"].upper() == "00112233445566AA"  # echoed


def test_terminated_contract_is_canceled(pnc: Pnc, josev: JosevCar) -> None:
    pnc.operate("terminate")
    answer = pnc.handle(ISO2_SCHEMA, "Install", _request(pnc, josev))
    _failed_with(pnc, josev, answer, "FAILED_ContractCanceled")


def test_suspended_contract_is_canceled_until_resumed(pnc: Pnc, josev: JosevCar) -> None:
    pnc.operate("suspend")
    answer = pnc.handle(ISO2_SCHEMA, "Install", _request(pnc, josev))
    _failed_with(pnc, josev, answer, "FAILED_ContractCanceled")
    pnc.operate("resume")
    assert pnc.handle(ISO2_SCHEMA, "Install", _request(pnc, josev)).status == "Accepted"


def test_untrusted_oem_chain(pnc: Pnc, josev: JosevCar, tmp_path: Path) -> None:
    # Same PCID, but a car maker whose root was never imported.
    rogue = make_foreign_pki(tmp_path / "rogue", name="Rogue", leaf_cn=pnc.pcid)
    exi = _request(
        pnc,
        josev,
        oem_cert=base64.b64encode(rogue.leaf.public_bytes(serialization.Encoding.DER)).decode(),
        key_pem=rogue.leaf_key_pem.decode(),
    )
    answer = pnc.handle(ISO2_SCHEMA, "Install", exi)
    _failed_with(pnc, josev, answer, "FAILED_CertChainError")


def test_revoked_oem_certificate(pnc: Pnc, josev: JosevCar) -> None:
    with pnc.product.session_factory.begin() as session:
        record = pnc.domain.revocation.import_crl(session, revoke_leaf_crl(pnc.oem), actor="ops")
    assert "CN=OEM Sub2" in record.issuer_subject
    answer = pnc.handle(ISO2_SCHEMA, "Install", _request(pnc, josev))
    _failed_with(pnc, josev, answer, "FAILED_CertificateRevoked")
    with pnc.product.session_factory() as session:
        actions = set(session.scalars(select(AuditEvent.action)))
    assert "trust.crl_imported" in actions


def test_bad_request_signature(pnc: Pnc, josev: JosevCar) -> None:
    impostor = ec.generate_private_key(ec.SECP256R1()).private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    answer = pnc.handle(ISO2_SCHEMA, "Install", _request(pnc, josev, key_pem=impostor.decode()))
    _failed_with(pnc, josev, answer, "FAILED_SignatureError")


def test_no_acceptable_root(pnc: Pnc, josev: JosevCar) -> None:
    oem_root = base64.b64encode(pnc.oem.root.public_bytes(serialization.Encoding.DER)).decode()
    answer = pnc.handle(
        ISO2_SCHEMA, "Install", _request(pnc, josev, roots=[oem_root, pnc.der("mo-root")])
    )
    _failed_with(pnc, josev, answer, "FAILED_NoCertificateAvailable")


@pytest.mark.parametrize(
    ("label", "make"),
    [
        ("not base64", lambda exi: "@@not base64@@"),
        ("truncated", lambda exi: base64.b64encode(base64.b64decode(exi)[:-20]).decode()),
        (
            "bit flipped header",
            lambda exi: base64.b64encode(b"\x81" + base64.b64decode(exi)[1:]).decode(),
        ),
        ("empty", lambda exi: ""),
    ],
)
def test_malformed_exi(pnc: Pnc, josev: JosevCar, label: str, make: Callable[[str], str]) -> None:
    answer = pnc.handle(ISO2_SCHEMA, "Install", make(_request(pnc, josev)))
    seen = _failed_with(pnc, josev, answer, "FAILED")
    assert seen["session_id"] in ("00" * 8, "0")  # no session to echo


def test_oversize_request(pnc: Pnc, josev: JosevCar) -> None:
    exi = _request(pnc, josev)
    padded = exi + "A" * (MAX_EXI_CHARACTERS + 1 - len(exi))
    answer = pnc.handle(ISO2_SCHEMA, "Install", padded)
    _failed_with(pnc, josev, answer, "FAILED")
    assert "5600" in answer.detail


def test_wrong_message_for_the_action(pnc: Pnc, josev: JosevCar) -> None:
    answer = pnc.handle(ISO2_SCHEMA, "Update", _request(pnc, josev))
    assert answer.status == "Failed" and answer.response_code == "FAILED"
    seen = josev.call("check_res", exi=answer.exi_response, key_pem="", v2g_root="")
    assert seen["message"] == "CertificateUpdateRes"


def test_update_with_a_revoked_contract_certificate(pnc: Pnc, josev: JosevCar) -> None:
    """Termination revokes the certificate; renewing it is refused as revoked."""
    from tests.contracts.test_josev_interop import _install, _update_request

    installed = _install(pnc, josev)
    pnc.operate("terminate")
    answer = pnc.handle(ISO2_SCHEMA, "Update", _update_request(pnc, installed))
    assert answer.status == "Failed"
    assert answer.response_code == "FAILED_CertificateRevoked", answer.detail
    seen = josev.call("check_res", exi=answer.exi_response, key_pem="", v2g_root="")
    assert seen["response_code"] == "FAILED_CertificateRevoked"


def test_uninitialised_pki_still_answers_the_car(
    make_product: Callable[..., Product], josev: JosevCar, tmp_path: Path
) -> None:
    product = make_product("postgres-file", init=False)
    oem = make_foreign_pki(tmp_path / "oem", leaf_cn="WMIABC1234567890X")
    trust(product, oem.pem("root", "sub1", "sub2"))
    domain = contract_domain(product)
    with product.session_factory.begin() as session:
        domain.service.create(session, OPERATOR, owner="alice", pcid="WMIABC1234567890X")
    exi = josev.call(
        "install_req",
        oem_cert=base64.b64encode(oem.leaf.public_bytes(serialization.Encoding.DER)).decode(),
        key_pem=oem.leaf_key_pem.decode(),
        roots=[base64.b64encode(oem.root.public_bytes(serialization.Encoding.DER)).decode()],
        session_id="00112233445566AA",
    )["exi"]
    answer = handle(product, domain, ISO2_SCHEMA, "Install", exi)
    assert (answer.status, answer.response_code) == ("Failed", "FAILED")
    assert "not_initialised" in answer.detail
    seen = josev.call("check_res", exi=answer.exi_response, key_pem="", v2g_root="")
    assert seen["response_code"] == "FAILED"


def test_unsupported_schema_and_action_are_failed_not_raised(pnc: Pnc, josev: JosevCar) -> None:
    exi = _request(pnc, josev)
    for schema, action in [
        ("urn:iso:std:iso:15118:-20:CommonMessages", "Install"),
        ("urn:din:70121:2012:MsgDef", "Install"),
        (ISO2_SCHEMA, "Remove"),
    ]:
        answer = pnc.handle(schema, action, exi)
        assert (answer.status, answer.response_code) == ("Failed", "FAILED")
