"""Reading Plug & Charge diagnostics (the records csms/ocpp/diagnostics.py writes): search and
one record, for every door, with the permission and the scope decided here once:
- admins (`any`) read every record;
- a partner (`tenant`) reads the records of its own stations;
- a driver (`own`) reads the records of their own contracts (eMAID) and of their own cars
  (a PCID bound to one of their contracts with an operator's approval), and only in plain
  words: what happened and why, never the internal detail, the messages, the chain or the
  timings (they name CAs, serials and the operator's trust set).
A record outside the caller's scope is reported exactly like one that does not exist.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Protocol

from sqlalchemy import Select, false, func, or_, select
from sqlalchemy.orm import Session

from auth.access import AccessControl
from auth.errors import NotFound
from auth.listing import Field, ListRequest, ListSpec, Page
from auth.principal import Grant, Permission, Principal, Scope
from contracts.diagnostics import AUTHORIZE, CERTIFICATE_STATUS, INSTALLATION, KINDS

from .db import PncDiagnosticRecord, StationRecord

PNC_DIAGNOSTICS_READ = Permission("pnc_diagnostics", "read")
MAX_PAGE = 100
MAX_ID = 2**31 - 1  # the id column is a 32-bit integer
OUTCOMES = ("accepted", "refused", "error")


class OwnedCarsAndContracts(Protocol):
    """The contract domain's answer to "which eMAIDs and cars are this driver's"."""

    def emaids_owned_by(self, username: str) -> Select[Any]: ...

    def pcids_owned_by(self, username: str) -> Select[Any]: ...


class UnknownDiagnostic(NotFound):
    code = "unknown_diagnostic"


# What a driver (and everyone else) reads about an outcome, by kind and reason code. English
# here, the console's catalogs translate it (tests/ocpp/test_pnc_diagnostics.py holds every
# sentence translated in uz and ru).
REASON_WORDS: dict[tuple[str, str], str] = {
    (INSTALLATION, "OK"): "The car received its contract certificate.",
    (INSTALLATION, "FAILED"): "The car's request could not be read or was not complete.",
    (INSTALLATION, "FAILED_CertChainError"): (
        "The car's certificate does not lead to a car maker the network trusts."
    ),
    (INSTALLATION, "FAILED_CertificateExpired"): (
        "The car's certificate has expired or is not valid yet."
    ),
    (INSTALLATION, "FAILED_CertificateRevoked"): "The car's certificate has been revoked.",
    (INSTALLATION, "FAILED_SignatureError"): "The car's request was not signed correctly.",
    (INSTALLATION, "FAILED_NoCertificateAvailable"): (
        "No contract was found for this car, or the car trusts none of the network's roots."
    ),
    (INSTALLATION, "FAILED_ContractCanceled"): (
        "The contract for this car is suspended, terminated or has ended."
    ),
    (AUTHORIZE, "Accepted"): "Charging with the contract was authorized.",
    (AUTHORIZE, "CertChainError"): "The contract certificate could not be verified.",
    (AUTHORIZE, "CertificateRevoked"): "The contract certificate has been revoked.",
    (AUTHORIZE, "CertificateExpired"): "The contract certificate has expired.",
    (AUTHORIZE, "ContractCancelled"): "The contract is suspended, terminated or has ended.",
    (AUTHORIZE, "Unknown"): "No contract with this eMAID is known.",
    (AUTHORIZE, "Invalid"): "The contract cannot be used for charging.",
    (AUTHORIZE, "Blocked"): "The contract is suspended.",
    (AUTHORIZE, "Expired"): "The contract has ended.",
    (CERTIFICATE_STATUS, "Accepted"): "The certificate's status was answered.",
    (CERTIFICATE_STATUS, "InvalidHashData"): "The station asked about a certificate unreadably.",
    (CERTIFICATE_STATUS, "NoOCSPResponse"): "No status could be found for the certificate.",
}
ACCEPTED_WORDS = "The request was accepted."
REFUSED_WORDS = "The request was refused."
ERROR_WORDS = "The request could not be handled because of an internal error."


def reason_words(kind: str, outcome: str, reason_code: str | None) -> str:
    if reason_code is not None and (kind, reason_code) in REASON_WORDS:
        return REASON_WORDS[(kind, reason_code)]
    if outcome == "accepted":
        return ACCEPTED_WORDS
    return ERROR_WORDS if outcome == "error" else REFUSED_WORDS


