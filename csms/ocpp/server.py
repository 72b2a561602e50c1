"""The OCPP 2.0.1 WebSocket server: handshake checks, connections, background work.

It runs on the `websockets` library rather than the ASGI server, because it must see the TLS
peer certificate and refuse at the handshake with an HTTP status (404 unknown station, 401 bad
Basic credentials, 403 certificate checks); uvicorn's ASGI scope exposes neither. In
`csms serve` it has an event loop and a thread of its own, apart from the HTTP loop (API,
console, OCSP), which reaches connected stations through the `StationHub`.
"""

from __future__ import annotations

import asyncio
import logging
import ssl
import weakref
from collections import deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import partial
from http import HTTPStatus
from typing import Any, TypeVar
from urllib.parse import unquote, urlsplit

from cryptography import x509
from cryptography.hazmat.primitives import hashes
from sqlalchemy import select
from sqlalchemy.orm import Session
from websockets import http11
from websockets.asyncio.server import Server, ServerConnection, serve
from websockets.http11 import Request, Response

from auth.audit import record_event
from pki.csms_root import CsmsRootRotation
from pki.trust import TrustStore

from ..database import in_worker_autocommit, in_worker_transaction
from ..logs import STATION_ID
from . import limits, trust_store
from .certificates import TRIGGERS
from .connection import AfterSend, StationConnection
from .db import StationRecord
from .handlers import Handlers
from .handshake import HandshakeAuthenticator, Refusal
from .outgoing import send_command
from .parts import OcppParts
from .pnc16 import call_wrapped
from .stations import Station
from .tls import refresh_client_trust, reload_server_certificates, server_context
from .versions import NEWEST_FIRST, OcppVersion, choose

log = logging.getLogger("csms.ocpp")

SUBPROTOCOL = OcppVersion.V201.subprotocol  # what this server spoke before 1.6 and 2.1
PATH_PREFIX = "/ocpp/"
T = TypeVar("T")

# What one connection may cost before and after its handshake (docs/security.md):
# - a station's opening handshake is small: the request line names /ocpp/<identity> (48
#   characters, 144 percent-encoded), then Host, Upgrade, Connection, the Sec-WebSocket-*
#   fields and a Basic Authorization of under 200 characters. websockets reads it line by line
#   under limits of its own module (8 KiB a line and 128 fields by default: 1 MiB held by one
#   handshake in progress); 4 KiB and 32 fields leave ample room and hold at most 128 KiB.
#   A handshake over either limit is answered 431 and closed.
HANDSHAKE_MAX_LINE = 4096
HANDSHAKE_MAX_HEADERS = 32
# - frames received but not yet taken by the connection (StationConnection reads every frame
#   at once and answers a second CALL with CALLERROR): a few are all a station in step with
#   OCPP-J ever has in flight, and the queue times `ocpp_max_frame_bytes` bounds what one
#   station's frames can hold (websockets' default of 16 would be 1 MiB of 64 KiB frames).
#   Beyond it websockets stops reading from the socket, and TCP makes the station wait.
MAX_QUEUE = 4
# Connections the kernel completes and queues for us before accept() (listen(2) backlog;
# Linux caps it at net.core.somaxconn, 4096 by default since 5.4). asyncio's default of 100
# is what a restart overflows: thousands of stations reconnecting within a second or two had
# most SYNs dropped, and a dropped SYN is retried by the station's kernel only after 1, 3, 7,
# 15, 31 s, so the last stations came back a minute later with the server mostly idle.
LISTEN_BACKLOG = 4096
# Stations brought along at once when the CSMS root rotation steps (each is two or three CALLs
# and a few short transactions): enough to finish a fleet of thousands within minutes without
# taking every pooled database connection.
ROLLOUT_CONCURRENCY = 16
# At shutdown, how long each station gets to answer our closing frame before its socket is
# dropped (websockets' close_timeout). A station on a live link answers in one round trip.
CLOSE_WAIT = 5.0


@dataclass(frozen=True)
class RefusalRecord:
    at: datetime
    station_id: str
    status: int
    reason: str


