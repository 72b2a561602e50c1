"""Station operations from the console against a station really connected over OCPP 2.0.1
(tests/console/station_peer.py ChargingPeer, which charges when asked): a technician starts a
session remotely, sees it going, stops it, unlocks a connector and sets it inoperative, at
1280 and 390 px; the buttons in uz and ru; a partner on its own station; a driver stops their
own session; with the station disconnected every operation is disabled and says why."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import Any

import pytest

from csms.ocpp.db import TransactionRecord
from csms.ocpp.runner import BackgroundServer
from tests.console.a11y import check_page
from tests.console.conftest import (
    USERS,
    BrowserTools,
    Console,
    login,
    screenshot,
    set_language,
)
from tests.console.station_peer import ChargingPeer

LIVE = "ST-OPS-LIVE"
PASSWORD = "operations-live-password-1"
BUTTONS = {
    "en": ("Start charging", "Stop charging", "Unlock the connector", "Change availability"),
    "uz": (
        "Quvvatlashni boshlash",
        "Quvvatlashni to‘xtatish",  # noqa: RUF001
        "Ulagichni qulfdan chiqarish",
        "Mavjudlikni o‘zgartirish",  # noqa: RUF001
    ),
    "ru": ("Начать зарядку", "Остановить зарядку", "Разблокировать разъём", "Изменить доступность"),
}


@pytest.fixture(scope="module")
def station(console: Console) -> Iterator[ChargingPeer]:
    container = console.container
    background = BackgroundServer(container.ocpp)
    ports = background.start(port=0)
    with container.transaction() as session:
        container.ocpp.registry.add(
            session, LIVE, security_profile=1, password=PASSWORD, partner="Partner A", actor="test"
        )
    peer = ChargingPeer(f"ws://127.0.0.1:{ports['ws']}/ocpp/{LIVE}", LIVE, PASSWORD)
    peer.call(
        "StatusNotification",
        {"timestamp": _now(), "connectorStatus": "Available", "evseId": 1, "connectorId": 1},
    )
    yield peer
    peer.close()
    background.stop()


def _now() -> str:
    return datetime.now(UTC).isoformat().replace("+00:00", "Z")


def _until(page: Any, path: str, ready: Callable[[], bool], what: str) -> None:
    """Reload `path` until `ready()`: the station's reports reach the page asynchronously."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        page.goto(path)
        if ready():
            return
        time.sleep(0.5)
    raise AssertionError(f"timed out waiting for {what}")


def _press(page: Any, name: str, path_end: str = "/operations") -> str:
    """Press a button that posts a form; returns the answer shown on the page."""
    with page.expect_response(lambda r: r.url.endswith(path_end) and r.request.method == "POST"):
        page.get_by_role("button", name=name, exact=True).click()
    page.wait_for_load_state("load")
    return str(page.get_by_role("status").first.inner_text())


def test_technician_starts_stops_unlocks_and_sets_inoperative(
    page: Any, browser_tools: BrowserTools, station: ChargingPeer
) -> None:
    path = f"/console/technician/stations/{LIVE}"
    login(page, USERS["technician"])
    page.goto(path)
    assert check_page(page, browser_tools.axe) == []

    # Start: the station receives RequestStartTransaction with the token, and charges.
    page.get_by_label("EVSE").first.fill("1")
    page.get_by_label("Id token").fill("CONSOLE-TOKEN-1")
    before = len(station.received)
    assert _press(page, "Start charging") == "Start charging: The station accepted."
    action, payload = station.received[before]
    assert action == "RequestStartTransaction"
    assert payload["idToken"] == {"idToken": "CONSOLE-TOKEN-1", "type": "Central"}
    assert payload["evseId"] == 1
    transaction_id = f"remote-{payload['remoteStartId']}"
    session = page.locator("#op-stop-session")
    _until(page, path, lambda: session.count() == 1, "the session to be going")
    assert transaction_id in session.inner_text()
    row = page.locator("section", has_text="Charging sessions").locator(
        "tr", has_text=transaction_id
    )
    assert "ended" not in row.inner_text()
    screenshot(page, "ops-technician-charging")

    # Stop the session picked from the station's ongoing ones.
    page.locator("#op-stop-session").select_option(transaction_id)
    before = len(station.received)
    assert _press(page, "Stop charging") == "Stop charging: The station accepted."
    assert station.received[before] == (
        "RequestStopTransaction",
        {"transactionId": transaction_id},
    )
    _until(page, path, lambda: page.locator("#ops-no-session").count() == 1, "the session to end")
    assert "ended" in page.locator("tr", has_text=transaction_id).inner_text()

    # Unlock, then this connector out of service; the station's report reaches the page.
    before = len(station.received)
    assert (
        _press(page, "Unlock the connector") == "Unlock the connector: The connector is unlocked."
    )
    assert station.received[before] == ("UnlockConnector", {"evseId": 1, "connectorId": 1})
    page.get_by_label("What").select_option("1:1")
    page.get_by_label("Set to").select_option("false")
    before = len(station.received)
    assert _press(page, "Change availability") == "Change availability: The station accepted."
    assert station.received[before] == (
        "ChangeAvailability",
        {"operationalStatus": "Inoperative", "evse": {"id": 1, "connectorId": 1}},
    )
    state = page.locator("section", has_text="Connection")
    _until(page, path, lambda: "Unavailable" in state.inner_text(), "the connector's new state")
    assert check_page(page, browser_tools.axe) == []
    screenshot(page, "ops-technician")

    # At phone width the same forms work: the connector back in service.
    page.set_viewport_size({"width": 390, "height": 844})
    page.get_by_label("What").select_option("1:1")
    page.get_by_label("Set to").select_option("true")
    before = len(station.received)
    assert _press(page, "Change availability") == "Change availability: The station accepted."
    assert station.received[before][1]["operationalStatus"] == "Operative"
    screenshot(page, "ops-technician-answer")


