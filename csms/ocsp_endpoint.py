"""The OCSP responder's HTTP front, as a bare ASGI layer in front of the API application.

OCSP is the one endpoint every station and car may hit often; it skips the API framework's
routing, validation and thread hand-off. The responder's work is short (one indexed lookup and,
at most, one signature), so it runs on the event loop. FastAPI keeps documenting the same paths
in the OpenAPI schema.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any
from urllib.parse import unquote

from pki.ocsp import OcspResponder

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

MAX_BODY = 16 * 1024
_RESPONSE_HEADERS = [(b"content-type", b"application/ocsp-response")]


class OcspEndpoint:
    def __init__(self, app: ASGIApp, responder: OcspResponder) -> None:
        self._app = app
        self._responder = responder

    @property
    def responder(self) -> OcspResponder:
        return self._responder

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            path: str = scope["path"]
            if path == "/ocsp" and scope["method"] == "POST":
                await self._post(scope, receive, send)
                return
            if path.startswith("/ocsp/") and scope["method"] == "GET":
                await self._get(path[len("/ocsp/") :], send)
                return
        await self._app(scope, receive, send)

    async def _post(self, scope: Scope, receive: Receive, send: Send) -> None:
        for name, value in scope["headers"]:
            if name == b"content-type" and not value.startswith(b"application/ocsp-request"):
                await _plain(send, 415, b"Content-Type must be application/ocsp-request")
                return
        body = bytearray()
        while True:
            message = await receive()
            body += message.get("body", b"")
            if len(body) > MAX_BODY:
                await _plain(send, 413, b"OCSP requests are at most 16 KiB")
                return
            if not message.get("more_body"):
                break
        await _answer(send, self._responder.respond(bytes(body)))

    async def _get(self, encoded: str, send: Send) -> None:
        await _answer(send, self._responder.respond(request_from_path(encoded)), cache=True)


def request_from_path(encoded: str) -> bytes:
    """The DER request of an RFC 5019 GET (URL-encoded base64); empty if unreadable, which the
    responder answers as malformedRequest."""
    try:
        return base64.b64decode(unquote(encoded), validate=True)
    except (binascii.Error, ValueError):
        return b""


async def _answer(send: Send, payload: bytes, *, cache: bool = False) -> None:
    headers = list(_RESPONSE_HEADERS)
    headers.append((b"content-length", str(len(payload)).encode()))
    if cache:  # RFC 5019 GET responses may be cached by HTTP proxies for a short while
        headers.append((b"cache-control", b"max-age=60"))
    await send({"type": "http.response.start", "status": 200, "headers": headers})
    await send({"type": "http.response.body", "body": payload})


async def _plain(send: Send, status: int, text: bytes) -> None:
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"text/plain"),
                (b"content-length", str(len(text)).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": text})
