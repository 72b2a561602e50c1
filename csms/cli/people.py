"""`csms user …` and `csms partner …`: people and tenants from the command line."""

from __future__ import annotations

import json

import click

from .support import friendly_errors, load_container, operator


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
@click.option("--myid-only", is_flag=True, help="No password: the person logs in only with MyID.")
@friendly_errors
def user_add(
    username: str, role: str, partner: str | None, password: str | None, myid_only: bool
) -> None:
    """Create a user with a role (and, for partner staff, a partner).

    \b
    Examples:
      csms user add aziza --role technician --password 'a-long-passphrase'
      csms user add bekzod --role client --myid-only
    """
    container = load_container()
    with container.transaction() as session:
        container.users.create_user(
            session,
            operator(),
            username,
            role=role,
            partner=partner,
            password=password,
            myid_only=myid_only,
        )
    where = f" of partner {partner}" if partner else ""
    how = ", MyID login only" if myid_only else ""
    click.echo(f"created user {username} ({role}{where}{how})")


@user.command("list")
@click.option("--limit", type=click.IntRange(1, 10_000), default=100, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="JSON lines instead of a table.")
@friendly_errors
def user_list(limit: int, as_json: bool) -> None:
    """Users with their roles, partner and state.

    \b
    Example:
      csms user list --json
    """
    container = load_container()
    with container.transaction() as session:
        users = container.users.list_users(session, operator(), limit=limit)
    if as_json:
        for u in users:
            click.echo(
                json.dumps(
                    {
                        "username": u.username,
                        "roles": list(u.roles),
                        "partner": u.partner,
                        "active": u.active,
                        "password": u.has_password,
                        "myid": u.has_myid,
                        "lastLoginAt": u.last_login_at.isoformat() if u.last_login_at else None,
                    }
                )
            )
        return
    click.echo(f"{'username':<24} {'roles':<16} {'state':<9} {'login':<15} partner")
    for u in users:
        login = "+".join(k for k, v in (("password", u.has_password), ("myid", u.has_myid)) if v)
        click.echo(
            f"{u.username:<24} {','.join(u.roles):<16} "
            f"{'active' if u.active else 'disabled':<9} {login or 'none':<15} "
            f"{u.partner or ''}".rstrip()
        )


@user.command("reset-password")
@click.argument("username")
@click.option(
    "--password",
    default=None,
    help="The new password (12+ characters); without it one is generated and printed once.",
)
@friendly_errors
def user_reset_password(username: str, password: str | None) -> None:
    """Give a user a new password (e.g. an admin who lost theirs); its logins end. Audited.

    \b
    Examples:
      csms user reset-password admin
      csms user reset-password aziza --password 'another-long-passphrase'
    """
    container = load_container()
    with container.transaction() as session:
        new_password = container.users.reset_password(session, operator(), username, password)
    if password is None:  # shown once, on the operator's terminal, never logged
        click.echo(f"password of {username} reset; the new one, shown only now: {new_password}")
    else:
        click.echo(f"password of {username} set")


@click.group()
def partner() -> None:
    """Partners: companies that own stations (tenants)."""


_V2G_ISSUER = click.option(
    "--v2g-issuer",
    type=click.Choice(["local", "opcp"]),
    default=None,
    help="Where its stations' V2G (SECC) certificates come from unless a station says "
    "otherwise: the product's CA (local, the default) or an external CA through Open Plug & "
    "Charge EST (opcp).",
)


@partner.command("add")
@click.argument("name")
@_V2G_ISSUER
@friendly_errors
def partner_add(name: str, v2g_issuer: str | None) -> None:
    """Create a partner.

    \b
    Examples:
      csms partner add UzCharge
      csms partner add "UzAuto Fleet" --v2g-issuer opcp
    """
    container = load_container()
    with container.transaction() as session:
        container.users.create_partner(session, operator(), name, v2g_issuer=v2g_issuer or "local")
    click.echo(f"created partner {name}")


@partner.command("set")
@click.argument("name")
@_V2G_ISSUER
@click.option(
    "--station-root",
    "station_roots",
    multiple=True,
    help="An imported V2G or MO root (fingerprint) its stations should hold; repeatable; "
    "replaces the list.",
)
@click.option(
    "--all-station-roots",
    is_flag=True,
    help="Its stations should hold every active imported V2G and MO root (the default).",
)
@friendly_errors
def partner_set(
    name: str, v2g_issuer: str | None, station_roots: tuple[str, ...], all_station_roots: bool
) -> None:
    """Change a partner's settings.

    \b
    Examples:
      csms partner set "UzAuto Fleet" --v2g-issuer opcp
      csms partner set "UzAuto Fleet" --station-root 3f1c…e9 --station-root 77ab…01
    """
    if station_roots and all_station_roots:
        raise click.UsageError("--station-root and --all-station-roots exclude each other")
    container = load_container()
    with container.transaction() as session:
        view = container.users.update_partner(session, operator(), name, v2g_issuer=v2g_issuer)
        roots: list[str] | str | None = "unchanged"
        if station_roots or all_station_roots:
            roots = container.stations.set_partner_station_roots(
                session, operator(), name, list(station_roots) if station_roots else None
            )
    click.echo(f"{view.name}: V2G issuer {view.v2g_issuer}")
    if roots != "unchanged":
        click.echo(
            f"{view.name}: stations hold "
            + ("every active imported root" if roots is None else f"{len(roots)} imported roots")
        )
