"""The stations connected to this process, and how anyone in the process reaches them, or
a station held by another node of the cluster.

The OCPP server runs its own event loop in its own thread (csms/serve.py), apart from the
HTTP loop that serves the API, the console and OCSP, so nothing slow there can delay a
station's answer. `StationHub.call` may be awaited from any thread's loop: it runs the call on
the OCPP loop and hands the answer back. A station this node does not hold is called through
the cluster (csms/ocpp/cluster.py), on PostgreSQL.
"""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from typing import Any, TypeVar

from sqlalchemy.orm import Session

from .cluster import Cluster, Whereabouts
from .connection import StationConnection, StationUnavailable
from .outgoing import send_command

T = TypeVar("T")


class OcppNotRunning(StationUnavailable):
    """No OCPP server runs in this process (e.g. a CLI, or an API-only node)."""


class StationHub:
    def __init__(self, cluster: Cluster | None = None, *, node_id: str = "") -> None:
        self._connections: dict[str, StationConnection] = {}
        self._loop: asyncio.AbstractEventLoop | None = None
        self.cluster = cluster
        self.node_id = cluster.node_id if cluster is not None else node_id

    # --- the OCPP server's side (on its loop) ----------------------------------------------------

    def attach(self, loop: asyncio.AbstractEventLoop) -> None:
        self._loop = loop

    def detach(self) -> None:
        self._loop = None
        self._connections.clear()

    def register(self, conn: StationConnection) -> StationConnection | None:
        """Take `conn` as the station's connection; returns the one it replaces, if any."""
        previous = self._connections.get(conn.station_id)
        self._connections[conn.station_id] = conn
        return previous

    def unregister(self, conn: StationConnection) -> None:
        if self._connections.get(conn.station_id) is conn:
            del self._connections[conn.station_id]

    # --- everyone's side --------------------------------------------------------------------------

    @property
    def running(self) -> bool:
        return self._loop is not None

    def connected(self, station_id: str) -> bool:
        return station_id in self._connections

    def connection(self, station_id: str) -> StationConnection | None:
        return self._connections.get(station_id)

    def connections(self) -> list[StationConnection]:
        return list(self._connections.values())

    def online_ids(self, session: Session) -> set[str]:
        """The stations connected anywhere: here, or on a live node of the cluster."""
        here = set(self._connections)
        return here if self.cluster is None else here | self.cluster.connected_ids(session)

    def whereabouts(self, session: Session, station_ids: list[str]) -> dict[str, Whereabouts]:
        """Where these stations, not held here, are connected in the cluster (absent:
        nowhere, or no cluster)."""
        if self.cluster is None:
            return {}
        return self.cluster.whereabouts(session, station_ids)

    async def call(
        self, station_id: str, action: str, payload: dict[str, Any], *, timeout: float | None = None
    ) -> dict[str, Any]:
        """Send a CALL to a connected station and return its CALLRESULT payload."""
        return await self.run(self._call(station_id, action, payload, timeout))

    async def _call(
        self, station_id: str, action: str, payload: dict[str, Any], timeout: float | None
    ) -> dict[str, Any]:
        conn = self._connections.get(station_id)
        if conn is not None:
            return await send_command(conn, action, payload, timeout=timeout)
        if self.cluster is not None:
            return await self.cluster.call(station_id, action, payload, timeout)
        raise StationUnavailable(f"{station_id} is not connected")

    async def run(self, coro: Coroutine[Any, Any, T]) -> T:
        """Await `coro` on the OCPP server's loop, whichever loop the caller is on."""
        loop = self._loop
        if loop is None:
            coro.close()
            raise OcppNotRunning("the OCPP server is not running in this process")
        if loop is asyncio.get_running_loop():
            return await coro
        return await asyncio.wrap_future(asyncio.run_coroutine_threadsafe(coro, loop))
