"""Stations, their charging sessions and security events, and the public station list: the
REST door onto the OCPP core's StationService (csms/ocpp/service.py), which decides who sees
which rows. One resource per thing: `/api/v1/stations` is every station a caller may read,
with its live connection on its own page; commands to a station are in ocpp_routes.py.

An operator's automation may use the bearer token `CSMS_OCPP_API_TOKEN` instead of a login,
and then acts as the system (csms/api/deps.py)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Request
from pydantic import BaseModel, Field

from auth.principal import Principal

from ..ocpp import limits
from ..ocpp.db import ConnectorStatusRecord, SecurityEventRecord, TransactionRecord
from ..ocpp.location import ADDRESS_MAX, Location
from ..ocpp.service import (
    PUBLIC_STATIONS_READ,
    SECURITY_EVENTS_READ,
    SESSIONS_READ,
    SESSIONS_STOP,
    STATIONS_CREATE,
    STATIONS_READ,
    STATIONS_UPDATE,
    StationSummary,
)
from ..ocpp.stations import StationError
from ..web.context import container_of, in_transaction
from .deps import allowed, allowed_or_automation
from .errors import http_error
from .lists import Listing, PageOut
from .ocpp_routes import COMMAND_ERRORS, COMMAND_FAILURES, command_failure
from .schemas import CONFLICT, ERRORS, NOT_FOUND, Limit, Offset, snake_keys

router = APIRouter(responses=ERRORS)
StationId = Annotated[str, Path(min_length=1, max_length=limits.IDENTITY)]
StationReader = Annotated[Principal, allowed_or_automation(STATIONS_READ)]
StationCreator = Annotated[Principal, allowed_or_automation(STATIONS_CREATE)]
StationUpdater = Annotated[Principal, allowed_or_automation(STATIONS_UPDATE)]
EventReader = Annotated[Principal, allowed_or_automation(SECURITY_EVENTS_READ)]


class ConnectorOut(BaseModel):
    evse_id: int
    connector_id: int
    status: str
    reported_at: datetime

    @classmethod
    def of(cls, row: ConnectorStatusRecord) -> ConnectorOut:
        return cls(
            evse_id=row.evse_id,
            connector_id=row.connector_id,
            status=row.status,
            reported_at=row.reported_at,
        )


class LocationOut(BaseModel):
    latitude: float | None = Field(default=None, description="WGS 84 decimal degrees")
    longitude: float | None = Field(default=None, description="WGS 84 decimal degrees")
    address: str | None = None

    @classmethod
    def of(cls, location: Location) -> LocationOut:
        return cls(
            latitude=location.latitude, longitude=location.longitude, address=location.address
        )


class LocationIn(BaseModel):
    """Where the station stands; replaces the whole location (null or omitted clears a part).
    Latitude and longitude go together."""

    model_config = {"extra": "forbid"}
    # Bounded here for the schema and early 422s; the service checks the same rules for every
    # door (csms/ocpp/location.py).
    latitude: float | None = Field(default=None, ge=-90, le=90, allow_inf_nan=False)
    longitude: float | None = Field(default=None, ge=-180, le=180, allow_inf_nan=False)
    address: str | None = Field(default=None, max_length=ADDRESS_MAX)


class StationOut(BaseModel):
    id: str
    partner: str | None
    security_profile: int
    enabled: bool
    boot_status: str | None
    last_seen_at: datetime | None
    evse_ids: list[str] = []
    allow_v2g_without_tls: bool = False
    ocpp_version: str | None = Field(default=None, description="pinned OCPP version; null: any")
    last_ocpp_version: str | None = None
    v2g_issuer: str | None = Field(
        default=None, description="local | opcp; null: as its partner says"
    )
    connectors: list[ConnectorOut] = []
    connected: bool = Field(default=False, description="connected to a node right now")
    location: LocationOut = LocationOut()
    password: str | None = Field(default=None, description="only in the answer that created it")

    @classmethod
    def of(cls, summary: StationSummary, password: str | None = None) -> StationOut:
        station = summary.station
        return cls(
            id=station.id,
            partner=station.partner,
            security_profile=station.security_profile,
            enabled=station.enabled,
            boot_status=station.boot_status,
            last_seen_at=station.last_seen_at,
            evse_ids=list(station.evse_ids),
            allow_v2g_without_tls=station.allow_v2g_without_tls,
            ocpp_version=station.ocpp_version.value if station.ocpp_version else None,
            last_ocpp_version=station.last_ocpp_version,
            v2g_issuer=station.v2g_issuer,
            connectors=[ConnectorOut.of(c) for c in summary.connectors],
            connected=summary.connected,
            location=LocationOut.of(station.location),
            password=password,
        )


class PublicStationOut(BaseModel):
    """What anyone may know: no owner, no credentials."""

    id: str
    available: bool
    connectors: list[ConnectorOut]
    location: LocationOut = LocationOut()


EvseIds = Annotated[
    list[Annotated[str, Field(min_length=1, max_length=limits.IDENTITY)]],
    Field(max_length=64, description="EVSE IDs its charging (SECC) certificates may name"),
]


OcppVersionPin = Literal["1.6", "2.0.1", "2.1", "any"]
V2gIssuer = Literal["local", "opcp", "partner"]
_V2G_ISSUER = "where its V2G (SECC) certificates come from; partner: as its partner says"
BootPolicy = Literal["accept", "pending", "reject"]


class ConnectionOut(BaseModel):
    """The station's WebSocket, on this node or another of the cluster."""

    connected_at: datetime
    node: str
    calls_in: int | None = None
    calls_out: int | None = None
    bad_frames: int | None = None
    unmatched_responses: int | None = None


