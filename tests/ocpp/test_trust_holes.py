"""What a hostile station or technician could do to the OCPP core before issue 12, and can
no more: items 2 (SECC certificates bound to the asking station), 3 (revocation checks fail
closed), 6 (stations cannot fabricate sessions) and 8 (station commands allowed per role and
audited). Every test here runs against a real OCPP server over real WebSockets (and TLS for
profile 2), and each one fails on the code before issue 12 (each docstring says how).
"""

from __future__ import annotations

import json
import threading
from typing import Any

import httpx
import pytest
from click.testing import CliRunner
from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import ec
from sqlalchemy import select
from websockets.exceptions import InvalidStatus

from auth.audit import AuditFilter, find_events
from auth.principal import Principal
from auth.users import add_user
from csms.app import create_app
from csms.cli import main
from csms.ocpp.certificates import CHARGING_STATION, StationCertificates
from csms.ocpp.db import TransactionRecord
from csms.ocpp.stations import StationError
from tests.ocpp.client import boot, call, open_station
from tests.ocpp.conftest import API
from tests.ocpp.tlsutil import own_client_cert
from tests.pki.helpers import make_csr
from tests.pki.server import serving

pytestmark = pytest.mark.postgres

OPERATOR = Principal.system("test")
PERSON_PASSWORD = "correct horse battery staple"


def sign_v2g(ws, ocpp, cn: str) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    csr = make_csr(
        ec.generate_private_key(ec.SECP256R1()), cn=cn, o=ocpp.container.settings.organization
    )
    answer = call(ws, "SignCertificate", {"csr": csr.decode(), "certificateType": "V2GCertificate"})
    assert answer[0] == 3, answer
    return answer[2]  # type: ignore[no-any-return]


def next_frame(ws) -> list[Any]:  # type: ignore[no-untyped-def]
    return json.loads(ws.recv(timeout=15))  # type: ignore[no-any-return]


# --- item 2: SECC certificates are bound to the station that asks --------------------------------


def test_v2g_certificates_only_for_the_stations_own_evse_ids_and_only_over_tls(ocpp) -> None:
    """Before issue 12 every request below was Accepted: a profile-1 station got V2G
    certificates for any CN, one after the other (60 in 1.3 s)."""
    ocpp.add("TH-P1", evse_ids=["UZ*THA*E1*1"])
    with open_station(ocpp.ws_url("TH-P1"), "TH-P1") as ws:
        boot(ws)
        plain = sign_v2g(ws, ocpp, "UZ*THA*E1*1")
        assert plain["status"] == "Rejected"
        assert plain["statusInfo"]["reasonCode"] == "InsecureConnection"
        assert call(ws, "Heartbeat", {})[0] == 3  # no CertificateSigned came in between

    ocpp.add("TH-P2", profile=2, evse_ids=["UZ*THA*E2*1", "UZ*THA*E2*2"])
    context = ocpp.client_context()
    context.check_hostname = False
    with open_station(ocpp.wss_url("TH-P2"), "TH-P2", ssl_context=context) as ws:
        boot(ws)
        # Another partner's charger, or any CN not registered for this station: refused.
        for cn in ("UZ*OTH*E17", "UZ*THA*E1*1"):
            other = sign_v2g(ws, ocpp, cn)
            assert other["status"] == "Rejected", cn
            assert other["statusInfo"]["reasonCode"] == "UnknownEvseId"
        own = sign_v2g(ws, ocpp, "UZ*THA*E2*1")
        assert own["status"] == "Accepted"
        signed = next_frame(ws)
        assert signed[2] == "CertificateSigned"
        leaf = x509.load_pem_x509_certificates(signed[3]["certificateChain"].encode())[0]
        cn = leaf.subject.get_attributes_for_oid(x509.NameOID.COMMON_NAME)[0].value
        assert cn == "UZ*THA*E2*1"
        # One outstanding request per type: the next waits for the answer to CertificateSigned.
        again = sign_v2g(ws, ocpp, "UZ*THA*E2*2")
        assert again["status"] == "Rejected"
        assert again["statusInfo"]["reasonCode"] == "RequestPending"


