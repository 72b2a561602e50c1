"""OCSP answered at the connection, in front of uvicorn's HTTP protocol.

Stations and cars open one connection per OCSP request. Behind uvicorn every such request pays
for the ASGI machinery (about 100 µs of this machine's CPU), which put the responder at half
the rate of `openssl ocsp`. This protocol reads the start of each request itself: the plain
forms of RFC 6960 POST and RFC 5019 GET to /ocsp are answered right here; every other request
(any other path, chunked bodies, Expect, odd headers, wrong content type, oversize bodies,
anything unusual) is handed, bytes untouched, to uvicorn's own protocol and so to the ASGI
application, whose /ocsp routes (csms/api/pki_routes.py) give the full answers and errors.
The fast path therefore only has to be right about the simple case, and it refuses to guess
about anything else. Both call the one responder, pki.ocsp.OcspResponder.

Every HTTP connection of `csms serve` passes through here, so this is also where one client is
kept from stalling or exhausting the process (HttpLimits, the CSMS_HTTP_* settings):
- connections are counted in total and per client address; one beyond either bound is answered
  503 and closed at once, never queued;
- a request line longer than the bound is answered 414, a head whose header fields exceed
  theirs 431, and the connection closed: the front reads the whole head of every request before
  it hands the connection over (bytes that cannot start a request go at once, for uvicorn's
  400), and refuses instead of handing over an oversize head; later requests of a kept-alive
  connection meet the same bounds inside uvicorn's protocol (_GuardedHttpTools);
- a request (head and body) must arrive whole within `request_timeout` of its first byte (the
  first one of a connection: of the connection), else the connection is closed: one sweep a
  second over all connections, fast-path and handed-over alike.

This runs on the HTTP event loop of `csms serve`; the stations' WebSockets have a loop and a
thread of their own (csms/ocpp/runner.py), so an answer that waits for the database or an
HSM never delays a station.
"""

from __future__ import annotations

import asyncio
import ipaddress
import re
import time
import weakref
from dataclasses import dataclass
from email.utils import formatdate
from functools import lru_cache
from typing import Any

from fastapi import FastAPI
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from pki.ocsp import MAX_REQUEST_BYTES, OcspResponder, request_from_url_path

from . import metrics
from .container import Container
from .settings import Settings

MAX_HEAD = 8 * 1024  # request line and headers the fast path reads; longer heads go the full way
LINGER = 2.0  # seconds a refused connection's further bytes are read and dropped, then closed
_POST = b"POST /ocsp HTTP/1."
_GET = b"GET /ocsp/"
_DECIDE_AFTER = max(len(_POST), len(_GET))
_METHOD_START = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZ")  # any other first byte is no request


@dataclass(frozen=True)
class HttpLimits:
    """What one client may cost the HTTP side; the CSMS_HTTP_* settings (docs/security.md)."""

    max_request_line: int = 8192  # bytes, CRLF excluded; 414 beyond
    max_header_bytes: int = 16384  # bytes of all header fields, the empty line included; 431
    request_timeout: float = 10.0  # seconds for a whole request to arrive from its first byte
    max_connections: int = 1024  # open HTTP connections in all; 503 beyond
    max_connections_per_client: int = 64  # open HTTP connections per address (IPv6: per /64)

    @classmethod
    def of(cls, settings: Settings) -> HttpLimits:
        return cls(
            max_request_line=settings.http_max_request_line,
            max_header_bytes=settings.http_max_header_bytes,
            request_timeout=settings.http_request_timeout,
            max_connections=settings.http_max_connections,
            max_connections_per_client=settings.http_max_connections_per_client,
        )


def _plain_answer(status: bytes, text: bytes, *extra: bytes) -> bytes:
    return b"".join(
        [
            b"HTTP/1.1 ",
            status,
            b"\r\ncontent-type: text/plain; charset=utf-8\r\ncontent-length: ",
            str(len(text)).encode(),
            b"\r\n",
            *extra,
            b"connection: close\r\n\r\n",
            text,
        ]
    )


_BUSY = _plain_answer(b"503 Service Unavailable", b"too many connections\n", b"retry-after: 5\r\n")
_REFUSALS = {
    414: _plain_answer(b"414 URI Too Long", b"request line too long\n"),
    431: _plain_answer(b"431 Request Header Fields Too Large", b"request header too large\n"),
}


