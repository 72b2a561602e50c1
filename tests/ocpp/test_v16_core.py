"""OCPP 1.6J stations, played by the `ocpp` package's v16 ChargePoint (mobilityhouse; it
validates every message against its own 1.6 schemas, the security whitepaper's included):
boot, heartbeat, status, a charging session with meter values in the same session records as
2.0.1, the Plug & Charge DataTransfer envelope's refusals, and the whitepaper's SignCertificate
answered with a first-class CertificateSigned whose chain `openssl verify` accepts."""

from __future__ import annotations

import asyncio
import base64
import json
import subprocess
import tempfile
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from cryptography import x509
from ocpp.routing import on
from ocpp.v16 import ChargePoint, call, call_result
from sqlalchemy import select
from websockets.asyncio.client import connect

from csms.ocpp.db import ConnectorStatusRecord, StationCertificateRecord, TransactionRecord
from tests.harness.aio import run_async
from tests.ocpp.conftest import PASSWORD
from tests.pki.helpers import make_csr

pytestmark = pytest.mark.postgres

PNC = "org.openchargealliance.iso15118pnc"


class Station16(ChargePoint):
    """A 1.6 charge point that keeps what the CSMS sends it."""

    def __init__(self, station_id: str, connection: Any) -> None:
        super().__init__(station_id, connection)
        self.signed: asyncio.Queue[str] = asyncio.Queue()

        self.wrapped: asyncio.Queue[tuple[str, dict[str, Any]]] = asyncio.Queue()

    @on("CertificateSigned")
    def on_certificate_signed(self, certificate_chain: str) -> call_result.CertificateSigned:
        self.signed.put_nowait(certificate_chain)
        return call_result.CertificateSigned(status="Accepted")

    @on("DataTransfer")
    def on_data_transfer(
        self, vendor_id: str, message_id: str | None = None, data: str | None = None
    ) -> call_result.DataTransfer:
        """The PnC envelope as libocpp answers it: the inner 2.0.1 response as a string."""
        if vendor_id != PNC or message_id is None:
            return call_result.DataTransfer(status="UnknownVendorId")
        self.wrapped.put_nowait((message_id, json.loads(data or "{}")))
        return call_result.DataTransfer(status="Accepted", data=json.dumps({"status": "Accepted"}))


@asynccontextmanager
async def station16(url: str, station_id: str) -> AsyncIterator[Station16]:
    token = base64.b64encode(f"{station_id}:{PASSWORD}".encode()).decode()
    async with connect(
        url,
        subprotocols=["ocpp1.6"],  # type: ignore[list-item]
        additional_headers={"Authorization": f"Basic {token}"},
        open_timeout=10,
    ) as ws:
        assert ws.subprotocol == "ocpp1.6"
        cp = Station16(station_id, ws)
        task = asyncio.create_task(cp.start())
        try:
            yield cp
        finally:
            task.cancel()


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def certificate_statuses(ocpp: Any, station_id: str) -> list[str]:
    with ocpp.container.transaction() as session:
        return list(
            session.scalars(
                select(StationCertificateRecord.status).where(
                    StationCertificateRecord.station_id == station_id
                )
            )
        )


async def until_accepted(ocpp: Any, station_id: str) -> None:
    """Stay connected until the CSMS has recorded the station's answer to CertificateSigned."""
    for _ in range(200):
        if await asyncio.to_thread(certificate_statuses, ocpp, station_id) == ["accepted"]:
            return
        await asyncio.sleep(0.05)


async def boot(cp: Station16) -> None:
    answer = await cp.call(
        call.BootNotification(charge_point_model="Uz-16", charge_point_vendor="UzPnC")
    )
    assert answer.status == "Accepted" and answer.interval > 0