class OcppServer:
    def __init__(self, parts: OcppParts) -> None:
        self.parts = parts
        self.settings = parts.settings
        self.hub = parts.hub
        self._sessions = parts.sessions
        self._certificates = parts.certificates
        self._enrollments = parts.enrollments
        self._store = parts.store
        self.authenticator = HandshakeAuthenticator(
            parts.registry, parts.ca, parts.status_reader, parts.settings.organization
        )
        self.handlers = Handlers(parts, self)
        self.refusals: deque[RefusalRecord] = deque(maxlen=200)
        self.ports: dict[str, int] = {}
        self.ssl_context: ssl.SSLContext | None = None
        self._servers: list[Server] = []
        self._background: list[asyncio.Task[None]] = []
        # Filled by the handshake check, taken by the connection handler.
        # (the station, whether a certificate waits for delivery to it, the version chosen
        # from its offer: None when the offer has none its registration allows)
        self._authenticated: weakref.WeakKeyDictionary[
            ServerConnection, tuple[Station, bool, OcppVersion | None]
        ] = weakref.WeakKeyDictionary()
        self._last_trigger: dict[tuple[str, str], datetime] = {}
        self._trusted_cso: frozenset[bytes] = frozenset()
        self._csms_root_state: str | None = None
        self._hurry = False

    async def _in_transaction(self, work: Callable[[Session], T]) -> T:
        return await in_worker_transaction(self._sessions, work)

    # --- lifecycle -------------------------------------------------------------------------------

    async def start(
        self, host: str = "127.0.0.1", *, port: int | None = None, tls_port: int | None = None
    ) -> dict[str, int]:
        """Listen for plain WebSocket (profile 1) on `port` and TLS (profiles 2, 3) on
        `tls_port`; 0 picks a free port. Returns the bound ports by name."""
        self.hub.attach(asyncio.get_running_loop())
        if self.hub.cluster is not None:
            # Joined before any station is let in: a node that does not share the cluster's
            # keys is refused here (NodeMismatch), and no takeover notice is missed.
            await self.hub.cluster.start(self.hub)
        # websockets reads these module limits at each handshake (its documented way to set
        # them is WEBSOCKETS_* variables before it is imported; nothing else in this process
        # reads HTTP with websockets).
        http11.MAX_LINE_LENGTH = HANDSHAKE_MAX_LINE
        http11.MAX_NUM_HEADERS = HANDSHAKE_MAX_HEADERS
        common: dict[str, Any] = {
            "process_request": self._process_request,
            "select_subprotocol": self._select_subprotocol,
            # TLS (as ssl_handshake_timeout) and then the HTTP upgrade with its credentials
            # check each get this long; a connection that stalls in either is dropped.
            "open_timeout": self.settings.ocpp_open_timeout,
            "max_size": self.settings.ocpp_max_frame_bytes,
            "max_queue": MAX_QUEUE,
            "ping_interval": 60,
            "ping_timeout": 60,
            "close_timeout": CLOSE_WAIT,
            "compression": None,
            "server_header": None,
            "backlog": LISTEN_BACKLOG,
        }
        # What the rotation says now; the first change after this is rolled out to stations.
        self._csms_root_state = await asyncio.to_thread(self._csms_root_token)
        if port is not None:
            server = await serve(self._handle, host, port, **common)
            self._servers.append(server)
            self.ports["ws"] = _bound_port(server)
        if tls_port is not None:
            self.ssl_context = await asyncio.to_thread(server_context, self.parts)
            await self._refresh_trust_if_changed()  # remembers what is loaded now
            server = await serve(self._handle, host, tls_port, ssl=self.ssl_context, **common)
            self._servers.append(server)
            self.ports["wss"] = _bound_port(server)
        self._background = [
            asyncio.create_task(self._every(1.0, self._flush)),
            asyncio.create_task(self._every(self.settings.ocpp_retry_interval, self._retry)),
            asyncio.create_task(self._every(3600.0, self._renew)),
            asyncio.create_task(self._every(3600.0, self._prune_diagnostics)),
            asyncio.create_task(self._every(600.0, self._refresh_stale_trust_stores)),
            *(
                [asyncio.create_task(self._every(minutes * 60, self._check_expiry))]
                if (minutes := self.settings.expiry_check_minutes) > 0
                else []
            ),
            asyncio.create_task(self._every(60.0, self._refresh_trust_if_changed)),
            asyncio.create_task(
                self._every(self.settings.ocpp_tls_check_seconds, self._follow_csms_root)
            ),
        ]
        return dict(self.ports)

    async def stop(self, drain_seconds: float = 0.0) -> None:
        """Shut down gracefully: stop listening, let CALLs in flight in either direction finish
        for at most `drain_seconds` while no new one starts, close every station's connection
        with 1001 (going away) so stations reconnect at once (to another node) instead of
        waiting to notice a dead socket, leave the cluster and write what is buffered."""
        for task in self._background:
            task.cancel()
        for server in self._servers:
            server.close(close_connections=False)
        connections = self.hub.connections()
        for conn in connections:
            conn.drain()
        loop = asyncio.get_running_loop()
        deadline = loop.time() + drain_seconds
        while any(conn.busy for conn in connections) and not self._hurry:
            if loop.time() >= deadline:
                log.warning(
                    "shutdown: %d stations still busy after %g s; closing anyway",
                    sum(conn.busy for conn in connections),
                    drain_seconds,
                )
                break
            await asyncio.sleep(0.05)
        # The hub holds each station's newest connection; a socket websockets still holds
        # beside it (one being replaced, one opened while the listener closed) goes too.
        sockets = {conn.websocket for conn in connections}
        for server in self._servers:
            sockets |= server.connections
        closing = [asyncio.create_task(ws.close(1001, "server shutting down")) for ws in sockets]
        if closing:
            # websockets waits for each station's closing frame; one that never answers is
            # dropped after CLOSE_WAIT rather than holding the exit.
            await asyncio.wait(closing, timeout=CLOSE_WAIT)
        for server in self._servers:
            await server.wait_closed()
        if self.hub.cluster is not None:
            await self.hub.cluster.stop()
        self.hub.detach()
        await asyncio.to_thread(self._store.flush, force=True)

    def hurry(self) -> None:
        """A second SIGTERM/SIGINT: stop waiting for CALLs in flight (any thread; the drain
        loop reads the flag)."""
        self._hurry = True

    def refresh_trust(self) -> None:
        """Take CSO roots imported since start into the TLS listener. (A removed root needs
        no refresh: the handshake check validates against the database's anchors.)"""
        if self.ssl_context is not None:
            refresh_client_trust(self.ssl_context, self.parts)

    async def _refresh_trust_if_changed(self) -> None:
        """`csms pki trust add` runs in another process: notice its imports within a minute."""
        if self.ssl_context is None:
            return

        def cso_roots() -> list[x509.Certificate]:
            with self._sessions() as session:
                return TrustStore.certificates(session, "cso-root")

        anchors = await asyncio.to_thread(cso_roots)
        fingerprints = frozenset(a.fingerprint(hashes.SHA256()) for a in anchors)
        if fingerprints - self._trusted_cso:
            await asyncio.to_thread(self.refresh_trust)
        self._trusted_cso = fingerprints

    def _csms_root_token(self) -> str:
        with self._sessions() as session:
            return CsmsRootRotation(self.parts.ca).state_token(session)

    async def _follow_csms_root(self) -> None:
        """Serve what the CSMS root rotation says (and a renewed server certificate), and when
        the rotation took a step, bring this node's connected stations along: the new root
        installed, a retired one deleted (pki/csms_root.py; stations that connect later get
        the same after their boot)."""
        token = await asyncio.to_thread(self._csms_root_token)
        if self.ssl_context is not None and await asyncio.to_thread(
            reload_server_certificates, self.ssl_context, self.parts
        ):
            log.warning("TLS server certificate reloaded (CSMS root state %s)", token)
        previous, self._csms_root_state = self._csms_root_state, token
        if previous is None or previous == token:
            return
        connected = [c for c in self.hub.connections() if c.accepted]
        log.warning(
            "CSMS root rotation stepped (%s -> %s): updating %d connected stations",
            previous,
            token,
            len(connected),
        )
        limit = asyncio.Semaphore(ROLLOUT_CONCURRENCY)

        async def one(conn: StationConnection) -> None:
            async with limit:
                await self.refresh_trust_store(conn)

        outcomes = await asyncio.gather(*(one(c) for c in connected), return_exceptions=True)
        for conn, outcome in zip(connected, outcomes, strict=True):
            if isinstance(outcome, BaseException):  # the station's next boot tries again
                log.warning("%s: CSMS root rollout failed: %r", conn.station_id, outcome)

    # --- handshake -------------------------------------------------------------------------------

    async def _process_request(
        self, connection: ServerConnection, request: Request
    ) -> Response | None:
        path = urlsplit(request.path).path
        station_id = unquote(path[len(PATH_PREFIX) :]) if path.startswith(PATH_PREFIX) else ""
        STATION_ID.set(station_id[:48] or None)
        if not station_id or "/" in station_id:
            return connection.respond(HTTPStatus.NOT_FOUND, "no such endpoint\n")
        ssl_object = connection.transport.get_extra_info("ssl_object")
        peer = ssl_object.getpeercert(binary_form=True) if ssl_object is not None else None
        authorization = request.headers.get("Authorization")
        offered = [
            name.strip()
            for header in request.headers.get_all("Sec-WebSocket-Protocol")
            for name in header.split(",")
        ]

        def check(
            session: Session,
        ) -> tuple[Station | None, Refusal | None, bool, OcppVersion | None]:
            # The station, and whether a certificate waits for it, in one round trip: at a
            # restart every station's handshake runs this within seconds.
            found = self.parts.registry.get_with(
                session, station_id, self._certificates.pending_exists
            )
            station, pending = found if found is not None else (None, False)
            refusal = self.authenticator.check(
                session,
                station,
                station_id,
                authorization=authorization,
                tls=ssl_object is not None,
                peer_der=peer,
            )
            if refusal is not None and station is not None:
                # A00.FR.408: the CSMS logs refused connections of known stations.
                self._store.security_event(
                    session,
                    station_id,
                    "ConnectionRefused",
                    datetime.now(UTC),
                    limits.cut(refusal.reason, limits.TECH_INFO),
                )
            version = None
            if refusal is None and station is not None:
                version = choose(offered, station.ocpp_version)
                if version is not None and station.last_ocpp_version != version.value:
                    self.parts.registry.record_version(session, station_id, version)
            return station, refusal, refusal is None and bool(pending), version

        try:
            # Autocommit: reads, and writes that each stand alone (a refusal's security event,
            # a password verifier stored), so no BEGIN/COMMIT round trips (csms/database.py).
            station, refusal, pending, version = await in_worker_autocommit(self._sessions, check)
        except Exception:
            # A check that cannot be made (the database does not answer, the revocation
            # lookup fails) refuses the station, which retries later: never let it in unchecked.
            log.exception("handshake check of %r could not be made; refused", station_id)
            self.refusals.append(
                RefusalRecord(
                    datetime.now(UTC),
                    station_id,
                    int(HTTPStatus.SERVICE_UNAVAILABLE),
                    "the credentials could not be checked",
                )
            )
            response = connection.respond(HTTPStatus.SERVICE_UNAVAILABLE, "try again later\n")
            response.headers["Retry-After"] = "30"
            return response
        if refusal is not None:
            self.refusals.append(
                RefusalRecord(datetime.now(UTC), station_id, int(refusal.status), refusal.reason)
            )
            log.info("refused %r: %d %s", station_id, refusal.status, refusal.reason)
            response = connection.respond(refusal.status, f"{refusal.status.phrase}\n")
            if refusal.status == HTTPStatus.UNAUTHORIZED:
                response.headers["WWW-Authenticate"] = 'Basic realm="OCPP", charset="UTF-8"'
            return response
        assert station is not None
        self._authenticated[connection] = (station, pending, version)
        return None

    def _select_subprotocol(self, connection: ServerConnection, offered: Any) -> str | None:
        """The version chosen in the handshake check (None: answered without the header,
        then closed in `_handle`)."""
        found = self._authenticated.get(connection)
        version = found[2] if found is not None else None
        return version.subprotocol if version is not None else None

    async def _handle(self, websocket: ServerConnection) -> None:
        station, pending, version = self._authenticated.pop(websocket, (None, False, None))
        if station is None:  # cannot happen: process_request ran first
            await websocket.close(1011, "not authenticated")
            return
        STATION_ID.set(station.id)  # this connection's task: every line it logs names it
        log.info(
            "connected (security profile %d, from %s)",
            station.security_profile,
            websocket.remote_address[0] if websocket.remote_address else "?",
        )
        if version is None or websocket.subprotocol != version.subprotocol:
            # Part 4 §3.1.2: complete the handshake without the header, then close.
            allowed = (station.ocpp_version,) if station.ocpp_version else NEWEST_FIRST
            wanted = ", ".join(v.subprotocol for v in allowed)
            log.info("refused: offered no subprotocol it may use (%s)", wanted)
            await websocket.close(1002, f"subprotocol required: {wanted}")
            return
        conn = StationConnection(
            websocket,
            station,
            self.handlers.dispatch,
            version=version,
            call_timeout=self.settings.ocpp_call_timeout,
            max_bad_messages=self.settings.ocpp_max_bad_messages,
        )
        previous = self.hub.register(conn)
        if previous is not None:
            # One connection per identity: the newest wins (the old one is likely dead).
            conn.spawn(previous.close(1000, "replaced by a new connection"))
        cluster = self.hub.cluster
        if cluster is not None:
            # Cluster-wide, too: the node that held this station closes its connection.
            cluster.claim(conn)
        self._store.seen(station.id)
        if conn.accepted and pending:
            conn.spawn(self.deliver_pending(conn))
        try:
            await conn.run()
        finally:
            self.hub.unregister(conn)
            log.info("disconnected (%s)", websocket.close_code or "no close frame")
            if cluster is not None:
                cluster.release(conn)

    # --- certificates ----------------------------------------------------------------------------

    def after_boot(self, conn: StationConnection) -> AfterSend | None:
        if conn.boot_status not in ("Accepted", "Pending"):
            return None

        async def deliver() -> None:
            await self.deliver_pending(conn)
            if conn.accepted and self.settings.trust_store_refresh_after_boot:
                await self.refresh_trust_store(conn)

        return deliver

    async def refresh_trust_store(self, conn: StationConnection, *, repair: bool = True) -> None:
        """Ask the station which certificates it holds and keep the answer (the drift of its
        trust store is judged from it: csms/ocpp/trust_store.py). Audited as a command the
        CSMS itself sent."""
        station_id = conn.station_id
        try:
            answer = await send_command(
                conn, "GetInstalledCertificateIds", {}, timeout=self.settings.ocpp_call_timeout
            )
        except Exception as exc:  # offline, CALLERROR, timeout: the next refresh tries again
            log.info("%s: GetInstalledCertificateIds failed: %s", station_id, exc)
            return
        status = answer.get("status")
        chain = answer.get("certificateHashDataChain", []) if status == "Accepted" else []

        def keep(session: Session) -> None:
            record_event(
                session,
                actor="csms",
                action="station.command",
                station=station_id,
                command="GetInstalledCertificateIds",
                outcome=str(status),
            )
            if status in ("Accepted", "NotFound"):
                self._store.installed_certificates(session, station_id, chain)

        await self._in_transaction(keep)
        log.info("%s: trust store refreshed (%s, %d certificates)", station_id, status, len(chain))
        if repair:
            await self._repair_trust_store(
                conn, csms_root_only=not self.settings.trust_store_auto_repair
            )

    async def _repair_trust_store(
        self, conn: StationConnection, *, csms_root_only: bool = False
    ) -> None:
        """CSMS_TRUST_STORE_AUTO_REPAIR: the repair an operator would send (the same plan,
        csms/ocpp/trust_store.py), audited as the CSMS's own commands, then one refresh.
        `csms_root_only`: the CSMS root rotation's part of it, which always runs."""
        station_id = conn.station_id

        def plan(session: Session) -> list[trust_store.RepairStep]:
            station = self.parts.registry.get(session, station_id)
            return (
                []
                if station is None
                else trust_store.repair_plan(
                    session, self.parts.ca, station, csms_root_only=csms_root_only
                )
            )

        steps = await self._in_transaction(plan)
        if not steps:
            return
        for step in steps:
            outcome = await self._send_repair(conn, step.action, step.payload)
            if outcome == "Rejected" and step.fallback is not None:
                outcome = await self._send_repair(conn, step.action, step.fallback)
        log.warning(
            "%s: trust store %s; repaired with %d commands",
            station_id,
            "behind the CSMS root rotation" if csms_root_only else "drifted",
            len(steps),
        )
        await self.refresh_trust_store(conn, repair=False)

    async def _send_repair(
        self, conn: StationConnection, action: str, payload: dict[str, Any]
    ) -> str:
        station_id = conn.station_id
        try:
            answer = await send_command(
                conn, action, payload, timeout=self.settings.ocpp_call_timeout
            )
            outcome = str(answer.get("status"))
        except Exception as exc:  # the next refresh shows what is still missing
            outcome = f"{type(exc).__name__}: {exc}"[:200]

        def audit(session: Session) -> None:
            record_event(
                session,
                actor="csms:trust-store-repair",
                action="station.command",
                station=station_id,
                command=action,
                certificate_type=payload.get("certificateType"),
                outcome=outcome,
            )

        await self._in_transaction(audit)
        return outcome

    async def _prune_diagnostics(self) -> None:
        """Plug & Charge diagnostics older than CSMS_PNC_DIAGNOSTICS_DAYS go."""
        gone = await self._in_transaction(self.parts.diagnostics.prune)
        if gone:
            log.info("pruned %d Plug & Charge diagnostics records", gone)

    async def _check_expiry(self) -> None:
        await asyncio.to_thread(self.parts.expiry.check)

    async def _refresh_stale_trust_stores(self) -> None:
        hours = self.settings.trust_store_refresh_hours
        if hours <= 0:
            return
        stale_before = datetime.now(UTC) - timedelta(hours=hours)
        connected = [c for c in self.hub.connections() if c.accepted]
        if not connected:
            return
        ids = [c.station_id for c in connected]

        def stale(session: Session) -> set[str]:
            rows = session.execute(
                select(StationRecord.id, StationRecord.installed_certificates_at).where(
                    StationRecord.id.in_(ids)
                )
            )
            return {i for i, at in rows if at is None or at < stale_before}

        due = await self._in_transaction(stale)
        for conn in connected:
            if conn.station_id in due:
                conn.spawn(self.refresh_trust_store(conn))

    def deliver_later(self, conn: StationConnection) -> AfterSend:
        async def deliver() -> None:
            if self._enrollments.available:
                # A SignCertificate may just have been routed to the external CA: enroll
                # what is due now rather than at the next retry tick (a reconnecting
                # station does not pay this query: only a station that asked does).
                await asyncio.to_thread(self._enrollments.run_due)
            await self.deliver_pending(conn)

        return deliver

    async def deliver_pending(self, conn: StationConnection) -> None:
        """Send every stored, not yet accepted certificate of this station (A02/A03 step 3)."""
        async with conn.delivery_lock:
            await self._deliver_pending(conn)

    async def _deliver_pending(self, conn: StationConnection) -> None:
        station_id = conn.station_id
        pending = await self._in_transaction(
            lambda session: self._certificates.pending(session, station_id)
        )
        for delivery in pending:
            try:
                answer = await certificate_signed(
                    conn, delivery.pem_chain, delivery.certificate_type, delivery.request_id
                )
            except Exception as exc:
                error = f"{type(exc).__name__}: {exc}"
                await self._in_transaction(
                    partial(self._certificates.attempted, record_id=delivery.record_id, error=error)
                )
                raise
            log.debug("%s: CertificateSigned answered %s", station_id, answer)
            revoked = await self._in_transaction(
                partial(
                    self._certificates.answered,
                    station_id=station_id,
                    record_id=delivery.record_id,
                    status=answer["status"],
                )
            )
            log.info(
                "%s: CertificateSigned %s → %s; revoked %s",
                conn.station_id,
                delivery.certificate_type,
                answer["status"],
                revoked or "nothing",
            )

    async def _retry(self) -> None:
        if self._enrollments.available:
            # External V2G enrollments (csms/ocpp/enrollment.py): blocking HTTP, in a thread.
            await asyncio.to_thread(self._enrollments.run_due)
        waiting = await self._in_transaction(self._certificates.stations_with_pending)
        for station_id in waiting:
            conn = self.hub.connection(station_id)
            if conn is not None and conn.boot_status in ("Accepted", "Pending"):
                conn.spawn(self.deliver_pending(conn))

    async def _renew(self) -> None:
        """Ask stations to renew certificates before they expire (A02 by request of CSMS)."""
        within = timedelta(days=self.settings.ocpp_renew_before_days)
        now = datetime.now(UTC)
        expiring = await self._in_transaction(
            lambda session: self._certificates.expiring(session, within)
        )
        for station_id, kind in expiring:
            conn = self.hub.connection(station_id)
            last = self._last_trigger.get((station_id, kind))
            if conn is None or not conn.accepted or (last and now - last < timedelta(days=1)):
                continue
            self._last_trigger[(station_id, kind)] = now
            conn.spawn(self._trigger(conn, TRIGGERS[kind]))

    async def _trigger(self, conn: StationConnection, requested: str) -> None:
        answer = await trigger_certificate_request(conn, requested)
        log.info("%s: TriggerMessage %s → %s", conn.station_id, requested, answer["status"])

    # --- housekeeping ----------------------------------------------------------------------------

    async def _flush(self) -> None:
        await asyncio.to_thread(self._store.flush)

    @staticmethod
    async def _every(seconds: float, work: Callable[[], Awaitable[None]]) -> None:
        while True:
            await asyncio.sleep(seconds)
            try:
                await work()
            except Exception:
                log.exception("OCPP background work %s failed", work.__name__)


