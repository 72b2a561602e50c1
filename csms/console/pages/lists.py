"""The network's lists in the console: stations, charging sessions, security events, contracts,
cars, certificates and the audit log, each searchable, filterable, sortable, paged and
exportable as CSV (csms/console/lists.py), each read through the service that owns its
scope: an admin sees the whole network, a partner its own stations' rows, a driver their own.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from markupsafe import Markup
from sqlalchemy.orm import Session

from auth.audit import AUDIT_READ
from auth.listing import ListRequest
from auth.principal import Permission, Principal
from contracts.models import BINDING_STATUSES, CONTRACT_STATUSES
from contracts.service import CARS_READ, CONTRACTS_READ
from pki.service import CERTIFICATES_READ

from ...ocpp.listings import OCPP_VERSIONS, SESSION_STATES, STATION_STATES
from ...ocpp.service import SECURITY_EVENTS_READ, SESSIONS_READ, STATIONS_READ
from ...web.context import container_of, in_transaction
from .. import lists
from ..access import csrf_token, page
from ..forms import N_
from ..lists import Column, Filter, link, raw, text_cell, time_cell, word_cell
from ..web import PREFIX, gettext_of

router = APIRouter(prefix=PREFIX, include_in_schema=False)

STATE_WORDS = {
    "online": N_("Online"),
    "offline": N_("Offline"),
    "charging": N_("Charging"),
    "faulted": N_("Faulted"),
}
YES_NO = (("yes", N_("Yes")), ("no", N_("No")))


def translated(message: str, request: Request) -> str:
    return str(gettext_of(request)(message))


def _gate(permission: Permission, cabinet: str) -> Any:
    return Depends(page(permission, cabinet=cabinet))


def _fetch(request: Request, work: Callable[[Session, ListRequest], Any]) -> Any:
    """The service call as the list helper awaits it: one transaction per page."""

    async def run(wanted: ListRequest) -> Any:
        return await in_transaction(request, lambda s: work(s, wanted))

    return run


def _export(request: Request, work: Callable[[Session, ListRequest], Any]) -> Any:
    """An export reads every row in the transaction (the iterator must not outlive it)."""

    async def run(wanted: ListRequest) -> Any:
        return await in_transaction(request, lambda s: list(work(s, wanted)))

    return run


# --- stations ---------------------------------------------------------------------------------


def _station_columns(cabinet: str) -> list[Column]:
    def ident(row: Any, fmt: Any, _: Any) -> Any:
        if cabinet in ("technician", "partner", "admin"):
            return link(f"{PREFIX}/{cabinet}/stations/{row.id}", row.id, mono=True)
        return row.id

    columns = [
        Column(N_("Station"), "id", ident, raw("id"), mono=True),
        Column(N_("Partner"), None, lambda r, f, _: r.partner or "—", raw("partner")),
        Column(
            N_("Connection"),
            None,
            lambda r, f, _: _(N_("Connected")) if r.connected else _(N_("Not connected")),
            lambda r: "online" if r.connected else "offline",
        ),
        Column(
            N_("Connectors"),
            None,
            lambda r, f, _: (
                ", ".join(f"{c.evse_id}/{c.connector_id} {_(c.status)}" for c in r.connectors)
                or "—"
            ),
            lambda r: " ".join(f"{c.evse_id}/{c.connector_id}:{c.status}" for c in r.connectors),
        ),
        Column(
            N_("Security profile"),
            None,
            lambda r, f, _: str(r.security_profile),
            raw("security_profile"),
        ),
        Column(
            N_("OCPP"),
            None,
            lambda r, f, _: r.station.last_ocpp_version or "—",
            lambda r: r.station.last_ocpp_version,
        ),
        Column(
            N_("Last seen"),
            "last_seen_at",
            lambda r, f, _: f.datetime(r.last_seen_at),
            raw("last_seen_at"),
        ),
    ]
    if cabinet in ("admin", "partner"):  # those who may read the diagnostics records
        columns.append(_diagnostics_column("station", lambda r: r.id))
    return columns


def _diagnostics_column(parameter: str, value: Callable[[Any], str]) -> Column:
    """A link to the row's Plug & Charge diagnostics records (by station, eMAID or PCID)."""
    return Column(
        N_("Plug & Charge diagnostics"),
        None,
        lambda r, f, _: link(
            f"{PREFIX}/diagnostics?{parameter}={quote(value(r))}", _(N_("Records"))
        ),
        None,
    )


def _station_filters(with_partner: bool) -> list[Filter]:
    found = [
        Filter("state", N_("State"), tuple((s, STATE_WORDS[s]) for s in STATION_STATES)),
        Filter("security_profile", N_("Security profile"), tuple((p, p) for p in "0123")),
        Filter("ocpp_version", N_("OCPP"), tuple((v, v) for v in OCPP_VERSIONS)),
    ]
    if with_partner:
        found.append(Filter("partner", N_("Partner"), kind="text"))
    return found


