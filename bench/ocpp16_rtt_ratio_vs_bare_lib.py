"""OCPP 1.6J round trips per second: the product's server against a bare `ocpp`-package 1.6
server (its v16 ChargePoint with three @on handlers, no authentication, no storage).

As bench/ocpp_rtt_ratio_vs_bare_lib.py, on subprotocol ocpp1.6: CLIENTS stations, each sending
Heartbeat and StatusNotification alternately, one outstanding CALL per station, for SECONDS,
rounds alternating (bare, ours). Ours does per message what it does in production for a 1.6
station: frame checks, 1.6 schema validation of request and response, the boot-state check,
the translation into the shared model and the coalesced status / last-seen writes.

Figure: ocpp16_rtt_ratio_vs_bare_lib = ours / bare (target ≥ 0.7).

Run: .venv/bin/python -m bench.ocpp16_rtt_ratio_vs_bare_lib
"""

from __future__ import annotations

import asyncio
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from bench.common import emit, temporary_postgres
from bench.ocpp_common import call, open_station, prepare_product, raise_fd_limit, server_process

CLIENTS = 20
SECONDS = 5.0
ROUNDS = 2
BOOT16 = {"chargePointVendor": "UzPnC", "chargePointModel": "Bench-16"}


def status16() -> dict[str, object]:
    return {
        "connectorId": 1,
        "errorCode": "NoError",
        "status": "Available",
        "timestamp": datetime.now(UTC).isoformat(),
    }


async def drive(port: int, *, auth: bool) -> float:
    sockets = [
        await open_station(port, i, auth=auth, subprotocol="ocpp1.6") for i in range(CLIENTS)
    ]
    for ws in sockets:
        assert ws.subprotocol == "ocpp1.6"
        answer = await call(ws, "BootNotification", BOOT16)
        assert answer[0] == 3 and answer[2]["status"] == "Accepted", answer
    counts = [0] * CLIENTS
    deadline = time.monotonic() + SECONDS

    async def loop(index: int) -> None:
        ws = sockets[index]
        while time.monotonic() < deadline:
            if counts[index] % 2:
                answer = await call(ws, "StatusNotification", status16())
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
            with server_process("bare16") as (_process, port):
                bare.append(asyncio.run(drive(port, auth=False)))
            with server_process("ours", url, tmp) as (_process, port):
                ours.append(asyncio.run(drive(port, auth=True)))
    ours_rate = sum(ours) / len(ours)
    bare_rate = sum(bare) / len(bare)
    emit(
        "ocpp16_rtt_ratio_vs_bare_lib",
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
