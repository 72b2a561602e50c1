"""What a charging session amounts to: energy delivered (last register reading minus the
first), duration and idle time, the same in both session APIs, from a 2.0.1 station's
TransactionEvents with timestamps of its own."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy import select

from csms.api.station_routes import SessionOut
from csms.app import create_app
from csms.ocpp.db import TransactionRecord
from tests.harness.aio import run_async
from tests.ocpp.client import open_station
from tests.ocpp.conftest import API

pytestmark = pytest.mark.postgres

T0 = datetime(2026, 12, 1, 10, 0, tzinfo=UTC)


def _event(seq: int, kind: str, minutes: int, state: str, kwh: float | None) -> dict[str, Any]:
    event: dict[str, Any] = {
        "eventType": kind,
        "timestamp": (T0 + timedelta(minutes=minutes)).isoformat().replace("+00:00", "Z"),
        "triggerReason": "ChargingStateChanged",
        "seqNo": seq,
        "transactionInfo": {"transactionId": "SESSION-1", "chargingState": state},
        "evse": {"id": 1, "connectorId": 1},
    }
    if kwh is not None:
        event["meterValue"] = [
            {
                "timestamp": event["timestamp"],
                "sampledValue": [
                    {
                        "value": kwh,
                        "measurand": "Energy.Active.Import.Register",
                        "unitOfMeasure": {"unit": "kWh"},
                    }
                ],
            }
        ]
    return event


def test_energy_duration_and_idle_time(ocpp) -> None:  # type: ignore[no-untyped-def]
    ocpp.add("FIG-1")
    events = [
        # a cumulative register that reads 5,000.0 kWh when the session starts
        _event(0, "Started", 0, "EVConnected", 5000.0),  # 10 min plugged in, not charging
        _event(1, "Updated", 10, "Charging", 5000.0),  # 40 min charging
        _event(2, "Updated", 50, "SuspendedEV", 5021.5),  # 20 min the car paused
        _event(3, "Updated", 70, "Charging", 5021.5),  # 15 min charging
        _event(4, "Ended", 85, "EVConnected", 5030.0),
    ]
    with open_station(ocpp.ws_url("FIG-1"), "FIG-1") as ws:
        boot = {"reason": "PowerUp", "chargingStation": {"model": "M", "vendorName": "V"}}
        ws.send(json.dumps([2, "b", "BootNotification", boot]))
        assert json.loads(ws.recv(timeout=10))[2]["status"] == "Accepted"
        for n, event in enumerate(events):
            ws.send(json.dumps([2, f"t{n}", "TransactionEvent", event]))
            assert json.loads(ws.recv(timeout=10))[0] == 3
    ocpp.server._store.flush(force=True)

    async def read() -> httpx.Response:
        transport = httpx.ASGITransport(app=create_app(ocpp.container))
        async with httpx.AsyncClient(transport=transport, base_url="http://csms") as client:
            return await client.get("/api/v1/stations/FIG-1/sessions", headers=API)

    per_station = run_async(read())
    assert per_station.status_code == 200, per_station.text
    [row] = per_station.json()["items"]
    assert row["meter_start_wh"] == 5_000_000 and row["meter_last_wh"] == 5_030_000
    assert row["energy_wh"] == 30_000  # 30.0 kWh delivered, not the 5,030 kWh register
    assert row["duration_s"] == 85 * 60
    assert row["idle_s"] == 30 * 60  # 10 min before charging + 20 min suspended
    # /api/v1/sessions (people's) shapes the same record with the same figures.
    with ocpp.container.session_factory() as session:
        record = session.scalars(
            select(TransactionRecord).where(TransactionRecord.transaction_id == "SESSION-1")
        ).one()
        same = SessionOut.of(record)
    assert (same.energy_wh, same.duration_s, same.idle_s) == (30_000, 85 * 60, 30 * 60)