def all_reason_words() -> set[str]:
    return {*REASON_WORDS.values(), ACCEPTED_WORDS, REFUSED_WORDS, ERROR_WORDS}


@dataclass(frozen=True)
class DiagnosticsQuery:
    pcid: str | None = None
    emaid: str | None = None
    station_id: str | None = None
    kind: str | None = None
    outcome: str | None = None
    since: datetime | None = None
    until: datetime | None = None
    limit: int = 50
    offset: int = 0


@dataclass(frozen=True)
class DiagnosticView:
    """A record as the caller may read it: `full` False (drivers) leaves only what happened
    and why, in plain words."""

    id: int
    at: datetime
    kind: str
    station_id: str
    ocpp_version: str
    pcid: str | None
    emaid: str | None
    outcome: str
    status: str | None
    reason_code: str | None
    reason: str  # plain words (English; the console translates)
    full: bool
    request_id: str | None = None
    action: str | None = None
    detail: str | None = None
    request_text: str | None = None
    response_text: str | None = None
    certificates: tuple[dict[str, Any], ...] = ()
    root: str | None = None
    timings: tuple[tuple[str, float], ...] = ()

    @property
    def total_ms(self) -> float | None:
        return dict(self.timings).get("total")

    @classmethod
    def of(cls, row: PncDiagnosticRecord, *, full: bool) -> DiagnosticView:
        words = reason_words(row.kind, row.outcome, row.reason_code)
        common: dict[str, Any] = {
            "id": row.id,
            "at": row.at,
            "kind": row.kind,
            "station_id": row.station_id,
            "ocpp_version": row.ocpp_version,
            "pcid": row.pcid,
            "emaid": row.emaid,
            "outcome": row.outcome,
            "status": row.status,
            "reason_code": row.reason_code,
            "reason": words,
            "full": full,
        }
        if not full:
            return cls(**common)
        return cls(
            **common,
            request_id=row.request_id,
            action=row.action,
            detail=row.detail,
            request_text=row.request_text,
            response_text=row.response_text,
            certificates=tuple(row.certificates or ()),
            root=row.root,
            timings=tuple((str(k), float(v)) for k, v in (row.timings or {}).items()),
        )


@dataclass(frozen=True)
class KindFigures:
    total: int
    refused: int

    @property
    def failure_rate(self) -> float | None:
        return self.refused / self.total if self.total else None


class PncDiagnostics:
    def __init__(self, access: AccessControl, contracts: OwnedCarsAndContracts) -> None:
        self._access = access
        self._contracts = contracts

    def search(
        self, session: Session, principal: Principal, query: DiagnosticsQuery
    ) -> list[DiagnosticView]:
        """Records matching `query`, newest first, one bounded page."""
        grant = self._access.require(principal, PNC_DIAGNOSTICS_READ)
        rows = select(PncDiagnosticRecord)
        rows = self._scoped(grant, rows)
        rows = _matching(rows, query)
        limit = max(1, min(query.limit, MAX_PAGE))
        found = session.scalars(
            rows.order_by(PncDiagnosticRecord.at.desc(), PncDiagnosticRecord.id.desc())
            .limit(limit)
            .offset(max(0, query.offset))
        )
        full = grant.scope is not Scope.OWN
        return [DiagnosticView.of(row, full=full) for row in found]

    def find(
        self, session: Session, principal: Principal, wanted: ListRequest
    ) -> Page[DiagnosticView]:
        """A page of records in the caller's scope, as every list reads (auth/listing.py):
        filters pcid, emaid, station_id, kind, outcome, since, until; newest first."""
        grant = self._access.require(principal, PNC_DIAGNOSTICS_READ)
        rows = self._scoped(grant, select(PncDiagnosticRecord))
        full = grant.scope is not Scope.OWN
        return DIAGNOSTICS_SPEC.page(session, rows, wanted).map(
            lambda row: DiagnosticView.of(row, full=full)
        )

    def get(self, session: Session, principal: Principal, record_id: int) -> DiagnosticView:
        grant = self._access.require(principal, PNC_DIAGNOSTICS_READ)
        if not 1 <= record_id <= MAX_ID:  # beyond the column: no such record, not an error
            raise UnknownDiagnostic(f"no diagnostics record {record_id}")
        rows = self._scoped(grant, select(PncDiagnosticRecord)).where(
            PncDiagnosticRecord.id == record_id
        )
        row = session.scalar(rows)
        if row is None:
            raise UnknownDiagnostic(f"no diagnostics record {record_id}")
        return DiagnosticView.of(row, full=grant.scope is not Scope.OWN)

    def _scoped(self, grant: Grant, rows: Select[Any]) -> Select[Any]:
        if grant.scope is Scope.ANY:
            return rows
        if grant.scope is Scope.TENANT:
            rows = rows.join(StationRecord, StationRecord.id == PncDiagnosticRecord.station_id)
            return grant.filter(rows, partner_column=StationRecord.partner)
        principal = grant.principal
        if principal.is_anonymous:
            return rows.where(false())
        return rows.where(
            or_(
                PncDiagnosticRecord.emaid.in_(self._contracts.emaids_owned_by(principal.username)),
                PncDiagnosticRecord.pcid.in_(self._contracts.pcids_owned_by(principal.username)),
            )
        )