async def certificate_signed(
    conn: StationConnection, pem_chain: str, certificate_type: str, request_id: int | None = None
) -> dict[str, Any]:
    """CertificateSigned as the station's version carries it: 2.0.1 and 2.1 name the type (2.1
    also the SignCertificate's requestId); a 1.6 station gets its charge point certificate as
    the security whitepaper's message (which has no type) and a V2G certificate inside the
    Plug & Charge DataTransfer."""
    if conn.version is not OcppVersion.V16:
        payload: dict[str, Any] = {
            "certificateChain": pem_chain,
            "certificateType": certificate_type,
        }
        if request_id is not None and conn.version is OcppVersion.V21:
            payload["requestId"] = request_id
        return await conn.call("CertificateSigned", payload)
    if certificate_type == "V2GCertificate":
        return await call_wrapped(
            conn,
            "CertificateSigned",
            {"certificateChain": pem_chain, "certificateType": certificate_type},
        )
    return await conn.call("CertificateSigned", {"certificateChain": pem_chain})


async def trigger_certificate_request(conn: StationConnection, requested: str) -> dict[str, Any]:
    """TriggerMessage(SignChargingStationCertificate | SignV2GCertificate) as the station's
    version carries it: for 1.6, the whitepaper's ExtendedTriggerMessage for the charge point
    certificate, the Plug & Charge DataTransfer's TriggerMessage for the V2G certificate."""
    if conn.version is not OcppVersion.V16:
        return await conn.call("TriggerMessage", {"requestedMessage": requested})
    if requested == "SignV2GCertificate":
        return await call_wrapped(conn, "TriggerMessage", {"requestedMessage": requested})
    return await conn.call(
        "ExtendedTriggerMessage", {"requestedMessage": "SignChargePointCertificate"}
    )


def _bound_port(server: Server) -> int:
    return int(next(iter(server.sockets)).getsockname()[1])


__all__ = ["SUBPROTOCOL", "OcppServer"]
