"""Where a station stands: WGS 84 coordinates in decimal degrees and a free-text address.

Both parts are optional: a station may have an address before anyone has its coordinates, and
one without coordinates is listed beside the map instead of on it. Coordinates come in pairs
(a latitude alone places nothing), within the globe's ranges, and finite; the address is
bounded and holds no control characters (it is shown on pages and in map popups).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from auth.errors import ServiceError

ADDRESS_MAX = 200  # characters; the column's length (csms/ocpp/db.py)
# Seven decimals are ~1 cm on the ground: anything finer is noise from a GPS or a form.
DECIMALS = 7


class LocationError(ServiceError):
    """A location that cannot be stored; the message says which rule it breaks."""

    code = "location"


@dataclass(frozen=True)
class Location:
    latitude: float | None = None
    longitude: float | None = None
    address: str | None = None

    @property
    def placed(self) -> bool:
        """Whether the station can be put on a map."""
        return self.latitude is not None and self.longitude is not None


NOWHERE = Location()  # no coordinates, no address (a frozen value, shared)


def _degrees(value: float | None, name: str, bound: float) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise LocationError(f"{name} must be a number of decimal degrees", code=f"{name}_invalid")
    if not math.isfinite(value) or not -bound <= value <= bound:
        raise LocationError(
            f"{name} must be between -{bound:g} and {bound:g} decimal degrees",
            code=f"{name}_out_of_range",
        )
    return round(float(value), DECIMALS)


def parse_location(
    latitude: float | None, longitude: float | None, address: str | None
) -> Location:
    """The location to store, or a LocationError that names the broken rule."""
    lat = _degrees(latitude, "latitude", 90)
    lon = _degrees(longitude, "longitude", 180)
    if (lat is None) != (lon is None):
        raise LocationError(
            "latitude and longitude go together: give both or neither", code="location_partial"
        )
    text = address.strip() if address is not None else None
    if text is not None:
        if len(text) > ADDRESS_MAX:
            raise LocationError(
                f"the address must be at most {ADDRESS_MAX} characters", code="address_too_long"
            )
        if any(ord(c) < 32 or ord(c) == 127 for c in text):
            raise LocationError(
                "the address must not hold control characters (line breaks included)",
                code="address_invalid",
            )
    return Location(lat, lon, text or None)
