"""The API's documentation pages, served by the product itself: no CDN, so `/docs` (Swagger UI)
and `/redoc` (ReDoc) work on a network with no way out, as an operator's often is.

The JavaScript and CSS come from the `fastapi-offline` package (MIT), which ships Swagger UI's
and ReDoc's distribution files and nothing else we use; they are served from its package
directory under /docs-assets/. The OpenAPI document declares how to authenticate: an OAuth2
password flow against /api/v1/auth/token (Swagger UI's Authorize button logs in with a username
and password) and a plain bearer token (an access token, or the OCPP API token), either of
which a protected operation accepts; public operations (OCSP, CRLs, health) work without.
"""

from __future__ import annotations

from importlib import resources
from typing import Any

from fastapi import FastAPI
from fastapi.openapi.docs import (
    get_redoc_html,
    get_swagger_ui_html,
    get_swagger_ui_oauth2_redirect_html,
)
from fastapi.openapi.utils import get_openapi
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

ASSETS = "/docs-assets"
TOKEN_URL = "/api/v1/auth/token"  # noqa: S105 - a path, not a secret
SECURITY_SCHEMES: dict[str, Any] = {
    "password": {
        "type": "oauth2",
        "description": "Log in with a username and password (local accounts); the answer's "
        "access_token is then sent as `Authorization: Bearer …`.",
        "flows": {"password": {"tokenUrl": TOKEN_URL, "scopes": {}}},
    },
    "bearer": {
        "type": "http",
        "scheme": "bearer",
        "description": "An access token from /api/v1/auth/token (or MyID's login), or the OCPP "
        "API token (CSMS_OCPP_API_TOKEN) for machines.",
    },
}


# The pages may load only what the product serves: ReDoc's sidebar would otherwise fetch
# Redocly's logo from its CDN (it hides the image when that fails, but a closed network
# should not see the attempt). The inline scripts are FastAPI's page templates; ReDoc runs
# its search in a blob: worker.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
    "script-src 'self' 'unsafe-inline'; worker-src 'self' blob:; connect-src 'self'; "
    "font-src 'self' data:; frame-ancestors 'none'"
)


def _local_only(page: HTMLResponse) -> HTMLResponse:
    page.headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
    return page


def _assets_dir() -> str:
    return str(resources.files("fastapi_offline").joinpath("static"))


def install_api_docs(app: FastAPI) -> None:
    """/docs, /redoc and their assets, and the security schemes in /openapi.json. The app is
    made with docs_url=None and redoc_url=None (FastAPI's own pages load from a CDN)."""
    app.mount(ASSETS, StaticFiles(directory=_assets_dir()), name="docs-assets")
    oauth2_redirect = "/docs/oauth2-redirect"

    @app.get("/docs", include_in_schema=False)
    def swagger_ui() -> HTMLResponse:
        return _local_only(
            get_swagger_ui_html(
                openapi_url=app.openapi_url or "/openapi.json",
                title=f"{app.title}: API",
                swagger_js_url=f"{ASSETS}/swagger-ui-bundle.js",
                swagger_css_url=f"{ASSETS}/swagger-ui.css",
                swagger_favicon_url=f"{ASSETS}/favicon.png",
                oauth2_redirect_url=oauth2_redirect,
                swagger_ui_parameters={"persistAuthorization": False},
            )
        )

    @app.get(oauth2_redirect, include_in_schema=False)
    def swagger_ui_redirect() -> HTMLResponse:
        return get_swagger_ui_oauth2_redirect_html()

    @app.get("/redoc", include_in_schema=False)
    def redoc() -> HTMLResponse:
        return _local_only(
            get_redoc_html(
                openapi_url=app.openapi_url or "/openapi.json",
                title=f"{app.title}: API",
                redoc_js_url=f"{ASSETS}/redoc.standalone.js",
                redoc_favicon_url=f"{ASSETS}/favicon.png",
                with_google_fonts=False,
            )
        )

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = get_openapi(
                title=app.title,
                version=app.version,
                summary=app.summary,
                description=app.description,
                routes=app.routes,
            )
            schema.setdefault("components", {})["securitySchemes"] = SECURITY_SCHEMES
            # Either scheme, or none: which operations need a caller, and which role, is the
            # policy's decision (401/403 answers are documented per operation).
            schema["security"] = [{"password": []}, {"bearer": []}, {}]
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
