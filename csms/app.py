"""The ASGI application: the REST API, the public PKI endpoints and the web console, over one
container. `csms serve` puts the OCSP front (csms/ocsp_front.py) in front of it."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.responses import JSONResponse, Response
from starlette.concurrency import run_in_threadpool

from . import metrics
from .api import mount_api
from .console import mount as mount_console
from .container import Container
from .readiness import failed_checks
from .web.api_docs import install_api_docs
from .web.cookies import install_session_cookie
from .web.myid import MyIdFlow
from .web.request_log import RequestLog


def create_app(container: Container) -> FastAPI:
    app = FastAPI(
        title="UzPnC CSMS",
        summary="Plug & Charge back end: ISO 15118 PKI, contract service, OCPP 2.0.1 CSMS core",
        version="0.1.0",
        docs_url=None,  # served by csms/web/api_docs.py from local files, not a CDN
        redoc_url=None,
    )
    app.state.container = container
    app.state.myid = MyIdFlow(container.settings)
    install_session_cookie(app, container.settings)
    install_api_docs(app)
    app.add_middleware(RequestLog)  # outermost: every request has its id and its line
    mount_api(app)  # people and permissions, PKI, OCPP, contracts, certificates
    mount_console(app)  # the web console (csms/console), on the same services

    @app.get("/")
    def index() -> dict[str, object]:
        return {
            "product": "UzPnC CSMS",
            "links": {
                "openapi": "/openapi.json",
                "docs": "/docs",
                "redoc": "/redoc",
                "health": "/health",
                "ready": "/ready",
                "metrics": "/metrics",
                "ocsp": "/ocsp",
                "ca_certificates": "/pki/ca",
            },
        }

    @app.get("/health")
    def health() -> dict[str, str]:
        """Alive: the process answers. Whether it can serve is /ready."""
        return {"status": "ok"}

    @app.get("/ready")
    async def ready() -> JSONResponse:
        """200 when the database answers at the current schema and the CA keys open; 503
        with the failed checks otherwise (csms/readiness.py)."""
        failed = await run_in_threadpool(failed_checks, container)
        if failed:
            return JSONResponse({"status": "not_ready", "failed": failed}, status_code=503)
        return JSONResponse({"status": "ready"})

    gauges = metrics.NodeGauges(
        lambda: len(container.ocpp.hub.connections()), container.session_factory
    )

    @app.get("/metrics")
    async def prometheus_metrics() -> Response:
        """Counts and latencies for Prometheus; no personal data (csms/metrics.py)."""
        body = await run_in_threadpool(metrics.exposition, gauges)
        return Response(body, media_type=metrics.CONTENT_TYPE)

    return app
