"""The product's REST API: every router is a thin door onto a domain service.

`mount_api(app)` is all the application assembly (csms/app.py) calls.
"""

from __future__ import annotations

from fastapi import FastAPI

from . import (
    admin_routes,
    auth_routes,
    car_routes,
    certificate_routes,
    contract_routes,
    diagnostics_routes,
    legacy,
    myid_routes,
    ocpp_routes,
    opcp_routes,
    pki_routes,
    station_routes,
    trust_routes,
)
from .errors import install_error_handlers


def mount_api(app: FastAPI) -> None:
    install_error_handlers(app)
    for module in (
        pki_routes,
        ocpp_routes,
        auth_routes,
        myid_routes,
        admin_routes,
        station_routes,
        contract_routes,
        car_routes,
        certificate_routes,
        trust_routes,
        opcp_routes,
        diagnostics_routes,
        legacy,  # last: only what no route above took
    ):
        app.include_router(module.router)


__all__ = ["mount_api"]
