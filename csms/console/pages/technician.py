"""The technician's cabinet: stations with their connection state and last messages, security
events, installed certificates, and the actions a technician takes on a station."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import Response

from auth.principal import Permission, Principal

from ...ocpp.service import STATIONS_COMMAND, STATIONS_OPERATE, STATIONS_READ, StationService
from ...web.context import container_of, in_transaction
from .. import station_operations
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


def technician(permission: Permission) -> Any:
    return Depends(page(permission, cabinet=CABINET))


async def _detail(
    request: Request, principal: Principal, station_id: str, **context: Any
) -> Response:
    service = container_of(request).stations
    detail = await in_transaction(request, lambda s: service.detail(s, principal, station_id))
    trust = await in_transaction(request, lambda s: service.trust_store(s, principal, station_id))
    ongoing = await in_transaction(
        request, lambda s: service.ongoing_sessions(s, principal, station_id)
    )
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
        ongoing=ongoing,
        operations_path=f"{PREFIX}/technician/stations/{station_id}/operations",
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
    except Exception as exc:
        message = station_operations.failure_message(exc)
        if message is None:
            raise
        result = {"ok": False, "message": message}
    else:
        statuses = [str(a.get("status", "")) for a in answers if isinstance(a, dict)]
        ok = all(s == "Accepted" for s in statuses) if statuses else True
        result = {"ok": ok, "statuses": statuses}
    return await _detail(request, principal, station_id, result=result, done=ACTIONS[action])


@router.post("/stations/{station_id}/operations")
async def operate(
    request: Request,
    station_id: str,
    principal: Annotated[Principal, technician(STATIONS_OPERATE)],
) -> Response:
    """Remote start or stop, unlock, availability; the station's answer in words."""
    form = await check_csrf(request)
    service = container_of(request).stations
    result = await station_operations.run(service, principal, station_id, form)
    read = await page(STATIONS_READ, cabinet=CABINET)(request)
    return await _detail(request, read, station_id, result=result, done=result["done"])
