"""Tenant and owner isolation: what each list holds, and what guessed IDs reveal (nothing)."""

from __future__ import annotations

from urllib.parse import quote

import pytest

from tests.auth.conftest import PCID_X, PCID_Y, World
from tests.harness.pages import every_item

pytestmark = pytest.mark.postgres


def _get(world: World, role: str, path: str) -> list[dict]:
    with world.client(role) as client:
        if path.endswith("/public/stations"):
            answer = client.get(path, params={"limit": 1000})
            assert answer.status_code == 200, answer.text
            return answer.json()  # type: ignore[no-any-return]
        return every_item(client, path)


def test_partners_see_only_their_stations(world: World) -> None:
    a = {s["id"] for s in _get(world, "partner_a", "/api/v1/stations")}
    b = {s["id"] for s in _get(world, "partner_b", "/api/v1/stations")}
    assert "ST-A-1" in a and "ST-B-1" not in a
    assert "ST-B-1" in b and "ST-A-1" not in b
    assert all(s["partner"] == "Partner A" for s in _get(world, "partner_a", "/api/v1/stations"))
    everything = {s["id"] for s in _get(world, "technician", "/api/v1/stations")}
    assert {"ST-A-1", "ST-B-1"} <= everything


def test_partner_registers_stations_only_for_itself(world: World) -> None:
    with world.client("partner_a") as client:
        own = client.post("/api/v1/stations", json={"id": "ST-A-NEW", "security_profile": 1})
        assert own.status_code == 201, own.text
        assert own.json()["partner"] == "Partner A"
        assert len(own.json()["password"]) >= 16  # shown once
        again = client.get("/api/v1/stations/ST-A-NEW").json()
        assert again["password"] is None
        other = client.post("/api/v1/stations", json={"id": "ST-A-FOR-B", "partner": "Partner B"})
        assert other.status_code == 403
    with world.client("partner_b") as client:
        assert client.get("/api/v1/stations/ST-A-NEW").status_code == 404


def test_partners_see_only_their_partner(world: World) -> None:
    assert [p["name"] for p in _get(world, "partner_a", "/api/v1/partners")] == ["Partner A"]
    with world.client("partner_a") as client:
        assert client.get(f"/api/v1/partners/{quote('Partner B')}").status_code == 404


def test_clients_see_only_their_contracts(world: World) -> None:
    x = {c["emaid"] for c in _get(world, "client_x", "/api/v1/contracts")}
    y = {c["emaid"] for c in _get(world, "client_y", "/api/v1/contracts")}
    assert world.facts["emaid_x"] in x and world.facts["emaid_y"] not in x
    assert world.facts["emaid_y"] in y and world.facts["emaid_x"] not in y
    assert all(c["owner"] == "driver-x" for c in _get(world, "client_x", "/api/v1/contracts"))
    # Each contract shows its car, and only its own.
    [mine] = [
        c
        for c in _get(world, "client_x", "/api/v1/contracts")
        if c["emaid"] == world.facts["emaid_x"]
    ]
    assert mine["pcids"] == [PCID_X]
    with world.client("client_x") as client:
        one = client.get(f"/api/v1/contracts/{world.facts['emaid_x']}").json()
    assert one["pcids"] == [PCID_X] and PCID_Y not in str(one)


def test_a_client_cannot_terminate_or_create_for_someone_else(world: World) -> None:
    with world.client("client_y") as client:
        answer = client.post(f"/api/v1/contracts/{world.facts['emaid_x']}/terminate")
        assert answer.status_code == 404
        foreign = client.post(
            "/api/v1/contracts", json={"pcid": "ZZ00000FOREIGN001", "owner": "driver-x"}
        )
        assert foreign.status_code == 403
    with world.client("client_x") as client:
        assert (
            client.get(f"/api/v1/contracts/{world.facts['emaid_x']}").json()["status"] == "active"
        )


def test_a_client_terminates_its_own_contract(world: World) -> None:
    with world.client("client_x") as client:
        made = client.post("/api/v1/contracts", json={"pcid": "ZZ00000OWNCAR0001"})
        assert made.status_code == 201, made.text
        emaid = made.json()["emaid"]
        assert made.json()["owner"] == "driver-x"
        ended = client.post(f"/api/v1/contracts/{emaid}/terminate")
        assert ended.status_code == 200
        assert ended.json()["status"] == "terminated"
        assert client.post(f"/api/v1/contracts/{emaid}/terminate").status_code == 409


def test_public_station_list_has_no_owner_data(world: World) -> None:
    stations = _get(world, "anonymous", "/api/v1/public/stations")
    assert {"ST-A-1", "ST-B-1"} <= {s["id"] for s in stations}
    # Where a station stands is public (the map); who owns it and how it logs in are not.
    assert all(set(s) == {"id", "available", "connectors", "location"} for s in stations)


def test_technician_sees_station_certificates_only_and_revokes_them(world: World) -> None:
    tech = _get(world, "technician", "/api/v1/certificates")
    assert tech and all(c["profile"] in {"charging-station", "secc", "secc-20"} for c in tech)
    admin = _get(world, "admin", "/api/v1/certificates")
    assert {"csms-server", "charging-station"} <= {c["profile"] for c in admin}
    with world.client("technician") as client:
        other = client.post(f"/api/v1/certificates/{world.facts['other_serial']}/revoke", json={})
        assert other.status_code == 403
        revoked = client.post(
            f"/api/v1/certificates/{world.facts['station_serial']}/revoke",
            json={"reason": "keyCompromise"},
        )
        assert revoked.status_code == 200, revoked.text
        assert revoked.json()["status"] == "revoked"
        twice = client.post(f"/api/v1/certificates/{world.facts['station_serial']}/revoke", json={})
        assert twice.status_code == 409
        bad = client.post("/api/v1/certificates/ZZZ/revoke", json={})
        assert bad.status_code == 422


def test_users_list_hides_nothing_from_admins_and_everything_from_others(world: World) -> None:
    names = {u["username"] for u in _get(world, "admin", "/api/v1/users")}
    assert {"admin-1", "staff-a", "driver-x"} <= names
    for role in ("technician", "partner_a", "client_x"):
        with world.client(role) as client:
            assert client.get("/api/v1/users").status_code == 403
            assert client.get("/api/v1/users/driver-x").status_code == 403
