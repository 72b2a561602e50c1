"""The driver's page: contracts (add a vehicle by PCID, terminate), sessions, public list."""

from __future__ import annotations

from typing import Any

from tests.console.a11y import check_page, tab_reaches
from tests.console.conftest import USERS, BrowserTools, Console, login, screenshot

NEW_PCID = "ZZ00000ABCDEF0042"


def test_add_a_vehicle_then_terminate_its_contract(
    page: Any, browser_tools: BrowserTools, console: Console
) -> None:
    login(page, USERS["client"])
    table = page.locator("table").inner_text()
    assert console.facts["emaid_x"] in table and console.facts["emaid_y"] not in table
    assert check_page(page, browser_tools.axe) == []
    # By keyboard alone: the vehicle form, then the contract's Terminate button.
    reached = tab_reaches(page)
    wanted = ["input:f-pcid", "button:Add vehicle", "button:Terminate"]
    assert [r for r in reached if r in wanted] == wanted, reached
    screenshot(page, "client-contracts")

    page.get_by_label("Vehicle PCID").fill("TOO-SHORT")
    page.get_by_role("button", name="Add vehicle").click()
    assert page.locator("#e-pcid").inner_text() == "A PCID has 17 or 18 letters and digits."
    page.get_by_label("Vehicle PCID").fill(NEW_PCID.lower())
    page.get_by_role("button", name="Add vehicle").click()
    page.wait_for_url("**/console/client?created=**")
    notice = page.get_by_role("status").inner_text()
    emaid = notice.rsplit(" ", 1)[1].rstrip(".")
    assert notice.startswith("Your car has a contract now: eMAID ")
    assert emaid.startswith("UZ")
    row = page.locator("tr", has_text=emaid)
    assert "active" in row.inner_text()

    page.once("dialog", lambda dialog: dialog.accept())
    row.get_by_role("button", name=f"Terminate {emaid}").click()
    page.wait_for_url("**/console/client?terminated=**")
    assert "terminated" in page.locator("tr", has_text=emaid).inner_text()
    screenshot(page, "client-terminated")


def test_own_sessions_and_the_public_station_list(page: Any, browser_tools: BrowserTools) -> None:
    login(page, USERS["client"])
    page.get_by_role("link", name="My sessions").click()
    page.wait_for_url("**/console/client/sessions")
    table = page.locator("table").inner_text()
    assert "tx-ST-A-1" in table and "tx-ST-B-1" not in table
    assert check_page(page, browser_tools.axe) == []
    screenshot(page, "client-sessions")
    page.locator("details.menu summary", has_text="Public stations").click()
    page.get_by_role("link", name="Stations", exact=True).click()
    page.wait_for_url("**/console/stations")
    assert page.locator("tr", has_text="ST-A-1").inner_text().endswith("Available")
    assert check_page(page, browser_tools.axe) == []
    screenshot(page, "public-stations")
