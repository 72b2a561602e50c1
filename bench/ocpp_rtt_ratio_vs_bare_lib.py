"""OCPP round trips per second: the product's server against a bare `ocpp`-package server.

Both run as one child process each (bench/ocpp_servers.py) and are driven by the same client
in this process: CLIENTS stations, each sending Heartbeat and StatusNotification alternately,
one outstanding CALL per station (as OCPP-J requires), for SECONDS. The product's server does
everything it does in production on these messages (frame checks, schema validation of request
and response, boot-state check, coalesced status/last-seen writes to PostgreSQL); the bare one
validates with the `ocpp` package and stores nothing. Rounds alternate (bare, ours, bare, ours)
and each figure is the mean of its rounds.

Figure: ocpp_rtt_ratio_vs_bare_lib = ours / bare (target ≥ 0.7).

Run: .venv/bin/python -m bench.ocpp_rtt_ratio_vs_bare_lib
"""

from __future__ import annotations

import asyncio
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.common import emit, temporary_postgres
from bench.ocpp_common import (
    BOOT,
    call,
    open_station,
    prepare_product,
    raise_fd_limit,
    server_process,
    status_payload,
)

CLIENTS = 20
SECONDS = 5.0
ROUNDS = 2


async def drive(
    port: int,
    *,
    auth: bool,
    subprotocol: str = "ocpp2.0.1",
    boot: dict[str, Any] = BOOT,
    status: Callable[[], dict[str, Any]] = status_payload,
) -> float:
    """Round trips per second: CLIENTS stations on `subprotocol`, Heartbeat and
    StatusNotification alternately, one outstanding CALL each, for SECONDS."""
    sockets = [
        await open_station(port, i, auth=auth, subprotocol=subprotocol) for i in range(CLIENTS)
    ]
    for ws in sockets:
        assert ws.subprotocol == subprotocol
        answer = await call(ws, "BootNotification", boot)
        assert answer[0] == 3 and answer[2]["status"] == "Accepted", answer
    counts = [0] * CLIENTS
    deadline = time.monotonic() + SECONDS

    async def loop(index: int) -> None:
        ws = sockets[index]
        while time.monotonic() < deadline:
            if counts[index] % 2:
                answer = await call(ws, "StatusNotification", status())
            else:
                answer = await call(ws, "Heartbeat", {})
            assert answer[0] == 3, answer
            counts[index] += 1

    start = time.monotonic()
    await asyncio.gather(*(loop(i) for i in range(CLIENTS)))
    elapsed = time.monotonic() - start
    await asyncio.gather(*(ws.close() for ws in sockets))
    return sum(counts) / elapsed


def main() -> None:
    raise_fd_limit()
    ours: list[float] = []
    bare: list[float] = []
    with temporary_postgres() as url, tempfile.TemporaryDirectory() as tmp:
        prepare_product(url, Path(tmp), CLIENTS, cheap_hash=False)
        for _ in range(ROUNDS):
            with server_process("bare") as (_process, port):
                bare.append(asyncio.run(drive(port, auth=False)))
            with server_process("ours", url, tmp) as (_process, port):
                ours.append(asyncio.run(drive(port, auth=True)))
    ours_rate = sum(ours) / len(ours)
    bare_rate = sum(bare) / len(bare)
    emit(
        "ocpp_rtt_ratio_vs_bare_lib",
        ours_rate / bare_rate,
        "ratio",
        baseline=0.7,
        ratio=ours_rate / bare_rate,
        ours_per_s=round(ours_rate, 1),
        bare_ocpp_lib_per_s=round(bare_rate, 1),
        clients=CLIENTS,
        seconds_per_round=SECONDS,
        rounds=ROUNDS,
    )


if __name__ == "__main__":
    main()
