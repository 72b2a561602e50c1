"""The station map (issue 16): Leaflet from the product's own files, tiles from the configured
tile server (here one this test serves, so no network), markers by live state for admins
(every station), partners (their own) and drivers (public stations only), at desktop and
phone width, axe-clean, translated; states refreshed from the page's JSON while it is open.

Stations (besides populate's ST-A-1 and ST-B-1, which have an Available connector):
- ST-MAP-1, Partner A, connected over OCPP, a session under way: charging;
- ST-MAP-2, Partner B, connected, a connector Faulted: faulted;
- ST-MAP-3, Partner A, connected, nothing reported: available;
- ST-B-2, Partner B, disabled (not public), placed: on the fleet maps only;
- ST-A-2, Partner A, an address and no coordinates: listed beside the map.
"""

from __future__ import annotations

import struct
import threading
import zlib
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest
from playwright.sync_api import expect
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from auth.principal import Principal
from csms.ocpp.db import ConnectorStatusRecord, TransactionRecord
from csms.ocpp.runner import BackgroundServer
from tests.console.a11y import check_page
from tests.console.conftest import (
    SCREENSHOTS,
    USERS,
    VIEWPORTS,
    BrowserTools,
    Console,
    login,
    make_client_user,
    screenshot,
    set_language,
)
from tests.console.station_peer import StationPeer
from tests.pki.server import serving

pytestmark = pytest.mark.postgres

PASSWORD = "map-station-password-01"
PLACES = {
    "ST-A-1": (41.311081, 69.240562, "Amir Temur ko'chasi 1, Toshkent"),
    "ST-B-1": (39.767, 64.421, "Buxoro, Bahouddin Naqshband ko'chasi 7"),
    "ST-MAP-1": (39.654, 66.975, "Samarqand, Registon ko'chasi 2"),
    "ST-MAP-2": (40.783, 72.344, "Andijon, Navoiy shoh ko'chasi 12"),
    "ST-MAP-3": (42.46, 59.61, "Nukus, Doslik guzari 3"),
    "ST-B-2": (40.998, 71.672, "Namangan (private depot)"),
}
CONNECTED = {"ST-MAP-1": "Partner A", "ST-MAP-2": "Partner B", "ST-MAP-3": "Partner A"}
FLEET = {
    "ST-A-1": "Offline",
    "ST-B-1": "Offline",
    "ST-B-2": "Offline",
    "ST-MAP-1": "Charging now",
    "ST-MAP-2": "Faulted",
    "ST-MAP-3": "Available",
}
PARTNER_A = {k: v for k, v in FLEET.items() if k in ("ST-A-1", "ST-MAP-1", "ST-MAP-3")}
PUBLIC = {
    "ST-A-1": "Available",
    "ST-B-1": "Available",
    "ST-MAP-1": "Out of service",
    "ST-MAP-2": "Out of service",
    "ST-MAP-3": "Out of service",
}


