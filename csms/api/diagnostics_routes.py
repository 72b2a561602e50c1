"""Plug & Charge diagnostics: the REST door onto the OCPP core's PncDiagnostics
(csms/ocpp/diagnostics_service.py), which decides who reads which records and how much of
them (drivers: what happened and why, in plain words)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Request
from pydantic import BaseModel, Field

from auth.principal import Principal

from ..ocpp.diagnostics_service import (
    MAX_ID,
    PNC_DIAGNOSTICS_READ,
    DiagnosticView,
)
from ..web.context import container_of, in_transaction
from .deps import allowed
from .lists import Listing, PageOut
from .schemas import ERRORS, NOT_FOUND

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


@router.get(
    "/api/v1/pnc-diagnostics",
    description="Filters: `pcid`, `emaid`, `station_id`, `kind` (installation, authorize, "
    "certificate-status, sign-certificate), `outcome` (accepted, refused, error), `since`/"
    "`until` (UTC days or ISO times). Sort: at (newest first). Search: PCID, eMAID, station.",
)
async def search_diagnostics(
    request: Request,
    principal: Annotated[Principal, allowed(PNC_DIAGNOSTICS_READ)],
    wanted: Listing,
) -> PageOut[DiagnosticOut]:
    """Plug & Charge diagnostics records, a page at a time: admins all, a partner those of its
    stations, a driver those of their own cars and contracts (plain words only)."""
    service = container_of(request).pnc_diagnostics
    found = await in_transaction(request, lambda s: service.find(s, principal, wanted))
    return PageOut.of(found, DiagnosticOut.of)


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