def test_an_operator_may_let_a_profile_1_station_have_v2g_certificates(ocpp) -> None:
    """The explicit exception (refused for everyone before issue 12 had no such flag; the
    request was simply Accepted)."""
    ocpp.add("TH-ALLOW", evse_ids=["UZ*THA*E3*1"], allow_v2g_without_tls=True)
    with open_station(ocpp.ws_url("TH-ALLOW"), "TH-ALLOW") as ws:
        boot(ws)
        assert sign_v2g(ws, ocpp, "UZ*THA*E3*1")["status"] == "Accepted"


def test_station_certificates_are_rate_limited_per_station(ocpp) -> None:
    """Before issue 12 there was no limit. Here each request is answered (so none is
    outstanding) and the third within the hour is refused."""
    ocpp.add("TH-RATE")
    certificates = StationCertificates(
        ocpp.container.ca, ocpp.container.settings.organization, requests_per_hour=2
    )
    outcomes = []
    for _ in range(3):
        csr = make_csr(
            ec.generate_private_key(ec.SECP256R1()),
            cn="TH-RATE",
            o=ocpp.container.settings.organization,
        ).decode()
        with ocpp.container.transaction() as session:
            station = ocpp.container.ocpp.registry.get(session, "TH-RATE")
            assert station is not None
            outcome = certificates.sign(session, station, csr, CHARGING_STATION)
            if outcome.record_id is not None:
                certificates.answered(session, "TH-RATE", outcome.record_id, "Accepted")
        outcomes.append(outcome)
    assert [o.accepted for o in outcomes] == [True, True, False]
    assert outcomes[2].reason == "TooManyRequests"


def test_an_evse_id_belongs_to_one_station_at_every_door(ocpp, monkeypatch) -> None:
    """Before issue 12 there were no EVSE IDs to register: `--evse-id` was an unknown option
    and the REST field was ignored."""
    ocpp.add("TH-OWNER", evse_ids=["UZ*THB*E1"])
    registry = ocpp.container.ocpp.registry
    with pytest.raises(StationError) as taken, ocpp.container.transaction() as session:
        registry.add(session, "TH-THIEF", security_profile=2, evse_ids=["uz*thb*e1"], actor="t")
    assert taken.value.code == "evse_id_taken"

    settings = ocpp.container.settings
    for name in ("database_url", "data_dir", "key_passphrase", "key_label_prefix"):
        monkeypatch.setenv(f"CSMS_{name.upper()}", str(getattr(settings, name)))
    runner = CliRunner()
    refused = runner.invoke(
        main, ["station", "add", "TH-CLI", "--security-profile", "2", "--evse-id", "UZ*THB*E1"]
    )
    assert refused.exit_code == 1
    assert refused.output.startswith("error: ") and "[evse_id_taken]" in refused.output
    added = runner.invoke(
        main, ["station", "add", "TH-CLI", "--security-profile", "2", "--evse-id", "UZ*THB*E2"]
    )
    assert added.exit_code == 0, added.output
    changed = runner.invoke(
        main, ["station", "set", "TH-CLI", "--evse-id", "UZ*THB*E3", "--allow-v2g-without-tls"]
    )
    assert changed.exit_code == 0, changed.output
    with ocpp.container.transaction() as session:
        station = registry.get(session, "TH-CLI")
    assert station is not None and station.evse_ids == ("UZ*THB*E3",)
    assert station.allow_v2g_without_tls is True

    with serving(create_app(ocpp.container)) as base:
        conflict = httpx.patch(
            f"{base}/api/v1/stations/TH-CLI",
            headers=API,
            json={"evse_ids": ["UZ*THB*E1"]},
            timeout=10,
        )
        assert conflict.status_code == 409, conflict.text
        created = httpx.post(
            f"{base}/api/v1/stations",
            headers=API,
            json={"id": "TH-REST", "security_profile": 2, "evse_ids": ["UZ*THB*E1"]},
            timeout=10,
        )
        assert created.status_code == 409, created.text
        created = httpx.post(
            f"{base}/api/v1/stations",
            headers=API,
            json={"id": "TH-REST", "security_profile": 2, "evse_ids": ["UZ*THB*E4"]},
            timeout=10,
        )
        assert created.status_code == 201, created.text
        assert created.json()["evse_ids"] == ["UZ*THB*E4"]


