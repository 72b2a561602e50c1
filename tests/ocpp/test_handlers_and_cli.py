"""What the handlers store (status, security events, transactions), seen through the REST
API, and the `csms station` command line."""

from __future__ import annotations

import httpx
import pytest
from click.testing import CliRunner

from csms.app import create_app
from csms.cli import main
from tests.ocpp.client import boot, call, open_station
from tests.ocpp.conftest import API
from tests.pki.server import serving

pytestmark = pytest.mark.postgres


def tx_event(event_type: str, seq: int, **extra: object) -> dict[str, object]:
    return {
        "eventType": event_type,
        "timestamp": f"2026-03-01T10:0{seq}:00Z",
        "triggerReason": "Authorized" if event_type == "Started" else "MeterValuePeriodic",
        "seqNo": seq,
        "transactionInfo": {"transactionId": "TX-1", **extra.pop("info", {})},  # type: ignore[dict-item]
        **extra,
    }


def meter(wh: float) -> list[dict[str, object]]:
    return [
        {
            "timestamp": "2026-03-01T10:00:00Z",
            "sampledValue": [{"value": wh, "measurand": "Energy.Active.Import.Register"}],
        }
    ]


def test_session_status_and_security_events_are_recorded(ocpp) -> None:
    ocpp.add_partner("UzCharge")
    ocpp.add("H1", partner="UzCharge")
    with serving(create_app(ocpp.container)) as base, open_station(ocpp.ws_url("H1"), "H1") as ws:
        boot(ws)
        status = {
            "timestamp": "2026-03-01T09:59:00Z",
            "connectorStatus": "Occupied",
            "evseId": 1,
            "connectorId": 1,
        }
        assert call(ws, "StatusNotification", status)[2] == {}
        started = call(
            ws,
            "TransactionEvent",
            tx_event(
                "Started",
                1,
                idToken={"idToken": "UZUPCC000000017", "type": "eMAID"},
                evse={"id": 1, "connectorId": 1},
                meterValue=meter(1000),
                info={"chargingState": "Charging"},
            ),
        )
        assert started[0] == 3 and "idTokenInfo" not in started[2]
        assert call(ws, "TransactionEvent", tx_event("Updated", 2, meterValue=meter(4500)))[0] == 3
        ended = tx_event(
            "Ended", 3, meterValue=meter(7250), info={"stoppedReason": "EVDisconnected"}
        )
        assert call(ws, "TransactionEvent", ended)[0] == 3
        # A late duplicate of an older event (offline queue) does not undo the end.
        assert call(ws, "TransactionEvent", tx_event("Updated", 2, meterValue=meter(4500)))[0] == 3
        event = {
            "type": "FirmwareUpdated",
            "timestamp": "2026-03-01T10:05:00Z",
            "techInfo": "v1.2.3",
        }
        assert call(ws, "SecurityEventNotification", event)[2] == {}

        (tx,) = httpx.get(f"{base}/api/v1/stations/H1/sessions", headers=API, timeout=10).json()[
            "items"
        ]
        assert tx["transaction_id"] == "TX-1" and tx["state"] == "ended"
        assert tx["id_token"] == "UZUPCC000000017" and tx["evse_id"] == 1
        assert tx["meter_start_wh"] == 1000 and tx["meter_last_wh"] == 7250
        assert tx["stopped_reason"] == "EVDisconnected"
        events = httpx.get(
            f"{base}/api/v1/stations/H1/security-events", headers=API, timeout=10
        ).json()["items"]
        assert events[0]["type"] == "FirmwareUpdated" and events[0]["tech_info"] == "v1.2.3"
        detail = httpx.get(f"{base}/api/v1/stations/H1", headers=API, timeout=10).json()
        assert detail["connectors"][0]["status"] == "Occupied"
        assert detail["partner"] == "UzCharge" and detail["connected"] is True
        assert detail["boot_info"]["model"] == "T1"
        assert detail["connection"]["calls_in"] == 7 and detail["connection"]["bad_frames"] == 0


def test_rest_add_station_and_token_guard(ocpp) -> None:
    with serving(create_app(ocpp.container)) as base:
        created = httpx.post(
            f"{base}/api/v1/stations",
            headers=API,
            json={"id": "R1", "security_profile": 2},
            timeout=10,
        )
        assert created.status_code == 201
        password = created.json()["password"]
        assert 16 <= len(password) <= 40
        again = httpx.post(
            f"{base}/api/v1/stations",
            headers=API,
            json={"id": "R1", "security_profile": 2},
            timeout=10,
        )
        assert again.status_code == 409
        bad = httpx.post(
            f"{base}/api/v1/stations",
            headers=API,
            json={"id": "has:colon", "security_profile": 1},
            timeout=10,
        )
        assert bad.status_code == 400  # the station registry's rule, as every bad input
        ocpp.container.settings.ocpp_api_token = "a-long-enough-api-token"
        assert httpx.get(f"{base}/api/v1/stations", timeout=10).status_code == 401
        ok = httpx.get(
            f"{base}/api/v1/stations",
            headers={"Authorization": "Bearer a-long-enough-api-token"},
            timeout=10,
        )
        assert ok.status_code == 200 and [s["id"] for s in ok.json()["items"]] == ["R1"]
    # The stored hash is argon2id, never the password.
    with ocpp.container.transaction() as session:
        stored = ocpp.container.ocpp.registry.get(session, "R1")
    assert stored is not None and stored.password_hash.startswith("$argon2id$")
    assert password not in stored.password_hash


def test_cli_station_add_and_list(tmp_data_dir, postgres_url, monkeypatch) -> None:
    monkeypatch.setenv("CSMS_DATABASE_URL", postgres_url)
    monkeypatch.setenv("CSMS_KEY_PASSPHRASE", "test-passphrase-not-secret")
    runner = CliRunner()
    result = runner.invoke(main, ["station", "add", "CLI-1", "--security-profile", "2"])
    assert result.exit_code == 0, result.output
    assert "password: " in result.output
    result = runner.invoke(
        main, ["station", "add", "CLI-3", "--security-profile", "3", "--partner", "UzCharge"]
    )
    assert result.exit_code == 1
    assert result.output == "error: no partner 'UzCharge'; add it first [partner_unknown]\n"
    assert runner.invoke(main, ["partner", "add", "UzCharge"]).exit_code == 0
    result = runner.invoke(
        main,
        [
            "station",
            "add",
            "CLI-3",
            "--security-profile",
            "3",
            "--partner",
            "UzCharge",
        ],
    )
    assert result.exit_code == 0, result.output
    result = runner.invoke(
        main, ["station", "add", "CLI-X", "--security-profile", "1", "--password", "short"]
    )
    assert result.exit_code == 1
    assert result.output.startswith("error: password must be 16-40")
    result = runner.invoke(main, ["station", "list"])
    assert result.exit_code == 0
    header, *lines, footer = result.output.splitlines()
    assert header.split()[:2] == ["station", "profile"] and "(UTC)" in header
    assert footer == "rows 1\u20132 of 2 (page 1 of 1)"
    assert [line.split()[0] for line in lines] == ["CLI-1", "CLI-3"]
    assert "UzCharge" in lines[1]
