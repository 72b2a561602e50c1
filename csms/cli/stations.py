"""`csms station …`: the station registry from the command line."""

from __future__ import annotations

import click

from .support import friendly_errors, load_container, operator


@click.group("station")
def station() -> None:
    """OCPP charging stations."""


@station.command("add")
@click.argument("station_id")
@click.option("--security-profile", type=click.IntRange(1, 3), required=True)
@click.option("--password", default=None, help="16-40 characters; generated when omitted.")
@click.option("--partner", default=None, help="The partner (CPO tenant) owning the station.")
@click.option("--boot-policy", type=click.Choice(["accept", "pending"]), default="accept")
@friendly_errors
def station_add(
    station_id: str,
    security_profile: int,
    password: str | None,
    partner: str | None,
    boot_policy: str,
) -> None:
    """Register STATION_ID; prints a generated password once (only its hash is stored)."""
    container = load_container()
    with container.transaction() as session:
        added, generated = container.stations.create(
            session,
            operator(),
            station_id,
            security_profile=security_profile,
            password=password,
            partner=partner,
            boot_policy=boot_policy,
        )
    click.echo(f"added {added.id} (security profile {added.security_profile})")
    if generated:
        click.echo(f"password: {generated}")


@station.command("list")
@friendly_errors
def station_list() -> None:
    """Stations with security profile, last boot and last contact."""
    container = load_container()
    with container.transaction() as session:
        summaries = container.stations.list_stations(session, operator(), limit=1000)
    for summary in summaries:
        s = summary.station
        boot = f"{s.boot_status} {s.last_boot_at:%Y-%m-%d %H:%M}" if s.last_boot_at else "-"
        seen = f"{s.last_seen_at:%Y-%m-%d %H:%M:%S}" if s.last_seen_at else "-"
        click.echo(
            f"{s.id:<24} profile {s.security_profile}  "
            f"{'enabled ' if s.enabled else 'disabled'}  boot {boot:<24} seen {seen}  "
            f"{s.partner or ''}".rstrip()
        )