def test_boot_heartbeat_status_and_a_session_with_meter_values(ocpp) -> None:  # type: ignore[no-untyped-def]
    ocpp.add("V16-CORE")

    async def run() -> int:
        async with station16(ocpp.ws_url("V16-CORE"), "V16-CORE") as cp:
            await boot(cp)
            beat = await cp.call(call.Heartbeat())
            assert beat.current_time
            await cp.call(
                call.StatusNotification(
                    connector_id=1, error_code="NoError", status="Preparing", timestamp=now()
                )
            )
            await cp.call(call.Authorize(id_tag="RFID-0001"))
            started_at = now()
            start = call.StartTransaction(
                connector_id=1, id_tag="RFID-0001", meter_start=1000, timestamp=started_at
            )
            first = await cp.call(start)
            again = await cp.call(start)  # its answer was lost: sent again
            assert isinstance(first.transaction_id, int)
            assert again.transaction_id == first.transaction_id
            await cp.call(
                call.MeterValues(
                    connector_id=1,
                    transaction_id=first.transaction_id,
                    meter_value=[
                        {
                            "timestamp": now(),
                            "sampledValue": [
                                {
                                    "value": "4.5",
                                    "measurand": "Energy.Active.Import.Register",
                                    "unit": "kWh",
                                }
                            ],
                        }
                    ],
                )
            )
            await cp.call(
                call.StopTransaction(
                    meter_stop=11000,
                    timestamp=now(),
                    transaction_id=first.transaction_id,
                    reason="EVDisconnected",
                )
            )
            return int(first.transaction_id)

    transaction_id = run_async(run())
    ocpp.server._store.flush(force=True)
    with ocpp.container.transaction() as session:
        sessions = list(
            session.scalars(
                select(TransactionRecord).where(TransactionRecord.station_id == "V16-CORE")
            )
        )
        assert len(sessions) == 1
        record = sessions[0]
        assert record.transaction_id == str(transaction_id)
        assert record.ocpp_version == "1.6"
        assert record.state == "ended" and record.stopped_reason == "EVDisconnected"
        assert record.evse_id == 1 and record.id_token == "RFID-0001"
        assert (record.meter_start_wh, record.meter_last_wh) == (1000.0, 11000.0)
        status = session.scalar(
            select(ConnectorStatusRecord.status).where(
                ConnectorStatusRecord.station_id == "V16-CORE"
            )
        )
        assert status == "Preparing"


def test_pnc_data_transfer_envelope_refusals(ocpp) -> None:  # type: ignore[no-untyped-def]
    """Unknown vendor / messageId, data that is not JSON (some stations send plain text), an
    inner payload that breaks the 2.0.1 schema: each its status, the connection unharmed."""
    ocpp.add("V16-DT")

    async def run() -> list[tuple[str, str | None]]:
        async with station16(ocpp.ws_url("V16-DT"), "V16-DT") as cp:
            await boot(cp)
            answers = []
            for request in (
                call.DataTransfer(vendor_id="com.example.other", message_id="x", data="{}"),
                call.DataTransfer(vendor_id=PNC, message_id="Reset", data="{}"),
                call.DataTransfer(vendor_id=PNC, message_id="Authorize", data="plain text"),
                call.DataTransfer(vendor_id=PNC, message_id="Authorize", data="[1, 2]"),
                call.DataTransfer(
                    vendor_id=PNC, message_id="Authorize", data='{"idToken": {"idToken": 5}}'
                ),
                call.DataTransfer(vendor_id=PNC, message_id="Authorize"),
            ):
                answer = await cp.call(request)
                answers.append((answer.status, answer.data))
            assert (await cp.call(call.Heartbeat())).current_time  # still served
            return answers

    answers = run_async(run())
    assert [status for status, _ in answers] == [
        "UnknownVendorId",
        "UnknownMessageId",
        "Rejected",
        "Rejected",
        "Rejected",
        "Rejected",
    ]
    assert "not JSON" in (answers[2][1] or "")
    assert "TypeConstraintViolation" in (answers[4][1] or "")


def test_pnc_authorize_inside_data_transfer_is_answered_by_the_contract_service(ocpp) -> None:  # type: ignore[no-untyped-def]
    """The inner 2.0.1 AuthorizeResponse comes back as a JSON string in `data`, valid against
    the 2.0.1 schema; an eMAID without certificate data is refused as in 2.0.1 (issue 12)."""
    ocpp.add("V16-AUTH")
    inner = {"idToken": {"idToken": "UZPNCC000000012", "type": "eMAID"}}

    async def run() -> Any:
        async with station16(ocpp.ws_url("V16-AUTH"), "V16-AUTH") as cp:
            await boot(cp)
            return await cp.call(
                call.DataTransfer(vendor_id=PNC, message_id="Authorize", data=json.dumps(inner))
            )

    answer = run_async(run())
    assert answer.status == "Accepted"
    response = json.loads(answer.data)
    from csms.ocpp import rpc

    rpc.validate("Authorize", response, request=False)
    assert response["idTokenInfo"]["status"] != "Accepted"


