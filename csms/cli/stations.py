"""`csms station …`: the station registry from the command line."""

from __future__ import annotations

import json
from typing import Any

import click

from ..ocpp.db import SecurityEventRecord, TransactionRecord
from ..ocpp.service import StationSummary
from .lists import Listing, Shown, list_options, show, utc
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
    """Register STATION_ID; prints a generated password once (only its hash is stored).

    \b
    Examples:
      csms station add CS001 --security-profile 1
      csms station add CS003 --security-profile 3 --partner UzCharge --evse-id 'UZ*ABC*E0001'
    """
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
    OCPP version it is pinned to.

    \b
    Examples:
      csms station set CS001 --disable
      csms station set CS003 --evse-id 'UZ*ABC*E0001' --ocpp-version 2.0.1
    """
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
      csms station location TAS-0001 --latitude 41.311 --longitude 69.279
      csms station location TAS-0001 --latitude 41.311 --longitude 69.279 --address "Toshkent"
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


def _station_record(summary: StationSummary) -> dict[str, Any]:
    s = summary.station
    return {
        "id": s.id,
        "securityProfile": s.security_profile,
        "enabled": s.enabled,
        "partner": s.partner,
        "ocppVersion": s.last_ocpp_version,
        "bootStatus": s.boot_status,
        "lastBootAt": s.last_boot_at,
        "lastSeenAt": s.last_seen_at,
        "connected": summary.connected,
        "location": {
            "latitude": s.location.latitude,
            "longitude": s.location.longitude,
            "address": s.location.address,
        },
    }


def _station_line(summary: StationSummary) -> str:
    s = summary.station
    boot = f"{s.boot_status} {utc(s.last_boot_at)}" if s.last_boot_at else "-"
    return (
        f"{s.id:<24} {s.security_profile:<7} {'enabled' if s.enabled else 'disabled':<8} "
        f"{'yes' if summary.connected else 'no':<9} {boot:<27} "
        f"{utc(s.last_seen_at, '%Y-%m-%d %H:%M:%S'):<19} {s.partner or ''}"
    ).rstrip()


STATIONS = Listing(
    header=(
        f"{'station':<24} {'profile':<7} {'state':<8} {'connected':<9} "
        f"{'last boot (UTC)':<27} {'last seen (UTC)':<19} partner"
    ),
    line=_station_line,
    record=_station_record,
    csv_columns=(
        "id",
        "securityProfile",
        "enabled",
        "partner",
        "ocppVersion",
        "bootStatus",
        "lastBootAt",
        "lastSeenAt",
        "connected",
    ),
)


@station.command("list")
@list_options(limit=100_000)
@friendly_errors
def station_list(shown: Shown) -> None:
    """Stations with security profile, last boot and last contact (times in UTC).

    \b
    Filters (--filter NAME=VALUE):
      state             online | offline | charging | faulted
      partner           the partner's name
      security_profile  0 | 1 | 2 | 3
      ocpp_version      1.6 | 2.0.1 | 2.1
      enabled           yes | no
    Sort fields: id (default), partner, security_profile, ocpp_version, enabled,
    last_seen_at, created_at. Search: station id and partner.

    \b
    Examples:
      csms station list --json
      csms station list --filter state=online --filter partner=UzCharge --sort last_seen_at
      csms station list --search CS0 --page 2 --per-page 100
      csms station list --csv
    """
    container = load_container()
    stations = container.stations
    show(
        container,
        shown,
        STATIONS,
        find=lambda session, wanted: stations.find_stations(session, operator(), wanted),
        export=lambda session, wanted: stations.export_stations(session, operator(), wanted),
    )


@station.command("trust-store")
@click.argument("station_id")
@click.option("--json", "as_json", is_flag=True, help="The whole view as JSON.")
@friendly_errors
def station_trust_store(station_id: str, as_json: bool) -> None:
    """The roots STATION_ID should hold, what it reported, and the drift. Repair it with
    POST /api/v1/stations/{id}/trust-store/repair (a command to the connected station).

    \b
    Examples:
      csms station trust-store CS003
      csms station trust-store CS003 --json
    """
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


EVENTS = Listing[SecurityEventRecord](
    header=f"{'when (UTC)':<19} {'station':<24} {'type':<36} details",
    line=lambda e: (
        f"{utc(e.occurred_at, '%Y-%m-%d %H:%M:%S'):<19} {e.station_id:<24} {e.type:<36} "
        f"{e.tech_info or ''}"
    ).rstrip(),
    record=lambda e: {
        "occurredAt": e.occurred_at,
        "stationId": e.station_id,
        "type": e.type,
        "techInfo": e.tech_info,
        "receivedAt": e.received_at,
    },
    csv_columns=("occurredAt", "stationId", "type", "techInfo", "receivedAt"),
)


@station.command("events")
@list_options()
@friendly_errors
def station_events(shown: Shown) -> None:
    """Security events of every station (SecurityEventNotification and refused
    connections), newest first; times in UTC.

    \b
    Filters (--filter NAME=VALUE):
      station_id  one station
      type        the event type, e.g. InvalidCsmsCertificate
      since       from this day (UTC) or time (ISO 8601 with offset)
      until       up to the end of this day (UTC) or this time
    Sort fields: occurred_at (default), station_id, type. Search: station id, type and
    details.

    \b
    Examples:
      csms station events --filter station_id=CS001 --filter since=2026-12-01
      csms station events --search Certificate --json
      csms station events --csv
    """
    container = load_container()
    stations = container.stations
    show(
        container,
        shown,
        EVENTS,
        find=lambda session, wanted: stations.find_security_events(session, operator(), wanted),
        export=lambda session, wanted: stations.export_security_events(session, operator(), wanted),
    )


@click.group("session")
def charging_session() -> None:
    """Charging sessions (OCPP transactions)."""


def _kwh(session: TransactionRecord) -> str:
    energy = session.energy_wh
    return "-" if energy is None else f"{energy / 1000:.3f}"


SESSIONS = Listing[TransactionRecord](
    header=(
        f"{'station':<24} {'session':<36} {'state':<7} {'started (UTC)':<16} "
        f"{'ended (UTC)':<16} {'kWh':>10}  token"
    ),
    line=lambda t: (
        f"{t.station_id:<24} {t.transaction_id:<36} {t.state:<7} {utc(t.started_at):<16} "
        f"{utc(t.ended_at):<16} {_kwh(t):>10}  {t.id_token or '-'}"
    ),
    record=lambda t: {
        "stationId": t.station_id,
        "transactionId": t.transaction_id,
        "state": t.state,
        "startedAt": t.started_at,
        "endedAt": t.ended_at,
        "evseId": t.evse_id,
        "idToken": t.id_token,
        "energyWh": t.energy_wh,
        "durationSeconds": t.duration_seconds,
        "stoppedReason": t.stopped_reason,
        "verified": t.verified,
    },
    csv_columns=(
        "stationId",
        "transactionId",
        "state",
        "startedAt",
        "endedAt",
        "evseId",
        "idToken",
        "energyWh",
        "durationSeconds",
        "stoppedReason",
        "verified",
    ),
)


@charging_session.command("list")
@list_options()
@friendly_errors
def session_list(shown: Shown) -> None:
    """Charging sessions at every station, newest first; times in UTC, energy in kWh.

    \b
    Filters (--filter NAME=VALUE):
      station_id  one station
      state       started | updated | ended
      id_token    the idToken (an eMAID or RFID) the session was authorized with
      since       started from this day (UTC) or time (ISO 8601 with offset)
      until       started up to the end of this day (UTC) or this time
    Sort fields: started_at (default), ended_at, station_id, state, id_token, energy_wh.
    Search: station id, session id and idToken.

    \b
    Examples:
      csms session list --filter station_id=CS001 --filter state=ended
      csms session list --filter since=2026-12-01 --sort energy_wh --json
      csms session list --filter since=2026-11-01 --filter until=2026-11-30 --csv
    """
    container = load_container()
    stations = container.stations
    show(
        container,
        shown,
        SESSIONS,
        find=lambda session, wanted: stations.find_sessions(session, operator(), wanted),
        export=lambda session, wanted: stations.export_sessions(session, operator(), wanted),
    )
