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

This runs on the HTTP event loop of `csms serve`; the stations' WebSockets have a loop and a
thread of their own (csms/ocpp/runner.py), so an answer that waits for the database or an
HSM never delays a station.
"""

from __future__ import annotations

import asyncio
import re
import time
import weakref
from email.utils import formatdate
from functools import lru_cache
from typing import Any

from fastapi import FastAPI
from uvicorn.protocols.http.auto import AutoHTTPProtocol

from pki.ocsp import MAX_REQUEST_BYTES, OcspResponder, request_from_url_path

from .container import Container

MAX_HEAD = 8 * 1024  # request line and headers; longer heads go the full way
REQUEST_TIMEOUT = 10.0  # seconds to receive a whole request (or the next one, kept alive)
_POST = b"POST /ocsp HTTP/1."
_GET = b"GET /ocsp/"
_DECIDE_AFTER = max(len(_POST), len(_GET))


def http_protocol_for(app: object) -> Any:
    """What to give uvicorn.Config(http=...): this front when the app is the product's (it
    holds the container, whose OCSP responder answers), else uvicorn's own choice."""
    container = getattr(getattr(app, "state", None), "container", None)
    if not isinstance(app, FastAPI) or not isinstance(container, Container):
        return "auto"
    responder = container.ocsp

    class BoundOcspFront(OcspFront):
        _responder = responder
        _deadlines: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, _Deadlines] = (
            weakref.WeakKeyDictionary()  # one per event loop, for all its connections
        )

    return BoundOcspFront


class _Deadlines:
    """Closes fast-path connections that stay silent too long, with one sweep a second for all
    of them rather than a timer per connection: uvloop makes every timer a libuv handle, and
    arming and cancelling one cost more than answering the request."""

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self._loop = loop
        self._due: dict[OcspFront, float] = {}
        self._sweep_handle: asyncio.TimerHandle | None = None

    def watch(self, connection: OcspFront) -> None:
        self._due[connection] = self._loop.time() + REQUEST_TIMEOUT
        if self._sweep_handle is None:
            self._sweep_handle = self._loop.call_later(1.0, self._sweep)

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


class OcspFront(asyncio.Protocol):
    _responder: OcspResponder
    _deadlines: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, _Deadlines]

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
        deadlines = self._deadlines.get(loop)
        if deadlines is None:
            deadlines = self._deadlines[loop] = _Deadlines(loop)
        self._watch = deadlines
        self._inner: asyncio.Protocol | None = None
        self._transport: Any = None
        self._buffer = bytearray()
        self._writing_paused = False

    # --- asyncio.Protocol ------------------------------------------------------------------

    def connection_made(self, transport: Any) -> None:
        self._transport = transport
        self._watch.watch(self)

    def data_received(self, data: bytes) -> None:
        if self._inner is not None:
            self._inner.data_received(data)
            return
        self._buffer += data
        self._serve()

    def eof_received(self) -> bool | None:
        if self._inner is not None:
            return self._inner.eof_received()
        self._close()
        return None

    def connection_lost(self, exc: Exception | None) -> None:
        self._watch.forget(self)
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
        request that is anything else."""
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
                self._hand_over()
                return
            parsed = _parse_head(self._buffer)
            if parsed is None:  # incomplete head
                if len(self._buffer) > MAX_HEAD:
                    self._hand_over()
                return
            if parsed is _UNUSUAL:
                self._hand_over()
                return
            assert isinstance(parsed, _Head)
            if len(self._buffer) < parsed.end + parsed.body_length:
                return  # the body is still arriving
            body = bytes(self._buffer[parsed.end : parsed.end + parsed.body_length])
            del self._buffer[: parsed.end + parsed.body_length]
            if parsed.get_path is not None:
                payload = self._responder.respond(request_from_url_path(parsed.get_path))
            else:
                payload = self._responder.respond(body)
            self._respond(payload, cache=parsed.get_path is not None, keep_alive=parsed.keep_alive)
            if not parsed.keep_alive:
                return
            self._watch.watch(self)  # the next request has its own time

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

    def _hand_over(self) -> None:
        """From here on the connection is uvicorn's, starting with the bytes not yet used."""
        self._watch.forget(self)
        config, server_state, app_state, loop = self._uvicorn_arguments
        inner = AutoHTTPProtocol(  # type: ignore[call-arg]
            config=config, server_state=server_state, app_state=app_state, _loop=loop
        )
        self._inner = inner
        inner.connection_made(self._transport)
        pending, self._buffer = bytes(self._buffer), bytearray()
        if pending:
            inner.data_received(pending)

    def time_out(self) -> None:
        if self._inner is None:
            self._close()

    def _close(self) -> None:
        self._watch.forget(self)
        if not self._transport.is_closing():
            self._transport.close()


class _Head:
    __slots__ = ("body_length", "end", "get_path", "keep_alive")

    def __init__(self, end: int, body_length: int, get_path: str | None, keep_alive: bool):
        self.end = end
        self.body_length = body_length
        self.get_path = get_path
        self.keep_alive = keep_alive


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
        return _Head(end, content_length, None, keep_alive)
    if method == b"GET" and target.startswith(b"/ocsp/") and not content_length:
        encoded = target[len(b"/ocsp/") :]
        if not encoded or b"?" in encoded or b"#" in encoded or not encoded.isascii():
            return _UNUSUAL
        return _Head(end, 0, encoded.decode("ascii"), keep_alive)
    return _UNUSUAL