@pytest.mark.parametrize("language", ["uz", "ru"])
def test_the_operations_in_uzbek_and_russian(
    page: Any, browser_tools: BrowserTools, station: ChargingPeer, language: str
) -> None:
    login(page, USERS["technician"])
    page.goto(f"/console/technician/stations/{LIVE}")
    set_language(page, language)
    start, stop, unlock, availability = BUTTONS[language]
    for name in (start, stop, unlock, availability):
        assert page.get_by_role("button", name=name, exact=True).count() == 1, name
    before = len(station.received)
    answer = _press(page, unlock)
    assert station.received[before][0] == "UnlockConnector"
    words = {"uz": "Ulagich qulfdan chiqarildi.", "ru": "Разъём разблокирован."}
    assert answer == f"{unlock}: {words[language]}"
    assert check_page(page, browser_tools.axe) == []
    screenshot(page, f"ops-technician-{language}")


def test_offline_station_operations_are_disabled_with_the_reason(
    page: Any, browser_tools: BrowserTools, station: ChargingPeer
) -> None:
    login(page, USERS["partner"])
    page.goto("/console/partner/stations/ST-A-1")  # Partner A's, never connected
    reason = page.locator("#ops-offline-reason")
    assert reason.inner_text().startswith("The station is not connected")
    for name in BUTTONS["en"]:
        button = page.get_by_role("button", name=name, exact=True)
        assert button.get_attribute("aria-disabled") == "true", name
        assert button.get_attribute("aria-describedby") in ("ops-offline-reason", "ops-no-session")
    unlock = page.get_by_role("button", name="Unlock the connector", exact=True)
    before = len(station.received)
    unlock.click(force=True)  # does nothing: no request leaves the page
    assert page.url.endswith("/console/partner/stations/ST-A-1")
    assert len(station.received) == before
    assert check_page(page, browser_tools.axe) == []
    screenshot(page, "ops-partner-offline")

    # The partner's own connected station: the operations work there.
    page.goto("/console/partner")
    page.get_by_role("link", name=LIVE, exact=True).click()
    page.wait_for_url(f"**/console/partner/stations/{LIVE}")
    before = len(station.received)
    assert _press(page, "Unlock the connector").endswith("The connector is unlocked.")
    assert station.received[before][0] == "UnlockConnector"
    # Another partner's station is not there for it at all.
    assert page.goto("/console/partner/stations/ST-B-1").status == 404


def test_a_driver_stops_their_own_session(
    page: Any, browser_tools: BrowserTools, console: Console, station: ChargingPeer
) -> None:
    now = datetime.now(UTC)
    with console.container.transaction() as session:
        session.add(
            TransactionRecord(
                station_id=LIVE,
                transaction_id="driver-x-going",
                state="updated",
                started_at=now,
                updated_at=now,
                evse_id=1,
                id_token=console.facts["emaid_x"],
                id_token_type="eMAID",
                verified=True,
            )
        )
    login(page, USERS["client"])
    page.goto("/console/client/sessions")
    button = page.get_by_role("button", name="Stop charging session driver-x-going")
    assert button.get_attribute("aria-disabled") is None  # the station is connected
    # The ended session of the fixtures has no stop button.
    assert page.locator("tr", has_text="tx-ST-A-1").get_by_role("button").count() == 0
    assert check_page(page, browser_tools.axe) == []
    screenshot(page, "ops-driver-sessions")
    before = len(station.received)
    with page.expect_response(lambda r: r.url.endswith("/stop")):
        button.click()
    page.wait_for_load_state("load")
    assert page.get_by_role("status").first.inner_text() == "Stop charging: The station accepted."
    assert station.received[before] == (
        "RequestStopTransaction",
        {"transactionId": "driver-x-going"},
    )


def test_an_admin_operates_a_station_from_its_page(
    page: Any, browser_tools: BrowserTools, station: ChargingPeer
) -> None:
    """The admin's station page (reached from the stations list) holds the same operations
    beside the station's location."""
    login(page, USERS["admin"])
    page.goto(f"/console/admin/stations?q={LIVE}")
    page.get_by_role("link", name=LIVE, exact=True).click()
    page.wait_for_url(f"**/console/admin/stations/{LIVE}")
    assert page.get_by_role("heading", name="Location").count() == 1
    before = len(station.received)
    assert _press(page, "Unlock the connector").endswith("The connector is unlocked.")
    assert station.received[before][0] == "UnlockConnector"
    assert check_page(page, browser_tools.axe) == []
    screenshot(page, "ops-admin")
