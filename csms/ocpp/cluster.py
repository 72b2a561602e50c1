"""Many `csms serve` nodes on one PostgreSQL: which node holds which station, and calls
from any node to the station on another.

- **Where a station is.** `ocpp_connections` has one row per connected station: the node
  that holds it and that connection's id. A connection claims the row when it opens (the
  newest wins) and releases it when it closes; the node that held the row before is told to
  close its old connection. Nodes renew `ocpp_nodes.heartbeat_at` (the database's clock)
  every third of the lease: rows of a node whose heartbeat is older than the lease do not
  count, so a node that dies is noticed within the lease and its stations show as
  disconnected until they connect again, anywhere.
- **Calls across nodes.** A CALL for a station held elsewhere is a row in `ocpp_relay`; a
  PostgreSQL NOTIFY on one channel names the row to the holding node, which sends the CALL
  on its WebSocket, writes the answer (or the failure) into the row and notifies the caller's
  node. No broker of our own: the rows carry the data (NOTIFY payloads are limited to 8,000
  bytes), the notifications only wake the reader.
- **Nothing is trusted to a single notification.** Every node checks, at each heartbeat,
  that the rows of its own connections are still its own: a row taken by another node closes
  the local connection (a takeover whose notice was missed); a row missing (deleted while this
  node was cut off from the database) is written again. After the listening connection is
  re-established, calls addressed to this node and answers it waits for are read from the
  table.

Only on PostgreSQL: an embedded (SQLite) product is a single node and has no cluster.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import logging
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from typing import Any, Protocol, TypeVar

import psycopg
import psycopg.conninfo
from sqlalchemy import bindparam, make_url, text
from sqlalchemy.orm import Session, sessionmaker

from auth.errors import ServiceError

from ..database import in_worker_transaction
from . import rpc
from .connection import (
    BadStationAnswer,
    CallTimeout,
    StationCallError,
    StationConnection,
    StationUnavailable,
)
from .outgoing import send_command

log = logging.getLogger("csms.ocpp.cluster")

CHANNEL = "csms_cluster"
T = TypeVar("T")

# How long a caller waits beyond the station's own call timeout: the relay's two database
# round trips and notifications, with room for a busy holder.
RELAY_MARGIN_SECONDS = 5.0
# Relay rows are kept this long for inspection, then deleted by whichever node runs its
# housekeeping (they hold command payloads: operator data, no secrets).
RELAY_KEEP_SECONDS = 3600


class NodeMismatch(ServiceError):
    """This node does not share what the live nodes share (the token key, the public URL):
    tokens one node issues would be refused by another, certificates would point to two
    addresses. Refused at start, in words that say what to fix."""

    code = "node_mismatch"


class LocalStations(Protocol):
    """The connections this node holds (the StationHub)."""

    def connection(self, station_id: str) -> StationConnection | None: ...

    def connections(self) -> list[StationConnection]: ...


@dataclass(frozen=True)
class Whereabouts:
    """Where a station is connected in the cluster."""

    node_id: str
    connection_id: str
    connected_at: datetime


class Cluster:
    def __init__(
        self,
        sessions: sessionmaker[Session],
        database_url: str,
        *,
        node_id: str,
        lease_seconds: float,
        call_timeout: float,
        token_key: bytes,
        public_url: str,
    ) -> None:
        self.node_id = node_id
        # A keyed check value: equal keys give equal values, and the value tells nothing
        # about the key (HMAC-SHA256 of a fixed text under it, 128 bits shown).
        self._token_key_check = hmac.new(token_key, b"csms node check", hashlib.sha256).hexdigest()[
            :32
        ]
        self._public_url = public_url
        self.lease_seconds = lease_seconds
        self._sessions = sessions
        self._conninfo = _libpq_url(database_url)
        self._call_timeout = call_timeout
        self._local: LocalStations | None = None
        self._answers: dict[str, asyncio.Future[dict[str, Any]]] = {}
        self._serving: set[str] = set()
        self._changes: list[tuple[str, str, str]] = []
        self._changed = asyncio.Event()
        self._tasks: set[asyncio.Task[None]] = set()
        self._background: list[asyncio.Task[None]] = []
        self.listening = asyncio.Event()

    # --- lifecycle (on the OCPP loop) -----------------------------------------------------------

    async def start(self, local: LocalStations) -> None:
        """Announce this node and start listening; returns once notifications are heard, so
        no takeover or relayed call addressed to this node is missed from here on."""
        self._local = local
        self.listening = asyncio.Event()
        await self._in_transaction(self._join)
        self._changed = asyncio.Event()
        self._background = [
            asyncio.create_task(self._listen()),
            asyncio.create_task(self._keep_alive()),
            asyncio.create_task(self._write_connections()),
        ]
        try:
            await asyncio.wait_for(self.listening.wait(), timeout=10)
        except TimeoutError:
            log.warning("node %s: not yet listening for cluster notifications", self.node_id)

    async def stop(self) -> None:
        """Leave the cluster: the rows of this node's stations go at once (they are being
        closed), so other nodes show them as disconnected without waiting for the lease."""
        for task in self._background:
            task.cancel()
        await asyncio.gather(*self._background, return_exceptions=True)
        self._background = []
        try:
            await self._in_transaction(self._leave)
        except Exception:
            log.warning(
                "node %s: could not remove its rows on the way out", self.node_id, exc_info=True
            )

    # --- connections --------------------------------------------------------------------------

    def claim(self, conn: StationConnection) -> None:
        """This node now holds `conn`'s station; the node that held it before closes its
        connection. Written in the background, in order with the other connections' claims
        and releases, many per transaction (a readmission storm is thousands a second); a
        database that does not answer does not refuse the station: the heartbeat writes the
        row once it is back."""
        self._enqueue(("claim", conn.station_id, conn.connection_id))

    def release(self, conn: StationConnection) -> None:
        # Left behind (the database was away), the row names a connection that no longer
        # exists: the next heartbeat deletes it, and the next connection replaces it anyway.
        self._enqueue(("release", conn.station_id, conn.connection_id))

    def _enqueue(self, change: tuple[str, str, str]) -> None:
        self._changes.append(change)
        self._changed.set()

    async def _write_connections(self) -> None:
        while True:
            await self._changed.wait()
            self._changed.clear()
            changes, self._changes = self._changes, []
            try:
                await self._in_transaction(partial(self._apply, changes=changes))
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                log.warning(
                    "node %s: %d connection changes not recorded (%s); the heartbeat will",
                    self.node_id,
                    len(changes),
                    exc,
                )

    def connected_ids(self, session: Session) -> set[str]:
        """Every station connected to a live node of the cluster (a list's "online" filter:
        one query, as many ids as there are connected stations)."""
        rows = session.execute(
            text(
                "SELECT c.station_id FROM ocpp_connections c JOIN ocpp_nodes n ON n.id = c.node_id"
                " WHERE n.heartbeat_at > now() - make_interval(secs => :lease)"
            ),
            {"lease": self.lease_seconds},
        )
        return {row[0] for row in rows}

    def whereabouts(self, session: Session, station_ids: Iterable[str]) -> dict[str, Whereabouts]:
        """Where each of these stations is connected, on a live node (absent: nowhere)."""
        ids = list(station_ids)
        if not ids:
            return {}
        rows = session.execute(
            text(
                "SELECT c.station_id, c.node_id, c.connection_id, c.connected_at"
                " FROM ocpp_connections c JOIN ocpp_nodes n ON n.id = c.node_id"
                " WHERE c.station_id IN :ids"
                " AND n.heartbeat_at > now() - make_interval(secs => :lease)"
            ).bindparams(bindparam("ids", expanding=True)),
            {"ids": ids, "lease": self.lease_seconds},
        )
        return {row[0]: Whereabouts(row[1], row[2], row[3]) for row in rows}

    # --- calls across nodes ---------------------------------------------------------------------

    async def call(
        self, station_id: str, action: str, payload: dict[str, Any], timeout: float | None
    ) -> dict[str, Any]:
        """Send a CALL to a station held by another node; its answer, or the holder's
        failure raised here as the same exception a local call raises."""
        # Refused here when no version takes it; the holding node checks it against the
        # station's own version (1.6, 2.0.1 or 2.1), which this node does not know.
        rpc.validate_in_some_version(action, payload)
        wait = timeout or self._call_timeout
        relay_id = str(uuid.uuid4())
        answer: asyncio.Future[dict[str, Any]] = asyncio.get_running_loop().create_future()
        self._answers[relay_id] = answer
        try:
            holder = await self._in_transaction(
                partial(
                    self._send_call,
                    relay_id=relay_id,
                    station_id=station_id,
                    action=action,
                    payload=payload,
                    timeout=wait,
                )
            )
            if holder is None:
                raise StationUnavailable(f"{station_id} is not connected")
            try:
                return await asyncio.wait_for(answer, wait + RELAY_MARGIN_SECONDS)
            except TimeoutError:
                raise CallTimeout(
                    f"{station_id} (on node {holder}) did not answer {action} in time"
                ) from None
        finally:
            self._answers.pop(relay_id, None)

    # --- notifications ----------------------------------------------------------------------------

    async def _listen(self) -> None:
        backoff = 0.5
        while True:
            try:
                async with await psycopg.AsyncConnection.connect(
                    self._conninfo, autocommit=True, connect_timeout=10
                ) as connection:
                    await connection.execute(f"LISTEN {CHANNEL}")
                    self.listening.set()
                    backoff = 0.5
                    await self._catch_up()
                    async for notice in connection.notifies():
                        self._on_notice(notice.payload)
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                log.warning("node %s: cluster notifications lost (%s); again", self.node_id, exc)
            self.listening.clear()
            await asyncio.sleep(backoff)
            backoff = min(backoff * 2, 10.0)

    def _on_notice(self, text_payload: str) -> None:
        try:
            notice = json.loads(text_payload)
        except ValueError:
            return
        if not isinstance(notice, dict) or notice.get("to") != self.node_id:
            return
        kind, item = notice.get("kind"), str(notice.get("id", ""))
        if kind == "call":
            self._spawn(self._serve_relayed(item))
        elif kind == "answer":
            self._spawn(self._take_answer(item))
        elif kind == "close":
            self._close_replaced(str(notice.get("station", "")), item)

    async def _catch_up(self) -> None:
        """What was notified while this node was not listening."""
        calls, answered = await self._in_transaction(
            partial(self._missed, waiting=list(self._answers))
        )
        for relay_id in calls:
            self._spawn(self._serve_relayed(relay_id))
        for relay_id in answered:
            self._spawn(self._take_answer(relay_id))

    async def _serve_relayed(self, relay_id: str) -> None:
        if relay_id in self._serving:
            return
        self._serving.add(relay_id)
        try:
            request = await self._in_transaction(partial(self._relayed, relay_id=relay_id))
            if request is None:
                return
            station_id, action, payload, timeout = request
            outcome: dict[str, Any] = {}
            conn = self._local.connection(station_id) if self._local is not None else None
            try:
                if conn is None:
                    raise StationUnavailable(f"{station_id} is not connected")
                outcome["answer"] = await send_command(conn, action, payload, timeout=timeout)
            except Exception as exc:
                outcome["failure"] = encode_failure(exc)
            await self._in_transaction(partial(self._answer, relay_id=relay_id, **outcome))
        finally:
            self._serving.discard(relay_id)

    async def _take_answer(self, relay_id: str) -> None:
        future = self._answers.get(relay_id)
        if future is None or future.done():
            return
        outcome = await self._in_transaction(partial(self._outcome, relay_id=relay_id))
        if outcome is None or future.done():
            return
        answer, failure = outcome
        if failure is not None:
            future.set_exception(decode_failure(failure))
        else:
            future.set_result(answer or {})

    def _close_replaced(self, station_id: str, connection_id: str) -> None:
        conn = self._local.connection(station_id) if self._local is not None else None
        if conn is not None and conn.connection_id == connection_id:
            log.info("%s: replaced by a new connection on another node; closed", station_id)
            self._spawn(conn.close(1000, "replaced by a new connection"))

    # --- heartbeat and housekeeping ------------------------------------------------------------

    async def _keep_alive(self) -> None:
        while True:
            await asyncio.sleep(self.lease_seconds / 3)
            try:
                await self._in_transaction(self._heartbeat)
                await self._reconcile()
                await self._in_transaction(self._housekeeping)
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                log.warning("node %s: heartbeat failed (%s)", self.node_id, exc)

    async def _reconcile(self) -> None:
        """The rows of this node's connections are this node's, and only those: taken by
        another node → close ours (the newest wins); missing → written again; a row of this
        node without its connection (its release was lost) → deleted."""
        if self._local is None:
            return
        local = {conn.station_id: conn for conn in self._local.connections()}
        holders, stale = await self._in_transaction(
            partial(
                self._holders,
                station_ids=list(local),
                live={(station_id, conn.connection_id) for station_id, conn in local.items()},
            )
        )
        for station_id, conn in local.items():
            holder = holders.get(station_id)
            if holder is None or (holder[0] == self.node_id and holder[1] != conn.connection_id):
                self.claim(conn)
            elif holder[0] != self.node_id:
                self._close_replaced(station_id, conn.connection_id)
        if stale:
            log.info("node %s: %d rows of ended connections removed", self.node_id, stale)

    # --- database work (in a worker thread, one transaction each) -------------------------------

    async def _in_transaction(self, work: Callable[[Session], T]) -> T:
        return await in_worker_transaction(self._sessions, work)

    def _join(self, session: Session) -> None:
        """Compare what must be shared with the live nodes, then announce this node."""
        others = session.execute(
            text(
                "SELECT id, token_key_check, public_url FROM ocpp_nodes WHERE id <> :id"
                " AND heartbeat_at > now() - make_interval(secs => :lease)"
            ),
            {"id": self.node_id, "lease": self.lease_seconds},
        )
        for other, token_key_check, public_url in others:
            if token_key_check != self._token_key_check:
                raise NodeMismatch(
                    f"CSMS_TOKEN_KEY differs from the one live node {other} uses: give every "
                    "node the same key (docs/deploy.md)"
                )
            if public_url != self._public_url:
                raise NodeMismatch(
                    f"CSMS_PUBLIC_URL {self._public_url!r} differs from live node {other}'s "
                    f"{public_url!r}: give every node the same URL (docs/deploy.md)"
                )
        self._heartbeat(session)

    def _heartbeat(self, session: Session) -> None:
        session.execute(
            text(
                "INSERT INTO ocpp_nodes (id, started_at, heartbeat_at, token_key_check, public_url)"
                " VALUES (:id, now(), now(), :check, :url)"
                " ON CONFLICT (id) DO UPDATE SET heartbeat_at = now()"
            ),
            {"id": self.node_id, "check": self._token_key_check, "url": self._public_url},
        )

    def _leave(self, session: Session) -> None:
        mine = {"id": self.node_id}
        session.execute(
            text(
                "DELETE FROM ocpp_connections WHERE station_id IN (SELECT station_id FROM"
                " ocpp_connections WHERE node_id = :id ORDER BY station_id FOR UPDATE)"
                " AND node_id = :id"
            ),
            mine,
        )
        session.execute(text("DELETE FROM ocpp_nodes WHERE id = :id"), mine)

    def _housekeeping(self, session: Session) -> None:
        """Rows of nodes dead for ten leases, and old relayed calls, go."""
        session.execute(
            text(
                "DELETE FROM ocpp_connections c USING ocpp_nodes n WHERE n.id = c.node_id"
                " AND n.heartbeat_at < now() - make_interval(secs => :gone)"
            ),
            {"gone": self.lease_seconds * 10},
        )
        session.execute(
            text(
                "DELETE FROM ocpp_nodes WHERE heartbeat_at < now() - make_interval(secs => :gone)"
                " AND NOT EXISTS (SELECT 1 FROM ocpp_connections c WHERE c.node_id = ocpp_nodes.id)"
            ),
            {"gone": self.lease_seconds * 10},
        )
        session.execute(
            text("DELETE FROM ocpp_relay WHERE created_at < now() - make_interval(secs => :keep)"),
            {"keep": RELAY_KEEP_SECONDS},
        )

    def _release(self, session: Session, *, station_id: str, connection_id: str) -> None:
        session.execute(
            text(
                "DELETE FROM ocpp_connections WHERE station_id = :station"
                " AND connection_id = :connection"
            ),
            {"station": station_id, "connection": connection_id},
        )

    def _holders(
        self,
        session: Session,
        *,
        station_ids: list[str],
        live: set[tuple[str, str]],
    ) -> tuple[dict[str, tuple[str, str]], int]:
        """Who holds each of these stations; and deletes this node's rows whose connection
        is not among `live` (returns how many). Rows younger than a heartbeat period are
        left alone: their connection may have opened after `live` was taken.

        One indexed read of this node's own rows answers for nearly every station; only the
        stations whose row is not this connection's (taken over, lost) are looked up by id,
        so a heartbeat of a node holding 20,000 stations does not send 20,000 parameters."""
        mine = {
            row[0]: (row[1], row[2])
            for row in session.execute(
                text(
                    "SELECT station_id, connection_id, connected_at < now() - "
                    "make_interval(secs => :young) FROM ocpp_connections WHERE node_id = :node"
                ),
                {"node": self.node_id, "young": self.lease_seconds / 3},
            )
        }
        holders = {sid: (self.node_id, conn_id) for sid, (conn_id, _old) in mine.items()}
        others = [sid for sid in station_ids if (sid, mine.get(sid, ("", False))[0]) not in live]
        if others:
            rows = session.execute(
                text(
                    "SELECT station_id, node_id, connection_id FROM ocpp_connections"
                    " WHERE station_id IN :ids"
                ).bindparams(bindparam("ids", expanding=True)),
                {"ids": others},
            )
            holders.update({row[0]: (row[1], row[2]) for row in rows})
        stale = [
            (sid, conn_id)
            for sid, (conn_id, old) in mine.items()
            if old and (sid, conn_id) not in live
        ]
        for station_id, connection_id in stale:
            self._release(session, station_id=station_id, connection_id=connection_id)
        return holders, len(stale)

    def _apply(self, session: Session, *, changes: list[tuple[str, str, str]]) -> None:
        """Write a batch of claims and releases in a few statements whatever its size (a
        readmission storm is thousands a second): the batch's rows are read and locked at once,
        the changes are replayed on them in order, and only the end state is written.

        The rows are locked in station order, as `_leave` locks, so two transactions touching
        the same rows never wait on each other in a circle; two nodes claiming one station
        one after the other each see the claim before theirs."""
        ids = sorted({station_id for _kind, station_id, _connection_id in changes})
        before: dict[str, tuple[str, str]] = {
            row[0]: (row[1], row[2])
            for row in session.execute(
                text(
                    "SELECT station_id, node_id, connection_id FROM ocpp_connections"
                    " WHERE station_id IN :ids ORDER BY station_id FOR UPDATE"
                ).bindparams(bindparam("ids", expanding=True)),
                {"ids": ids},
            )
        }
        rows: dict[str, tuple[str, str] | None] = dict(before)
        claimed: set[str] = set()
        for kind, station_id, connection_id in changes:
            holder = rows.get(station_id)
            if kind == "release":
                if holder is not None and holder[1] == connection_id:
                    rows[station_id] = None
                continue
            if holder is not None and holder[1] != connection_id:
                # The holder closes its connection, whether it is another node or this one
                # (a connection this node replaced is closed by the hub already: a no-op).
                if holder[0] != self.node_id:
                    log.info("%s: taken over from node %s", station_id, holder[0])
                _notify(
                    session,
                    {"to": holder[0], "kind": "close", "station": station_id, "id": holder[1]},
                )
            rows[station_id] = (self.node_id, connection_id)
            claimed.add(station_id)
        gone = [
            {"station": sid, "connection": before[sid][1]}
            for sid, row in rows.items()
            if row is None and sid in before
        ]
        held = [
            {"station": sid, "node": row[0], "connection": row[1]}
            for sid, row in sorted(rows.items())
            if row is not None and sid in claimed and row != before.get(sid)
        ]
        if gone:
            session.execute(
                text(
                    "DELETE FROM ocpp_connections WHERE station_id = :station"
                    " AND connection_id = :connection"
                ),
                gone,
            )
        if held:
            session.execute(
                text(
                    "INSERT INTO ocpp_connections (station_id, node_id, connection_id,"
                    " connected_at) VALUES (:station, :node, :connection, now())"
                    " ON CONFLICT (station_id) DO UPDATE SET node_id = excluded.node_id,"
                    " connection_id = excluded.connection_id,"
                    " connected_at = excluded.connected_at"
                ),
                held,
            )

    def _send_call(
        self,
        session: Session,
        *,
        relay_id: str,
        station_id: str,
        action: str,
        payload: dict[str, Any],
        timeout: float,
    ) -> str | None:
        holder = self.whereabouts(session, [station_id]).get(station_id)
        if holder is None or holder.node_id == self.node_id:
            # Not connected, or a row of this node's that the hub does not hold: the
            # connection has just ended.
            return None
        session.execute(
            text(
                "INSERT INTO ocpp_relay (id, station_id, action, payload, timeout, from_node,"
                " to_node, created_at) VALUES (:id, :station, :action, :payload, :timeout,"
                " :from_node, :to_node, now())"
            ),
            {
                "id": relay_id,
                "station": station_id,
                "action": action,
                "payload": json.dumps(payload),
                "timeout": timeout,
                "from_node": self.node_id,
                "to_node": holder.node_id,
            },
        )
        _notify(session, {"to": holder.node_id, "kind": "call", "id": relay_id})
        return holder.node_id

    def _relayed(
        self, session: Session, *, relay_id: str
    ) -> tuple[str, str, dict[str, Any], float] | None:
        row = session.execute(
            text(
                "SELECT station_id, action, payload, timeout FROM ocpp_relay"
                " WHERE id = :id AND to_node = :node AND answered_at IS NULL"
            ),
            {"id": relay_id, "node": self.node_id},
        ).first()
        if row is None:
            return None
        payload = row[2] if isinstance(row[2], dict) else json.loads(row[2])
        return str(row[0]), str(row[1]), payload, float(row[3])

    def _answer(
        self,
        session: Session,
        *,
        relay_id: str,
        answer: dict[str, Any] | None = None,
        failure: dict[str, Any] | None = None,
    ) -> None:
        row = session.execute(
            text(
                "UPDATE ocpp_relay SET answered_at = now(), answer = :answer, failure = :failure"
                " WHERE id = :id AND answered_at IS NULL RETURNING from_node"
            ),
            {
                "id": relay_id,
                "answer": None if answer is None else json.dumps(answer),
                "failure": None if failure is None else json.dumps(failure),
            },
        ).first()
        if row is not None:
            _notify(session, {"to": row[0], "kind": "answer", "id": relay_id})

    def _outcome(
        self, session: Session, *, relay_id: str
    ) -> tuple[dict[str, Any] | None, dict[str, Any] | None] | None:
        row = session.execute(
            text(
                "SELECT answer, failure FROM ocpp_relay WHERE id = :id AND answered_at IS NOT NULL"
            ),
            {"id": relay_id},
        ).first()
        if row is None:
            return None
        return _json(row[0]), _json(row[1])

    def _missed(self, session: Session, *, waiting: list[str]) -> tuple[list[str], list[str]]:
        calls = session.execute(
            text(
                "SELECT id FROM ocpp_relay WHERE to_node = :node AND answered_at IS NULL"
                " AND created_at > now() - make_interval(secs => timeout + :margin)"
            ),
            {"node": self.node_id, "margin": RELAY_MARGIN_SECONDS},
        )
        answered: list[str] = []
        if waiting:
            answered = [
                str(row[0])
                for row in session.execute(
                    text(
                        "SELECT id FROM ocpp_relay WHERE id IN :ids AND answered_at IS NOT NULL"
                    ).bindparams(bindparam("ids", expanding=True)),
                    {"ids": waiting},
                )
            ]
        return [str(row[0]) for row in calls], answered

    def _spawn(self, work: Any) -> None:
        task: asyncio.Task[None] = asyncio.create_task(self._guarded(work))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    @staticmethod
    async def _guarded(work: Any) -> None:
        try:
            await work
        except Exception:
            log.exception("cluster work failed")


# --- failures across nodes ----------------------------------------------------------------------


def encode_failure(exc: Exception) -> dict[str, Any]:
    """A local call's failure as the row carries it to the caller's node."""
    if isinstance(exc, StationCallError):
        error = exc.error
        return {
            "kind": "call_error",
            "code": error.code,
            "description": error.description,
            "details": error.details,
        }
    if isinstance(exc, BadStationAnswer):
        return {"kind": "bad_answer", "code": exc.code, "description": exc.description}
    if isinstance(exc, rpc.OcppError):
        return {"kind": "ocpp_error", "code": exc.code, "description": exc.description}
    if isinstance(exc, CallTimeout):
        return {"kind": "timeout", "message": str(exc)}
    if isinstance(exc, StationUnavailable):
        return {"kind": "unavailable", "message": str(exc)}
    return {"kind": "unavailable", "message": f"the node holding the station failed: {exc!r}"}


def decode_failure(failure: dict[str, Any]) -> Exception:
    """The exception a local call would have raised."""
    kind = failure.get("kind")
    if kind == "call_error":
        return StationCallError(
            rpc.CallError(
                "",
                str(failure.get("code", "GenericError")),
                str(failure.get("description", "")),
                dict(failure.get("details") or {}),
            )
        )
    if kind == "bad_answer":
        return BadStationAnswer(
            str(failure.get("description", "")), str(failure.get("code", "FormatViolation"))
        )
    if kind == "ocpp_error":
        return _ocpp_error(str(failure.get("code", "")), str(failure.get("description", "")))
    if kind == "timeout":
        return CallTimeout(str(failure.get("message", "")))
    return StationUnavailable(str(failure.get("message", "")))


def _ocpp_error(code: str, description: str) -> rpc.OcppError:
    pending: list[type[rpc.OcppError]] = [rpc.OcppError]
    while pending:
        kind = pending.pop()
        if kind.code == code and kind is not rpc.FrameError:
            return kind(description)
        pending.extend(kind.__subclasses__())
    return rpc.GenericError(description)


def _notify(session: Session, notice: dict[str, Any]) -> None:
    # Delivered when the transaction commits, so the reader finds the row written.
    session.execute(
        text("SELECT pg_notify(:channel, :payload)"),
        {"channel": CHANNEL, "payload": json.dumps(notice)},
    )


def _json(value: Any) -> dict[str, Any] | None:
    if value is None:
        return None
    return value if isinstance(value, dict) else json.loads(value)


def _libpq_url(database_url: str) -> str:
    """The SQLAlchemy URL as a libpq connection string (psycopg's own connection for LISTEN).
    Built from the parts, not by rewriting the URL: libpq does not read `+` in a URI's query
    as a space, and the URL's `options` (the statement timeout) hold one."""
    url = make_url(database_url)
    parts: dict[str, Any] = {
        key: value
        for key, value in url.translate_connect_args(database="dbname", username="user").items()
        if value
    }
    parts.update({key: str(value) for key, value in url.query.items()})
    return psycopg.conninfo.make_conninfo(**parts)


__all__ = [
    "CHANNEL",
    "Cluster",
    "LocalStations",
    "NodeMismatch",
    "Whereabouts",
    "decode_failure",
    "encode_failure",
]
