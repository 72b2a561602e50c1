"""Where a station stands (issue 16): set through StationService from the REST API, the
console and the command line; refused with a reason when it breaks a rule; only within the
caller's scope; audited. And what each viewer of the map gets: the fleet for admins and
partners (their own), public stations only, with no private field, for everyone else."""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from click.testing import CliRunner
from sqlalchemy import select

from auth.audit import AuditEvent
from auth.principal import Principal
from csms.cli import main as cli_main
from csms.ocpp.db import StationRecord
from csms.ocpp.location import LocationError
from tests.auth.conftest import PASSWORD, USERS, World

pytestmark = [pytest.mark.postgres]

STREET = "Amir Temur ko‘chasi 1"  # noqa: RUF001 - the Uzbek spelling, not a typo
TASHKENT = {"latitude": 41.311081, "longitude": 69.240562, "address": STREET}
CSRF = re.compile(r'name="csrf" value="([^"]+)"')


@pytest.fixture(scope="module")
def private_station(world: World) -> str:
    """A disabled (not public) station of Partner B, with a location: on the fleet map of
    admins and Partner B, never on the public one."""
    container = world.container
    with container.transaction() as session:
        container.ocpp.registry.add(
            session, "ST-B-HIDDEN", security_profile=2, partner="Partner B", actor="test"
        )
        container.ocpp.registry.update(session, "ST-B-HIDDEN", actor="test", enabled=False)
        container.stations.set_location(
            session,
            Principal.system("test"),
            "ST-B-HIDDEN",
            latitude=40.99,
            longitude=71.67,
            address="Namangan",
        )
    return "ST-B-HIDDEN"


def _put(world: World, role: str, station: str, body: dict[str, Any]) -> httpx.Response:
    with world.client(role) as client:
        return client.put(f"/api/v1/stations/{station}/location", json=body)


def test_an_admin_sets_a_location_and_every_reading_door_shows_it(world: World) -> None:
    answer = _put(world, "admin", "ST-A-1", TASHKENT)
    assert answer.status_code == 200, answer.text
    assert answer.json()["location"] == TASHKENT
    with world.client("technician") as technician:
        ocpp_view = technician.get("/api/v1/stations/ST-A-1").json()
    assert ocpp_view["location"] == TASHKENT
    with world.client("client_x") as driver:
        public = {s["id"]: s for s in driver.get("/api/v1/public/stations").json()}
    assert public["ST-A-1"]["location"] == TASHKENT
    with world.container.session_factory() as session:
        event = session.scalars(
            select(AuditEvent)
            .where(AuditEvent.action == "station.location_set")
            .order_by(AuditEvent.id.desc())
        ).first()
    assert event is not None and event.actor == "user:admin-1"
    assert event.details["station"] == "ST-A-1"
    assert event.details["after"] == TASHKENT


@pytest.mark.parametrize(
    ("body", "status", "reason"),
    [
        ({"latitude": 91, "longitude": 69.2}, 422, "less than or equal to 90"),
        ({"latitude": 41.3, "longitude": -180.5}, 422, "greater than or equal to -180"),
        ({"latitude": 41.3}, 400, "latitude and longitude go together"),
        ({"longitude": 69.2, "address": "x"}, 400, "latitude and longitude go together"),
        ({"address": "a" * 201}, 422, "at most 200 characters"),
        ({"address": "line one\nline two"}, 400, "control characters"),
        ({"address": "nul\u0000inside"}, 400, "control characters"),
        ({"latitude": "north", "longitude": 69.2}, 422, "valid number"),
        ({"latitude": 41.3, "longitude": 69.2, "altitude": 455}, 422, "Extra inputs"),
    ],
)
def test_a_bad_location_is_refused_with_its_reason(
    world: World, body: dict[str, Any], status: int, reason: str
) -> None:
    answer = _put(world, "partner_a", "ST-A-1", body)
    assert answer.status_code == status, answer.text
    assert reason in answer.text


def test_the_service_refuses_what_no_json_can_carry(world: World) -> None:
    """NaN and infinity reach the service from the command line (click floats) or a form:
    refused there, for every door."""
    container = world.container
    for latitude, longitude in ((math.nan, 69.0), (41.0, math.inf)):
        with pytest.raises(LocationError, match="between"), container.transaction() as session:
            container.stations.set_location(
                session,
                Principal.system("test"),
                "ST-A-1",
                latitude=latitude,
                longitude=longitude,
                address=None,
            )


def test_only_whoever_may_change_the_station_sets_its_location(world: World) -> None:
    assert _put(world, "partner_a", "ST-A-1", TASHKENT).status_code == 200
    # Another partner's station is reported as unknown, like one that does not exist.
    assert _put(world, "partner_a", "ST-B-1", TASHKENT).status_code == 404
    assert _put(world, "technician", "ST-A-1", TASHKENT).status_code == 403
    assert _put(world, "client_x", "ST-A-1", TASHKENT).status_code == 403
    assert _put(world, "anonymous", "ST-A-1", TASHKENT).status_code == 401
    with world.client("admin") as admin:
        station_b = admin.get("/api/v1/stations/ST-B-1").json()
    assert station_b["location"]["latitude"] != TASHKENT["latitude"]


def test_an_empty_location_takes_the_station_off_the_map(world: World) -> None:
    assert (
        _put(world, "admin", "ST-B-1", {"latitude": 39.77, "longitude": 64.42}).status_code == 200
    )
    cleared = _put(world, "admin", "ST-B-1", {"address": "  Buxoro  "})
    assert cleared.status_code == 200
    assert cleared.json()["location"] == {"latitude": None, "longitude": None, "address": "Buxoro"}


