"""A small synchronous OCPP-J test peer on the websockets library: raw frames in, raw out."""

from __future__ import annotations

import base64
import json
import select
import socket
import ssl
import threading
import uuid
from typing import Any
from urllib.parse import urlsplit

from websockets.sync.client import ClientConnection, connect

from tests.ocpp.conftest import PASSWORD


def basic(user: str, password: str = PASSWORD) -> dict[str, str]:
    token = base64.b64encode(f"{user}:{password}".encode()).decode()
    return {"Authorization": f"Basic {token}"}


def open_station(
    url: str,
    station_id: str | None = None,
    *,
    password: str | None = PASSWORD,
    ssl_context: ssl.SSLContext | None = None,
    subprotocols: tuple[str, ...] | None = ("ocpp2.0.1",),
) -> ClientConnection:
    headers = basic(station_id, password) if station_id and password else {}
    sock: Any = None
    if url.startswith("wss://"):
        # The TLS connection is made here and handed over as a socket whose reads and writes
        # take turns; websockets then speaks plain WebSocket over it.
        sock = _TurnTakingTls.connect(url, ssl_context or ssl.create_default_context())
        url = "ws://" + url.removeprefix("wss://")
    return connect(
        url,
        sock=sock,
        subprotocols=list(subprotocols) if subprotocols else None,  # type: ignore[arg-type]
        additional_headers=headers,
        open_timeout=10,
        max_size=None,
        compression=None,
    )


class _TurnTakingTls:
    """An SSL socket that two threads use one at a time.

    websockets' synchronous client reads in a background thread while the caller writes,
    starting with its opening handshake. OpenSSL objects do not allow a read and a write at
    the same moment, and Python's ssl module does not serialise them: now and then the upgrade
    request was lost and the test timed out waiting for an answer the server never got (seen
    in about one run in fifteen of tests/ocpp/test_security_profiles.py on a loaded machine;
    python-websockets issue 1648 shows the same). Here the socket is non-blocking, every SSL
    call holds one lock, and waiting happens outside it."""

    def __init__(self, tls: ssl.SSLSocket) -> None:
        self._tls = tls
        self._lock = threading.Lock()
        tls.setblocking(False)

    @classmethod
    def connect(cls, url: str, context: ssl.SSLContext) -> _TurnTakingTls:
        parts = urlsplit(url)
        raw = socket.create_connection((parts.hostname, parts.port or 443), timeout=10)
        try:
            tls = context.wrap_socket(raw, server_hostname=parts.hostname)
        except BaseException:
            raw.close()
            raise
        return cls(tls)

    def recv(self, size: int) -> bytes:
        while True:
            with self._lock:
                try:
                    return self._tls.recv(size)
                except (ssl.SSLWantReadError, ssl.SSLWantWriteError):
                    pass
            self._wait(readable=True)

    def sendall(self, data: bytes) -> None:
        view = memoryview(data)
        while view:
            with self._lock:
                try:
                    view = view[self._tls.send(view) :]
                    continue
                except (ssl.SSLWantReadError, ssl.SSLWantWriteError):
                    pass
            self._wait(readable=False)

    def settimeout(self, timeout: float | None) -> None:
        """websockets sets timeouts around its handshake; this socket never blocks."""

    def _wait(self, *, readable: bool) -> None:
        try:
            if readable:
                select.select([self._tls], [], [], 0.05)
            else:
                select.select([], [self._tls], [], 0.05)
        except ValueError as exc:  # the socket was closed meanwhile
            raise OSError(str(exc)) from None

    def __getattr__(self, name: str) -> Any:  # getpeercert, cipher, version, close, ...
        return getattr(self._tls, name)


def call(ws: ClientConnection, action: str, payload: dict[str, Any]) -> list[Any]:
    """Send a CALL, return the answer frame (skipping nothing: the next frame must answer)."""
    message_id = str(uuid.uuid4())
    ws.send(json.dumps([2, message_id, action, payload]))
    answer = json.loads(ws.recv(timeout=15))
    assert answer[1] == message_id, answer
    return answer


def boot(ws: ClientConnection) -> list[Any]:
    return call(
        ws,
        "BootNotification",
        {"reason": "PowerUp", "chargingStation": {"model": "T1", "vendorName": "UzTest"}},
    )


def raw(ws: ClientConnection, text: str) -> list[Any]:
    ws.send(text)
    return json.loads(ws.recv(timeout=15))
