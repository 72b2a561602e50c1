"""A graceful stop lets what is in flight finish (csms/serve.py, OcppServer.stop).

A real `csms serve` process, stations registered with `csms station add`, real WebSocket
clients. On the code before the drain, the command below lost its answer (the server closed
the station's connection while the CSMS's CALL was in flight: the API answered 502/504 or the
HTTP side was gone), and SIGINT ended in a KeyboardInterrupt and status 1.
"""

from __future__ import annotations

import json
import signal
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import httpx
import pytest
from click.testing import CliRunner
from websockets.exceptions import ConnectionClosed
from websockets.sync.client import ClientConnection

from csms.cli import main
from tests.ocpp.client import boot, open_station
from tests.pki.helpers import make_csr
from tests.serve_process import Served, csms_serve

API_TOKEN = "graceful-shutdown-api-token"
PASSWORD = "drain-station-password-01"
STATIONS = ("GS-1", "GS-2")


def close_code(ws: ClientConnection) -> int | None:
    """Read until the server closes; the code of its closing frame (1006: none came)."""
    with pytest.raises(ConnectionClosed):
        while True:
            ws.recv(timeout=60)
    return ws.close_code


@pytest.fixture
def two_stations(tmp_path: Path) -> Iterator[tuple[Served, ClientConnection, ClientConnection]]:
    data_dir = tmp_path / "var"
    with csms_serve(data_dir, ocpp_api_token=API_TOKEN) as served, ExitStack() as stack:
        for station_id in STATIONS:
            added = CliRunner().invoke(
                main,
                ["station", "add", station_id, "--security-profile", "1", "--password", PASSWORD],
                env={"CSMS_DATA_DIR": str(data_dir)},
            )
            assert added.exit_code == 0, added.output
        stations = []
        for station_id in STATIONS:
            url = f"ws://127.0.0.1:{served.ws}/ocpp/{station_id}"
            ws = open_station(url, station_id, password=PASSWORD)
            stack.callback(ws.close)
            assert boot(ws)[2]["status"] == "Accepted"
            stations.append(ws)
        yield served, stations[0], stations[1]


def test_sigterm_finishes_a_call_in_flight_then_closes_with_1001_and_exits_0(
    two_stations: tuple[Served, ClientConnection, ClientConnection],
) -> None:
    served, station, other = two_stations
    answer: dict[str, Any] = {}

    def command() -> None:
        reply = httpx.post(
            f"http://127.0.0.1:{served.http}/api/v1/stations/GS-1/commands/Reset",
            headers={"Authorization": f"Bearer {API_TOKEN}"},
            json={"type": "OnIdle"},
            timeout=60,
        )
        answer.update(status=reply.status_code, body=reply.json())

    caller = threading.Thread(target=command)
    caller.start()
    call = json.loads(station.recv(timeout=30))
    assert call[0] == 2 and call[2] == "Reset"
    # The CSMS's CALL is in flight: now the operator stops the server.
    served.process.send_signal(signal.SIGTERM)
    station.send(json.dumps([3, call[1], {"status": "Scheduled"}]))
    caller.join(timeout=60)
    # The station's answer still reached the API caller ...
    assert answer["status"] == 200, answer
    assert answer["body"]["response"] == {"status": "Scheduled"}
    # ... then both stations were told "going away", and the process ended cleanly.
    assert close_code(station) == 1001
    assert close_code(other) == 1001
    assert served.process.wait(timeout=90) == 0


def test_the_drain_waits_for_a_certificate_delivery_and_leaves_new_station_calls_unanswered(
    two_stations: tuple[Served, ClientConnection, ClientConnection],
) -> None:
    """No HTTP request holds the process here: only the OCPP drain keeps the connection open
    until the station has answered CertificateSigned, so the delivery is recorded. A station
    CALL that arrives meanwhile gets no answer (a CALLERROR would be final for the station; an
    unanswered CALL is one it sends again after reconnecting, to this node or another)."""
    served, station, _other = two_stations
    csr = make_csr(cn="GS-1", o="UzPnC").decode()
    station.send(json.dumps([2, "sign", "SignCertificate", {"csr": csr}]))
    frames = [json.loads(station.recv(timeout=30)) for _ in range(2)]
    answered = next(f for f in frames if f[0] == 3)
    assert answered[1] == "sign" and answered[2]["status"] == "Accepted", frames
    delivery = next(f for f in frames if f[0] == 2)
    assert delivery[2] == "CertificateSigned", frames
    served.process.send_signal(signal.SIGTERM)  # the CSMS's CertificateSigned is in flight
    time.sleep(1.0)  # the HTTP side has stopped; the OCPP side drains
    station.send(json.dumps([2, "hb-during-drain", "Heartbeat", {}]))
    time.sleep(0.5)
    station.send(json.dumps([3, delivery[1], {"status": "Accepted"}]))
    after: list[Any] = []
    with pytest.raises(ConnectionClosed):
        while True:
            after.append(json.loads(station.recv(timeout=60)))
    assert not any(frame[1] == "hb-during-drain" for frame in after), after
    assert station.close_code == 1001
    assert served.process.wait(timeout=90) == 0
    with sqlite3.connect(served.data_dir / "csms.sqlite3") as database:
        statuses = database.execute(
            "SELECT status FROM ocpp_station_certificates WHERE station_id = 'GS-1'"
        ).fetchall()
    assert statuses == [("accepted",)]


def test_sigint_closes_every_station_with_1001_and_exits_0(
    two_stations: tuple[Served, ClientConnection, ClientConnection],
) -> None:
    served, station, other = two_stations
    served.process.send_signal(signal.SIGINT)
    assert close_code(station) == 1001
    assert close_code(other) == 1001
    assert served.process.wait(timeout=90) == 0
    log = (served.data_dir.parent / "serve.log").read_text()
    assert "Traceback" not in log
