"""Station operations through the REST API on PostgreSQL, against stations really connected
over OCPP 2.0.1 and 1.6: remote start and stop, unlock, change availability, each in the
station's own version's message; who may run them on which station (a partner on its own
stations only, a driver stopping only an ongoing session of their own); a station that is not
connected; the audit trail and the metrics."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest
from sqlalchemy import select

from auth.audit import AuditEvent
from csms.ocpp.db import TransactionRecord
from csms.ocpp.runner import BackgroundServer
from tests.auth.conftest import World
from tests.console.station_peer import ChargingPeer

pytestmark = [pytest.mark.postgres]

ST20 = "ST-OPS-20"  # Partner A's, OCPP 2.0.1
ST16 = "ST-OPS-16"  # Partner A's, OCPP 1.6
PASSWORD = "operations-station-password-1"


@pytest.fixture(scope="module")
def stations(world: World) -> Iterator[dict[str, ChargingPeer]]:
    container = world.container
    background = BackgroundServer(container.ocpp)
    ports = background.start(port=0)
    with container.transaction() as session:
        for station_id in (ST20, ST16):
            container.ocpp.registry.add(
                session,
                station_id,
                security_profile=1,
                password=PASSWORD,
                partner="Partner A",
                actor="test",
            )
    url = f"ws://127.0.0.1:{ports['ws']}/ocpp/"
    peers = {
        ST20: ChargingPeer(url + ST20, ST20, PASSWORD, version="2.0.1"),
        ST16: ChargingPeer(url + ST16, ST16, PASSWORD, version="1.6"),
    }
    yield peers
    for peer in peers.values():
        peer.close()
    background.stop()


def _post(world: World, role: str, path: str, body: dict[str, Any] | None = None) -> httpx.Response:
    with world.client(role) as client:
        return client.post(path, json=body)


def _sent(peer: ChargingPeer, call: Callable[[], httpx.Response]) -> tuple[httpx.Response, Any]:
    """The API's answer and the one CALL the station received for it."""
    before = len(peer.received)
    answer = call()
    new = peer.received[before:]
    assert len(new) == (1 if answer.status_code == 200 else 0), (answer.text, new)
    return answer, new[0] if new else None


def _wait_for(predicate: Callable[[], Any], what: str) -> Any:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        found = predicate()
        if found:
            return found
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


def _session(world: World, station_id: str, transaction_id: str) -> TransactionRecord | None:
    with world.container.transaction() as session:
        return session.scalar(
            select(TransactionRecord).where(
                TransactionRecord.station_id == station_id,
                TransactionRecord.transaction_id == transaction_id,
            )
        )


def _audit(world: World, action: str, since: int) -> list[AuditEvent]:
    with world.container.transaction() as session:
        return list(
            session.scalars(
                select(AuditEvent)
                .where(AuditEvent.action == action, AuditEvent.id > since)
                .order_by(AuditEvent.id)
            )
        )


def _last_audit_id(world: World) -> int:
    with world.container.transaction() as session:
        return int(session.scalar(select(AuditEvent.id).order_by(AuditEvent.id.desc())) or 0)


def test_201_start_stop_unlock_availability(
    world: World, stations: dict[str, ChargingPeer]
) -> None:
    peer = stations[ST20]
    since = _last_audit_id(world)
    base = f"/api/v1/stations/{ST20}"

    answer, (action, payload) = _sent(
        peer,
        lambda: _post(
            world, "technician", f"{base}/remote-start", {"evse_id": 1, "id_token": "TECH-0001"}
        ),
    )
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["ok"] is True and body["status"] == "Accepted" and body["ocppVersion"] == "2.0.1"
    assert action == "RequestStartTransaction" == body["action"]
    assert payload["idToken"] == {"idToken": "TECH-0001", "type": "Central"}
    assert payload["evseId"] == 1
    assert isinstance(payload["remoteStartId"], int) and payload["remoteStartId"] > 0
    # The station did what it was asked: the session is ongoing in the CSMS's records.
    transaction_id = f"remote-{payload['remoteStartId']}"
    started = _wait_for(lambda: _session(world, ST20, transaction_id), "the started session")
    assert started.state != "ended" and started.id_token == "TECH-0001"

    answer, (action, payload) = _sent(
        peer,
        lambda: _post(world, "admin", f"{base}/remote-stop", {"transaction_id": transaction_id}),
    )
    assert answer.status_code == 200, answer.text
    assert (action, payload) == ("RequestStopTransaction", {"transactionId": transaction_id})
    _wait_for(
        lambda: (s := _session(world, ST20, transaction_id)) is not None and s.state == "ended",
        "the session to end",
    )
    # Ended: nothing to stop any more.
    again = _post(world, "admin", f"{base}/remote-stop", {"transaction_id": transaction_id})
    assert again.status_code == 404, again.text

    answer, (action, payload) = _sent(
        peer,
        lambda: _post(world, "partner_a", f"{base}/unlock", {"evse_id": 1, "connector_id": 1}),
    )
    assert answer.status_code == 200 and answer.json()["status"] == "Unlocked", answer.text
    assert (action, payload) == ("UnlockConnector", {"evseId": 1, "connectorId": 1})

    answer, (action, payload) = _sent(
        peer,
        lambda: _post(
            world,
            "technician",
            f"{base}/availability",
            {"operative": False, "evse_id": 1, "connector_id": 1},
        ),
    )
    assert answer.status_code == 200, answer.text
    assert (action, payload) == (
        "ChangeAvailability",
        {"operationalStatus": "Inoperative", "evse": {"id": 1, "connectorId": 1}},
    )
    answer, (action, payload) = _sent(
        peer, lambda: _post(world, "technician", f"{base}/availability", {"operative": True})
    )
    assert (action, payload) == ("ChangeAvailability", {"operationalStatus": "Operative"})

    # Each command is audited: who, which station, what, the station's answer.
    rows = _audit(world, "station.command", since)
    seen = [(r.actor, r.details["command"], r.details["operation"], r.details["outcome"])
            for r in rows if r.details.get("station") == ST20]  # fmt: skip
    assert seen == [
        ("user:tech-1", "RequestStartTransaction", "start", "Accepted"),
        ("user:admin-1", "RequestStopTransaction", "stop", "Accepted"),
        ("user:staff-a", "UnlockConnector", "unlock", "Unlocked"),
        ("user:tech-1", "ChangeAvailability", "availability", "Accepted"),
        ("user:tech-1", "ChangeAvailability", "availability", "Accepted"),
    ]
    assert rows[0].details["payload"]["idToken"]["idToken"] == "TECH-0001"


