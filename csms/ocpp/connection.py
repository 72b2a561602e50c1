"""One station's OCPP-J connection: reading frames, answering CALLs, sending our own CALLs.

Rules from part 4 kept here:
- one outstanding CALL per direction (§4.1.1): our CALLs go out one at a time (a lock); a
  second CALL from the station while its first is still being handled is answered with
  CALLERROR RpcFrameworkError instead of being queued without bound;
- every frame gets an answer or a log line, never silence: a bad CALL gets a CALLERROR; a
  CALLRESULT/CALLERROR that matches no outstanding CALL of ours is logged and counted (part 4
  has no answer for it); after `max_bad_messages` bad frames in a row the connection is closed
  with 1002 (protocol error), as an over-eager or broken peer must not cost us unbounded work;
- frames over the size limit are refused by the WebSocket layer with close code 1009;
- while the server shuts down (`drain`), a new CALL from the station is left unanswered, so
  the station sends it again once reconnected (to this node or another), and no new CALL of
  ours starts; what is in flight finishes.
"""

from __future__ import annotations

import asyncio
import logging
import time
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from websockets.asyncio.server import ServerConnection
from websockets.exceptions import ConnectionClosed

from .. import metrics
from . import limits, rpc
from .stations import Station
from .versions import OcppVersion

log = logging.getLogger("csms.ocpp")

# A handler returns the response payload and, optionally, work to start once that response
# has been sent (e.g. CertificateSigned after SignCertificate → Accepted).
AfterSend = Callable[[], Awaitable[None]]
HandlerResult = tuple[dict[str, Any], AfterSend | None]
Dispatch = Callable[["StationConnection", rpc.Call], Awaitable[HandlerResult]]


class StationUnavailable(Exception):
    """The station is not connected, or went away before answering."""


class CallTimeout(Exception):
    pass


class BadStationAnswer(Exception):
    """The station answered our CALL with something we cannot take: a CALLRESULT that breaks
    the schema (`code` is the OCPP error it would be, e.g. FormatViolation), or a wrapped 1.6
    answer that is missing or unreadable. The station's fault, not the caller's: the API
    answers 502 with it, never 422."""

    def __init__(self, description: str, code: str = "FormatViolation") -> None:
        super().__init__(description)
        self.code = code
        self.description = description


class StationCallError(Exception):
    """The station answered our CALL with a CALLERROR."""

    def __init__(self, error: rpc.CallError) -> None:
        super().__init__(f"{error.code}: {error.description}")
        self.error = error


@dataclass
class ConnectionStats:
    calls_in: int = 0
    calls_out: int = 0
    bad_frames: int = 0
    unmatched_responses: int = 0
    connected_at: datetime = field(default_factory=lambda: datetime.now(UTC))


