"""The hostile-traffic table of the 2.0.1 core (tests/ocpp/test_malformed_traffic.py) on 1.6
and 2.1 connections: each bad frame gets its version's CALLERROR (1.6 spells two codes as
OCPP-J 1.6 does and has ProtocolError where 2.0.1 has RpcFrameworkError and
MessageTypeNotSupported), and the connection carries on. Plus the PnC DataTransfer's own
refusals on 1.6, and 2.1's new frame types."""

from __future__ import annotations

import json

import pytest
from websockets.exceptions import ConnectionClosed

from tests.ocpp.client import call, open_station, raw

pytestmark = pytest.mark.postgres

BOOT16 = {"chargePointVendor": "UzTest", "chargePointModel": "T16"}
BOOT21 = {"reason": "PowerUp", "chargingStation": {"model": "T21", "vendorName": "UzTest"}}
PNC = "org.openchargealliance.iso15118pnc"

# (frame, expected messageId, expected error code) on a 1.6 connection.
CASES_16 = [
    ("this is not json", "-1", "ProtocolError"),
    ('{"an": "object"}', "-1", "ProtocolError"),
    ('["2", "m1", "Heartbeat", {}]', "m1", "ProtocolError"),
    ('[7, "m2", "Heartbeat", {}]', "m2", "ProtocolError"),
    ('[5, "m2b", "GenericError", "", {}]', "m2b", "ProtocolError"),  # 2.1's frames: not in 1.6
    ('[6, "m2c", "Heartbeat", {}]', "m2c", "ProtocolError"),
    (json.dumps([2, "x" * 37, "Heartbeat", {}]), "-1", "ProtocolError"),
    ('[2, "m4", "Heartbeat", []]', "m4", "FormationViolation"),
    ('[2, "m5", "FlyToTheMoon", {}]', "m5", "NotImplemented"),
    ('[2, "m6", "RemoteStartTransaction", {"idTag": "T"}]', "m6", "NotSupported"),
    ('[2, "m6b", "TransactionEvent", {}]', "m6b", "NotImplemented"),  # 2.0.1's, not 1.6's
    (
        '[2, "m7", "BootNotification", {"chargePointVendor": "V"}]',
        "m7",
        "OccurenceConstraintViolation",
    ),
    (
        json.dumps([2, "m8", "BootNotification", {**BOOT16, "chargePointModel": 5}]),
        "m8",
        "TypeConstraintViolation",
    ),
    (
        json.dumps([2, "m9", "BootNotification", {**BOOT16, "chargePointModel": "M" * 21}]),
        "m9",
        "PropertyConstraintViolation",
    ),
    (
        json.dumps([2, "m10", "BootNotification", {**BOOT16, "surprise": 1}]),
        "m10",
        "FormationViolation",
    ),
    (
        json.dumps([2, "m11", "DataTransfer", {"vendorId": PNC, "data": {"not": "a string"}}]),
        "m11",
        "TypeConstraintViolation",
    ),
]

CASES_21 = [
    ("this is not json", "-1", "RpcFrameworkError"),
    ('[7, "m2", "Heartbeat", {}]', "m2", "MessageTypeNotSupported"),
    ('[2, "m4", "Heartbeat", []]', "m4", "FormatViolation"),
    ('[2, "m5", "FlyToTheMoon", {}]', "m5", "NotImplemented"),
    ('[2, "m6", "Reset", {"type": "Immediate"}]', "m6", "NotSupported"),
    ('[2, "m6b", "StartTransaction", {}]', "m6b", "NotImplemented"),  # 1.6's, not 2.1's
    ('[2, "m7", "BootNotification", {"reason": "PowerUp"}]', "m7", "OccurrenceConstraintViolation"),
    (
        json.dumps([2, "m8", "BootNotification", {**BOOT21, "reason": 5}]),
        "m8",
        "TypeConstraintViolation",
    ),
    (
        json.dumps([2, "m10", "BootNotification", {**BOOT21, "surprise": 1}]),
        "m10",
        "FormatViolation",
    ),
]


def _boot(ws, version: str) -> str:  # type: ignore[no-untyped-def]
    return call(ws, "BootNotification", BOOT16 if version == "1.6" else BOOT21)[2]["status"]