async def _stations(request: Request, principal: Principal, cabinet: str) -> Response:
    service = container_of(request).stations
    return await lists.show(
        request,
        title=N_("Stations"),
        path=request.url.path,
        columns=_station_columns(cabinet),
        filters=_station_filters(cabinet in ("admin", "technician")),
        fetch=_fetch(request, lambda s, w: service.find_stations(s, principal, w)),
        export=_export(request, lambda s, w: service.export_stations(s, principal, w)),
        filename="stations",
    )


@router.get("/admin/stations")
async def admin_stations(
    request: Request, principal: Annotated[Principal, _gate(STATIONS_READ, "admin")]
) -> Response:
    return await _stations(request, principal, "admin")


@router.get("/partner/stations")
async def partner_stations(
    request: Request, principal: Annotated[Principal, _gate(STATIONS_READ, "partner")]
) -> Response:
    return await _stations(request, principal, "partner")


@router.get("/technician")
async def technician_stations(
    request: Request, principal: Annotated[Principal, _gate(STATIONS_READ, "technician")]
) -> Response:
    return await _stations(request, principal, "technician")


# --- charging sessions ---------------------------------------------------------------------------


def _session_columns(with_token: bool) -> list[Column]:
    columns = [
        Column(N_("Station"), None, text_cell("station_id"), raw("station_id"), mono=True),
        Column(N_("Session"), None, text_cell("transaction_id"), raw("transaction_id"), mono=True),
        Column(N_("State"), None, word_cell("state"), raw("state")),
        Column(N_("Started"), "started_at", time_cell("started_at"), raw("started_at")),
        Column(N_("Ended"), "ended_at", time_cell("ended_at"), raw("ended_at")),
        Column(
            N_("Duration, min"),
            None,
            lambda r, f, _: f.number(round(r.duration_seconds / 60)),
            lambda r: round(r.duration_seconds / 60),
        ),
        Column(
            N_("Energy, kWh"),
            "energy_wh",
            lambda r, f, _: "—" if r.energy_wh is None else f.number(round(r.energy_wh / 1000, 2)),
            lambda r: None if r.energy_wh is None else round(r.energy_wh / 1000, 3),
        ),
    ]
    if with_token:
        columns.append(Column(N_("Token"), None, text_cell("id_token"), raw("id_token"), mono=True))
    return columns


SESSION_FILTERS = [
    Filter("state", N_("State"), tuple((s, s) for s in SESSION_STATES)),
    Filter("station_id", N_("Station"), kind="text"),
    Filter("since", N_("From day"), kind="date"),
    Filter("until", N_("To day"), kind="date"),
]


async def _sessions(
    request: Request, principal: Principal, cabinet: str, **context: Any
) -> Response:
    service = container_of(request).stations
    columns = _session_columns(cabinet != "client")
    fetch = _fetch(request, lambda s, w: service.find_sessions(s, principal, w))
    if cabinet == "client":
        # A driver stops their own ongoing sessions from here: which of the page's stations
        # are connected decides whether the button works (the reason shown when not).
        online: set[str] = set()
        read_page = fetch

        async def fetch(wanted: ListRequest) -> Any:
            found = await read_page(wanted)
            going = sorted({r.station_id for r in found.rows if r.state != "ended"})
            online.update(await in_transaction(request, lambda s: service.connected(s, going)))
            return found

        columns.append(_stop_column(request, online))
    return await lists.show(
        request,
        title=N_("Charging sessions"),
        path=f"{PREFIX}/{cabinet}/sessions",
        columns=columns,
        filters=SESSION_FILTERS,
        fetch=fetch,
        export=_export(request, lambda s, w: service.export_sessions(s, principal, w)),
        filename="sessions",
        **context,
    )


NOT_CONNECTED = N_("The station is not connected: its actions wait until it is.")


def _stop_column(request: Request, online: set[str]) -> Column:
    csrf = csrf_token(request)
    waiting = translated(N_("Waiting for the station…"), request)
    not_connected = translated(NOT_CONNECTED, request)

    def cell(row: Any, fmt: Any, translate: Any) -> Markup | str:
        if row.state == "ended":
            return "—"
        action = f"{PREFIX}/client/sessions/{row.station_id}/{row.transaction_id}/stop"
        label = translate(N_("Stop charging session %(id)s"), id=row.transaction_id)
        button = translate(N_("Stop charging"))
        if row.station_id in online:
            return Markup(
                '<form method="post" action="{}" data-progress="{}">'
                '<input type="hidden" name="csrf" value="{}">'
                '<button type="submit" class="danger" aria-label="{}">{}</button></form>'
            ).format(action, waiting, csrf, label, button)
        reason = f"stop-reason-{row.id}"
        return Markup(
            '<form method="post" action="{}"><input type="hidden" name="csrf" value="{}">'
            '<p class="hint" id="{}">{}</p><button type="submit" class="danger" aria-label="{}"'
            ' aria-disabled="true" aria-describedby="{}">{}</button></form>'
        ).format(action, csrf, reason, not_connected, label, reason, button)

    return Column(N_("Stop"), None, cell, None)


