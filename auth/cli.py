"""`csms user …` and `csms partner …`: people and tenants from the command line."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

import click

from .users import UserError, add_partner, add_user
from .wiring import auth_of


def _cli() -> Any:
    # csms.cli imports this module while it is being loaded; import it lazily.
    from csms import cli

    return cli


def _friendly(func: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        cli = _cli()
        try:
            return cli.friendly_errors(func)(*args, **kwargs)
        except UserError as exc:
            raise cli.CliError(f"{exc} [{exc.code}]") from None

    return wrapper


@click.group()
def user() -> None:
    """People who log in: admins, technicians, partner staff, clients."""


@user.command("add")
@click.argument("username")
@click.option(
    "--role", required=True, type=click.Choice(["admin", "technician", "partner", "client"])
)
@click.option("--partner", default=None, help="The partner (tenant) of partner staff.")
@click.option("--password", default=None, help="Local password (12+ characters).")
@_friendly
def user_add(username: str, role: str, partner: str | None, password: str | None) -> None:
    """Create a user with a role (and, for partner staff, a partner)."""
    cli = _cli()
    product = cli.load_product()
    policy = auth_of(product).policy
    with product.session_factory() as session, session.begin():
        add_user(
            session,
            policy,
            username,
            role=role,
            partner=partner,
            password=password,
            actor=cli.actor(),
        )
    where = f" of partner {partner}" if partner else ""
    click.echo(f"created user {username} ({role}{where})")


@click.group()
def partner() -> None:
    """Partners: companies that own stations (tenants)."""


@partner.command("add")
@click.argument("name")
@_friendly
def partner_add(name: str) -> None:
    """Create a partner."""
    cli = _cli()
    product = cli.load_product()
    with product.session_factory() as session, session.begin():
        add_partner(session, name, actor=cli.actor())
    click.echo(f"created partner {name}")
