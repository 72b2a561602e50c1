"""`csms station …`: the station registry from the command line."""

from __future__ import annotations

import json

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
@click.option(
    "--evse-id",
    "evse_ids",
    multiple=True,
    help="An EVSE ID its charging (SECC) certificates may name, e.g. UZ*ABC*E0001; repeatable.",
)
@click.option(
    "--allow-v2g-without-tls",
    is_flag=True,
    help="Let a security-profile-1 station have V2G certificates (an exception).",
)
@click.option(
    "--ocpp-version",
    type=click.Choice(["1.6", "2.0.1", "2.1", "any"]),
    default=None,
    help="Pin the station to one OCPP version (default: the newest it offers).",
)
@click.option(
    "--v2g-issuer",
    type=click.Choice(["local", "opcp", "partner"]),
    default=None,
    help="Where its V2G (SECC) certificates come from: the product's CA (local), an external "
    "CA through Open Plug & Charge EST (opcp), or as its partner says (partner, the default).",
)
@friendly_errors
def station_add(
    station_id: str,
    security_profile: int,
    password: str | None,
    partner: str | None,
    boot_policy: str,
    evse_ids: tuple[str, ...],
    allow_v2g_without_tls: bool,
    ocpp_version: str | None,
    v2g_issuer: str | None,
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
            evse_ids=evse_ids,
            allow_v2g_without_tls=allow_v2g_without_tls,
            ocpp_version=ocpp_version,
            v2g_issuer=v2g_issuer,
        )
    click.echo(f"added {added.id} (security profile {added.security_profile})")
    for evse_id in added.station.evse_ids:
        click.echo(f"evse id: {evse_id}")
    if generated:
        click.echo(f"password: {generated}")


@station.command("set")
@click.argument("station_id")
@click.option(
    "--evse-id",
    "evse_ids",
    multiple=True,
    help="Replace the station's EVSE IDs with these (repeatable).",
)
@click.option("--no-evse-ids", is_flag=True, help="Remove every EVSE ID of the station.")
@click.option(
    "--allow-v2g-without-tls/--no-allow-v2g-without-tls",
    default=None,
    help="Whether a security-profile-1 station may have V2G certificates.",
)
@click.option("--boot-policy", type=click.Choice(["accept", "pending"]), default=None)
@click.option("--enable/--disable", "enabled", default=None)
@click.option(
    "--ocpp-version",
    type=click.Choice(["1.6", "2.0.1", "2.1", "any"]),
    default=None,
    help="Pin the station to one OCPP version (default: the newest it offers).",
)
@click.option(
    "--v2g-issuer",
    type=click.Choice(["local", "opcp", "partner"]),
    default=None,
    help="Where its V2G (SECC) certificates come from: the product's CA (local), an external "
    "CA through Open Plug & Charge EST (opcp), or as its partner says (partner, the default).",
)
@friendly_errors
def station_set(
    station_id: str,
    evse_ids: tuple[str, ...],
    no_evse_ids: bool,
    allow_v2g_without_tls: bool | None,
    boot_policy: str | None,
    enabled: bool | None,
    ocpp_version: str | None,
    v2g_issuer: str | None,
) -> None:
    """Change an existing station: its EVSE IDs, V2G without TLS, boot policy, enabled, the
    OCPP version it is pinned to."""
    if evse_ids and no_evse_ids:
        raise click.UsageError("--evse-id and --no-evse-ids exclude each other")
    container = load_container()
    with container.transaction() as session:
        changed = container.stations.update(
            session,
            operator(),
            station_id,
            evse_ids=() if no_evse_ids else (evse_ids or None),
            allow_v2g_without_tls=allow_v2g_without_tls,
            boot_policy=boot_policy,
            enabled=enabled,
            ocpp_version=ocpp_version,
            v2g_issuer=v2g_issuer,
        )
    station = changed.station
    click.echo(
        f"{station.id}: evse ids {', '.join(station.evse_ids) or '-'}; "
        f"V2G without TLS {'allowed' if station.allow_v2g_without_tls else 'not allowed'}; "
        f"boot policy {station.boot_policy}; {'enabled' if station.enabled else 'disabled'}; "
        f"OCPP {station.ocpp_version or 'any version'}; "
        f"V2G issuer {station.v2g_issuer or 'as its partner'}"
    )


