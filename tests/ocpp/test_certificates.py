"""A02/A03 SignCertificate → CertificateSigned (with retry and revocation of the old one),
M06 GetCertificateStatus from the product's own OCSP responder, and commands from the API."""

from __future__ import annotations

import base64
import json
import time
from pathlib import Path

import httpx
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec

from csms.app import create_app
from pki.authority import pem_of
from pki.ocsp import cert_id_for
from tests.ocpp.client import boot, call, open_station
from tests.ocpp.conftest import API
from tests.pki.helpers import make_csr, openssl
from tests.pki.server import serving

pytestmark = pytest.mark.postgres


def eventually(read, done, seconds: float = 10):  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + seconds
    while True:
        value = read()
        if done(value) or time.monotonic() > deadline:
            return value
        time.sleep(0.05)


def expect_call(ws, action: str) -> list:  # type: ignore[no-untyped-def]
    frame = json.loads(ws.recv(timeout=15))
    assert frame[0] == 2 and frame[2] == action, frame
    return frame


def sign(ws, ocpp, station_id: str, kind: str | None = None, cn: str | None = None):  # type: ignore[no-untyped-def]
    key = ec.generate_private_key(ec.SECP256R1())
    payload = {
        "csr": make_csr(key, cn=cn or station_id, o=ocpp.container.settings.organization).decode()
    }
    if kind:
        payload["certificateType"] = kind
    return call(ws, "SignCertificate", payload), key


def chain_of(frame: list) -> list[x509.Certificate]:
    return x509.load_pem_x509_certificates(frame[3]["certificateChain"].encode())


def find(ocpp, serial: int):  # type: ignore[no-untyped-def]
    """The CA's record of a certificate, read in a transaction of its own."""
    with ocpp.container.transaction() as session:
        return ocpp.container.ca.find(session, serial)


def of_station(ocpp, station_id: str) -> list[dict]:  # type: ignore[no-untyped-def]
    with ocpp.container.transaction() as session:
        return ocpp.container.ocpp.certificates.of_station(session, station_id)


def test_sign_charging_station_certificate_end_to_end(ocpp, tmp_path: Path) -> None:
    ocpp.add("CS-A")
    with open_station(ocpp.ws_url("CS-A"), "CS-A") as ws:
        boot(ws)
        answer, key = sign(ws, ocpp, "CS-A", "ChargingStationCertificate")
        assert answer[2] == {"status": "Accepted"}
        signed = expect_call(ws, "CertificateSigned")
        assert signed[3]["certificateType"] == "ChargingStationCertificate"
        chain = chain_of(signed)
        leaf = chain[0]
        assert leaf.subject.get_attributes_for_oid(x509.NameOID.COMMON_NAME)[0].value == "CS-A"
        assert leaf.public_key() == key.public_key()
        # Leaf first, without the root; openssl builds the path to the V2G root.
        (tmp_path / "untrusted.pem").write_text(pem_of(chain[1:]))
        (tmp_path / "leaf.pem").write_text(pem_of(chain[:1]))
        output = openssl(
            "verify",
            "-CAfile",
            str(ocpp.ca_file()),
            "-untrusted",
            str(tmp_path / "untrusted.pem"),
            str(tmp_path / "leaf.pem"),
        )
        assert "leaf.pem: OK" in output
        ws.send(json.dumps([3, signed[1], {"status": "Accepted"}]))
        assert call(ws, "Heartbeat", {})[0] == 3
        first_serial = leaf.serial_number
        # One outstanding request per type: renewal waits for the answer to be recorded.
        answered = eventually(
            lambda: of_station(ocpp, "CS-A"), lambda rows: rows[0]["status"] == "accepted"
        )
        assert answered[0]["status"] == "accepted"

        # Renewal: the new certificate, once accepted, supersedes (revokes) the first.
        sign(ws, ocpp, "CS-A", "ChargingStationCertificate")
        second = expect_call(ws, "CertificateSigned")
        assert find(ocpp, first_serial).revoked_at is None  # not before acceptance
        ws.send(json.dumps([3, second[1], {"status": "Accepted"}]))
        assert call(ws, "Heartbeat", {})[0] == 3
    # The answer is recorded by the delivery task right after the CALLRESULT arrives.
    record = eventually(lambda: find(ocpp, first_serial), lambda r: r.revoked_at)
    assert record.revoked_at is not None and record.revocation_reason == "superseded"
    assert find(ocpp, chain_of(second)[0].serial_number).revoked_at is None


