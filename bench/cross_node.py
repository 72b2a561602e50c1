"""Round trip of a command sent through node B to a station held by node A.

Two real `csms serve` nodes on one PostgreSQL of the bench's own; a WebSocket station connected
to node A answers every CALL at once. The same command is sent through node A's REST API (the
station is local there: the baseline, in the same run) and through node B's (relayed across
nodes: a relay row and NOTIFY each way). One HTTP connection per node, commands one after the
other, so the figures are latencies, not throughput.

    python -m bench.cross_node [--commands 500]
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import json
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path

import httpx
from websockets.asyncio.client import ClientConnection, connect

from bench.common import emit, percentile, temporary_postgres

STATION = "BENCH-XN-1"
STATION_PASSWORD = "bench-cross-node-station-1"
ADMIN_PASSWORD = "bench-cross-node-admin-1"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _start(env: dict[str, str], http: int, ws: int) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "csms", "serve", "--port", str(http)]
    command += ["--ocpp-port", str(ws), "--tls-port", "0"]
    process = subprocess.Popen(
        command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("csms serve exited while starting")
        try:
            if httpx.get(f"http://127.0.0.1:{http}/health", timeout=2).status_code == 200:
                return process
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    process.terminate()
    raise RuntimeError("csms serve did not start")


def _cli(env: dict[str, str], *args: str) -> None:
    subprocess.run([sys.executable, "-m", "csms", *args], env=env, check=True, capture_output=True)


async def _station(url: str, ready: asyncio.Event) -> None:
    token = base64.b64encode(f"{STATION}:{STATION_PASSWORD}".encode()).decode()
    async with connect(
        url, subprotocols=["ocpp2.0.1"], additional_headers={"Authorization": f"Basic {token}"}
    ) as ws:  # type: ignore[list-item]
        boot = {"reason": "PowerUp", "chargingStation": {"model": "B", "vendorName": "Bench"}}
        await ws.send(json.dumps([2, "boot", "BootNotification", boot]))
        await _answer_all(ws, ready)


async def _answer_all(ws: ClientConnection, ready: asyncio.Event) -> None:
    async for frame in ws:
        message = json.loads(frame)
        if message[0] == 3 and message[1] == "boot":
            ready.set()
        elif message[0] == 2:
            await ws.send(json.dumps([3, message[1], {"status": "Accepted"}]))


async def _round_trips(base: str, token: str, count: int) -> list[float]:
    url = f"{base}/api/v1/stations/{STATION}/commands/TriggerMessage"
    body = {"requestedMessage": "Heartbeat"}
    headers = {"Authorization": f"Bearer {token}"}
    seconds: list[float] = []
    async with httpx.AsyncClient(timeout=30) as client:
        for _ in range(count):
            started = time.perf_counter()
            answer = await client.post(url, json=body, headers=headers)
            seconds.append(time.perf_counter() - started)
            if answer.status_code != 200:
                raise RuntimeError(f"command answered {answer.status_code}: {answer.text}")
    return seconds


async def _measure(nodes: dict[str, tuple[int, int]], token: str, count: int) -> None:
    ready = asyncio.Event()
    station = asyncio.create_task(_station(f"ws://127.0.0.1:{nodes['a'][1]}/ocpp/{STATION}", ready))
    await asyncio.wait_for(ready.wait(), 30)
    await asyncio.sleep(1)  # the connection's row is written right after the handshake
    await _round_trips(f"http://127.0.0.1:{nodes['b'][0]}", token, 20)  # warm both paths
    await _round_trips(f"http://127.0.0.1:{nodes['a'][0]}", token, 20)
    local = await _round_trips(f"http://127.0.0.1:{nodes['a'][0]}", token, count)
    relayed = await _round_trips(f"http://127.0.0.1:{nodes['b'][0]}", token, count)
    station.cancel()
    for name, values in (("local_command", local), ("cross_node_command", relayed)):
        ms = [v * 1000 for v in values]
        emit(f"{name}_p50_ms", percentile(ms, 50), "ms", commands=count)
        emit(f"{name}_p99_ms", percentile(ms, 99), "ms", commands=count)
    emit(
        "cross_node_over_local_p50",
        percentile(relayed, 50) / percentile(local, 50),
        "ratio",
        baseline="the same command through the node that holds the station",
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--commands", type=int, default=500)
    args = parser.parse_args()
    with (
        temporary_postgres() as database_url,
        tempfile.TemporaryDirectory() as tmp,
        ExitStack() as stack,
    ):
        shared = dict(
            os.environ,
            CSMS_DATABASE_URL=database_url,
            CSMS_KEY_PASSPHRASE=secrets.token_urlsafe(24),
            CSMS_TOKEN_KEY=secrets.token_urlsafe(48),
            CSMS_PUBLIC_URL="http://127.0.0.1:8000",
        )
        nodes: dict[str, tuple[int, int]] = {}
        for name in ("a", "b"):  # a first: its first start makes the PKI
            env = dict(shared, CSMS_DATA_DIR=str(Path(tmp) / name), CSMS_NODE_ID=f"bench-{name}")
            nodes[name] = (_free_port(), _free_port())
            process = _start(env, *nodes[name])
            stack.callback(process.wait, 30)
            stack.callback(process.terminate)
        cli = dict(shared, CSMS_DATA_DIR=str(Path(tmp) / "cli"))
        _cli(cli, "user", "add", "bench-op", "--role", "admin", "--password", ADMIN_PASSWORD)
        _cli(
            cli,
            "station",
            "add",
            STATION,
            "--security-profile",
            "1",
            "--password",
            STATION_PASSWORD,
        )
        token = httpx.post(
            f"http://127.0.0.1:{nodes['b'][0]}/api/v1/auth/token",
            data={"username": "bench-op", "password": ADMIN_PASSWORD},
            timeout=30,
        ).json()["access_token"]
        asyncio.run(_measure(nodes, token, args.commands))


if __name__ == "__main__":
    main()
