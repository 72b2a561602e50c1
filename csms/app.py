"""The ASGI application: landing page, public PKI endpoints (OCSP, CRLs, CA certificates)."""

from __future__ import annotations

from cryptography.hazmat.primitives import serialization
from fastapi import FastAPI, HTTPException, Request, Response
from fastapi.concurrency import run_in_threadpool

from pki.errors import PkiError

from .api import mount_api
from .console import mount as mount_console
from .edge_errors import install_edge_error_handlers
from .ocpp.api import router as ocpp_router
from .ocsp_endpoint import OcspEndpoint, request_from_path
from .product import Product

OCSP_RESPONSE_TYPE = "application/ocsp-response"
OCSP_REQUEST_TYPE = "application/ocsp-request"


def create_app(product: Product) -> OcspEndpoint:
    """The whole ASGI application: the OCSP fast path in front of the API."""
    return OcspEndpoint(create_api(product), product.ocsp)


def create_api(product: Product) -> FastAPI:
    app = FastAPI(
        title="UzPnC CSMS",
        summary="Plug & Charge back end: ISO 15118 PKI, contract service, OCPP 2.0.1 CSMS core",
        version="0.1.0",
    )
    app.state.product = product
    install_edge_error_handlers(app)
    app.include_router(ocpp_router)
    mount_api(app, product)  # people and permissions: auth, users, policies, scoped views
    mount_console(app)  # the web console (csms/console), on the API's session and policy

    @app.get("/")
    def index() -> dict[str, object]:
        return {
            "product": "UzPnC CSMS",
            "links": {
                "openapi": "/openapi.json",
                "docs": "/docs",
                "health": "/health",
                "ocsp": "/ocsp",
                "ca_certificates": "/pki/ca",
            },
        }

    @app.get("/health")
    def health() -> dict[str, str]:
        return {"status": "ok"}

    # --- OCSP: RFC 6960 POST and RFC 5019 GET ---------------------------------------------
    # Served by csms.ocsp_endpoint in front of this app; these routes document the paths and
    # answer only when the API is mounted without that front.

    @app.post("/ocsp", response_class=Response)
    async def ocsp_post(request: Request) -> Response:
        body = await request.body()
        content_type = request.headers.get("content-type", "")
        if content_type and not content_type.startswith(OCSP_REQUEST_TYPE):
            raise HTTPException(415, f"Content-Type must be {OCSP_REQUEST_TYPE}")
        answer = await run_in_threadpool(product.ocsp.respond, body)
        return Response(answer, media_type=OCSP_RESPONSE_TYPE)

    @app.get("/ocsp/{encoded:path}", response_class=Response)
    async def ocsp_get(encoded: str) -> Response:
        answer = await run_in_threadpool(product.ocsp.respond, request_from_path(encoded))
        return Response(
            answer, media_type=OCSP_RESPONSE_TYPE, headers={"Cache-Control": "max-age=60"}
        )

    # --- CA certificates and CRLs ---------------------------------------------------------

    @app.get("/pki/ca")
    def list_cas() -> list[dict[str, str]]:
        return [
            {
                "name": name,
                "profile": authority.profile.name,
                "subject": authority.certificate.subject.rfc4514_string(),
                "not_after": authority.certificate.not_valid_after_utc.isoformat(),
                "certificate": f"/pki/ca/{name}.pem",
                "crl": f"/pki/crl/{name}.crl" if authority.profile.ca else "",
            }
            for name, authority in sorted(product.ca.authorities().items())
        ]

    @app.get("/pki/ca/{name}.pem", response_class=Response)
    def ca_certificate(name: str) -> Response:
        try:
            cert = product.ca.authority(name).certificate
        except PkiError as exc:
            raise HTTPException(404, str(exc)) from None
        return Response(
            cert.public_bytes(serialization.Encoding.PEM), media_type="application/x-pem-file"
        )

    @app.get("/pki/crl/{name}.crl", response_class=Response)
    def crl(name: str) -> Response:
        from pki.crl import build_crl

        try:
            crl = build_crl(product.ca, product.session_factory, name)
        except PkiError as exc:
            raise HTTPException(404, str(exc)) from None
        return Response(
            crl.public_bytes(serialization.Encoding.DER), media_type="application/pkix-crl"
        )

    return app
