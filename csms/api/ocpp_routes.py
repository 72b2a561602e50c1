"""REST API of the OCPP core: stations, their state and events, commands to connected ones.

Every route goes through the OCPP core's StationService, which decides who may see and
command which station; an operator's automation may use the bearer token
`CSMS_OCPP_API_TOKEN` instead of a login, and then acts as the system.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, HTTPException, Path, Request
from pydantic import BaseModel, Field, StrictBool, StrictInt

from auth.principal import Principal

from ..ocpp import limits, rpc
from ..ocpp.connection import (
    BadStationAnswer,
    CallTimeout,
    StationCallError,
    StationUnavailable,
)
from ..ocpp.hub import OcppNotRunning
from ..ocpp.service import (
    SECURITY_EVENTS_READ,
    STATIONS_COMMAND,
    STATIONS_CREATE,
    STATIONS_READ,
    STATIONS_UPDATE,
    StationSummary,
)
from ..ocpp.stations import StationError
from ..web.context import container_of, in_transaction
from .deps import allowed_or_automation
from .errors import http_error
from .schemas import Limit, Offset

StationReader = Annotated[Principal, allowed_or_automation(STATIONS_READ)]
StationCreator = Annotated[Principal, allowed_or_automation(STATIONS_CREATE)]
StationCommander = Annotated[Principal, allowed_or_automation(STATIONS_COMMAND)]
StationUpdater = Annotated[Principal, allowed_or_automation(STATIONS_UPDATE)]
EventReader = Annotated[Principal, allowed_or_automation(SECURITY_EVENTS_READ)]


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
StationId = Annotated[str, Path(min_length=1, max_length=limits.IDENTITY)]
NOT_FOUND: dict[int | str, dict[str, Any]] = {404: {"description": "no such station", **_ERROR}}
COMMAND_ERRORS: dict[int | str, dict[str, Any]] = {
    404: {"description": "no such station", **_ERROR},
    409: {"description": "the station is not connected", **_ERROR},
    422: {"description": "the payload breaks the schema", **_ERROR},
    502: {
        "description": "the station answered with a CALLERROR, or with an answer that breaks "
        "the schema (`source: station`)",
        **_ERROR,
    },
    504: {"description": "the station did not answer in time", **_ERROR},
}


EvseIds = Annotated[
    list[Annotated[str, Field(min_length=1, max_length=limits.IDENTITY)]],
    Field(max_length=64, description="EVSE IDs its charging (SECC) certificates may name"),
]


class StationIn(BaseModel):
    id: str = Field(max_length=limits.IDENTITY)
    security_profile: int = Field(ge=1, le=3)
    password: str | None = Field(default=None, max_length=limits.PASSWORD_MAX)
    partner: str | None = Field(default=None, max_length=128)
    boot_policy: str = "accept"
    evse_ids: EvseIds = []
    allow_v2g_without_tls: bool = False
    ocpp_version: str | None = Field(default=None, max_length=8, description="1.6, 2.0.1, 2.1")
    v2gIssuer: Literal["local", "opcp", "partner"] | None = None


class StationChange(BaseModel):
    evse_ids: EvseIds | None = None
    allow_v2g_without_tls: bool | None = None
    boot_policy: str | None = None
    enabled: bool | None = None
    ocpp_version: str | None = Field(
        default=None, max_length=8, description='1.6, 2.0.1, 2.1, or "any" to unpin'
    )
    v2gIssuer: Literal["local", "opcp", "partner"] | None = None


class SecurityProfileIn(BaseModel):
    security_profile: StrictInt = Field(ge=2, le=3)


class PncSettingsIn(BaseModel):
    """Plug & Charge settings to change (csms/ocpp/pnc_config.py); omitted ones stay."""

    model_config = {"extra": "forbid"}
    # Strict: "yes" or 1 for a switch is refused, not guessed.
    pnc_enabled: StrictBool | None = None
    central_contract_validation_allowed: StrictBool | None = None
    contract_validation_offline: StrictBool | None = None
    cert_signing_wait_minimum: StrictInt | None = Field(default=None, ge=0, le=86_400)
    cert_signing_repeat_times: StrictInt | None = Field(default=None, ge=0, le=100)


class TriggerIn(BaseModel):
    requested_message: str


def _summary(summary: StationSummary) -> dict[str, Any]:
    station = summary.station
    connection = summary.connection
    return {
        "id": station.id,
        "securityProfile": station.security_profile,
        "partner": station.partner,
        "bootPolicy": station.boot_policy,
        "enabled": station.enabled,
        "connected": summary.connected,
        "connection": None
        if connection is None
        else {
            "connectedAt": connection.connected_at.isoformat(),
            "node": connection.node,
            "callsIn": connection.calls_in,
            "callsOut": connection.calls_out,
            "badFrames": connection.bad_frames,
            "unmatchedResponses": connection.unmatched_responses,
        },
        "lastBootAt": station.last_boot_at.isoformat() if station.last_boot_at else None,
        "bootStatus": station.boot_status,
        "bootInfo": station.boot_info,
        "lastSeenAt": station.last_seen_at.isoformat() if station.last_seen_at else None,
        "certificates": summary.certificates,
        "installedCertificates": station.installed_certificates,
        "evse_ids": list(station.evse_ids),
        "allow_v2g_without_tls": station.allow_v2g_without_tls,
        "ocppVersion": station.ocpp_version.value if station.ocpp_version else None,
        "lastOcppVersion": station.last_ocpp_version,
        "v2gIssuer": station.v2g_issuer,
        "location": {
            "latitude": station.location.latitude,
            "longitude": station.location.longitude,
            "address": station.location.address,
        },
    }


@router.get("/stations")
async def list_stations(
    request: Request, who: StationReader, limit: Limit = 200, offset: Offset = 0
) -> list[dict[str, Any]]:
    stations = container_of(request).stations
    found = await in_transaction(
        request, lambda s: stations.list_stations(s, who, limit=limit, offset=offset)
    )
    return [_summary(summary) for summary in found]


@router.post(
    "/stations",
    status_code=201,
    responses={
        409: {"description": "exists", **_ERROR},
        422: {"description": "invalid station data", **_ERROR},
    },
)
async def add_station(request: Request, who: StationCreator, body: StationIn) -> dict[str, Any]:
    stations = container_of(request).stations
    try:
        summary, generated = await in_transaction(
            request,
            lambda s: stations.create(
                s,
                who,
                body.id,
                security_profile=body.security_profile,
                password=body.password,
                partner=body.partner,
                boot_policy=body.boot_policy,
                evse_ids=body.evse_ids,
                allow_v2g_without_tls=body.allow_v2g_without_tls,
                ocpp_version=body.ocpp_version,
                v2g_issuer=body.v2gIssuer,
            ),
        )
    except StationError as exc:
        raise http_error(exc, invalid=422) from None
    result = _summary(summary)
    if generated:
        result["password"] = generated  # shown once; only its hash is stored
    return result


@router.patch(
    "/stations/{station_id}",
    responses={
        **NOT_FOUND,
        409: {"description": "an EVSE ID belongs to another station", **_ERROR},
        422: {"description": "invalid station data", **_ERROR},
    },
)
async def change_station(
    request: Request, who: StationUpdater, station_id: StationId, body: StationChange
) -> dict[str, Any]:
    stations = container_of(request).stations
    try:
        summary = await in_transaction(
            request,
            lambda s: stations.update(
                s,
                who,
                station_id,
                evse_ids=body.evse_ids,
                allow_v2g_without_tls=body.allow_v2g_without_tls,
                boot_policy=body.boot_policy,
                enabled=body.enabled,
                ocpp_version=body.ocpp_version,
                v2g_issuer=body.v2gIssuer,
            ),
        )
    except StationError as exc:
        raise http_error(exc, invalid=422) from None
    return _summary(summary)


@router.get("/stations/{station_id}", responses=NOT_FOUND)
async def station_detail(
    request: Request, who: StationReader, station_id: StationId
) -> dict[str, Any]:
    stations = container_of(request).stations
    summary = await in_transaction(request, lambda s: stations.get(s, who, station_id))
    result = _summary(summary)
    result["connectors"] = [
        {
            "evseId": r.evse_id,
            "connectorId": r.connector_id,
            "status": r.status,
            "at": r.reported_at.isoformat(),
        }
        for r in summary.connectors
    ]
    return result


@router.get("/stations/{station_id}/security-events", responses=NOT_FOUND)
async def security_events(
    request: Request, who: EventReader, station_id: StationId, limit: Limit = 100
) -> list[dict[str, Any]]:
    stations = container_of(request).stations
    rows = await in_transaction(
        request, lambda s: stations.security_events(s, who, station_id, limit=limit)
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
async def transactions(
    request: Request, who: StationReader, station_id: StationId, limit: Limit = 100
) -> list[dict[str, Any]]:
    stations = container_of(request).stations
    rows = await in_transaction(
        request, lambda s: stations.transactions(s, who, station_id, limit=limit)
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
            "energyWh": r.energy_wh,
            "durationSeconds": r.duration_seconds,
            "idleSeconds": r.idle_seconds,
            "verified": r.verified,
            "unverifiedReason": r.unverified_reason,
        }
        for r in rows
    ]


def command_failure(exc: Exception) -> HTTPException:
    """How a command that reached no answer, or a bad one, reads to the API caller."""
    if isinstance(exc, rpc.OcppError):  # the caller's payload breaks the schema
        return HTTPException(422, {"code": exc.code, "description": exc.description})
    if isinstance(exc, BadStationAnswer):  # the station's answer does: not the caller's fault
        return HTTPException(
            502, {"code": exc.code, "description": exc.description, "source": "station"}
        )
    if isinstance(exc, OcppNotRunning):
        return HTTPException(503, str(exc))
    if isinstance(exc, StationUnavailable):
        return HTTPException(409, str(exc))
    if isinstance(exc, CallTimeout):
        return HTTPException(504, str(exc))
    if isinstance(exc, StationCallError):
        return HTTPException(502, {"code": exc.error.code, "description": exc.error.description})
    raise exc


_COMMAND_FAILURES = (
    rpc.OcppError,
    BadStationAnswer,
    StationUnavailable,
    CallTimeout,
    StationCallError,
)


@router.post("/stations/{station_id}/commands/{action}", responses=COMMAND_ERRORS)
async def command(
    request: Request,
    who: StationCommander,
    station_id: StationId,
    action: Annotated[str, Path(max_length=limits.ACTION)],
    payload: dict[str, Any],
) -> dict[str, Any]:
    """Send any CSMS→station CALL (payload in OCPP's JSON); answers with the station's
    CALLRESULT payload."""
    stations = container_of(request).stations
    try:
        answer = await stations.command(who, station_id, action, payload)
    except _COMMAND_FAILURES as exc:
        raise command_failure(exc) from None
    return {"action": action, "response": answer}


@router.post("/stations/{station_id}/trigger", responses=COMMAND_ERRORS)
async def trigger(
    request: Request, who: StationCommander, station_id: StationId, body: TriggerIn
) -> dict[str, Any]:
    stations = container_of(request).stations
    try:
        answer = await stations.trigger(who, station_id, body.requested_message)
    except _COMMAND_FAILURES as exc:
        raise command_failure(exc) from None
    return {"action": "TriggerMessage", "response": answer}


@router.get("/stations/{station_id}/pnc-configuration", responses=COMMAND_ERRORS)
async def pnc_configuration(
    request: Request, who: StationCommander, station_id: StationId
) -> dict[str, Any]:
    """The station's Plug & Charge settings as it reports them now, whatever its OCPP version
    (1.6 configuration keys, 2.0.1/2.1 ISO15118Ctrlr and SecurityCtrlr variables)."""
    stations = container_of(request).stations
    try:
        return await stations.pnc_configuration(who, station_id)
    except _COMMAND_FAILURES as exc:
        raise command_failure(exc) from None


@router.patch("/stations/{station_id}/pnc-configuration", responses=COMMAND_ERRORS)
async def set_pnc_configuration(
    request: Request, who: StationCommander, station_id: StationId, body: PncSettingsIn
) -> dict[str, Any]:
    """Set some of the station's Plug & Charge settings (e.g. {"pnc_enabled": true}); an
    operator's command (`stations:configure`). Answers the station's status for each."""
    stations = container_of(request).stations
    changes = body.model_dump(exclude_none=True)
    if not changes:
        raise HTTPException(422, "no setting given")
    try:
        return await stations.set_pnc_configuration(who, station_id, changes)
    except _COMMAND_FAILURES as exc:
        raise command_failure(exc) from None


@router.post("/stations/{station_id}/security-profile", responses=COMMAND_ERRORS)
async def upgrade_security_profile(
    request: Request, who: StationCommander, station_id: StationId, body: SecurityProfileIn
) -> dict[str, Any]:
    """Raise a 1.6 station's security profile (the whitepaper's ChangeConfiguration of
    SecurityProfile); recorded once the station agrees, so its next connection must use it.
    409 when it is not higher or the station is not ready for it (no password for 2, no
    accepted charging station certificate for 3)."""
    stations = container_of(request).stations
    try:
        return await stations.upgrade_security_profile(who, station_id, body.security_profile)
    except StationError as exc:
        raise http_error(exc, invalid=422) from None
    except _COMMAND_FAILURES as exc:
        raise command_failure(exc) from None


@router.post("/stations/{station_id}/install-roots", responses=COMMAND_ERRORS)
async def install_roots(
    request: Request, who: StationCommander, station_id: StationId
) -> dict[str, Any]:
    """InstallCertificate of the product's V2G root and MO root (M05), one after the other."""
    stations = container_of(request).stations
    try:
        answers = await stations.install_roots(who, station_id)
    except _COMMAND_FAILURES as exc:
        raise command_failure(exc) from None
    return {
        "results": [
            {"certificateType": kind, "action": "InstallCertificate", "response": answer}
            for kind, answer in answers
        ]
    }