def http_protocol_for(app: object) -> Any:
    """What to give uvicorn.Config(http=...): this front when the app is the product's (it
    holds the container, whose OCSP responder answers), else uvicorn's own choice."""
    container = getattr(getattr(app, "state", None), "container", None)
    if not isinstance(app, FastAPI) or not isinstance(container, Container):
        return "auto"
    responder = container.ocsp
    limits = HttpLimits.of(container.settings)

    class BoundOcspFront(OcspFront):
        _responder = responder
        _limits = limits
        _guards: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, _Guard] = (
            weakref.WeakKeyDictionary()  # one per event loop, for all its connections
        )

    return BoundOcspFront


class _Guard:
    """The connections of one event loop: how many are open (in all and per client address),
    and when each must have received its request. Connections late for their deadline are
    closed by one sweep a second for all of them rather than a timer per connection: uvloop
    makes every timer a libuv handle, and arming and cancelling one cost more than answering
    the request."""

    def __init__(self, loop: asyncio.AbstractEventLoop, limits: HttpLimits) -> None:
        self._loop = loop
        self._limits = limits
        self._due: dict[OcspFront, float] = {}
        self._sweep_handle: asyncio.TimerHandle | None = None
        self.open = 0
        self._per_client: dict[str, int] = {}

    def admit(self, client: str) -> bool:
        """Count a new connection of `client`, unless it would exceed a bound."""
        count = self._per_client.get(client, 0)
        limits = self._limits
        if self.open >= limits.max_connections or count >= limits.max_connections_per_client:
            return False
        self.open += 1
        self._per_client[client] = count + 1
        return True

    def release(self, client: str) -> None:
        self.open -= 1
        count = self._per_client[client] - 1
        if count:
            self._per_client[client] = count
        else:
            del self._per_client[client]

    def watch(self, connection: OcspFront, seconds: float | None = None) -> None:
        """`connection` must have its request within `seconds` (the request timeout)."""
        wait = self._limits.request_timeout if seconds is None else seconds
        self._due[connection] = self._loop.time() + wait
        if self._sweep_handle is None:
            self._sweep_handle = self._loop.call_later(1.0, self._sweep)

    def keep_watching(self, connection: OcspFront) -> None:
        """Like watch, but a deadline already running stays as it is."""
        if connection not in self._due:
            self.watch(connection)

    def forget(self, connection: OcspFront) -> None:
        self._due.pop(connection, None)

    def _sweep(self) -> None:
        now = self._loop.time()
        for connection in [c for c, due in self._due.items() if due <= now]:
            del self._due[connection]
            connection.time_out()
        self._sweep_handle = self._loop.call_later(1.0, self._sweep) if self._due else None


class _Date:
    """The Date header (RFC 9110 6.6.1), formatted once per second."""

    second = -1
    value = b""

    @classmethod
    def now(cls) -> bytes:
        second = int(time.time())
        if second != cls.second:
            cls.value = formatdate(second, usegmt=True).encode()
            cls.second = second
        return cls.value


def _client_key(peer: Any) -> str:
    """The address a connection counts against: its IPv4 address, or its IPv6 /64 (one
    subscriber's network holds a whole /64, so counting single IPv6 addresses bounds nothing)."""
    if not isinstance(peer, tuple) or not peer:
        return ""  # a Unix socket: one client, the local proxy
    host = str(peer[0])
    if ":" not in host:
        return host
    try:
        address = ipaddress.IPv6Address(host.split("%", 1)[0])
    except ValueError:
        return host
    if address.ipv4_mapped is not None:
        return str(address.ipv4_mapped)
    return str(ipaddress.IPv6Network((address, 64), strict=False).network_address)


