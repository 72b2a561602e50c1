"""OCPP-J framing (part 4 §4): parsing frames, CALLERROR codes, payload validation.

Validation uses the `ocpp` package's JSON schemas of the connection's version (1.6 with the
security whitepaper's messages, 2.0.1, 2.1), but not its error mapping, which
deviates from part 4 (it swaps NotImplemented and NotSupported, reports a missing field as
ProtocolError and drops unparseable frames silently). Here:

- unreadable frame (not JSON, not an array, type id not a number) → RpcFrameworkError, id "-1"
  when the messageId cannot be read (§4.2.3);
- messageId not a string, or longer than 36 characters → RpcFrameworkError;
- message type id other than 2/3/4 → MessageTypeNotSupported (§4.4);
- unknown action → NotImplemented; known action the CSMS does not take → NotSupported;
- schema violations → the code of part 4's table for the violated keyword.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from jsonschema import Draft4Validator
from jsonschema.exceptions import ValidationError as SchemaValidationError
from ocpp.messages import get_validator

from . import limits
from .versions import OcppVersion

CALL, CALLRESULT, CALLERROR = 2, 3, 4
# OCPP-J 2.1 adds two frames: CALLRESULTERROR (the receiver of a CALLRESULT could not take
# it) and SEND (a message that gets no answer, e.g. NotifyPeriodicEventStream). On a 1.6 or
# 2.0.1 connection they are unknown types (MessageTypeNotSupported).
CALLRESULTERROR, SEND = 5, 6
MAX_MESSAGE_ID = limits.MESSAGE_ID
UNREADABLE_ID = "-1"

# The official OCA schema limits exiResponse to 5600 characters; the `ocpp` package's copy
# says 7500. Strict stations enforce the official limit, so we do too, on what we send.
OFFICIAL_LIMITS: dict[tuple[str, str], int] = {
    ("Get15118EVCertificate", "exiResponse"): limits.EXI,
}


@cache
def actions(version: OcppVersion) -> frozenset[str]:
    """Every action of `version` (its schema file names without Request/Response)."""
    names = [
        e.name for e in resources.files("ocpp").joinpath(version.schema_dir, "schemas").iterdir()
    ]
    if version is OcppVersion.V16:  # 1.6 names a request's schema by the action alone
        return frozenset(
            n.removesuffix(".json")
            for n in names
            if n.endswith(".json") and not n.endswith("Response.json")
        )
    return frozenset(n.removesuffix("Request.json") for n in names if n.endswith("Request.json"))


# Every OCPP 2.0.1 action.
ACTIONS: frozenset[str] = actions(OcppVersion.V201)

# OCPP-J 1.6 §4.2.3 names its error codes differently (two of them misspelt, as they must be
# sent) and has no RpcFrameworkError or MessageTypeNotSupported: those become ProtocolError.
_CODES_16 = {
    "FormatViolation": "FormationViolation",
    "OccurrenceConstraintViolation": "OccurenceConstraintViolation",
    "RpcFrameworkError": "ProtocolError",
    "MessageTypeNotSupported": "ProtocolError",
}


def error_code(code: str, version: OcppVersion) -> str:
    """A CALLERROR code as `version` spells it."""
    return _CODES_16.get(code, code) if version is OcppVersion.V16 else code


class OcppError(Exception):
    """Becomes a CALLERROR with `code` (part 4 §4.3)."""

    code = "GenericError"

    def __init__(self, description: str = "", details: dict[str, Any] | None = None) -> None:
        super().__init__(description)
        self.description = description[: limits.ERROR_DESCRIPTION]
        self.details = details or {}


class FormatViolation(OcppError):
    code = "FormatViolation"


class GenericError(OcppError):
    code = "GenericError"


class InternalError(OcppError):
    code = "InternalError"


class MessageTypeNotSupported(OcppError):
    code = "MessageTypeNotSupported"


class NotImplementedAction(OcppError):
    code = "NotImplemented"


class NotSupported(OcppError):
    code = "NotSupported"


class OccurrenceConstraintViolation(OcppError):
    code = "OccurrenceConstraintViolation"


class PropertyConstraintViolation(OcppError):
    code = "PropertyConstraintViolation"


class ProtocolError(OcppError):
    code = "ProtocolError"


class RpcFrameworkError(OcppError):
    code = "RpcFrameworkError"


class SecurityError(OcppError):
    code = "SecurityError"


class TypeConstraintViolation(OcppError):
    code = "TypeConstraintViolation"


ERROR_CODES = frozenset(
    cls.code
    for cls in (
        FormatViolation,
        GenericError,
        InternalError,
        MessageTypeNotSupported,
        NotImplementedAction,
        NotSupported,
        OccurrenceConstraintViolation,
        PropertyConstraintViolation,
        ProtocolError,
        RpcFrameworkError,
        SecurityError,
        TypeConstraintViolation,
    )
)

# JSON-schema keyword → part 4 error code.
_KEYWORD_ERRORS: dict[str, type[OcppError]] = {
    "type": TypeConstraintViolation,
    "required": OccurrenceConstraintViolation,
    "minItems": OccurrenceConstraintViolation,
    "maxItems": OccurrenceConstraintViolation,
    "minProperties": OccurrenceConstraintViolation,
    "maxProperties": OccurrenceConstraintViolation,
    "maxLength": PropertyConstraintViolation,
    "minLength": PropertyConstraintViolation,
    "maximum": PropertyConstraintViolation,
    "minimum": PropertyConstraintViolation,
    "enum": PropertyConstraintViolation,
    "pattern": PropertyConstraintViolation,
    "format": PropertyConstraintViolation,
    "additionalProperties": FormatViolation,
}


@dataclass(frozen=True)
class Call:
    message_id: str
    action: str
    payload: dict[str, Any]


@dataclass(frozen=True)
class CallResult:
    message_id: str
    payload: dict[str, Any]


@dataclass(frozen=True)
class CallError:
    message_id: str
    code: str
    description: str
    details: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Send:
    message_id: str
    action: str
    payload: dict[str, Any]


@dataclass(frozen=True)
class CallResultError:
    message_id: str
    code: str
    description: str
    details: dict[str, Any] = field(default_factory=dict)


Frame = Call | CallResult | CallError | Send | CallResultError


class FrameError(OcppError):
    """A frame that cannot be taken; `message_id` is what the CALLERROR must carry, or None
    when no CALLERROR may be sent (a broken CALLRESULT or CALLERROR is never answered)."""

    def __init__(self, error: OcppError, message_id: str | None) -> None:
        super().__init__(error.description, error.details)
        self.code = error.code
        self.message_id = message_id


def parse_frame(text: str | bytes, version: OcppVersion = OcppVersion.V201) -> Frame:
    """One WebSocket text frame → Call / CallResult / CallError (and on 2.1 Send /
    CallResultError), or FrameError."""
    try:
        message = json.loads(text)
    except (ValueError, UnicodeDecodeError):
        raise FrameError(RpcFrameworkError("message is not valid JSON"), UNREADABLE_ID) from None
    if not isinstance(message, list) or not message:
        raise FrameError(RpcFrameworkError("message must be a JSON array"), UNREADABLE_ID)
    type_id = message[0]
    raw_id = message[1] if len(message) > 1 else None
    readable_id = raw_id if isinstance(raw_id, str) and 0 < len(raw_id) <= MAX_MESSAGE_ID else None
    if not isinstance(type_id, int) or isinstance(type_id, bool):
        raise FrameError(
            RpcFrameworkError("messageTypeId must be an integer"), readable_id or UNREADABLE_ID
        )
    known: tuple[int, ...] = (CALL, CALLRESULT, CALLERROR)
    if version is OcppVersion.V21:
        known += (CALLRESULTERROR, SEND)
    if type_id not in known:
        raise FrameError(
            MessageTypeNotSupported(f"message type {type_id} is not supported"),
            readable_id or UNREADABLE_ID,
        )
    answerable = type_id == CALL
    if readable_id is None:
        why = (
            f"messageId longer than {MAX_MESSAGE_ID} characters"
            if isinstance(raw_id, str) and raw_id
            else "messageId must be a non-empty string"
        )
        raise FrameError(RpcFrameworkError(why), UNREADABLE_ID if answerable else None)
    if type_id == CALL:
        if len(message) != 4 or not isinstance(message[2], str):
            raise FrameError(
                RpcFrameworkError("a CALL is [2, messageId, action, payload]"), readable_id
            )
        if not isinstance(message[3], dict):
            raise FrameError(FormatViolation("payload must be a JSON object"), readable_id)
        return Call(readable_id, message[2], message[3])
    if type_id == SEND:
        # Never answered, not even with an error (OCPP-J 2.1): a bad one is only logged.
        if len(message) != 4 or not isinstance(message[2], str) or not isinstance(message[3], dict):
            raise FrameError(RpcFrameworkError("a SEND is [6, messageId, action, payload]"), None)
        return Send(readable_id, message[2], message[3])
    if type_id == CALLRESULT:
        if len(message) != 3 or not isinstance(message[2], dict):
            raise FrameError(RpcFrameworkError("a CALLRESULT is [3, messageId, payload]"), None)
        return CallResult(readable_id, message[2])
    if (
        len(message) != 5
        or not isinstance(message[2], str)
        or not isinstance(message[3], str)
        or not isinstance(message[4], dict)
    ):
        raise FrameError(
            RpcFrameworkError(
                f"a frame of type {type_id} is [{type_id}, messageId, code, description, details]"
            ),
            None,
        )
    if type_id == CALLRESULTERROR:
        return CallResultError(readable_id, message[2], message[3], message[4])
    return CallError(readable_id, message[2], message[3], message[4])


@cache
def _validator(action: str, kind: int, version: OcppVersion) -> Draft4Validator:
    return get_validator(kind, action, version.value)


def validate(
    action: str,
    payload: dict[str, Any],
    *,
    request: bool,
    version: OcppVersion = OcppVersion.V201,
) -> None:
    """Raise the part 4 error for the first schema violation of `payload`."""
    if action not in actions(version):
        raise NotImplementedAction(f"{action} is not an OCPP {version.value} action")
    validator = _validator(action, CALL if request else CALLRESULT, version)
    error: SchemaValidationError | None = next(iter(validator.iter_errors(payload)), None)
    if error is not None:
        where = "/".join(str(p) for p in error.absolute_path) or "payload"
        cls = _KEYWORD_ERRORS.get(str(error.validator), FormatViolation)
        raise cls(
            f"{where}: {error.message}"[: limits.ERROR_DESCRIPTION],
            {"keyword": str(error.validator)},
        )
    if not request and version is not OcppVersion.V21:  # 2.1's schema carries its own bounds
        for (limited_action, key), limit in OFFICIAL_LIMITS.items():
            value = payload.get(key)
            if action == limited_action and isinstance(value, str) and len(value) > limit:
                raise PropertyConstraintViolation(f"{key} longer than {limit} characters")


def validate_in_some_version(action: str, payload: dict[str, Any]) -> None:
    """Refuse a request that no OCPP version takes (its first version's error); one that some
    version takes may go on to the node holding the station, which checks it against that
    station's own version."""
    first: OcppError | None = None
    for version in (OcppVersion.V201, OcppVersion.V21, OcppVersion.V16):
        try:
            validate(action, payload, request=True, version=version)
            return
        except OcppError as exc:
            first = first or exc
    assert first is not None
    raise first


def encode_call(message_id: str, action: str, payload: dict[str, Any]) -> str:
    return json.dumps([CALL, message_id, action, payload], separators=(",", ":"))


def encode_result(message_id: str, payload: dict[str, Any]) -> str:
    return json.dumps([CALLRESULT, message_id, payload], separators=(",", ":"))


def encode_result_error(message_id: str, error: OcppError) -> str:
    """OCPP-J 2.1's CALLRESULTERROR: a CALLRESULT we received and could not take."""
    return json.dumps(
        [CALLRESULTERROR, message_id, error.code, error.description, error.details],
        separators=(",", ":"),
        default=str,
    )


def encode_error(message_id: str, error: OcppError, version: OcppVersion = OcppVersion.V201) -> str:
    return json.dumps(
        [CALLERROR, message_id, error_code(error.code, version), error.description, error.details],
        separators=(",", ":"),
        default=str,
    )
