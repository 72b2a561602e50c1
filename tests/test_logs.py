"""`csms serve`'s log: with CSMS_LOG_FORMAT=json every line is a JSON object with the time,
level, logger and node; a station's lines name the station, a request's lines its request id
(echoed in X-Request-ID); the OCPP connect, boot, refusal and disconnect lines are at INFO.
Read from a real process's stderr."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import httpx
import pytest
from click.testing import CliRunner
from websockets.exceptions import InvalidStatus

from csms.cli import main
from tests.ocpp.client import boot, call, open_station
from tests.serve_process import csms_serve

PASSWORD = "logs-station-password-01"


def _lines(log: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in log.read_text().splitlines() if line.startswith("{")]


def test_json_lines_name_the_node_the_station_and_the_request(tmp_path: Path) -> None:
    data_dir = tmp_path / "var"
    with csms_serve(data_dir, log_format="json", node_id="node-log") as node:
        env = {"CSMS_DATA_DIR": str(data_dir)}
        added = CliRunner().invoke(
            main,
            ["station", "add", "LOG-1", "--security-profile", "1", "--password", PASSWORD],
            env=env,
        )
        assert added.exit_code == 0, added.output
        url = f"ws://127.0.0.1:{node.ws}/ocpp/LOG-1"
        with open_station(url, "LOG-1", password=PASSWORD) as ws:
            assert boot(ws)[2]["status"] == "Accepted"
            assert call(ws, "Heartbeat", {})[0] == 3
        with pytest.raises(InvalidStatus):
            open_station(url, "LOG-1", password="a wrong password 01").close()
        answer = httpx.get(
            f"http://127.0.0.1:{node.http}/health", headers={"X-Request-ID": "lb-42"}, timeout=30
        )
        assert answer.headers["x-request-id"] == "lb-42"
        made = httpx.get(f"http://127.0.0.1:{node.http}/health", timeout=30)
        generated = made.headers["x-request-id"]
    lines = _lines(tmp_path / "serve.log")
    assert lines, "no JSON lines"
    for entry in lines:
        assert {"time", "level", "logger", "node", "message"} <= set(entry), entry
        assert entry["node"] == "node-log"
    station = [e for e in lines if e.get("station_id") == "LOG-1" and e["level"] == "INFO"]
    messages = " | ".join(e["message"] for e in station)
    assert "connected" in messages and "BootNotification" in messages, messages
    assert "disconnected" in messages and "refused" in messages, messages
    access = [e for e in lines if e["logger"] == "csms.access"]
    by_id = {e["request_id"]: e for e in access}
    assert by_id["lb-42"]["path"] == "/health" and by_id["lb-42"]["status"] == 200
    assert generated in by_id


def test_text_lines_are_readable_with_time_level_and_logger(tmp_path: Path) -> None:
    with csms_serve(tmp_path / "var", node_id="node-text") as node:
        httpx.get(f"http://127.0.0.1:{node.http}/health", timeout=30)
    log = (tmp_path / "serve.log").read_text().splitlines()
    lines = [line for line in log if "csms.access" in line]
    assert lines, "no access line"
    time_, level, logger, *_rest = lines[0].split()
    assert time_.startswith("20") and time_.endswith("+00:00")
    assert level == "INFO" and logger == "csms.access"
    assert "[node=node-text request=" in lines[0] and "GET /health 200" in lines[0]
