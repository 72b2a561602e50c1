"""readmit_5000_s: seconds from a restart of `csms serve` until 5,000 password stations
(security profile 1, HTTP Basic) are connected again and served, with the handshakes that
failed meanwhile.

The run, on a PostgreSQL of its own:
1. a real `csms serve` starts (first start: migrations, PKI);
2. N stations are registered through the product's own registry in one transaction, each with
   the password the product generates for it (what `csms station add` does);
3. a separate process simulates the stations (asyncio + websockets clients, uvloop when
   installed): each connects with Basic auth, sends BootNotification on its very first
   connection and a Heartbeat on every connection, and counts as "served" once that Heartbeat
   is answered. When its connection closes it reconnects after 0.5-2 s, and so does it after a
   refused or failed attempt;
4. once all N are served, the server gets SIGTERM (`shutdown_s`, its exit status and the close
   codes the stations saw are reported), and as soon as it has exited a new `csms serve` is
   started on the same ports. `readmit_<N>_s` runs from that launch (so it includes the new
   process's start-up, `server_start_s`) until all N are served again.

A failed handshake is an attempt that reached the server (TCP connected) but did not end in an
open WebSocket: an HTTP refusal (401, 503, ...), a timeout, or a connection dropped during the
handshake. A refused TCP connection while no server listens is counted apart
(`refused_connects`): that is the restart, not a failure.

Everything goes through the command line and the network, so the same file measures any
version of the product: run it from another checkout's directory to compare.

    .venv/bin/python -m bench.readmit [--stations 5000]

The first round (`first_connect_s`) is what every restart cost before station password
verifiers: one argon2id check per station, each of which stores the station's verifier; the
restart is admitted by those verifiers (docs/security.md, "Station passwords").
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import ctypes
import errno
import http.client
import json
import multiprocessing
import os
import random
import resource
import signal
import socket
import subprocess
import sys
import tempfile
import time
from multiprocessing.sharedctypes import SynchronizedArray
from pathlib import Path
from typing import Any

from bench.common import emit, temporary_postgres

PASSPHRASE = "bench-passphrase-0123"
TARGET_S = 15.0
BOOT = {"reason": "PowerUp", "chargingStation": {"model": "Bench", "vendorName": "UzPnC"}}

# Counters the station process writes and this process reads (one writer, no lock needed),
# but for EPOCH, which this process raises at the restart: READMITTED counts the stations
# served since, each once.
SERVED, FAILED, REFUSED, CLOSED_1001, CLOSED_OTHER, CALL_ERRORS, EPOCH, READMITTED = range(8)
COUNTERS = 8


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def raise_fd_limit() -> None:
    """Thousands of sockets: the soft descriptor limit up to the hard one (children inherit)."""
    _soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))


# --- the stations (a process of their own) --------------------------------------------------


async def _call(ws: Any, message_id: str, action: str, payload: dict[str, Any]) -> bool:
    """Send a CALL, wait for its answer: True for a CALLRESULT."""
    await ws.send(json.dumps([2, message_id, action, payload]))
    while True:
        answer = json.loads(await asyncio.wait_for(ws.recv(), 60))
        if answer[1] == message_id:
            return bool(answer[0] == 3)


async def _station(
    port: int, station_id: str, password: str, counts: Any, stop: asyncio.Event
) -> None:
    from websockets.asyncio.client import connect
    from websockets.exceptions import ConnectionClosed, InvalidHandshake

    token = base64.b64encode(f"{station_id}:{password}".encode()).decode()
    url = f"ws://127.0.0.1:{port}/ocpp/{station_id}"
    rng = random.Random()
    booted = False
    serial = 0
    served_in = -1  # the last epoch in which this station was served
    await asyncio.sleep(rng.uniform(0, 1))  # stations do not all power up in one instant
    while not stop.is_set():
        try:
            ws = await connect(
                url,
                subprotocols=["ocpp2.0.1"],  # type: ignore[list-item]
                additional_headers={"Authorization": f"Basic {token}"},
                open_timeout=60,  # the server's own timeout is the one that should decide
                ping_interval=None,
                close_timeout=5,
                compression=None,
            )
        except OSError as exc:
            if exc.errno == errno.ECONNREFUSED:
                counts[REFUSED] += 1
            else:
                counts[FAILED] += 1
            await asyncio.sleep(rng.uniform(0.5, 2.0))
            continue
        except (InvalidHandshake, TimeoutError, ConnectionClosed, EOFError):
            counts[FAILED] += 1
            await asyncio.sleep(rng.uniform(0.5, 2.0))
            continue
        served = False
        try:
            if not booted:
                serial += 1
                booted = await _call(ws, f"b{serial}", "BootNotification", BOOT)
            serial += 1
            if await _call(ws, f"h{serial}", "Heartbeat", {}):
                served = True
                counts[SERVED] += 1
                if served_in != counts[EPOCH]:
                    served_in = counts[EPOCH]
                    counts[READMITTED] += 1
            else:
                counts[CALL_ERRORS] += 1
            await ws.wait_closed()
        except (ConnectionClosed, TimeoutError):
            pass
        finally:
            if served:
                counts[SERVED] -= 1
            if ws.close_code == 1001:
                counts[CLOSED_1001] += 1
            else:
                counts[CLOSED_OTHER] += 1
            await ws.close()
        await asyncio.sleep(rng.uniform(0.5, 2.0))


def _simulate(port: int, stations: list[tuple[str, str]], counts: Any, stop: Any) -> None:
    raise_fd_limit()
    try:
        import uvloop

        loop = uvloop.new_event_loop()
    except ImportError:
        loop = asyncio.new_event_loop()

    async def run() -> None:
        stopping = asyncio.Event()

        async def watch() -> None:
            while not stop.is_set():
                await asyncio.sleep(0.2)
            stopping.set()

        tasks = [asyncio.create_task(_station(port, i, p, counts, stopping)) for i, p in stations]
        await watch()
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)

    loop.run_until_complete(run())


# --- the server -----------------------------------------------------------------------------


def _launch(env: dict[str, str], http_port: int, ws_port: int) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "csms", "serve", "--port", str(http_port)]
    command += ["--ocpp-port", str(ws_port), "--tls-port", "0"]
    return subprocess.Popen(
        command,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _healthy(port: int) -> bool:
    try:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
        connection.request("GET", "/health")
        ok = connection.getresponse().status == 200
        connection.close()
        return ok
    except (OSError, http.client.HTTPException):
        return False


def _wait_healthy(process: subprocess.Popen[bytes], port: int, seconds: float = 180) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit("csms serve exited while starting")
        if _healthy(port):
            return
        time.sleep(0.2)
    process.kill()
    raise SystemExit("csms serve did not start")


def _register(env: dict[str, str], count: int) -> list[tuple[str, str]]:
    """N profile-1 stations with one long random password: the first through the product's
    registry (its production argon2id hash), the others inserted with that same hash in one
    statement, since hashing 5,000 passwords at ~45 ms each would make the setup the longest
    part of the bench. The handshake's cost is the same: verifiers are per station."""
    import secrets
    from datetime import UTC, datetime

    from csms.container import build_container
    from csms.ocpp.db import StationRecord
    from csms.settings import Settings

    container = build_container(
        Settings(
            database_url=env["CSMS_DATABASE_URL"],
            data_dir=Path(env["CSMS_DATA_DIR"]),
            key_passphrase=PASSPHRASE,
        )
    )
    password = secrets.token_urlsafe(24)
    ids = [f"R{i:06d}" for i in range(count)]
    try:
        with container.transaction() as session:
            container.ocpp.registry.add(
                session, ids[0], security_profile=1, actor="bench", password=password
            )
            password_hash = session.get(StationRecord, ids[0]).password_hash  # type: ignore[union-attr]
            now = datetime.now(UTC)
            session.execute(
                StationRecord.__table__.insert(),
                [
                    {
                        "id": station_id,
                        "security_profile": 1,
                        "password_hash": password_hash,
                        "boot_policy": "accept",
                        "enabled": True,
                        "created_at": now,
                    }
                    for station_id in ids[1:]
                ],
            )
    finally:
        container.close()
    return [(station_id, password) for station_id in ids]


