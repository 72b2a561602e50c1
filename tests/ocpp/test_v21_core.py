"""OCPP 2.1 stations, played by the `ocpp` package's v21 ChargePoint (it validates every
message against the OCA's 2.1 schemas): the 2.0.1 features on 2.1's schemas (boot, heartbeat,
status, a session with meter values), and the frames 2.1 adds to OCPP-J, refused on a 2.0.1
connection as part 4 says (MessageTypeNotSupported)."""

from __future__ import annotations

import asyncio
import base64
import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from typing import Any

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from ocpp.v21 import ChargePoint, call
from sqlalchemy import select
from websockets.asyncio.client import connect

from csms.ocpp.db import TransactionRecord
from tests.harness.aio import run_async
from tests.ocpp.client import call as send_call
from tests.ocpp.client import open_station
from tests.ocpp.conftest import PASSWORD

pytestmark = pytest.mark.postgres


@asynccontextmanager
async def station21(url: str, station_id: str) -> AsyncIterator[ChargePoint]:
    token = base64.b64encode(f"{station_id}:{PASSWORD}".encode()).decode()
    async with connect(
        url,
        subprotocols=["ocpp2.1", "ocpp2.0.1"],  # type: ignore[list-item]
        additional_headers={"Authorization": f"Basic {token}"},
        open_timeout=10,
    ) as ws:
        assert ws.subprotocol == "ocpp2.1"
        cp = ChargePoint(station_id, ws)
        task = asyncio.create_task(cp.start())
        try:
            yield cp
        finally:
            task.cancel()


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def meter(wh: float) -> list[dict[str, Any]]:
    return [
        {
            "timestamp": now(),
            "sampled_value": [{"value": wh, "measurand": "Energy.Active.Import.Register"}],
        }
    ]


def test_boot_heartbeat_status_and_a_session_on_2_1_schemas(ocpp) -> None:  # type: ignore[no-untyped-def]
    ocpp.add("V21-CORE")

    async def run() -> None:
        async with station21(ocpp.ws_url("V21-CORE"), "V21-CORE") as cp:
            booted = await cp.call(
                call.BootNotification(
                    charging_station={"model": "Uz-21", "vendor_name": "UzPnC"},
                    reason="PowerUp",
                )
            )
            assert booted.status == "Accepted"
            assert (await cp.call(call.Heartbeat())).current_time
            await cp.call(
                call.StatusNotification(
                    timestamp=now(), connector_status="Occupied", evse_id=1, connector_id=1
                )
            )
            for seq, (kind, wh) in enumerate((("Started", 500.0), ("Ended", 7500.0))):
                await cp.call(
                    call.TransactionEvent(
                        event_type=kind,
                        seq_no=seq,
                        timestamp=now(),
                        transaction_info={"transaction_id": "TX-21-1"},
                        trigger_reason="CablePluggedIn" if kind == "Started" else "EVDeparted",
                        evse={"id": 1, "connector_id": 1},
                        meter_value=meter(wh),
                    )
                )

    run_async(run())
    with ocpp.container.transaction() as session:
        record = session.scalar(
            select(TransactionRecord).where(TransactionRecord.station_id == "V21-CORE")
        )
        assert record is not None
        assert record.transaction_id == "TX-21-1" and record.state == "ended"
        assert (record.meter_start_wh, record.meter_last_wh) == (500.0, 7500.0)


@pytest.mark.parametrize("frame_type", [5, 6])
def test_2_1_frames_on_a_2_0_1_connection_are_message_type_not_supported(ocpp, frame_type) -> None:  # type: ignore[no-untyped-def]
    ocpp.add(f"V201-F{frame_type}")
    station_id = f"V201-F{frame_type}"
    with open_station(ocpp.ws_url(station_id), station_id) as ws:
        assert ws.subprotocol == "ocpp2.0.1"
        frame = (
            [5, "m-1", "GenericError", "", {}]
            if frame_type == 5
            else [6, "m-1", "NotifyPeriodicEventStream", {}]
        )
        ws.send(json.dumps(frame))
        answer = json.loads(ws.recv(timeout=10))
        assert answer[0] == 4 and answer[1] == "m-1"
        assert answer[2] == "MessageTypeNotSupported"