def _png(width: int, height: int, rgb: tuple[int, int, int]) -> bytes:
    """A plain-colour PNG: a map tile that needs no network."""
    rows = b"".join(b"\x00" + bytes(rgb) * width for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


class TileServer:
    """Serves one light tile for every /tiles/{z}/{x}/{y}.png and remembers what was asked."""

    def __init__(self) -> None:
        self.requested: list[str] = []
        self._lock = threading.Lock()
        self._tile = _png(256, 256, (236, 240, 232))

    def app(self) -> Starlette:
        async def tile(request: Request) -> Response:
            with self._lock:
                self.requested.append(request.url.path)
            return Response(self._tile, media_type="image/png")

        return Starlette(routes=[Route("/tiles/{z:int}/{x:int}/{y:int}.png", tile)])

    def count(self) -> int:
        with self._lock:
            return len(self.requested)


@pytest.fixture(scope="module")
def tiles() -> Iterator[tuple[TileServer, str]]:
    server = TileServer()
    with serving(server.app()) as url:
        yield server, url


@pytest.fixture(scope="module")
def console_settings(tiles: tuple[TileServer, str]) -> dict[str, Any]:
    return {
        "map_tile_url": f"{tiles[1]}/tiles/{{z}}/{{x}}/{{y}}.png",
        "map_tile_attribution": "Test tiles",
        "map_tile_attribution_url": "https://example.org/tiles",
    }


@pytest.fixture(scope="module")
def stations(console: Console) -> Iterator[None]:
    container = console.container
    background = BackgroundServer(container.ocpp)
    ports = background.start(port=0)
    system = Principal.system("test")
    with container.transaction() as session:
        registry = container.ocpp.registry
        for station_id, partner in CONNECTED.items():
            registry.add(
                session,
                station_id,
                security_profile=1,
                password=PASSWORD,
                partner=partner,
                actor="test",
            )
        registry.add(session, "ST-B-2", security_profile=2, partner="Partner B", actor="test")
        registry.update(session, "ST-B-2", actor="test", enabled=False)
        registry.add(session, "ST-A-2", security_profile=2, partner="Partner A", actor="test")
        for station_id, (lat, lon, address) in PLACES.items():
            container.stations.set_location(
                session, system, station_id, latitude=lat, longitude=lon, address=address
            )
        container.stations.set_location(
            session, system, "ST-A-2", latitude=None, longitude=None, address="Chirchiq depot"
        )
        now = datetime.now(UTC)
        session.add(
            TransactionRecord(
                station_id="ST-MAP-1", transaction_id="tx-map", state="started",
                started_at=now, updated_at=now, evse_id=1,
            )
        )  # fmt: skip
        session.add(
            ConnectorStatusRecord(
                station_id="ST-MAP-2", evse_id=1, connector_id=1, status="Faulted",
                reported_at=now,
            )
        )  # fmt: skip
    peers = [
        StationPeer(f"ws://127.0.0.1:{ports['ws']}/ocpp/{sid}", sid, PASSWORD) for sid in CONNECTED
    ]
    yield
    for peer in peers:
        peer.close()
    background.stop()


@pytest.fixture
def watched(page: Any) -> list[str]:
    """Console messages about the Content-Security-Policy: none may appear."""
    seen: list[str] = []
    page.on(
        "console",
        lambda message: (
            seen.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    return seen


def _markers(page: Any) -> dict[str, str]:
    """The markers Leaflet drew: station id -> state label (from each marker's name)."""
    page.locator(".leaflet-container").wait_for()
    titles = page.locator(".leaflet-marker-icon").evaluate_all("els => els.map(e => e.title)")
    return dict(title.split(": ", 1) for title in titles)


def _check_map(page: Any, axe: Any, path: str, expected: dict[str, str], name: str) -> None:
    """Loaded at desktop and at phone width: Leaflet there, the expected markers with their
    state words, each reachable by Tab, tiles shown; screenshots; then axe-clean."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for label, (width, height) in VIEWPORTS.items():
        page.set_viewport_size({"width": width, "height": height})
        page.goto(path)
        assert page.evaluate("typeof window.L") == "object", label  # our own Leaflet
        expect(page.locator(".leaflet-marker-icon")).to_have_count(len(expected))
        assert _markers(page) == expected, label
        icons = page.locator(".leaflet-marker-icon")
        assert icons.evaluate_all("els => els.every(e => e.tabIndex === 0)"), label
        expect(page.locator(".leaflet-tile-loaded").first).to_be_visible()
        assert page.get_by_role("region", name="Map of stations").is_visible(), label
        page.screenshot(path=str(SCREENSHOTS / f"{name}-{label}.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 800})
    assert check_page(page, axe) == []


def test_the_admin_map_shows_every_station_by_state(
    page: Any,
    browser_tools: BrowserTools,
    stations: None,
    tiles: tuple[TileServer, str],
    watched: list[str],
) -> None:
    login(page, USERS["admin"])
    page.locator("details.menu summary", has_text="Network").click()  # the admin's menus
    page.get_by_role("link", name="Station map").click()
    page.wait_for_url("**/console/admin/map")
    before = tiles[0].count()
    _check_map(page, browser_tools.axe, "/console/admin/map", FLEET, "map-admin")
    assert tiles[0].count() > before, "no tile reached the configured tile server"
    csp = page.request.get("/console/admin/map").headers["content-security-policy"]
    assert f"img-src 'self' {tiles[1]};" in csp
    unplaced = page.locator("#unplaced").inner_text()
    assert "ST-A-2" in unplaced and "Chirchiq depot" in unplaced
    # A marker is reached from the keyboard and opens its popup: name, address, state, link.
    marker = page.locator(".leaflet-marker-icon[title^='ST-MAP-2:']")
    marker.focus()
    page.keyboard.press("Enter")
    popup = page.locator(".leaflet-popup-content")
    expect(popup).to_contain_text("ST-MAP-2")
    expect(popup).to_contain_text("Andijon")
    expect(popup).to_contain_text("Faulted")
    assert page.get_by_role("button", name="Close").count() == 1  # the page's word
    # Leaflet fades a popup in: axe judges its contrast once it is fully shown.
    page.wait_for_function(
        "() => getComputedStyle(document.querySelector('.leaflet-popup')).opacity === '1'"
    )
    assert check_page(page, browser_tools.axe) == []  # with the popup open
    popup.get_by_role("link", name="Open the station page").click()
    page.wait_for_url("**/console/admin/stations/ST-MAP-2")
    assert page.get_by_label("Latitude").input_value() == "40.783"
    assert check_page(page, browser_tools.axe) == []
    screenshot(page, "station-location-admin")
    assert watched == []


def test_a_partner_maps_its_own_stations_and_places_one(
    page: Any, browser_tools: BrowserTools, stations: None, watched: list[str]
) -> None:
    login(page, USERS["partner"])
    page.locator("details.menu summary", has_text="My stations").click()
    page.get_by_role("link", name="Station map").click()
    page.wait_for_url("**/console/partner/map")
    _check_map(page, browser_tools.axe, "/console/partner/map", PARTNER_A, "map-partner")
    text = page.locator("main").inner_text()
    assert "ST-B-1" not in text and "ST-MAP-2" not in text and "ST-B-2" not in text
    # Put ST-A-2 on the map from its page; a bad latitude is refused next to the field.
    page.get_by_role("link", name="ST-A-2").click()
    page.wait_for_url("**/console/partner/stations/ST-A-2")
    page.get_by_label("Latitude").fill("141")
    page.get_by_label("Longitude").fill("69,62")
    page.get_by_role("button", name="Save location").click()
    expect(page.locator("#e-latitude")).to_have_text("Latitude is between -90 and 90.")
    assert check_page(page, browser_tools.axe) == []
    page.get_by_label("Latitude").fill("41,4689")
    page.get_by_role("button", name="Save location").click()
    expect(page.get_by_role("status")).to_have_text("Location saved.")
    page.goto("/console/partner/map")
    expected = {**PARTNER_A, "ST-A-2": "Offline"}
    expect(page.locator(".leaflet-marker-icon")).to_have_count(len(expected))
    assert _markers(page) == expected
    assert page.locator("#unplaced").count() == 0
    # Back off the map, as the fixture had it (the other tests count its markers).
    page.goto("/console/partner/stations/ST-A-2")
    page.get_by_label("Latitude").fill("")
    page.get_by_label("Longitude").fill("")
    page.get_by_role("button", name="Save location").click()
    expect(page.get_by_role("status")).to_have_text("Location saved.")
    assert watched == []


def test_a_driver_sees_public_stations_live(
    page: Any, browser_tools: BrowserTools, console: Console, stations: None, watched: list[str]
) -> None:
    login(page, USERS["client"])
    page.locator("details.menu summary", has_text="Public stations").click()
    page.get_by_role("link", name="Station map").click()
    page.wait_for_url("**/console/map")
    _check_map(page, browser_tools.axe, "/console/map", PUBLIC, "map-driver")
    main = page.locator("main").inner_text()
    assert "ST-B-2" not in main and "Partner" not in main  # private stations and fields
    assert page.get_by_role("link", name="Open the station page").count() == 0
    # A connector of ST-MAP-1 reports Occupied: the open page follows within a refresh.
    with console.container.transaction() as session:
        session.add(
            ConnectorStatusRecord(
                station_id="ST-MAP-1", evse_id=1, connector_id=1, status="Occupied",
                reported_at=datetime.now(UTC),
            )
        )  # fmt: skip
    marker = page.locator(".leaflet-marker-icon[title^='ST-MAP-1:']")
    expect(marker).to_have_attribute("title", "ST-MAP-1: All connectors busy", timeout=40_000)
    row = page.locator("#placed tr[data-station='ST-MAP-1']")
    expect(row.locator(".badge")).to_have_text("All connectors busy")
    assert watched == []


def test_the_map_in_uzbek_and_russian(
    page: Any, browser_tools: BrowserTools, console: Console, stations: None
) -> None:
    make_client_user(console.container, "driver-map-lang")
    login(page, "driver-map-lang")
    page.goto("/console/map")
    set_language(page, "ru")
    expect(page.get_by_role("heading", level=1)).to_have_text("Карта станций")
    page.locator(".leaflet-container").wait_for()
    assert page.get_by_role("region", name="Интерактивная карта станций").is_visible()
    assert page.get_by_role("button", name="Приблизить").count() == 1
    assert _markers(page)["ST-A-1"] == "Свободна"
    assert check_page(page, browser_tools.axe) == []
    set_language(page, "uz")
    expect(page.get_by_role("heading", level=1)).to_have_text("Stansiyalar xaritasi")
    page.locator(".leaflet-container").wait_for()
    assert _markers(page)["ST-MAP-3"] == "Ishlamayapti"
    assert page.get_by_role("button", name="Kichiklashtirish").count() == 1
    assert "Xaritadagi stansiyalar" in page.locator("main").inner_text()