# --- the fleet's trust stores (csms/ocpp/trust_store.py) ------------------------------------


@router.get("/trust-store/drifted")
async def drifted_trust_stores(request: Request, who: StationReader) -> list[dict[str, Any]]:
    """Stations in your scope whose reported roots differ from what they should hold."""
    stations = container_of(request).stations
    return await in_transaction(request, lambda s: stations.drifted_stations(s, who))


@router.get("/stations/{station_id}/trust-store", responses=NOT_FOUND)
async def station_trust_store(
    request: Request, who: StationReader, station_id: StationId
) -> dict[str, Any]:
    """The roots the station should hold (by its partner's policy), the ones it reported
    (GetInstalledCertificateIds), what it misses and what it should not hold (distrusted,
    outside the policy, unknown)."""
    stations = container_of(request).stations
    view = await in_transaction(request, lambda s: stations.trust_store(s, who, station_id))
    return view.as_dict()


@router.post("/stations/{station_id}/trust-store/repair", responses=COMMAND_ERRORS)
async def repair_trust_store(
    request: Request, who: StationCommander, station_id: StationId
) -> dict[str, Any]:
    """Bring the station's trust store in order: InstallCertificate for each missing root,
    DeleteCertificate for each unexpected one (an operator's command, audited), then
    GetInstalledCertificateIds; answers what was sent and the store afterwards. 409 when the
    station never reported its certificates."""
    stations = container_of(request).stations
    try:
        return await stations.repair_trust_store(who, station_id)
    except StationError as exc:
        raise http_error(exc, invalid=409) from None
    except _COMMAND_FAILURES as exc:
        raise command_failure(exc) from None
