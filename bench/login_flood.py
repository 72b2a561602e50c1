"""login_flood_health_p99_ms: `/health` while 50 clients send wrong passwords to a real
`csms serve` as fast as it answers, with the server's peak memory and the answers' counts.

Two floods, each against a fresh server process on the same PostgreSQL database:
- `one_address`: the 50 clients come from one address and guess the password of `admin`, as a
  single attacking machine would (the throttle: 429 after the account's and the address's
  allowance is spent);
- `many_addresses`: every request comes from a new address and names a new account (a botnet;
  the throttle never sees the same key twice, so the bound on concurrent password hashes is
  all that protects the process: 401 for the hashes that ran, 503 for the rest).
The addresses are given as X-Forwarded-For, which uvicorn trusts from loopback by default.

The flood runs in a separate process (raw asyncio keep-alive connections, lean, since the
machine's cores are shared with the server); this process probes `/health` every 50 ms on a
connection of its own, times each answer, and samples the server's VmRSS (/proc/<pid>/status)
meanwhile. `peak_rss_mib` is the largest sample during the flood, `hwm_mib` the process's
VmHWM at the end (it includes start-up).

Everything goes through the command line and the network, so the same file measures any
version of the product: run it from another checkout's directory to compare.

    .venv/bin/python -m bench.login_flood [--clients 50] [--seconds 20]
"""

from __future__ import annotations

import argparse
import asyncio
import http.client
import multiprocessing
import os
import random
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from bench.common import emit, percentile, temporary_postgres

PASSPHRASE = "bench-passphrase-0123"
PROBE_EVERY = 0.05
TARGET_MS = 100.0


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _status_kib(pid: int, field: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1])
    return 0


# --- the flood (a process of its own) -------------------------------------------------------


def _request(scenario: str, rng: random.Random) -> bytes:
    if scenario == "one_address":
        username, address = "admin", "198.51.100.10"
    else:
        username = f"guess-{rng.getrandbits(48):x}"
        address = f"10.{rng.randrange(256)}.{rng.randrange(256)}.{rng.randrange(1, 255)}"
    body = urlencode({"username": username, "password": f"wrong-{rng.getrandbits(64):x}"})
    return (
        "POST /api/v1/auth/token HTTP/1.1\r\n"
        "Host: 127.0.0.1\r\n"
        "Content-Type: application/x-www-form-urlencoded\r\n"
        f"X-Forwarded-For: {address}\r\n"
        f"Content-Length: {len(body)}\r\n\r\n{body}"
    ).encode()


async def _read_answer(reader: asyncio.StreamReader) -> tuple[int, bool]:
    """(status, whether the server closes the connection)."""
    status_line = await reader.readline()
    if not status_line:
        raise ConnectionError("closed")
    status = int(status_line.split()[1])
    length, close = 0, False
    while True:
        line = await reader.readline()
        if line in (b"\r\n", b"\n", b""):
            break
        name, _, value = line.decode("latin-1").partition(":")
        if name.strip().lower() == "content-length":
            length = int(value.strip())
        elif name.strip().lower() == "connection" and value.strip().lower() == "close":
            close = True
    if length:
        await reader.readexactly(length)
    return status, close


async def _client(port: int, scenario: str, deadline: float, counts: Counter[str]) -> None:
    rng = random.Random()
    writer = None
    while time.monotonic() < deadline:
        try:
            if writer is None:
                reader, writer = await asyncio.open_connection("127.0.0.1", port)
            writer.write(_request(scenario, rng))
            status, close = await asyncio.wait_for(_read_answer(reader), timeout=30)
            counts[str(status)] += 1
            if close:
                writer.close()
                writer = None
        except (TimeoutError, OSError, ConnectionError, asyncio.IncompleteReadError):
            counts["connection_error"] += 1
            if writer is not None:
                writer.close()
            writer = None
            await asyncio.sleep(0.05)
    if writer is not None:
        writer.close()


