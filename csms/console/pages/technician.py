"""The technician's cabinet: stations with their connection state and last messages, security
events, installed certificates, and the actions a technician takes on a station."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import Response

from auth.principal import Permission, Principal

from ...ocpp.connection import (
    BadStationAnswer,
    CallTimeout,
    StationCallError,
    StationUnavailable,
)
from ...ocpp.hub import OcppNotRunning
from ...ocpp.rpc import OcppError
from ...ocpp.service import STATIONS_COMMAND, STATIONS_READ, StationService
from ...web.context import container_of, in_transaction
from ..access import check_csrf, page
from ..forms import N_
from ..web import PREFIX, render

router = APIRouter(prefix=f"{PREFIX}/technician", include_in_schema=False)
CABINET = "technician"

# What each button does, as a station command of the OCPP core (csms/ocpp/service.py).
ACTIONS = {
    "renew-v2g": N_("Renew the charging certificate (ISO 15118)"),
    "renew-station": N_("Renew the station certificate (OCPP)"),
    "install-roots": N_("Install the product's root certificates"),
    "list-installed": N_("Ask which certificates are installed"),
    "repair-trust-store": N_("Bring the trust store in order"),
    "reset": N_("Reset the station"),
}
# How a command that got no (good) answer reads for the person who pressed the button.
NOT_RUNNING = N_("The OCPP server is not running in this process.")
NOT_CONNECTED = N_("The station is not connected.")
NO_ANSWER = N_("The station did not answer in time.")
REFUSED = N_("The station refused the command.")
BAD_ANSWER = N_("The station's answer did not follow OCPP.")


def technician(permission: Permission) -> Any:
    return Depends(page(permission, cabinet=CABINET))


async def _detail(
    request: Request, principal: Principal, station_id: str, **context: Any
) -> Response:
    service = container_of(request).stations
    detail = await in_transaction(request, lambda s: service.detail(s, principal, station_id))
    trust = await in_transaction(request, lambda s: service.trust_store(s, principal, station_id))
    summary = detail.summary
    return render(
        request,
        "technician/station.html",
        station=summary,
        online=summary.connected,
        actions=ACTIONS,
        boot_info=summary.station.boot_info or {},
        last_boot_at=summary.station.last_boot_at,
        installed=summary.station.installed_certificates or [],
        trust=trust,
        events=detail.events,
        sessions=detail.sessions,
        issued=summary.certificates,
        **context,
    )


@router.get("/stations/{station_id}")
async def station(
    request: Request,
    station_id: str,
    principal: Annotated[Principal, technician(STATIONS_READ)],
) -> Response:
    # Security events have a permission of their own; without it the service refuses the page.
    return await _detail(request, principal, station_id)


async def _run(
    service: StationService, principal: Principal, station_id: str, action: str
) -> list[dict[str, Any]]:
    """The station's answers to the action's command(s), through the OCPP core's service
    (which decides whether this principal may command this station)."""
    if action == "install-roots":
        return [answer for _kind, answer in await service.install_roots(principal, station_id)]
    if action == "repair-trust-store":
        return list((await service.repair_trust_store(principal, station_id))["actions"])
    if action == "list-installed":
        return [await service.command(principal, station_id, "GetInstalledCertificateIds", {})]
    if action == "reset":
        return [await service.command(principal, station_id, "Reset", {"type": "Immediate"})]
    message = "SignV2GCertificate" if action == "renew-v2g" else "SignChargingStationCertificate"
    return [await service.trigger(principal, station_id, message)]


@router.post("/stations/{station_id}/actions")
async def act(
    request: Request,
    station_id: str,
    principal: Annotated[Principal, technician(STATIONS_COMMAND)],
) -> Response:
    """Run one action and show the station's answer (or why there was none) on the page."""
    form = await check_csrf(request)
    action = str(form.get("action", ""))
    if action not in ACTIONS:
        raise HTTPException(400, "unknown action")
    service = container_of(request).stations
    result: dict[str, Any]
    try:
        answers = await _run(service, principal, station_id, action)
    except OcppNotRunning:
        result = {"ok": False, "message": NOT_RUNNING}
    except StationUnavailable:
        result = {"ok": False, "message": NOT_CONNECTED}
    except CallTimeout:
        result = {"ok": False, "message": NO_ANSWER}
    except StationCallError:
        result = {"ok": False, "message": REFUSED}
    except (OcppError, BadStationAnswer):
        result = {"ok": False, "message": BAD_ANSWER}
    else:
        statuses = [str(a.get("status", "")) for a in answers if isinstance(a, dict)]
        ok = all(s == "Accepted" for s in statuses) if statuses else True
        result = {"ok": ok, "statuses": statuses}
    return await _detail(request, principal, station_id, result=result, done=ACTIONS[action])
