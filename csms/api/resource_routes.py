"""Stations, charging sessions, contracts and certificates, each filtered by tenant and owner
in SQL. The tables belong to csms/ocpp, contracts/ and pki/; this module only decides who
sees which rows of them."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel, Field
from sqlalchemy import select

from contracts.errors import ContractError
from contracts.models import Contract
from contracts.wiring import contracts_of
from csms.ocpp.db import ConnectorStatusRecord, StationRecord, TransactionRecord
from csms.ocpp.stations import StationError, StationRegistry
from pki.db import CertificateRecord
from pki.errors import PkiError

from .deps import Principal, authorize, in_scope, permits, product_of, scope_query
from .schemas import CONFLICT, ERRORS, NOT_FOUND

router = APIRouter(responses=ERRORS)
Limit = Annotated[int, Query(ge=1, le=1000)]
Offset = Annotated[int, Query(ge=0, le=10_000_000)]
StationId = Annotated[str, Path(min_length=1, max_length=48)]
# Certificates a technician may see and revoke: the stations' own (OCPP and ISO 15118 SECC).
STATION_PROFILES = ("charging-station", "secc", "secc-20")


# --- stations ----------------------------------------------------------------------------


class ConnectorOut(BaseModel):
    evse_id: int
    connector_id: int
    status: str
    reported_at: datetime


class StationOut(BaseModel):
    id: str
    partner: str | None
    security_profile: int
    enabled: bool
    boot_status: str | None
    last_seen_at: datetime | None
    connectors: list[ConnectorOut] = []
    password: str | None = Field(default=None, description="only in the answer that created it")


class PublicStationOut(BaseModel):
    """What anyone may know: no owner, no credentials."""

    id: str
    available: bool
    connectors: list[ConnectorOut]


class StationIn(BaseModel):
    id: str = Field(min_length=1, max_length=48)
    security_profile: int = Field(default=2, ge=1, le=3)
    partner: str | None = Field(default=None, max_length=128)


def _connectors(session: Any, station_ids: list[str]) -> dict[str, list[ConnectorOut]]:
    found: dict[str, list[ConnectorOut]] = {sid: [] for sid in station_ids}
    if station_ids:
        rows = session.scalars(
            select(ConnectorStatusRecord)
            .where(ConnectorStatusRecord.station_id.in_(station_ids))
            .order_by(ConnectorStatusRecord.evse_id, ConnectorStatusRecord.connector_id)
        )
        for row in rows:
            found[row.station_id].append(
                ConnectorOut(
                    evse_id=row.evse_id,
                    connector_id=row.connector_id,
                    status=row.status,
                    reported_at=row.reported_at,
                )
            )
    return found


def _station_out(record: StationRecord, connectors: list[ConnectorOut]) -> StationOut:
    return StationOut(
        id=record.id,
        partner=record.partner,
        security_profile=record.security_profile,
        enabled=record.enabled,
        boot_status=record.boot_status,
        last_seen_at=record.last_seen_at,
        connectors=connectors,
    )


@router.get("/api/stations", tags=["stations"], response_model=list[StationOut])
async def list_stations(
    request: Request,
    principal: Annotated[Principal, Depends(authorize("stations", "read"))],
    limit: Limit = 100,
    offset: Offset = 0,
) -> list[StationOut]:
    factory = product_of(request).session_factory

    def load() -> list[StationOut]:
        query = scope_query(
            select(StationRecord).order_by(StationRecord.id),
            principal,
            partner_column=StationRecord.partner,
        )
        with factory() as session:
            records = list(session.scalars(query.limit(limit).offset(offset)))
            connectors = _connectors(session, [r.id for r in records])
            return [_station_out(r, connectors[r.id]) for r in records]

    return await run_in_threadpool(load)


@router.get(
    "/api/stations/{station_id}",
    tags=["stations"],
    response_model=StationOut,
    responses=NOT_FOUND,
)
async def get_station(
    request: Request,
    station_id: StationId,
    principal: Annotated[Principal, Depends(authorize("stations", "read"))],
) -> StationOut:
    factory = product_of(request).session_factory

    def load() -> StationOut | None:
        query = scope_query(
            select(StationRecord).where(StationRecord.id == station_id),
            principal,
            partner_column=StationRecord.partner,
        )
        with factory() as session:
            record = session.scalar(query)
            if record is None:
                return None
            return _station_out(record, _connectors(session, [record.id])[record.id])

    found = await run_in_threadpool(load)
    if found is None:  # another tenant's station looks exactly like a missing one
        raise HTTPException(404, f"no station {station_id}")
    return found


@router.post(
    "/api/stations",
    tags=["stations"],
    status_code=201,
    response_model=StationOut,
    responses=CONFLICT,
)
async def create_station(
    request: Request,
    body: StationIn,
    principal: Annotated[Principal, Depends(authorize("stations", "create"))],
) -> StationOut:
    """Register a station; for security profiles 1 and 2 the generated password is in this
    answer only (the database keeps its argon2id hash)."""
    partner = body.partner
    if principal.scope == "tenant":
        partner = partner or principal.partner
    if not in_scope(principal, partner=partner):
        raise HTTPException(403, "stations can be registered only for your own partner")
    product = product_of(request)
    server = product.extras.get("ocpp")
    registry = getattr(server, "registry", None) or StationRegistry(product.session_factory)

    def create() -> StationOut:
        station, generated = registry.add(
            body.id, security_profile=body.security_profile, partner=partner
        )
        with product.session_factory() as session:
            record = session.get(StationRecord, station.id)
            assert record is not None
            out = _station_out(record, [])
        out.password = generated
        return out

    try:
        return await run_in_threadpool(create)
    except StationError as exc:
        raise HTTPException(409 if "exists" in str(exc) else 400, str(exc)) from None


@router.get("/api/public/stations", tags=["public"], response_model=list[PublicStationOut])
async def public_stations(
    request: Request,
    principal: Annotated[Principal, Depends(authorize("public_stations", "read"))],
    limit: Limit = 500,
    offset: Offset = 0,
) -> list[PublicStationOut]:
    factory = product_of(request).session_factory

    def load() -> list[PublicStationOut]:
        query = (
            select(StationRecord.id)
            .where(StationRecord.enabled.is_(True))
            .order_by(StationRecord.id)
            .limit(limit)
            .offset(offset)
        )
        with factory() as session:
            ids = list(session.scalars(query))
            connectors = _connectors(session, ids)
        return [
            PublicStationOut(
                id=sid,
                available=any(c.status == "Available" for c in connectors[sid]),
                connectors=connectors[sid],
            )
            for sid in ids
        ]

    return await run_in_threadpool(load)


# --- charging sessions -------------------------------------------------------------------


class SessionOut(BaseModel):
    station_id: str
    transaction_id: str
    state: str
    started_at: datetime
    ended_at: datetime | None
    id_token: str | None
    meter_start_wh: float | None
    meter_last_wh: float | None


@router.get("/api/sessions", tags=["sessions"], response_model=list[SessionOut])
async def list_sessions(
    request: Request,
    principal: Annotated[Principal, Depends(authorize("sessions", "read"))],
    limit: Limit = 100,
    offset: Offset = 0,
) -> list[SessionOut]:
    """Charging sessions: a partner's are those at its stations; a driver's are those
    authorized with one of their contracts' eMAIDs."""
    factory = product_of(request).session_factory

    def load() -> list[SessionOut]:
        query = select(TransactionRecord).order_by(TransactionRecord.id.desc())
        if principal.scope == "tenant":
            query = query.join(StationRecord, StationRecord.id == TransactionRecord.station_id)
            query = scope_query(query, principal, partner_column=StationRecord.partner)
        elif principal.scope == "own":
            own = scope_query(select(Contract.emaid), principal, owner_column=Contract.owner)
            query = query.where(TransactionRecord.id_token.in_(own))
        elif principal.scope != "any":
            return []
        with factory() as session:
            return [
                SessionOut(
                    station_id=r.station_id,
                    transaction_id=r.transaction_id,
                    state=r.state,
                    started_at=r.started_at,
                    ended_at=r.ended_at,
                    id_token=r.id_token,
                    meter_start_wh=r.meter_start_wh,
                    meter_last_wh=r.meter_last_wh,
                )
                for r in session.scalars(query.limit(limit).offset(offset))
            ]

    return await run_in_threadpool(load)


