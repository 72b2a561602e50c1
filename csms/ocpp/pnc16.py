"""Plug & Charge over OCPP 1.6J: the OCA application note's DataTransfer envelope.

vendorId `org.openchargealliance.iso15118pnc`; messageId the bare OCPP 2.0.1 action; `data`
the 2.0.1 request (and in the answer, the 2.0.1 response) serialised to a JSON string, since
1.6 types `data` as a string. Both ways:
- from the station: Authorize, Get15118EVCertificate, GetCertificateStatus and
  SignCertificate (V2GCertificate when no type is given), answered by the 2.0.1 handlers, so
  no rule has a second implementation;
- to the station: CertificateSigned, InstallCertificate, DeleteCertificate,
  GetInstalledCertificateIds and TriggerMessage, sent wrapped (`call_wrapped`).

The outer DataTransfer answer says whether the envelope was understood: an unknown messageId
is UnknownMessageId; `data` that is missing, not JSON (some stations send plain text) or not
a valid 2.0.1 request is Rejected, with the reason as plain text in `data`; the business
result (e.g. a refused certificate) is inside the inner response, with status Accepted.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from . import limits, rpc
from .connection import BadStationAnswer, HandlerResult, StationConnection
from .core_handlers import CoreHandlers
from .versions import OcppVersion

log = logging.getLogger("csms.ocpp")

PNC_VENDOR_ID = "org.openchargealliance.iso15118pnc"
FROM_STATION = frozenset(
    {"Authorize", "Get15118EVCertificate", "GetCertificateStatus", "SignCertificate"}
)
TO_STATION = frozenset(
    {
        "CertificateSigned",
        "InstallCertificate",
        "DeleteCertificate",
        "GetInstalledCertificateIds",
        "TriggerMessage",
    }
)
V201 = OcppVersion.V201
# What a rejected envelope's plain-text reason may take of `data` (1.6 sets no bound on it;
# the station's log line does not need more).
REASON_CHARS = 200


class WrappedCallError(BadStationAnswer):
    """A wrapped CALL to a 1.6 station whose envelope was refused, or whose inner answer is
    missing or unreadable."""


class PncDataTransfer:
    def __init__(self, core: CoreHandlers) -> None:
        self._core = core

    async def answer(
        self, conn: StationConnection, message_id: str | None, data: str | None
    ) -> HandlerResult:
        if message_id not in FROM_STATION:
            return {"status": "UnknownMessageId"}, None
        assert message_id is not None
        if data is None:
            return _rejected(f"{message_id}: no data")
        try:
            inner = json.loads(data)
        except ValueError:
            log.info("PnC DataTransfer %s with data that is not JSON", message_id)
            return _rejected(f"{message_id}: data is not JSON")
        if not isinstance(inner, dict):
            return _rejected(f"{message_id}: data is not a JSON object")
        if message_id == "SignCertificate":
            # The note's SignCertificate is for the SECC's V2G certificate (as libocpp sends
            # it; maeve defaults a missing type the same way).
            inner.setdefault("certificateType", "V2GCertificate")
        try:
            rpc.validate(message_id, inner, request=True, version=V201)
        except rpc.OcppError as exc:
            log.info("PnC DataTransfer %s refused: %s %s", message_id, exc.code, exc.description)
            return _rejected(f"{message_id}: {exc.code}: {exc.description}")
        handler = {
            "Authorize": self._core.authorize,
            "Get15118EVCertificate": self._core.get_15118_ev_certificate,
            "GetCertificateStatus": self._core.get_certificate_status,
            "SignCertificate": self._core.sign_certificate,
        }[message_id]
        response, after = await handler(conn, inner)
        rpc.validate(message_id, response, request=False, version=V201)
        return {"status": "Accepted", "data": json.dumps(response, separators=(",", ":"))}, after


def _rejected(reason: str) -> HandlerResult:
    return {"status": "Rejected", "data": limits.cut(reason, REASON_CHARS)}, None


async def call_wrapped(
    conn: StationConnection,
    action: str,
    payload: dict[str, Any],
    *,
    timeout: float | None = None,
) -> dict[str, Any]:
    """Send a 2.0.1 CALL to a 1.6 station inside the PnC DataTransfer and return the inner
    2.0.1 response (validated). WrappedCallError when the station refuses the envelope or its
    answer carries no readable response."""
    if action not in TO_STATION:
        raise ValueError(f"{action} is not sent over the PnC DataTransfer")
    rpc.validate(action, payload, request=True, version=V201)
    answer = await conn.call(
        "DataTransfer",
        {
            "vendorId": PNC_VENDOR_ID,
            "messageId": action,
            "data": json.dumps(payload, separators=(",", ":")),
        },
        timeout=timeout,
    )
    if answer.get("status") != "Accepted":
        detail = limits.cut(str(answer.get("data") or ""), REASON_CHARS)
        raise WrappedCallError(f"{action}: DataTransfer {answer.get('status')} {detail}".strip())
    try:
        inner = json.loads(answer.get("data") or "")
    except ValueError:
        raise WrappedCallError(f"{action}: the answer's data is not JSON") from None
    if not isinstance(inner, dict):
        raise WrappedCallError(f"{action}: the answer's data is not a JSON object")
    try:
        rpc.validate(action, inner, request=False, version=V201)
    except rpc.OcppError as exc:
        raise WrappedCallError(f"{action}: {exc.code}: {exc.description}") from None
    return inner


__all__ = [
    "PNC_VENDOR_ID",
    "PncDataTransfer",
    "WrappedCallError",
    "call_wrapped",
]
