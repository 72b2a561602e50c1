"""Trust anchors beside the product's own PKI (car makers' OEM roots, other mobility
operators', charge point operators'): the REST door onto pki.service.PkiService."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from fastapi import APIRouter, Path, Request, Response
from pydantic import BaseModel, Field

from auth.errors import NotFound
from auth.principal import Principal
from pki.db import TrustAnchorRecord
from pki.service import AUTHORITIES_CREATE, TRUST_CREATE, TRUST_DELETE, TRUST_READ, TRUST_UPDATE
from pki.trust import MAX_BUNDLE_BYTES, MAX_REASON_CHARACTERS, TrustImport

from ..opcp.rcp import sync_root_pool
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
    not_before: datetime
    not_after: datetime
    added_at: datetime
    added_by: str
    source: str = Field(description="file | rcp | cross")
    state: str = Field(description="active | distrusted")
    state_reason: str | None = None
    state_by: str | None = None
    state_at: datetime | None = None

    @classmethod
    def of(cls, r: TrustAnchorRecord) -> AnchorOut:
        return cls(
            kind=r.kind,
            role=r.role,
            subject=r.subject,
            fingerprint=r.fingerprint_sha256,
            root_fingerprint=r.root_fingerprint,
            not_before=r.not_before,
            not_after=r.not_after,
            added_at=r.added_at,
            added_by=r.added_by,
            source=r.source,
            state=r.state,
            state_reason=r.state_reason,
            state_by=r.state_by,
            state_at=r.state_at,
        )


class DistrustIn(BaseModel):
    reason: str = Field(min_length=1, max_length=MAX_REASON_CHARACTERS)


class PemIn(BaseModel):
    pem: str = Field(min_length=1, max_length=MAX_BUNDLE_BYTES, description="one PEM certificate")


class CaCertificateOut(BaseModel):
    ca: str
    kind: str
    fingerprint: str
    root_subject: str
    already_known: bool


class CrossOut(BaseModel):
    direction: str = Field(description="own-key: the product's root under another; their-key")
    fingerprint: str
    subject: str
    issuer: str


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


@router.get("/api/v1/trust", tags=["trust"], response_model=list[AnchorOut])
async def list_anchors(
    request: Request, principal: Annotated[Principal, allowed(TRUST_READ)]
) -> list[AnchorOut]:
    pki = container_of(request).pki
    rows = await in_transaction(request, lambda s: pki.trust_anchors(s, principal))
    return [AnchorOut.of(r) for r in rows]


@router.post("/api/v1/trust", tags=["trust"], status_code=201, response_model=ImportOut)
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


@router.delete("/api/v1/trust/{fingerprint}", tags=["trust"], status_code=204, responses=NOT_FOUND)
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


@router.post(
    "/api/v1/trust/{fingerprint}/distrust",
    tags=["trust"],
    response_model=AnchorOut,
    responses=NOT_FOUND,
)
async def distrust_anchor(
    request: Request,
    fingerprint: Fingerprint,
    body: DistrustIn,
    principal: Annotated[Principal, allowed(TRUST_UPDATE)],
) -> AnchorOut:
    """Take an anchor (a root: with everything under it) out of every path validation
    (audited, with the reason); 404 for an unknown fingerprint, 400 if distrusted already."""
    pki = container_of(request).pki
    row = await in_transaction(
        request,
        lambda s: AnchorOut.of(pki.distrust_anchor(s, principal, fingerprint, reason=body.reason)),
    )
    return row


@router.post(
    "/api/v1/trust/{fingerprint}/restore",
    tags=["trust"],
    response_model=AnchorOut,
    responses=NOT_FOUND,
)
async def restore_anchor(
    request: Request,
    fingerprint: Fingerprint,
    principal: Annotated[Principal, allowed(TRUST_UPDATE)],
) -> AnchorOut:
    """Trust a distrusted anchor again (audited)."""
    pki = container_of(request).pki
    return await in_transaction(
        request, lambda s: AnchorOut.of(pki.restore_anchor(s, principal, fingerprint))
    )


@router.post("/api/v1/trust/cross", tags=["trust"], status_code=201, response_model=CrossOut)
async def import_cross(
    request: Request, body: PemIn, principal: Annotated[Principal, allowed(TRUST_CREATE)]
) -> CrossOut:
    """A cross-certificate between one of the product's roots and another root."""
    pki = container_of(request).pki
    done = await in_transaction(
        request, lambda s: pki.import_cross_certificate(s, principal, body.pem.encode())
    )
    return CrossOut(
        direction=done.direction,
        fingerprint=done.fingerprint,
        subject=done.subject,
        issuer=done.issuer,
    )


CaName = Annotated[str, Path(pattern=r"^[a-z0-9-]{1,64}$")]


@router.get("/api/v1/pki/sub-ca/{name}/csr", tags=["trust"], responses=NOT_FOUND)
async def sub_ca_request(
    request: Request, name: CaName, principal: Annotated[Principal, allowed(AUTHORITIES_CREATE)]
) -> Response:
    """A PEM CSR for the product CA `name`'s existing key (signed in the key store)."""
    pki = container_of(request).pki
    csr = await in_transaction(request, lambda s: pki.sub_ca_request(s, principal, name))
    return Response(csr, media_type="application/pkcs10")


@router.post(
    "/api/v1/pki/sub-ca/{name}/certificates",
    tags=["trust"],
    status_code=201,
    response_model=CaCertificateOut,
    responses=NOT_FOUND,
)
async def sub_ca_import(
    request: Request,
    name: CaName,
    body: PemIn,
    principal: Annotated[Principal, allowed(AUTHORITIES_CREATE)],
) -> CaCertificateOut:
    """The certificate an external root signed for CA `name`: checked, stored, audited."""
    pki = container_of(request).pki
    done = await in_transaction(
        request, lambda s: pki.import_sub_ca_certificate(s, principal, name, body.pem.encode())
    )
    return CaCertificateOut(
        ca=done.ca_name,
        kind=done.kind,
        fingerprint=done.fingerprint,
        root_subject=done.root_subject,
        already_known=done.already_known,
    )


class RcpSyncOut(BaseModel):
    added: list[str]
    already_known: list[str]
    skipped: list[str] = Field(description="roots not imported, each with its reason")


@router.post(
    "/api/v1/trust/sync-rcp",
    tags=["trust"],
    response_model=RcpSyncOut,
    responses={502: {"description": "the Root Certificate Pool could not be asked"}},
)
async def sync_rcp(
    request: Request, principal: Annotated[Principal, allowed(TRUST_CREATE)]
) -> RcpSyncOut:
    """Import the Open Plug & Charge Root Certificate Pool's roots (source "rcp"); 400
    [opcp_off] when OPCP is not configured, 502 when the pool cannot be asked."""
    container = container_of(request)
    report = await in_transaction(
        request, lambda s: sync_root_pool(s, container.pki, principal, container.opcp)
    )
    return RcpSyncOut(
        added=report.added, already_known=report.already_known, skipped=report.skipped
    )