class ConsoleSession:
    """A browser's session in the console, over plain HTTP (cookie and CSRF token)."""

    def __init__(self, world: World, role: str) -> None:
        self.client = httpx.Client(
            base_url=world.url,
            timeout=30,
            follow_redirects=False,
            headers={"Accept-Language": "en"},
        )
        if role != "anonymous":
            answer = self.client.post(
                "/console/login",
                data={"username": USERS[role][0], "password": PASSWORD, "csrf": self.csrf()},
            )
            assert answer.status_code == 303, answer.text

    def csrf(self) -> str:
        found = CSRF.search(self.client.get("/console/login").text)
        assert found
        return found.group(1)


@pytest.fixture(scope="module")
def sessions(world: World) -> Iterator[dict[str, ConsoleSession]]:
    opened = {
        role: ConsoleSession(world, role)
        for role in ("admin", "partner_a", "partner_b", "client_x", "anonymous")
    }
    yield opened
    for session in opened.values():
        session.client.close()


def test_the_console_form_sets_a_location_and_names_the_broken_rule(
    world: World, sessions: dict[str, ConsoleSession]
) -> None:
    partner = sessions["partner_a"]
    path = "/console/partner/stations/ST-A-1/location"
    # Russian and Uzbek write a decimal comma; the form takes it.
    answer = partner.client.post(
        path,
        data={
            "latitude": "41,2995",
            "longitude": "69,2401",
            "address": "Toshkent",
            "csrf": partner.csrf(),
        },
    )
    assert answer.status_code == 303
    assert answer.headers["location"] == "/console/partner/stations/ST-A-1?saved=1"
    with world.client("admin") as admin:
        location = admin.get("/api/v1/stations/ST-A-1").json()["location"]
    assert location == {"latitude": 41.2995, "longitude": 69.2401, "address": "Toshkent"}
    refused = partner.client.post(
        path, data={"latitude": "95", "longitude": "69", "csrf": partner.csrf()}
    )
    assert refused.status_code == 422
    assert "Latitude is between -90 and 90." in refused.text
    partial = partner.client.post(path, data={"latitude": "41", "csrf": partner.csrf()})
    assert partial.status_code == 422
    assert "Give both latitude and longitude, or neither." in partial.text
    # Another partner's station: as if it did not exist.
    other = sessions["partner_b"]
    assert (
        other.client.post(
            path, data={"latitude": "1", "longitude": "1", "csrf": other.csrf()}
        ).status_code
        == 404
    )


def test_each_viewer_gets_its_own_map(
    world: World, sessions: dict[str, ConsoleSession], private_station: str
) -> None:
    def live(role: str, path: str) -> dict[str, dict[str, Any]]:
        answer = sessions[role].client.get(path)
        assert answer.status_code == 200, answer.text
        assert answer.headers["cache-control"] == "no-store"
        return {s["id"]: s for s in answer.json()["stations"]}

    with world.container.session_factory() as session:
        everything = {r.id: r.enabled for r in session.scalars(select(StationRecord))}
    fleet = live("admin", "/console/admin/map/live")
    assert set(fleet) == set(everything)
    assert {s["state"] for s in fleet.values()} <= {"available", "charging", "offline", "faulted"}
    own = live("partner_a", "/console/partner/map/live")
    assert own and all(s.startswith("ST-A") for s in own)
    for role in ("client_x", "anonymous"):
        public = live(role, "/console/map/live")
        assert set(public) == {sid for sid, enabled in everything.items() if enabled}
        assert private_station not in public
        for entry in public.values():
            # The public list's words, and nothing but the id, the state and its label.
            assert set(entry) == {"id", "state", "label"}
            assert entry["state"] in ("available", "busy", "out_of_service")
    # The public map page itself lists no private station, and no partner.
    page = sessions["client_x"].client.get("/console/map").text
    assert private_station not in page and "Partner B" not in page
    # Drivers do not reach the fleet's JSON.
    assert sessions["client_x"].client.get("/console/admin/map/live").status_code == 403


def test_the_command_line_sets_a_location(
    world: World, monkeypatch: pytest.MonkeyPatch, private_station: str
) -> None:
    settings = world.container.settings
    for name, value in {
        "CSMS_DATA_DIR": str(settings.data_dir),
        "CSMS_DATABASE_URL": settings.database_url,
        "CSMS_KEY_PASSPHRASE": settings.key_passphrase,
        "CSMS_KEY_LABEL_PREFIX": settings.key_label_prefix,
        "CSMS_TOKEN_KEY": settings.token_key,
    }.items():
        assert value is not None
        monkeypatch.setenv(name, value)
    runner = CliRunner()
    done = runner.invoke(
        cli_main,
        ["station", "location", private_station, "--latitude", "41", "--longitude", "71.6"],
    )
    assert done.exit_code == 0, done.output
    assert f"{private_station}: 41.0, 71.6; address -" in done.output
    refused = runner.invoke(cli_main, ["station", "location", private_station, "--latitude", "41"])
    assert refused.exit_code == 1
    assert "go together: give both or neither [location_partial]" in refused.output
    with world.client("admin") as admin:
        shown = admin.get(f"/api/v1/stations/{private_station}").json()["location"]
    assert shown == {"latitude": 41.0, "longitude": 71.6, "address": None}