def _matching(rows: Select[Any], query: DiagnosticsQuery) -> Select[Any]:
    record = PncDiagnosticRecord
    if query.pcid:
        rows = rows.where(record.pcid == query.pcid.strip().upper())
    if query.emaid:
        rows = rows.where(record.emaid == _emaid_key(query.emaid))
    if query.station_id:
        rows = rows.where(record.station_id == query.station_id.strip())
    if query.kind:
        rows = rows.where(record.kind == query.kind if query.kind in KINDS else false())
    if query.outcome:
        rows = rows.where(record.outcome == query.outcome if query.outcome in OUTCOMES else false())
    if query.since is not None:
        rows = rows.where(record.at >= _aware(query.since))
    if query.until is not None:
        rows = rows.where(record.at < _aware(query.until))
    return rows


def _aware(moment: datetime) -> datetime:
    """A time without a zone is UTC (as the API documents every time)."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def _emaid_key(text: str) -> str:
    """eMAIDs are stored normalised (upper case, no separators, as contracts keep them)."""
    return text.strip().upper().replace("-", "").replace(" ", "")


def figures(
    session: Session, station_ids: Sequence[str], since: datetime
) -> dict[str, KindFigures]:
    """Records per kind at these stations since `since`, and how many were not accepted
    (for the overview, whose caller already decided which stations it may count)."""
    if not station_ids:
        return {}
    record = PncDiagnosticRecord
    rows = session.execute(
        select(record.kind, record.outcome, func.count())
        .where(record.station_id.in_(list(station_ids)), record.at >= since)
        .group_by(record.kind, record.outcome)
    ).all()
    totals: dict[str, list[int]] = {}
    for kind, outcome, count in rows:
        entry = totals.setdefault(str(kind), [0, 0])
        entry[0] += int(count)
        if outcome != "accepted":
            entry[1] += int(count)
    return {kind: KindFigures(total, refused) for kind, (total, refused) in totals.items()}


def _by_pcid(rows: Select[Any], pcid: str) -> Select[Any]:
    return rows.where(PncDiagnosticRecord.pcid == pcid.strip().upper())


def _by_emaid(rows: Select[Any], emaid: str) -> Select[Any]:
    return rows.where(PncDiagnosticRecord.emaid == _emaid_key(emaid))


DIAGNOSTICS_SPEC = ListSpec(
    fields={
        "at": Field(PncDiagnosticRecord.at, natural_descending=True),
        "station_id": Field(PncDiagnosticRecord.station_id, filter="exact"),
        "kind": Field(PncDiagnosticRecord.kind, filter="choice", choices=KINDS),
        "outcome": Field(PncDiagnosticRecord.outcome, filter="choice", choices=OUTCOMES),
        "since": Field(PncDiagnosticRecord.at, sortable=False, filter="since"),
        "until": Field(PncDiagnosticRecord.at, sortable=False, filter="until"),
    },
    search=(PncDiagnosticRecord.pcid, PncDiagnosticRecord.emaid, PncDiagnosticRecord.station_id),
    default_sort="at",
    tiebreak=PncDiagnosticRecord.id,
    custom_filters={"pcid": (None, _by_pcid), "emaid": (None, _by_emaid)},
)
