"""The ASGI application: the REST API, the public PKI endpoints and the web console, over one
container. `csms serve` puts the OCSP front (csms/ocsp_front.py) in front of it."""

from __future__ import annotations

from fastapi import FastAPI

from .api import mount_api
from .console import mount as mount_console
from .container import Container
from .web.cookies import install_session_cookie
from .web.myid import MyIdFlow


def create_app(container: Container) -> FastAPI:
    app = FastAPI(
        title="UzPnC CSMS",
        summary="Plug & Charge back end: ISO 15118 PKI, contract service, OCPP 2.0.1 CSMS core",
        version="0.1.0",
    )
    app.state.container = container
    app.state.myid = MyIdFlow(container.settings)
    install_session_cookie(app, container.settings)
    mount_api(app)  # people and permissions, PKI, OCPP, contracts, certificates
    mount_console(app)  # the web console (csms/console), on the same services

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

    return app
