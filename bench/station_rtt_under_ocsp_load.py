"""Stations' Heartbeat round trips while OCSP is under load, against a real `csms serve`.

`csms serve` answers OCSP on its HTTP event loop and, since the restructuring, the stations on
an event loop and a thread of their own. This measures what a station feels: Heartbeat round
trips (p50, p99, max) of a few connected stations, first with nothing else going on (the
baseline, same run), then while a separate process asks OCSP questions with a nonce (every
answer a fresh signature, so no cache helps) as fast as the server answers.

Everything goes through the command line and the network, so the same file measures any
version of the product: run it from another checkout's directory to compare
(`cd <checkout> && python -m bench.station_rtt_under_ocsp_load`; BENCHMARKS.md).

    python -m bench.station_rtt_under_ocsp_load [--stations 5] [--seconds 10]
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import json
import multiprocessing
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.x509 import ocsp
from websockets.asyncio.client import connect

from bench.common import emit, percentile

PASSPHRASE = "bench-passphrase-0123"
PASSWORD = "bench-station-password-1"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _csms(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "csms", *args], env=env, capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise RuntimeError(f"csms {' '.join(args)}: {done.stderr.strip()}")
    return done.stdout


def _ocsp_bodies(cert: x509.Certificate, issuer: x509.Certificate, count: int) -> list[bytes]:
    bodies = []
    for _ in range(count):
        request = (
            ocsp.OCSPRequestBuilder()
            .add_certificate(cert, issuer, hashes.SHA1())
            .add_extension(x509.OCSPNonce(secrets.token_bytes(16)), critical=False)
            .build()
            .public_bytes(serialization.Encoding.DER)
        )
        bodies.append(
            b"POST /ocsp HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/ocsp-request"
            b"\r\nConnection: close\r\nContent-Length: "
            + str(len(request)).encode()
            + b"\r\n\r\n"
            + request
        )
    return bodies


def _ocsp_load(port: int, bodies: list[bytes], seconds: float, answered: Any) -> None:
    """In its own process: `connections` clients, one request per connection, until the
    time is up; counts the 200 answers."""

    async def client() -> int:
        done = 0
        deadline = time.monotonic() + seconds
        index = secrets.randbelow(len(bodies))
        while time.monotonic() < deadline:
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
            writer.write(bodies[index % len(bodies)])
            index += 1
            head = await reader.read(64 * 1024)
            done += head.startswith(b"HTTP/1.1 200")
            writer.close()
        return done

    async def run() -> int:
        return sum(await asyncio.gather(*(client() for _ in range(16))))

    answered.value = asyncio.run(run())


async def _station(port: int, station_id: str) -> Any:
    credentials = base64.b64encode(f"{station_id}:{PASSWORD}".encode()).decode()
    ws = await connect(
        f"ws://127.0.0.1:{port}/ocpp/{station_id}",
        subprotocols=["ocpp2.0.1"],  # type: ignore[list-item]
        additional_headers={"Authorization": f"Basic {credentials}"},
        open_timeout=30,
    )
    await _call(
        ws,
        "BootNotification",
        {"reason": "PowerUp", "chargingStation": {"model": "B1", "vendorName": "Bench"}},
    )
    return ws


async def _call(ws: Any, action: str, payload: dict[str, Any]) -> dict[str, Any]:
    message_id = str(uuid.uuid4())
    await ws.send(json.dumps([2, message_id, action, payload]))
    frame = json.loads(await asyncio.wait_for(ws.recv(), 60))
    if frame[:2] != [3, message_id]:
        raise RuntimeError(f"unexpected answer to {action}: {frame}")
    return frame[2]  # type: ignore[no-any-return]


async def _heartbeats(stations: list[Any], seconds: float) -> list[float]:
    """Round trips in ms: each station sends a Heartbeat, waits for it, pauses 20 ms."""
    latencies: list[float] = []
    deadline = time.monotonic() + seconds

    async def one(ws: Any) -> None:
        while time.monotonic() < deadline:
            start = time.perf_counter()
            await _call(ws, "Heartbeat", {})
            latencies.append((time.perf_counter() - start) * 1000)
            await asyncio.sleep(0.02)

    await asyncio.gather(*(one(ws) for ws in stations))
    return latencies


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--stations", type=int, default=5)
    parser.add_argument("--seconds", type=float, default=10.0)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        env = dict(os.environ, CSMS_DATA_DIR=str(tmp), CSMS_KEY_PASSPHRASE=PASSPHRASE)
        env.pop("CSMS_DATABASE_URL", None)
        _csms(env, "pki", "init")
        ids = [f"BENCH-{n}" for n in range(options.stations)]
        for station_id in ids:
            _csms(
                env, "station", "add", station_id, "--security-profile", "1", "--password", PASSWORD
            )
        cert = x509.load_pem_x509_certificate(_csms(env, "pki", "export", "cpo-sub2").encode())
        issuer = x509.load_pem_x509_certificate(_csms(env, "pki", "export", "cpo-sub1").encode())
        bodies = _ocsp_bodies(cert, issuer, 2000)
        http_port, ocpp_port = _free_port(), _free_port()
        server = subprocess.Popen(
            [
                sys.executable, "-m", "csms", "serve", "--port", str(http_port),
                "--ocpp-port", str(ocpp_port), "--tls-port", "0",
            ],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        try:
            _wait_for_port(http_port)
            _wait_for_port(ocpp_port)
            figures = asyncio.run(_measure(ocpp_port, http_port, ids, bodies, options.seconds))
        finally:
            server.terminate()
            server.wait(timeout=30)
    idle, loaded, ocsp_rate = figures
    for figure, values in (
        ("station_heartbeat_idle", idle),
        ("station_heartbeat_ocsp_load", loaded),
    ):
        emit(
            f"{figure}_p99_ms",
            percentile(values, 99),
            "ms",
            p50_ms=percentile(values, 50),
            max_ms=max(values),
            round_trips=len(values),
            stations=len(ids),
        )
    emit(
        "station_heartbeat_p99_ratio_ocsp_load_vs_idle",
        percentile(loaded, 99) / percentile(idle, 99),
        "ratio",
        ocsp_nonce_answers_per_s=ocsp_rate,
        baseline="the same stations' Heartbeats with no OCSP load, same run",
    )


async def _measure(
    ocpp_port: int, http_port: int, ids: list[str], bodies: list[bytes], seconds: float
) -> tuple[list[float], list[float], float]:
    stations = [await _station(ocpp_port, station_id) for station_id in ids]
    try:
        await _heartbeats(stations, 2.0)  # warm up
        idle = await _heartbeats(stations, seconds)
        answered = multiprocessing.Value("l", 0)
        load = multiprocessing.Process(
            target=_ocsp_load, args=(http_port, bodies, seconds + 2.0, answered)
        )
        load.start()
        await asyncio.sleep(1.0)  # the load is running
        loaded = await _heartbeats(stations, seconds)
        await asyncio.to_thread(load.join, 60)
        return idle, loaded, answered.value / (seconds + 2.0)
    finally:
        for ws in stations:
            await ws.close()


def _wait_for_port(port: int) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"nothing listens on {port}")


if __name__ == "__main__":
    main()