class OcspFront(asyncio.Protocol):
    _responder: OcspResponder
    _limits: HttpLimits
    _guards: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, _Guard]

    def __init__(
        self,
        config: Any,
        server_state: Any,
        app_state: dict[str, Any],
        _loop: asyncio.AbstractEventLoop | None = None,
    ) -> None:
        # What uvicorn's own protocol needs, should this connection be handed to it.
        self._uvicorn_arguments = (config, server_state, app_state, _loop)
        loop = _loop or asyncio.get_event_loop()
        guard = self._guards.get(loop)
        if guard is None:
            guard = self._guards[loop] = _Guard(loop, self._limits)
        self._guard = guard
        self._inner: _GuardedHttpTools | None = None
        self._transport: Any = None
        self._buffer = bytearray()
        self._writing_paused = False
        self._client: str | None = None  # the address counted for this connection, if admitted
        self._refused = False  # refused: what still arrives is dropped until the close

    # --- asyncio.Protocol ------------------------------------------------------------------

    def connection_made(self, transport: Any) -> None:
        self._transport = transport
        client = _client_key(transport.get_extra_info("peername"))
        if not self._guard.admit(client):
            self._refused = True
            transport.write(_BUSY)
            transport.close()
            return
        self._client = client
        self._guard.watch(self)

    def data_received(self, data: bytes) -> None:
        if self._refused:
            return
        if self._inner is not None:
            self._inner.data_received(data)
            return
        self._buffer += data
        self._serve()

    def eof_received(self) -> bool | None:
        if self._inner is not None and not self._refused:
            self._inner.eof_received()  # uvicorn's returns None: the transport closes itself
            return None
        self._close()
        return None

    def connection_lost(self, exc: Exception | None) -> None:
        self._guard.forget(self)
        if self._client is not None:
            self._guard.release(self._client)
            self._client = None
        if self._inner is not None:
            self._inner.connection_lost(exc)

    def pause_writing(self) -> None:
        if self._inner is not None:
            self._inner.pause_writing()
            return
        # A client that sends requests but does not read the answers: stop reading its
        # requests until the answers drain, so memory cannot grow without bound.
        self._writing_paused = True
        self._transport.pause_reading()

    def resume_writing(self) -> None:
        if self._inner is not None:
            self._inner.resume_writing()
            return
        self._writing_paused = False
        self._transport.resume_reading()
        self._serve()

    # --- the fast path ---------------------------------------------------------------------

    def _serve(self) -> None:
        """Answer every complete plain OCSP request in the buffer; hand over at the first
        request that is anything else, once its whole head is in and within the limits."""
        while (
            self._buffer
            and self._inner is None
            and not self._writing_paused
            and not self._transport.is_closing()
        ):
            start = bytes(self._buffer[:_DECIDE_AFTER])
            if not (start.startswith(_POST) or start.startswith(_GET)):
                undecided = len(start) < _DECIDE_AFTER and b"\n" not in start
                if undecided and (_POST.startswith(start) or _GET.startswith(start)):
                    return  # too few bytes yet to tell
                self._hand_over_whole_head()
                return
            parsed = _parse_head(self._buffer)
            if parsed is None and len(self._buffer) <= MAX_HEAD:
                return  # incomplete head
            limits = self._limits
            if (
                not isinstance(parsed, _Head)
                or parsed.line_end > limits.max_request_line
                or parsed.end - parsed.line_end > limits.max_header_bytes
            ):
                self._hand_over_whole_head()
                return
            if len(self._buffer) < parsed.end + parsed.body_length:
                return  # the body is still arriving
            body = bytes(self._buffer[parsed.end : parsed.end + parsed.body_length])
            del self._buffer[: parsed.end + parsed.body_length]
            request = request_from_url_path(parsed.get_path) if parsed.get_path else body
            payload = metrics.ocsp_answer(self._responder.respond, request, path="front")
            self._respond(payload, cache=parsed.get_path is not None, keep_alive=parsed.keep_alive)
            if not parsed.keep_alive:
                return
            self._guard.watch(self)  # the next request has its own time

    def _respond(self, payload: bytes, *, cache: bool, keep_alive: bool) -> None:
        head = [
            b"HTTP/1.1 200 OK\r\ncontent-type: application/ocsp-response\r\ncontent-length: ",
            str(len(payload)).encode(),
            b"\r\ndate: ",
            _Date.now(),
        ]
        if cache:  # RFC 5019 GET responses may be cached by HTTP proxies for a short while
            head.append(b"\r\ncache-control: max-age=60")
        if not keep_alive:
            head.append(b"\r\nconnection: close")
        head.append(b"\r\n\r\n")
        self._transport.write(b"".join(head) + payload)
        if not keep_alive:
            self._close()

    def _hand_over_whole_head(self) -> None:
        """Hand the connection over once the request's head is complete; refuse it with 414
        or 431 if it is longer than the limits allow before it is."""
        buffer, limits = self._buffer, self._limits
        if buffer[0] not in _METHOD_START:
            self._hand_over()  # no HTTP request (TLS, garbage): uvicorn answers 400 at once
            return
        line_end = buffer.find(b"\n", 0, limits.max_request_line + 2)  # + CRLF
        if line_end < 0:
            if len(buffer) >= limits.max_request_line + 2:
                self.refuse(414)
            return
        # The header fields end with an empty line: CRLF CRLF, or LF LF from lenient clients.
        end = line_end + limits.max_header_bytes + 2
        if buffer.find(b"\n\r\n", line_end, end) < 0 and buffer.find(b"\n\n", line_end, end) < 0:
            if len(buffer) >= end:
                self.refuse(431)
            return
        self._hand_over()

    def _hand_over(self) -> None:
        """From here on the connection is uvicorn's, starting with the bytes not yet used. Its
        deadline keeps running: the request must still arrive whole (the body, too)."""
        config, server_state, app_state, loop = self._uvicorn_arguments
        inner = _GuardedHttpTools(
            config=config, server_state=server_state, app_state=app_state, _loop=loop
        )
        inner.front = self
        self._inner = inner
        inner.connection_made(self._transport)
        pending, self._buffer = bytes(self._buffer), bytearray()
        if pending:
            inner.data_received(pending)

    def refuse(self, status: int) -> None:
        """Answer 414 or 431 and close. Until the close, what the client still sends is read
        and dropped (for LINGER seconds at most), so that the answer is not lost to the reset
        a close with unread bytes would cause."""
        self._refused = True
        self._buffer = bytearray()
        transport = self._transport
        transport.write(_REFUSALS[status])
        if not transport.can_write_eof():
            self._close()
            return
        transport.write_eof()
        transport.resume_reading()  # uvicorn or the front may have paused it
        self._guard.watch(self, LINGER)

    def time_out(self) -> None:
        """The deadline passed: the request did not arrive whole in time (or a refused
        connection's lingering is over)."""
        inner = self._inner
        if inner is not None and inner.pipeline and not self._refused:
            # A whole request waits behind one the application is still answering, and
            # uvicorn stopped reading meanwhile: the wait is the server's, not the client's.
            self._guard.watch(self)
            return
        self._close()

    def _close(self) -> None:
        self._guard.forget(self)
        if not self._transport.is_closing():
            self._transport.close()


