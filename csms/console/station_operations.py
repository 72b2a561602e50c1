"""The station operations' forms (remote start and stop, unlock, availability) as the
technician's and the partner's station pages share them, and how a command's outcome reads.

The form only says what the person asked; the OCPP core's StationService decides whether they
may, builds the station's version's message, and audits it (csms/ocpp/service.py).
"""

from __future__ import annotations

from typing import Any

from auth.principal import Principal

from ..ocpp.connection import BadStationAnswer, CallTimeout, StationCallError, StationUnavailable
from ..ocpp.hub import OcppNotRunning
from ..ocpp.operations import InvalidOperation
from ..ocpp.rpc import OcppError
from ..ocpp.service import OperationResult, StationService, UnknownSession
from .forms import N_, text

# What each operation's button says (and the heading of its answer on the page).
OPERATIONS = {
    "start": N_("Start charging"),
    "stop": N_("Stop charging"),
    "unlock": N_("Unlock the connector"),
    "availability": N_("Change availability"),
}
# How a command that got no (good) answer reads for the person who pressed the button.
NOT_RUNNING = N_("The OCPP server is not running in this process.")
NOT_CONNECTED = N_("The station is not connected.")
NO_ANSWER = N_("The station did not answer in time.")
REFUSED = N_("The station refused the command.")
BAD_ANSWER = N_("The station's answer did not follow OCPP.")
# A station's answer in words (OCPP's status values of these four messages, both versions).
STATUS_WORDS = {
    "Accepted": N_("The station accepted."),
    "Rejected": N_("The station did not accept."),
    "Scheduled": N_("The station will do it when the ongoing session ends."),
    "Unlocked": N_("The connector is unlocked."),
    "UnlockFailed": N_("The station could not unlock the connector."),
    "OngoingAuthorizedTransaction": N_("A session is going on at this connector: stop it first."),
    "UnknownConnector": N_("The station has no such connector."),
    "NotSupported": N_("The station cannot do this."),
}
# Input the service refused, by its error code.
INPUT_WORDS = {
    "evse_id": N_("The EVSE is a number from 1 to 999."),
    "connector_id": N_(
        "The connector is a number from 1 to 99 within its EVSE (on an OCPP 1.6 station: 1)."
    ),
    "id_token": N_(
        "The id token is 1 to 36 printable characters without spaces (on an OCPP 1.6 station: 20)."
    ),
    "transaction_id": N_("Choose an ongoing session."),
}
NO_SESSION = N_("That session is not going on any more.")
BAD_INPUT = N_("The request is not valid.")


def failure_message(exc: Exception) -> str | None:
    """The words for a command that reached no answer, or a bad one; None: not such a case."""
    if isinstance(exc, OcppNotRunning):
        return NOT_RUNNING
    if isinstance(exc, StationUnavailable):
        return NOT_CONNECTED
    if isinstance(exc, CallTimeout):
        return NO_ANSWER
    if isinstance(exc, StationCallError):
        return REFUSED
    if isinstance(exc, (OcppError, BadStationAnswer)):
        return BAD_ANSWER
    return None


def _number(form: dict[str, Any], name: str) -> int | None:
    value = text(form, name, 8)
    return int(value) if value.isdigit() else None


async def _send(
    service: StationService, principal: Principal, station_id: str, form: dict[str, Any]
) -> OperationResult:
    """The operation the form asks for, through the service. A number that is not one
    becomes 0, which the service refuses with its reason (one rule for every door)."""
    operation = text(form, "operation", 16)
    if operation == "start":
        return await service.remote_start(
            principal, station_id, _number(form, "evse_id") or 0, text(form, "id_token", 64)
        )
    if operation == "stop":
        return await service.remote_stop(principal, station_id, text(form, "transaction_id", 64))
    if operation == "unlock":
        return await service.unlock(
            principal, station_id, _number(form, "evse_id") or 0, _number(form, "connector_id") or 0
        )
    # availability: "station", "<evse>" or "<evse>:<connector>"
    target = text(form, "target", 16)
    evse: int | None = None
    connector: int | None = None
    if target != "station":
        evse_text, colon, connector_text = target.partition(":")
        evse = int(evse_text) if evse_text.isdigit() else 0
        if colon:
            connector = int(connector_text) if connector_text.isdigit() else 0
    return await service.change_availability(
        principal, station_id, text(form, "operative") == "true", evse, connector
    )


async def run(
    service: StationService, principal: Principal, station_id: str, form: dict[str, Any]
) -> dict[str, Any]:
    """Run the form's operation; returns what the page shows: `ok`, `done` (the operation's
    name) and a `message` in words, with the station's status when it is not success."""
    operation = text(form, "operation", 16)
    done = OPERATIONS.get(operation)
    if done is None:
        return {"ok": False, "done": N_("Operation"), "message": BAD_INPUT}
    try:
        result = await _send(service, principal, station_id, form)
    except UnknownSession:
        return {"ok": False, "done": done, "message": NO_SESSION}
    except InvalidOperation as exc:
        return {"ok": False, "done": done, "message": INPUT_WORDS.get(exc.code, BAD_INPUT)}
    except Exception as exc:
        message = failure_message(exc)
        if message is None:
            raise  # a refusal of access, an unknown station: the console's 403/404 pages
        return {"ok": False, "done": done, "message": message}
    words = STATUS_WORDS.get(result.status)
    return {
        "ok": result.ok,
        "done": done,
        "message": words or N_("The station answered."),
        "statuses": [] if words else [result.status],
    }