def test_16_messages_carry_16_fields(world: World, stations: dict[str, ChargingPeer]) -> None:
    peer = stations[ST16]
    base = f"/api/v1/stations/{ST16}"
    answer, (action, payload) = _sent(
        peer,
        lambda: _post(world, "admin", f"{base}/remote-start", {"evse_id": 2, "id_token": "TAG16"}),
    )
    assert answer.status_code == 200 and answer.json()["ocppVersion"] == "1.6", answer.text
    assert (action, payload) == ("RemoteStartTransaction", {"idTag": "TAG16", "connectorId": 2})

    transaction_id = peer.start_16(2, "TAG16")
    answer, (action, payload) = _sent(
        peer,
        lambda: _post(
            world, "technician", f"{base}/remote-stop", {"transaction_id": str(transaction_id)}
        ),
    )
    assert answer.status_code == 200, answer.text
    assert (action, payload) == ("RemoteStopTransaction", {"transactionId": transaction_id})

    answer, (action, payload) = _sent(
        peer, lambda: _post(world, "technician", f"{base}/unlock", {"evse_id": 2})
    )
    assert answer.json()["status"] == "Unlocked"
    assert (action, payload) == ("UnlockConnector", {"connectorId": 2})

    answer, (action, payload) = _sent(
        peer, lambda: _post(world, "partner_a", f"{base}/availability", {"operative": False})
    )
    assert (action, payload) == ("ChangeAvailability", {"connectorId": 0, "type": "Inoperative"})
    answer, (action, payload) = _sent(
        peer,
        lambda: _post(
            world, "partner_a", f"{base}/availability", {"operative": True, "evse_id": 2}
        ),
    )
    assert (action, payload) == ("ChangeAvailability", {"connectorId": 2, "type": "Operative"})

    # What 1.6 cannot carry is refused before anything is sent: typed, 422, with the reason.
    for body, path in (
        ({"evse_id": 1, "id_token": "X" * 21}, "remote-start"),  # idTag holds 20
        ({"evse_id": 1, "connector_id": 2}, "unlock"),  # 1.6: EVSE n is connector n
    ):
        refused, sent = _sent(peer, lambda b=body, p=path: _post(world, "admin", f"{base}/{p}", b))
        assert refused.status_code == 422 and sent is None, refused.text
        assert "1.6" in refused.json()["detail"]


def test_bad_input_is_refused_with_a_reason(
    world: World, stations: dict[str, ChargingPeer]
) -> None:
    peer = stations[ST20]
    base = f"/api/v1/stations/{ST20}"
    for path, body in (
        ("remote-start", {"evse_id": 0, "id_token": "A"}),
        ("remote-start", {"evse_id": 1, "id_token": "A" * 37}),
        ("remote-start", {"evse_id": 1, "id_token": "A", "id_token_type": "Password"}),
        ("remote-start", {"evse_id": "1", "id_token": "A"}),
        ("unlock", {"evse_id": 10_000, "connector_id": 1}),
        ("availability", {"operative": "no"}),
        ("availability", {"operative": False, "connector_id": 1}),  # a connector needs its EVSE
        ("remote-stop", {"transaction_id": "x" * 37}),
    ):
        refused, sent = _sent(peer, lambda p=path, b=body: _post(world, "admin", f"{base}/{p}", b))
        assert refused.status_code == 422 and sent is None, (path, body, refused.text)


