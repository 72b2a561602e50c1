"""Authorize (C07) and Get15118EVCertificate (M01/M02) through OCPP, decided by the contract
service behind the port (the default wiring, csms/pnc.py), and the refusing stand-in.
tests/pnc/test_end_to_end.py covers the accepted installation with a simulated car."""

from __future__ import annotations

import base64
import dataclasses

import pytest
from cryptography.hazmat.primitives.asymmetric import ec

from auth.principal import Principal
from auth.users import add_user
from csms.ocpp.contract_port import RefusingContractDecisions
from csms.ocpp.runner import BackgroundServer
from iso15118.emaid import check_character
from pki.authority import fingerprint_of, pem_of
from pki.ocsp import cert_id_for
from tests.ocpp.client import boot, call, open_station
from tests.ocpp.conftest import PASSWORD
from tests.pki.foreign import make_foreign_pki

pytestmark = pytest.mark.postgres
OPERATOR = Principal.system("test")


def hash_data(cert, issuer) -> dict[str, str]:  # type: ignore[no-untyped-def]
    cid = cert_id_for(cert, issuer, "sha256")
    return {
        "hashAlgorithm": "SHA256",
        "issuerNameHash": cid.issuer_name_hash.hex(),
        "issuerKeyHash": cid.issuer_key_hash.hex(),
        "serialNumber": f"{cert.serial_number:x}",
        "responderURL": "http://127.0.0.1:9/ocsp",
    }


@pytest.fixture
def wired(make_container, postgres_url):  # type: ignore[no-untyped-def]
    container = make_container("postgres-file")
    background = BackgroundServer(container.ocpp)  # the default wiring
    ports = background.start(port=0)
    with container.transaction() as session:
        container.ocpp.registry.add(
            session, "PNC-1", security_profile=1, password=PASSWORD, actor="test"
        )
    yield container, f"ws://127.0.0.1:{ports['ws']}/ocpp/PNC-1"
    background.stop()


def test_authorize_and_ev_certificate_go_to_the_contract_service(wired) -> None:  # type: ignore[no-untyped-def]
    container, url = wired
    with container.transaction() as session:
        add_user(session, container.policy, "driver-1", role="client", actor="test")
        contract = container.contracts.create(
            session, OPERATOR, owner="driver-1", pcid="ZZSEAMCAR00000001"
        )
    with container.transaction() as session:
        issued = container.ca.issue_for_key(
            session,
            ec.generate_private_key(ec.SECP256R1()).public_key(),
            "contract",
            common_name=contract.emaid,
            actor="test",
        )
    mo_sub2 = container.ca.authority("mo-sub2").certificate
    token = {"idToken": contract.emaid, "type": "eMAID"}
    with open_station(url, "PNC-1") as ws:
        boot(ws)
        by_chain = call(ws, "Authorize", {"idToken": token, "certificate": issued.pem_chain()})
        assert by_chain[2] == {
            "idTokenInfo": {"status": "Accepted"},
            "certificateStatus": "Accepted",
        }
        by_hash = call(
            ws,
            "Authorize",
            {
                "idToken": token,
                "iso15118CertificateHashData": [hash_data(issued.certificate, mo_sub2)],
            },
        )
        assert by_hash[2]["certificateStatus"] == "Accepted"

        with container.transaction() as session:
            container.ca.revoke(
                session, issued.certificate.serial_number, reason="keyCompromise", actor="test"
            )
        revoked = call(ws, "Authorize", {"idToken": token, "certificate": issued.pem_chain()})
        assert revoked[2]["certificateStatus"] == "CertificateRevoked"
        assert revoked[2]["idTokenInfo"]["status"] == "Invalid"

        rfid = call(ws, "Authorize", {"idToken": {"idToken": "04A2B3C4", "type": "ISO14443"}})
        assert rfid[2] == {"idTokenInfo": {"status": "Unknown"}}

        # An EXI request the CPS cannot read: Failed, with the CPS's EXI answer for the car.
        ev = call(
            ws,
            "Get15118EVCertificate",
            {
                "iso15118SchemaVersion": "urn:iso:15118:2:2013:MsgDef",
                "action": "Install",
                "exiRequest": base64.b64encode(b"\x80not exi").decode(),
            },
        )
        assert ev[0] == 3 and ev[2]["status"] == "Failed"
        assert ev[2]["exiResponse"] and len(ev[2]["exiResponse"]) <= 5600
        assert 0 < len(ev[2]["statusInfo"]["reasonCode"]) <= 20


def test_refusing_stand_in_answers_schema_valid_refusals(make_container, postgres_url) -> None:  # type: ignore[no-untyped-def]
    container = make_container("postgres-file")
    background = BackgroundServer(
        dataclasses.replace(container.ocpp, contracts=RefusingContractDecisions())
    )
    ports = background.start(port=0)
    with container.transaction() as session:
        container.ocpp.registry.add(
            session, "NOPNC", security_profile=1, password=PASSWORD, actor="test"
        )
    url = f"ws://127.0.0.1:{ports['ws']}/ocpp/NOPNC"
    try:
        _check_refusals(url)
    finally:
        background.stop()


def _check_refusals(url: str) -> None:
    with open_station(url, "NOPNC") as ws:
        boot(ws)
        answer = call(
            ws,
            "Authorize",
            {"idToken": {"idToken": "UZUPCC000000017", "type": "eMAID"}, "certificate": "x"},
        )
        assert answer[2] == {
            "idTokenInfo": {"status": "Unknown"},
            "certificateStatus": "CertChainError",
        }
        ev = call(
            ws,
            "Get15118EVCertificate",
            {
                "iso15118SchemaVersion": "urn:iso:15118:2:2013:MsgDef",
                "action": "Install",
                "exiRequest": "gA==",
            },
        )
        assert ev[2]["status"] == "Failed" and ev[2]["exiResponse"] == ""


def test_authorize_another_operator_s_contract_follows_its_root_s_state(  # type: ignore[no-untyped-def]
    wired, tmp_path
) -> None:
    """Through OCPP: a contract of another mobility operator (no contract here) is accepted
    while its imported mo-root is active, refused once it is distrusted, accepted again after
    restore (issue 15)."""
    container, url = wired
    emaid = "DEXYZC87654321" + check_character("DEXYZC87654321")
    other = make_foreign_pki(tmp_path / "other-mo", name="OtherMO", leaf_cn=emaid)
    with container.transaction() as session:
        container.pki.add_trust_bundle(
            session, OPERATOR, other.pem("root", "sub1", "sub2"), "mo-root"
        )
    request = {
        "idToken": {"idToken": emaid, "type": "eMAID"},
        "certificate": pem_of([other.leaf, other.sub2, other.sub1]),
    }
    root = fingerprint_of(other.root)
    with open_station(url, "PNC-1") as ws:
        boot(ws)
        assert call(ws, "Authorize", request)[2] == {
            "idTokenInfo": {"status": "Accepted"},
            "certificateStatus": "Accepted",
        }
        with container.transaction() as session:
            container.pki.distrust_anchor(session, OPERATOR, root, reason="compromised")
        assert call(ws, "Authorize", request)[2] == {
            "idTokenInfo": {"status": "Invalid"},
            "certificateStatus": "CertChainError",
        }
        with container.transaction() as session:
            container.pki.restore_anchor(session, OPERATOR, root)
        assert call(ws, "Authorize", request)[2]["certificateStatus"] == "Accepted"