class StationConnection:
    def __init__(
        self,
        websocket: ServerConnection,
        station: Station,
        dispatch: Dispatch,
        *,
        call_timeout: float,
        max_bad_messages: int,
        version: OcppVersion = OcppVersion.V201,
    ) -> None:
        self.websocket = websocket
        # The OCPP version negotiated for this connection: its schemas, its error codes.
        self.version = version
        self.station = station
        self.station_id = station.id
        # Names this connection in the cluster (csms/ocpp/cluster.py): a takeover closes the
        # connection it names, never a newer one of the same station.
        self.connection_id = str(uuid.uuid4())
        self._dispatch = dispatch
        self._call_timeout = call_timeout
        self._max_bad = max_bad_messages
        self._out_lock = asyncio.Lock()
        # Deliveries of stored certificates run one at a time, so a delivery never re-sends
        # a certificate whose answer another one is still recording.
        self.delivery_lock = asyncio.Lock()
        self._pending: tuple[str, str, asyncio.Future[dict[str, Any]]] | None = None
        self._incoming: asyncio.Task[None] | None = None
        self._consecutive_bad = 0
        self._tasks: set[asyncio.Task[None]] = set()
        self._draining = False
        self.stats = ConnectionStats()
        # Boot state of this connection: "Accepted", "Pending", "Rejected" or None.
        self.boot_status: str | None = station.boot_status if station.last_boot_at else None

    @property
    def accepted(self) -> bool:
        return self.boot_status == "Accepted"

    # --- shutting down -------------------------------------------------------------------------

    def drain(self) -> None:
        """Take no new work: the server is about to close this connection (1001)."""
        self._draining = True

    @property
    def busy(self) -> bool:
        """A CALL of the station's is being answered, one of ours awaits its answer, or work
        started after an answer (recording a delivered certificate) has not ended."""
        answering = self._incoming is not None and not self._incoming.done()
        return answering or self._pending is not None or bool(self._tasks)

    # --- reading -------------------------------------------------------------------------------

    async def run(self) -> None:
        try:
            async for frame in self.websocket:
                await self._on_frame(frame)
        except ConnectionClosed:
            pass
        finally:
            # Background work is not cancelled: a call in flight fails by itself (below), and
            # work past its call (recording an accepted certificate) must run to its end.
            self._fail_pending(StationUnavailable(f"{self.station_id} disconnected"))

    async def _on_frame(self, frame: str | bytes) -> None:
        try:
            message = rpc.parse_frame(frame, self.version)
        except rpc.FrameError as exc:
            log.warning("%s: bad frame (%s: %s)", self.station_id, exc.code, exc.description)
            if exc.message_id is not None:
                await self._send(rpc.encode_error(exc.message_id, exc, self.version))
            await self._bad_frame()
            return
        if isinstance(message, rpc.Call):
            self._consecutive_bad = 0
            self.stats.calls_in += 1
            if self._draining:
                # No answer at all, rather than a CALLERROR the station would take as final:
                # an unanswered CALL is one it sends again after reconnecting.
                log.info(
                    "%s: %s left unanswered, the server is shutting down",
                    self.station_id,
                    message.action,
                )
                return
            if self._incoming is not None and not self._incoming.done():
                await self._send(
                    rpc.encode_error(
                        message.message_id,
                        rpc.RpcFrameworkError("another CALL is still outstanding (OCPP-J 4.1.1)"),
                        self.version,
                    )
                )
                return
            self._incoming = asyncio.create_task(self._answer(message))
            return
        if isinstance(message, rpc.Send):
            self._consecutive_bad = 0
            self.stats.calls_in += 1
            if not self._draining:
                self.spawn(self._take_send(message))
            return
        if isinstance(message, rpc.CallResultError):
            self.stats.unmatched_responses += 1
            log.warning(
                "%s: CALLRESULTERROR for %r: %s %s",
                self.station_id,
                message.message_id,
                message.code,
                limits.cut(message.description, limits.ERROR_DESCRIPTION),
            )
            return
        pending = self._pending
        if pending is None or pending[0] != message.message_id:
            self.stats.unmatched_responses += 1
            log.warning(
                "%s: %s for unknown messageId %r ignored",
                self.station_id,
                type(message).__name__,
                message.message_id,
            )
            await self._bad_frame()
            return
        self._consecutive_bad = 0
        future = pending[2]
        if future.done():
            return
        if isinstance(message, rpc.CallError):
            future.set_exception(StationCallError(message))
        else:
            future.set_result(message.payload)

    async def _take_send(self, send: rpc.Send) -> None:
        """A SEND (OCPP-J 2.1) is handled like a CALL whose answer is thrown away: it has none."""
        try:
            await self._dispatch(self, rpc.Call(send.message_id, send.action, send.payload))
        except rpc.OcppError as exc:
            log.info(
                "%s: SEND %s not taken: %s %s",
                self.station_id,
                send.action,
                exc.code,
                exc.description,
            )

    async def _bad_frame(self) -> None:
        self.stats.bad_frames += 1
        self._consecutive_bad += 1
        if self._consecutive_bad >= self._max_bad:
            log.warning("%s: %d bad frames in a row, closing", self.station_id, self._max_bad)
            await self.websocket.close(1002, "too many malformed messages")

    async def _answer(self, call: rpc.Call) -> None:
        after: AfterSend | None = None
        started = time.perf_counter()
        outcome = "result"
        try:
            payload, after = await self._dispatch(self, call)
            rpc.validate(call.action, payload, request=False, version=self.version)
            text = rpc.encode_result(call.message_id, payload)
        except rpc.OcppError as exc:
            text = rpc.encode_error(call.message_id, exc, self.version)
            after = None
            outcome = "call_error"
        except Exception:
            log.exception("%s: handler for %s failed", self.station_id, call.action)
            text = rpc.encode_error(
                call.message_id, rpc.InternalError("internal error"), self.version
            )
            after = None
            outcome = "internal_error"
        # Only OCPP's own action names become labels: a station cannot grow the label set.
        action = call.action if call.action in rpc.actions(self.version) else "unknown"
        metrics.OCPP_HANDLER_SECONDS.labels(action=action).observe(time.perf_counter() - started)
        metrics.OCPP_MESSAGES.labels(action=action, outcome=outcome).inc()
        await self._send(text)
        if after is not None:
            self.spawn(after())

    # --- writing -------------------------------------------------------------------------------

    async def _send(self, text: str) -> None:
        try:
            await self.websocket.send(text)
        except ConnectionClosed:
            pass

    def spawn(self, work: Awaitable[None]) -> None:
        async def guarded() -> None:
            try:
                await work
            except (StationUnavailable, CallTimeout, StationCallError) as exc:
                log.info("%s: background call ended: %s", self.station_id, exc)
            except Exception:
                log.exception("%s: background task failed", self.station_id)

        task = asyncio.create_task(guarded())
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def call(
        self, action: str, payload: dict[str, Any], *, timeout: float | None = None
    ) -> dict[str, Any]:
        """Send a CALL and wait for its CALLRESULT payload (validated against the schema).

        Raises StationCallError for a CALLERROR, CallTimeout, StationUnavailable, or the
        rpc error of an invalid payload (ours or the station's answer)."""
        rpc.validate(action, payload, request=True, version=self.version)
        async with self._out_lock:
            if self.websocket.state.name != "OPEN":
                raise StationUnavailable(f"{self.station_id} is not connected")
            if self._draining:
                raise StationUnavailable(f"{self.station_id}: the server is shutting down")
            message_id = str(uuid.uuid4())
            future: asyncio.Future[dict[str, Any]] = asyncio.get_running_loop().create_future()
            self._pending = (message_id, action, future)
            self.stats.calls_out += 1
            try:
                await self.websocket.send(rpc.encode_call(message_id, action, payload))
                answer = await asyncio.wait_for(future, timeout or self._call_timeout)
            except TimeoutError:
                raise CallTimeout(f"{self.station_id} did not answer {action} in time") from None
            except ConnectionClosed:
                raise StationUnavailable(f"{self.station_id} disconnected") from None
            finally:
                self._pending = None
        try:
            rpc.validate(action, answer, request=False, version=self.version)
        except rpc.OcppError as exc:
            if self.version is OcppVersion.V21:
                # 2.1 tells the station its CALLRESULT was not taken (CALLRESULTERROR).
                await self._send(rpc.encode_result_error(message_id, exc))
            raise BadStationAnswer(
                f"{self.station_id}'s answer to {action} breaks the schema: {exc.description}",
                exc.code,
            ) from None
        return answer

    def _fail_pending(self, exc: Exception) -> None:
        pending = self._pending
        if pending is not None and not pending[2].done():
            pending[2].set_exception(exc)

    async def close(self, code: int = 1000, reason: str = "") -> None:
        await self.websocket.close(code, reason)
