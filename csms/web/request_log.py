"""The HTTP access log, and the request id every line logged for a request carries.

A pure ASGI middleware (no per-request object of Starlette's): it takes the caller's
`X-Request-ID` when it is a plain token (a load balancer's), else makes one, returns it in the
answer's headers, and logs one INFO line per request on `csms.access`: method, path (never the
query string: it may hold a login code), status and duration. OCSP requests that the front
answers at the connection (csms/ocsp_front.py) are counted in /metrics instead: a line each
would cost more than the answer.
"""

from __future__ import annotations

import logging
import re
import time
import uuid
from typing import Any

from ..logs import REQUEST_ID

log = logging.getLogger("csms.access")

_TOKEN = re.compile(rb"^[A-Za-z0-9._-]{1,64}$")


class RequestLog:
    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        given = dict(scope.get("headers") or []).get(b"x-request-id", b"")
        request_id = given.decode() if _TOKEN.match(given) else uuid.uuid4().hex[:16]
        token = REQUEST_ID.set(request_id)
        status = 500  # what the client gets if the app fails before answering
        started = time.perf_counter()

        async def send_with_id(message: dict[str, Any]) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                headers = list(message.get("headers") or [])
                headers.append((b"x-request-id", request_id.encode()))
                message = {**message, "headers": headers}
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            duration_ms = (time.perf_counter() - started) * 1000
            log.info(
                "%s %s %d %.1f ms",
                scope.get("method", "?"),
                scope.get("path", "?"),
                status,
                duration_ms,
                extra={
                    "method": scope.get("method"),
                    "path": scope.get("path"),
                    "status": status,
                    "duration_ms": round(duration_ms, 2),
                },
            )
            REQUEST_ID.reset(token)
