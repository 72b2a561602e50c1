"""Server processes for the OCPP benchmarks: the product's OCPP server, and a bare server on
the `ocpp` package (its ChargePoint class with three @on handlers, no authentication, no
storage), both on the `websockets` library. Run as a child process; prints `PORT n` when ready
and serves until its standard input closes.

    python -m bench.ocpp_servers ours DATABASE_URL DATA_DIR
    python -m bench.ocpp_servers bare
    python -m bench.ocpp_servers bare16      (the `ocpp` package's v16 ChargePoint, ocpp1.6)
"""

from __future__ import annotations

import asyncio
import resource
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

PASSPHRASE = "bench-passphrase-0123"


def _raise_fd_limit() -> None:
    _soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))


async def _until_stdin_closes() -> None:
    loop = asyncio.get_running_loop()
    await loop.run_in_executor(None, sys.stdin.read)


async def run_ours(database_url: str, data_dir: str) -> None:
    from csms.container import build_container
    from csms.ocpp.server import OcppServer
    from csms.settings import Settings

    container = build_container(
        Settings(database_url=database_url, data_dir=Path(data_dir), key_passphrase=PASSPHRASE)
    )
    server = OcppServer(container.ocpp)
    ports = await server.start("127.0.0.1", port=0)
    print(f"PORT {ports['ws']}", flush=True)
    await _until_stdin_closes()
    await server.stop()


async def run_bare(version: str = "2.0.1") -> None:
    """The bare `ocpp`-package server of `version` (its v201 or v16 ChargePoint)."""
    from ocpp.routing import on
    from websockets.asyncio.server import ServerConnection, serve

    if version == "1.6":
        from ocpp.v16 import ChargePoint, call_result
    else:
        from ocpp.v201 import ChargePoint, call_result  # type: ignore[assignment]

    def now() -> str:
        return datetime.now(UTC).isoformat()

    class Station(ChargePoint):  # type: ignore[misc]
        @on("BootNotification")
        async def on_boot(self, **_: Any) -> Any:
            return call_result.BootNotification(current_time=now(), interval=300, status="Accepted")

        @on("Heartbeat")
        async def on_heartbeat(self, **_: Any) -> Any:
            return call_result.Heartbeat(current_time=now())

        @on("StatusNotification")
        async def on_status(self, **_: Any) -> Any:
            return call_result.StatusNotification()

    async def handler(connection: ServerConnection) -> None:
        station = Station(connection.request.path.rsplit("/", 1)[-1], connection)
        try:
            await station.start()
        except Exception:  # noqa: S110 - a closed connection ends the bare server's loop
            pass

    server = await serve(
        handler,
        "127.0.0.1",
        0,
        subprotocols=[f"ocpp{version}"],  # type: ignore[list-item]
        compression=None,
    )
    port = next(iter(server.sockets)).getsockname()[1]
    print(f"PORT {port}", flush=True)
    await _until_stdin_closes()
    server.close()


def main() -> None:
    _raise_fd_limit()
    if sys.argv[1] == "ours":
        asyncio.run(run_ours(sys.argv[2], sys.argv[3]))
    elif sys.argv[1] == "bare16":
        asyncio.run(run_bare("1.6"))
    else:
        asyncio.run(run_bare())


if __name__ == "__main__":
    main()
