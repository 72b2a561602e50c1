"""What the 1.6 translation (handlers16.py) and the Plug & Charge envelope (pnc16.py) need of
the 2.0.1 handlers: a port, so neither imports the module that builds them (handlers.py)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from typing import Any, Protocol, TypeVar

from sqlalchemy.orm import Session

from . import rpc
from .connection import HandlerResult, StationConnection
from .store import OcppStore

T = TypeVar("T")
Handler = Callable[[StationConnection, dict[str, Any]], Awaitable[HandlerResult]]


class CoreHandlers(Protocol):
    @property
    def store(self) -> OcppStore: ...

    async def in_transaction(self, work: Callable[[Session], T]) -> T: ...

    async def boot_notification(
        self, conn: StationConnection, p: dict[str, Any]
    ) -> HandlerResult: ...

    async def security_event_notification(
        self, conn: StationConnection, p: dict[str, Any]
    ) -> HandlerResult: ...

    async def authorize(self, conn: StationConnection, p: dict[str, Any]) -> HandlerResult: ...

    async def get_15118_ev_certificate(
        self, conn: StationConnection, p: dict[str, Any]
    ) -> HandlerResult: ...

    async def get_certificate_status(
        self, conn: StationConnection, p: dict[str, Any]
    ) -> HandlerResult: ...

    async def sign_certificate(
        self, conn: StationConnection, p: dict[str, Any]
    ) -> HandlerResult: ...


# Before a station's boot is Accepted it may only boot; while Pending it may also ask for its
# certificate (A00.FR.429/807: the operator renews credentials during Pending).
ALLOWED_BEFORE_ACCEPTED = frozenset({"BootNotification"})
ALLOWED_WHILE_PENDING = frozenset({"BootNotification", "SignCertificate"})


def admitted(
    conn: StationConnection,
    call: rpc.Call,
    table: Mapping[str, Handler],
    acknowledged: frozenset[str],
) -> Handler | None:
    """The handler for `call` on `conn`'s version (None: acknowledged with an empty answer),
    or the part 4 error. Order matters: an unknown action is NotImplemented and one the CSMS
    never takes is NotSupported even before boot; a malformed payload is reported as such;
    only then does the boot state decide."""
    version = conn.version
    if call.action not in rpc.actions(version):
        raise rpc.NotImplementedAction(f"{call.action} is not an OCPP {version.value} action")
    handler = table.get(call.action)
    if handler is None and call.action not in acknowledged:
        raise rpc.NotSupported(f"{call.action} is not supported by this CSMS")
    rpc.validate(call.action, call.payload, request=True, version=version)
    allowed = (
        None
        if conn.accepted
        else ALLOWED_WHILE_PENDING
        if conn.boot_status == "Pending"
        else ALLOWED_BEFORE_ACCEPTED
    )
    if allowed is not None and call.action not in allowed:
        raise rpc.SecurityError(f"{call.action} before BootNotification was accepted")
    return handler


__all__ = [
    "ALLOWED_BEFORE_ACCEPTED",
    "ALLOWED_WHILE_PENDING",
    "CoreHandlers",
    "Handler",
    "admitted",
]