class StationDetailOut(StationOut):
    """One station's page: its record, live connection, connectors, what was issued to it
    and what it reported installed."""

    boot_policy: str
    last_boot_at: datetime | None = None
    boot_info: dict[str, Any] | None = Field(
        default=None, description="the BootNotification's chargingStation, as OCPP sent it"
    )
    connection: ConnectionOut | None = None
    certificates: list[dict[str, Any]] = Field(
        default=[], description="certificates issued to the station, newest first"
    )
    installed_certificates: list[dict[str, Any]] | None = Field(
        default=None, description="as the station reported them (GetInstalledCertificateIds)"
    )

    @classmethod
    def detail(cls, summary: StationSummary) -> StationDetailOut:
        station, connection = summary.station, summary.connection
        return cls(
            **StationOut.of(summary).model_dump(),
            boot_policy=station.boot_policy,
            last_boot_at=station.last_boot_at,
            boot_info=station.boot_info,
            connection=None
            if connection is None
            else ConnectionOut(
                connected_at=connection.connected_at,
                node=connection.node,
                calls_in=connection.calls_in,
                calls_out=connection.calls_out,
                bad_frames=connection.bad_frames,
                unmatched_responses=connection.unmatched_responses,
            ),
            certificates=snake_keys(summary.certificates),
            installed_certificates=snake_keys(station.installed_certificates),
        )


class StationIn(BaseModel):
    id: str = Field(min_length=1, max_length=limits.IDENTITY)
    security_profile: int = Field(default=2, ge=1, le=3)
    password: str | None = Field(
        default=None,
        max_length=limits.PASSWORD_MAX,
        description="Basic password (profiles 1 and 2); generated when omitted",
    )
    partner: str | None = Field(default=None, max_length=128)
    boot_policy: BootPolicy = "accept"
    evse_ids: EvseIds = []
    allow_v2g_without_tls: bool = Field(
        default=False, description="V2G certificates on security profile 1 (operators only)"
    )
    ocpp_version: OcppVersionPin | None = None
    v2g_issuer: V2gIssuer | None = Field(default=None, description=_V2G_ISSUER)


class StationChange(BaseModel):
    evse_ids: EvseIds | None = None
    allow_v2g_without_tls: bool | None = None
    boot_policy: BootPolicy | None = None
    enabled: bool | None = None
    ocpp_version: OcppVersionPin | None = Field(
        default=None, description='pin to a version; "any" unpins'
    )
    v2g_issuer: V2gIssuer | None = Field(default=None, description=_V2G_ISSUER)
    password: str | None = Field(
        default=None, max_length=limits.PASSWORD_MAX, description="a new Basic password"
    )


STATION_LIST = (
    "Filters: `state` (online, offline, charging, faulted), `partner`, `security_profile`, "
    "`ocpp_version`, `enabled` (yes/no). Sort: id, last_seen_at, created_at. Search: id, "
    "partner."
)


@router.get("/api/v1/stations", tags=["stations"], description=STATION_LIST)
async def list_stations(
    request: Request, principal: StationReader, wanted: Listing
) -> PageOut[StationOut]:
    """Stations the caller may read (admins all, partners their own)."""
    stations = container_of(request).stations
    found = await in_transaction(request, lambda s: stations.find_stations(s, principal, wanted))
    return PageOut.of(found, StationOut.of)


