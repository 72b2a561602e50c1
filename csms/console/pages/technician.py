"""The technician's cabinet: stations with their connection state and last messages, security
events, installed certificates, and the actions a technician takes on a station."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response
from sqlalchemy import select

from csms.api import resource_routes
from csms.api.deps import Principal, product_of
from csms.ocpp import api as ocpp_api
from csms.ocpp.certificates import StationCertificates
from csms.ocpp.db import SecurityEventRecord, StationRecord, TransactionRecord

from ..access import check_csrf, page
from ..forms import N_
from ..web import PREFIX, render

router = APIRouter(prefix=f"{PREFIX}/technician", include_in_schema=False)
CABINET = "technician"

# What each button does, as a station command of the OCPP core (csms/ocpp/api.py).
ACTIONS = {
    "renew-v2g": N_("Renew the charging certificate (ISO 15118)"),
    "renew-station": N_("Renew the station certificate (OCPP)"),
    "install-roots": N_("Install the product's root certificates"),
    "list-installed": N_("Ask which certificates are installed"),
    "reset": N_("Reset the station"),
}
# How an OCPP core refusal reads for the person who pressed the button.
FAILURES = {
    503: N_("The OCPP server is not running in this process."),
    409: N_("The station is not connected."),
    504: N_("The station did not answer in time."),
    502: N_("The station refused the command."),
    422: N_("The station's answer did not follow OCPP."),
}


def technician(obj: str, action: str) -> Any:
    return Depends(page(obj, action, cabinet=CABINET))


def _connected(request: Request, station_id: str) -> bool:
    server = product_of(request).extras.get("ocpp")
    return bool(server and server.connected(station_id))


@router.get("")
async def stations(
    request: Request, principal: Annotated[Principal, technician("stations", "read")]
) -> Response:
    found = await resource_routes.list_stations(request, principal, limit=1000, offset=0)
    online = {s.id: _connected(request, s.id) for s in found}
    return render(request, "technician/stations.html", stations=found, online=online)


async def _detail(
    request: Request, principal: Principal, station_id: str, **context: Any
) -> Response:
    station = await resource_routes.get_station(request, station_id, principal)
    product = product_of(request)

    def load() -> dict[str, Any]:
        with product.session_factory() as session:
            record = session.get(StationRecord, station_id)
            events = list(
                session.scalars(
                    select(SecurityEventRecord)
                    .where(SecurityEventRecord.station_id == station_id)
                    .order_by(SecurityEventRecord.id.desc())
                    .limit(50)
                )
            )
            transactions = list(
                session.scalars(
                    select(TransactionRecord)
                    .where(TransactionRecord.station_id == station_id)
                    .order_by(TransactionRecord.id.desc())
                    .limit(20)
                )
            )
        issued = StationCertificates(
            product.ca, product.session_factory, product.settings.organization
        ).of_station(station_id)
        return {
            "boot_info": (record.boot_info if record else None) or {},
            "last_boot_at": record.last_boot_at if record else None,
            "installed": (record.installed_certificates if record else None) or [],
            "events": events,
            "sessions": transactions,
            "issued": issued,
        }

    facts = await run_in_threadpool(load)
    return render(
        request,
        "technician/station.html",
        station=station,
        online=_connected(request, station_id),
        actions=ACTIONS,
        **facts,
        **context,
    )


@router.get("/stations/{station_id}")
async def station(
    request: Request,
    station_id: str,
    principal: Annotated[Principal, technician("stations", "read")],
) -> Response:
    # Security events have a permission of their own; without it the page is refused.
    await page("security_events", "read")(request)
    return await _detail(request, principal, station_id)


async def _run(
    request: Request, principal: Principal, station_id: str, action: str
) -> dict[str, Any]:
    # The OCPP core's own handlers, with the principal this page authorized (its scope
    # decides which stations may be commanded).
    registry = ocpp_api._registry(request)
    if action == "install-roots":
        return await ocpp_api.install_roots(request, principal, registry, station_id)
    if action == "list-installed":
        return await ocpp_api.command(
            request, principal, registry, station_id, "GetInstalledCertificateIds", {}
        )
    if action == "reset":
        return await ocpp_api.command(
            request, principal, registry, station_id, "Reset", {"type": "Immediate"}
        )
    message = "SignV2GCertificate" if action == "renew-v2g" else "SignChargingStationCertificate"
    trigger = ocpp_api.TriggerIn(requested_message=message)
    return await ocpp_api.trigger(request, principal, registry, station_id, trigger)


@router.post("/stations/{station_id}/actions")
async def act(
    request: Request,
    station_id: str,
    principal: Annotated[Principal, technician("stations", "command")],
) -> Response:
    """Run one action and show the station's answer (or why there was none) on the page."""
    form = await check_csrf(request)
    action = str(form.get("action", ""))
    if action not in ACTIONS:
        raise HTTPException(400, "unknown action")
    read = await page("stations", "read", cabinet=CABINET)(request)
    await resource_routes.get_station(request, station_id, read)  # 404 outside the scope
    try:
        answer = await _run(request, principal, station_id, action)
    except HTTPException as exc:
        result = {"ok": False, "message": FAILURES.get(exc.status_code, FAILURES[502])}
    else:
        answers = [r.get("response", {}) for r in answer.get("results", [answer])]
        statuses = [str(a.get("status", "")) for a in answers if isinstance(a, dict)]
        ok = all(s == "Accepted" for s in statuses) if statuses else True
        result = {"ok": ok, "statuses": statuses}
    return await _detail(request, read, station_id, result=result, done=ACTIONS[action])
