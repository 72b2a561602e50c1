"""How many stations one OCPP server process holds, connected and heartbeating.

The product's OCPP server runs as one child process on PostgreSQL; this process opens
STATIONS profile-1 connections to it (64 handshakes at a time), each sends BootNotification,
then every station sends a Heartbeat every HEARTBEAT_EVERY seconds for HOLD seconds. A station
counts if it stayed connected and every one of its calls was answered.

Figures:
- ocpp_concurrent_stations: stations connected and heartbeating (target ≥ 5,000);
  memory_per_connection_kib = (server RSS with all connected - RSS before) / stations;
- argon2_verify_ms: one HTTP Basic password check at the registry's production argon2id
  parameters, the per-handshake cost of a station not seen since the process started. The
  bench stations carry a minimal-cost argon2id hash so that 5,000 handshakes fit the time
  bound; see BENCHMARKS.md.

Run: .venv/bin/python -m bench.ocpp_concurrent_stations [STATIONS]
"""

from __future__ import annotations

import asyncio
import random
import sys
import tempfile
import time
from pathlib import Path

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
TARGET = 5000
HOLD = 30.0
HEARTBEAT_EVERY = 10.0


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


async def run(port: int, pid: int, stations: int) -> None:
    rss_before = rss_kib(pid)
    started = time.monotonic()
    latencies: list[float] = []
    opened = await gather_limited([station_life(port, i) for i in range(stations)], 64)
    connect_seconds = time.monotonic() - started
    sockets = [ws for ws in opened if ws not in (False, None) and not isinstance(ws, BaseException)]
    failures = [repr(x) for x in opened if isinstance(x, BaseException)][:3]
    await asyncio.sleep(2)  # let the server settle (write-behind flush, GC)
    rss_connected = rss_kib(pid)
    deadline = time.monotonic() + HOLD
    results = await asyncio.gather(
        *(heartbeat_loop(ws, deadline, latencies) for ws in sockets), return_exceptions=True
    )
    alive = sum(1 for r in results if r is True)
    rss_end = rss_kib(pid)
    await asyncio.gather(*(ws.close() for ws in sockets), return_exceptions=True)
    per_connection = (rss_connected - rss_before) / max(1, len(sockets))
    emit(
        "ocpp_concurrent_stations",
        alive,
        "stations",
        baseline=TARGET,
        ratio=alive / TARGET,
        attempted=stations,
        connect_seconds=round(connect_seconds, 1),
        memory_per_connection_kib=round(per_connection, 1),
        server_rss_mib=round(rss_end / 1024, 1),
        heartbeats=len(latencies),
        heartbeat_p99_ms=round(percentile(latencies, 99) * 1000, 2) if latencies else None,
        hold_seconds=HOLD,
        failures=failures,
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
            asyncio.run(run(port, process.pid, stations))
    emit("argon2_verify_ms", argon2_verify_ms(), "ms", notes="argon2id m=19 MiB t=2 p=1")


if __name__ == "__main__":
    main()
