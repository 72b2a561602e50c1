"""Database writes of the OCPP core, run in worker threads (the session factory is sync).

Heartbeats and connector status changes are the bulk of the traffic and only ever need their
latest value; they are coalesced in memory (`OcppStore.seen`, `.connector_status`) and written
in one batch per flush interval by `OcppStore.flush`, which owns that batch's transaction, so
a Heartbeat never waits for the database. Everything else is written at once, in the caller's
transaction (the handler of the message owns it).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, cast

from sqlalchemy import Table, bindparam, select, text, update
from sqlalchemy.orm import Session

from . import limits
from .db import (
    AuthorizationRecord,
    ConnectorStatusRecord,
    SecurityEventRecord,
    StationRecord,
    TransactionRecord,
)


def parse_time(value: str | None) -> datetime:
    if not value:
        return datetime.now(UTC)
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return datetime.now(UTC)
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def ocpp_now() -> str:
    """OCPP's dateTime now, in milliseconds (one reading of the clock)."""
    now = datetime.now(UTC)
    return now.strftime("%Y-%m-%dT%H:%M:%S.") + f"{now.microsecond // 1000:03d}Z"


SEEN_EVERY = 15.0


@dataclass(frozen=True)
class SessionRules:
    """When a charging session is credited to its idToken's driver (see `transaction_event`)."""

    authorization_window: timedelta = timedelta(minutes=15)
    max_power_w: float = 400_000.0
    max_session_wh: float = 1_000_000.0
    meter_slack_wh: float = 100.0  # meter resolution and rounding between two readings


