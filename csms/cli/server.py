"""`csms serve`, `csms demo` and `csms db upgrade`."""

from __future__ import annotations

import click

from ..database import upgrade
from ..demo import run_demo
from ..serve import admin_message, first_start, serve
from ..settings import Settings
from .support import CliError, friendly_errors, load_container


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
@click.option("--access-log/--no-access-log", default=False, show_default=True)
@click.option("--ocpp-port", default=9000, show_default=True, help="OCPP ws:// (profile 1)")
@click.option(
    "--tls-port",
    default=8443,
    show_default=True,
    type=int,
    help="OCPP wss:// (profiles 2, 3); 0 turns TLS off",
)
@friendly_errors
def serve_command(
    host: str, port: int, access_log: bool, ocpp_port: int, tls_port: int | None
) -> None:
    """Start the server; the first start creates the database and the PKI."""
    container = load_container()
    created, admin = first_start(container)
    if created:
        click.echo(f"PKI: created {', '.join(created)}", err=True)
    said = admin_message(admin)
    if said is not None:  # a generated password: once, on the operator's terminal, never logged
        click.echo(said, err=True)
    serve(
        container,
        host=host,
        port=port,
        ocpp_port=ocpp_port,
        tls_port=tls_port or None,
        access_log=access_log,
    )


@click.command("demo")
@click.option(
    "--ocpp-url",
    default="wss://127.0.0.1:8443/ocpp",
    show_default=True,
    help="The running server's OCPP endpoint, without the station id",
)
@click.option(
    "--ocpp-version",
    type=click.Choice(["1.6", "2.0.1", "2.1"]),
    default="2.0.1",
    show_default=True,
    help="The version the simulated station speaks (1.6: Plug & Charge over DataTransfer)",
)
@friendly_errors
def demo(ocpp_url: str, ocpp_version: str) -> None:
    """Play a whole Plug & Charge story against a running `csms serve` and print it."""
    container = load_container()
    try:
        result = run_demo(container, ocpp_url, click.echo, ocpp_version)
    except (OSError, TimeoutError) as exc:
        raise CliError(
            f"cannot talk to the server at {ocpp_url} ({type(exc).__name__}: {exc}); "
            "is `csms serve` running?"
        ) from None
    except RuntimeError as exc:
        raise CliError(str(exc)) from None
    ok = result.first_authorize == "Accepted" and result.last_authorize != "Accepted"
    click.echo(
        f"demo {'complete' if ok else 'FAILED'}: Authorize {result.first_authorize} while the "
        f"contract was active, {result.last_authorize} after it was terminated"
    )
    if not ok:
        raise SystemExit(1)


@click.group()
def db() -> None:
    """Database schema."""


@db.command("upgrade")
@friendly_errors
def db_upgrade() -> None:
    """Apply all migrations (idempotent)."""
    upgrade(Settings().resolved_database_url)
    click.echo("database is at the newest schema")
