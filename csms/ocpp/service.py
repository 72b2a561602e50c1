"""The OCPP core as people use it: stations, what they report, charging sessions, commands.

Every door (REST API, console, command line) comes here; the permission and the tenant scope
are decided here, once:
- stations belong to partners: a `tenant` grant covers its partner's stations, `any` all of
  them; stations have no owner, so an `own` grant covers none;
- a partner's staff register stations for their own partner only;
- a charging session is visible to whoever may see its station (`tenant`), and to the driver
  whose contract's eMAID authorized it (`own`);
- one station's security events need their own permission; its session log is part of the
  station's record (whoever may read the station may read it); both follow its partner;
- a command reaches a station only within the caller's scope, and is audited with the
  station's answer;
- the everyday operations (remote start and stop, unlock, availability: operations.py) need
  `stations:operate` over the station; a driver may also stop an ongoing session of their own
  (`sessions:stop`, "own" as in their session history: one of their contracts' eMAIDs).
A station outside the caller's scope is reported exactly like one that does not exist, so
another tenant's identifiers cannot be probed.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any, Protocol, TypeVar

from sqlalchemy import Select, false, select
from sqlalchemy.orm import Session, sessionmaker

from auth.access import AccessControl
from auth.audit import record_event, record_refusal
from auth.errors import NotFound
from auth.listing import MAX_EXPORT, MAX_PER_PAGE, ListRequest, Page
from auth.models import Partner
from auth.principal import AccessDenied, Forbidden, Grant, Permission, Principal, Scope
from auth.users import PARTNERS_UPDATE
from pki.authority import CertificateAuthority, pem_of
from pki.db import TrustAnchorRecord

from .. import metrics
from ..database import in_worker_transaction
from . import listings, operations, pnc_config, rpc, trust_store
from .certificates import CHARGING_STATION, StationCertificates
from .cluster import Whereabouts
from .commands import audited_payload, is_security_relevant
from .connection import (
    BadStationAnswer,
    CallTimeout,
    StationCallError,
    StationConnection,
    StationUnavailable,
)
from .db import ConnectorStatusRecord, SecurityEventRecord, StationRecord, TransactionRecord
from .hub import StationHub
from .location import NOWHERE, Location, parse_location
from .stations import Station, StationConflict, StationError, StationRegistry, UnknownStation
from .store import OcppStore
from .versions import OcppVersion

log = logging.getLogger("csms.ocpp")
T = TypeVar("T")

STATIONS_READ = Permission("stations", "read")
STATIONS_CREATE = Permission("stations", "create")
STATIONS_COMMAND = Permission("stations", "command")
STATIONS_UPDATE = Permission("stations", "update")  # and to let a station have V2G without TLS
STATIONS_CONFIGURE = Permission("stations", "configure")  # security-relevant commands
PUBLIC_STATIONS_READ = Permission("public_stations", "read")
SECURITY_EVENTS_READ = Permission("security_events", "read")
SESSIONS_READ = Permission("sessions", "read")
# Remote start and stop, unlock, availability (operations.py): technicians everywhere,
# partners at their own stations.
STATIONS_OPERATE = Permission("stations", "operate")
# A driver stopping an ongoing session of their own (scope "own").
SESSIONS_STOP = Permission("sessions", "stop")

# The product's roots a station needs for Plug & Charge (M05), as InstallCertificate types.
ROOTS_TO_INSTALL = (("V2GRootCertificate", "v2g-root"), ("MORootCertificate", "mo-root"))


class OwnedEmaids(Protocol):
    """The contract domain's answer to "which eMAIDs are this driver's" (a subquery)."""

    def emaids_owned_by(self, username: str) -> Select[Any]: ...


@dataclass(frozen=True)
class ConnectionInfo:
    """A station's live connection: on this node (with its counters) or on another node of
    the cluster (where the counters live; here they are None)."""

    connected_at: datetime
    node: str
    calls_in: int | None = None
    calls_out: int | None = None
    bad_frames: int | None = None
    unmatched_responses: int | None = None

    @classmethod
    def of(cls, conn: StationConnection, node: str) -> ConnectionInfo:
        stats = conn.stats
        return cls(
            stats.connected_at,
            node,
            stats.calls_in,
            stats.calls_out,
            stats.bad_frames,
            stats.unmatched_responses,
        )

    @classmethod
    def elsewhere(cls, where: Whereabouts) -> ConnectionInfo:
        return cls(where.connected_at, where.node_id)


@dataclass(frozen=True)
class StationSummary:
    station: Station
    connectors: list[ConnectorStatusRecord]
    connection: ConnectionInfo | None
    certificates: list[dict[str, Any]] = field(default_factory=list)

    @property
    def connected(self) -> bool:
        return self.connection is not None

    # The station's own fields, for pages that list stations.
    @property
    def id(self) -> str:
        return self.station.id

    @property
    def partner(self) -> str | None:
        return self.station.partner

    @property
    def security_profile(self) -> int:
        return self.station.security_profile

    @property
    def boot_status(self) -> str | None:
        return self.station.boot_status

    @property
    def last_seen_at(self) -> datetime | None:
        return self.station.last_seen_at


