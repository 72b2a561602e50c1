"""A command for a station, carried as its version carries it.

Commands arrive in one vocabulary (the API's `/commands/{action}` with the action's payload)
and go out in the station's version. For 1.6 stations one more question: the first-class 1.6
message (with the security whitepaper's), or the OCPP 2.0.1 message inside the Plug & Charge
DataTransfer (csms/ocpp/pnc16.py) — InstallCertificate of a V2G or MO root, say, exists only
wrapped. A payload valid for the 1.6 message goes first-class; one that is not, for an action
the envelope carries, goes wrapped if it is a valid 2.0.1 request; anything else is refused
with the 1.6 schema's error and never sent.
"""

from __future__ import annotations

from typing import Any

from . import rpc
from .connection import StationConnection
from .pnc16 import TO_STATION, call_wrapped
from .versions import OcppVersion


async def send_command(
    conn: StationConnection,
    action: str,
    payload: dict[str, Any],
    *,
    timeout: float | None = None,
) -> dict[str, Any]:
    if conn.version is not OcppVersion.V16:
        return await conn.call(action, payload, timeout=timeout)
    try:
        rpc.validate(action, payload, request=True, version=OcppVersion.V16)
    except rpc.OcppError as first_class:
        if action not in TO_STATION:
            raise
        try:
            rpc.validate(action, payload, request=True, version=OcppVersion.V201)
        except rpc.OcppError:
            raise first_class from None
        return await call_wrapped(conn, action, payload, timeout=timeout)
    return await conn.call(action, payload, timeout=timeout)


__all__ = ["send_command"]
