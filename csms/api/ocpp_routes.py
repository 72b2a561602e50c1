"""REST API of the OCPP core's commands: CALLs to connected stations, their Plug & Charge
settings and trust stores (the stations themselves, their sessions and events: station_routes.py).

Every route goes through the OCPP core's StationService, which decides who may see and
command which station; an operator's automation may use the bearer token
`CSMS_OCPP_API_TOKEN` instead of a login, and then acts as the system. Answers are snake_case
like the rest of the API, except a station's own answer (`response`), which is OCPP's JSON as
the station sent it.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, HTTPException, Path, Request
from pydantic import BaseModel, Field, StrictBool, StrictInt

from auth.principal import Principal

from ..ocpp import limits, operations, rpc
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
    STATIONS_OPERATE,
    STATIONS_READ,
    STATIONS_UPDATE,
)
from ..ocpp.stations import StationError
from ..web.context import container_of, in_transaction
from .deps import allowed_or_automation
from .errors import http_error
from .schemas import snake_keys

StationReader = Annotated[Principal, allowed_or_automation(STATIONS_READ)]
StationCreator = Annotated[Principal, allowed_or_automation(STATIONS_CREATE)]
StationCommander = Annotated[Principal, allowed_or_automation(STATIONS_COMMAND)]
StationOperator = Annotated[Principal, allowed_or_automation(STATIONS_OPERATE)]
StationUpdater = Annotated[Principal, allowed_or_automation(STATIONS_UPDATE)]
EventReader = Annotated[Principal, allowed_or_automation(SECURITY_EVENTS_READ)]


_ERROR = {"content": {"application/json": {"schema": {"type": "object"}}}}
router = APIRouter(
    prefix="/api/v1",
    tags=["stations"],
    responses={
        401: {"description": "not logged in, or the token is wrong", **_ERROR},
        403: {"description": "the caller's role may not do this", **_ERROR},
        503: {"description": "not configured / not running here", **_ERROR},
    },
)
StationId = Annotated[str, Path(min_length=1, max_length=limits.IDENTITY)]
NOT_FOUND: dict[int | str, dict[str, Any]] = {404: {"description": "no such station", **_ERROR}}
COMMAND_ERRORS: dict[int | str, dict[str, Any]] = {
    404: {"description": "no such station (or, for a stop, no such ongoing session)", **_ERROR},
    409: {"description": "the station is not connected", **_ERROR},
    422: {"description": "the payload breaks the schema", **_ERROR},
    502: {
        "description": "the station answered with a CALLERROR, or with an answer that breaks "
        "the schema (`source: station`)",
        **_ERROR,
    },
    504: {"description": "the station did not answer in time", **_ERROR},
}


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


# The operations' bodies (csms/ocpp/operations.py checks them again, for every door).
EvseNumber = Annotated[StrictInt, Field(ge=1, le=operations.MAX_EVSE)]
ConnectorNumber = Annotated[StrictInt, Field(ge=1, le=operations.MAX_CONNECTOR)]
TokenType = Literal[
    "Central", "eMAID", "ISO14443", "ISO15693", "KeyCode", "Local", "MacAddress", "NoAuthorization"
]


class RemoteStartIn(BaseModel):
    model_config = {"extra": "forbid"}
    evse_id: EvseNumber
    id_token: str = Field(min_length=1, max_length=36, description="20 at most for 1.6")
    id_token_type: TokenType = operations.CENTRAL


class RemoteStopIn(BaseModel):
    model_config = {"extra": "forbid"}
    transaction_id: str = Field(min_length=1, max_length=36)


class UnlockIn(BaseModel):
    model_config = {"extra": "forbid"}
    evse_id: EvseNumber
    connector_id: ConnectorNumber = 1


class AvailabilityIn(BaseModel):
    model_config = {"extra": "forbid"}
    operative: StrictBool
    evse_id: EvseNumber | None = Field(default=None, description="none: the whole station")
    connector_id: ConnectorNumber | None = Field(default=None, description="within evse_id")


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


COMMAND_FAILURES = (
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
    except COMMAND_FAILURES as exc:
        raise command_failure(exc) from None
    return {"action": action, "response": answer}


@router.post("/stations/{station_id}/trigger", responses=COMMAND_ERRORS)
async def trigger(
    request: Request, who: StationCommander, station_id: StationId, body: TriggerIn
) -> dict[str, Any]:
    stations = container_of(request).stations
    try:
        answer = await stations.trigger(who, station_id, body.requested_message)
    except COMMAND_FAILURES as exc:
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
        return snake_keys(await stations.pnc_configuration(who, station_id))
    except COMMAND_FAILURES as exc:
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
        return snake_keys(await stations.set_pnc_configuration(who, station_id, changes))
    except COMMAND_FAILURES as exc:
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
        return snake_keys(
            await stations.upgrade_security_profile(who, station_id, body.security_profile)
        )
    except StationError as exc:
        raise http_error(exc, invalid=422) from None
    except COMMAND_FAILURES as exc:
        raise command_failure(exc) from None


@router.post("/stations/{station_id}/install-roots", responses=COMMAND_ERRORS)
async def install_roots(
    request: Request, who: StationCommander, station_id: StationId
) -> dict[str, Any]:
    """InstallCertificate of the product's V2G root and MO root (M05), one after the other."""
    stations = container_of(request).stations
    try:
        answers = await stations.install_roots(who, station_id)
    except COMMAND_FAILURES as exc:
        raise command_failure(exc) from None
    return {
        "results": [
            {"certificate_type": kind, "action": "InstallCertificate", "response": answer}
            for kind, answer in answers
        ]
    }


