"""Running the OCPP server beside the HTTP API: in `csms serve` (one event loop for both) and
in a background thread (tests)."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Coroutine
from typing import Any, TypeVar

from ..ocsp_front import http_protocol_for
from ..product import Product
from .ports import ContractDecisions
from .server import OcppServer

T = TypeVar("T")


def run_event_loop(main: Coroutine[Any, Any, T]) -> T:
    """Run the server's coroutine on the event loop `new_event_loop` makes."""
    with asyncio.Runner(loop_factory=new_event_loop) as runner:
        return runner.run(main)


def new_event_loop() -> asyncio.AbstractEventLoop:
    """uvloop where it is installed (uvicorn[standard] brings it, and uvicorn itself chooses
    it when it owns the loop), else asyncio's own. uvloop accepts and closes connections at a
    fraction of the default loop's cost, which is what an OCSP responder answering one request
    per connection spends its time on. `csms serve` and the background server the tests use
    run on the same kind of loop."""
    try:
        import uvloop
    except ImportError:
        return asyncio.new_event_loop()
    return uvloop.new_event_loop()


async def serve_all(
    product: Product,
    app: Any,
    *,
    host: str,
    port: int,
    ocpp_port: int | None,
    tls_port: int | None,
    access_log: bool,
) -> None:
    """The HTTP API (uvicorn) and the OCPP listeners on one event loop."""
    import uvicorn

    server = OcppServer(product)
    product.extras["ocpp"] = server
    ports = await server.start(host, port=ocpp_port, tls_port=tls_port)
    for name, bound in ports.items():
        print(f"OCPP 2.0.1 listening on {name}://{host}:{bound}/ocpp/{{station_id}}", flush=True)
    config = uvicorn.Config(
        app,
        host=host,
        port=port,
        log_level="info",
        access_log=access_log,
        http=http_protocol_for(app),  # OCSP answered at the connection (csms.ocsp_front)
    )
    try:
        await uvicorn.Server(config).serve()
    finally:
        await server.stop()


class BackgroundServer:
    """An OcppServer on its own event loop in a daemon thread."""

    def __init__(self, product: Product, *, contracts: ContractDecisions | None = None) -> None:
        self.server = OcppServer(product, contracts=contracts)
        product.extras["ocpp"] = self.server
        self._loop = new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)

    def start(self, *, port: int | None = 0, tls_port: int | None = None) -> dict[str, int]:
        self._thread.start()
        return self.submit(self.server.start("127.0.0.1", port=port, tls_port=tls_port))

    def submit(self, coro: Coroutine[Any, Any, T], timeout: float = 60) -> T:
        return asyncio.run_coroutine_threadsafe(coro, self._loop).result(timeout)

    def stop(self) -> None:
        try:
            self.submit(self.server.stop(), timeout=30)
        finally:
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join(timeout=10)