def test_2_1_send_gets_no_answer_and_callresulterror_is_taken_quietly(ocpp) -> None:  # type: ignore[no-untyped-def]
    """OCPP-J 2.1: a SEND is handled and never answered (not even a bad one); a
    CALLRESULTERROR from the station is logged, not answered; the connection goes on."""
    ocpp.add("V21-FRAMES")
    with open_station(ocpp.ws_url("V21-FRAMES"), "V21-FRAMES", subprotocols=("ocpp2.1",)) as ws:
        assert ws.subprotocol == "ocpp2.1"
        ws.send(
            json.dumps(
                [
                    2,
                    "boot",
                    "BootNotification",
                    {"reason": "PowerUp", "chargingStation": {"model": "M", "vendorName": "V"}},
                ]
            )
        )
        assert json.loads(ws.recv(timeout=10))[2]["status"] == "Accepted"
        stream = {"id": 1, "pending": 0, "basetime": now(), "data": [{"t": 0, "v": "1"}]}
        ws.send(json.dumps([6, "send-1", "NotifyPeriodicEventStream", stream]))
        ws.send(json.dumps([6, "send-2", "NotifyPeriodicEventStream", {"broken": True}]))
        ws.send(json.dumps([5, "whatever", "GenericError", "could not take it", {}]))
        ws.send(json.dumps([2, "hb", "Heartbeat", {}]))
        answer = json.loads(ws.recv(timeout=10))
        # The first frame back answers the Heartbeat: nothing answered the SENDs or the
        # CALLRESULTERROR.
        assert answer[0] == 3 and answer[1] == "hb"


def test_2_1_a_bad_callresult_from_the_station_gets_a_callresulterror(ocpp) -> None:  # type: ignore[no-untyped-def]
    import httpx

    from csms.app import create_app
    from tests.ocpp.conftest import API

    ocpp.add("V21-BADRESULT")
    with open_station(
        ocpp.ws_url("V21-BADRESULT"), "V21-BADRESULT", subprotocols=("ocpp2.1",)
    ) as ws:
        ws.send(
            json.dumps(
                [
                    2,
                    "boot",
                    "BootNotification",
                    {"reason": "PowerUp", "chargingStation": {"model": "M", "vendorName": "V"}},
                ]
            )
        )
        assert json.loads(ws.recv(timeout=10))[2]["status"] == "Accepted"

        async def command() -> httpx.Response:
            transport = httpx.ASGITransport(app=create_app(ocpp.container))
            async with httpx.AsyncClient(transport=transport, base_url="http://csms") as client:
                return await client.post(
                    "/api/v1/stations/V21-BADRESULT/commands/Reset",
                    headers=API,
                    json={"type": "OnIdle"},
                    timeout=30,
                )

        import threading

        replies: list[httpx.Response] = []
        caller = threading.Thread(target=lambda: replies.append(run_async(command())))
        caller.start()
        reset = json.loads(ws.recv(timeout=10))
        assert reset[0] == 2 and reset[2] == "Reset"
        ws.send(json.dumps([3, reset[1], {"status": "Maybe"}]))  # not a ResetStatusEnumType
        refused = json.loads(ws.recv(timeout=10))
        caller.join(timeout=30)
    assert refused[0] == 5 and refused[1] == reset[1]
    assert refused[2] == "PropertyConstraintViolation"
    # The station's fault, not the caller's: 502 naming the station's error, never 422.
    assert replies and replies[0].status_code == 502, replies[0].text
    detail = replies[0].json()["detail"]
    assert detail["source"] == "station" and detail["code"] == "PropertyConstraintViolation"
    assert "V21-BADRESULT" in detail["description"]


