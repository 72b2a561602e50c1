"""SIGTERM (what Kubernetes and `docker stop` send) stops `csms serve` gracefully: every
station gets a close frame with 1001 (going away), so it reconnects at once to another node,
what was answered and still buffered is written, and the process exits 0. Before, the
process died of the signal (exit -15) with no close frame and the buffered writes lost."""

from __future__ import annotations

import signal
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner
from websockets.exceptions import ConnectionClosed

from csms.cli import main
from tests.ocpp.client import boot, call, open_station
from tests.serve_process import csms_serve

PASSWORD = "shutdown-station-password-1"


def test_sigterm_closes_stations_with_1001_and_keeps_what_was_answered(tmp_path: Path) -> None:
    data_dir = tmp_path / "var"
    with csms_serve(data_dir) as node:
        added = CliRunner().invoke(
            main,
            ["station", "add", "SD-1", "--security-profile", "1", "--password", PASSWORD],
            env={"CSMS_DATA_DIR": str(data_dir)},
        )
        assert added.exit_code == 0, added.output
        ws = open_station(f"ws://127.0.0.1:{node.ws}/ocpp/SD-1", "SD-1", password=PASSWORD)
        assert boot(ws)[2]["status"] == "Accepted"
        status = {
            "timestamp": datetime.now(UTC).isoformat(),
            "connectorStatus": "Faulted",
            "evseId": 1,
            "connectorId": 1,
        }
        assert call(ws, "StatusNotification", status)[0] == 3  # coalesced, not yet written
        node.process.send_signal(signal.SIGTERM)
        with pytest.raises(ConnectionClosed) as closed:
            while True:
                ws.recv(timeout=20)
        assert closed.value.rcvd is not None and closed.value.rcvd.code == 1001
        assert node.process.wait(timeout=30) == 0
    with sqlite3.connect(data_dir / "csms.sqlite3") as database:
        rows = database.execute(
            "SELECT status FROM ocpp_connector_status WHERE station_id = 'SD-1'"
        ).fetchall()
    assert rows == [("Faulted",)]


def test_a_port_already_taken_is_a_failed_start_not_a_clean_stop(tmp_path: Path) -> None:
    """Only SIGTERM ends quietly: uvicorn's exit for a port it cannot bind reaches the shell."""
    import os
    import socket
    import subprocess
    import sys

    from tests.serve_process import ROOT

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        env = {k: v for k, v in os.environ.items() if not k.startswith("CSMS_")}
        env["CSMS_DATA_DIR"] = str(tmp_path / "var")
        command = [sys.executable, "-m", "csms", "serve", "--port", str(port)]
        done = subprocess.run(
            [*command, "--ocpp-port", "0", "--tls-port", "0"],
            env=env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=120,
        )
    assert done.returncode != 0, done.stderr[-2000:]
    assert "address already in use" in done.stderr
