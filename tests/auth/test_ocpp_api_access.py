"""The OCPP core's REST API under the product's policy: each role sees and commands only what
the seed policy gives it, a partner only its own stations, and nobody unauthenticated."""

from __future__ import annotations

import httpx
import pytest

from tests.auth.conftest import World

pytestmark = [pytest.mark.postgres]


def _get(world: World, role: str, path: str) -> httpx.Response:
    with world.client(role) as client:
        return client.get(path)


def _post(world: World, role: str, path: str, body: object) -> httpx.Response:
    with world.client(role) as client:
        return client.post(path, json=body)


def test_station_listing_is_scoped(world: World) -> None:
    ids = {
        role: _get(world, role, "/api/v1/stations")
        for role in ("admin", "technician", "partner_a", "partner_b", "client_x")
    }
    assert {s["id"] for s in ids["admin"].json()["items"]} >= {"ST-A-1", "ST-B-1"}
    assert {s["id"] for s in ids["technician"].json()["items"]} >= {"ST-A-1", "ST-B-1"}
    assert {s["id"] for s in ids["partner_a"].json()["items"]} == {"ST-A-1"}
    assert {s["id"] for s in ids["partner_b"].json()["items"]} == {"ST-B-1"}
    assert ids["client_x"].status_code == 403
    assert _get(world, "anonymous", "/api/v1/stations").status_code == 401


def test_other_tenants_station_is_not_found(world: World) -> None:
    assert _get(world, "partner_a", "/api/v1/stations/ST-A-1").status_code == 200
    assert _get(world, "partner_a", "/api/v1/stations/ST-B-1").status_code == 404
    assert _get(world, "partner_b", "/api/v1/stations/ST-A-1/sessions").status_code == 404


def test_commands_need_the_command_permission(world: World) -> None:
    reset = {"type": "Immediate"}
    # A technician may command; the station is not connected to this process: 503 or 409.
    technician = _post(world, "technician", "/api/v1/stations/ST-A-1/commands/Reset", reset)
    assert technician.status_code in (409, 503)
    for role in ("partner_a", "client_x"):
        refused = _post(world, role, "/api/v1/stations/ST-A-1/commands/Reset", reset)
        assert refused.status_code == 403, (role, refused.text)
    assert _post(world, "anonymous", "/api/v1/stations/ST-A-1/install-roots", {}).status_code == 401
    # Security events are for technicians and admins, not partner staff.
    assert _get(world, "partner_a", "/api/v1/stations/ST-A-1/security-events").status_code == 403
    assert _get(world, "technician", "/api/v1/stations/ST-A-1/security-events").status_code == 200


def test_partner_registers_stations_for_itself_only(world: World) -> None:
    own = _post(world, "partner_b", "/api/v1/stations", {"id": "ST-B-NEW", "security_profile": 2})
    assert own.status_code == 201, own.text
    assert own.json()["partner"] == "Partner B" and "password" in own.json()
    other = _post(
        world,
        "partner_b",
        "/api/v1/stations",
        {"id": "ST-B-EVIL", "security_profile": 2, "partner": "Partner A"},
    )
    assert other.status_code == 403
    assert (
        _post(
            world, "client_x", "/api/v1/stations", {"id": "ST-X", "security_profile": 2}
        ).status_code
        == 403
    )