def test_who_may_operate_which_station(world: World, stations: dict[str, ChargingPeer]) -> None:
    peer = stations[ST20]
    since = _last_audit_id(world)
    unlock = {"evse_id": 1, "connector_id": 1}
    # Partner B does not see Partner A's station: the same 404 as for no station at all.
    other, sent = _sent(
        peer, lambda: _post(world, "partner_b", f"/api/v1/stations/{ST20}/unlock", unlock)
    )
    assert other.status_code == 404 and sent is None
    nowhere = _post(world, "partner_b", "/api/v1/stations/NO-SUCH/unlock", unlock)
    assert nowhere.status_code == 404
    # Drivers do not operate stations; visitors log in first.
    for role, status in (("client_x", 403), ("anonymous", 401)):
        refused, sent = _sent(
            peer, lambda r=role: _post(world, r, f"/api/v1/stations/{ST20}/unlock", unlock)
        )
        assert refused.status_code == status and sent is None, (role, refused.text)
    # The service's refusal is audited (the API's early check answers before it for drivers).
    refusals = _audit(world, "station.operation_refused", since)
    assert [(r.actor, r.details["station"], r.details["operation"]) for r in refusals] == [
        ("user:staff-b", ST20, "unlock"),
        ("user:staff-b", "NO-SUCH", "unlock"),
    ]


def test_a_driver_stops_only_an_ongoing_session_of_their_own(
    world: World, stations: dict[str, ChargingPeer]
) -> None:
    peer = stations[ST20]
    now = datetime.now(UTC)
    with world.container.transaction() as session:
        for transaction_id, emaid in (("drv-x-1", "emaid_x"), ("drv-y-1", "emaid_y")):
            session.add(
                TransactionRecord(
                    station_id=ST20,
                    transaction_id=transaction_id,
                    state="updated",
                    started_at=now,
                    updated_at=now,
                    evse_id=1,
                    id_token=world.facts[emaid],
                    id_token_type="eMAID",
                    verified=True,
                )
            )
    # Driver Y cannot stop driver X's session (nor learn that it exists): 404, nothing sent.
    refused, sent = _sent(
        peer, lambda: _post(world, "client_y", f"/api/v1/sessions/{ST20}/drv-x-1/stop")
    )
    assert refused.status_code == 404 and sent is None, refused.text
    # Partner staff and technicians stop sessions at the station's door, not as drivers.
    assert _post(world, "partner_a", f"/api/v1/sessions/{ST20}/drv-x-1/stop").status_code == 403
    answer, (action, payload) = _sent(
        peer, lambda: _post(world, "client_x", f"/api/v1/sessions/{ST20}/drv-x-1/stop")
    )
    assert answer.status_code == 200 and answer.json()["ok"] is True, answer.text
    assert (action, payload) == ("RequestStopTransaction", {"transactionId": "drv-x-1"})
    # Hostile ids are bounded at the door and in the service: nothing is sent.
    long, sent = _sent(
        peer, lambda: _post(world, "client_x", f"/api/v1/sessions/{ST20}/{'x' * 37}/stop")
    )
    assert long.status_code == 422 and sent is None
    # A driver may not start, unlock or change anything, even at a station they charge at.
    start = _post(
        world,
        "client_y",
        f"/api/v1/stations/{ST20}/remote-start",
        {"evse_id": 1, "id_token": "A"},
    )
    assert start.status_code == 403


def test_a_station_that_is_not_connected(world: World, stations: dict[str, ChargingPeer]) -> None:
    since = _last_audit_id(world)
    answer = _post(world, "technician", "/api/v1/stations/ST-A-1/unlock", {"evse_id": 1})
    assert answer.status_code == 409 and "not connected" in answer.json()["detail"]
    rows = [r for r in _audit(world, "station.command", since) if r.details["station"] == "ST-A-1"]
    assert [r.details["outcome"][:18] for r in rows] == ["StationUnavailable"]


def test_operations_are_counted_and_timed(world: World, stations: dict[str, ChargingPeer]) -> None:
    assert _post(world, "technician", f"/api/v1/stations/{ST20}/unlock", {"evse_id": 1})
    _post(world, "technician", "/api/v1/stations/ST-B-1/unlock", {"evse_id": 1})  # offline
    with httpx.Client(base_url=world.url, timeout=30) as client:
        text = client.get("/metrics").text
    assert 'csms_station_operations_total{operation="unlock",outcome="Unlocked"}' in text
    assert 'csms_station_operations_total{operation="unlock",outcome="not_connected"}' in text
    assert 'csms_station_operation_seconds_count{operation="unlock"}' in text