def _flood(port: int, scenario: str, clients: int, seconds: float, out: Any) -> None:
    counts: Counter[str] = Counter()

    async def run() -> None:
        deadline = time.monotonic() + seconds
        await asyncio.gather(*(_client(port, scenario, deadline, counts) for _ in range(clients)))

    asyncio.run(run())
    out.send(dict(counts))


# --- the server and the probe ---------------------------------------------------------------


def _start(env: dict[str, str], port: int) -> subprocess.Popen[bytes]:
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "csms",
            "serve",
            "--port",
            str(port),
            "--ocpp-port",
            str(_free_port()),
            "--tls-port",
            "0",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("csms serve exited while starting")
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/health")
            if connection.getresponse().status == 200:
                connection.close()
                return process
        except OSError:
            pass
        time.sleep(0.2)
    process.terminate()
    raise RuntimeError("csms serve did not start")


def _probe(port: int, pid: int, seconds: float) -> tuple[list[float], int, int]:
    """/health round trips (ms) every PROBE_EVERY for `seconds`; the largest VmRSS sample and
    how many probes failed."""
    timings: list[float] = []
    peak_kib, failures = 0, 0
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        tick = time.monotonic()
        try:
            started = time.perf_counter()
            connection.request("GET", "/health")
            answer = connection.getresponse()
            answer.read()
            timings.append((time.perf_counter() - started) * 1000)
            if answer.status != 200:
                failures += 1
        except (OSError, http.client.HTTPException):
            failures += 1
            connection.close()
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        peak_kib = max(peak_kib, _status_kib(pid, "VmRSS"))
        time.sleep(max(0.0, PROBE_EVERY - (time.monotonic() - tick)))
    connection.close()
    return timings, peak_kib, failures


def measure(env: dict[str, str], scenario: str, clients: int, seconds: float) -> None:
    port = _free_port()
    server = _start(env, port)
    try:
        idle, _, _ = _probe(port, server.pid, 3.0)
        before_kib = _status_kib(server.pid, "VmRSS")
        receive, send = multiprocessing.Pipe(duplex=False)
        flood = multiprocessing.Process(
            target=_flood, args=(port, scenario, clients, seconds, send), daemon=True
        )
        flood.start()
        timings, peak_kib, failures = _probe(port, server.pid, seconds)
        counts = receive.recv() if receive.poll(60) else {}
        flood.join(timeout=30)
        hwm_kib = _status_kib(server.pid, "VmHWM")
    finally:
        server.terminate()
        server.wait(timeout=30)
    logins = sum(v for k, v in counts.items() if k.isdigit())
    emit(
        "login_flood_health_p99_ms",
        percentile(timings, 99) if timings else float("nan"),
        "ms",
        scenario=scenario,
        target=f"<= {TARGET_MS:g}",
        health_p50_ms=percentile(timings, 50) if timings else float("nan"),
        health_max_ms=max(timings) if timings else float("nan"),
        health_probes=len(timings),
        health_failures=failures,
        idle_health_p99_ms=percentile(idle, 99) if idle else float("nan"),
        rss_before_mib=before_kib / 1024,
        peak_rss_mib=peak_kib / 1024,
        hwm_mib=hwm_kib / 1024,
        login_answers=dict(sorted(counts.items())),
        logins_per_s=logins / seconds,
        clients=clients,
        seconds=seconds,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument(
        "--scenario", choices=["one_address", "many_addresses", "both"], default="both"
    )
    args = parser.parse_args()
    scenarios = ["one_address", "many_addresses"] if args.scenario == "both" else [args.scenario]
    with temporary_postgres() as database_url, tempfile.TemporaryDirectory() as tmp:
        env = dict(
            os.environ,
            CSMS_DATA_DIR=tmp,
            CSMS_DATABASE_URL=database_url,
            CSMS_KEY_PASSPHRASE=PASSPHRASE,
        )
        for scenario in scenarios:
            measure(env, scenario, args.clients, args.seconds)


if __name__ == "__main__":
    main()
