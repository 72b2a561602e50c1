"""Events Hubject's webhook service pushes (webhook.payload.v1.json): root certificates added,
expired or revoked in the Root Certificate Pool, and contract events for a PCID/eMAID.

Each request is authenticated by its signature, not by a login: an HMAC-SHA256 of the exact
body with the endpoint's signing secret (CSMS_OPCP_WEBHOOK_SECRET), hex, in `payload-signature`
(or `X-Hubject-Signature: sha256=<hex>`), compared in constant time. Unsigned, wrongly signed,
oversized or malformed events are refused and never acted on. An event already handled (same
eventId) is acknowledged and not acted on again, since the sender retries.

What an event does:
- root.cert.added: the Root Certificate Pool is synchronised (`csms pki trust sync-rcp`);
- root.cert.revoked: the trust anchor with that SHA-256 fingerprint is distrusted (reason
  "revoked in the Root Certificate Pool"); without a fingerprint the event is recorded only;
- root.cert.expired and the contract events: recorded in the audit trail.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
from datetime import datetime
from typing import Any, Literal
from uuid import UUID

from pydantic import BaseModel, Field, ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from auth.audit import AuditEvent, record_event
from auth.errors import ServiceError
from auth.principal import Principal
from pki.service import PkiService

from .client import OpcpClient
from .rcp import sync_root_pool

log = logging.getLogger("csms.opcp")

MAX_EVENT_BYTES = 64 * 1024
ACTOR = "opcp:webhook"
ROOT_EVENTS = ("root.cert.added", "root.cert.expired", "root.cert.revoked")
CONTRACT_EVENTS = (
    "mo.prov.cert.updated",
    "mo.prov.cert.deleted",
    "mo.prov.cert.factory.reset",
    "mo.contract.delivered.to.oem",
    "mo.contract.created.sent.to.oem",
    "mo.contract.updated.sent.to.oem",
    "mo.contract.deleted.sent.to.oem",
    "mo.contract.rejected.by.oem",
    "mo.contract.queued.to.oem",
    "oem.contract.created",
    "oem.contract.updated",
    "oem.contract.deleted",
)


class WebhookRefused(ServiceError):
    code = "webhook_refused"


class Unsigned(WebhookRefused):
    code = "bad_signature"


class RootPayload(BaseModel):
    rootCertificateId: UUID
    distinguishedName: str = Field(max_length=1024)
    commonName: str = Field(max_length=256)
    rootType: Literal["MO", "OEM", "V2G"]
    rootSerialNumber: str | None = Field(default=None, pattern=r"^[0-9a-fA-F]+$", max_length=64)
    fingerprintSHA256: str | None = Field(default=None, max_length=128)


class RootEvent(BaseModel):
    timestamp: datetime
    eventId: UUID
    eventType: Literal["root.cert.added", "root.cert.expired", "root.cert.revoked"]
    xsdMsgDefNamespace: (
        Literal["urn:iso:15118:2:2013:MsgDef", "urn:iso:15118:20:2022:MsgDef"] | None
    ) = None
    payload: RootPayload


class ContractPayload(BaseModel):
    emaid: str = Field(pattern=r"^[A-Za-z]{2}[-]?\w{3}[-]?\w{9}[-]?(\w{1})?$")
    pcid: str = Field(pattern=r"^[a-zA-Z0-9]{17,18}$")


class ContractEvent(BaseModel):
    timestamp: datetime
    eventId: UUID
    eventType: str = Field(max_length=64)
    xsdMsgDefNamespace: Literal["urn:iso:15118:2:2013:MsgDef", "urn:iso:15118:20:2022:MsgDef"]
    payload: ContractPayload


def verify(secret: str | None, body: bytes, headers: dict[str, str]) -> None:
    if secret is None:
        raise WebhookRefused("OPCP webhooks are not configured (CSMS_OPCP_WEBHOOK_SECRET)")
    if len(body) > MAX_EVENT_BYTES:
        raise WebhookRefused("the event is larger than 64 KiB")
    given = headers.get("payload-signature") or headers.get("x-hubject-signature", "")
    given = given.strip().removeprefix("sha256=").lower()
    expected = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    if not given or not hmac.compare_digest(given.encode(), expected.encode()):
        raise Unsigned("the event's signature does not match")


def _already_handled(session: Session, event_id: str) -> bool:
    rows = session.scalars(
        select(AuditEvent.details)
        .where(AuditEvent.action == "opcp.webhook", AuditEvent.actor == ACTOR)
        .order_by(AuditEvent.id.desc())
        .limit(500)
    )
    return any(isinstance(d, dict) and d.get("event_id") == event_id for d in rows)


def handle_root_event(
    session: Session, body: bytes, pki: PkiService, client: OpcpClient | None
) -> dict[str, Any]:
    try:
        event = RootEvent.model_validate_json(body)
    except ValidationError as exc:
        raise WebhookRefused(f"not a root event: {exc.errors()[0]['msg']}") from None
    event_id = str(event.eventId)
    if _already_handled(session, event_id):
        return {"eventId": event_id, "outcome": "already handled"}
    outcome = "recorded"
    system = Principal.system(ACTOR)
    if event.eventType == "root.cert.added":
        report = sync_root_pool(session, pki, system, client)
        outcome = f"synchronised: {len(report.added)} added"
    elif event.eventType == "root.cert.revoked" and event.payload.fingerprintSHA256:
        fingerprint = event.payload.fingerprintSHA256.replace(":", "").lower()
        try:
            pki.distrust_anchor(
                session, system, fingerprint, reason="revoked in the Root Certificate Pool"
            )
            outcome = "distrusted"
        except ServiceError as exc:
            outcome = f"not distrusted: {exc} [{exc.code}]"
    _record(session, event_id, event.eventType, outcome, root=event.payload.distinguishedName)
    return {"eventId": event_id, "outcome": outcome}


def handle_contract_event(session: Session, body: bytes) -> dict[str, Any]:
    try:
        event = ContractEvent.model_validate_json(body)
    except ValidationError as exc:
        raise WebhookRefused(f"not a contract event: {exc.errors()[0]['msg']}") from None
    if event.eventType not in CONTRACT_EVENTS:
        raise WebhookRefused(f"unknown event type {event.eventType!r}")
    event_id = str(event.eventId)
    if _already_handled(session, event_id):
        return {"eventId": event_id, "outcome": "already handled"}
    _record(
        session,
        event_id,
        event.eventType,
        "recorded",
        emaid=event.payload.emaid,
        pcid=event.payload.pcid,
    )
    return {"eventId": event_id, "outcome": "recorded"}


def _record(session: Session, event_id: str, event_type: str, outcome: str, **details: Any) -> None:
    record_event(
        session,
        actor=ACTOR,
        action="opcp.webhook",
        event_id=event_id,
        event_type=event_type,
        outcome=outcome,
        **details,
    )
    log.info("OPCP webhook %s %s: %s", event_type, event_id, outcome)
