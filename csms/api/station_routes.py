"""Stations, the public station list and charging sessions: the REST door onto the OCPP core's
StationService (csms/ocpp/service.py), which decides who sees which rows."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from fastapi import APIRouter, Path, Request
from pydantic import BaseModel, Field

from auth.principal import Principal

from ..ocpp import limits
from ..ocpp.db import ConnectorStatusRecord, TransactionRecord
from ..ocpp.location import ADDRESS_MAX, Location
from ..ocpp.service import (
    PUBLIC_STATIONS_READ,
    SESSIONS_READ,
    STATIONS_CREATE,
    STATIONS_READ,
    STATIONS_UPDATE,
    StationSummary,
)
from ..web.context import container_of, in_transaction
from .deps import allowed
from .schemas import CONFLICT, ERRORS, NOT_FOUND, Limit, Offset

router = APIRouter(responses=ERRORS)
StationId = Annotated[str, Path(min_length=1, max_length=limits.IDENTITY)]


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


class StationIn(BaseModel):
    id: str = Field(min_length=1, max_length=limits.IDENTITY)
    security_profile: int = Field(default=2, ge=1, le=3)
    partner: str | None = Field(default=None, max_length=128)
    evse_ids: EvseIds = []
    allow_v2g_without_tls: bool = Field(
        default=False, description="V2G certificates on security profile 1 (operators only)"
    )
    ocpp_version: OcppVersionPin | None = None
    v2g_issuer: V2gIssuer | None = Field(default=None, description=_V2G_ISSUER)


class StationChange(BaseModel):
    evse_ids: EvseIds | None = None
    allow_v2g_without_tls: bool | None = None
    ocpp_version: OcppVersionPin | None = Field(
        default=None, description='pin to a version; "any" unpins'
    )
    v2g_issuer: V2gIssuer | None = Field(default=None, description=_V2G_ISSUER)


@router.get("/api/stations", tags=["stations"], response_model=list[StationOut])
async def list_stations(
    request: Request,
    principal: Annotated[Principal, allowed(STATIONS_READ)],
    limit: Limit = 100,
    offset: Offset = 0,
) -> list[StationOut]:
    stations = container_of(request).stations
    found = await in_transaction(
        request, lambda s: stations.list_stations(s, principal, limit=limit, offset=offset)
    )
    return [StationOut.of(summary) for summary in found]


@router.get(
    "/api/stations/{station_id}", tags=["stations"], response_model=StationOut, responses=NOT_FOUND
)
async def get_station(
    request: Request, station_id: StationId, principal: Annotated[Principal, allowed(STATIONS_READ)]
) -> StationOut:
    stations = container_of(request).stations
    return StationOut.of(
        await in_transaction(request, lambda s: stations.get(s, principal, station_id))
    )


@router.post(
    "/api/stations",
    tags=["stations"],
    status_code=201,
    response_model=StationOut,
    responses=CONFLICT,
)
async def create_station(
    request: Request, body: StationIn, principal: Annotated[Principal, allowed(STATIONS_CREATE)]
) -> StationOut:
    """Register a station; for security profiles 1 and 2 the generated password is in this
    answer only (the database keeps its argon2id hash)."""
    stations = container_of(request).stations
    summary, password = await in_transaction(
        request,
        lambda s: stations.create(
            s,
            principal,
            body.id,
            security_profile=body.security_profile,
            partner=body.partner,
            evse_ids=body.evse_ids,
            allow_v2g_without_tls=body.allow_v2g_without_tls,
            ocpp_version=body.ocpp_version,
            v2g_issuer=body.v2g_issuer,
        ),
    )
    return StationOut.of(summary, password)


@router.patch(
    "/api/stations/{station_id}",
    tags=["stations"],
    response_model=StationOut,
    responses={**NOT_FOUND, **CONFLICT},
)
async def change_station(
    request: Request,
    station_id: StationId,
    body: StationChange,
    principal: Annotated[Principal, allowed(STATIONS_UPDATE)],
) -> StationOut:
    """Change a station's EVSE IDs (which its SECC certificates may name) or let it have V2G
    certificates without TLS."""
    stations = container_of(request).stations
    summary = await in_transaction(
        request,
        lambda s: stations.update(
            s,
            principal,
            station_id,
            evse_ids=body.evse_ids,
            allow_v2g_without_tls=body.allow_v2g_without_tls,
            ocpp_version=body.ocpp_version,
            v2g_issuer=body.v2g_issuer,
        ),
    )
    return StationOut.of(summary)


@router.put(
    "/api/stations/{station_id}/location",
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


@router.get("/api/public/stations", tags=["public"], response_model=list[PublicStationOut])
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
    id_token: str | None
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
            id_token=r.id_token,
            meter_start_wh=r.meter_start_wh,
            meter_last_wh=r.meter_last_wh,
            energy_wh=r.energy_wh,
            duration_s=r.duration_seconds,
            idle_s=r.idle_seconds,
            verified=r.verified,
            unverified_reason=r.unverified_reason,
        )


@router.get("/api/sessions", tags=["sessions"], response_model=list[SessionOut])
async def list_sessions(
    request: Request,
    principal: Annotated[Principal, allowed(SESSIONS_READ)],
    limit: Limit = 100,
    offset: Offset = 0,
) -> list[SessionOut]:
    """Charging sessions: a partner's are those at its stations; a driver's are those
    authorized with one of their contracts' eMAIDs."""
    stations = container_of(request).stations
    found = await in_transaction(
        request, lambda s: stations.sessions(s, principal, limit=limit, offset=offset)
    )
    return [SessionOut.of(r) for r in found]