@dataclass(frozen=True)
class PublicStation:
    id: str
    connectors: list[ConnectorStatusRecord]
    # Where a driver finds it (public like the station itself); nothing else of its record.
    location: Location = NOWHERE

    @property
    def available(self) -> bool:
        return any(c.status == "Available" for c in self.connectors)

    @property
    def state(self) -> str:
        """What a driver needs to know: `available` (a connector is free), `busy` (all in
        use or reserved), `out_of_service` (faulted, unavailable, or never reported)."""
        if self.available:
            return "available"
        if any(c.status in ("Occupied", "Reserved") for c in self.connectors):
            return "busy"
        return "out_of_service"


@dataclass(frozen=True)
class StationDetail:
    summary: StationSummary
    events: list[SecurityEventRecord]
    sessions: list[TransactionRecord]


class UnknownSession(StationError, NotFound):
    """No ongoing session with this id at this station in the caller's reach (a driver hears
    the same for another driver's session as for none)."""

    code = "unknown_session"


@dataclass(frozen=True)
class OperationResult:
    """What the station answered to an operation, and in which message."""

    operation: operations.Operation
    action: str
    ocpp_version: OcppVersion
    answer: dict[str, Any]

    @property
    def status(self) -> str:
        return str(self.answer.get("status", ""))

    @property
    def ok(self) -> bool:
        return operations.succeeded(self.answer)

    def as_dict(self) -> dict[str, Any]:
        return {
            "operation": self.operation.value,
            "action": self.action,
            "ocppVersion": self.ocpp_version.value,
            "status": self.status,
            "ok": self.ok,
            "response": self.answer,
        }