@router.get("/admin/sessions")
async def admin_sessions(
    request: Request, principal: Annotated[Principal, _gate(SESSIONS_READ, "admin")]
) -> Response:
    return await _sessions(request, principal, "admin")


@router.get("/partner/sessions")
async def partner_sessions(
    request: Request, principal: Annotated[Principal, _gate(SESSIONS_READ, "partner")]
) -> Response:
    return await _sessions(request, principal, "partner")


@router.get("/client/sessions")
async def client_sessions(
    request: Request, principal: Annotated[Principal, _gate(SESSIONS_READ, "client")]
) -> Response:
    return await client_sessions_page(request, principal)


async def client_sessions_page(request: Request, principal: Principal, **context: Any) -> Response:
    """The driver's sessions; after a stop, with the station's answer (`result`)."""
    return await _sessions(request, principal, "client", **context)


# --- security events -----------------------------------------------------------------------------

EVENT_COLUMNS = [
    Column(N_("When"), "occurred_at", time_cell("occurred_at"), raw("occurred_at")),
    Column(N_("Station"), None, text_cell("station_id"), raw("station_id"), mono=True),
    Column(N_("Type"), None, text_cell("type"), raw("type"), mono=True),
    Column(N_("Details"), None, text_cell("tech_info"), raw("tech_info")),
]


async def _events(request: Request, principal: Principal) -> Response:
    service = container_of(request).stations
    types = await in_transaction(request, lambda s: service.security_event_types(s, principal))
    return await lists.show(
        request,
        title=N_("Security events"),
        path=request.url.path,
        columns=EVENT_COLUMNS,
        filters=[
            Filter("type", N_("Type"), tuple((t, t) for t in types[:200])),
            Filter("station_id", N_("Station"), kind="text"),
            Filter("since", N_("From day"), kind="date"),
            Filter("until", N_("To day"), kind="date"),
        ],
        fetch=_fetch(request, lambda s, w: service.find_security_events(s, principal, w)),
        export=_export(request, lambda s, w: service.export_security_events(s, principal, w)),
        filename="security-events",
    )


@router.get("/admin/security-events")
async def admin_events(
    request: Request, principal: Annotated[Principal, _gate(SECURITY_EVENTS_READ, "admin")]
) -> Response:
    return await _events(request, principal)


@router.get("/technician/security-events")
async def technician_events(
    request: Request, principal: Annotated[Principal, _gate(SECURITY_EVENTS_READ, "technician")]
) -> Response:
    return await _events(request, principal)


# --- contracts and cars --------------------------------------------------------------------------

CONTRACT_COLUMNS = [
    Column(N_("eMAID"), "emaid", text_cell("emaid"), raw("emaid"), mono=True),
    Column(N_("Owner"), None, text_cell("owner"), raw("owner")),
    Column(N_("Partner"), None, text_cell("partner"), raw("partner")),
    Column(N_("Status"), None, word_cell("status"), raw("status")),
    Column(N_("Valid until"), "valid_until", time_cell("valid_until"), raw("valid_until")),
    Column(N_("Created"), "created_at", time_cell("created_at"), raw("created_at")),
]

CAR_COLUMNS = [
    Column(N_("PCID"), "pcid", text_cell("pcid"), raw("pcid"), mono=True),
    Column(N_("eMAID"), "emaid", text_cell("emaid"), raw("emaid"), mono=True),
    Column(N_("Owner"), None, text_cell("owner"), raw("owner")),
    Column(N_("Binding"), None, word_cell("status"), raw("status")),
    Column(
        N_("Default contract"),
        None,
        lambda r, f, _: _(N_("Yes")) if r.is_default else _(N_("No")),
        raw("is_default"),
    ),
    Column(N_("Since"), "created_at", time_cell("created_at"), raw("created_at")),
]


@router.get("/admin/contracts")
async def admin_contracts(
    request: Request, principal: Annotated[Principal, _gate(CONTRACTS_READ, "admin")]
) -> Response:
    service = container_of(request).contracts
    return await lists.show(
        request,
        title=N_("Contracts"),
        path=request.url.path,
        columns=[*CONTRACT_COLUMNS, _diagnostics_column("emaid", lambda r: r.emaid)],
        filters=[
            Filter("status", N_("Status"), tuple((s, s) for s in CONTRACT_STATUSES)),
            Filter("partner", N_("Partner"), kind="text"),
            Filter("pcid", N_("Car (PCID)"), kind="text"),
        ],
        fetch=_fetch(request, lambda s, w: service.find(s, principal, w)),
        export=_export(request, lambda s, w: service.export(s, principal, w)),
        filename="contracts",
    )


