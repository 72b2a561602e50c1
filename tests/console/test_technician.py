"""The technician's cabinet: stations, a station's events and certificates, actions."""

from __future__ import annotations

from typing import Any

from tests.console.a11y import check_page
from tests.console.conftest import USERS, BrowserTools, login, screenshot


def test_stations_detail_and_an_action_with_its_result(
    page: Any, browser_tools: BrowserTools
) -> None:
    login(page, USERS["technician"])
    table = page.locator("table").inner_text()
    assert "ST-A-1" in table and "ST-B-1" in table  # technicians see every station
    assert "Not connected" in table
    assert check_page(page, browser_tools.axe) == []
    screenshot(page, "technician-stations")
    page.get_by_role("link", name="ST-A-1").click()
    page.wait_for_url("**/console/technician/stations/ST-A-1")
    assert page.locator("tr", has_text="InvalidCsmsCertificate").count() == 1
    assert page.locator("tr", has_text="tx-ST-A-1").count() == 1
    assert check_page(page, browser_tools.axe) == []
    screenshot(page, "technician-station")
    page.get_by_role("button", name="Reset the station").click()
    result = page.get_by_role("status").first
    result.wait_for()
    # No OCPP server runs in this test process: the page says so instead of failing.
    assert "Reset the station" in result.inner_text()
    assert "not running" in result.inner_text()
