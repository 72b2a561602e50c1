"""`csms serve`, `csms demo` and `csms db upgrade`."""

from __future__ import annotations

import ssl

import click
from websockets.exceptions import ConnectionClosed, InvalidHandshake

from ..database import upgrade
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
    """Start the server; the first start creates the database and the PKI.

    \b
    Examples:
      csms serve
      csms serve --host 0.0.0.0 --port 8000 --ocpp-port 9000 --tls-port 8443
    """
    container = load_container()
    # The server and the demo are imported when run: every other command starts without the
    # web application (a second of imports each time an operator runs the command line).
    from ..serve import admin_message, first_start, serve

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


def _websocket_url(_ctx: click.Context, _param: click.Parameter, value: str) -> str:
    if not value.startswith(("ws://", "wss://")):
        raise click.BadParameter("must start with ws:// (plain) or wss:// (TLS)")
    return value


@click.command("demo")
@click.option(
    "--ocpp-url",
    default="wss://127.0.0.1:8443/ocpp",
    show_default=True,
    callback=_websocket_url,
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
    """Play a whole Plug & Charge story against a running `csms serve` and print it.

    \b
    Examples:
      csms demo
      csms demo --ocpp-url ws://127.0.0.1:9000/ocpp
    """
    container = load_container()
    try:
        from ..demo import run_demo

        result = run_demo(container, ocpp_url, click.echo, ocpp_version)
    except ssl.SSLError as exc:  # wss:// to a plain port, or a certificate we do not trust
        raise CliError(
            f"the TLS handshake with {ocpp_url} failed ({exc.reason or exc}): if that is the "
            "plain WebSocket port, use ws:// [tls_handshake]"
        ) from None
    except (InvalidHandshake, ConnectionClosed) as exc:  # ws:// to the TLS port, say
        raise CliError(
            f"{ocpp_url} did not complete a WebSocket handshake ({type(exc).__name__}): if "
            "that is the TLS port, use wss:// [ocpp_handshake]"
        ) from None
    except (OSError, TimeoutError) as exc:
        raise CliError(
            f"cannot talk to the server at {ocpp_url} ({type(exc).__name__}: {exc}); "
            "is `csms serve` running? [server_unreachable]"
        ) from None
    except RuntimeError as exc:
        raise CliError(f"{exc} [demo_failed]") from None
    ok = result.first_authorize == "Accepted" and result.last_authorize != "Accepted"
    click.echo(
        f"demo {'complete' if ok else 'FAILED'}: Authorize {result.first_authorize} while the "
        f"contract was active, {result.last_authorize} after it was terminated"
    )
    if not ok:
        raise CliError("the story did not hold (see above) [demo_failed]")


@click.group()
def db() -> None:
    """Database schema."""


@db.command("upgrade")
@friendly_errors
def db_upgrade() -> None:
    """Apply all migrations (idempotent).

    \b
    Example:
      csms db upgrade
    """
    upgrade(Settings().resolved_database_url)
    click.echo("database is at the newest schema")
