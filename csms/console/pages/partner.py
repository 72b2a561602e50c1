"""The partner's cabinet: its own stations and their state, their charging sessions,
registering a station (the generated password is shown once), and a station's operations
(remote start and stop, unlock, availability)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from auth.errors import Conflict, ServiceError
from auth.principal import Permission, Principal

from ...ocpp.overview import overview
from ...ocpp.service import STATIONS_CREATE, STATIONS_OPERATE, STATIONS_READ
from ...ocpp.stations import STATION_ID  # the OCPP core's rule, said next to the field
from ...web.context import container_of, in_transaction
from .. import station_operations
from ..access import check_csrf, page
from ..forms import N_, Errors, required, text
from ..location_form import location_context
from ..web import PREFIX, render

router = APIRouter(prefix=f"{PREFIX}/partner", include_in_schema=False)
CABINET = "partner"


def partner(permission: Permission) -> Any:
    return Depends(page(permission, cabinet=CABINET))


async def _stations_page(
    request: Request, principal: Principal, status_code: int = 200, **context: Any
) -> Response:
    service = container_of(request).stations
    found = await in_transaction(request, lambda s: service.list_stations(s, principal, limit=1000))
    online = {s.id: s.connected for s in found}
    return render(
        request, "partner/stations.html", status_code, stations=found, online=online, **context
    )


@router.get("")
async def stations(
    request: Request, principal: Annotated[Principal, partner(STATIONS_READ)]
) -> Response:
    return await _stations_page(request, principal)


@router.post("/stations")
async def register(
    request: Request, principal: Annotated[Principal, partner(STATIONS_CREATE)]
) -> Response:
    form = await check_csrf(request)
    errors: Errors = {}
    station_id = required(form, "station_id", errors, 100)
    profile = text(form, "security_profile")
    if station_id and not STATION_ID.match(station_id):
        errors["station_id"] = N_("1-48 characters: letters, digits and * - _ = + | @ .")
    if profile not in ("1", "2", "3"):
        errors["security_profile"] = N_("Choose a security profile.")
    read = await page(STATIONS_READ, cabinet=CABINET)(request)
    if errors:
        return await _stations_page(request, read, 422, errors=errors, values=form)
    service = container_of(request).stations
    try:
        created, password = await in_transaction(
            request,
            lambda s: service.create(s, principal, station_id, security_profile=int(profile)),
        )
    except Conflict:
        errors["station_id"] = N_("A station with this id exists already.")
        return await _stations_page(request, read, 422, errors=errors, values=form)
    except ServiceError:
        errors["station_id"] = N_("This station cannot be registered.")
        return await _stations_page(request, read, 422, errors=errors, values=form)
    # The password exists only in this answer: rendered directly, never put in a URL.
    shown = {"id": created.id, "password": password}
    return await _stations_page(request, read, 201, created=shown)


async def station_page(
    request: Request,
    principal: Principal,
    station_id: str,
    status_code: int = 200,
    *,
    values: dict[str, str] | None = None,
    **context: Any,
) -> Response:
    """An own station: state, operations, location, sessions (`values`: a refused location
    as typed)."""
    service = container_of(request).stations
    summary = await in_transaction(request, lambda s: service.get(s, principal, station_id))
    sessions = await in_transaction(
        request, lambda s: service.transactions(s, principal, station_id, limit=20)
    )
    ongoing = await in_transaction(
        request, lambda s: service.ongoing_sessions(s, principal, station_id)
    )
    saved = request.query_params.get("saved") == "1"
    return render(
        request,
        "partner/station.html",
        status_code,
        station=summary,
        online=summary.connected,
        sessions=sessions,
        ongoing=ongoing,
        operations_path=f"{PREFIX}/partner/stations/{station_id}/operations",
        **location_context(summary.station, CABINET, values, saved=saved),
        **context,
    )


@router.get("/stations/{station_id}")
async def station(
    request: Request, station_id: str, principal: Annotated[Principal, partner(STATIONS_READ)]
) -> Response:
    """One of the partner's own stations (another partner's is the 404 page)."""
    return await station_page(request, principal, station_id)


@router.post("/stations/{station_id}/operations")
async def operate(
    request: Request, station_id: str, principal: Annotated[Principal, partner(STATIONS_OPERATE)]
) -> Response:
    """Remote start or stop, unlock, availability at an own station; the answer in words."""
    form = await check_csrf(request)
    service = container_of(request).stations
    result = await station_operations.run(service, principal, station_id, form)
    read = await page(STATIONS_READ, cabinet=CABINET)(request)
    return await station_page(request, read, station_id, result=result)


@router.get("/overview")
async def partner_overview(
    request: Request, principal: Annotated[Principal, partner(STATIONS_READ)]
) -> Response:
    return await overview_page(request, principal)


async def overview_page(request: Request, principal: Principal) -> Response:
    """The network at a glance (csms/ocpp/overview.py), in the caller's scope."""
    container = container_of(request)
    figures = await in_transaction(
        request,
        lambda s: overview(s, principal, container.stations, container.ocpp.expiry),
    )
    return render(request, "overview.html", o=figures)
