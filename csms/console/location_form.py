"""The location form of a station's page (admin and partner): where it posts, what it shows.
One place, so both pages show the same form and a refused location the same way."""

from __future__ import annotations

from typing import Any

from ..ocpp.location import ADDRESS_MAX
from .web import PREFIX


def location_context(
    station: Any, cabinet: str, values: dict[str, str] | None = None, *, saved: bool = False
) -> dict[str, Any]:
    """Template context for location_form.html: `station` is the OCPP core's Station."""
    location = station.location
    return {
        "action": f"{PREFIX}/{cabinet}/stations/{station.id}/location",
        "address_max": ADDRESS_MAX,
        "values": values
        or {
            "latitude": "" if location.latitude is None else repr(location.latitude),
            "longitude": "" if location.longitude is None else repr(location.longitude),
            "address": location.address or "",
        },
        "saved": saved,
    }