class _GuardedHttpTools(HttpToolsProtocol):
    """uvicorn's own protocol (httptools) for the connections the front hands over, under the
    front's limits for every later request of a kept-alive connection too: a request line over
    the bound gets 414, header fields over theirs 431, whether the head arrives whole or in
    pieces (an incomplete one is counted in the reads that bring it, so no more than one read
    beyond the bounds is ever held), and each request must arrive whole within the request
    timeout of its first byte. Once a request is whole, the application's answer takes what
    it takes; idle kept-alive connections are uvicorn's `timeout_keep_alive` to close."""

    front: OcspFront

    def __init__(
        self,
        config: Any,
        server_state: Any,
        app_state: dict[str, Any],
        _loop: asyncio.AbstractEventLoop | None = None,
    ) -> None:
        super().__init__(config, server_state, app_state, _loop)
        # The HTTP side has no WebSocket routes (the stations' WebSockets have a server of
        # their own); an upgraded connection would leave the front and its limits.
        self.ws_protocol_class = None
        self._head_open = False  # a request has begun and its head is not complete yet
        self._head_bytes = 0  # bytes read while it was so
        self._header_bytes = 0  # header fields of the current request so far
        self._refusal: int | None = None  # decided while parsing; sent once the read is parsed

    def data_received(self, data: bytes) -> None:
        if self._refusal is not None:
            return
        if self._head_open:
            self._head_bytes += len(data)
        super().data_received(data)
        limits = self.front._limits
        if self._refusal is None and self._head_open:
            if len(self.url) > limits.max_request_line:
                self._refusal = 414
            elif self._head_bytes > limits.max_request_line + limits.max_header_bytes:
                self._refusal = 431
        if self._refusal is not None and not self.transport.is_closing():
            if self.cycle is not None and not self.cycle.response_complete:
                self.transport.close()  # an earlier answer is on its way: no room for ours
            else:
                self.front.refuse(self._refusal)

    # httptools' callbacks, from inside super().data_received; once a refusal is decided, the
    # rest of the read is ignored.

    def on_message_begin(self) -> None:
        if self._refusal is not None:
            return
        super().on_message_begin()
        self._head_open = True
        self._head_bytes = self._header_bytes = 0
        self.front._guard.keep_watching(self.front)  # the first request's deadline runs on

    def on_url(self, url: bytes) -> None:
        if self._refusal is None:
            super().on_url(url)

    def on_header(self, name: bytes, value: bytes) -> None:
        if self._refusal is None:
            self._header_bytes += len(name) + len(value) + 4  # ": " and CRLF
            super().on_header(name, value)

    def on_headers_complete(self) -> None:
        if self._refusal is not None:
            return
        self._head_open = False
        limits = self.front._limits
        if len(self.url) > limits.max_request_line:
            self._refusal = 414
        elif self._header_bytes + 2 > limits.max_header_bytes:  # + the empty line
            self._refusal = 431
        else:
            super().on_headers_complete()

    def on_body(self, body: bytes) -> None:
        if self._refusal is None:
            super().on_body(body)

    def on_message_complete(self) -> None:
        if self._refusal is not None:
            return
        self.front._guard.forget(self.front)  # the request is whole
        super().on_message_complete()


