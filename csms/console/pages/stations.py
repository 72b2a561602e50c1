"""The station map and a station's location, for three kinds of viewer:

- admins (every station) and partners (their own), each in their cabinet: the fleet map, with
  a link from each marker to the station's page, where its location is set;
- everyone else (drivers, technicians, visitors): the public map, only public stations and
  only what the public list shows of them.

Which stations each viewer gets is decided by the OCPP core's services
(csms/ocpp/station_map.py over StationService); the pages only pick the view of the cabinet.
The map is drawn by Leaflet (served from the product's static files) in `static/map.js`; the
page is a list of the stations with their addresses and states without it, and its live
states come from the `/live` JSON route beside it every 15 seconds.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse, Response

from auth.principal import Permission, Principal

from ...ocpp.location import ADDRESS_MAX, LocationError
from ...ocpp.overview import charging_now
from ...ocpp.service import (
    PUBLIC_STATIONS_READ,
    STATIONS_OPERATE,
    STATIONS_READ,
    STATIONS_UPDATE,
)
from ...ocpp.station_map import MapStation, fleet_map, fleet_state, public_map
from ...web.context import container_of, in_transaction
from .. import station_operations
from ..access import check_csrf, page
from ..forms import N_, Errors, see_other, text
from ..location_form import location_context
from ..web import PREFIX, gettext_of, render
from .partner import station_page

router = APIRouter(prefix=PREFIX, include_in_schema=False)
REFRESH_SECONDS = 15

# The state words of the overview (fleet) and of the public list (public), one per marker.
STATE_WORDS = {
    "available": N_("Available"),
    "charging": N_("Charging now"),
    "offline": N_("Offline"),
    "faulted": N_("Faulted"),
    "busy": N_("All connectors busy"),
    "out_of_service": N_("Out of service"),
}
# The badge tone of each state (console.css), so the list reads like the markers.
STATE_TONES = {
    "available": "ok",
    "charging": "busy",
    "busy": "busy",
    "offline": "off",
    "out_of_service": "off",
    "faulted": "bad",
}


def _gate(permission: Permission, cabinet: str | None = None) -> Any:
    return Depends(page(permission, cabinet=cabinet))


# --- the map ----------------------------------------------------------------------------------


async def _stations_of(request: Request, principal: Principal, fleet: bool) -> list[MapStation]:
    service = container_of(request).stations
    read = fleet_map if fleet else public_map
    return await in_transaction(request, lambda s: read(s, principal, service))


async def _map_page(request: Request, principal: Principal, cabinet: str | None) -> Response:
    stations = await _stations_of(request, principal, fleet=cabinet is not None)
    settings = container_of(request).settings
    base = f"{PREFIX}/{cabinet}/map" if cabinet else f"{PREFIX}/map"
    return render(
        request,
        "map.html",
        placed=[s for s in stations if s.location.placed],
        unplaced=[s for s in stations if not s.location.placed],
        station_link=f"{PREFIX}/{cabinet}/stations/" if cabinet else None,
        live_url=f"{base}/live",
        refresh_seconds=REFRESH_SECONDS,
        words=STATE_WORDS,
        tones=STATE_TONES,
        tiles=settings.map_tile_url,
        attribution=settings.map_tile_attribution,
        attribution_url=settings.map_tile_attribution_url,
    )


async def _live(request: Request, principal: Principal, fleet: bool) -> Response:
    """The states only: what changes while the page is open (never more than the page
    itself shows this viewer)."""
    stations = await _stations_of(request, principal, fleet=fleet)
    translate = gettext_of(request)
    body = {
        "stations": [
            {"id": s.id, "state": s.state, "label": translate(STATE_WORDS[s.state])}
            for s in stations
        ]
    }
    return JSONResponse(body, headers={"Cache-Control": "no-store"})


@router.get("/map")
async def map_page(
    request: Request, principal: Annotated[Principal, _gate(PUBLIC_STATIONS_READ)]
) -> Response:
    return await _map_page(request, principal, None)


@router.get("/map/live")
async def map_live(
    request: Request, principal: Annotated[Principal, _gate(PUBLIC_STATIONS_READ)]
) -> Response:
    return await _live(request, principal, fleet=False)


@router.get("/admin/map")
async def admin_map(
    request: Request, principal: Annotated[Principal, _gate(STATIONS_READ, "admin")]
) -> Response:
    return await _map_page(request, principal, "admin")


@router.get("/admin/map/live")
async def admin_map_live(
    request: Request, principal: Annotated[Principal, _gate(STATIONS_READ, "admin")]
) -> Response:
    return await _live(request, principal, fleet=True)


@router.get("/partner/map")
async def partner_map(
    request: Request, principal: Annotated[Principal, _gate(STATIONS_READ, "partner")]
) -> Response:
    return await _map_page(request, principal, "partner")


@router.get("/partner/map/live")
async def partner_map_live(
    request: Request, principal: Annotated[Principal, _gate(STATIONS_READ, "partner")]
) -> Response:
    return await _live(request, principal, fleet=True)


# --- a station's page and its location --------------------------------------------------------


async def _station_page(
    request: Request,
    principal: Principal,
    cabinet: str,
    station_id: str,
    status_code: int = 200,
    **context: Any,
) -> Response:
    service = container_of(request).stations

    def read(session: Any) -> tuple[Any, str]:
        summary = service.get(session, principal, station_id)
        return summary, fleet_state(summary, charging_now(session, [summary.id]))

    summary, state = await in_transaction(request, read)
    ongoing = await in_transaction(
        request, lambda s: service.ongoing_sessions(s, principal, station_id)
    )
    saved = request.query_params.get("saved") == "1"
    return render(
        request,
        "station.html",
        status_code,
        summary=summary,
        station=summary.station,
        state=state,
        words=STATE_WORDS,
        tones=STATE_TONES,
        back=f"{PREFIX}/{cabinet}/map",
        online=summary.connected,
        ongoing=ongoing,
        operations_path=f"{PREFIX}/{cabinet}/stations/{station_id}/operations",
        **location_context(summary.station, cabinet, context.pop("values", None), saved=saved),
        **context,
    )


def _degrees(form: dict[str, Any], name: str, errors: Errors) -> float | None:
    """A coordinate as typed: empty is none; a comma is a decimal point (as ru and uz write)."""
    typed = text(form, name, 40).replace(",", ".")
    if not typed:
        return None
    try:
        return float(typed)
    except ValueError:
        errors[name] = N_("Enter decimal degrees, e.g. 41.311081.")
        return None


# Which field a location rule's refusal belongs to, and what it says there.
LOCATION_ERRORS = {
    "latitude_out_of_range": ("latitude", N_("Latitude is between -90 and 90.")),
    "latitude_invalid": ("latitude", N_("Enter decimal degrees, e.g. 41.311081.")),
    "longitude_out_of_range": ("longitude", N_("Longitude is between -180 and 180.")),
    "longitude_invalid": ("longitude", N_("Enter decimal degrees, e.g. 41.311081.")),
    "location_partial": ("latitude", N_("Give both latitude and longitude, or neither.")),
    "address_too_long": ("address", N_("At most 200 characters, on one line.")),
    "address_invalid": ("address", N_("At most 200 characters, on one line.")),
}


async def _set_location(
    request: Request, principal: Principal, cabinet: str, station_id: str
) -> Response:
    form = await check_csrf(request)
    errors: Errors = {}
    latitude = _degrees(form, "latitude", errors)
    longitude = _degrees(form, "longitude", errors)
    # Longer than the rule on purpose: the service names the rule instead of cutting silently.
    raw_address = form.get("address", "")
    address = raw_address.strip()[: ADDRESS_MAX + 1] if isinstance(raw_address, str) else ""
    read = await page(STATIONS_READ, cabinet=cabinet)(request)
    if not errors:
        service = container_of(request).stations
        try:
            await in_transaction(
                request,
                lambda s: service.set_location(
                    s,
                    principal,
                    station_id,
                    latitude=latitude,
                    longitude=longitude,
                    address=address or None,
                ),
            )
        except LocationError as exc:
            field, message = LOCATION_ERRORS.get(
                exc.code, ("address", N_("This location cannot be stored."))
            )
            errors[field] = message
        else:
            return see_other(f"{PREFIX}/{cabinet}/stations/{station_id}?saved=1")
    shown = {k: v for k, v in form.items() if isinstance(v, str)}
    if cabinet == "partner":  # the partner's station page holds its operations too
        return await station_page(request, read, station_id, 422, errors=errors, values=shown)
    return await _station_page(request, read, cabinet, station_id, 422, errors=errors, values=shown)


@router.get("/admin/stations/{station_id}")
async def admin_station(
    request: Request,
    station_id: str,
    principal: Annotated[Principal, _gate(STATIONS_READ, "admin")],
) -> Response:
    return await _station_page(request, principal, "admin", station_id)


@router.post("/admin/stations/{station_id}/operations")
async def admin_station_operations(
    request: Request,
    station_id: str,
    principal: Annotated[Principal, _gate(STATIONS_OPERATE, "admin")],
) -> Response:
    """Remote start or stop, unlock, availability, as on the technician's page."""
    form = await check_csrf(request)
    service = container_of(request).stations
    result = await station_operations.run(service, principal, station_id, form)
    read = await page(STATIONS_READ, cabinet="admin")(request)
    return await _station_page(request, read, "admin", station_id, result=result)


@router.post("/admin/stations/{station_id}/location")
async def admin_station_location(
    request: Request,
    station_id: str,
    principal: Annotated[Principal, _gate(STATIONS_UPDATE, "admin")],
) -> Response:
    return await _set_location(request, principal, "admin", station_id)


@router.post("/partner/stations/{station_id}/location")
async def partner_station_location(
    request: Request,
    station_id: str,
    principal: Annotated[Principal, _gate(STATIONS_UPDATE, "partner")],
) -> Response:
    return await _set_location(request, principal, "partner", station_id)