# --- contracts ---------------------------------------------------------------------------


class ContractOut(BaseModel):
    emaid: str
    owner: str
    partner: str | None
    status: str
    valid_from: datetime
    valid_until: datetime


class ContractIn(BaseModel):
    pcid: str = Field(min_length=17, max_length=18, description="the car's PCID")
    owner: str | None = Field(
        default=None, max_length=128, description="admins only; default: the caller"
    )


def _contract_out(c: Contract) -> ContractOut:
    return ContractOut(
        emaid=c.emaid,
        owner=c.owner,
        partner=c.partner,
        status=c.status,
        valid_from=c.valid_from,
        valid_until=c.valid_until,
    )


EmaidPath = Annotated[str, Path(min_length=1, max_length=32)]


@router.get("/api/contracts", tags=["contracts"], response_model=list[ContractOut])
async def list_contracts(
    request: Request,
    principal: Annotated[Principal, Depends(authorize("contracts", "read"))],
    limit: Limit = 100,
    offset: Offset = 0,
) -> list[ContractOut]:
    factory = product_of(request).session_factory

    def load() -> list[ContractOut]:
        query = scope_query(
            select(Contract).order_by(Contract.id.desc()),
            principal,
            partner_column=Contract.partner,
            owner_column=Contract.owner,
        )
        with factory() as session:
            return [_contract_out(c) for c in session.scalars(query.limit(limit).offset(offset))]

    return await run_in_threadpool(load)


