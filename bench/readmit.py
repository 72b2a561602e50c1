"""Readmission after a restart: how long until N password stations are connected again.

The product's OCPP server runs as a child process on PostgreSQL (bench/ocpp_servers.py, as in
the other OCPP benches); the stations carry the production argon2id hash (19 MiB, t = 2). Two
rounds, same run:

- `readmit_cold_s`: every station connects for the first time since it got its password: one
  argon2 check each (what every restart cost before station password verifiers; the baseline);
- `readmit_<N>_s`: the server process is stopped and a new one started, and all stations
  reconnect at once: the verifiers written in the first round admit them (HMAC, microseconds).

A station counts once its BootNotification is answered; a refused or failed handshake is
counted in `failed_handshakes` (the station does not retry within the bench).

Run: .venv/bin/python -m bench.readmit [STATIONS]
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.common import emit, temporary_postgres
from bench.ocpp_common import (
    BOOT,
    call,
    gather_limited,
    open_station,
    prepare_product,
    raise_fd_limit,
    server_process,
)

STATIONS = 5000
# Handshakes in flight at once: a storm, bounded only so the bench's own process keeps up.
CONCURRENCY = 256


async def _one(port: int, i: int) -> Any:
    ws = await open_station(port, i)
    answer = await call(ws, "BootNotification", BOOT)
    if answer[0] != 3 or answer[2]["status"] != "Accepted":
        await ws.close()
        raise RuntimeError(f"boot answered {answer}")
    return ws


async def _storm(port: int, stations: int) -> tuple[float, int, list[Any]]:
    started = time.monotonic()
    opened = await gather_limited([_one(port, i) for i in range(stations)], CONCURRENCY)
    seconds = time.monotonic() - started
    sockets = [ws for ws in opened if not isinstance(ws, BaseException)]
    failed = len(opened) - len(sockets)
    await asyncio.gather(*(ws.close() for ws in sockets), return_exceptions=True)
    return seconds, failed, [repr(x) for x in opened if isinstance(x, BaseException)][:3]


def main() -> None:
    stations = int(sys.argv[1]) if len(sys.argv) > 1 else STATIONS
    raise_fd_limit()
    with temporary_postgres() as url, tempfile.TemporaryDirectory() as tmp:
        prepare_product(url, Path(tmp), stations, cheap_hash=False)
        with server_process("ours", url, tmp) as (_process, port):
            cold, cold_failed, cold_errors = asyncio.run(_storm(port, stations))
        with server_process("ours", url, tmp) as (_process, port):  # the restart
            warm, warm_failed, warm_errors = asyncio.run(_storm(port, stations))
    emit(
        "readmit_cold_s",
        round(cold, 1),
        "s",
        stations=stations,
        failed_handshakes=cold_failed,
        errors=cold_errors,
        notes="first connection after the password was set: one argon2id check per station",
    )
    emit(
        f"readmit_{stations}_s",
        round(warm, 1),
        "s",
        stations=stations,
        failed_handshakes=warm_failed,
        errors=warm_errors,
        baseline=round(cold, 1),
        ratio=round(warm / cold, 3) if cold else None,
        notes="after a restart: the stored verifiers admit them",
    )


if __name__ == "__main__":
    main()
