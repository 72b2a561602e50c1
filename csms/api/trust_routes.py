"""Trust anchors beside the product's own PKI (car makers' OEM roots, other mobility
operators', charge point operators'): the REST door onto pki.service.PkiService."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from fastapi import APIRouter, Path, Request, Response
from pydantic import BaseModel, Field

from auth.errors import NotFound
from auth.principal import Principal
from pki.service import TRUST_CREATE, TRUST_DELETE, TRUST_READ
from pki.trust import MAX_BUNDLE_BYTES, TrustImport

from ..web.context import container_of, in_transaction
from .deps import allowed
from .schemas import ERRORS, NOT_FOUND

router = APIRouter(responses=ERRORS)


class AnchorOut(BaseModel):
    kind: str
    role: str
    subject: str
    fingerprint: str
    root_fingerprint: str
    not_after: datetime
    added_at: datetime
    added_by: str


class BundleIn(BaseModel):
    kind: Literal["oem-root", "mo-root", "v2g-root", "cso-root"]
    pem: str = Field(
        min_length=1,
        max_length=MAX_BUNDLE_BYTES,
        description="one self-signed root and the CA certificates under it, in PEM",
    )


class ImportOut(BaseModel):
    kind: str
    root_fingerprint: str
    added: list[str]
    already_known: list[str]

    @classmethod
    def of(cls, done: TrustImport) -> ImportOut:
        return cls(
            kind=done.kind,
            root_fingerprint=done.root_fingerprint,
            added=list(done.added),
            already_known=list(done.already_known),
        )


Fingerprint = Annotated[str, Path(pattern=r"^[0-9A-Fa-f]{64}$")]


@router.get("/api/trust", tags=["trust"], response_model=list[AnchorOut])
async def list_anchors(
    request: Request, principal: Annotated[Principal, allowed(TRUST_READ)]
) -> list[AnchorOut]:
    pki = container_of(request).pki
    rows = await in_transaction(request, lambda s: pki.trust_anchors(s, principal))
    return [
        AnchorOut(
            kind=r.kind,
            role=r.role,
            subject=r.subject,
            fingerprint=r.fingerprint_sha256,
            root_fingerprint=r.root_fingerprint,
            not_after=r.not_after,
            added_at=r.added_at,
            added_by=r.added_by,
        )
        for r in rows
    ]


@router.post("/api/trust", tags=["trust"], status_code=201, response_model=ImportOut)
async def import_bundle(
    request: Request, body: BundleIn, principal: Annotated[Principal, allowed(TRUST_CREATE)]
) -> ImportOut:
    """Trust a root and its sub-CAs for `kind` (audited); 400 with the reason if the bundle
    is not one self-signed root with CA certificates under it."""
    pki = container_of(request).pki
    done = await in_transaction(
        request, lambda s: pki.add_trust_bundle(s, principal, body.pem.encode(), body.kind)
    )
    return ImportOut.of(done)


@router.delete("/api/trust/{fingerprint}", tags=["trust"], status_code=204, responses=NOT_FOUND)
async def remove_anchor(
    request: Request,
    fingerprint: Fingerprint,
    principal: Annotated[Principal, allowed(TRUST_DELETE)],
) -> Response:
    """Stop trusting an anchor (a root takes its sub-CAs along); 404 if none has this
    SHA-256 fingerprint."""
    pki = container_of(request).pki
    removed = await in_transaction(
        request, lambda s: pki.remove_trust_anchor(s, principal, fingerprint)
    )
    if removed == 0:
        raise NotFound(f"no trust anchor with fingerprint {fingerprint.lower()}")
    return Response(status_code=204)
