"""REST API of the OCPP core: stations, their state and events, commands to connected ones.

Every route is authorized by the product's policy (auth/, csms/api/deps.py) and scoped to the
caller's partner; an operator's automation may use the bearer token `CSMS_OCPP_API_TOKEN`
instead, with full access.
"""

from __future__ import annotations

import asyncio
import hmac
from collections.abc import Awaitable, Callable
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from pydantic import BaseModel, Field
from sqlalchemy import select

from pki.authority import pem_of

from ..api.deps import Principal, authorize, in_scope
from . import rpc
from .certificates import TRIGGERS
from .connection import CallTimeout, StationCallError, StationUnavailable
from .db import SecurityEventRecord, TransactionRecord
from .server import OcppServer
from .stations import Station, StationError, StationRegistry
from .store import OcppStore


def _product(request: Request) -> Any:
    return request.app.state.product


def station_access(obj: str, action: str) -> Callable[[Request], Awaitable[Principal]]:
    """The caller, if the policy lets them do `action` on `obj` (people, through the product's
    authorization), or the operator's automation token `CSMS_OCPP_API_TOKEN` when one is
    configured (machines, with full access). Nobody else: the API is never open."""
    by_policy = authorize(obj, action)

    async def dependency(request: Request) -> Principal:
        token = _product(request).settings.ocpp_api_token
        given = request.headers.get("authorization", "")
        if token is not None and hmac.compare_digest(given.encode(), f"Bearer {token}".encode()):
            return Principal("ocpp-api-token", None, None, ("admin",), "any")
        return await by_policy(request)

    dependency.__name__ = f"station_access_{obj}_{action}"
    return dependency


StationReader = Annotated[Principal, Depends(station_access("stations", "read"))]
StationCreator = Annotated[Principal, Depends(station_access("stations", "create"))]
StationCommander = Annotated[Principal, Depends(station_access("stations", "command"))]
EventReader = Annotated[Principal, Depends(station_access("security_events", "read"))]
SessionReader = Annotated[Principal, Depends(station_access("sessions", "read"))]


_ERROR = {"content": {"application/json": {"schema": {"type": "object"}}}}
router = APIRouter(
    prefix="/api/ocpp",
    tags=["ocpp"],
    responses={
        401: {"description": "not logged in, or the token is wrong", **_ERROR},
        403: {"description": "the caller's role may not do this", **_ERROR},
        503: {"description": "not configured / not running here", **_ERROR},
    },
)
Limit = Annotated[int, Query(ge=1, le=1000)]
Offset = Annotated[int, Query(ge=0, le=10_000_000)]
StationId = Annotated[str, Path(min_length=1, max_length=48)]
NOT_FOUND = {404: {"description": "no such station", **_ERROR}}
COMMAND_ERRORS = {
    404: {"description": "no such station", **_ERROR},
    409: {"description": "the station is not connected", **_ERROR},
    422: {"description": "the payload or the station's answer breaks the schema", **_ERROR},
    502: {"description": "the station answered with a CALLERROR", **_ERROR},
    504: {"description": "the station did not answer in time", **_ERROR},
}


def _server(request: Request) -> OcppServer | None:
    server = _product(request).extras.get("ocpp")
    return server if isinstance(server, OcppServer) else None


def _registry(request: Request) -> StationRegistry:
    server = _server(request)
    return server.registry if server else StationRegistry(_product(request).session_factory)


Registry = Annotated[StationRegistry, Depends(_registry)]


class StationIn(BaseModel):
    id: str = Field(max_length=48)
    security_profile: int = Field(ge=1, le=3)
    password: str | None = Field(default=None, max_length=40)
    partner: str | None = Field(default=None, max_length=128)
    boot_policy: str = "accept"


class TriggerIn(BaseModel):
    requested_message: str


