"""The everyday operations people run on a station: remote start and stop, unlock a connector,
change availability. Each is one typed request, checked here and carried in the station's
own OCPP version:

- start: 2.0.1/2.1 RequestStartTransaction{idToken{idToken, type}, remoteStartId, evseId};
  1.6 RemoteStartTransaction{idTag, connectorId};
- stop: RequestStopTransaction{transactionId}; 1.6 RemoteStopTransaction{transactionId, an
  integer};
- unlock: UnlockConnector{evseId, connectorId}; 1.6 UnlockConnector{connectorId};
- availability: ChangeAvailability{operationalStatus, evse?{id, connectorId?}}; 1.6
  ChangeAvailability{connectorId (0: the whole station), type}.

The product stores a 1.6 connector as EVSE `connectorId`, connector 1 (handlers16.py), so a
1.6 request names the EVSE number as its connectorId, and connector numbers other than 1 do
not exist there. Who may run which operation on which station is StationService's question
(service.py); this module only says what goes on the wire and what an answer means.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Final

from .stations import StationError
from .versions import OcppVersion

MAX_EVSE = 999  # far above any real station; keeps hostile numbers out of the messages
MAX_CONNECTOR = 99
# OCPP's CiString: printable ASCII. IdTokenType.idToken holds 36 (2.0.1), idTag 20 (1.6).
ID_TOKEN = re.compile(r"^[!-~]{1,36}$")
ID_TAG_16_MAX = 20
TRANSACTION_ID_MAX = 36  # TransactionRecord.transaction_id, 2.0.1's transactionId
TRANSACTION_ID = re.compile(r"^[!-~]{1,36}$")
CENTRAL: Final = "Central"  # an idToken the CSMS vouches for: a remote start's usual type
TOKEN_TYPES = (
    "Central",
    "eMAID",
    "ISO14443",
    "ISO15693",
    "KeyCode",
    "Local",
    "MacAddress",
    "NoAuthorization",
)


class Operation(StrEnum):
    START = "start"
    STOP = "stop"
    UNLOCK = "unlock"
    AVAILABILITY = "availability"


class InvalidOperation(StationError):
    """The request cannot be sent as it is (a number out of range, a token too long for the
    station's version): the caller's fault, said before anything reaches the station."""

    code = "invalid_operation"


@dataclass(frozen=True)
class Request:
    """One OCPP CALL for an operation."""

    operation: Operation
    action: str
    payload: dict[str, Any]


def _evse(value: int, *, name: str = "evse_id") -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_EVSE:
        raise InvalidOperation(f"{name} must be a number from 1 to {MAX_EVSE}", code=name)
    return value


def _connector(value: int, version: OcppVersion) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_CONNECTOR:
        raise InvalidOperation(
            f"connector_id must be a number from 1 to {MAX_CONNECTOR}", code="connector_id"
        )
    if version is OcppVersion.V16 and value != 1:
        raise InvalidOperation(
            "a 1.6 station has one connector per connectorId: its EVSE number names it, "
            "and the connector is 1",
            code="connector_id",
        )
    return value


def start(version: OcppVersion, evse_id: int, id_token: str, token_type: str = CENTRAL) -> Request:
    evse = _evse(evse_id)
    token = id_token.strip() if isinstance(id_token, str) else ""
    if not ID_TOKEN.match(token):
        raise InvalidOperation(
            "id_token must be 1-36 printable characters without spaces", code="id_token"
        )
    if token_type not in TOKEN_TYPES:
        raise InvalidOperation(
            f"id_token_type must be one of {', '.join(TOKEN_TYPES)}", code="id_token_type"
        )
    if version is OcppVersion.V16:
        if len(token) > ID_TAG_16_MAX:
            raise InvalidOperation(
                f"a 1.6 station takes an idTag of at most {ID_TAG_16_MAX} characters",
                code="id_token",
            )
        return Request(
            Operation.START, "RemoteStartTransaction", {"idTag": token, "connectorId": evse}
        )
    # remoteStartId lets the station's TransactionEvent name this request; any positive
    # int32 will do, and a random one does not collide across nodes.
    return Request(
        Operation.START,
        "RequestStartTransaction",
        {
            "idToken": {"idToken": token, "type": token_type},
            "remoteStartId": secrets.randbelow(2**31 - 1) + 1,
            "evseId": evse,
        },
    )


def check_transaction_id(version: OcppVersion, transaction_id: str) -> str:
    text = transaction_id.strip() if isinstance(transaction_id, str) else ""
    if not TRANSACTION_ID.match(text):
        raise InvalidOperation(
            "transaction_id must be 1-36 printable characters", code="transaction_id"
        )
    if version is OcppVersion.V16 and not (text.isdigit() and int(text) < 2**31):
        raise InvalidOperation(
            "a 1.6 transaction id is the number the CSMS gave it", code="transaction_id"
        )
    return text


def stop(version: OcppVersion, transaction_id: str) -> Request:
    text = check_transaction_id(version, transaction_id)
    if version is OcppVersion.V16:
        return Request(Operation.STOP, "RemoteStopTransaction", {"transactionId": int(text)})
    return Request(Operation.STOP, "RequestStopTransaction", {"transactionId": text})


def unlock(version: OcppVersion, evse_id: int, connector_id: int) -> Request:
    evse = _evse(evse_id)
    connector = _connector(connector_id, version)
    if version is OcppVersion.V16:
        return Request(Operation.UNLOCK, "UnlockConnector", {"connectorId": evse})
    return Request(Operation.UNLOCK, "UnlockConnector", {"evseId": evse, "connectorId": connector})


def availability(
    version: OcppVersion, operative: bool, evse_id: int | None, connector_id: int | None
) -> Request:
    """The whole station (no EVSE), one EVSE, or one connector of an EVSE."""
    if not isinstance(operative, bool):
        raise InvalidOperation("operative must be true or false", code="operative")
    status = "Operative" if operative else "Inoperative"
    if evse_id is None:
        if connector_id is not None:
            raise InvalidOperation("a connector is named within its EVSE", code="connector_id")
        if version is OcppVersion.V16:
            return Request(
                Operation.AVAILABILITY, "ChangeAvailability", {"connectorId": 0, "type": status}
            )
        return Request(Operation.AVAILABILITY, "ChangeAvailability", {"operationalStatus": status})
    evse = _evse(evse_id)
    connector = None if connector_id is None else _connector(connector_id, version)
    if version is OcppVersion.V16:
        return Request(
            Operation.AVAILABILITY, "ChangeAvailability", {"connectorId": evse, "type": status}
        )
    target: dict[str, Any] = {"id": evse}
    if connector is not None:
        target["connectorId"] = connector
    return Request(
        Operation.AVAILABILITY,
        "ChangeAvailability",
        {"operationalStatus": status, "evse": target},
    )


# The statuses that mean "done" (or, for availability, "done once the session ends").
SUCCESS = frozenset({"Accepted", "Unlocked", "Scheduled"})


def succeeded(answer: dict[str, Any]) -> bool:
    return str(answer.get("status")) in SUCCESS


__all__ = [
    "TOKEN_TYPES",
    "InvalidOperation",
    "Operation",
    "Request",
    "availability",
    "check_transaction_id",
    "start",
    "stop",
    "succeeded",
    "unlock",
]
