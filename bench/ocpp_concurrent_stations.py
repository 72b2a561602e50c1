"""How many stations one OCPP server process holds, connected and heartbeating.

The product's OCPP server runs as one child process on PostgreSQL; client processes (at most
CLIENT_SHARE stations each, so no client runs out of file descriptors) open STATIONS profile-1
connections to it (64 handshakes at a time in all), each sends BootNotification; once all are
connected the server's memory is read, then every station sends a Heartbeat every
HEARTBEAT_EVERY seconds for HOLD seconds. A station counts if it stayed connected and every one
of its calls was answered.

Figures:
- ocpp_concurrent_stations: stations connected and heartbeating (target ≥ 5,000);
  memory_per_connection_kib = (server RSS with all connected - RSS before) / stations;
- argon2_verify_ms: one HTTP Basic password check at the registry's production argon2id
  parameters, the per-handshake cost of a station not seen since the process started. The
  bench stations carry a minimal-cost argon2id hash so that 5,000 handshakes fit the time
  bound; see BENCHMARKS.md.

The server process's file descriptors bound what it can hold: each station is one socket,
and the process needs a few dozen more (PostgreSQL connections, listeners). The bench reports
the limit it ran under (`fd_limit`); on a machine whose hard limit is 20,000 the most one
process can hold is a little under that.

Run: .venv/bin/python -m bench.ocpp_concurrent_stations [STATIONS]
"""

from __future__ import annotations

import asyncio
import multiprocessing
import random
import resource
import sys
import tempfile
import time
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from bench.common import emit, percentile, temporary_postgres
from bench.ocpp_common import (
    BOOT,
    PASSWORD,
    call,
    gather_limited,
    open_station,
    prepare_product,
    raise_fd_limit,
    rss_kib,
    server_process,
)

STATIONS = 5000
TARGET = 20000
HOLD = 30.0
HEARTBEAT_EVERY = 10.0
CLIENT_SHARE = 5000


async def station_life(port: int, i: int):  # type: ignore[no-untyped-def]
    ws = await open_station(port, i)
    try:
        answer = await call(ws, "BootNotification", BOOT)
        if answer[0] != 3 or answer[2]["status"] != "Accepted":
            return False
        return ws
    except Exception:
        await ws.close()
        raise


async def heartbeat_loop(ws, deadline: float, latencies: list[float]) -> bool:  # type: ignore[no-untyped-def]
    await asyncio.sleep(random.uniform(0, HEARTBEAT_EVERY))
    while time.monotonic() < deadline:
        start = time.perf_counter()
        answer = await call(ws, "Heartbeat", {})
        latencies.append(time.perf_counter() - start)
        if answer[0] != 3:
            return False
        await asyncio.sleep(HEARTBEAT_EVERY)
    return True


async def _client_life(
    port: int, indices: range, concurrency: int, pipe: Connection
) -> dict[str, Any]:
    latencies: list[float] = []
    started = time.monotonic()
    opened = await gather_limited([station_life(port, i) for i in indices], concurrency)
    sockets = [ws for ws in opened if ws not in (False, None) and not isinstance(ws, BaseException)]
    failures = [repr(x) for x in opened if isinstance(x, BaseException)][:3]
    pipe.send(("connected", len(sockets), time.monotonic() - started))
    await asyncio.get_running_loop().run_in_executor(None, pipe.recv)  # all clients connected
    deadline = time.monotonic() + HOLD
    results = await asyncio.gather(
        *(heartbeat_loop(ws, deadline, latencies) for ws in sockets), return_exceptions=True
    )
    await asyncio.gather(*(ws.close() for ws in sockets), return_exceptions=True)
    return {
        "alive": sum(1 for r in results if r is True),
        "latencies": latencies,
        "failures": failures,
    }


def _client(port: int, indices: range, concurrency: int, pipe: Connection) -> None:
    raise_fd_limit()
    pipe.send(("done", asyncio.run(_client_life(port, indices, concurrency, pipe))))


def run(port: int, pid: int, stations: int) -> None:
    rss_before = rss_kib(pid)
    shares = [
        range(start, min(start + CLIENT_SHARE, stations))
        for start in range(0, stations, CLIENT_SHARE)
    ]
    concurrency = max(1, 64 // len(shares))
    context = multiprocessing.get_context("spawn")
    pipes, clients = [], []
    for indices in shares:
        ours, theirs = context.Pipe()
        client = context.Process(target=_client, args=(port, indices, concurrency, theirs))
        client.start()
        pipes.append(ours)
        clients.append(client)
    connected = [pipe.recv() for pipe in pipes]
    connect_seconds = max(c[2] for c in connected)
    sockets = sum(c[1] for c in connected)
    time.sleep(2)  # let the server settle (write-behind flush, GC)
    rss_connected = rss_kib(pid)
    for pipe in pipes:
        pipe.send("go")
    results = [pipe.recv()[1] for pipe in pipes]
    rss_end = rss_kib(pid)
    for client in clients:
        client.join(timeout=60)
    latencies = [v for r in results for v in r["latencies"]]
    alive = sum(r["alive"] for r in results)
    per_connection = (rss_connected - rss_before) / max(1, sockets)
    emit(
        "ocpp_concurrent_stations",
        alive,
        "stations",
        baseline=TARGET,
        ratio=alive / TARGET,
        attempted=stations,
        connected=sockets,
        client_processes=len(shares),
        fd_limit=resource.getrlimit(resource.RLIMIT_NOFILE)[1],
        connect_seconds=round(connect_seconds, 1),
        memory_per_connection_kib=round(per_connection, 1),
        server_rss_mib=round(rss_end / 1024, 1),
        heartbeats=len(latencies),
        heartbeat_p99_ms=round(percentile(latencies, 99) * 1000, 2) if latencies else None,
        hold_seconds=HOLD,
        failures=[f for r in results for f in r["failures"]][:3],
    )


def argon2_verify_ms() -> float:
    from csms.ocpp.stations import _HASHER

    stored = _HASHER.hash(PASSWORD)
    runs = 10
    start = time.perf_counter()
    for _ in range(runs):
        _HASHER.verify(stored, PASSWORD)
    return (time.perf_counter() - start) / runs * 1000


def main() -> None:
    stations = int(sys.argv[1]) if len(sys.argv) > 1 else STATIONS
    raise_fd_limit()
    with temporary_postgres() as url, tempfile.TemporaryDirectory() as tmp:
        prepare_product(url, Path(tmp), stations, cheap_hash=True)
        with server_process("ours", url, tmp) as (process, port):
            run(port, process.pid, stations)
    emit("argon2_verify_ms", argon2_verify_ms(), "ms", notes="argon2id m=19 MiB t=2 p=1")


if __name__ == "__main__":
    main()
