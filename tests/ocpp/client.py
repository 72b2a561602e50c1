"""A small synchronous OCPP-J test peer on the websockets library: raw frames in, raw out."""

from __future__ import annotations

import base64
import json
import ssl
import uuid
from typing import Any

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
    return connect(
        url,
        subprotocols=list(subprotocols) if subprotocols else None,  # type: ignore[arg-type]
        additional_headers=headers,
        ssl=ssl_context,
        open_timeout=10,
        max_size=None,
        compression=None,
    )


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