@router.get("/admin/cars")
async def admin_cars(
    request: Request, principal: Annotated[Principal, _gate(CARS_READ, "admin")]
) -> Response:
    service = container_of(request).contracts
    return await lists.show(
        request,
        title=N_("Cars"),
        path=request.url.path,
        columns=[*CAR_COLUMNS, _diagnostics_column("pcid", lambda r: r.pcid)],
        filters=[
            Filter("status", N_("Binding"), tuple((s, s) for s in BINDING_STATUSES)),
            Filter("is_default", N_("Default contract"), YES_NO),
        ],
        fetch=_fetch(request, lambda s, w: service.find_cars(s, principal, w)),
        export=_export(request, lambda s, w: service.export_cars(s, principal, w)),
        filename="cars",
    )


# --- certificates and the audit log --------------------------------------------------------------

CERTIFICATE_COLUMNS = [
    Column(
        N_("Serial"),
        "serial",
        lambda r, f, _: link(f"{PREFIX}/admin/pki/certificates/{r.serial}", r.serial, mono=True),
        raw("serial"),
    ),
    Column(N_("Subject"), None, text_cell("subject"), raw("subject"), mono=True),
    Column(N_("Issuer"), None, lambda r, f, _: r.issuer or _(N_("self-signed")), raw("issuer")),
    Column(N_("Profile"), None, text_cell("profile"), raw("profile"), mono=True),
    Column(N_("Status"), None, word_cell("status"), raw("status")),
    Column(N_("Expires"), "not_after", time_cell("not_after"), raw("not_after")),
]
CERTIFICATE_STATUSES = (
    ("issued", N_("issued")),
    ("revoked", N_("revoked")),
    ("reserved", N_("reserved")),
    ("failed", N_("failed")),
)


@router.get("/admin/certificates")
async def admin_certificates(
    request: Request, principal: Annotated[Principal, _gate(CERTIFICATES_READ, "admin")]
) -> Response:
    pki = container_of(request).pki
    issuers = sorted(pki.authorities())
    return await lists.show(
        request,
        title=N_("Certificates"),
        path=request.url.path,
        columns=CERTIFICATE_COLUMNS,
        filters=[
            Filter("issuer", N_("Issuer"), tuple((i, i) for i in issuers)),
            Filter("profile", N_("Profile"), kind="text"),
            Filter("status", N_("Status"), CERTIFICATE_STATUSES),
            Filter("expires_before", N_("Expires before"), kind="date"),
        ],
        fetch=_fetch(request, lambda s, w: pki.find_certificates(s, principal, w)),
        export=_export(request, lambda s, w: pki.export_certificates(s, principal, w)),
        filename="certificates",
    )


def _details(row: Any, fmt: Any, _: Any) -> Markup:
    """An event's details as labelled values (never Python's key=value text), not translated
    (names of fields and values as recorded)."""
    items = [(_(N_("Serial")), row.serial_hex)] if row.serial_hex else []
    items += [(k.replace("_", " "), fmt.detail(v)) for k, v in (row.details or {}).items()]
    if not items:
        return Markup("—")
    cells = Markup("").join(Markup("<dt>{}</dt><dd>{}</dd>").format(k, v) for k, v in items)
    return Markup('<dl class="kv" translate="no">{}</dl>').format(cells)


AUDIT_COLUMNS = [
    Column(N_("When"), "at", time_cell("at"), raw("at")),
    Column(N_("Actor"), None, text_cell("actor"), raw("actor")),
    Column(N_("Action"), None, text_cell("action"), raw("action"), mono=True),
    Column(
        N_("Details"),
        None,
        _details,
        lambda r: json.dumps({"serial": r.serial_hex, **(r.details or {})}, default=str),
    ),
]


@router.get("/admin/audit")
async def admin_audit(
    request: Request, principal: Annotated[Principal, _gate(AUDIT_READ, "admin")]
) -> Response:
    log = container_of(request).audit
    return await lists.show(
        request,
        title=N_("Audit log"),
        path=request.url.path,
        columns=AUDIT_COLUMNS,
        filters=[
            Filter("action", N_("Action starts with"), kind="text"),
            Filter("actor", N_("Actor contains"), kind="text"),
            Filter("since", N_("From day"), kind="date"),
            Filter("until", N_("To day"), kind="date"),
        ],
        fetch=_fetch(request, lambda s, w: log.page(s, principal, w)),
        export=_export(request, lambda s, w: log.export(s, principal, w)),
        filename="audit",
    )