class OcppStore:
    def __init__(
        self, session_factory: Callable[[], Session], rules: SessionRules | None = None
    ) -> None:
        self._session_factory = session_factory
        self._rules = rules or SessionRules()
        self._lock = threading.Lock()
        self._seen: dict[str, datetime] = {}
        self._seen_flushed = time.monotonic()
        self._status: dict[tuple[str, int, int], tuple[str, datetime]] = {}

    # --- coalesced ------------------------------------------------------------------------------

    def seen(self, station_id: str) -> None:
        with self._lock:
            self._seen[station_id] = datetime.now(UTC)

    def connector_status(
        self, station_id: str, evse_id: int, connector_id: int, status: str, at: datetime
    ) -> None:
        with self._lock:
            self._status[(station_id, evse_id, connector_id)] = (status, at)

    def flush(self, *, force: bool = False) -> int:
        """Write what was coalesced. Last-seen times go out at most every SEEN_EVERY seconds
        (a minute-accurate "last contact" is all anyone reads, and with thousands of stations
        rewriting every row each second would cost more than the heartbeats themselves);
        connector status every call."""
        now = time.monotonic()
        with self._lock:
            status, self._status = self._status, {}
            seen: dict[str, datetime] = {}
            if force or now - self._seen_flushed >= SEEN_EVERY:
                seen, self._seen = self._seen, {}
                self._seen_flushed = now
        if not seen and not status:
            return 0
        try:
            with self._session_factory() as session, session.begin():
                if seen:
                    self._write_seen(session, seen)
                for (station_id, evse_id, connector_id), (value, at) in status.items():
                    session.merge(
                        ConnectorStatusRecord(
                            station_id=station_id,
                            evse_id=evse_id,
                            connector_id=connector_id,
                            status=value,
                            reported_at=at,
                        )
                    )
        except Exception:
            # The database is away: what the stations were told was taken stays here, to go
            # out with the next flush that succeeds. A value reported since is newer and
            # wins; the dicts hold one entry per station and connector, so this is bounded.
            with self._lock:
                for key, value_at in status.items():
                    self._status.setdefault(key, value_at)
                for station_id, at in seen.items():
                    self._seen.setdefault(station_id, at)
            raise
        return len(seen) + len(status)

    @staticmethod
    def _write_seen(session: Session, seen: dict[str, datetime]) -> None:
        if session.get_bind().dialect.name == "postgresql":
            # One statement for all rows: thousands of per-row UPDATEs would hold the GIL
            # long enough to delay the event loop's heartbeats.
            session.execute(
                text(
                    "UPDATE ocpp_stations AS s SET last_seen_at = v.at "
                    "FROM unnest(CAST(:ids AS varchar[]), CAST(:ats AS timestamptz[])) "
                    "AS v(id, at) WHERE s.id = v.id"
                ),
                {"ids": list(seen), "ats": list(seen.values())},
            )
            return
        table = cast(Table, StationRecord.__table__)
        session.execute(
            update(table)
            .where(table.c.id == bindparam("b_id"))
            .values(last_seen_at=bindparam("b_at")),
            [{"b_id": k, "b_at": v} for k, v in seen.items()],
        )

    def connector_rows(
        self, session: Session, station_ids: list[str]
    ) -> dict[str, list[ConnectorStatusRecord]]:
        """Each station's connectors by EVSE and connector id, as last reported (coalesced
        reports are written first, so what a station said a moment ago is included)."""
        self.flush(force=True)
        found: dict[str, list[ConnectorStatusRecord]] = {sid: [] for sid in station_ids}
        if station_ids:
            rows = session.scalars(
                select(ConnectorStatusRecord)
                .where(ConnectorStatusRecord.station_id.in_(station_ids))
                .order_by(ConnectorStatusRecord.evse_id, ConnectorStatusRecord.connector_id)
            )
            for row in rows:
                found[row.station_id].append(row)
        return found

    # --- immediate, in the caller's transaction -------------------------------------------------

    @staticmethod
    def boot(session: Session, station_id: str, status: str, info: dict[str, Any]) -> None:
        record = session.get(StationRecord, station_id)
        if record is None:
            return
        now = datetime.now(UTC)
        record.last_boot_at = now
        record.last_seen_at = now
        record.boot_status = status
        record.boot_info = info

    @staticmethod
    def installed_certificates(session: Session, station_id: str, chain: list[Any]) -> None:
        record = session.get(StationRecord, station_id)
        if record is not None:
            record.installed_certificates = chain
            record.installed_certificates_at = datetime.now(UTC)

    @staticmethod
    def security_event(
        session: Session, station_id: str, type_: str, occurred: datetime, tech_info: str | None
    ) -> None:
        session.add(
            SecurityEventRecord(
                station_id=station_id,
                type=type_[: limits.SECURITY_EVENT_TYPE],
                tech_info=tech_info[: limits.TECH_INFO] if tech_info else None,
                occurred_at=occurred,
                received_at=datetime.now(UTC),
            )
        )

    @staticmethod
    def authorization(
        session: Session,
        station_id: str,
        id_token: dict[str, Any],
        status: str,
        certificate_status: str | None,
    ) -> None:
        """Remember an Authorize the CSMS answered: a session credited to the token must
        follow an accepted one at the same station."""
        session.add(
            AuthorizationRecord(
                station_id=station_id,
                id_token=str(id_token.get("idToken", ""))[: limits.ID_TOKEN],
                id_token_type=str(id_token.get("type", ""))[:20],
                status=status[:20],
                certificate_status=certificate_status,
                at=datetime.now(UTC),
            )
        )

    def transaction_event(
        self,
        session: Session,
        station_id: str,
        payload: dict[str, Any],
        version: str | None = None,
    ) -> None:
        """Record a TransactionEvent; events may arrive late or twice (offline queue), so the
        record keeps the newest seqNo's view and never moves back from `ended`.

        A station's word alone does not put a session in a driver's history: the session is
        marked unverified (and kept, for the operator and the station's partner) when its
        idToken had no accepted Authorize at this station within the rules' window before
        the token appeared, or when its meter readings go backwards or deliver more than a
        connector of the rules' power could in the session's time, or more than the rules'
        session maximum."""
        info = payload["transactionInfo"]
        tx_id = info["transactionId"]
        event_type = payload["eventType"]
        at = parse_time(payload.get("timestamp"))
        seq = int(payload.get("seqNo", 0))
        token = payload.get("idToken") or {}
        meter = _energy_wh(payload.get("meterValue"))
        received = datetime.now(UTC)
        record = session.scalar(
            select(TransactionRecord)
            .where(
                TransactionRecord.station_id == station_id,
                TransactionRecord.transaction_id == tx_id,
            )
            .with_for_update()
        )
        if record is None:
            record = TransactionRecord(
                station_id=station_id,
                transaction_id=tx_id,
                state="started",
                started_at=at,
                updated_at=at,
                last_seq_no=seq,
                meter_start_wh=meter,
                verified=True,
                received_at=received,
                ocpp_version=version,
            )
            session.add(record)
        newer = seq >= record.last_seq_no
        if newer:
            record.last_seq_no = seq
            _count_charging(record, at, info.get("chargingState"))
            record.updated_at = at
            if info.get("chargingState"):
                record.charging_state = info["chargingState"]
        if event_type == "Ended":
            record.state = "ended"
            record.ended_at = at
            record.stopped_reason = info.get("stoppedReason", "Local")
        elif record.state != "ended" and event_type == "Updated":
            record.state = "updated"
        if event_type == "Started" and record.started_at > at:
            record.started_at = at
        if token.get("idToken") and token["idToken"] != record.id_token:
            record.id_token = token["idToken"]
            record.id_token_type = token.get("type")
            if not self._authorized(session, station_id, token["idToken"], received):
                _unverified(record, "no_authorization")
        evse = payload.get("evse") or {}
        if "id" in evse:
            record.evse_id = evse["id"]
        if meter is not None:
            if record.meter_start_wh is None:
                record.meter_start_wh = meter
            if newer:
                if record.meter_last_wh is not None and meter < record.meter_last_wh:
                    _unverified(record, "meter_backwards")
                record.meter_last_wh = meter
            self._check_energy(record, at)

    def open_numbered_transaction(
        self,
        session: Session,
        station_id: str,
        *,
        connector_id: int,
        started_at: datetime,
        id_tag: str,
        event: Callable[[str], dict[str, Any]],
        version: str,
    ) -> int:
        """A session whose id the CSMS gives (OCPP 1.6 StartTransaction): the record's own
        integer key, so it is unique and known to the database before the station is told.

        A StartTransaction sent again (its answer was lost) names the same connector, start
        time and idTag: it gets the same id instead of a second session. `event(id)` is the
        session's Started event in the one model every version shares (transaction_event)."""
        existing = session.scalar(
            select(TransactionRecord.id).where(
                TransactionRecord.station_id == station_id,
                TransactionRecord.evse_id == connector_id,
                TransactionRecord.started_at == started_at,
                TransactionRecord.id_token == id_tag,
                TransactionRecord.ocpp_version == version,
            )
        )
        if existing is not None:
            return int(existing)
        now = datetime.now(UTC)
        record = TransactionRecord(
            station_id=station_id,
            transaction_id=f"opening:{now.timestamp()}:{connector_id}"[:36],
            state="started",
            started_at=started_at,
            updated_at=started_at,
            last_seq_no=0,
            verified=True,
            received_at=now,
            ocpp_version=version,
        )
        session.add(record)
        session.flush()
        record.transaction_id = str(record.id)
        session.flush()
        self.transaction_event(session, station_id, event(record.transaction_id))
        return record.id

    def authorized_token(
        self, session: Session, station_id: str, id_tag: str, normalise: Callable[[str], str]
    ) -> tuple[str, str] | None:
        """The token (id, type) of an accepted Authorize at this station within the rules'
        window whose normalised form is `id_tag`'s: how a 1.6 idTag carrying the eMAID that
        Plug & Charge authorized (with or without separators) is recognised as that
        contract's."""
        since = datetime.now(UTC) - self._rules.authorization_window
        wanted = normalise(id_tag)
        rows = session.execute(
            select(AuthorizationRecord.id_token, AuthorizationRecord.id_token_type)
            .where(
                AuthorizationRecord.station_id == station_id,
                AuthorizationRecord.status == "Accepted",
                AuthorizationRecord.at >= since,
            )
            .order_by(AuthorizationRecord.at.desc())
            .limit(50)
        )
        for token, token_type in rows:
            if normalise(token) == wanted:
                return token, token_type
        return None

    def _authorized(
        self, session: Session, station_id: str, id_token: str, received: datetime
    ) -> bool:
        since = received - self._rules.authorization_window
        found = session.scalar(
            select(AuthorizationRecord.id)
            .where(
                AuthorizationRecord.station_id == station_id,
                AuthorizationRecord.id_token == id_token,
                AuthorizationRecord.status == "Accepted",
                AuthorizationRecord.at >= since,
                AuthorizationRecord.at <= received,
            )
            .limit(1)
        )
        return found is not None

    def _check_energy(self, record: TransactionRecord, at: datetime) -> None:
        if record.meter_start_wh is None or record.meter_last_wh is None:
            return
        delivered = record.meter_last_wh - record.meter_start_wh
        hours = max((at - record.started_at).total_seconds(), 0.0) / 3600
        rules = self._rules
        if delivered > rules.max_session_wh:
            _unverified(record, "meter_implausible")
        elif delivered > rules.max_power_w * hours + rules.meter_slack_wh:
            _unverified(record, "meter_implausible")