@station.command("location")
@click.argument("station_id")
@click.option("--latitude", type=float, default=None, help="WGS 84 decimal degrees, -90..90.")
@click.option("--longitude", type=float, default=None, help="WGS 84 decimal degrees, -180..180.")
@click.option("--address", default=None, help="Free text, at most 200 characters.")
@friendly_errors
def station_location(
    station_id: str, latitude: float | None, longitude: float | None, address: str | None
) -> None:
    """Say where STATION_ID stands, for the console's map. The whole location is replaced:
    an option left out is cleared, so no option at all removes the location.

    \b
    Example:
      csms station location TAS-0001 --latitude 41.311 --longitude 69.279 \\
        --address "Amir Temur ko'chasi 1, Toshkent"
    """
    container = load_container()
    with container.transaction() as session:
        changed = container.stations.set_location(
            session,
            operator(),
            station_id,
            latitude=latitude,
            longitude=longitude,
            address=address,
        )
    where = changed.station.location
    coordinates = (
        f"{where.latitude}, {where.longitude}"
        if where.placed
        else "no coordinates (not on the map)"
    )
    click.echo(f"{station_id}: {coordinates}; address {where.address or '-'}")


@station.command("list")
@click.option("--limit", type=click.IntRange(1, 100_000), default=1000, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="JSON lines instead of a table.")
@friendly_errors
def station_list(limit: int, as_json: bool) -> None:
    """Stations with security profile, last boot and last contact (times in UTC).

    \b
    Example:
      csms station list --json
    """
    container = load_container()
    with container.transaction() as session:
        summaries = container.stations.list_stations(session, operator(), limit=limit)
    if as_json:
        for summary in summaries:
            s = summary.station
            click.echo(
                json.dumps(
                    {
                        "id": s.id,
                        "securityProfile": s.security_profile,
                        "enabled": s.enabled,
                        "partner": s.partner,
                        "bootStatus": s.boot_status,
                        "lastBootAt": s.last_boot_at.isoformat() if s.last_boot_at else None,
                        "lastSeenAt": s.last_seen_at.isoformat() if s.last_seen_at else None,
                        "connected": summary.connected,
                        "latitude": s.location.latitude,
                        "longitude": s.location.longitude,
                        "address": s.location.address,
                    }
                )
            )
        return
    click.echo(
        f"{'station':<24} {'profile':<7} {'state':<8} {'connected':<9} "
        f"{'last boot (UTC)':<27} {'last seen (UTC)':<19} partner"
    )
    for summary in summaries:
        s = summary.station
        boot = f"{s.boot_status} {s.last_boot_at:%Y-%m-%d %H:%M}" if s.last_boot_at else "-"
        seen = f"{s.last_seen_at:%Y-%m-%d %H:%M:%S}" if s.last_seen_at else "-"
        click.echo(
            f"{s.id:<24} {s.security_profile:<7} {'enabled' if s.enabled else 'disabled':<8} "
            f"{'yes' if summary.connected else 'no':<9} {boot:<27} {seen:<19} "
            f"{s.partner or ''}".rstrip()
        )


@station.command("trust-store")
@click.argument("station_id")
@click.option("--json", "as_json", is_flag=True, help="The whole view as JSON.")
@friendly_errors
def station_trust_store(station_id: str, as_json: bool) -> None:
    """The roots STATION_ID should hold, what it reported, and the drift. Repair it with
    POST /api/v1/stations/{id}/trust-store/repair (a command to the connected station)."""
    container = load_container()
    with container.transaction() as session:
        view = container.stations.trust_store(session, operator(), station_id)
    if as_json:
        click.echo(json.dumps(view.as_dict(), indent=2))
        return
    state = (
        "unknown (never reported)"
        if not view.known
        else ("drifted" if view.drifted else "in order")
    )
    click.echo(f"{station_id}: {state}; reported {view.refreshed_at or 'never'}")
    click.echo(f"{'status':<10} {'type':<21} subject / reason")
    for root in view.expected:
        missing = any(m["fingerprint"] == root["fingerprint"] for m in view.missing)
        status = "missing" if view.known and missing else ("held" if view.known else "expected")
        click.echo(f"{status:<10} {root['certificateType']:<21} {root['subject']}")
    for extra in view.unexpected:
        click.echo(f"{'unexpected':<10} {extra['certificateType']:<21} {extra['why']}")