@pytest.mark.parametrize(
    ("version", "frame", "message_id", "code"),
    [("1.6", *case) for case in CASES_16] + [("2.1", *case) for case in CASES_21],
)
def test_bad_frames_get_the_versions_error(ocpp, version, frame, message_id, code) -> None:  # type: ignore[no-untyped-def]
    station_id = f"BAD-{version}"
    ocpp.add(station_id)
    with open_station(ocpp.ws_url(station_id), station_id, subprotocols=(f"ocpp{version}",)) as ws:
        assert ws.subprotocol == f"ocpp{version}"
        answer = raw(ws, frame)
        assert answer[0] == 4 and len(answer) == 5
        assert answer[1] == message_id and answer[2] == code, answer
        assert isinstance(answer[3], str) and isinstance(answer[4], dict)
        assert _boot(ws, version) == "Accepted"  # the connection carries on


@pytest.mark.parametrize("version", ["1.6", "2.1"])
def test_calls_before_boot_are_security_errors(ocpp, version) -> None:  # type: ignore[no-untyped-def]
    station_id = f"EARLY-{version}"
    ocpp.add(station_id)
    with open_station(ocpp.ws_url(station_id), station_id, subprotocols=(f"ocpp{version}",)) as ws:
        answer = call(ws, "Heartbeat", {})
        assert answer[0] == 4 and answer[2] == "SecurityError", answer
        assert _boot(ws, version) == "Accepted"


@pytest.mark.parametrize("version", ["1.6", "2.1"])
def test_oversize_frame_closes_with_1009(ocpp, version) -> None:  # type: ignore[no-untyped-def]
    station_id = f"BIG-{version}"
    ocpp.add(station_id)
    with open_station(ocpp.ws_url(station_id), station_id, subprotocols=(f"ocpp{version}",)) as ws:
        ws.send(json.dumps([2, "big", "Heartbeat", {"pad": "x" * 70_000}]))
        with pytest.raises(ConnectionClosed):
            ws.recv(timeout=10)
    assert ws.close_code == 1009


def test_pnc_envelope_hostile_data_on_1_6(ocpp) -> None:  # type: ignore[no-untyped-def]
    """Unknown vendor, unknown messageId, data that is not JSON, JSON that is not an object,
    an inner payload that breaks the 2.0.1 schema, a huge inner string: each a DataTransfer
    status with a reason, never a crash; the station is served afterwards."""
    ocpp.add("DT-HOSTILE")
    with open_station(ocpp.ws_url("DT-HOSTILE"), "DT-HOSTILE", subprotocols=("ocpp1.6",)) as ws:
        assert _boot(ws, "1.6") == "Accepted"
        cases = [
            ({"vendorId": "com.example"}, "UnknownVendorId"),
            ({"vendorId": PNC, "messageId": "Reset", "data": "{}"}, "UnknownMessageId"),
            ({"vendorId": PNC, "messageId": "CertificateSigned", "data": "{}"}, "UnknownMessageId"),
            ({"vendorId": PNC, "messageId": "Authorize", "data": "AUTH ME PLEASE"}, "Rejected"),
            ({"vendorId": PNC, "messageId": "Authorize", "data": "null"}, "Rejected"),
            ({"vendorId": PNC, "messageId": "Authorize", "data": '{"idToken": 1}'}, "Rejected"),
            (
                {
                    "vendorId": PNC,
                    "messageId": "Get15118EVCertificate",
                    "data": json.dumps(
                        {
                            "iso15118SchemaVersion": "urn:iso:15118:2:2013:MsgDef",
                            "action": "Install",
                            "exiRequest": "A" * 6000,  # beyond 2.0.1's 5600
                        }
                    ),
                },
                "Rejected",
            ),
        ]
        for payload, status in cases:
            answer = call(ws, "DataTransfer", payload)
            assert answer[0] == 3 and answer[2]["status"] == status, (payload, answer)
            if status == "Rejected":
                assert isinstance(answer[2]["data"], str) and len(answer[2]["data"]) <= 200
        assert call(ws, "Heartbeat", {})[0] == 3
