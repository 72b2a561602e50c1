"""The `csms` command line: one group per domain, each a thin door onto the domain's
services (support.py holds what they share)."""

from __future__ import annotations

import click

from .contracts import car, contract, emaid
from .exi import exi
from .people import partner, user
from .pki import audit, pki
from .server import db, demo, serve_command
from .stations import station


@click.group()
@click.version_option(package_name="uz-pnc-csms")
def main() -> None:
    """Plug & Charge back end: ISO 15118 PKI, contract service, OCPP 2.0.1 CSMS."""


for command in (
    serve_command,
    demo,
    db,
    pki,
    audit,
    exi,
    station,
    contract,
    car,
    emaid,
    user,
    partner,
):
    main.add_command(command)

__all__ = ["main"]
