"""The technician's cabinet: stations, a station's events and certificates, actions on a
station that is really connected over OCPP (and on one that is not)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from csms.ocpp.runner import BackgroundServer
from tests.console.a11y import check_page
from tests.console.conftest import USERS, BrowserTools, Console, login, screenshot
from tests.console.station_peer import INSTALLED_SERIAL, StationPeer

LIVE = "ST-LIVE-1"
LIVE_PASSWORD = "live-station-password-1"


@pytest.fixture(scope="module")
def live_station(console: Console) -> Iterator[StationPeer]:
    container = console.container
    # The server shares the container's hub, so the console's pages reach its stations.
    background = BackgroundServer(container.ocpp)
    ports = background.start(port=0)
    with container.transaction() as session:
        container.ocpp.registry.add(
            session,
            LIVE,
            security_profile=1,
            password=LIVE_PASSWORD,
            partner="Partner A",
            actor="test",
        )
    peer = StationPeer(f"ws://127.0.0.1:{ports['ws']}/ocpp/{LIVE}", LIVE, LIVE_PASSWORD)
    yield peer
    peer.close()
    background.stop()


def test_stations_and_detail_of_a_station_offline(
    page: Any, browser_tools: BrowserTools, live_station: StationPeer
) -> None:
    login(page, USERS["technician"])
    table = page.locator("table").inner_text()
    assert "ST-A-1" in table and "ST-B-1" in table  # technicians see every station
    assert "Connected" in page.locator("tr", has_text=LIVE).inner_text()
    assert "Not connected" in page.locator("tr", has_text="ST-A-1").inner_text()
    assert check_page(page, browser_tools.axe) == []
    screenshot(page, "technician-stations")
    page.get_by_role("link", name="ST-A-1").click()
    page.wait_for_url("**/console/technician/stations/ST-A-1")
    assert page.locator("tr", has_text="InvalidCsmsCertificate").count() == 1
    assert page.locator("tr", has_text="tx-ST-A-1").count() == 1
    assert check_page(page, browser_tools.axe) == []
    # The station is not connected: its actions are disabled, and the page says why.
    reset = page.get_by_role("button", name="Reset the station")
    assert reset.get_attribute("aria-disabled") == "true"  # still reachable, reason read out
    assert reset.get_attribute("aria-describedby") == "offline-reason"
    reset.click(force=True)  # does nothing: no request leaves the page
    assert page.url.endswith("/console/technician/stations/ST-A-1")
    assert page.locator("#offline-reason").inner_text().startswith("The station is not connected")


def test_actions_on_a_connected_station_show_its_answers(
    page: Any, browser_tools: BrowserTools, live_station: StationPeer
) -> None:
    login(page, USERS["technician"])
    page.goto(f"/console/technician/stations/{LIVE}")
    assert "UzTest T1" in page.locator("dl").inner_text()  # from its BootNotification
    for button, sent in (
        ("Install the product's root certificates", ["InstallCertificate"] * 2),
        ("Renew the charging certificate (ISO 15118)", ["TriggerMessage"]),
        ("Renew the station certificate (OCPP)", ["TriggerMessage"]),
        ("Ask which certificates are installed", ["GetInstalledCertificateIds"]),
        ("Reset the station", ["Reset"]),
    ):
        before = len(live_station.received)
        # The URL stays the same from the second action on: wait for this answer itself.
        with page.expect_response(lambda r: r.url.endswith("/actions")):
            page.get_by_role("button", name=button).click()
        page.wait_for_load_state("load")
        result = page.get_by_role("status").first.inner_text()
        assert result.startswith(f"{button}: The station accepted."), result
        assert live_station.received[before:] == sent
    # The station's own list of installed certificates is on the page now.
    installed = page.locator("section", has_text="Installed certificates").inner_text()
    assert INSTALLED_SERIAL in installed
    screenshot(page, "technician-station")


def test_a_long_action_shows_progress(page: Any, live_station: StationPeer) -> None:
    login(page, USERS["technician"])
    page.goto(f"/console/technician/stations/{LIVE}")
    # Hold the form back after console.js has seen it, to look at the page mid-operation.
    page.evaluate("window.addEventListener('submit', e => e.preventDefault())")
    page.get_by_role("button", name="Reset the station").click()
    form = page.locator("form", has=page.get_by_role("button", name="Reset the station"))
    assert form.get_attribute("aria-busy") == "true"
    assert form.get_by_role("status").inner_text() == "Waiting for the station…"