def test_csr_for_another_identity_is_rejected_at_once(ocpp) -> None:
    ocpp.add("CS-B")
    with open_station(ocpp.ws_url("CS-B"), "CS-B") as ws:
        boot(ws)
        answer, _ = sign(ws, ocpp, "CS-B", "ChargingStationCertificate", cn="SOMEONE-ELSE")
        assert answer[2]["status"] == "Rejected"
        assert answer[2]["statusInfo"]["reasonCode"]
        assert call(ws, "Heartbeat", {})[0] == 3  # and no CertificateSigned came in between


def test_v2g_certificate_is_an_secc_certificate(ocpp) -> None:
    # A profile-1 station may hold a V2G certificate only when an operator said so.
    ocpp.add("CS-V", evse_ids=["UZ*UPC*E1*1"], allow_v2g_without_tls=True)
    with open_station(ocpp.ws_url("CS-V"), "CS-V") as ws:
        boot(ws)
        answer, _ = sign(ws, ocpp, "CS-V", "V2GCertificate", cn="UZ*UPC*E1*1")
        assert answer[2]["status"] == "Accepted"
        signed = expect_call(ws, "CertificateSigned")
        leaf = chain_of(signed)[0]
        dc = leaf.subject.get_attributes_for_oid(x509.NameOID.DOMAIN_COMPONENT)
        assert [a.value for a in dc] == ["CPO"]
        ws.send(json.dumps([3, signed[1], {"status": "Accepted"}]))


def test_certificate_signed_is_retried_after_the_station_was_offline(start_ocpp) -> None:
    ocpp = start_ocpp()
    ocpp.add("CS-OFF")
    with open_station(ocpp.ws_url("CS-OFF"), "CS-OFF") as ws:
        boot(ws)
        sign(ws, ocpp, "CS-OFF")
        first = expect_call(ws, "CertificateSigned")
        # The station drops the connection without answering.
    with open_station(ocpp.ws_url("CS-OFF"), "CS-OFF") as ws:
        again = expect_call(ws, "CertificateSigned")  # delivered on reconnect
        assert again[1] != first[1]
        assert again[3]["certificateChain"] == first[3]["certificateChain"]
        ws.send(json.dumps([3, again[1], {"status": "Accepted"}]))
        assert call(ws, "Heartbeat", {})[0] == 3
    rows = eventually(
        lambda: of_station(ocpp, "CS-OFF"),
        lambda rows: rows[0]["status"] == "accepted",
    )
    assert rows[0]["status"] == "accepted" and rows[0]["attempts"] >= 2


def _hash_data(cert: x509.Certificate, issuer: x509.Certificate) -> dict[str, str]:
    cid = cert_id_for(cert, issuer, "sha256")
    return {
        "hashAlgorithm": "SHA256",
        "issuerNameHash": cid.issuer_name_hash.hex(),
        "issuerKeyHash": cid.issuer_key_hash.hex(),
        "serialNumber": f"{cert.serial_number:x}",
        "responderURL": "http://169.254.169.254/ocsp",  # never fetched
    }


