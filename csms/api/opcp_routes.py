"""Hubject's webhook events (csms/opcp/webhooks.py): authenticated by their HMAC signature,
not by a login, so they are outside the role matrix."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException, Request

from ..opcp.webhooks import (
    MAX_EVENT_BYTES,
    Unsigned,
    WebhookRefused,
    handle_contract_event,
    handle_root_event,
    verify,
)
from ..web.context import container_of, in_transaction

router = APIRouter(tags=["opcp"])

_REFUSALS: dict[int | str, dict[str, Any]] = {
    400: {"description": "not an event of this kind"},
    401: {"description": "unsigned or wrongly signed"},
    404: {"description": "webhooks are off (CSMS_OPCP_WEBHOOK_SECRET unset)"},
    413: {"description": "larger than 64 KiB"},
}


async def _signed_body(request: Request) -> bytes:
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > MAX_EVENT_BYTES:
        raise HTTPException(413, "the event is larger than 64 KiB")
    body = await request.body()
    try:
        verify(container_of(request).settings.opcp_webhook_secret, body, dict(request.headers))
    except Unsigned as exc:
        raise HTTPException(401, str(exc)) from None
    except WebhookRefused as exc:
        # Too large, or webhooks off: then the endpoint is not there (404), not broken (5xx).
        raise HTTPException(413 if "64 KiB" in str(exc) else 404, str(exc)) from None
    return body


@router.post("/api/v1/opcp/webhooks/root", responses=_REFUSALS)
async def root_event(request: Request) -> dict[str, Any]:
    """root.cert.added (the Root Certificate Pool is synchronised), root.cert.revoked (the
    anchor is distrusted), root.cert.expired (recorded)."""
    body = await _signed_body(request)
    container = container_of(request)
    try:
        return await in_transaction(
            request, lambda s: handle_root_event(s, body, container.pki, container.opcp)
        )
    except WebhookRefused as exc:
        raise HTTPException(400, str(exc)) from None


@router.post("/api/v1/opcp/webhooks/contract", responses=_REFUSALS)
async def contract_event(request: Request) -> dict[str, Any]:
    """PCID/eMAID events (contracts delivered to, updated at, deleted from car makers):
    recorded in the audit trail."""
    body = await _signed_body(request)
    try:
        return await in_transaction(request, lambda s: handle_contract_event(s, body))
    except WebhookRefused as exc:
        raise HTTPException(400, str(exc)) from None