def test_iso15118_20_contract_installation_over_2_1(ocpp, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Get15118EVCertificate on 2.1 with an ISO 15118-20 CertificateInstallationReq (the
    -20 schema version), answered by the product's -20 CPS: the car's side (tests/contracts
    car20.py: signature, ECDH-ES key decryption) takes the new contract certificate. 2.1's
    schema bounds the exchange (exiRequest 11,000, exiResponse 17,000 characters), not 2.0.1's
    5,600."""
    from auth.principal import Principal
    from auth.users import add_user
    from contracts.cps import ISO20_SCHEMAS
    from tests.contracts.car20 import Car20, make_oem_pki20

    pcid = "ZZTESTCAR21000001"
    container = ocpp.container
    oem = make_oem_pki20(tmp_path / "oem20", leaf_cn=pcid)
    with container.transaction() as session:
        container.trust.add_bundle(session, oem.pem("root", "sub1", "sub2"), "oem-root", actor="t")
        add_user(session, container.policy, "driver21", role="client", actor="test")
        contract = container.contracts.create(
            session, Principal.system("test"), owner="driver21", pcid=pcid
        )
    car = Car20(oem, pcid)
    root = container.ca.authority("v2g-root-20").certificate
    exi_request = car.request_b64([root])
    ocpp.add("V21-PNC20")

    async def run() -> Any:
        async with station21(ocpp.ws_url("V21-PNC20"), "V21-PNC20") as cp:
            await cp.call(
                call.BootNotification(
                    charging_station={"model": "Uz-21", "vendor_name": "UzPnC"}, reason="PowerUp"
                )
            )
            return await cp.call(
                call.Get15118EVCertificate(
                    iso_15118_schema_version=ISO20_SCHEMAS[0],
                    action="Install",
                    exi_request=exi_request,
                )
            )

    answer = run_async(run())
    assert answer.status == "Accepted", answer
    installed = car.accept(answer.exi_response, root)
    assert installed.emaid == contract.emaid
    # 2.1 says it outside the EXI too: what the -20 response tells the car.
    assert answer.remaining_contracts == installed.remaining
    installed.certificate.verify_directly_issued_by(
        container.ca.authority("mo-sub2-20").certificate
    )


def test_get_certificate_chain_status_from_our_own_status_and_never_a_station_url(
    ocpp, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    """GetCertificateChainStatus (2.1): our own certificates are answered from the product's
    status store for OCSP and CRL alike (good, revoked); a foreign certificate whose URL the
    operator did not list is Failed, and that URL is never contacted."""
    import threading
    from http.server import BaseHTTPRequestHandler, HTTPServer

    from cryptography.hazmat.primitives.asymmetric import ec

    from pki.ocsp import cert_id_for
    from tests.pki.helpers import make_csr

    container = ocpp.container
    org = container.settings.organization
    cpo_sub2 = container.ca.authority("cpo-sub2").certificate
    with container.transaction() as session:
        good = container.ca.issue_from_csr(
            session, make_csr(cn="UZ*CHS*E1", o=org), "secc", actor="test"
        )
        bad = container.ca.issue_from_csr(
            session, make_csr(cn="UZ*CHS*E2", o=org), "secc", actor="test"
        )
        container.ca.revoke(session, bad.certificate.serial_number, reason=None, actor="test")
    foreign_key = ec.generate_private_key(ec.SECP256R1())
    foreign = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(x509.NameOID.COMMON_NAME, "Foreign")]))
        .issuer_name(x509.Name([x509.NameAttribute(x509.NameOID.COMMON_NAME, "Foreign")]))
        .public_key(foreign_key.public_key())
        .serial_number(7)
        .not_valid_before(datetime(2026, 1, 1, tzinfo=UTC))
        .not_valid_after(datetime(2036, 1, 1, tzinfo=UTC))
        .sign(foreign_key, hashes.SHA256())
    )

    hits: list[str] = []

    class Spy(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            hits.append(self.path)
            self.send_response(500)
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    spy = HTTPServer(("127.0.0.1", 0), Spy)
    threading.Thread(target=spy.serve_forever, daemon=True).start()

    def hash_data(cert, issuer) -> dict[str, str]:  # type: ignore[no-untyped-def]
        cid = cert_id_for(cert, issuer, "sha256")
        return {
            "hashAlgorithm": "SHA256",
            "issuerNameHash": cid.issuer_name_hash.hex(),
            "issuerKeyHash": cid.issuer_key_hash.hex(),
            "serialNumber": f"{cert.serial_number:x}",
        }

    requests = [
        {"certificateHashData": hash_data(good.certificate, cpo_sub2), "source": "OCSP",
         "urls": ["http://ocsp.example/"]},
        {"certificateHashData": hash_data(bad.certificate, cpo_sub2), "source": "OCSP",
         "urls": ["http://ocsp.example/"]},
        {"certificateHashData": hash_data(good.certificate, cpo_sub2), "source": "CRL",
         "urls": ["http://crl.example/x.crl"]},
        {"certificateHashData": hash_data(foreign, foreign), "source": "OCSP",
         "urls": [f"http://127.0.0.1:{spy.server_port}/ocsp"]},
    ]  # fmt: skip
    ocpp.add("V21-CHAIN")
    try:
        with open_station(ocpp.ws_url("V21-CHAIN"), "V21-CHAIN", subprotocols=("ocpp2.1",)) as ws:
            boot = {"reason": "PowerUp", "chargingStation": {"model": "M", "vendorName": "V"}}
            ws.send(json.dumps([2, "b", "BootNotification", boot]))
            assert json.loads(ws.recv(timeout=10))[2]["status"] == "Accepted"
            payload = {"certificateStatusRequests": requests}
            ws.send(json.dumps([2, "chain", "GetCertificateChainStatus", payload]))
            answer = json.loads(ws.recv(timeout=20))
    finally:
        spy.shutdown()
    assert answer[0] == 3, answer
    statuses = [(s["source"], s["status"]) for s in answer[2]["certificateStatus"]]
    assert statuses == [("OCSP", "Good"), ("OCSP", "Revoked"), ("CRL", "Good"), ("OCSP", "Failed")]
    assert all(s["nextUpdate"] for s in answer[2]["certificateStatus"])
    assert hits == []  # the station's URL was never fetched


def test_v2g20_certificate_with_request_id_and_root_hash(ocpp, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """2.1 SignCertificate(V2G20Certificate, requestId, hashRootCertificate): issued by the
    -20 CPO sub-CA, its CertificateSigned carries the requestId back; a hashRootCertificate
    naming another root is refused (UnknownRoot); openssl verifies the chain to the -20 root."""
    from cryptography.hazmat.primitives.asymmetric import ec

    from pki.authority import pem_of
    from pki.ocsp import cert_id_for
    from tests.pki.helpers import make_csr, openssl

    container = ocpp.container
    org = container.settings.organization
    ocpp.add("V21-SECC20", profile=1, evse_ids=["UZ*S20*E1"], allow_v2g_without_tls=True)
    root20 = container.ca.authority("v2g-root-20").certificate
    root2 = container.ca.authority("v2g-root").certificate

    def root_hash(root: x509.Certificate) -> dict[str, str]:
        cid = cert_id_for(root, root, "sha256")
        return {
            "hashAlgorithm": "SHA256",
            "issuerNameHash": cid.issuer_name_hash.hex(),
            "issuerKeyHash": cid.issuer_key_hash.hex(),
            "serialNumber": f"{root.serial_number:x}",
        }

    key = ec.generate_private_key(ec.SECP521R1())
    csr = make_csr(key, cn="UZ*S20*E1", o=org).decode()
    with open_station(ocpp.ws_url("V21-SECC20"), "V21-SECC20", subprotocols=("ocpp2.1",)) as ws:
        boot = {"reason": "PowerUp", "chargingStation": {"model": "M", "vendorName": "V"}}
        ws.send(json.dumps([2, "b", "BootNotification", boot]))
        assert json.loads(ws.recv(timeout=10))[2]["status"] == "Accepted"
        wrong = {
            "csr": csr,
            "certificateType": "V2G20Certificate",
            "requestId": 41,
            "hashRootCertificate": root_hash(root2),
        }
        ws.send(json.dumps([2, "s1", "SignCertificate", wrong]))
        refused = json.loads(ws.recv(timeout=10))
        right = {**wrong, "requestId": 42, "hashRootCertificate": root_hash(root20)}
        ws.send(json.dumps([2, "s2", "SignCertificate", right]))
        frames = [json.loads(ws.recv(timeout=20)) for _ in range(2)]
        accepted = next(f for f in frames if f[0] == 3)
        signed = next(f for f in frames if f[0] == 2)
        ws.send(json.dumps([3, signed[1], {"status": "Accepted"}]))
        assert send_call(ws, "Heartbeat", {})[0] == 3
    assert (
        refused[2]["status"] == "Rejected"
        and refused[2]["statusInfo"]["reasonCode"] == "UnknownRoot"
    )
    assert accepted[1] == "s2" and accepted[2]["status"] == "Accepted"
    assert signed[2] == "CertificateSigned"
    assert signed[3]["certificateType"] == "V2G20Certificate" and signed[3]["requestId"] == 42
    chain = x509.load_pem_x509_certificates(signed[3]["certificateChain"].encode())
    (tmp_path / "leaf.pem").write_text(pem_of(chain[:1]))
    (tmp_path / "untrusted.pem").write_text(pem_of(chain[1:]))
    (tmp_path / "root.pem").write_text(pem_of([root20]))
    verified = openssl(
        "verify",
        "-CAfile",
        str(tmp_path / "root.pem"),
        "-untrusted",
        str(tmp_path / "untrusted.pem"),
        str(tmp_path / "leaf.pem"),
    )
    assert "leaf.pem: OK" in verified


def test_oem_root_certificate_goes_to_2_1_stations_only(ocpp) -> None:  # type: ignore[no-untyped-def]
    """InstallCertificate(OEMRootCertificate) and GetInstalledCertificateIds of it exist in 2.1:
    sent to a 2.1 station through the command API; for a 2.0.1 station the same command is
    refused by its schema and never sent."""
    import threading

    import httpx

    from csms.app import create_app
    from pki.authority import pem_of
    from tests.ocpp.conftest import API

    oem_root = pem_of([ocpp.container.ca.authority("oem-root").certificate])
    app = create_app(ocpp.container)

    def command(station_id: str, action: str, body: dict[str, Any]) -> httpx.Response:
        async def post() -> httpx.Response:
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(transport=transport, base_url="http://csms") as client:
                return await client.post(
                    f"/api/v1/stations/{station_id}/commands/{action}",
                    headers=API,
                    json=body,
                    timeout=30,
                )

        return run_async(post())

    boot = {"reason": "PowerUp", "chargingStation": {"model": "M", "vendorName": "V"}}
    install = {"certificateType": "OEMRootCertificate", "certificate": oem_root}
    listing = {"certificateType": ["OEMRootCertificate"]}
    for station_id, version in (("V21-OEM", "ocpp2.1"), ("V201-OEM", "ocpp2.0.1")):
        ocpp.add(station_id)
        with open_station(ocpp.ws_url(station_id), station_id, subprotocols=(version,)) as ws:
            ws.send(json.dumps([2, "b", "BootNotification", boot]))
            assert json.loads(ws.recv(timeout=10))[2]["status"] == "Accepted"
            replies: list[httpx.Response] = []
            for action, body, answer in (
                ("InstallCertificate", install, {"status": "Accepted"}),
                ("GetInstalledCertificateIds", listing, {"status": "NotFound"}),
            ):
                caller = threading.Thread(
                    target=lambda a=action, b=body, s=station_id, r=replies: r.append(
                        command(s, a, b)
                    )
                )
                caller.start()
                if version == "ocpp2.1":
                    sent = json.loads(ws.recv(timeout=10))
                    assert sent[2] == action and sent[3] == body
                    ws.send(json.dumps([3, sent[1], answer]))
                caller.join(timeout=30)
            if version == "ocpp2.0.1":
                assert send_call(ws, "Heartbeat", {})[0] == 3  # nothing was sent meanwhile
        if version == "ocpp2.1":
            assert [r.status_code for r in replies] == [200, 200], [r.text for r in replies]
            assert replies[0].json()["response"] == {"status": "Accepted"}
        else:
            assert all(r.status_code >= 400 for r in replies), [r.text for r in replies]


def test_certificates_and_pnc_through_the_ocpp_packages_2_1_charge_point(ocpp) -> None:  # type: ignore[no-untyped-def]
    """The `ocpp` package's v21 charge point (its own 2.1 schemas on every message): a V2G
    certificate by SignCertificate (with requestId) and its CertificateSigned; Authorize of a
    contract with its chain and with hash data; GetCertificateStatus (a real OCSP answer) and
    GetCertificateChainStatus of the contract certificate: good."""
    from cryptography.hazmat.primitives.asymmetric import ec
    from ocpp.routing import on
    from ocpp.v21 import call_result

    from auth.principal import Principal
    from auth.users import add_user
    from pki.authority import pem_of
    from pki.ocsp import cert_id_for
    from tests.pki.helpers import make_csr

    container = ocpp.container
    org = container.settings.organization
    with container.transaction() as session:
        add_user(session, container.policy, "driver21b", role="client", actor="test")
        contract = container.contracts.create(
            session, Principal.system("test"), owner="driver21b", pcid="ZZTESTCAR21000002"
        )
        issued = container.ca.issue_for_key(
            session,
            ec.generate_private_key(ec.SECP256R1()).public_key(),
            "contract",
            common_name=contract.emaid,
            actor="test",
        )
        container.contracts.record_certificate(
            session,
            container.contracts.find_by_emaid(session, contract.emaid),
            serial_hex=issued.serial_hex,
            pcid="ZZTESTCAR21000002",
            action="install",
            schema="iso-2",
            not_after=issued.certificate.not_valid_after_utc,
            escrowed_key=None,
            actor="test",
        )
    mo_sub2 = container.ca.authority("mo-sub2").certificate
    cid = cert_id_for(issued.certificate, mo_sub2, "sha256")
    hash_data = {
        "hash_algorithm": "SHA256",
        "issuer_name_hash": cid.issuer_name_hash.hex(),
        "issuer_key_hash": cid.issuer_key_hash.hex(),
        "serial_number": f"{issued.certificate.serial_number:x}",
    }
    ocpp.add("V21-PKG", evse_ids=["UZ*P21*E1"], allow_v2g_without_tls=True)
    signed: asyncio.Queue[dict[str, Any]] = asyncio.Queue()

    class Station(ChargePoint):
        @on("CertificateSigned")
        def on_signed(self, certificate_chain: str, **rest: Any) -> Any:
            signed.put_nowait({"chain": certificate_chain, **rest})
            return call_result.CertificateSigned(status="Accepted")

    async def run() -> dict[str, Any]:
        token = base64.b64encode(f"V21-PKG:{PASSWORD}".encode()).decode()
        async with connect(
            ocpp.ws_url("V21-PKG"),
            subprotocols=["ocpp2.1"],  # type: ignore[list-item]
            additional_headers={"Authorization": f"Basic {token}"},
        ) as ws:
            cp = Station("V21-PKG", ws)
            task = asyncio.create_task(cp.start())
            out: dict[str, Any] = {}
            await cp.call(
                call.BootNotification(
                    charging_station={"model": "Uz-21", "vendor_name": "UzPnC"}, reason="PowerUp"
                )
            )
            csr = make_csr(cn="UZ*P21*E1", o=org).decode()
            out["sign"] = await cp.call(
                call.SignCertificate(csr=csr, certificate_type="V2GCertificate", request_id=77)
            )
            out["signed"] = await asyncio.wait_for(signed.get(), 20)
            id_token = {"id_token": contract.emaid, "type": "eMAID"}
            out["chain"] = await cp.call(
                call.Authorize(
                    id_token=id_token,
                    certificate=pem_of([issued.certificate, *issued.chain]),
                )
            )
            out["hash"] = await cp.call(
                call.Authorize(
                    id_token=id_token,
                    iso_15118_certificate_hash_data=[
                        {**hash_data, "responder_url": "http://127.0.0.1:9/ocsp"}
                    ],
                )
            )
            out["status"] = await cp.call(
                call.GetCertificateStatus(
                    ocsp_request_data={**hash_data, "responder_url": "http://127.0.0.1:9/ocsp"}
                )
            )
            out["chain_status"] = await cp.call(
                call.GetCertificateChainStatus(
                    certificate_status_requests=[
                        {"certificate_hash_data": hash_data, "source": "OCSP",
                         "urls": ["http://ocsp.example/"]}
                    ]
                )
            )  # fmt: skip
            await asyncio.sleep(0.2)  # the CertificateSigned answer is recorded
            task.cancel()
            return out

    out = run_async(run())
    assert out["sign"].status == "Accepted"
    assert out["signed"]["certificate_type"] == "V2GCertificate"
    assert out["signed"]["request_id"] == 77
    assert out["chain"].id_token_info["status"] == "Accepted"
    assert out["hash"].id_token_info["status"] == "Accepted"
    assert out["status"].status == "Accepted" and out["status"].ocsp_result
    assert [s["status"] for s in out["chain_status"].certificate_status] == ["Good"]