def test_get_certificate_status_from_own_responder(ocpp, tmp_path: Path) -> None:
    ocpp.add("CS-O")
    key = ec.generate_private_key(ec.SECP256R1())
    with ocpp.container.transaction() as session:
        issued = ocpp.container.ca.issue_from_csr(
            session,
            make_csr(key, cn="UZ*UPC*E9*1", o=ocpp.container.settings.organization),
            "secc",
            actor="test",
        )
    issuer = ocpp.container.ca.authority("cpo-sub2").certificate
    with open_station(ocpp.ws_url("CS-O"), "CS-O") as ws:
        boot(ws)
        answer = call(
            ws,
            "GetCertificateStatus",
            {"ocspRequestData": _hash_data(issued.certificate, issuer)},
        )
        assert answer[2]["status"] == "Accepted"
        der = base64.b64decode(answer[2]["ocspResult"])
        (tmp_path / "resp.der").write_bytes(der)
        (tmp_path / "leaf.pem").write_text(pem_of([issued.certificate]))
        (tmp_path / "issuer.pem").write_text(pem_of([issuer]))
        (tmp_path / "chain.pem").write_text(pem_of(ocpp.container.ca.chain_to_root("cpo-sub2")))
        output = openssl(
            "ocsp",
            "-respin",
            str(tmp_path / "resp.der"),
            "-issuer",
            str(tmp_path / "issuer.pem"),
            "-sha256",  # the CertID the station sent (hashAlgorithm SHA256)
            "-cert",
            str(tmp_path / "leaf.pem"),
            "-CAfile",
            str(tmp_path / "chain.pem"),
        )
        assert "Response verify OK" in output and ": good" in output, output

        # A certificate no CA of ours issued: Failed, and the responderURL is not fetched.
        foreign_key = ec.generate_private_key(ec.SECP256R1())
        name = x509.Name([x509.NameAttribute(x509.NameOID.COMMON_NAME, "Elsewhere")])
        from datetime import UTC, datetime, timedelta

        foreign = (
            x509.CertificateBuilder()
            .subject_name(name)
            .issuer_name(name)
            .public_key(foreign_key.public_key())
            .serial_number(12345)
            .not_valid_before(datetime.now(UTC))
            .not_valid_after(datetime.now(UTC) + timedelta(days=1))
            .sign(foreign_key, hashes.SHA256())
        )
        answer = call(ws, "GetCertificateStatus", {"ocspRequestData": _hash_data(foreign, foreign)})
        assert answer[2]["status"] == "Failed" and "ocspResult" not in answer[2]


