"""Malformed OCPP-J traffic gets part 4's CALLERROR or close code, and nobody else suffers."""

from __future__ import annotations

import json
import time

import pytest
from websockets.exceptions import ConnectionClosed

from tests.ocpp.client import boot, call, open_station, raw

pytestmark = pytest.mark.postgres

BOOT = {"reason": "PowerUp", "chargingStation": {"model": "T1", "vendorName": "UzTest"}}

# (frame, expected messageId in the CALLERROR, expected error code)
CASES = [
    ("this is not json", "-1", "RpcFrameworkError"),
    ('{"an": "object"}', "-1", "RpcFrameworkError"),
    ("[]", "-1", "RpcFrameworkError"),
    ('["2", "m1", "Heartbeat", {}]', "m1", "RpcFrameworkError"),
    ('[7, "m2", "Heartbeat", {}]', "m2", "MessageTypeNotSupported"),
    ('[2, 12345, "Heartbeat", {}]', "-1", "RpcFrameworkError"),
    (json.dumps([2, "x" * 37, "Heartbeat", {}]), "-1", "RpcFrameworkError"),
    ('[2, "m3", "Heartbeat"]', "m3", "RpcFrameworkError"),
    ('[2, "m4", "Heartbeat", []]', "m4", "FormatViolation"),
    ('[2, "m5", "FlyToTheMoon", {}]', "m5", "NotImplemented"),
    ('[2, "m6", "Reset", {"type": "Immediate"}]', "m6", "NotSupported"),  # CSMS→CS action
    ('[2, "m7", "BootNotification", {"reason": "PowerUp"}]', "m7", "OccurrenceConstraintViolation"),
    (
        json.dumps([2, "m8", "BootNotification", {**BOOT, "reason": 5}]),
        "m8",
        "TypeConstraintViolation",
    ),
    (
        json.dumps([2, "m9", "BootNotification", {**BOOT, "reason": "Bored"}]),
        "m9",
        "PropertyConstraintViolation",
    ),
    (
        json.dumps([2, "m10", "BootNotification", {**BOOT, "surprise": 1}]),
        "m10",
        "FormatViolation",
    ),
    (
        json.dumps(
            [
                2,
                "m11",
                "BootNotification",
                {"reason": "PowerUp", "chargingStation": {"model": "M" * 21, "vendorName": "V"}},
            ]
        ),
        "m11",
        "PropertyConstraintViolation",
    ),
]


@pytest.mark.parametrize(("frame", "message_id", "code"), CASES)
def test_bad_frames_get_the_spec_error(ocpp, frame: str, message_id: str, code: str) -> None:
    ocpp.add("BAD")
    with open_station(ocpp.ws_url("BAD"), "BAD") as ws:
        answer = raw(ws, frame)
        assert answer[0] == 4 and len(answer) == 5
        assert answer[1] == message_id and answer[2] == code, answer
        assert isinstance(answer[3], str) and isinstance(answer[4], dict)
        # The connection carries on.
        assert boot(ws)[2]["status"] == "Accepted"


def test_unknown_response_ids_are_not_answered_and_the_connection_survives(ocpp) -> None:
    ocpp.add("UR")
    with open_station(ocpp.ws_url("UR"), "UR") as ws:
        boot(ws)
        ws.send('[3, "nobody-asked", {}]')
        ws.send('[4, "nobody-asked-either", "GenericError", "", {}]')
        # The next frame we get is the answer to our Heartbeat: nothing answered the strays.
        assert call(ws, "Heartbeat", {})[0] == 3
        stats = ocpp.container.ocpp.hub.connection("UR").stats  # counted, not silently dropped
        assert stats.unmatched_responses == 2 and stats.bad_frames == 2
    connection_stats = ocpp.server.refusals  # no refusal: the station was never refused
    assert not [r for r in connection_stats if r.station_id == "UR"]


def test_too_many_bad_frames_in_a_row_close_with_1002(start_ocpp) -> None:
    ocpp = start_ocpp()
    ocpp.server.settings.ocpp_max_bad_messages = 3
    ocpp.add("NOISY")
    with open_station(ocpp.ws_url("NOISY"), "NOISY") as ws:
        for _ in range(3):
            ws.send('[3, "stray", {}]')
        with pytest.raises(ConnectionClosed):
            for _ in range(5):
                ws.recv(timeout=5)
    assert ws.close_code == 1002


def test_oversize_frame_closes_with_1009_and_others_carry_on(ocpp) -> None:
    ocpp.add("BIG")
    ocpp.add("CALM")
    with open_station(ocpp.ws_url("CALM"), "CALM") as calm:
        boot(calm)
        with open_station(ocpp.ws_url("BIG"), "BIG") as big:
            limit = ocpp.container.settings.ocpp_max_frame_bytes
            big.send(json.dumps([2, "huge", "DataTransfer", {"vendorId": "x" * limit}]))
            with pytest.raises(ConnectionClosed):
                big.recv(timeout=10)
            assert big.close_code == 1009
        assert call(calm, "Heartbeat", {})[0] == 3


def test_second_call_while_the_first_is_outstanding(ocpp) -> None:
    """One outstanding CALL per direction (4.1.1): the second gets a CALLERROR."""
    ocpp.add("TWO")
    with open_station(ocpp.ws_url("TWO"), "TWO") as ws:
        boot(ws)
        # SignCertificate takes a moment (issuance); a Heartbeat right behind it is refused.
        from tests.pki.helpers import make_csr

        csr = make_csr(cn="TWO", o=ocpp.container.settings.organization).decode()
        ws.send(json.dumps([2, "first", "SignCertificate", {"csr": csr}]))
        ws.send(json.dumps([2, "second", "Heartbeat", {}]))
        answers = {}
        deadline = time.monotonic() + 15
        while len(answers) < 2 and time.monotonic() < deadline:
            frame = json.loads(ws.recv(timeout=15))
            if frame[0] in (3, 4) and frame[1] in ("first", "second"):
                answers[frame[1]] = frame
        assert answers["first"][0] == 3 and answers["first"][2]["status"] == "Accepted"
        assert answers["second"][0] == 4 and answers["second"][2] == "RpcFrameworkError"


def test_no_subprotocol_offered_closes_after_handshake(ocpp) -> None:
    ocpp.add("NOSUB")
    with open_station(ocpp.ws_url("NOSUB"), "NOSUB", subprotocols=None) as ws:
        assert ws.subprotocol is None
        with pytest.raises(ConnectionClosed):
            ws.recv(timeout=5)
    assert ws.close_code == 1002
    offered = ("ocpp1.6", "ocpp2.0.1")
    with open_station(ocpp.ws_url("NOSUB"), "NOSUB", subprotocols=offered) as ws:
        assert ws.subprotocol == "ocpp2.0.1"


def test_a_new_connection_of_the_same_station_replaces_the_old(ocpp) -> None:
    ocpp.add("TWICE")
    with open_station(ocpp.ws_url("TWICE"), "TWICE") as first:
        boot(first)
        with open_station(ocpp.ws_url("TWICE"), "TWICE") as second:
            with pytest.raises(ConnectionClosed):
                first.recv(timeout=10)
            assert first.close_code == 1000
            # The boot state belongs to the station, not the connection (part 4 §5.3).
            assert call(second, "Heartbeat", {})[0] == 3
            registered = ocpp.container.ocpp.hub.connection("TWICE").websocket.remote_address
            assert registered[1] == second.socket.getsockname()[1]
