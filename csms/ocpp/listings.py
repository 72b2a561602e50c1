"""How the OCPP core's lists read: stations, charging sessions and security events, each
described once (auth/listing.py) for every door. The scope (which rows a principal sees) is
StationService's; this module only says what sorts, filters and is searched.

The "state" filter of stations is the overview's words: online (connected to a live node),
offline, charging (a session not ended), faulted (a connector reported Faulted).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, exists, select
from sqlalchemy.orm import Session

from auth.listing import Field, ListSpec

from .db import ConnectorStatusRecord, SecurityEventRecord, StationRecord, TransactionRecord
from .hub import StationHub

STATION_STATES = ("online", "offline", "charging", "faulted")
SESSION_STATES = ("started", "updated", "ended")
OCPP_VERSIONS = ("1.6", "2.0.1", "2.1")


def station_spec(session: Session, hub: StationHub) -> ListSpec:
    """Stations: by id, partner, profile, version, last seen; filtered by state."""

    def by_state(query: Select[Any], state: str) -> Select[Any]:
        if state in ("online", "offline"):
            online = hub.online_ids(session)
            column = StationRecord.id
            return query.where(column.in_(online) if state == "online" else column.not_in(online))
        if state == "charging":
            return query.where(
                exists().where(
                    TransactionRecord.station_id == StationRecord.id,
                    TransactionRecord.state != "ended",
                )
            )
        return query.where(
            exists().where(
                ConnectorStatusRecord.station_id == StationRecord.id,
                ConnectorStatusRecord.status == "Faulted",
            )
        )

    return ListSpec(
        fields={
            "id": Field(StationRecord.id),
            "partner": Field(StationRecord.partner, filter="exact"),
            "security_profile": Field(
                StationRecord.security_profile,
                filter="choice",
                choices=("0", "1", "2", "3"),
                convert=int,
            ),
            "ocpp_version": Field(
                StationRecord.last_ocpp_version, filter="choice", choices=OCPP_VERSIONS
            ),
            "enabled": Field(StationRecord.enabled, filter="bool"),
            "last_seen_at": Field(StationRecord.last_seen_at, natural_descending=True),
            "created_at": Field(StationRecord.created_at, natural_descending=True),
        },
        search=(StationRecord.id, StationRecord.partner),
        default_sort="id",
        tiebreak=StationRecord.id,
        custom_filters={"state": (STATION_STATES, by_state)},
    )


SESSION_SPEC = ListSpec(
    fields={
        "started_at": Field(TransactionRecord.started_at, natural_descending=True),
        "ended_at": Field(TransactionRecord.ended_at, natural_descending=True),
        "station_id": Field(TransactionRecord.station_id, filter="exact"),
        "state": Field(TransactionRecord.state, filter="choice", choices=SESSION_STATES),
        "id_token": Field(TransactionRecord.id_token, filter="exact"),
        "energy_wh": Field(
            TransactionRecord.meter_last_wh - TransactionRecord.meter_start_wh,
            natural_descending=True,
        ),
        "since": Field(TransactionRecord.started_at, sortable=False, filter="since"),
        "until": Field(TransactionRecord.started_at, sortable=False, filter="until"),
    },
    search=(
        TransactionRecord.station_id,
        TransactionRecord.transaction_id,
        TransactionRecord.id_token,
    ),
    default_sort="started_at",
    tiebreak=TransactionRecord.id,
)

SECURITY_EVENT_SPEC = ListSpec(
    fields={
        "occurred_at": Field(SecurityEventRecord.occurred_at, natural_descending=True),
        "station_id": Field(SecurityEventRecord.station_id, filter="exact"),
        "type": Field(SecurityEventRecord.type, filter="exact"),
        "since": Field(SecurityEventRecord.occurred_at, sortable=False, filter="since"),
        "until": Field(SecurityEventRecord.occurred_at, sortable=False, filter="until"),
    },
    search=(
        SecurityEventRecord.station_id,
        SecurityEventRecord.type,
        SecurityEventRecord.tech_info,
    ),
    default_sort="occurred_at",
    tiebreak=SecurityEventRecord.id,
)


def security_event_types(session: Session) -> list[str]:
    """The event types seen so far (the filter's choices)."""
    return list(
        session.scalars(
            select(SecurityEventRecord.type).distinct().order_by(SecurityEventRecord.type)
        )
    )
