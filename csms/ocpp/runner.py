"""Running the OCPP server on an event loop and a thread of its own.

`csms serve` runs the HTTP side (API, console, OCSP) on the main thread's loop and the OCPP
server here, so OCSP signatures, API requests and console pages never share a loop with the
stations' WebSockets; the tests run it the same way.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Coroutine
from typing import Any, TypeVar

from .parts import OcppParts
from .server import OcppServer

T = TypeVar("T")


def run_event_loop(main: Coroutine[Any, Any, T]) -> T:
    """Run `main` on the event loop `new_event_loop` makes."""
    with asyncio.Runner(loop_factory=new_event_loop) as runner:
        return runner.run(main)


def new_event_loop() -> asyncio.AbstractEventLoop:
    """uvloop where it is installed (uvicorn[standard] brings it, and uvicorn itself chooses
    it when it owns the loop), else asyncio's own. uvloop accepts and closes connections at a
    fraction of the default loop's cost."""
    try:
        import uvloop
    except ImportError:
        return asyncio.new_event_loop()
    return uvloop.new_event_loop()


class BackgroundServer:
    """An OcppServer on its own event loop in a daemon thread."""

    def __init__(self, parts: OcppParts) -> None:
        self.server = OcppServer(parts)
        self._loop = new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="ocpp", daemon=True)

    def start(
        self, host: str = "127.0.0.1", *, port: int | None = 0, tls_port: int | None = None
    ) -> dict[str, int]:
        self._thread.start()
        return self.submit(self.server.start(host, port=port, tls_port=tls_port))

    def hurry(self) -> None:
        """Cut a graceful stop's wait for CALLs in flight short (any thread)."""
        self.server.hurry()

    def submit(self, coro: Coroutine[Any, Any, T], timeout: float = 60) -> T:
        return asyncio.run_coroutine_threadsafe(coro, self._loop).result(timeout)

    def stop(self, drain_seconds: float = 0.0) -> None:
        """Stop the server gracefully (OcppServer.stop), then its loop."""
        try:
            # The drain, then closing handshakes (CLOSE_WAIT), then the store's last flush.
            self.submit(self.server.stop(drain_seconds), timeout=drain_seconds + 30)
        finally:
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join(timeout=10)
