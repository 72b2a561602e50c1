"""Public PKI endpoints: the CA certificates, their CRLs, and OCSP (RFC 6960 POST, RFC 5019
GET) for requests the connection-level front (csms/ocsp_front.py) leaves to the full HTTP
stack. Nobody logs in for these: cars and stations fetch them."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from cryptography.hazmat.primitives import serialization
from fastapi import APIRouter, Depends, HTTPException, Query, Request, Response
from fastapi.concurrency import run_in_threadpool

from auth.principal import Principal
from pki.errors import PkiError
from pki.ocsp import MAX_REQUEST_BYTES, request_from_url_path

from .. import metrics
from ..web.context import container_of, in_transaction
from ..web.identity import principal_of
from .schemas import CONFLICT, ERRORS, snake_keys

OCSP_RESPONSE_TYPE = "application/ocsp-response"
OCSP_REQUEST_TYPE = "application/ocsp-request"

router = APIRouter(tags=["pki"])


@router.post("/ocsp", response_class=Response)
async def ocsp_post(request: Request) -> Response:
    content_type = request.headers.get("content-type", "")
    if content_type and not content_type.startswith(OCSP_REQUEST_TYPE):
        raise HTTPException(415, f"Content-Type must be {OCSP_REQUEST_TYPE}")
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_REQUEST_BYTES:
            raise HTTPException(413, "OCSP requests are at most 16 KiB")
    # In a worker thread: one database read and, at most, one signature (maybe in an HSM).
    respond = container_of(request).ocsp.respond
    answer = await run_in_threadpool(metrics.ocsp_answer, respond, bytes(body), path="api")
    return Response(answer, media_type=OCSP_RESPONSE_TYPE)


@router.get("/ocsp/{encoded:path}", response_class=Response)
async def ocsp_get(request: Request, encoded: str) -> Response:
    ocsp = container_of(request).ocsp
    answer = await run_in_threadpool(
        metrics.ocsp_answer, ocsp.respond, request_from_url_path(encoded), path="api"
    )
    return Response(answer, media_type=OCSP_RESPONSE_TYPE, headers={"Cache-Control": "max-age=60"})


@router.get("/pki/ca")
def list_cas(request: Request) -> list[dict[str, str]]:
    return [
        {
            "name": name,
            "profile": authority.profile.name,
            "subject": authority.certificate.subject.rfc4514_string(),
            "not_after": authority.certificate.not_valid_after_utc.isoformat(),
            "certificate": f"/pki/ca/{name}.pem",
            "crl": f"/pki/crl/{name}.crl" if authority.profile.ca else "",
        }
        for name, authority in sorted(container_of(request).pki.authorities().items())
    ]


@router.get("/pki/ca/{name}.pem", response_class=Response)
def ca_certificate(request: Request, name: str) -> Response:
    try:
        cert = container_of(request).ca.authority(name).certificate
    except PkiError as exc:
        raise HTTPException(404, str(exc)) from None
    return Response(
        cert.public_bytes(serialization.Encoding.PEM), media_type="application/x-pem-file"
    )


@router.get("/pki/crl/{name}.crl", response_class=Response)
async def crl(request: Request, name: str) -> Response:
    pki = container_of(request).pki
    try:
        found = await in_transaction(request, lambda s: pki.crl(s, name))
    except PkiError as exc:
        raise HTTPException(404, str(exc)) from None
    return Response(
        found.public_bytes(serialization.Encoding.DER), media_type="application/pkix-crl"
    )


# --- expiry of every certificate the network depends on (csms/ocpp/expiry.py) ---------------


async def _caller(request: Request) -> Principal:
    """Identified only: what the caller may see is the expiry watch's own decision."""
    return await principal_of(request)


@router.get("/api/v1/pki/expiry", responses=ERRORS)
async def certificate_expiry(
    request: Request,
    principal: Annotated[Principal, Depends(_caller)],
    within: Annotated[int | None, Query(ge=0, le=36500, description="days")] = None,
    band: Literal["expired", "7", "30", "90", "ok"] | None = None,
    kind: Literal["ca", "csms-server", "trust-anchor", "station"] | None = None,
) -> list[dict[str, Any]]:
    """Certificates with their expiry and band (expired, 7, 30, 90 days, ok), soonest first:
    the product's CAs and signers, the CSMS server certificates, active trust anchors and the
    stations' current certificates (operators and technicians: all; partners: their
    stations')."""
    expiry = container_of(request).ocpp.expiry
    return await in_transaction(
        request,
        lambda s: expiry.items(s, principal, within_days=within, band=band, kind=kind),
    )


# --- the CSMS root and its rotation (pki/csms_root.py, csms/ocpp/csms_root.py) ----------------


@router.get("/api/v1/pki/csms-root", responses=ERRORS)
async def csms_root_status(
    request: Request, principal: Annotated[Principal, Depends(_caller)]
) -> dict[str, Any]:
    """The CSMS root's generations, the rotation's next step and which stations on TLS do
    not yet hold the root that step relies on (admins)."""
    service = container_of(request).ocpp.csms_root
    return snake_keys(await in_transaction(request, lambda s: service.status(s, principal)))


@router.post("/api/v1/pki/csms-root/{step}", responses={**ERRORS, **CONFLICT})
async def csms_root_step(
    request: Request,
    principal: Annotated[Principal, Depends(_caller)],
    step: Literal["begin", "switch", "retire"],
    force: bool = False,
) -> dict[str, Any]:
    """One step of the rotation: `begin` makes the next root (stations are given it),
    `switch` serves a certificate under it, `retire` removes the old root from stations.
    `switch` and `retire` are refused (409 stations_not_ready) while a station on TLS lacks
    the root they rely on, unless `force`."""
    service = container_of(request).ocpp.csms_root
    return snake_keys(
        await in_transaction(request, lambda s: service.step(s, principal, step, force=force))
    )
