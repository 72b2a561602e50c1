"""The partner's cabinet: its own stations and their state, their charging sessions, and
registering a station (the generated password is shown once)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import Response

from csms.api import resource_routes
from csms.api.deps import Principal, product_of
from csms.ocpp.stations import STATION_ID  # the OCPP core's rule, said next to the field

from ..access import check_csrf, page
from ..forms import N_, Errors, required, text
from ..web import PREFIX, render

router = APIRouter(prefix=f"{PREFIX}/partner", include_in_schema=False)
CABINET = "partner"


def partner(obj: str, action: str) -> Any:
    return Depends(page(obj, action, cabinet=CABINET))


async def _stations_page(
    request: Request, principal: Principal, status_code: int = 200, **context: Any
) -> Response:
    found = await resource_routes.list_stations(request, principal, limit=1000, offset=0)
    server = product_of(request).extras.get("ocpp")
    online = {s.id: bool(server and server.connected(s.id)) for s in found}
    return render(
        request, "partner/stations.html", status_code, stations=found, online=online, **context
    )


@router.get("")
async def stations(
    request: Request, principal: Annotated[Principal, partner("stations", "read")]
) -> Response:
    return await _stations_page(request, principal)


@router.post("/stations")
async def register(
    request: Request, principal: Annotated[Principal, partner("stations", "create")]
) -> Response:
    form = await check_csrf(request)
    errors: Errors = {}
    station_id = required(form, "station_id", errors, 100)
    profile = text(form, "security_profile")
    if station_id and not STATION_ID.match(station_id):
        errors["station_id"] = N_("1-48 characters: letters, digits and * - _ = + | @ .")
    if profile not in ("1", "2", "3"):
        errors["security_profile"] = N_("Choose a security profile.")
    read = await page("stations", "read", cabinet=CABINET)(request)
    if errors:
        return await _stations_page(request, read, 422, errors=errors, values=form)
    body = resource_routes.StationIn(id=station_id, security_profile=int(profile))
    try:
        created = await resource_routes.create_station(request, body, principal)
    except HTTPException as exc:
        errors["station_id"] = (
            N_("A station with this id exists already.")
            if exc.status_code == 409
            else N_("This station cannot be registered.")
        )
        return await _stations_page(request, read, 422, errors=errors, values=form)
    # The password exists only in this answer: rendered directly, never put in a URL.
    return await _stations_page(request, read, 201, created=created)


@router.get("/sessions")
async def sessions(
    request: Request, principal: Annotated[Principal, partner("sessions", "read")]
) -> Response:
    found = await resource_routes.list_sessions(request, principal, limit=500, offset=0)
    return render(request, "sessions.html", sessions=found)