@router.get(
    "/api/v1/stations/{station_id}",
    tags=["stations"],
    response_model=StationDetailOut,
    responses=NOT_FOUND,
)
async def get_station(
    request: Request, station_id: StationId, principal: StationReader
) -> StationDetailOut:
    stations = container_of(request).stations
    return StationDetailOut.detail(
        await in_transaction(request, lambda s: stations.get(s, principal, station_id))
    )


@router.post(
    "/api/v1/stations",
    tags=["stations"],
    status_code=201,
    response_model=StationOut,
    responses=CONFLICT,
)
async def create_station(
    request: Request, body: StationIn, principal: StationCreator
) -> StationOut:
    """Register a station; for security profiles 1 and 2 the password (given, or generated)
    is in this answer only when generated (the database keeps its argon2id hash)."""
    stations = container_of(request).stations
    summary, password = await in_transaction(
        request,
        lambda s: stations.create(
            s,
            principal,
            body.id,
            security_profile=body.security_profile,
            password=body.password,
            partner=body.partner,
            boot_policy=body.boot_policy,
            evse_ids=body.evse_ids,
            allow_v2g_without_tls=body.allow_v2g_without_tls,
            ocpp_version=body.ocpp_version,
            v2g_issuer=body.v2g_issuer,
        ),
    )
    return StationOut.of(summary, password)


@router.patch(
    "/api/v1/stations/{station_id}",
    tags=["stations"],
    response_model=StationOut,
    responses={**NOT_FOUND, **CONFLICT},
)
async def change_station(
    request: Request, station_id: StationId, body: StationChange, principal: StationUpdater
) -> StationOut:
    """Change a station: its EVSE IDs (which its SECC certificates may name), boot policy,
    OCPP version pin, V2G issuer, Basic password, or whether it is enabled."""
    stations = container_of(request).stations
    summary = await in_transaction(
        request,
        lambda s: stations.update(
            s,
            principal,
            station_id,
            evse_ids=body.evse_ids,
            allow_v2g_without_tls=body.allow_v2g_without_tls,
            boot_policy=body.boot_policy,
            enabled=body.enabled,
            ocpp_version=body.ocpp_version,
            v2g_issuer=body.v2g_issuer,
            password=body.password,
        ),
    )
    return StationOut.of(summary)


@router.put(
    "/api/v1/stations/{station_id}/location",
    tags=["stations"],
    response_model=StationOut,
    responses=NOT_FOUND,
)
async def set_station_location(
    request: Request,
    station_id: StationId,
    body: LocationIn,
    principal: Annotated[Principal, allowed(STATIONS_UPDATE)],
) -> StationOut:
    """Say where a station stands (its coordinates and address), for the map; whoever may
    change the station may (an operator; a partner for its own stations). 400 names the rule
    a location breaks (e.g. a latitude without a longitude)."""
    stations = container_of(request).stations
    summary = await in_transaction(
        request,
        lambda s: stations.set_location(
            s,
            principal,
            station_id,
            latitude=body.latitude,
            longitude=body.longitude,
            address=body.address,
        ),
    )
    return StationOut.of(summary)


@router.get("/api/v1/public/stations", tags=["public"], response_model=list[PublicStationOut])
async def public_stations(
    request: Request,
    principal: Annotated[Principal, allowed(PUBLIC_STATIONS_READ)],
    limit: Limit = 500,
    offset: Offset = 0,
) -> list[PublicStationOut]:
    stations = container_of(request).stations
    found = await in_transaction(
        request, lambda s: stations.public(s, principal, limit=limit, offset=offset)
    )
    return [
        PublicStationOut(
            id=p.id,
            available=p.available,
            connectors=[ConnectorOut.of(c) for c in p.connectors],
            location=LocationOut.of(p.location),
        )
        for p in found
    ]


class SessionOut(BaseModel):
    station_id: str
    transaction_id: str
    state: str
    started_at: datetime
    ended_at: datetime | None
    evse_id: int | None = None
    id_token: str | None
    charging_state: str | None = None
    stopped_reason: str | None = None
    meter_start_wh: float | None = Field(description="the first energy register reading, Wh")
    meter_last_wh: float | None = Field(description="the newest energy register reading, Wh")
    energy_wh: float | None = Field(description="energy delivered: last reading minus first")
    duration_s: float = Field(description="start to end (or to the newest event)")
    idle_s: float | None = Field(
        description="plugged in but not charging (None: the station reports no chargingState)"
    )
    verified: bool = Field(description="credited on the CSMS's own evidence (see docs/security.md)")
    unverified_reason: str | None = None

    @classmethod
    def of(cls, r: TransactionRecord) -> SessionOut:
        return cls(
            station_id=r.station_id,
            transaction_id=r.transaction_id,
            state=r.state,
            started_at=r.started_at,
            ended_at=r.ended_at,
            evse_id=r.evse_id,
            id_token=r.id_token,
            charging_state=r.charging_state,
            stopped_reason=r.stopped_reason,
            meter_start_wh=r.meter_start_wh,
            meter_last_wh=r.meter_last_wh,
            energy_wh=r.energy_wh,
            duration_s=r.duration_seconds,
            idle_s=r.idle_seconds,
            verified=r.verified,
            unverified_reason=r.unverified_reason,
        )