# --- item 3: revocation checks fail closed -----------------------------------------------------


def test_a_revocation_lookup_that_fails_refuses_the_station(ocpp, tmp_path, monkeypatch) -> None:
    """When issue 12 was filed (csms/ocpp/auth.py) the lookup's exception became "unknown",
    the path passed, and the station connected with a certificate whose revocation nobody
    checked; after the restructuring it was an unrecorded 500. Now: 503 with Retry-After, and
    the refusal recorded."""
    ocpp.add("TH-P3", profile=3)
    cert, key, _ = own_client_cert(ocpp.container, tmp_path, "TH-P3")
    context = ocpp.client_context(cert, key)
    context.check_hostname = False
    with open_station(ocpp.wss_url("TH-P3"), ssl_context=context, password=None) as ws:
        assert boot(ws)[2]["status"] == "Accepted"  # the lookup works: the station is in

    from pki.status_reader import StatusReader

    def unreachable(self, serial_hex: str, issuer_ca: str) -> None:  # type: ignore[no-untyped-def]
        raise ConnectionError("the database does not answer")

    monkeypatch.setattr(StatusReader, "read", unreachable)
    with pytest.raises(InvalidStatus) as refused:
        open_station(ocpp.wss_url("TH-P3"), ssl_context=context, password=None)
    assert refused.value.response.status_code == 503
    assert refused.value.response.headers["Retry-After"]
    reasons = [r.reason for r in ocpp.server.refusals if r.station_id == "TH-P3"]
    assert reasons[-1] == "the credentials could not be checked"


def test_a_certificate_our_ca_signed_but_never_recorded_is_not_trusted(ocpp) -> None:
    """Before issue 12 a certificate under one of our CAs whose issuance record is not
    `issued` (here: marked failed, as a crash between signature and completion leaves it)
    was "unknown" to the revocation check, and unknown passed."""
    from pki.db import CertificateRecord
    from pki.status_reader import own_revocation_checker
    from pki.validation import RevocationState

    container = ocpp.container
    key = ec.generate_private_key(ec.SECP256R1())
    with container.transaction() as session:
        issued = container.ca.issue_from_csr(
            session,
            make_csr(key, cn="TH-X", o=container.settings.organization),
            "charging-station",
            actor="test",
        )
    issuer = container.ca.authority("cpo-sub2").certificate
    check = own_revocation_checker(container.ca, container.status_reader)
    assert check(issued.certificate, issuer) is RevocationState.GOOD
    with container.transaction() as session:
        record = session.scalar(
            select(CertificateRecord).where(CertificateRecord.serial_hex == issued.serial_hex)
        )
        assert record is not None
        record.status = "failed"
    assert check(issued.certificate, issuer) is RevocationState.REVOKED


# --- item 6: stations cannot fabricate sessions ------------------------------------------------


def _tx(tx_id: str, event: str, seq: int, timestamp: str, **extra: Any) -> dict[str, Any]:
    return {
        "eventType": event,
        "timestamp": timestamp,
        "triggerReason": "Authorized" if event == "Started" else "MeterValuePeriodic",
        "seqNo": seq,
        "transactionInfo": {"transactionId": tx_id},
        "evse": {"id": 1, "connectorId": 1},
        **extra,
    }


def _meter(timestamp: str, wh: float) -> list[dict[str, Any]]:
    return [
        {
            "timestamp": timestamp,
            "sampledValue": [{"value": wh, "measurand": "Energy.Active.Import.Register"}],
        }
    ]


def _driver_with_contract(ocpp, username: str, pcid: str):  # type: ignore[no-untyped-def]
    container = ocpp.container
    with container.transaction() as session:
        add_user(session, container.policy, username, role="client", actor="test")
        contract = container.contracts.create(session, OPERATOR, owner=username, pcid=pcid)
    with container.transaction() as session:
        issued = container.ca.issue_for_key(
            session,
            ec.generate_private_key(ec.SECP256R1()).public_key(),
            "contract",
            common_name=contract.emaid,
            actor="test",
        )
    return contract, issued