# --- operations: remote start and stop, unlock, availability (csms/ocpp/operations.py) ------


async def _operation(call: Any) -> dict[str, Any]:
    """Await one StationService operation and answer what the station said, or why not."""
    try:
        result = await call
    except StationError as exc:
        raise http_error(exc, invalid=422) from None
    except COMMAND_FAILURES as exc:
        raise command_failure(exc) from None
    return dict(result.as_dict())


@router.post("/stations/{station_id}/remote-start", responses=COMMAND_ERRORS)
async def remote_start(
    request: Request, who: StationOperator, station_id: StationId, body: RemoteStartIn
) -> dict[str, Any]:
    """Start charging on an EVSE for an idToken: RequestStartTransaction (2.0.1, 2.1) or
    RemoteStartTransaction (1.6), whichever the station speaks. `ok` is the station's
    acceptance; the session itself appears when the station reports it."""
    stations = container_of(request).stations
    return await _operation(
        stations.remote_start(
            who, station_id, body.evse_id, body.id_token, token_type=body.id_token_type
        )
    )


@router.post("/stations/{station_id}/remote-stop", responses=COMMAND_ERRORS)
async def remote_stop(
    request: Request, who: StationOperator, station_id: StationId, body: RemoteStopIn
) -> dict[str, Any]:
    """Stop one of the station's ongoing sessions: RequestStopTransaction (2.0.1, 2.1) or
    RemoteStopTransaction (1.6). 404 when no such session is ongoing there."""
    stations = container_of(request).stations
    return await _operation(stations.remote_stop(who, station_id, body.transaction_id))


@router.post("/stations/{station_id}/unlock", responses=COMMAND_ERRORS)
async def unlock(
    request: Request, who: StationOperator, station_id: StationId, body: UnlockIn
) -> dict[str, Any]:
    """Release a connector's cable (UnlockConnector; a 1.6 connector is EVSE n, connector 1)."""
    stations = container_of(request).stations
    return await _operation(stations.unlock(who, station_id, body.evse_id, body.connector_id))


@router.post("/stations/{station_id}/availability", responses=COMMAND_ERRORS)
async def change_availability(
    request: Request, who: StationOperator, station_id: StationId, body: AvailabilityIn
) -> dict[str, Any]:
    """Set the whole station, an EVSE or a connector operative or inoperative
    (ChangeAvailability). `Scheduled`: the station does it once its session ends."""
    stations = container_of(request).stations
    return await _operation(
        stations.change_availability(
            who, station_id, body.operative, body.evse_id, body.connector_id
        )
    )


# --- the fleet's trust stores (csms/ocpp/trust_store.py) ------------------------------------


@router.get("/trust-store/drifted")
async def drifted_trust_stores(request: Request, who: StationReader) -> list[dict[str, Any]]:
    """Stations in your scope whose reported roots differ from what they should hold."""
    stations = container_of(request).stations
    return snake_keys(await in_transaction(request, lambda s: stations.drifted_stations(s, who)))


@router.get("/stations/{station_id}/trust-store", responses=NOT_FOUND)
async def station_trust_store(
    request: Request, who: StationReader, station_id: StationId
) -> dict[str, Any]:
    """The roots the station should hold (by its partner's policy), the ones it reported
    (GetInstalledCertificateIds), what it misses and what it should not hold (distrusted,
    outside the policy, unknown)."""
    stations = container_of(request).stations
    view = await in_transaction(request, lambda s: stations.trust_store(s, who, station_id))
    return snake_keys(view.as_dict())


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
        return snake_keys(await stations.repair_trust_store(who, station_id))
    except StationError as exc:
        raise http_error(exc, invalid=409) from None
    except COMMAND_FAILURES as exc:
        raise command_failure(exc) from None