def test_commands_from_the_rest_api(ocpp) -> None:
    """TriggerMessage, install of the product's V2G and MO roots, GetInstalledCertificateIds,
    and the station list with connection state and certificates."""
    ocpp.add("CS-API")
    app = create_app(ocpp.container)
    with serving(app) as base, open_station(ocpp.ws_url("CS-API"), "CS-API") as ws:
        boot(ws)
        import threading

        results: dict[str, object] = {}

        def post(name: str, path: str, body: object = None) -> None:
            results[name] = httpx.post(f"{base}{path}", headers=API, json=body, timeout=30)

        # TriggerMessage(SignV2GCertificate) from the API; the station answers Accepted.
        thread = threading.Thread(
            target=post,
            args=("trigger", "/api/v1/stations/CS-API/trigger"),
            kwargs={"body": {"requested_message": "SignV2GCertificate"}},
        )
        thread.start()
        frame = expect_call(ws, "TriggerMessage")
        assert frame[3] == {"requestedMessage": "SignV2GCertificate"}
        ws.send(json.dumps([3, frame[1], {"status": "Accepted"}]))
        thread.join(15)
        reply = results["trigger"]
        assert isinstance(reply, httpx.Response) and reply.status_code == 200
        assert reply.json()["response"] == {"status": "Accepted"}

        thread = threading.Thread(
            target=post, args=("roots", "/api/v1/stations/CS-API/install-roots")
        )
        thread.start()
        installed = []
        for _ in range(2):
            frame = expect_call(ws, "InstallCertificate")
            installed.append(frame[3])
            ws.send(json.dumps([3, frame[1], {"status": "Accepted"}]))
        thread.join(15)
        assert [i["certificateType"] for i in installed] == [
            "V2GRootCertificate",
            "MORootCertificate",
        ]
        v2g_root = x509.load_pem_x509_certificate(installed[0]["certificate"].encode())
        assert v2g_root == ocpp.container.ca.authority("v2g-root").certificate
        assert results["roots"].status_code == 200  # type: ignore[union-attr]

        chain_entry = {
            "certificateType": "V2GRootCertificate",
            "certificateHashData": {
                "hashAlgorithm": "SHA256",
                "issuerNameHash": "aa",
                "issuerKeyHash": "bb",
                "serialNumber": "1",
            },
        }
        thread = threading.Thread(
            target=post,
            args=("ids", "/api/v1/stations/CS-API/commands/GetInstalledCertificateIds"),
            kwargs={"body": {"certificateType": ["V2GRootCertificate"]}},
        )
        thread.start()
        frame = expect_call(ws, "GetInstalledCertificateIds")
        ws.send(
            json.dumps(
                [3, frame[1], {"status": "Accepted", "certificateHashDataChain": [chain_entry]}]
            )
        )
        thread.join(15)
        assert results["ids"].status_code == 200  # type: ignore[union-attr]

        # A payload that breaks the schema never reaches the station.
        bad = httpx.post(
            f"{base}/api/v1/stations/CS-API/commands/InstallCertificate",
            headers=API,
            json={"certificateType": "Nonsense", "certificate": "x"},
            timeout=10,
        )
        assert bad.status_code == 422
        unknown = httpx.post(
            f"{base}/api/v1/stations/NOT-THERE/commands/Reset",
            headers=API,
            json={"type": "Immediate"},
            timeout=10,
        )
        assert unknown.status_code == 404
        ocpp.add("CS-SLEEPING")  # registered, never connected
        offline = httpx.post(
            f"{base}/api/v1/stations/CS-SLEEPING/commands/Reset",
            headers=API,
            json={"type": "Immediate"},
            timeout=10,
        )
        assert offline.status_code == 409

        listing = httpx.get(f"{base}/api/v1/stations", headers=API, timeout=10).json()
        assert "CS-API" in {s["id"] for s in listing["items"]}
        detail = httpx.get(f"{base}/api/v1/stations/CS-API", headers=API, timeout=10)
        assert detail.status_code == 200
        entry = detail.json()
        assert entry["connected"] is True and entry["boot_status"] == "Accepted"
        # The API speaks snake_case: the station's report, key by key.
        assert entry["installed_certificates"] == [
            {
                "certificate_type": "V2GRootCertificate",
                "certificate_hash_data": {
                    "hash_algorithm": "SHA256",
                    "issuer_name_hash": "aa",
                    "issuer_key_hash": "bb",
                    "serial_number": "1",
                },
            }
        ]
        assert httpx.get(f"{base}/api/v1/stations/NOPE", headers=API, timeout=10).status_code == 404


def test_automatic_renewal_triggers_before_expiry(start_ocpp) -> None:
    ocpp = start_ocpp()
    ocpp.add("CS-R")
    with open_station(ocpp.ws_url("CS-R"), "CS-R") as ws:
        boot(ws)
        sign(ws, ocpp, "CS-R")
        signed = expect_call(ws, "CertificateSigned")
        ws.send(json.dumps([3, signed[1], {"status": "Accepted"}]))
        assert call(ws, "Heartbeat", {})[0] == 3
        eventually(
            lambda: of_station(ocpp, "CS-R"),
            lambda rows: rows[0]["status"] == "accepted",
        )
        # A renewal window wider than the certificate's life makes it due now.
        ocpp.server.settings.ocpp_renew_before_days = 10_000
        ocpp.background.submit(ocpp.server._renew())
        frame = expect_call(ws, "TriggerMessage")
        assert frame[3] == {"requestedMessage": "SignChargingStationCertificate"}
        ws.send(json.dumps([3, frame[1], {"status": "Accepted"}]))


def test_server_key_files_are_private(ocpp) -> None:
    for kind in ("ec", "rsa"):
        path = ocpp.container.settings.data_dir / "ocpp-tls" / f"server-{kind}.key"
        assert path.stat().st_mode & 0o077 == 0
        key = serialization.load_pem_private_key(path.read_bytes(), password=None)
        cert = x509.load_pem_x509_certificates((path.parent / f"server-{kind}.pem").read_bytes())[0]
        assert cert.public_key() == key.public_key()