class StationService:
    def __init__(
        self,
        access: AccessControl,
        sessions: sessionmaker[Session],
        registry: StationRegistry,
        store: OcppStore,
        certificates: StationCertificates,
        hub: StationHub,
        ca: CertificateAuthority,
        contracts: OwnedEmaids,
    ) -> None:
        self._access = access
        self._sessions = sessions
        self._registry = registry
        self._store = store
        self._certificates = certificates
        self.hub = hub
        self._ca = ca
        self._contracts = contracts

    # --- stations --------------------------------------------------------------------------------

    def list_stations(
        self,
        session: Session,
        principal: Principal,
        *,
        limit: int = 100,
        offset: int = 0,
        certificates: bool = True,
    ) -> list[StationSummary]:
        """Stations in the caller's scope by id; `certificates=False` leaves out what was
        issued to each (two queries a station: the fleet's overview and map never show it)."""
        grant = self._access.require(principal, STATIONS_READ)
        if grant.scope is Scope.OWN:
            return []  # stations have no owner: an "own" scope covers none of them
        partner = principal.partner if grant.scope is Scope.TENANT else None
        if grant.scope is Scope.TENANT and partner is None:
            return []
        stations = self._registry.list_stations(
            session, limit=limit, offset=offset, partner=partner
        )
        return self._summaries(session, stations, certificates=certificates)

    def get(self, session: Session, principal: Principal, station_id: str) -> StationSummary:
        grant = self._access.require(principal, STATIONS_READ)
        station = self._visible(session, grant, station_id)
        return self._summaries(session, [station])[0]

    def detail(self, session: Session, principal: Principal, station_id: str) -> StationDetail:
        """A station with its newest security events and charging sessions (the technician's
        page): needs the permission for each."""
        summary = self.get(session, principal, station_id)
        return StationDetail(
            summary,
            self.security_events(session, principal, station_id, limit=50),
            self.transactions(session, principal, station_id, limit=20),
        )

    def create(
        self,
        session: Session,
        principal: Principal,
        station_id: str,
        *,
        security_profile: int,
        password: str | None = None,
        partner: str | None = None,
        boot_policy: str = "accept",
        evse_ids: Sequence[str] = (),
        allow_v2g_without_tls: bool = False,
        ocpp_version: str | None = None,
        v2g_issuer: str | None = None,
    ) -> tuple[StationSummary, str | None]:
        """Register a station; returns it and the generated password, if one was generated
        (shown once: only its argon2id hash is stored)."""
        grant = self._access.require(principal, STATIONS_CREATE)
        if allow_v2g_without_tls:
            self._require_everywhere(principal, STATIONS_UPDATE)
        if grant.scope is Scope.TENANT:
            # Partner staff register stations for their own company only.
            if principal.partner is None or partner not in (None, principal.partner):
                raise Forbidden("stations can be registered only for your own partner")
            partner = principal.partner
        elif grant.scope is not Scope.ANY:
            raise Forbidden("not allowed to create stations")
        station, generated = self._registry.add(
            session,
            station_id,
            security_profile=security_profile,
            password=password,
            partner=partner,
            boot_policy=boot_policy,
            evse_ids=evse_ids,
            allow_v2g_without_tls=allow_v2g_without_tls,
            ocpp_version=ocpp_version,
            v2g_issuer=v2g_issuer,
            actor=principal.actor,
        )
        return self._summaries(session, [station])[0], generated

    def update(
        self,
        session: Session,
        principal: Principal,
        station_id: str,
        *,
        evse_ids: Sequence[str] | None = None,
        allow_v2g_without_tls: bool | None = None,
        boot_policy: str | None = None,
        enabled: bool | None = None,
        ocpp_version: str | None = None,
        v2g_issuer: str | None = None,
        password: str | None = None,
    ) -> StationSummary:
        """Change a station in the caller's scope; letting it have V2G certificates without
        TLS needs the update permission everywhere (an operator's decision, not a tenant's).
        `ocpp_version` pins the station to a version ("any" unpins it); `password` replaces
        its Basic password (profiles 1 and 2)."""
        grant = self._access.require(principal, STATIONS_UPDATE)
        self._visible(session, grant, station_id)
        if allow_v2g_without_tls:
            self._require_everywhere(principal, STATIONS_UPDATE)
        station = self._registry.update(
            session,
            station_id,
            actor=principal.actor,
            evse_ids=evse_ids,
            allow_v2g_without_tls=allow_v2g_without_tls,
            boot_policy=boot_policy,
            enabled=enabled,
            ocpp_version=ocpp_version,
            v2g_issuer=v2g_issuer,
            password=password,
        )
        return self._summaries(session, [station])[0]

    def set_location(
        self,
        session: Session,
        principal: Principal,
        station_id: str,
        *,
        latitude: float | None,
        longitude: float | None,
        address: str | None,
    ) -> StationSummary:
        """Say where a station in the caller's scope stands (whoever may update the station:
        an operator, or its partner's staff); replaces the whole location, so None clears a
        part. A LocationError names the rule the input breaks."""
        grant = self._access.require(principal, STATIONS_UPDATE)
        self._visible(session, grant, station_id)
        location = parse_location(latitude, longitude, address)
        station = self._registry.set_location(session, station_id, location, actor=principal.actor)
        log.info(
            "station location set (%s)",
            "on the map" if location.placed else "no coordinates",
            extra={"station_id": station_id},
        )
        metrics.STATION_LOCATIONS_SET.labels(placed=str(location.placed).lower()).inc()
        return self._summaries(session, [station])[0]

    def _require_everywhere(self, principal: Principal, permission: Permission) -> None:
        if self._access.decide(principal, permission) is not Scope.ANY:
            raise Forbidden("only an operator may let a station have V2G certificates without TLS")

    def public(
        self, session: Session, principal: Principal, *, limit: int = 500, offset: int = 0
    ) -> list[PublicStation]:
        """What anyone may know: enabled stations and whether a connector is free."""
        self._access.require(principal, PUBLIC_STATIONS_READ)
        rows = session.execute(
            select(
                StationRecord.id,
                StationRecord.latitude,
                StationRecord.longitude,
                StationRecord.address,
            )
            .where(StationRecord.enabled.is_(True))
            .order_by(StationRecord.id)
            .limit(limit)
            .offset(offset)
        ).all()
        connectors = self._store.connector_rows(session, [row.id for row in rows])
        return [
            PublicStation(
                row.id, connectors[row.id], Location(row.latitude, row.longitude, row.address)
            )
            for row in rows
        ]

    # --- what stations report --------------------------------------------------------------------

    def security_events(
        self, session: Session, principal: Principal, station_id: str, *, limit: int = 100
    ) -> list[SecurityEventRecord]:
        grant = self._access.require(principal, SECURITY_EVENTS_READ)
        self._visible(session, grant, station_id)
        return list(
            session.scalars(
                select(SecurityEventRecord)
                .where(SecurityEventRecord.station_id == station_id)
                .order_by(SecurityEventRecord.id.desc())
                .limit(limit)
            )
        )

    def transactions(
        self, session: Session, principal: Principal, station_id: str, *, limit: int = 100
    ) -> list[TransactionRecord]:
        """One station's charging sessions: part of the station's record, for whoever may
        read the station (its technicians, its partner)."""
        grant = self._access.require(principal, STATIONS_READ)
        self._visible(session, grant, station_id)
        return list(
            session.scalars(
                select(TransactionRecord)
                .where(TransactionRecord.station_id == station_id)
                .order_by(TransactionRecord.id.desc())
                .limit(limit)
            )
        )

    def sessions(
        self, session: Session, principal: Principal, *, limit: int = 100, offset: int = 0
    ) -> list[TransactionRecord]:
        """Charging sessions, newest first: a partner's are those at its stations; a driver's
        are those authorized with one of their contracts' eMAIDs."""
        query = self._sessions_in_scope(principal).order_by(TransactionRecord.id.desc())
        return list(session.scalars(query.limit(limit).offset(offset)))

    def _sessions_in_scope(self, principal: Principal) -> Select[Any]:
        grant = self._access.require(principal, SESSIONS_READ)
        query = select(TransactionRecord)
        if grant.scope is Scope.TENANT:
            query = query.join(StationRecord, StationRecord.id == TransactionRecord.station_id)
            query = grant.filter(query, partner_column=StationRecord.partner)
        elif grant.scope is Scope.OWN:
            if principal.is_anonymous:
                query = query.where(false())
            else:
                # A driver's history holds only sessions credited on the CSMS's own evidence
                # (csms/ocpp/store.py: an accepted Authorize before, plausible meter values).
                query = query.where(*self._drivers_sessions(principal))
        return query

    # --- lists that scale (auth/listing.py; what sorts and filters: csms/ocpp/listings.py) ----

    def find_stations(
        self, session: Session, principal: Principal, wanted: ListRequest
    ) -> Page[StationSummary]:
        """A page of the stations the principal may read (admins all, partners their own),
        searched, filtered and sorted as asked."""
        grant = self._access.require(principal, STATIONS_READ)
        query = grant.filter(select(StationRecord), partner_column=StationRecord.partner)
        if grant.scope is Scope.OWN:
            query = query.where(false())  # stations have no owner
        page = listings.station_spec(session, self.hub).page(session, query, wanted)
        stations = self._registry.as_stations(session, page.rows)
        # A list row shows no certificates: not reading them saves two queries per row.
        return page.map_all(self._summaries(session, stations, certificates=False))

    def export_stations(
        self, session: Session, principal: Principal, wanted: ListRequest
    ) -> Iterator[StationSummary]:
        """Every station as asked (bounded: MAX_EXPORT), for a CSV file. Read a page at a
        time: a summary needs the hub and the connectors, which `find_stations` gathers per
        page."""
        number = 1
        while True:
            asked = replace(wanted, page=number, per_page=MAX_PER_PAGE)
            found = self.find_stations(session, principal, asked)
            yield from found.rows
            if number >= found.pages or number * MAX_PER_PAGE >= MAX_EXPORT:
                return
            number += 1

    def find_sessions(
        self, session: Session, principal: Principal, wanted: ListRequest
    ) -> Page[TransactionRecord]:
        return listings.SESSION_SPEC.page(session, self._sessions_in_scope(principal), wanted)

    def export_sessions(
        self, session: Session, principal: Principal, wanted: ListRequest
    ) -> Iterator[TransactionRecord]:
        """Every session as asked (bounded: auth/listing.py MAX_EXPORT), for a CSV file."""
        return listings.SESSION_SPEC.every(session, self._sessions_in_scope(principal), wanted)

    def station_sessions(
        self, session: Session, principal: Principal, station_id: str, wanted: ListRequest
    ) -> Page[TransactionRecord]:
        """One station's sessions, for whoever may read the station (its technicians, its
        partner): UnknownStation when it is not theirs."""
        grant = self._access.require(principal, STATIONS_READ)
        self._visible(session, grant, station_id)
        query = select(TransactionRecord).where(TransactionRecord.station_id == station_id)
        return listings.SESSION_SPEC.page(session, query, wanted)

    def station_security_events(
        self, session: Session, principal: Principal, station_id: str, wanted: ListRequest
    ) -> Page[SecurityEventRecord]:
        grant = self._access.require(principal, SECURITY_EVENTS_READ)
        self._visible(session, grant, station_id)
        query = select(SecurityEventRecord).where(SecurityEventRecord.station_id == station_id)
        return listings.SECURITY_EVENT_SPEC.page(session, query, wanted)

    def _events_in_scope(self, principal: Principal) -> Select[Any]:
        grant = self._access.require(principal, SECURITY_EVENTS_READ)
        query = select(SecurityEventRecord)
        if grant.scope is not Scope.ANY:
            query = query.join(StationRecord, StationRecord.id == SecurityEventRecord.station_id)
            query = grant.filter(query, partner_column=StationRecord.partner)
        return query

    def find_security_events(
        self, session: Session, principal: Principal, wanted: ListRequest
    ) -> Page[SecurityEventRecord]:
        """Security events of every station in scope (an admin's whole network, a partner's
        own stations)."""
        return listings.SECURITY_EVENT_SPEC.page(session, self._events_in_scope(principal), wanted)

    def export_security_events(
        self, session: Session, principal: Principal, wanted: ListRequest
    ) -> Iterator[SecurityEventRecord]:
        return listings.SECURITY_EVENT_SPEC.every(session, self._events_in_scope(principal), wanted)

    def security_event_types(self, session: Session, principal: Principal) -> list[str]:
        self._access.require(principal, SECURITY_EVENTS_READ)
        return listings.security_event_types(session)

    def _drivers_sessions(self, principal: Principal) -> tuple[Any, ...]:
        """The conditions that make a session a driver's own: authorized with one of their
        contracts' eMAIDs, and credited on the CSMS's own evidence (csms/ocpp/store.py: an
        accepted Authorize before, plausible meter values)."""
        owned = self._contracts.emaids_owned_by(principal.username)
        return (TransactionRecord.id_token.in_(owned), TransactionRecord.verified.is_(True))

    def connected(self, session: Session, station_ids: Sequence[str]) -> set[str]:
        """Which of these stations are connected now (to this node or another): whether an
        operation can reach them, and nothing else about them (a driver's session page
        asks for the stations of their own sessions)."""
        here = {sid for sid in station_ids if self.hub.connection(sid) is not None}
        rest = [sid for sid in station_ids if sid not in here]
        return here | set(self.hub.whereabouts(session, rest)) if rest else here

    def ongoing_sessions(
        self, session: Session, principal: Principal, station_id: str, *, limit: int = 50
    ) -> list[TransactionRecord]:
        """A station's sessions that have not ended, newest first (what a remote stop picks
        from): part of the station's record."""
        grant = self._access.require(principal, STATIONS_READ)
        self._visible(session, grant, station_id)
        return list(
            session.scalars(
                select(TransactionRecord)
                .where(
                    TransactionRecord.station_id == station_id,
                    TransactionRecord.state != "ended",
                )
                .order_by(TransactionRecord.id.desc())
                .limit(limit)
            )
        )

    # --- operations: remote start and stop, unlock, availability (operations.py) ----------------

    async def remote_start(
        self,
        principal: Principal,
        station_id: str,
        evse_id: int,
        id_token: str,
        *,
        token_type: str = operations.CENTRAL,
    ) -> OperationResult:
        """Ask the station to start charging on an EVSE for an idToken (2.0.1 F01
        RequestStartTransaction, 1.6 RemoteStartTransaction)."""
        return await self._operate(
            principal,
            station_id,
            operations.Operation.START,
            lambda version: operations.start(version, evse_id, id_token, token_type),
        )

    async def remote_stop(
        self, principal: Principal, station_id: str, transaction_id: str
    ) -> OperationResult:
        """Ask the station to stop one of its ongoing sessions (2.0.1 F03
        RequestStopTransaction, 1.6 RemoteStopTransaction); a driver may stop their own."""
        return await self._operate(
            principal,
            station_id,
            operations.Operation.STOP,
            lambda version: operations.stop(version, transaction_id),
            transaction_id=transaction_id,
        )

    async def unlock(
        self, principal: Principal, station_id: str, evse_id: int, connector_id: int
    ) -> OperationResult:
        """Ask the station to release a connector's cable (2.0.1 F05, 1.6 UnlockConnector)."""
        return await self._operate(
            principal,
            station_id,
            operations.Operation.UNLOCK,
            lambda version: operations.unlock(version, evse_id, connector_id),
        )

    async def change_availability(
        self,
        principal: Principal,
        station_id: str,
        operative: bool,
        evse_id: int | None = None,
        connector_id: int | None = None,
    ) -> OperationResult:
        """Set the whole station, an EVSE or a connector operative or inoperative (2.0.1
        G03, 1.6 ChangeAvailability)."""
        return await self._operate(
            principal,
            station_id,
            operations.Operation.AVAILABILITY,
            lambda version: operations.availability(version, operative, evse_id, connector_id),
        )

    async def _operate(
        self,
        principal: Principal,
        station_id: str,
        operation: operations.Operation,
        build: Callable[[OcppVersion], operations.Request],
        *,
        transaction_id: str | None = None,
    ) -> OperationResult:
        """Decide, build the station's version's message, send it through the command path
        (audited with the answer), and count and time it."""
        started = time.perf_counter()
        outcome = "error"
        try:
            version = await self._in_transaction(
                lambda session: self._operation_allowed(
                    session, principal, station_id, operation, transaction_id
                )
            )
            request = build(version)
            answer = await self._send(
                principal, station_id, request.action, request.payload, operation=operation.value
            )
            result = OperationResult(operation, request.action, version, answer)
            outcome = result.status or "answered"
            return result
        except Exception as exc:
            outcome = _failure_outcome(exc)
            raise
        finally:
            elapsed = time.perf_counter() - started
            metrics.STATION_OPERATIONS.labels(operation=operation.value, outcome=outcome).inc()
            metrics.STATION_OPERATION_SECONDS.labels(operation=operation.value).observe(elapsed)
            log.log(
                logging.INFO if outcome not in _FAILURES else logging.WARNING,
                "station %s: %s by %s → %s (%.0f ms)",
                station_id[:64],
                operation.value,
                principal.actor,
                outcome,
                elapsed * 1000,
            )

    def _operation_allowed(
        self,
        session: Session,
        principal: Principal,
        station_id: str,
        operation: operations.Operation,
        transaction_id: str | None,
    ) -> OcppVersion:
        """The station's OCPP version, once the caller may run `operation` on it: with
        `stations:operate` covering the station, or (a stop) with `sessions:stop` covering
        the session. A refusal is audited; a station or session out of reach reads as
        absent."""
        station = self._registry.get(session, station_id)
        operate = self._access.grant(principal, STATIONS_OPERATE)
        stop = (
            self._access.grant(principal, SESSIONS_STOP)
            if operation is operations.Operation.STOP
            else None
        )
        refusal: Exception | None
        if operate is None and stop is None:
            refusal = self._denied(principal, STATIONS_OPERATE)
        elif (
            station is not None and operate is not None and operate.covers(partner=station.partner)
        ):
            refusal = self._session_missing(session, principal, station, None, transaction_id)
        elif (
            station is not None
            and stop is not None
            and (stop.scope is Scope.OWN or stop.covers(partner=station.partner))
        ):
            refusal = self._session_missing(session, principal, station, stop, transaction_id)
        elif stop is not None:
            refusal = UnknownSession(f"no ongoing session {transaction_id} at {station_id}")
        else:
            refusal = UnknownStation(f"no station {station_id}")
        if refusal is None and station is not None:
            return self._version(station)
        record_refusal(
            session,
            actor=principal.actor,
            action="station.operation_refused",
            # Bounded: the ids come from the caller and may be anything (a console URL).
            station=station_id[:64],
            operation=operation.value,
            transaction=transaction_id[:64] if transaction_id is not None else None,
            reason=str(refusal)[:200],
        )
        raise refusal or UnknownStation(f"no station {station_id}")

    def _denied(self, principal: Principal, permission: Permission) -> Exception:
        """The access control's own refusal (NotAuthenticated for visitors, else Forbidden)."""
        try:
            self._access.require(principal, permission)
        except AccessDenied as denied:
            return denied
        return Forbidden(f"not allowed to {permission.action} {permission.obj}")

    def _session_missing(
        self,
        session: Session,
        principal: Principal,
        station: Station,
        stop: Grant | None,
        transaction_id: str | None,
    ) -> Exception | None:
        """None when there is nothing to find (not a stop) or the session is ongoing at the
        station and, under a driver's own scope, theirs; else UnknownSession."""
        if transaction_id is None:
            return None
        if len(transaction_id) > operations.TRANSACTION_ID_MAX:  # no session has such an id
            return UnknownSession(f"no ongoing session {transaction_id[:40]}… at {station.id}")
        query = select(TransactionRecord.id).where(
            TransactionRecord.station_id == station.id,
            TransactionRecord.transaction_id == transaction_id,
            TransactionRecord.state != "ended",
        )
        if stop is not None and stop.scope is Scope.OWN:
            if principal.is_anonymous:
                query = query.where(false())
            else:
                query = query.where(*self._drivers_sessions(principal))
        if session.scalar(query.limit(1)) is None:
            return UnknownSession(f"no ongoing session {transaction_id} at {station.id}")
        return None

    def _version(self, station: Station) -> OcppVersion:
        """The version of the station's live connection here, else the one it last
        connected with (another node holds it, or none: the call will say so)."""
        conn = self.hub.connection(station.id)
        if conn is not None:
            return conn.version
        try:
            return OcppVersion(station.last_ocpp_version or OcppVersion.V201.value)
        except ValueError:
            return OcppVersion.V201

    # --- commands --------------------------------------------------------------------------------

    async def command(
        self, principal: Principal, station_id: str, action: str, payload: dict[str, Any]
    ) -> dict[str, Any]:
        """Send a CSMS→station CALL to a station in the caller's scope; returns the station's
        CALLRESULT payload. Only the CALLs a CSMS sends are taken, and the security-relevant
        ones (commands.SECURITY_COMMANDS: certificates, network profile, firmware, security
        variables) need `stations:configure` (operators), the others `stations:command`
        (technicians too). Raises the hub's errors (not connected, no answer, CALLERROR)."""
        permission = (
            STATIONS_CONFIGURE if is_security_relevant(action, payload) else STATIONS_COMMAND
        )

        def check(session: Session) -> Station:
            try:
                grant = self._access.require(principal, permission)
            except AccessDenied:
                # A refused command is audited too: who tried what on which station.
                record_refusal(
                    session,
                    actor=principal.actor,
                    action="station.command_refused",
                    station=station_id,
                    command=action,
                    payload=audited_payload(payload),
                )
                raise
            return self._visible(session, grant, station_id)

        await self._in_transaction(check)
        return await self._send(principal, station_id, action, payload)

    # --- the station's trust store (csms/ocpp/trust_store.py) -----------------------------------

    def trust_store(
        self, session: Session, principal: Principal, station_id: str
    ) -> trust_store.TrustStoreView:
        """The roots the station should hold, the ones it reported, and the drift."""
        grant = self._access.require(principal, STATIONS_READ)
        station = self._visible(session, grant, station_id)
        return trust_store.view(session, self._ca, station)

    def drifted_stations(self, session: Session, principal: Principal) -> list[dict[str, Any]]:
        """The stations in the caller's scope whose reported trust store is not in order."""
        found = []
        for summary in self.list_stations(session, principal, limit=10_000, certificates=False):
            current = trust_store.view(session, self._ca, summary.station)
            if current.drifted:
                found.append(
                    {
                        "stationId": summary.station.id,
                        "missing": len(current.missing),
                        "unexpected": len(current.unexpected),
                        "refreshedAt": current.refreshed_at,
                    }
                )
        return found

    def set_partner_station_roots(
        self,
        session: Session,
        principal: Principal,
        partner: str,
        fingerprints: Sequence[str] | None,
    ) -> list[str] | None:
        """Which imported V2G and MO roots the partner's stations should hold (None: every
        active one). Each must be an imported root anchor of those kinds."""
        self._access.require(principal, PARTNERS_UPDATE)
        row = session.get(Partner, partner, with_for_update=True)
        if row is None:
            raise StationError(f"no partner {partner!r}", code="unknown_partner")
        chosen = None
        if fingerprints is not None:
            chosen = sorted({f.strip().lower() for f in fingerprints})
            known = set(
                session.scalars(
                    select(TrustAnchorRecord.fingerprint_sha256).where(
                        TrustAnchorRecord.role == "root",
                        TrustAnchorRecord.kind.in_(("v2g-root", "mo-root")),
                        TrustAnchorRecord.fingerprint_sha256.in_(chosen),
                    )
                )
            )
            unknown = [f for f in chosen if f not in known]
            if unknown:
                raise StationError(
                    f"not an imported V2G or MO root: {', '.join(unknown)}",
                    code="unknown_anchor",
                )
        row.station_roots = chosen
        record_event(
            session,
            actor=principal.actor,
            action="partner.station_roots",
            partner=partner,
            station_roots=chosen,
        )
        return chosen

    async def repair_trust_store(self, principal: Principal, station_id: str) -> dict[str, Any]:
        """Install what the station misses and delete what it should not hold, each through
        the command path (permission: stations:configure; audited), then ask the station
        again. Refused when its store was never reported (refresh it first)."""

        def plan(session: Session) -> tuple[list[trust_store.RepairStep], bool]:
            grant = self._access.require(principal, STATIONS_READ)
            station = self._visible(session, grant, station_id)
            return trust_store.repair_plan(session, self._ca, station), (
                station.installed_certificates is not None
            )

        calls, known = await self._in_transaction(plan)
        if not known:
            raise StationError(
                f"{station_id} has not reported its certificates yet: send "
                "GetInstalledCertificateIds first",
                code="trust_store_unknown",
            )
        done = []
        for step in calls:
            answer = await self.command(principal, station_id, step.action, step.payload)
            if answer.get("status") == "Rejected" and step.fallback is not None:
                answer = await self.command(principal, station_id, step.action, step.fallback)
                done.append({"action": step.action, "status": answer.get("status"),
                             "form": "link", **_target(step.fallback)})  # fmt: skip
                continue
            done.append(
                {"action": step.action, "status": answer.get("status"), **_target(step.payload)}
            )
        await self.command(principal, station_id, "GetInstalledCertificateIds", {})
        after = await self._in_transaction(
            lambda session: self.trust_store(session, principal, station_id)
        )
        return {"actions": done, "trustStore": after.as_dict()}

    async def trigger(
        self, principal: Principal, station_id: str, requested_message: str
    ) -> dict[str, Any]:
        return await self.command(
            principal, station_id, "TriggerMessage", {"requestedMessage": requested_message}
        )

    async def pnc_configuration(self, principal: Principal, station_id: str) -> dict[str, Any]:
        """The station's Plug & Charge settings as it reports them now (csms/ocpp/pnc_config.py),
        in its version's message, through the command path (permission, audit)."""
        version = await self._version_of(principal, station_id)
        action, payload = pnc_config.read_request(version)
        answer = await self.command(principal, station_id, action, payload)
        return {"ocppVersion": version, "settings": pnc_config.parse_read(version, answer)}

    async def set_pnc_configuration(
        self, principal: Principal, station_id: str, changes: dict[str, Any]
    ) -> dict[str, Any]:
        """Set some of the station's Plug & Charge settings; returns the station's status for
        each (security settings: an operator's command)."""
        version = await self._version_of(principal, station_id)
        requests = pnc_config.write_requests(version, changes)
        answers = [await self.command(principal, station_id, a, p) for a, p in requests]
        return {
            "ocppVersion": version,
            "statuses": pnc_config.parse_write(version, changes, answers),
        }

    async def upgrade_security_profile(
        self, principal: Principal, station_id: str, profile: int
    ) -> dict[str, Any]:
        """Raise a 1.6 station's security profile as the security whitepaper does: check the
        station can use it (profile 2: a password; 3: a charging station certificate it
        accepted), send ChangeConfiguration(SecurityProfile), and only when the station
        agrees record the new profile, so its next connection must use it (a lower one is
        refused at the handshake). An operator's command (stations:configure), audited."""

        def check(session: Session) -> str:
            grant = self._access.require(principal, STATIONS_CONFIGURE)
            station = self._visible(session, grant, station_id)
            version = station.last_ocpp_version or OcppVersion.V201.value
            if version != OcppVersion.V16.value:
                raise StationError(
                    "profile upgrades through here are 1.6's (ChangeConfiguration); a 2.0.1 "
                    "or 2.1 station changes profile with SetNetworkProfile (A05)",
                    code="security_profile_version",
                )
            if profile <= station.security_profile or profile not in (2, 3):
                raise StationConflict(
                    f"{station_id} is on security profile {station.security_profile}; "
                    f"profiles only go up, to 2 or 3 ({profile} asked)",
                    code="security_profile_not_higher",
                )
            if profile == 2 and not station.password_hash:
                raise StationConflict(
                    f"{station_id} has no password for profile 2", code="security_profile_unready"
                )
            if profile == 3 and not self._certificates.has_accepted(
                session, station_id, CHARGING_STATION
            ):
                raise StationConflict(
                    f"{station_id} has no charging station certificate it accepted; "
                    "profile 3 authenticates with one",
                    code="security_profile_unready",
                )
            return version

        await self._in_transaction(check)
        answer = await self.command(
            principal,
            station_id,
            "ChangeConfiguration",
            {"key": "SecurityProfile", "value": str(profile)},
        )
        status = str(answer.get("status"))
        if status in ("Accepted", "RebootRequired"):
            await self._in_transaction(
                lambda session: self._registry.raise_security_profile(
                    session, station_id, profile, actor=principal.actor
                )
            )
        return {"securityProfile": profile, "status": status}

    async def _version_of(self, principal: Principal, station_id: str) -> str:
        """The OCPP version the station last connected with (visible in the caller's scope)."""

        def read(session: Session) -> str:
            grant = self._access.require(principal, STATIONS_READ)
            station = self._visible(session, grant, station_id)
            return station.last_ocpp_version or OcppVersion.V201.value

        return await self._in_transaction(read)

    async def install_roots(
        self, principal: Principal, station_id: str
    ) -> list[tuple[str, dict[str, Any]]]:
        """InstallCertificate of the product's V2G root and MO root (M05), one after the
        other; returns each certificate type with the station's answer."""
        # The payload is the product's own roots, never the caller's: a technician's operation,
        # unlike InstallCertificate of an arbitrary certificate (`command`).
        await self._in_transaction(
            lambda session: self._visible(
                session, self._access.require(principal, STATIONS_COMMAND), station_id
            )
        )
        results = []
        for certificate_type, ca_name in ROOTS_TO_INSTALL:
            pem = pem_of([self._ca.authority(ca_name).certificate])
            payload = {"certificateType": certificate_type, "certificate": pem}
            answer = await self._send(principal, station_id, "InstallCertificate", payload)
            results.append((certificate_type, answer))
        return results

    async def _send(
        self,
        principal: Principal,
        station_id: str,
        action: str,
        payload: dict[str, Any],
        *,
        operation: str | None = None,
    ) -> dict[str, Any]:
        outcome = "no answer"
        try:
            answer = await self.hub.call(station_id, action, payload)
            outcome = str(answer.get("status", "answered"))
        except Exception as exc:
            outcome = f"{type(exc).__name__}: {exc}"
            raise
        finally:
            await self._in_transaction(
                lambda session: record_event(
                    session,
                    actor=principal.actor,
                    action="station.command",
                    station=station_id,
                    command=action,
                    payload=audited_payload(payload),
                    outcome=outcome[:200],
                    **({"operation": operation} if operation else {}),
                )
            )
        if action == "GetInstalledCertificateIds" and answer.get("status") == "Accepted":
            chain = answer.get("certificateHashDataChain", [])
            await self._in_transaction(
                lambda session: self._store.installed_certificates(session, station_id, chain)
            )
        return answer

    # --- helpers ---------------------------------------------------------------------------------

    def _visible(self, session: Session, grant: Grant, station_id: str) -> Station:
        """The station, if it exists and `grant` covers its partner; UnknownStation alike
        otherwise."""
        station = self._registry.get(session, station_id)
        if station is None or not grant.covers(partner=station.partner):
            raise UnknownStation(f"no station {station_id}")
        return station

    def _summaries(
        self, session: Session, stations: list[Station], *, certificates: bool = True
    ) -> list[StationSummary]:
        connectors = self._store.connector_rows(session, [s.id for s in stations])
        here = {s.id: conn for s in stations if (conn := self.hub.connection(s.id)) is not None}
        elsewhere = self.hub.whereabouts(session, [s.id for s in stations if s.id not in here])
        summaries = []
        for station in stations:
            conn = here.get(station.id)
            where = elsewhere.get(station.id)
            connection = (
                ConnectionInfo.of(conn, self.hub.node_id)
                if conn is not None
                else ConnectionInfo.elsewhere(where)
                if where is not None
                else None
            )
            summaries.append(
                StationSummary(
                    station,
                    connectors[station.id],
                    connection,
                    self._certificates.of_station(session, station.id) if certificates else [],
                )
            )
        return summaries

    async def _in_transaction(self, work: Callable[[Session], T]) -> T:
        """A short transaction of its own: a command waits for a station on the network, and
        no transaction may stay open for that long."""
        return await in_worker_transaction(self._sessions, work)


# Outcomes of an operation that got no answer from the station (metrics and log level).
_FAILURES = frozenset(
    {"refused", "not_found", "invalid", "not_connected", "timeout", "call_error", "bad_answer",
     "error"}
)  # fmt: skip


def _failure_outcome(exc: Exception) -> str:
    """A bounded label for why an operation got no answer."""
    if isinstance(exc, AccessDenied):
        return "refused"
    if isinstance(exc, operations.InvalidOperation):
        return "invalid"
    if isinstance(exc, NotFound):
        return "not_found"
    if isinstance(exc, StationUnavailable):  # OcppNotRunning included
        return "not_connected"
    if isinstance(exc, CallTimeout):
        return "timeout"
    if isinstance(exc, StationCallError):
        return "call_error"
    if isinstance(exc, (BadStationAnswer, rpc.OcppError)):
        return "bad_answer"
    return "error"


def _target(payload: dict[str, Any]) -> dict[str, Any]:
    """What a repair CALL was about, for its report (never the whole PEM)."""
    if "certificateType" in payload:
        return {"certificateType": payload["certificateType"]}
    return {"certificateHashData": payload.get("certificateHashData")}