def test_whitepaper_sign_certificate_gets_a_charge_point_certificate(ocpp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    ocpp.add("V16-SIGN")
    organization = ocpp.container.settings.organization

    async def run() -> str:
        async with station16(ocpp.ws_url("V16-SIGN"), "V16-SIGN") as cp:
            await boot(cp)
            csr = make_csr(cn="V16-SIGN", o=organization).decode()
            answer = await cp.call(call.SignCertificate(csr=csr))
            assert answer.status == "Accepted"
            signed = await asyncio.wait_for(cp.signed.get(), 20)
            await until_accepted(ocpp, "V16-SIGN")
            return signed

    chain_pem = run_async(run())
    chain = x509.load_pem_x509_certificates(chain_pem.encode())
    assert chain[0].subject.get_attributes_for_oid(x509.NameOID.COMMON_NAME)[0].value == "V16-SIGN"
    leaf = tmp_path / "leaf.pem"
    leaf.write_bytes(chain_pem.encode())
    untrusted = tmp_path / "chain.pem"
    from cryptography.hazmat.primitives.serialization import Encoding

    untrusted.write_bytes(b"".join(c.public_bytes(Encoding.PEM) for c in chain[1:]))
    root = tmp_path / "root.pem"
    from pki.authority import pem_of

    root.write_text(pem_of([ocpp.container.ca.authority("v2g-root").certificate]))
    done = subprocess.run(
        ["openssl", "verify", "-CAfile", str(root), "-untrusted", str(untrusted), str(leaf)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert certificate_statuses(ocpp, "V16-SIGN") == ["accepted"]


def test_v2g_certificate_over_the_pnc_data_transfer(ocpp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """SignCertificate (V2GCertificate by default) inside the DataTransfer; the certificate
    comes back as a wrapped 2.0.1 CertificateSigned; the same issuance rules as 2.0.1 (an
    EVSE ID registered for the station; a profile-1 station only with the operator's
    allowance). `openssl verify` checks the chain up to the V2G root."""
    ocpp.add("V16-V2G", evse_ids=["UZ*V16*E1"], allow_v2g_without_tls=True)
    organization = ocpp.container.settings.organization

    def statuses() -> list[str]:
        return certificate_statuses(ocpp, "V16-V2G")

    async def run() -> tuple[dict[str, Any], str, dict[str, Any]]:
        async with station16(ocpp.ws_url("V16-V2G"), "V16-V2G") as cp:
            await boot(cp)
            refused = await cp.call(
                call.DataTransfer(
                    vendor_id=PNC,
                    message_id="SignCertificate",
                    data=json.dumps({"csr": make_csr(cn="UZ*OTHER*E9", o=organization).decode()}),
                )
            )
            csr = make_csr(cn="UZ*V16*E1", o=organization).decode()
            answer = await cp.call(
                call.DataTransfer(
                    vendor_id=PNC, message_id="SignCertificate", data=json.dumps({"csr": csr})
                )
            )
            assert answer.status == "Accepted"
            message_id, inner = await asyncio.wait_for(cp.wrapped.get(), 20)
            assert message_id == "CertificateSigned"
            await until_accepted(ocpp, "V16-V2G")
            return json.loads(refused.data), answer.data, inner

    refused, accepted, inner = run_async(run())
    assert refused["status"] == "Rejected"  # not this station's EVSE ID
    assert json.loads(accepted) == {"status": "Accepted"}
    assert inner["certificateType"] == "V2GCertificate"
    chain = x509.load_pem_x509_certificates(inner["certificateChain"].encode())
    cn = chain[0].subject.get_attributes_for_oid(x509.NameOID.COMMON_NAME)[0].value
    assert cn == "UZ*V16*E1"
    from cryptography.hazmat.primitives.serialization import Encoding

    from pki.authority import pem_of

    (tmp_path / "leaf.pem").write_bytes(chain[0].public_bytes(Encoding.PEM))
    (tmp_path / "chain.pem").write_bytes(b"".join(c.public_bytes(Encoding.PEM) for c in chain[1:]))
    (tmp_path / "root.pem").write_text(
        pem_of([ocpp.container.ca.authority("v2g-root").certificate])
    )
    done = subprocess.run(
        [
            "openssl",
            "verify",
            "-CAfile",
            str(tmp_path / "root.pem"),
            "-untrusted",
            str(tmp_path / "chain.pem"),
            str(tmp_path / "leaf.pem"),
        ],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert statuses() == ["accepted"]


def test_a_pnc_authorized_emaid_as_the_1_6_id_tag_is_that_contracts_session(ocpp) -> None:  # type: ignore[no-untyped-def]
    """The car authorizes with its contract certificate inside the PnC DataTransfer (the eMAID
    as idToken); the station then starts the 1.6 transaction with the eMAID as idTag, here in
    its hyphenated form (20 characters at most in 1.6): the session is that contract's,
    credited to it (verified), not an unknown tag."""
    from cryptography.hazmat.primitives.asymmetric import ec

    from auth.principal import Principal
    from auth.users import add_user
    from pki.authority import pem_of

    container = ocpp.container
    with container.transaction() as session:
        add_user(session, container.policy, "pnc16-driver", role="client", actor="test")
        contract = container.contracts.create(
            session, Principal.system("test"), owner="pnc16-driver", pcid="ZZTESTCAR16000001"
        )
        emaid = contract.emaid
        issued = container.ca.issue_for_key(
            session,
            ec.generate_private_key(ec.SECP256R1()).public_key(),
            "contract",
            common_name=emaid,
            actor="test",
        )
        container.contracts.record_certificate(
            session,
            container.contracts.find_by_emaid(session, emaid),
            serial_hex=issued.serial_hex,
            pcid="ZZTESTCAR16000001",
            action="install",
            schema="iso-2",
            not_after=issued.certificate.not_valid_after_utc,
            escrowed_key=None,
            actor="test",
        )
    chain_pem = pem_of([issued.certificate, *issued.chain])
    hyphenated = f"{emaid[:2]}-{emaid[2:5]}-{emaid[5:14]}-{emaid[14:]}"
    assert len(hyphenated) <= 20
    ocpp.add("V16-PNC")

    async def run() -> tuple[dict[str, Any], Any]:
        async with station16(ocpp.ws_url("V16-PNC"), "V16-PNC") as cp:
            await boot(cp)
            inner = {"idToken": {"idToken": emaid, "type": "eMAID"}, "certificate": chain_pem}
            authorized = await cp.call(
                call.DataTransfer(vendor_id=PNC, message_id="Authorize", data=json.dumps(inner))
            )
            by_hash = await cp.call(
                call.DataTransfer(
                    vendor_id=PNC,
                    message_id="Authorize",
                    data=json.dumps(
                        {"idToken": inner["idToken"], "iso15118CertificateHashData": hash_data}
                    ),
                )
            )
            status = await cp.call(
                call.DataTransfer(
                    vendor_id=PNC,
                    message_id="GetCertificateStatus",
                    data=json.dumps({"ocspRequestData": {**hash_data[0], "responderURL": url}}),
                )
            )
            started = await cp.call(
                call.StartTransaction(
                    connector_id=2, id_tag=hyphenated, meter_start=0, timestamp=now()
                )
            )
            answers["hash"] = json.loads(by_hash.data)
            answers["status"] = json.loads(status.data)
            return json.loads(authorized.data), started

    from pki.ocsp import cert_id_for

    mo_sub2 = container.ca.authority("mo-sub2").certificate
    cid = cert_id_for(issued.certificate, mo_sub2, "sha256")
    hash_data = [
        {
            "hashAlgorithm": "SHA256",
            "issuerNameHash": cid.issuer_name_hash.hex(),
            "issuerKeyHash": cid.issuer_key_hash.hex(),
            "serialNumber": f"{issued.certificate.serial_number:x}",
            "responderURL": "http://127.0.0.1:9/ocsp",
        }
    ]
    url = "http://127.0.0.1:9/ocsp"
    answers: dict[str, Any] = {}
    authorized, started = run_async(run())
    assert authorized["idTokenInfo"]["status"] == "Accepted", authorized
    assert answers["hash"]["idTokenInfo"]["status"] == "Accepted", answers["hash"]
    # GetCertificateStatus through the envelope: our own OCSP answer, good per openssl.
    assert answers["status"]["status"] == "Accepted", answers["status"]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "resp.der").write_bytes(base64.b64decode(answers["status"]["ocspResult"]))
        (folder / "issuer.pem").write_text(pem_of([mo_sub2]))
        (folder / "chain.pem").write_text(pem_of(container.ca.chain_to_root("mo-sub2")))
        checked = subprocess.run(
            [
                *("openssl", "ocsp", "-respin", str(folder / "resp.der")),
                *("-issuer", str(folder / "issuer.pem"), "-sha256"),
                *("-serial", f"0x{issued.certificate.serial_number:x}"),
                *("-CAfile", str(folder / "chain.pem")),
            ],
            capture_output=True,
            text=True,
        )
    assert "Response verify OK" in checked.stderr + checked.stdout, checked
    assert ": good" in checked.stdout, checked.stdout
    assert started.id_tag_info["status"] == "Accepted"
    with ocpp.container.transaction() as session:
        record = session.scalar(
            select(TransactionRecord).where(TransactionRecord.station_id == "V16-PNC")
        )
        assert record is not None
        assert record.transaction_id == str(started.transaction_id)
        assert (record.id_token, record.id_token_type) == (emaid, "eMAID")
        assert record.verified is True, record.unverified_reason


def test_1_6_commands_through_the_api_reach_the_station_in_its_version(ocpp) -> None:  # type: ignore[no-untyped-def]
    """RemoteStartTransaction, GetConfiguration of the PnC keys and ChangeConfiguration
    (ISO15118PnCEnabled: an operator's command) through the REST API, answered by the `ocpp`
    package's 1.6 charge point, which checks them against its 1.6 schemas; a 2.0.1-only
    command to a 1.6 station is refused, not sent."""
    import httpx

    from csms.app import create_app
    from csms.ocpp.commands import is_security_relevant
    from tests.ocpp.conftest import API
    from tests.pki.server import serving

    assert is_security_relevant("ChangeConfiguration", {"key": "iso15118pncenabled", "value": "1"})
    assert is_security_relevant("ChangeConfiguration", {"key": "AuthorizationKey", "value": "x"})
    assert not is_security_relevant("ChangeConfiguration", {"key": "MeterValueSampleInterval"})
    assert not is_security_relevant("GetConfiguration", {"key": ["ISO15118PnCEnabled"]})

    ocpp.add("V16-CMD")
    seen: list[tuple[str, dict[str, Any]]] = []

    class Commanded(Station16):
        @on("RemoteStartTransaction")
        def on_remote_start(self, id_tag: str, **rest: Any) -> call_result.RemoteStartTransaction:
            seen.append(("RemoteStartTransaction", {"id_tag": id_tag, **rest}))
            return call_result.RemoteStartTransaction(status="Accepted")

        @on("GetConfiguration")
        def on_get_configuration(self, key: list[str] | None = None) -> Any:
            seen.append(("GetConfiguration", {"key": key}))
            return call_result.GetConfiguration(
                configuration_key=[
                    {"key": k, "readonly": False, "value": "true"} for k in key or []
                ]
            )

        @on("ChangeConfiguration")
        def on_change_configuration(self, key: str, value: str) -> Any:
            seen.append(("ChangeConfiguration", {"key": key, "value": value}))
            return call_result.ChangeConfiguration(status="Accepted")

    async def run(base: str) -> list[httpx.Response]:
        token = base64.b64encode(f"V16-CMD:{PASSWORD}".encode()).decode()
        async with connect(
            ocpp.ws_url("V16-CMD"),
            subprotocols=["ocpp1.6"],  # type: ignore[list-item]
            additional_headers={"Authorization": f"Basic {token}"},
        ) as ws:
            cp = Commanded("V16-CMD", ws)
            task = asyncio.create_task(cp.start())
            await boot(cp)
            url = f"{base}/api/v1/stations/V16-CMD/commands"
            answers = []
            async with httpx.AsyncClient(headers=API, timeout=30) as client:
                for action, payload in (
                    ("RemoteStartTransaction", {"connectorId": 1, "idTag": "RFID-REMOTE"}),
                    ("GetConfiguration", {"key": ["ISO15118PnCEnabled", "CertSigningWaitMinimum"]}),
                    ("ChangeConfiguration", {"key": "ISO15118PnCEnabled", "value": "true"}),
                    (
                        "RequestStartTransaction",
                        {"idToken": {"idToken": "X", "type": "Central"}, "remoteStartId": 1},
                    ),
                ):
                    answers.append(await client.post(f"{url}/{action}", json=payload))
            task.cancel()
            return answers

    with serving(create_app(ocpp.container)) as base:
        answers = run_async(run(base))
    assert [a.status_code for a in answers[:3]] == [200, 200, 200], [a.text for a in answers]
    assert answers[0].json()["response"] == {"status": "Accepted"}
    keys = {k["key"]: k["value"] for k in answers[1].json()["response"]["configurationKey"]}
    assert keys == {"ISO15118PnCEnabled": "true", "CertSigningWaitMinimum": "true"}
    assert answers[2].json()["response"] == {"status": "Accepted"}
    assert answers[3].status_code >= 400  # not a 1.6 action: never sent
    assert [name for name, _ in seen] == [
        "RemoteStartTransaction",
        "GetConfiguration",
        "ChangeConfiguration",
    ]


def test_install_roots_reaches_a_1_6_station_inside_the_pnc_data_transfer(ocpp) -> None:  # type: ignore[no-untyped-def]
    """The V2G and MO roots exist for a 1.6 station only inside the PnC envelope (the
    whitepaper's InstallCertificate knows two other root types): the same route that installs
    them on a 2.0.1 station sends them wrapped; a first-class 1.6 InstallCertificate (the
    whitepaper's CentralSystemRootCertificate) still goes as itself."""
    import httpx

    from csms.app import create_app
    from pki.authority import pem_of
    from tests.ocpp.conftest import API
    from tests.pki.server import serving

    ocpp.add("V16-ROOTS")
    first_class: list[str] = []

    class Installing(Station16):
        @on("InstallCertificate")
        def on_install(self, certificate_type: str, certificate: str) -> Any:
            first_class.append(certificate_type)
            return call_result.InstallCertificate(status="Accepted")

    async def run(base: str) -> tuple[httpx.Response, httpx.Response, list[Any]]:
        token = base64.b64encode(f"V16-ROOTS:{PASSWORD}".encode()).decode()
        async with connect(
            ocpp.ws_url("V16-ROOTS"),
            subprotocols=["ocpp1.6"],  # type: ignore[list-item]
            additional_headers={"Authorization": f"Basic {token}"},
        ) as ws:
            cp = Installing("V16-ROOTS", ws)
            task = asyncio.create_task(cp.start())
            await boot(cp)
            async with httpx.AsyncClient(headers=API, timeout=30) as client:
                roots = await client.post(f"{base}/api/v1/stations/V16-ROOTS/install-roots")
                csms_root = pem_of([ocpp.container.ca.authority("v2g-root").certificate])
                plain = await client.post(
                    f"{base}/api/v1/stations/V16-ROOTS/commands/InstallCertificate",
                    json={
                        "certificateType": "CentralSystemRootCertificate",
                        "certificate": csms_root,
                    },
                )
            wrapped = []
            while not cp.wrapped.empty():
                wrapped.append(cp.wrapped.get_nowait())
            task.cancel()
            return roots, plain, wrapped

    with serving(create_app(ocpp.container)) as base:
        roots, plain, wrapped = run_async(run(base))
    assert roots.status_code == 200, roots.text
    assert [(m, inner["certificateType"]) for m, inner in wrapped] == [
        ("InstallCertificate", "V2GRootCertificate"),
        ("InstallCertificate", "MORootCertificate"),
    ]
    assert plain.status_code == 200, plain.text
    assert first_class == ["CentralSystemRootCertificate"]


def test_pnc_configuration_in_one_vocabulary_for_1_6_and_2_0_1(ocpp) -> None:  # type: ignore[no-untyped-def]
    """An operator reads and turns on Plug & Charge for a 1.6 station (configuration keys, the
    `ocpp` package's v16 charge point) and a 2.0.1 one (ISO15118Ctrlr / SecurityCtrlr variables,
    its v201 charge point) through the same route and the same names."""
    import httpx
    from ocpp.v201 import ChargePoint as ChargePoint201
    from ocpp.v201 import call as call201
    from ocpp.v201 import call_result as result201

    from csms.app import create_app
    from tests.ocpp.conftest import API
    from tests.pki.server import serving

    keys16 = {"ISO15118PnCEnabled": "false", "CertSigningWaitMinimum": "60"}
    variables: dict[tuple[str, str], str] = {("ISO15118Ctrlr", "PnCEnabled"): "false"}

    class Configured16(Station16):
        @on("GetConfiguration")
        def on_get(self, key: list[str] | None = None) -> Any:
            known = [k for k in key or [] if k in keys16]
            return call_result.GetConfiguration(
                configuration_key=[
                    {"key": k, "readonly": False, "value": keys16[k]} for k in known
                ],
                unknown_key=[k for k in key or [] if k not in keys16],
            )

        @on("ChangeConfiguration")
        def on_change(self, key: str, value: str) -> Any:
            keys16[key] = value
            return call_result.ChangeConfiguration(status="Accepted")

    class Configured201(ChargePoint201):
        @on("GetVariables")
        def on_get(self, get_variable_data: list[dict[str, Any]]) -> Any:
            results = []
            for item in get_variable_data:
                where = (item["component"]["name"], item["variable"]["name"])
                found = variables.get(where)
                results.append(
                    {
                        "attribute_status": "Accepted" if found is not None else "UnknownVariable",
                        "component": item["component"],
                        "variable": item["variable"],
                        **({"attribute_value": found} if found is not None else {}),
                    }
                )
            return result201.GetVariables(get_variable_result=results)

        @on("SetVariables")
        def on_set(self, set_variable_data: list[dict[str, Any]]) -> Any:
            results = []
            for item in set_variable_data:
                variables[(item["component"]["name"], item["variable"]["name"])] = item[
                    "attribute_value"
                ]
                results.append(
                    {
                        "attribute_status": "Accepted",
                        "component": item["component"],
                        "variable": item["variable"],
                    }
                )
            return result201.SetVariables(set_variable_result=results)

    ocpp.add("V16-PNCCFG")
    ocpp.add("V201-PNCCFG")

    async def run(base: str) -> list[dict[str, Any]]:
        out = []
        for station_id, subprotocol, make in (
            ("V16-PNCCFG", "ocpp1.6", Configured16),
            ("V201-PNCCFG", "ocpp2.0.1", Configured201),
        ):
            token = base64.b64encode(f"{station_id}:{PASSWORD}".encode()).decode()
            async with connect(
                ocpp.ws_url(station_id),
                subprotocols=[subprotocol],  # type: ignore[list-item]
                additional_headers={"Authorization": f"Basic {token}"},
            ) as ws:
                cp = make(station_id, ws)
                task = asyncio.create_task(cp.start())
                if subprotocol == "ocpp1.6":
                    await boot(cp)
                else:
                    await cp.call(
                        call201.BootNotification(
                            charging_station={"model": "M", "vendor_name": "V"}, reason="PowerUp"
                        )
                    )
                url = f"{base}/api/v1/stations/{station_id}/pnc-configuration"
                async with httpx.AsyncClient(headers=API, timeout=30) as client:
                    before = (await client.get(url)).json()
                    changed = await client.patch(url, json={"pnc_enabled": True})
                    bad = await client.patch(url, json={"pnc_enabled": "yes"})
                    after = (await client.get(url)).json()
                task.cancel()
            out.append({"before": before, "changed": changed.json(), "bad": bad.status_code,
                        "after": after})  # fmt: skip
        return out

    with serving(create_app(ocpp.container)) as base:
        v16, v201 = run_async(run(base))
    assert v16["before"]["ocpp_version"] == "1.6"
    assert v16["before"]["settings"]["pnc_enabled"] is False
    assert v16["before"]["settings"]["cert_signing_wait_minimum"] == 60
    assert v16["before"]["settings"]["contract_validation_offline"] is None  # unknown key
    assert v16["changed"]["statuses"] == {"pnc_enabled": "Accepted"}
    assert (
        v16["after"]["settings"]["pnc_enabled"] is True and keys16["ISO15118PnCEnabled"] == "true"
    )
    assert v201["before"]["ocpp_version"] == "2.0.1"
    assert v201["before"]["settings"]["pnc_enabled"] is False
    assert v201["changed"]["statuses"] == {"pnc_enabled": "Accepted"}
    assert v201["after"]["settings"]["pnc_enabled"] is True
    assert variables[("ISO15118Ctrlr", "PnCEnabled")] == "true"
    assert v16["bad"] == 422 and v201["bad"] == 422


def test_security_profile_upgrade_of_a_1_6_station(ocpp) -> None:  # type: ignore[no-untyped-def]
    """The whitepaper's upgrade: the operator raises a profile-1 station to 2; the station
    agrees to ChangeConfiguration(SecurityProfile); from then on it is let in over TLS only.
    Not higher, or not ready (profile 3 without an accepted charging station certificate):
    refused with the reason, nothing sent."""
    import httpx
    from websockets.exceptions import InvalidStatus

    from csms.app import create_app
    from csms.ocpp.db import StationRecord
    from tests.ocpp.client import call as raw_call
    from tests.ocpp.client import open_station
    from tests.ocpp.conftest import API
    from tests.pki.server import serving

    ocpp.add("V16-UP")
    asked: list[tuple[str, str]] = []

    class Upgradable(Station16):
        @on("ChangeConfiguration")
        def on_change(self, key: str, value: str) -> Any:
            asked.append((key, value))
            return call_result.ChangeConfiguration(status="Accepted")

    async def run(base: str) -> list[httpx.Response]:
        token = base64.b64encode(f"V16-UP:{PASSWORD}".encode()).decode()
        async with connect(
            ocpp.ws_url("V16-UP"),
            subprotocols=["ocpp1.6"],  # type: ignore[list-item]
            additional_headers={"Authorization": f"Basic {token}"},
        ) as ws:
            cp = Upgradable("V16-UP", ws)
            task = asyncio.create_task(cp.start())
            await boot(cp)
            url = f"{base}/api/v1/stations/V16-UP/security-profile"
            async with httpx.AsyncClient(headers=API, timeout=30) as client:
                answers = [
                    await client.post(url, json={"security_profile": 3}),  # no certificate
                    await client.post(url, json={"security_profile": 2}),
                    await client.post(url, json={"security_profile": 2}),  # not higher now
                ]
            task.cancel()
            return answers

    with serving(create_app(ocpp.container)) as base:
        not_ready, upgraded, again = run_async(run(base))
    assert not_ready.status_code == 409 and "certificate" in not_ready.text
    assert upgraded.status_code == 200, upgraded.text
    assert upgraded.json() == {"security_profile": 2, "status": "Accepted"}
    assert again.status_code == 409
    assert asked == [("SecurityProfile", "2")]  # only the accepted upgrade was sent
    with ocpp.container.transaction() as session:
        record = session.get(StationRecord, "V16-UP")
        assert record is not None and record.security_profile == 2
    # Its next connection must use profile 2: plain WebSocket is refused, TLS + Basic is in.
    with pytest.raises(InvalidStatus) as refused:
        open_station(ocpp.ws_url("V16-UP"), "V16-UP", subprotocols=("ocpp1.6",))
    assert refused.value.response.status_code == 403
    context = ocpp.client_context()
    context.check_hostname = False
    with open_station(
        ocpp.wss_url("V16-UP"), "V16-UP", ssl_context=context, subprotocols=("ocpp1.6",)
    ) as ws:
        boot16 = {"chargePointVendor": "UzPnC", "chargePointModel": "Uz-16"}
        assert raw_call(ws, "BootNotification", boot16)[2]["status"] == "Accepted"


def test_renewal_triggers_reach_a_1_6_station_in_its_carriage(ocpp) -> None:  # type: ignore[no-untyped-def]
    """The renewal the CSMS starts (csms/ocpp/server.py `_renew`): for the charge point
    certificate the whitepaper's ExtendedTriggerMessage(SignChargePointCertificate), for the V2G
    certificate TriggerMessage(SignV2GCertificate) inside the PnC DataTransfer."""
    from csms.ocpp.server import trigger_certificate_request

    ocpp.add("V16-TRIG")
    extended: list[str] = []

    class Triggered(Station16):
        @on("ExtendedTriggerMessage")
        def on_extended(self, requested_message: str, **_: Any) -> Any:
            extended.append(requested_message)
            return call_result.ExtendedTriggerMessage(status="Accepted")

    hub = ocpp.container.ocpp.hub

    async def run() -> list[dict[str, Any]]:
        token = base64.b64encode(f"V16-TRIG:{PASSWORD}".encode()).decode()
        async with connect(
            ocpp.ws_url("V16-TRIG"),
            subprotocols=["ocpp1.6"],  # type: ignore[list-item]
            additional_headers={"Authorization": f"Basic {token}"},
        ) as ws:
            cp = Triggered("V16-TRIG", ws)
            task = asyncio.create_task(cp.start())
            await boot(cp)
            conn = hub.connection("V16-TRIG")
            assert conn is not None
            answers = [
                await hub.run(trigger_certificate_request(conn, requested))
                for requested in ("SignChargingStationCertificate", "SignV2GCertificate")
            ]
            wrapped = [cp.wrapped.get_nowait() for _ in range(cp.wrapped.qsize())]
            task.cancel()
            return [*answers, {"wrapped": wrapped}]

    station_answer, v2g_answer, seen = run_async(run())
    assert extended == ["SignChargePointCertificate"]
    assert station_answer == {"status": "Accepted"}
    assert seen["wrapped"] == [("TriggerMessage", {"requestedMessage": "SignV2GCertificate"})]
    assert v2g_answer == {"status": "Accepted"}
