"""Shared parts of the OCPP benchmarks: server child processes, bench stations, clients."""

from __future__ import annotations

import asyncio
import base64
import json
import resource
import subprocess
import sys
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from argon2 import PasswordHasher
from websockets.asyncio.client import ClientConnection, connect

from bench.ocpp_servers import PASSPHRASE

PASSWORD = "bench-station-password-01"
BOOT = {"reason": "PowerUp", "chargingStation": {"model": "Bench", "vendorName": "UzPnC"}}


def raise_fd_limit() -> None:
    _soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))


def prepare_product(database_url: str, data_dir: Path, stations: int, *, cheap_hash: bool) -> None:
    """A product with its PKI and `stations` registered profile-1 stations B00000… .

    With `cheap_hash`, stations get an argon2id hash of minimal cost (m=1 MiB, t=1) instead of
    the registry's production parameters, so that thousands of handshakes fit the benchmark's
    time bound; the production cost is measured separately (argon2_verify_ms)."""
    from csms.container import build_container
    from csms.ocpp.db import StationRecord
    from csms.ocpp.stations import _HASHER
    from csms.settings import Settings

    container = build_container(
        Settings(database_url=database_url, data_dir=data_dir, key_passphrase=PASSPHRASE)
    )
    with container.transaction() as session:
        container.ca.init(session, "bench", names=("v2g-root", "cpo-sub1", "cpo-sub2"))
    hasher = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1) if cheap_hash else _HASHER
    password_hash = hasher.hash(PASSWORD)
    now = datetime.now(UTC)
    with container.transaction() as session:
        session.execute(
            StationRecord.__table__.insert(),
            [
                {
                    "id": station_id(i),
                    "security_profile": 1,
                    "password_hash": password_hash,
                    "boot_policy": "accept",
                    "enabled": True,
                    "created_at": now,
                }
                for i in range(stations)
            ],
        )
    container.close()


def station_id(i: int) -> str:
    return f"B{i:06d}"


@contextmanager
def server_process(*args: str) -> Iterator[tuple[subprocess.Popen[str], int]]:
    process = subprocess.Popen(
        [sys.executable, "-m", "bench.ocpp_servers", *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        if not line.startswith("PORT "):
            raise SystemExit(f"server {args[0]} did not start: {line!r}")
        yield process, int(line.split()[1])
    finally:
        if process.stdin:
            process.stdin.close()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()


def rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


async def open_station(
    port: int, i: int, *, auth: bool = True, subprotocol: str = "ocpp2.0.1"
) -> ClientConnection:
    headers = {}
    if auth:
        token = base64.b64encode(f"{station_id(i)}:{PASSWORD}".encode()).decode()
        headers["Authorization"] = f"Basic {token}"
    return await connect(
        f"ws://127.0.0.1:{port}/ocpp/{station_id(i)}",
        subprotocols=[subprotocol],  # type: ignore[list-item]
        additional_headers=headers,
        compression=None,
        open_timeout=120,
        ping_interval=None,
        max_size=2**20,
    )


async def call(ws: ClientConnection, action: str, payload: dict[str, Any]) -> list[Any]:
    message_id = uuid.uuid4().hex
    await ws.send(json.dumps([2, message_id, action, payload]))
    while True:
        answer = json.loads(await ws.recv())
        if answer[1] == message_id:
            return answer


def status_payload() -> dict[str, Any]:
    return {
        "timestamp": datetime.now(UTC).isoformat(),
        "connectorStatus": "Available",
        "evseId": 1,
        "connectorId": 1,
    }


async def gather_limited(coros: list[Any], limit: int) -> list[Any]:
    semaphore = asyncio.Semaphore(limit)

    async def one(coro: Any) -> Any:
        async with semaphore:
            return await coro

    return await asyncio.gather(*(one(c) for c in coros), return_exceptions=True)
