"""The partner's cabinet: own stations only, registration with the password shown once,
own charging sessions."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import expect

from tests.console.a11y import check_page
from tests.console.conftest import USERS, BrowserTools, login, screenshot


def test_own_stations_and_register_with_password_shown_once(
    page: Any, browser_tools: BrowserTools
) -> None:
    login(page, USERS["partner"])
    table = page.locator("table").inner_text()
    assert "ST-A-1" in table and "ST-B-1" not in table
    assert check_page(page, browser_tools.axe) == []
    screenshot(page, "partner-stations")

    page.get_by_label("Station id").fill("bad id!")
    page.get_by_role("button", name="Register").click()
    assert "letters, digits" in page.locator("#e-station_id").inner_text()
    page.get_by_label("Station id").fill("ST-A-1")
    page.get_by_role("button", name="Register").click()
    expect(page.locator("#e-station_id")).to_have_text("A station with this id exists already.")

    page.get_by_label("Station id").fill("TAS-0001")
    page.get_by_label("Security profile").select_option("2")
    page.get_by_role("button", name="Register").click()
    password = page.locator("#station-password").inner_text()
    assert len(password) >= 16
    assert "TAS-0001" in page.locator("table").inner_text()
    screenshot(page, "partner-registered")
    # Shown once: the page itself again has no password on it.
    page.goto("/console/partner")
    assert page.locator("#station-password").count() == 0
    assert password not in page.content()


def test_sessions_of_own_stations_only(page: Any, browser_tools: BrowserTools) -> None:
    login(page, USERS["partner"])
    page.get_by_role("link", name="Charging sessions").click()
    page.wait_for_url("**/console/partner/sessions")
    table = page.locator("table").inner_text()
    assert "tx-ST-A-1" in table and "tx-ST-B-1" not in table
    assert "22.46" in table  # kWh, in the locale's number format
    assert check_page(page, browser_tools.axe) == []
    screenshot(page, "partner-sessions")
