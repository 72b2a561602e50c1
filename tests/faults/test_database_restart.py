"""PostgreSQL goes away and comes back while 50 stations talk to a real `csms serve`: every
message answered with a CALLRESULT is in the database afterwards; what could not be kept was
answered with a CALLERROR (the station retries it); the stations stay connected throughout.

Before the store kept its coalesced writes over a failed flush, a StatusNotification answered
during the outage was lost for good (csms/ocpp/store.py dropped the batch).
"""

from __future__ import annotations

import json
import threading
import time
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import psycopg
import pytest

from csms.container import build_container
from csms.settings import Settings
from tests.harness.postgres import PostgresServer
from tests.ocpp.client import boot, open_station
from tests.serve_process import csms_serve

pytestmark = pytest.mark.postgres

STATIONS = 50
PASSWORD = "restart-station-password-1"
PASSPHRASE = "restart-test-passphrase-1"


@dataclass
class Station:
    station_id: str
    acknowledged_status: str | None = None  # the last StatusNotification answered CALLRESULT
    acknowledged_seq: int = -1  # the last TransactionEvent answered CALLRESULT
    refused: int = 0  # CALLERRORs
    answered: int = 0
    closed: bool = False
    errors: list[str] = field(default_factory=list)


def _call(ws: Any, action: str, payload: dict[str, Any]) -> list[Any]:
    message_id = str(uuid.uuid4())
    ws.send(json.dumps([2, message_id, action, payload]))
    answer = json.loads(ws.recv(timeout=30))
    assert answer[1] == message_id, answer
    return answer  # type: ignore[no-any-return]


def _talk(url: str, station: Station, phase: list[str], stop: threading.Event) -> None:
    transaction = f"tx-{station.station_id}"
    seq = 0
    try:
        with open_station(url, station.station_id, password=PASSWORD) as ws:
            assert boot(ws)[2]["status"] == "Accepted"
            while not stop.is_set():
                now = datetime.now(UTC).isoformat()
                if phase[0] in ("up", "down"):  # the status answered early in the outage is
                    # the last: flushes fail after it, while the database is still away
                    status = "Occupied" if phase[0] == "down" else "Available"
                    answer = _call(
                        ws,
                        "StatusNotification",
                        {
                            "timestamp": now,
                            "connectorStatus": status,
                            "evseId": 1,
                            "connectorId": 1,
                        },
                    )
                    if answer[0] == 3:
                        station.acknowledged_status = status
                event = {
                    "eventType": "Started" if seq == 0 else "Updated",
                    "timestamp": now,
                    "triggerReason": "Authorized" if seq == 0 else "MeterValuePeriodic",
                    "seqNo": seq,
                    "transactionInfo": {"transactionId": transaction},
                    "evse": {"id": 1, "connectorId": 1},
                }
                answer = _call(ws, "TransactionEvent", event)
                if answer[0] == 3:
                    station.acknowledged_seq = seq
                    seq += 1  # a refused event is sent again, as a station does
                for reply in (answer, _call(ws, "Heartbeat", {})):
                    if reply[0] == 3:
                        station.answered += 1
                    else:
                        station.refused += 1
                time.sleep(0.2)
    except Exception as exc:  # the assertion below names it
        station.errors.append(repr(exc))
        station.closed = True


def test_every_acknowledged_message_survives_a_database_restart(
    private_postgres: PostgresServer, tmp_path: Path
) -> None:
    database = private_postgres.create_database()
    setup = build_container(
        Settings(database_url=database, data_dir=tmp_path / "setup", key_passphrase=PASSPHRASE)
    )
    with setup.transaction() as session:
        for i in range(STATIONS):
            setup.ocpp.registry.add(
                session, f"RS-{i:03d}", security_profile=1, actor="test", password=PASSWORD
            )
    setup.close()

    stations = [Station(f"RS-{i:03d}") for i in range(STATIONS)]
    phase = ["up"]
    stop = threading.Event()
    with csms_serve(tmp_path / "var", database_url=database, key_passphrase=PASSPHRASE) as node:
        threads = [
            threading.Thread(
                target=_talk,
                args=(f"ws://127.0.0.1:{node.ws}/ocpp/{s.station_id}", s, phase, stop),
            )
            for s in stations
        ]
        for thread in threads:
            thread.start()
        time.sleep(3)
        private_postgres.pause()
        phase[0] = "down"
        time.sleep(1.5)
        phase[0] = "quiet"
        time.sleep(2.5)
        refused_while_down = sum(s.refused for s in stations)
        private_postgres.resume()
        phase[0] = "back"
        time.sleep(3)
        stop.set()
        for thread in threads:
            thread.join(timeout=60)
        time.sleep(2)  # the store's next flush (every second) writes what it kept
    assert all(not s.closed for s in stations), [s.errors for s in stations if s.errors][:3]
    assert refused_while_down > 0  # the outage was real: what could not be kept was refused
    assert all(s.answered > 0 for s in stations)

    with psycopg.connect(database.replace("+psycopg", "")) as connection:
        status = dict(
            connection.execute(
                "SELECT station_id, status FROM ocpp_connector_status WHERE evse_id = 1"
            ).fetchall()
        )
        sequences = dict(
            connection.execute("SELECT station_id, last_seq_no FROM ocpp_transactions").fetchall()
        )
    for station in stations:
        assert status.get(station.station_id) == station.acknowledged_status, station
        if station.acknowledged_seq >= 0:
            assert sequences.get(station.station_id) == station.acknowledged_seq, station