def _verifiers(env: dict[str, str]) -> int:
    """How many stations have a stored password verifier (written at their first argon2id
    check; what admits them after a restart)."""
    from sqlalchemy import create_engine, text

    from csms.database import normalise_url

    engine = create_engine(normalise_url(env["CSMS_DATABASE_URL"]))
    with engine.connect() as connection:
        count = connection.scalar(
            text("SELECT count(*) FROM ocpp_stations WHERE password_verifier IS NOT NULL")
        )
    engine.dispose()
    return int(count or 0)


def _wait_served(
    counts: Any, target: int, process: subprocess.Popen[bytes], http_port: int, seconds: float
) -> tuple[float, float | None]:
    """Seconds until `target` stations were served in this epoch, and until the HTTP side first
    answered."""
    start = time.monotonic()
    http_up: float | None = None
    while time.monotonic() - start < seconds:
        if counts[READMITTED] >= target:
            return time.monotonic() - start, http_up
        if process.poll() is not None:
            raise SystemExit(f"csms serve exited with {process.returncode}")
        if http_up is None and _healthy(http_port):
            http_up = time.monotonic() - start
        time.sleep(0.02)
    raise SystemExit(f"only {counts[READMITTED]} of {target} stations served after {seconds} s")


def _cpu_s(pid: int) -> float:
    """CPU seconds (user + system) the process has used so far, all its threads."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _stop(process: subprocess.Popen[bytes]) -> tuple[float, int]:
    started = time.monotonic()
    process.send_signal(signal.SIGTERM)
    try:
        code = process.wait(timeout=90)
    except subprocess.TimeoutExpired:
        process.kill()
        code = process.wait(timeout=10)
    return time.monotonic() - started, code


def measure(env: dict[str, str], count: int) -> None:
    http_port, ws_port = _free_port(), _free_port()
    server = _launch(env, http_port, ws_port)
    _wait_healthy(server, http_port)
    started = time.monotonic()
    stations = _register(env, count)
    setup_s = time.monotonic() - started

    context = multiprocessing.get_context("spawn")
    counts: SynchronizedArray[Any] = context.Array(ctypes.c_long, COUNTERS, lock=False)  # type: ignore[assignment]
    stop = context.Event()
    simulator = context.Process(
        target=_simulate, args=(ws_port, stations, counts, stop), daemon=True
    )
    simulator.start()
    try:
        first_s, _ = _wait_served(counts, count, server, http_port, 1800)
        verifiers_after_first = _verifiers(env)
        before = list(counts)
        shutdown_s, exit_code = _stop(server)
        at_restart = list(counts)
        assert simulator.pid is not None
        stations_cpu = _cpu_s(simulator.pid)
        # The old server has exited: whoever is served from now on, the new one served.
        counts[READMITTED] = 0
        counts[EPOCH] += 1
        server = _launch(env, http_port, ws_port)
        readmit_s, http_up_s = _wait_served(counts, count, server, http_port, 1800)
        after = list(counts)
        server_cpu_s = _cpu_s(server.pid)
        stations_cpu_s = _cpu_s(simulator.pid) - stations_cpu
    finally:
        stop.set()
        simulator.join(timeout=60)
        if simulator.is_alive():
            simulator.kill()
        _stop(server)

    failed = after[FAILED] - at_restart[FAILED]
    common: dict[str, Any] = {
        "stations": count,
        "notes": "profile 1, one long random password, production argon2id hash",
    }
    emit(
        "first_connect_s",
        first_s,
        "s",
        **common,
        failed_handshakes=before[FAILED],
        verifiers_after=verifiers_after_first,
    )
    emit(
        "shutdown_s",
        shutdown_s,
        "s",
        **common,
        exit_code=exit_code,
        # Each station's connection ends once in the restart; counted up to readmission,
        # since a station may notice a killed server only after the new one started.
        closed_1001=after[CLOSED_1001] - before[CLOSED_1001],
        closed_other=after[CLOSED_OTHER] - before[CLOSED_OTHER],
    )
    emit(
        f"readmit_{count}_s",
        readmit_s,
        "s",
        **common,
        target=f"<= {TARGET_S:g}",
        server_start_s=http_up_s,
        failed_handshakes=failed,
        refused_connects=after[REFUSED] - at_restart[REFUSED],
        call_errors=after[CALL_ERRORS] - at_restart[CALL_ERRORS],
        # CPU used until all were served: the new server's (start-up included) and the
        # station simulator's over the same span, on the machine's shared cores.
        server_cpu_s=server_cpu_s,
        stations_cpu_s=stations_cpu_s,
        cores=os.cpu_count(),
        setup_s=setup_s,
    )
    emit("readmit_failed_handshakes", failed, "count", **common, target="0")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stations", type=int, default=5000)
    args = parser.parse_args()
    raise_fd_limit()
    with temporary_postgres() as database_url, tempfile.TemporaryDirectory() as tmp:
        env = dict(
            os.environ,
            CSMS_DATA_DIR=tmp,
            CSMS_DATABASE_URL=database_url,
            CSMS_KEY_PASSPHRASE=PASSPHRASE,
        )
        measure(env, args.stations)


if __name__ == "__main__":
    main()
