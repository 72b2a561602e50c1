"""The Plug & Charge path through every layer: a station on a real OCPP WebSocket forwards a
simulated car's CertificateInstallationReq, the contract service answers, the car accepts
(signature, chain, decrypted key), and Authorize decides with the contract chain and with OCSP
hash data, until the contract is terminated."""

from __future__ import annotations

from itertools import pairwise

from cryptography.hazmat.primitives.asymmetric import ec

from auth.principal import Principal
from auth.users import add_user
from csms.simulator.car import SimulatedCar
from pki.authority import pem_of
from pki.ocsp import cert_id_for
from tests.ocpp.client import boot, call, open_station

PCID = "WMIDEMO1234567890"
OPERATOR = Principal.system("test")


def _car(container) -> SimulatedCar:  # type: ignore[no-untyped-def]
    ca = container.ca
    key = ec.generate_private_key(ec.SECP256R1())
    with container.transaction() as session:
        oem = ca.issue_for_key(
            session, key.public_key(), "oem-prov", common_name=PCID, actor="test"
        )
        container.trust.add_bundle(
            session, pem_of(ca.chain_to_root("oem-sub2")).encode(), "oem-root", actor="test"
        )
    return SimulatedCar(PCID, oem.certificate, key, [ca.authority("v2g-root").certificate])


def _hash_data(chain) -> list[dict[str, str]]:  # type: ignore[no-untyped-def]
    entries = []
    for cert, issuer in pairwise(chain):
        cid = cert_id_for(cert, issuer, "sha256")
        entries.append(
            {
                "hashAlgorithm": "SHA256",
                "issuerNameHash": cid.issuer_name_hash.hex(),
                "issuerKeyHash": cid.issuer_key_hash.hex(),
                "serialNumber": format(cid.serial, "x"),
                "responderURL": "http://127.0.0.1:8000/ocsp",
            }
        )
    return entries


def test_install_authorize_terminate_over_ocpp(ocpp) -> None:  # type: ignore[no-untyped-def]
    container = ocpp.container
    car = _car(container)
    with container.transaction() as session:
        add_user(session, container.policy, "driver-1", role="client", actor="test")
        contract = container.contracts.create(session, OPERATOR, owner="driver-1", pcid=PCID)
    ocpp.add("CS-PNC-1")
    with open_station(ocpp.ws_url("CS-PNC-1"), "CS-PNC-1") as ws:
        assert boot(ws)[2]["status"] == "Accepted"
        request = car.installation_request()
        answer = call(
            ws,
            "Get15118EVCertificate",
            {
                "iso15118SchemaVersion": "urn:iso:15118:2:2013:MsgDef",
                "action": "Install",
                "exiRequest": request,
            },
        )
        assert answer[0] == 3 and answer[2]["status"] == "Accepted", answer
        assert len(answer[2]["exiResponse"]) <= 5600
        installed = car.accept_installation(answer[2]["exiResponse"])
        assert installed.emaid == contract.emaid

        id_token = {"idToken": installed.emaid, "type": "eMAID"}
        by_chain = call(
            ws, "Authorize", {"idToken": id_token, "certificate": installed.pem_chain()}
        )
        assert by_chain[2]["idTokenInfo"]["status"] == "Accepted", by_chain
        assert by_chain[2]["certificateStatus"] == "Accepted"
        chain = [
            installed.certificate,
            *installed.sub_certificates,
            container.ca.authority("mo-root").certificate,
        ]
        by_hash = call(
            ws, "Authorize", {"idToken": id_token, "iso15118CertificateHashData": _hash_data(chain)}
        )
        assert by_hash[2]["idTokenInfo"]["status"] == "Accepted", by_hash
        assert by_hash[2]["certificateStatus"] == "Accepted"

        with container.transaction() as session:
            container.contracts.terminate(session, OPERATOR, installed.emaid)
        refused = call(ws, "Authorize", {"idToken": id_token, "certificate": installed.pem_chain()})
        assert refused[2]["idTokenInfo"]["status"] != "Accepted", refused
        assert refused[2]["certificateStatus"] in ("CertificateRevoked", "ContractCancelled")


def test_car_refuses_a_tampered_answer(ocpp) -> None:  # type: ignore[no-untyped-def]
    import base64

    container = ocpp.container
    car = _car(container)
    with container.transaction() as session:
        add_user(session, container.policy, "driver-2", role="client", actor="test")
        container.contracts.create(session, OPERATOR, owner="driver-2", pcid=PCID)
    ocpp.add("CS-PNC-2")
    with open_station(ocpp.ws_url("CS-PNC-2"), "CS-PNC-2") as ws:
        boot(ws)
        answer = call(
            ws,
            "Get15118EVCertificate",
            {
                "iso15118SchemaVersion": "urn:iso:15118:2:2013:MsgDef",
                "action": "Install",
                "exiRequest": car.installation_request(),
            },
        )
    exi = bytearray(base64.b64decode(answer[2]["exiResponse"]))
    exi[-40] ^= 0x01  # inside the eMAID or the DH public key: a signed element
    from csms.simulator.car import CarRefusal
    from iso15118 import ExiDecodeError, SignatureError

    try:
        car.accept_installation(base64.b64encode(bytes(exi)).decode())
    except (CarRefusal, SignatureError, ExiDecodeError, ValueError):
        pass
    else:
        raise AssertionError("the car accepted a tampered answer")