def _count_charging(record: TransactionRecord, at: datetime, state: str | None) -> None:
    """Called for each event in seqNo order, before its chargingState is taken: the time
    since the previous event counts as charging if the session was Charging then."""
    since = record.charging_state_since
    if since is None:
        if state is not None:  # the first chargingState: counting starts here
            record.charging_state_since = at
            record.charging_seconds = record.charging_seconds or 0.0
        return  # a station that reports no chargingState leaves idle time unknown
    if record.charging_state == "Charging" and at > since:
        record.charging_seconds = (record.charging_seconds or 0.0) + (at - since).total_seconds()
    record.charging_state_since = max(at, since)


def _unverified(record: TransactionRecord, reason: str) -> None:
    """Sticky: a session that failed a check once stays unverified with its first reason."""
    if record.verified or record.verified is None:
        record.verified = False
        record.unverified_reason = reason


def _energy_wh(meter_values: list[dict[str, Any]] | None) -> float | None:
    """The Energy.Active.Import.Register reading (Wh) of the last meter value, if any."""
    for value in reversed(meter_values or []):
        for sample in value.get("sampledValue", []):
            if sample.get("measurand", "Energy.Active.Import.Register") == (
                "Energy.Active.Import.Register"
            ):
                multiplier = (sample.get("unitOfMeasure") or {}).get("multiplier", 0)
                unit = (sample.get("unitOfMeasure") or {}).get("unit", "Wh")
                scale = 1000.0 if unit == "kWh" else 1.0
                return float(sample["value"]) * scale * (10**multiplier)
    return None
