"""`csms station …`: the station registry from the command line."""

from __future__ import annotations

import click

from .stations import StationError, StationRegistry


def _registry() -> StationRegistry:
    from csms.cli import load_product

    return StationRegistry(load_product().session_factory)


def _fail(exc: StationError) -> click.ClickException:
    from csms.cli import CliError

    return CliError(f"{exc} [{exc.code}]")


@click.group("station")
def station() -> None:
    """OCPP charging stations."""


@station.command("add")
@click.argument("station_id")
@click.option("--security-profile", type=click.IntRange(1, 3), required=True)
@click.option("--password", default=None, help="16-40 characters; generated when omitted.")
@click.option("--partner", default=None, help="The partner (CPO tenant) owning the station.")
@click.option("--boot-policy", type=click.Choice(["accept", "pending"]), default="accept")
def station_add(
    station_id: str,
    security_profile: int,
    password: str | None,
    partner: str | None,
    boot_policy: str,
) -> None:
    """Register STATION_ID; prints a generated password once (only its hash is stored)."""
    from csms.cli import friendly_errors

    @friendly_errors
    def run() -> None:
        try:
            added, generated = _registry().add(
                station_id,
                security_profile=security_profile,
                password=password,
                partner=partner,
                boot_policy=boot_policy,
            )
        except StationError as exc:
            raise _fail(exc) from None
        click.echo(f"added {added.id} (security profile {added.security_profile})")
        if generated:
            click.echo(f"password: {generated}")

    run()


@station.command("list")
def station_list() -> None:
    """Stations with security profile, last boot and last contact."""
    from csms.cli import friendly_errors

    @friendly_errors
    def run() -> None:
        for s in _registry().list():
            boot = f"{s.boot_status} {s.last_boot_at:%Y-%m-%d %H:%M}" if s.last_boot_at else "-"
            seen = f"{s.last_seen_at:%Y-%m-%d %H:%M:%S}" if s.last_seen_at else "-"
            click.echo(
                f"{s.id:<24} profile {s.security_profile}  "
                f"{'enabled ' if s.enabled else 'disabled'}  boot {boot:<24} seen {seen}  "
                f"{s.partner or ''}".rstrip()
            )

    run()