def _transactions(ocpp, principal: Principal | None = None) -> dict[str, TransactionRecord]:  # type: ignore[no-untyped-def]
    with ocpp.container.transaction() as session:
        if principal is None:
            rows = list(session.scalars(select(TransactionRecord)))
        else:
            rows = ocpp.container.stations.sessions(session, principal)
        for row in rows:
            session.expunge(row)
    return {row.transaction_id: row for row in rows}


def test_a_session_credited_to_a_driver_must_follow_an_accepted_authorize(ocpp) -> None:
    """Before issue 12 every TransactionEvent below was recorded as the driver's session, the
    123,456,789 Wh one included."""
    contract, issued = _driver_with_contract(ocpp, "th-driver", "ZZTHDRIVER0000001")
    driver = Principal("th-driver", None, None, ("client",))
    token = {"idToken": contract.emaid, "type": "eMAID"}
    ocpp.add("TH-TX")
    with open_station(ocpp.ws_url("TH-TX"), "TH-TX") as ws:
        boot(ws)
        # Forged: no Authorize at all.
        call(
            ws,
            "TransactionEvent",
            _tx(
                "FORGED",
                "Started",
                0,
                "2026-03-01T10:00:00Z",
                idToken=token,
                meterValue=_meter("2026-03-01T10:00:00Z", 0),
            ),
        )
        call(
            ws,
            "TransactionEvent",
            _tx(
                "FORGED",
                "Ended",
                1,
                "2026-03-01T10:30:00Z",
                meterValue=_meter("2026-03-01T10:30:00Z", 20_000),
            ),
        )

        # eMAID alone (no certificate, no hash data): refused by default for Plug & Charge.
        emaid_only = call(ws, "Authorize", {"idToken": token})
        assert emaid_only[2]["idTokenInfo"]["status"] == "Invalid"
        call(
            ws,
            "TransactionEvent",
            _tx("EMAID-ONLY", "Started", 0, "2026-03-01T11:00:00Z", idToken=token),
        )

        # Honest: Authorize with the contract certificate, then the session.
        accepted = call(ws, "Authorize", {"idToken": token, "certificate": issued.pem_chain()})
        assert accepted[2]["idTokenInfo"]["status"] == "Accepted"
        call(
            ws,
            "TransactionEvent",
            _tx(
                "HONEST",
                "Started",
                0,
                "2026-03-01T12:00:00Z",
                idToken=token,
                meterValue=_meter("2026-03-01T12:00:00Z", 1_000),
            ),
        )
        call(
            ws,
            "TransactionEvent",
            _tx(
                "HONEST",
                "Ended",
                1,
                "2026-03-01T12:30:00Z",
                meterValue=_meter("2026-03-01T12:30:00Z", 21_000),
            ),
        )

        # Authorized, but the meter says 123,456,789 Wh in half an hour; and one that runs back.
        call(ws, "Authorize", {"idToken": token, "certificate": issued.pem_chain()})
        call(
            ws,
            "TransactionEvent",
            _tx(
                "HUGE",
                "Started",
                0,
                "2026-03-01T13:00:00Z",
                idToken=token,
                meterValue=_meter("2026-03-01T13:00:00Z", 0),
            ),
        )
        call(
            ws,
            "TransactionEvent",
            _tx(
                "HUGE",
                "Ended",
                1,
                "2026-03-01T13:30:00Z",
                meterValue=_meter("2026-03-01T13:30:00Z", 123_456_789),
            ),
        )
        call(
            ws,
            "TransactionEvent",
            _tx(
                "BACK",
                "Started",
                0,
                "2026-03-01T14:00:00Z",
                idToken=token,
                meterValue=_meter("2026-03-01T14:00:00Z", 5_000),
            ),
        )
        call(
            ws,
            "TransactionEvent",
            _tx(
                "BACK",
                "Updated",
                1,
                "2026-03-01T14:10:00Z",
                meterValue=_meter("2026-03-01T14:10:00Z", 1_000),
            ),
        )

    every = _transactions(ocpp)
    assert {t: (r.verified, r.unverified_reason) for t, r in every.items()} == {
        "FORGED": (False, "no_authorization"),
        "EMAID-ONLY": (False, "no_authorization"),
        "HONEST": (True, None),
        "HUGE": (False, "meter_implausible"),
        "BACK": (False, "meter_backwards"),
    }
    # The driver's history holds only the honest session; the operator still sees them all.
    assert set(_transactions(ocpp, driver)) == {"HONEST"}
    assert set(_transactions(ocpp, OPERATOR)) == set(every)