class _Head:
    __slots__ = ("body_length", "end", "get_path", "keep_alive", "line_end")

    def __init__(
        self, end: int, body_length: int, get_path: str | None, keep_alive: bool, line_end: int
    ):
        self.end = end  # of the head, its empty line included
        self.body_length = body_length
        self.get_path = get_path
        self.keep_alive = keep_alive
        self.line_end = line_end  # of the request line, CRLF excluded


_UNUSUAL = object()  # a head the fast path does not answer: the full HTTP stack does


# One header field per line, name in RFC 9110 token characters (the block is lower-cased
# first), optional whitespace around the value.
_FIELD = re.compile(rb"^([!#$%&'*+.^_`|~0-9a-z-]+):[ \t]*([^\r\n]*?)[ \t]*\r?$", re.MULTILINE)
_NOT_OURS = (b"transfer-encoding", b"expect", b"upgrade")


def _parse_head(buffer: bytearray) -> _Head | object | None:
    """The request head at the start of `buffer` if it is a plain OCSP request; None while
    incomplete; _UNUSUAL for anything the fast path leaves to uvicorn."""
    head_end = buffer.find(b"\r\n\r\n", 0, MAX_HEAD + 4)
    if head_end < 0:
        return None
    return _read_head(bytes(buffer[:head_end]))


# Clients send the same head for every request (only the body names the certificate), so the
# reading of a head, a pure function of its bytes, is cached.
@lru_cache(maxsize=1024)
def _read_head(head: bytes) -> _Head | object:
    head_end = len(head)
    line_end = head.find(b"\r\n")
    if line_end < 0:
        request_line, block = head, b""
    else:
        request_line, block = head[:line_end], head[line_end + 2 :].lower()
    parts = request_line.split(b" ")
    if len(parts) != 3 or parts[2] not in (b"HTTP/1.1", b"HTTP/1.0"):
        return _UNUSUAL
    method, target, version = parts
    fields = _FIELD.findall(block) if block else []
    if block and len(fields) != block.count(b"\n") + 1:
        return _UNUSUAL  # a line that is no plain field (folding, bad name, stray bytes)
    headers = dict(fields)
    if len(headers) != len(fields) or any(name in headers for name in _NOT_OURS):
        return _UNUSUAL  # repeated fields and framing extras are the full stack's to judge
    keep_alive = version == b"HTTP/1.1"
    connection = headers.get(b"connection")
    if connection is not None:
        tokens = {token.strip() for token in connection.split(b",")}
        if b"close" in tokens:
            keep_alive = False
        elif b"keep-alive" in tokens:
            keep_alive = True
    length_text = headers.get(b"content-length")
    if length_text is not None and not (length_text.isdigit() and len(length_text) <= 6):
        return _UNUSUAL
    content_length = None if length_text is None else int(length_text)
    end = head_end + 4
    if method == b"POST":
        if target != b"/ocsp" or content_length is None or content_length > MAX_REQUEST_BYTES:
            return _UNUSUAL
        if not headers.get(b"content-type", b"").startswith(b"application/ocsp-request"):
            return _UNUSUAL
        return _Head(end, content_length, None, keep_alive, len(request_line))
    if method == b"GET" and target.startswith(b"/ocsp/") and not content_length:
        encoded = target[len(b"/ocsp/") :]
        if not encoded or b"?" in encoded or b"#" in encoded or not encoded.isascii():
            return _UNUSUAL
        return _Head(end, 0, encoded.decode("ascii"), keep_alive, len(request_line))
    return _UNUSUAL
