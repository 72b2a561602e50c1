"""Plug & Charge diagnostics: the REST door onto the OCPP core's PncDiagnostics
(csms/ocpp/diagnostics_service.py), which decides who reads which records and how much of
them (drivers: what happened and why, in plain words)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Query, Request
from pydantic import BaseModel, Field

from auth.principal import Principal

from ..ocpp import limits
from ..ocpp.diagnostics_service import (
    MAX_ID,
    MAX_PAGE,
    PNC_DIAGNOSTICS_READ,
    DiagnosticsQuery,
    DiagnosticView,
)
from ..web.context import container_of, in_transaction
from .deps import allowed
from .schemas import ERRORS, NOT_FOUND, Offset

router = APIRouter(responses=ERRORS, tags=["pnc-diagnostics"])
Kind = Literal["installation", "authorize", "certificate-status", "sign-certificate"]
Outcome = Literal["accepted", "refused", "error"]


class CertificateVerdictOut(BaseModel):
    subject: str
    issuer: str
    serial: str
    not_before: str
    not_after: str
    validity: str = Field(description="valid | expired | not_yet_valid")
    profile: str | None = Field(description="null: within the ISO 15118 path rules")
    revocation: str = Field(description="good | revoked | unknown | error | not_checked")
    revocation_source: str | None
    anchor: bool = Field(description="the trust anchor the path ended at")


class DiagnosticOut(BaseModel):
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
    reason: str = Field(description="what happened and why, in plain words")
    full: bool = Field(description="false for drivers: only what happened and why")
    request_id: str | None = None
    action: str | None = None
    detail: str | None = None
    request: str | None = Field(default=None, description="the decoded request (JSON text)")
    response: str | None = Field(default=None, description="the decoded response (JSON text)")
    certificates: list[CertificateVerdictOut] = []
    root: str | None = None
    timings_ms: dict[str, float] = {}

    @classmethod
    def of(cls, view: DiagnosticView) -> DiagnosticOut:
        certificates: list[dict[str, Any]] = list(view.certificates)
        return cls(
            id=view.id,
            at=view.at,
            kind=view.kind,
            station_id=view.station_id,
            ocpp_version=view.ocpp_version,
            pcid=view.pcid,
            emaid=view.emaid,
            outcome=view.outcome,
            status=view.status,
            reason_code=view.reason_code,
            reason=view.reason,
            full=view.full,
            request_id=view.request_id,
            action=view.action,
            detail=view.detail,
            request=view.request_text,
            response=view.response_text,
            certificates=[CertificateVerdictOut(**c) for c in certificates],
            root=view.root,
            timings_ms=dict(view.timings),
        )


@router.get("/api/v1/pnc-diagnostics", response_model=list[DiagnosticOut])
async def search_diagnostics(
    request: Request,
    principal: Annotated[Principal, allowed(PNC_DIAGNOSTICS_READ)],
    pcid: Annotated[str | None, Query(max_length=64)] = None,
    emaid: Annotated[str | None, Query(max_length=64)] = None,
    station: Annotated[str | None, Query(max_length=limits.IDENTITY)] = None,
    kind: Kind | None = None,
    outcome: Outcome | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 50,
    offset: Offset = 0,
) -> list[DiagnosticOut]:
    """Plug & Charge diagnostics records, newest first: admins all, a partner those of its
    stations, a driver those of their own cars and contracts (plain words only)."""
    query = DiagnosticsQuery(
        pcid=pcid,
        emaid=emaid,
        station_id=station,
        kind=kind,
        outcome=outcome,
        since=since,
        until=until,
        limit=limit,
        offset=offset,
    )
    service = container_of(request).pnc_diagnostics
    found = await in_transaction(request, lambda s: service.search(s, principal, query))
    return [DiagnosticOut.of(v) for v in found]


@router.get(
    "/api/v1/pnc-diagnostics/{record_id}", response_model=DiagnosticOut, responses=NOT_FOUND
)
async def get_diagnostic(
    request: Request,
    principal: Annotated[Principal, allowed(PNC_DIAGNOSTICS_READ)],
    record_id: Annotated[int, Path(ge=1, le=MAX_ID)],
) -> DiagnosticOut:
    """One record in the caller's scope (404 alike for one outside it)."""
    service = container_of(request).pnc_diagnostics
    found = await in_transaction(request, lambda s: service.get(s, principal, record_id))
    return DiagnosticOut.of(found)