# --- item 8: station commands are allowed per role and audited -----------------------------------


def _login(base: str, username: str) -> dict[str, str]:
    answer = httpx.post(
        f"{base}/api/v1/auth/token",
        data={"username": username, "password": PERSON_PASSWORD},
        timeout=30,
    )
    assert answer.status_code == 200, answer.text
    return {"Authorization": f"Bearer {answer.json()['access_token']}"}


def test_security_commands_are_for_admins_and_every_command_is_audited(ocpp) -> None:
    """Before issue 12 the technician's InstallCertificate of a rogue root reached the station
    (and nothing was audited)."""
    container = ocpp.container
    with container.transaction() as session:
        add_user(
            session,
            container.policy,
            "th-tech",
            role="technician",
            password=PERSON_PASSWORD,
            actor="test",
        )
        add_user(
            session,
            container.policy,
            "th-admin",
            role="admin",
            password=PERSON_PASSWORD,
            actor="test",
        )
    ocpp.add("TH-CMD")
    rogue = {
        "certificateType": "CSMSRootCertificate",
        "certificate": "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n",
    }
    downgrade = {
        "setVariableData": [
            {
                "component": {"name": "SecurityCtrlr"},
                "variable": {"name": "SecurityProfile"},
                "attributeValue": "1",
            }
        ]
    }
    with (
        serving(create_app(container)) as base,
        open_station(ocpp.ws_url("TH-CMD"), "TH-CMD") as ws,
    ):
        boot(ws)
        tech, admin = _login(base, "th-tech"), _login(base, "th-admin")

        def post(headers: dict[str, str], action: str, body: object) -> httpx.Response:
            return httpx.post(
                f"{base}/api/v1/stations/TH-CMD/commands/{action}",
                headers=headers,
                json=body,
                timeout=30,
            )

        for action, body in (
            ("InstallCertificate", rogue),
            ("SetVariables", downgrade),
            ("SetNetworkProfile", {"configurationSlot": 1, "connectionData": {}}),
        ):
            assert post(tech, action, body).status_code == 403, action
        assert post(tech, "Hack", {}).status_code == 404  # not a call a CSMS sends
        assert call(ws, "Heartbeat", {})[0] == 3  # no CALL reached the station meanwhile

        answers: dict[str, httpx.Response] = {}

        def send(name: str, headers: dict[str, str], action: str, body: object) -> None:
            answers[name] = post(headers, action, body)

        # Operational commands stay the technician's; the admin may send the security ones.
        for name, headers, action, body in (
            ("reset", tech, "Reset", {"type": "Immediate"}),
            ("install", admin, "InstallCertificate", rogue),
        ):
            thread = threading.Thread(target=send, args=(name, headers, action, body))
            thread.start()
            frame = next_frame(ws)
            assert frame[0] == 2 and frame[2] == action
            ws.send(
                json.dumps([3, frame[1], {"status": "Accepted" if name == "reset" else "Rejected"}])
            )
            thread.join(30)
            assert answers[name].status_code == 200, answers[name].text

    with container.transaction() as session:
        refused = find_events(session, AuditFilter(action="station.command_refused"))
        sent = find_events(session, AuditFilter(action="station.command"))
    assert sorted(e.details["command"] for e in refused if e.actor == "user:th-tech") == [
        "InstallCertificate",
        "SetNetworkProfile",
        "SetVariables",
    ]
    by_command = {e.details["command"]: e for e in sent if e.action == "station.command"}
    assert by_command["Reset"].actor == "user:th-tech"
    assert by_command["Reset"].details["station"] == "TH-CMD"
    assert by_command["Reset"].details["outcome"] == "Accepted"
    assert by_command["Reset"].details["payload"] == {"type": "Immediate"}
    assert by_command["InstallCertificate"].actor == "user:th-admin"
    assert by_command["InstallCertificate"].details["outcome"] == "Rejected"
