"""The stations a map shows, each with its live state and where it stands.

Two views, each scoped by the service that owns the rule:
- the fleet (admins: every station; partners: their own), through
  `StationService.list_stations`: available, charging (a session that has not ended, as the
  overview counts it), offline (not connected to any node) or faulted (a connector says so);
- the public view (drivers, visitors), through `StationService.public`: enabled stations only,
  in the public list's words (available, busy, out of service), with their location and
  nothing else of their record (no partner, no connection, no boot data).
Stations without coordinates are part of both views: the page lists them beside the map.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from auth.principal import Principal

from .. import metrics
from .location import Location
from .overview import FLEET_LIMIT, charging_now
from .service import StationService, StationSummary

FLEET_STATES = ("available", "charging", "offline", "faulted")
PUBLIC_STATES = ("available", "busy", "out_of_service")
PUBLIC_LIMIT = 10_000


@dataclass(frozen=True)
class MapStation:
    id: str
    state: str  # one of FLEET_STATES or PUBLIC_STATES, as the view says
    location: Location
    partner: str | None = None  # the fleet view only


def fleet_state(summary: StationSummary, charging: set[str]) -> str:
    """One word for a marker: offline first (nothing else is known then), then faulted,
    then charging; a connected station with none of these is available."""
    if not summary.connected:
        return "offline"
    if any(c.status == "Faulted" for c in summary.connectors):
        return "faulted"
    if summary.id in charging:
        return "charging"
    return "available"


def fleet_map(session: Session, principal: Principal, stations: StationService) -> list[MapStation]:
    """The caller's stations (StationService decides which) with their live state."""
    with metrics.timed(metrics.STATION_MAP_SECONDS, view="fleet"):
        summaries = stations.list_stations(
            session, principal, limit=FLEET_LIMIT, certificates=False
        )
        charging = charging_now(session, [s.id for s in summaries])
        return [
            MapStation(s.id, fleet_state(s, charging), s.station.location, s.partner)
            for s in summaries
        ]


def public_map(
    session: Session, principal: Principal, stations: StationService
) -> list[MapStation]:
    """The public stations (StationService.public's rule) in the public list's words."""
    with metrics.timed(metrics.STATION_MAP_SECONDS, view="public"):
        found = stations.public(session, principal, limit=PUBLIC_LIMIT)
        return [MapStation(p.id, p.state, p.location) for p in found]
