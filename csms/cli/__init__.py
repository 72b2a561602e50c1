"""The `csms` command line: one group per domain, each a thin door onto the domain's
services (support.py holds what they share).

Every failure is one line on stderr, `error: <what> [<code>]`: exit status 1 when the command
could not do its work (support.friendly_errors), 2 when it was called wrongly (`[usage]`,
followed by where to read how: click's own usage errors, reworded here in `run`)."""

from __future__ import annotations

import sys

import click

from .contracts import car, contract, emaid
from .exi import exi
from .people import partner, user
from .pki import audit, pki
from .server import db, demo, serve_command
from .stations import charging_session, station


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
    charging_session,
    contract,
    car,
    emaid,
    user,
    partner,
):
    main.add_command(command)


def run(argv: list[str] | None = None) -> None:
    """The `csms` executable: `main` with click's usage errors in the product's one form."""
    try:
        outcome = main.main(args=argv, prog_name="csms", standalone_mode=False)
    except click.UsageError as exc:
        click.echo(f"error: {exc.format_message()} [usage]", err=True)
        where = exc.ctx.command_path if exc.ctx is not None else "csms"
        click.echo(f"(see `{where} --help`)", err=True)
        sys.exit(2)
    except click.ClickException as exc:  # CliError and click's file errors
        exc.show()
        sys.exit(exc.exit_code)
    except click.Abort:
        click.echo("error: interrupted [aborted]", err=True)
        sys.exit(1)
    sys.exit(outcome if isinstance(outcome, int) else 0)


__all__ = ["main", "run"]
