"""The network at a glance, for admins (everything) and partners (their own stations): stations
by state, charging sessions today and this month with their energy, certificates expiring,
and Plug & Charge installations and authorizations today and this month with how many failed
(counted from the Plug & Charge diagnostics records, csms/ocpp/diagnostics_service.py).

Scope comes from the services that own it: the stations are `StationService.list_stations`
for the caller (a partner's own), sessions and authorizations are those of these stations, the
expiry bands are the expiry watch's own answer for the caller, the Plug & Charge figures
those of the diagnostics records at these stations. Days and months are Tashkent's
(Asia/Tashkent, UTC+5 all year), as the console shows times.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from auth.principal import Principal
from contracts.diagnostics import AUTHORIZE, INSTALLATION

from .db import TransactionRecord
from .diagnostics_service import KindFigures, figures
from .expiry import ExpiryWatch
from .service import StationService

TASHKENT = timezone(timedelta(hours=5), "Asia/Tashkent")  # no daylight saving since 1992
FLEET_LIMIT = 100_000


@dataclass(frozen=True)
class Overview:
    stations: dict[str, int]  # total, online, offline, faulted, charging
    sessions_today: int
    energy_today_wh: float
    sessions_month: int
    energy_month_wh: float
    expiring: dict[str, int]  # expired, 7, 30, 90: certificates in each band
    # Plug & Charge, by kind (installation, authorize) and period (today, month)
    pnc: dict[str, dict[str, KindFigures]]


def overview(
    session: Session,
    principal: Principal,
    stations: StationService,
    expiry: ExpiryWatch,
    *,
    now: datetime | None = None,
) -> Overview:
    now = now or datetime.now(UTC)
    summaries = stations.list_stations(session, principal, limit=FLEET_LIMIT, certificates=False)
    ids = [s.id for s in summaries]
    local = now.astimezone(TASHKENT)
    day_start = local.replace(hour=0, minute=0, second=0, microsecond=0)
    month_start = day_start.replace(day=1)
    charging = charging_now(session, ids)
    counts = {
        "total": len(summaries),
        "online": sum(1 for s in summaries if s.connected),
        "offline": sum(1 for s in summaries if not s.connected),
        "faulted": sum(1 for s in summaries if any(c.status == "Faulted" for c in s.connectors)),
        "charging": sum(1 for s in summaries if s.id in charging),
    }
    today = _sessions_since(session, ids, day_start)
    month = _sessions_since(session, ids, month_start)
    bands = {"expired": 0, "7": 0, "30": 0, "90": 0}
    for item in expiry.items(session, principal, within_days=90, now=now):
        if item["band"] in bands:
            bands[item["band"]] += 1
    pnc_today = figures(session, ids, day_start)
    pnc_month = figures(session, ids, month_start)
    none = KindFigures(0, 0)
    pnc = {
        kind: {"today": pnc_today.get(kind, none), "month": pnc_month.get(kind, none)}
        for kind in (INSTALLATION, AUTHORIZE)
    }
    return Overview(
        stations=counts,
        sessions_today=today[0],
        energy_today_wh=today[1],
        sessions_month=month[0],
        energy_month_wh=month[1],
        expiring=bands,
        pnc=pnc,
    )


def charging_now(session: Session, ids: list[str]) -> set[str]:
    """Which of these stations have a charging session that has not ended."""
    if not ids:
        return set()
    return set(
        session.scalars(
            select(TransactionRecord.station_id)
            .where(TransactionRecord.station_id.in_(ids), TransactionRecord.state != "ended")
            .distinct()
        )
    )


def _sessions_since(session: Session, ids: list[str], since: datetime) -> tuple[int, float]:
    """How many sessions started since `since`, and their energy (last reading minus first,
    as TransactionRecord.energy_wh, summed in SQL)."""
    if not ids:
        return 0, 0.0
    energy = TransactionRecord.meter_last_wh - TransactionRecord.meter_start_wh
    count, wh = session.execute(
        select(func.count(), func.coalesce(func.sum(energy), 0.0)).where(
            TransactionRecord.station_id.in_(ids), TransactionRecord.started_at >= since
        )
    ).one()
    return int(count), float(wh or 0.0)