def _normalized_emaid(request: Request, emaid: str) -> str:
    try:
        return str(contracts_of(product_of(request)).service.registry.imported(emaid)[0].normalized)
    except ContractError as exc:
        raise HTTPException(404, f"no contract {emaid[:32]}: {exc}") from None


async def _visible_contract(request: Request, principal: Principal, emaid: str) -> Contract:
    key = _normalized_emaid(request, emaid)
    factory = product_of(request).session_factory

    def load() -> Contract | None:
        query = scope_query(
            select(Contract).where(Contract.emaid == key),
            principal,
            partner_column=Contract.partner,
            owner_column=Contract.owner,
        )
        with factory() as session:
            return session.scalar(query)

    contract = await run_in_threadpool(load)
    if contract is None:
        raise HTTPException(404, f"no contract {key}")
    return contract


@router.get(
    "/api/contracts/{emaid}", tags=["contracts"], response_model=ContractOut, responses=NOT_FOUND
)
async def get_contract(
    request: Request,
    emaid: EmaidPath,
    principal: Annotated[Principal, Depends(authorize("contracts", "read"))],
) -> ContractOut:
    return _contract_out(await _visible_contract(request, principal, emaid))


@router.post(
    "/api/contracts",
    tags=["contracts"],
    status_code=201,
    response_model=ContractOut,
    responses=CONFLICT,
)
async def create_contract(
    request: Request,
    body: ContractIn,
    principal: Annotated[Principal, Depends(authorize("contracts", "create"))],
) -> ContractOut:
    """A contract for a car (PCID); drivers create them for themselves only."""
    owner = body.owner or principal.username
    if not in_scope(principal, owner=owner, partner=principal.partner):
        raise HTTPException(403, "contracts can be created only for yourself")
    service = contracts_of(product_of(request)).service

    def create() -> Contract:
        return service.create(owner=owner, pcid=body.pcid, actor=principal.actor)

    try:
        return _contract_out(await run_in_threadpool(create))
    except ContractError as exc:
        raise HTTPException(409 if exc.code == "emaid_taken" else 400, str(exc)) from None