def _connection_stats(server: OcppServer | None, station_id: str) -> dict[str, Any] | None:
    conn = server.connections.get(station_id) if server else None
    if conn is None:
        return None
    stats = conn.stats
    return {
        "connectedAt": stats.connected_at.isoformat(),
        "callsIn": stats.calls_in,
        "callsOut": stats.calls_out,
        "badFrames": stats.bad_frames,
        "unmatchedResponses": stats.unmatched_responses,
    }


def _summary(request: Request, station: Station) -> dict[str, Any]:
    server = _server(request)
    product = _product(request)
    from .certificates import StationCertificates

    certificates = StationCertificates(
        product.ca, product.session_factory, product.settings.organization
    ).of_station(station.id)
    return {
        "id": station.id,
        "securityProfile": station.security_profile,
        "partner": station.partner,
        "bootPolicy": station.boot_policy,
        "enabled": station.enabled,
        "connected": bool(server and server.connected(station.id)),
        "connection": _connection_stats(server, station.id),
        "lastBootAt": station.last_boot_at.isoformat() if station.last_boot_at else None,
        "bootStatus": station.boot_status,
        "bootInfo": station.boot_info,
        "lastSeenAt": station.last_seen_at.isoformat() if station.last_seen_at else None,
        "certificates": certificates,
        "installedCertificates": station.installed_certificates,
    }


@router.get("/stations")
def list_stations(
    request: Request, who: StationReader, registry: Registry, limit: Limit = 200, offset: Offset = 0
) -> list[dict[str, Any]]:
    server = _server(request)
    if server is not None:
        server.store.flush(force=True)
    if who.scope == "any":
        stations = registry.list(limit=limit, offset=offset)
    elif who.scope == "tenant" and who.partner is not None:
        stations = registry.list(limit=limit, offset=offset, partner=who.partner)
    else:
        stations = []  # stations have no owner: an "own" scope covers none of them
    return [_summary(request, s) for s in stations]


@router.post(
    "/stations",
    status_code=201,
    responses={
        409: {"description": "exists", **_ERROR},
        422: {"description": "invalid station data", **_ERROR},
    },
)
def add_station(
    request: Request, who: StationCreator, registry: Registry, body: StationIn
) -> dict[str, Any]:
    if who.scope != "any":
        # Partner staff register stations for their own company only.
        if who.scope != "tenant" or who.partner is None:
            raise HTTPException(403, "not allowed to create stations")
        if body.partner not in (None, who.partner):
            raise HTTPException(403, "stations can be registered for your own partner only")
        body = body.model_copy(update={"partner": who.partner})
    try:
        station, generated = registry.add(
            body.id,
            security_profile=body.security_profile,
            password=body.password,
            partner=body.partner,
            boot_policy=body.boot_policy,
        )
    except StationError as exc:
        raise HTTPException(409 if "exists" in str(exc) else 422, str(exc)) from None
    result = _summary(request, station)
    if generated:
        result["password"] = generated  # shown once; only its hash is stored
    return result


def _station(registry: StationRegistry, station_id: str, who: Principal) -> Station:
    """The station, if it exists and is within the caller's scope; otherwise 404 alike, so
    another tenant's station ids cannot be probed."""
    station = registry.get(station_id)
    if station is None or not in_scope(who, partner=station.partner):
        raise HTTPException(404, f"no station {station_id}")
    return station


@router.get("/stations/{station_id}", responses=NOT_FOUND)
def station_detail(
    request: Request, who: StationReader, registry: Registry, station_id: StationId
) -> dict[str, Any]:
    station = _station(registry, station_id, who)
    result = _summary(request, station)
    server = _server(request)
    # The running server's store holds status reports not yet flushed to the database.
    store = server.store if server else OcppStore(_product(request).session_factory)
    result["connectors"] = store.latest_status(station_id)
    return result


@router.get("/stations/{station_id}/security-events", responses=NOT_FOUND)
def security_events(
    request: Request,
    who: EventReader,
    registry: Registry,
    station_id: StationId,
    limit: Limit = 100,
) -> list[dict[str, Any]]:
    _station(registry, station_id, who)
    with _product(request).session_factory() as session:
        rows = session.scalars(
            select(SecurityEventRecord)
            .where(SecurityEventRecord.station_id == station_id)
            .order_by(SecurityEventRecord.id.desc())
            .limit(limit)
        )
        return [
            {
                "type": r.type,
                "techInfo": r.tech_info,
                "occurredAt": r.occurred_at.isoformat(),
                "receivedAt": r.received_at.isoformat(),
            }
            for r in rows
        ]