class SecurityEventOut(BaseModel):
    station_id: str
    type: str
    tech_info: str | None
    occurred_at: datetime
    received_at: datetime

    @classmethod
    def of(cls, r: SecurityEventRecord) -> SecurityEventOut:
        return cls(
            station_id=r.station_id,
            type=r.type,
            tech_info=r.tech_info,
            occurred_at=r.occurred_at,
            received_at=r.received_at,
        )


SESSION_LIST = (
    "Filters: `station_id`, `state` (started, updated, ended), `id_token`, `since`/`until` "
    "(UTC days or ISO times, on the start). Sort: started_at (default, newest first), ended_at, "
    "energy_wh. Search: station, transaction id, token."
)
EVENT_LIST = (
    "Filters: `station_id`, `type`, `since`/`until`. Sort: occurred_at (newest first). "
    "Search: station, type, technical information."
)


@router.get("/api/v1/sessions", tags=["sessions"], description=SESSION_LIST)
async def list_sessions(
    request: Request, principal: Annotated[Principal, allowed(SESSIONS_READ)], wanted: Listing
) -> PageOut[SessionOut]:
    """Charging sessions: a partner's are those at its stations; a driver's are those
    authorized with one of their contracts' eMAIDs."""
    stations = container_of(request).stations
    found = await in_transaction(request, lambda s: stations.find_sessions(s, principal, wanted))
    return PageOut.of(found, SessionOut.of)


@router.get(
    "/api/v1/stations/{station_id}/sessions",
    tags=["sessions"],
    description=SESSION_LIST,
    responses=NOT_FOUND,
)
async def station_sessions(
    request: Request, station_id: StationId, principal: StationReader, wanted: Listing
) -> PageOut[SessionOut]:
    """One station's charging sessions (part of the station's record)."""
    stations = container_of(request).stations
    found = await in_transaction(
        request, lambda s: stations.station_sessions(s, principal, station_id, wanted)
    )
    return PageOut.of(found, SessionOut.of)


@router.get("/api/v1/security-events", tags=["stations"], description=EVENT_LIST)
async def list_security_events(
    request: Request, principal: EventReader, wanted: Listing
) -> PageOut[SecurityEventOut]:
    """Security events of every station the caller may read."""
    stations = container_of(request).stations
    found = await in_transaction(
        request, lambda s: stations.find_security_events(s, principal, wanted)
    )
    return PageOut.of(found, SecurityEventOut.of)


@router.get(
    "/api/v1/stations/{station_id}/security-events",
    tags=["stations"],
    description=EVENT_LIST,
    responses=NOT_FOUND,
)
async def station_security_events(
    request: Request, station_id: StationId, principal: EventReader, wanted: Listing
) -> PageOut[SecurityEventOut]:
    stations = container_of(request).stations
    found = await in_transaction(
        request, lambda s: stations.station_security_events(s, principal, station_id, wanted)
    )
    return PageOut.of(found, SecurityEventOut.of)


TransactionId = Annotated[str, Path(min_length=1, max_length=36)]


@router.post(
    "/api/v1/sessions/{station_id}/{transaction_id}/stop",
    tags=["sessions"],
    responses=COMMAND_ERRORS,
)
async def stop_session(
    request: Request,
    station_id: StationId,
    transaction_id: TransactionId,
    principal: Annotated[Principal, allowed(SESSIONS_STOP)],
) -> dict[str, Any]:
    """Stop a charging session that is still going: a driver's own (one of their contracts'
    eMAIDs authorized it), or any in the caller's scope. 404 when no such session is ongoing
    in reach; the station's answer as in /api/v1/stations/{id}/remote-stop."""
    stations = container_of(request).stations
    try:
        result = await stations.remote_stop(principal, station_id, transaction_id)
    except StationError as exc:
        raise http_error(exc, invalid=422) from None
    except COMMAND_FAILURES as exc:
        raise command_failure(exc) from None
    return result.as_dict()
