"""What the 1.6 translation (handlers16.py) and the Plug & Charge envelope (pnc16.py) need of
the 2.0.1 handlers: a port, so neither imports the module that builds them (handlers.py)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, Protocol, TypeVar

from sqlalchemy.orm import Session

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


__all__ = ["CoreHandlers", "Handler"]