@router.post(
    "/api/contracts/{emaid}/terminate",
    tags=["contracts"],
    response_model=ContractOut,
    responses={**NOT_FOUND, **CONFLICT},
)
async def terminate_contract(
    request: Request,
    emaid: EmaidPath,
    principal: Annotated[Principal, Depends(authorize("contracts", "terminate"))],
) -> ContractOut:
    """Terminate a contract; its certificates are revoked at once."""
    contract = await _visible_contract(request, principal, emaid)
    service = contracts_of(product_of(request)).service
    try:
        done, _revoked = await run_in_threadpool(
            lambda: service.terminate(contract.emaid, actor=principal.actor)
        )
    except ContractError as exc:
        raise HTTPException(409, str(exc)) from None
    return _contract_out(done)


# --- certificates ------------------------------------------------------------------------


class CertificateOut(BaseModel):
    serial: str
    profile: str
    issuer: str | None
    subject: str
    status: str
    not_before: datetime
    not_after: datetime
    revoked_at: datetime | None
    revocation_reason: str | None


class RevokeIn(BaseModel):
    reason: str | None = Field(default=None, max_length=32)


def _certificate_out(r: CertificateRecord) -> CertificateOut:
    return CertificateOut(
        serial=r.serial_hex,
        profile=r.profile,
        issuer=r.issuer_ca,
        subject=r.subject,
        status="revoked" if r.revoked_at else r.status,
        not_before=r.not_before,
        not_after=r.not_after,
        revoked_at=r.revoked_at,
        revocation_reason=r.revocation_reason,
    )


@router.get("/api/certificates", tags=["certificates"], response_model=list[CertificateOut])
async def list_certificates(
    request: Request,
    principal: Annotated[Principal, Depends(authorize("station_certificates", "read"))],
    limit: Limit = 100,
    offset: Offset = 0,
) -> list[CertificateOut]:
    """Issued certificates, newest first: every one for admins, the stations' for those who
    may read only `station_certificates` (technicians)."""
    everything = permits(request, principal, "certificates", "read") == "any"
    factory = product_of(request).session_factory

    def load() -> list[CertificateOut]:
        query = select(CertificateRecord).order_by(CertificateRecord.id.desc())
        if not everything:
            query = query.where(CertificateRecord.profile.in_(STATION_PROFILES))
        with factory() as session:
            return [_certificate_out(r) for r in session.scalars(query.limit(limit).offset(offset))]

    return await run_in_threadpool(load)


@router.post(
    "/api/certificates/{serial}/revoke",
    tags=["certificates"],
    response_model=CertificateOut,
    responses={**NOT_FOUND, **CONFLICT},
)
async def revoke_certificate(
    request: Request,
    serial: Annotated[str, Path(pattern=r"^[0-9A-Fa-f:]{1,64}$")],
    body: RevokeIn,
    principal: Annotated[Principal, Depends(authorize("station_certificates", "revoke"))],
) -> CertificateOut:
    from pki.issuance import parse_serial, serial_to_hex

    product = product_of(request)
    try:
        number = parse_serial(serial)
    except (PkiError, ValueError):
        raise HTTPException(400, f"{serial!r} is not a hexadecimal serial") from None
    with product.session_factory() as session:
        record = session.scalar(
            select(CertificateRecord).where(CertificateRecord.serial_hex == serial_to_hex(number))
        )
    if record is None:
        raise HTTPException(404, f"no certificate {serial}")
    if record.profile not in STATION_PROFILES and (
        permits(request, principal, "certificates", "revoke") != "any"
    ):
        raise HTTPException(403, "you may revoke station certificates only")
    try:
        await run_in_threadpool(
            lambda: product.ca.revoke(number, reason=body.reason, actor=principal.actor)
        )
    except PkiError as exc:
        code = getattr(exc, "code", "")
        raise HTTPException(409 if "revoked" in code else 400, str(exc)) from None
    with product.session_factory() as session:
        fresh = session.get(CertificateRecord, record.id)
        assert fresh is not None
        return _certificate_out(fresh)
