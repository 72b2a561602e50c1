"""Issued certificates and their revocation: the REST door onto pki.service.PkiService."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Path, Request
from pydantic import BaseModel, Field

from auth.principal import Principal
from pki.service import STATION_CERTIFICATES_READ, STATION_CERTIFICATES_REVOKE, CertificateView

from ..web.context import container_of, in_transaction
from .deps import allowed
from .lists import Listing, PageOut
from .schemas import CONFLICT, ERRORS, NOT_FOUND

router = APIRouter(responses=ERRORS)


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

    @classmethod
    def of(cls, view: CertificateView) -> CertificateOut:
        return cls(**view.__dict__)


class RevokeIn(BaseModel):
    reason: str | None = Field(default=None, max_length=32)


@router.get(
    "/api/v1/certificates",
    tags=["certificates"],
    description="Filters: `issuer` (a CA's name), `profile`, `status` (reserved, issued, "
    "failed, revoked), `expires_after`/`expires_before`. Sort: created_at (newest first), "
    "not_after, serial, subject. Search: serial, subject, issuer.",
)
async def list_certificates(
    request: Request,
    principal: Annotated[Principal, allowed(STATION_CERTIFICATES_READ)],
    wanted: Listing,
) -> PageOut[CertificateOut]:
    """Issued certificates: every one for admins, the stations' for those who may read only
    `station_certificates` (technicians)."""
    pki = container_of(request).pki
    found = await in_transaction(request, lambda s: pki.find_certificates(s, principal, wanted))
    return PageOut.of(found, CertificateOut.of)


@router.post(
    "/api/v1/certificates/{serial}/revoke",
    tags=["certificates"],
    response_model=CertificateOut,
    responses={**NOT_FOUND, **CONFLICT},
)
async def revoke_certificate(
    request: Request,
    serial: Annotated[str, Path(pattern=r"^[0-9A-Fa-f:]{1,64}$")],
    body: RevokeIn,
    principal: Annotated[Principal, allowed(STATION_CERTIFICATES_REVOKE)],
) -> CertificateOut:
    pki = container_of(request).pki
    _info, view = await in_transaction(
        request, lambda s: pki.revoke(s, principal, serial, reason=body.reason)
    )
    return CertificateOut.of(view)
