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
from datetime import UTC, datetime
from pathlib import Path

from bench.common import emit, temporary_postgres
from bench.ocpp_common import prepare_product, raise_fd_limit, server_process
from bench.ocpp_rtt_ratio_vs_bare_lib import drive

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


async def drive16(port: int, *, auth: bool) -> float:
    return await drive(port, auth=auth, subprotocol="ocpp1.6", boot=BOOT16, status=status16)


def main() -> None:
    raise_fd_limit()
    ours: list[float] = []
    bare: list[float] = []
    with temporary_postgres() as url, tempfile.TemporaryDirectory() as tmp:
        prepare_product(url, Path(tmp), CLIENTS, cheap_hash=False)
        for _ in range(ROUNDS):
            with server_process("bare16") as (_process, port):
                bare.append(asyncio.run(drive16(port, auth=False)))
            with server_process("ours", url, tmp) as (_process, port):
                ours.append(asyncio.run(drive16(port, auth=True)))
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