@router.get("/stations/{station_id}/transactions", responses=NOT_FOUND)
def transactions(
    request: Request,
    who: SessionReader,
    registry: Registry,
    station_id: StationId,
    limit: Limit = 100,
) -> list[dict[str, Any]]:
    _station(registry, station_id, who)
    with _product(request).session_factory() as session:
        rows = session.scalars(
            select(TransactionRecord)
            .where(TransactionRecord.station_id == station_id)
            .order_by(TransactionRecord.id.desc())
            .limit(limit)
        )
        return [
            {
                "transactionId": r.transaction_id,
                "state": r.state,
                "startedAt": r.started_at.isoformat(),
                "endedAt": r.ended_at.isoformat() if r.ended_at else None,
                "evseId": r.evse_id,
                "idToken": r.id_token,
                "chargingState": r.charging_state,
                "stoppedReason": r.stopped_reason,
                "meterStartWh": r.meter_start_wh,
                "meterLastWh": r.meter_last_wh,
            }
            for r in rows
        ]


async def _send(
    request: Request, station_id: str, action: str, payload: dict[str, Any]
) -> dict[str, Any]:
    server = _server(request)
    if server is None:
        raise HTTPException(503, "the OCPP server is not running in this process")
    try:
        answer = await server.call(station_id, action, payload)
    except rpc.OcppError as exc:  # our payload or the station's answer broke the schema
        raise HTTPException(422, {"code": exc.code, "description": exc.description}) from None
    except StationUnavailable as exc:
        raise HTTPException(409, str(exc)) from None
    except CallTimeout as exc:
        raise HTTPException(504, str(exc)) from None
    except StationCallError as exc:
        raise HTTPException(
            502,
            {"code": exc.error.code, "description": exc.error.description},
        ) from None
    return {"action": action, "response": answer}


@router.post("/stations/{station_id}/commands/{action}", responses=COMMAND_ERRORS)
async def command(
    request: Request,
    who: StationCommander,
    registry: Registry,
    station_id: StationId,
    action: Annotated[str, Path(max_length=64)],
    payload: dict[str, Any],
) -> dict[str, Any]:
    """Send any CSMS→station CALL (payload in OCPP's JSON); answers with the station's
    CALLRESULT payload."""
    _station(registry, station_id, who)
    return await _send(request, station_id, action, payload)


@router.post("/stations/{station_id}/trigger", responses=COMMAND_ERRORS)
async def trigger(
    request: Request,
    who: StationCommander,
    registry: Registry,
    station_id: StationId,
    body: TriggerIn,
) -> dict[str, Any]:
    _station(registry, station_id, who)
    return await _send(
        request, station_id, "TriggerMessage", {"requestedMessage": body.requested_message}
    )


@router.post("/stations/{station_id}/install-roots", responses=COMMAND_ERRORS)
async def install_roots(
    request: Request, who: StationCommander, registry: Registry, station_id: StationId
) -> dict[str, Any]:
    """InstallCertificate of the product's V2G root and MO root (M05), one after the other."""
    _station(registry, station_id, who)
    product = _product(request)
    results = []
    for certificate_type, ca_name in (
        ("V2GRootCertificate", "v2g-root"),
        ("MORootCertificate", "mo-root"),
    ):
        pem = await asyncio.to_thread(
            lambda n=ca_name: pem_of([product.ca.authority(n).certificate])
        )
        answer = await _send(
            request,
            station_id,
            "InstallCertificate",
            {"certificateType": certificate_type, "certificate": pem},
        )
        results.append({"certificateType": certificate_type, **answer})
    return {"results": results}


__all__ = ["TRIGGERS", "router"]
