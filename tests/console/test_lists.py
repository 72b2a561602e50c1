"""Lists that scale, in Chromium: every admin list searches, filters, sorts, pages and exports
the rows it shows as CSV; a partner's and a driver's lists hold only their own rows; the pages
are axe-clean in uz, ru and en, no cell label overlaps the next row at 390 px, and the header
stays one line at 1280 px in every language."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import func, select

from csms.ocpp.db import StationRecord, TransactionRecord
from tests.console.a11y import check_page
from tests.console.conftest import USERS, BrowserTools, Console, login, screenshot, set_language

pytestmark = pytest.mark.postgres

SESSIONS = 120  # more than two pages of 50


@pytest.fixture(scope="module")
def sessions(console: Console) -> None:
    """120 ended sessions alternating between the two partners' stations, each with its own
    energy (i * 100 Wh), an hour apart."""
    now = datetime.now(UTC)
    with console.container.transaction() as session:
        for i in range(SESSIONS):
            started = now - timedelta(hours=i + 3)
            session.add(
                TransactionRecord(
                    station_id="ST-A-1" if i % 2 else "ST-B-1",
                    transaction_id=f"tx-list-{i:04d}",
                    state="ended",
                    started_at=started,
                    updated_at=started + timedelta(minutes=30),
                    ended_at=started + timedelta(minutes=30),
                    evse_id=1,
                    meter_start_wh=1000.0,
                    meter_last_wh=1000.0 + i * 100,
                )
            )


def _total(page: Any) -> int:
    return int(page.locator(".list-summary").get_attribute("data-total"))


def _rows(page: Any) -> list[list[str]]:
    cells = page.locator("table.list tbody tr").evaluate_all(
        "rows => rows.map(r => Array.from(r.children).map(c => c.innerText.trim()))"
    )
    return [row for row in cells if len(row) > 1]


def _apply(page: Any) -> None:
    page.get_by_role("button", name="Apply").click()
    page.wait_for_load_state("load")


def _export(page: Any) -> list[list[str]]:
    with page.expect_download() as download:
        page.get_by_role("link", name="Export CSV").click()
    path = download.value.path()
    with open(path, encoding="utf-8") as handle:
        return list(csv.reader(io.StringIO(handle.read())))


# Each admin list: a search that finds a known row, a filter and its choice, a column to sort.
LISTS = {
    "stations": ("ST-B", ("State", "offline"), "Last seen"),
    "sessions": ("tx-list-0007", ("State", "ended"), "Energy, kWh"),
    "security-events": ("refused a server", ("Type", "InvalidCsmsCertificate"), "When"),
    "contracts": ("emaid_y", ("Status", "active"), "eMAID"),
    "cars": ("pcid_x", ("Binding", "approved"), "PCID"),
    "certificates": ("csms.example", ("Status", "issued"), "Expires"),
    "audit": ("test", ("Actor contains", "test"), "When"),
}


@pytest.mark.parametrize("name", list(LISTS))
def test_each_admin_list_searches_filters_sorts_pages_and_exports(
    page: Any, console: Console, sessions: None, name: str
) -> None:
    search, (filter_label, choice), sort_label = LISTS[name]
    search = console.facts.get(search, search)
    login(page, USERS["admin"])
    page.goto(f"/console/admin/{name}")
    everything = _total(page)
    assert everything >= 1 and len(_rows(page)) == min(everything, 50)

    page.get_by_label("Search", exact=True).fill(search)
    _apply(page)
    found = _rows(page)
    assert found and _total(page) <= everything
    assert all(any(search.lower() in cell.lower() for cell in row) for row in found), found

    page.goto(f"/console/admin/{name}")
    control = page.get_by_label(filter_label, exact=True)
    if control.evaluate("e => e.tagName") == "SELECT":
        control.select_option(choice)
    else:
        control.fill(choice)
    _apply(page)
    filtered = _total(page)
    assert 1 <= filtered <= everything
    assert f"{name}?" in page.url and choice in page.url

    page.get_by_role("link", name=sort_label).click()
    page.wait_for_load_state("load")
    header = page.locator("th[aria-sort]")
    assert header.count() == 1 and sort_label in header.inner_text()
    assert _total(page) == filtered  # sorting keeps the filter

    exported = _export(page)
    assert len(exported) - 1 == filtered  # the CSV holds every filtered row, not one page
    headers = page.locator("table.list thead th").evaluate_all(
        "cells => cells.map(c => c.innerText.replace(/[\u25b2\u25bc]/g, '').trim())"
    )
    # The CSV holds the data columns, in the page's order (links to other pages stay there).
    assert exported[0] == [h for h in headers if h in exported[0]] and len(exported[0]) >= 3


def test_sessions_sort_by_energy_and_page_through(
    page: Any, console: Console, sessions: None
) -> None:
    login(page, USERS["admin"])
    page.goto("/console/admin/sessions?sort=energy_wh&order=asc&q=tx-list-")
    assert _total(page) == SESSIONS
    energies = [float(row[6].replace(",", "")) for row in _rows(page)]
    assert energies == sorted(energies) and energies[0] == 0.0
    assert "Rows 1\u201350 of 120" in page.inner_text(".list-summary")
    page.get_by_role("link", name="Next").click()
    page.wait_for_load_state("load")
    assert "Rows 51\u2013100 of 120" in page.inner_text(".list-summary")
    second = [float(row[6].replace(",", "")) for row in _rows(page)]
    assert second[0] >= energies[-1] and second == sorted(second)
    page.get_by_role("link", name="Next").click()
    page.wait_for_load_state("load")
    assert len(_rows(page)) == SESSIONS - 100
    assert page.get_by_role("link", name="Next").count() == 0
    # A malformed request is refused in words, not with a traceback, and the list still shows.
    page.goto("/console/admin/sessions?sort=password_hash")
    assert "cannot be shown that way" in page.inner_text("main")
    assert len(_rows(page)) == 50


def test_a_partner_and_a_driver_see_only_their_own_rows(
    page: Any, console: Console, sessions: None
) -> None:
    with console.container.session_factory() as session:
        own = session.scalar(
            select(func.count())
            .select_from(TransactionRecord)
            .join(StationRecord, StationRecord.id == TransactionRecord.station_id)
            .where(StationRecord.partner == "Partner A")
        )
    login(page, USERS["partner"])
    page.goto("/console/partner/sessions")
    assert _total(page) == own
    exported = _export(page)
    assert {row[0] for row in exported[1:]} == {"ST-A-1"}
    page.goto("/console/partner/stations")
    assert {row[0] for row in _rows(page)} <= {s for s in _partner_stations(console, "Partner A")}
    page.goto("/console/partner/sessions?station_id=ST-B-1")
    assert _total(page) == 0  # another partner's station: filtered into nothing, not shown


def _partner_stations(console: Console, partner: str) -> set[str]:
    with console.container.session_factory() as session:
        query = select(StationRecord.id).where(StationRecord.partner == partner)
        return set(session.scalars(query))


# The pages whose table rows carry labels on phones, with labels long enough to wrap.
PHONE_PAGES = {
    "admin": ["/console/admin", "/console/admin/pki", "/console/admin/sessions"],
    "client": ["/console/client"],
}
OVERLAPS = """
() => {
  const problems = [];
  for (const cell of document.querySelectorAll('table.cards td[data-label]')) {
    const label = getComputedStyle(cell, '::before');
    const labelHeight = parseFloat(label.height);
    if (!(labelHeight > 0)) {
      problems.push(`${cell.getAttribute('data-label')}: no measurable label`);
      continue;
    }
    const box = cell.getBoundingClientRect();
    if (labelHeight > box.height + 0.5) {
      problems.push(`${cell.getAttribute('data-label')}: ${labelHeight}px in ${box.height}px`);
    }
  }
  return problems;
}
"""


@pytest.mark.parametrize("language", ["uz", "ru", "en"])
def test_no_label_overlaps_the_next_row_at_390_px(
    page: Any, browser_tools: BrowserTools, console: Console, sessions: None, language: str
) -> None:
    for role, paths in PHONE_PAGES.items():
        login(page, USERS[role])
        set_language(page, language)
        page.set_viewport_size({"width": 390, "height": 844})
        for path in paths:
            page.goto(path)
            assert page.locator("table.cards").count() >= 1, path
            assert page.evaluate(OVERLAPS) == [], (language, path)
        page.set_viewport_size({"width": 1280, "height": 800})
        page.context.clear_cookies()


@pytest.mark.parametrize("language", ["uz", "ru", "en"])
def test_lists_in_every_language_axe_clean_header_on_one_line(
    page: Any, browser_tools: BrowserTools, console: Console, sessions: None, language: str
) -> None:
    login(page, USERS["admin"])
    set_language(page, language)
    page.goto("/console/admin/sessions?station_id=ST-A-1")
    assert page.evaluate("document.documentElement.lang") == language
    # One line: every top-level item of the header starts on the same row at 1280 px.
    tops = page.locator("header.top .sections > ul > li").evaluate_all(
        "items => items.map(i => Math.round(i.getBoundingClientRect().top))"
    )
    assert len(set(tops)) == 1, tops
    assert page.evaluate(ONE_ROW) == [], language
    page.locator("details.menu summary").first.click()
    assert page.locator("details.menu[open] a").first.is_visible()
    assert check_page(page, browser_tools.axe) == [], language
    screenshot(page, f"list-sessions-{language}")


# The brand, the sections and the tools (languages, who, log out) share the header's one row.
ONE_ROW = """
() => {
  const brand = document.querySelector('header.top .brand').getBoundingClientRect();
  return ['.sections', '.tools'].filter(part => {
    const box = document.querySelector('header.top ' + part).getBoundingClientRect();
    return box.top >= brand.bottom;
  });
}
"""


def test_every_cabinets_header_stays_on_one_line_at_1280(page: Any, console: Console) -> None:
    for role in ("partner", "technician", "client"):
        login(page, USERS[role])
        for language in ("uz", "ru", "en"):
            set_language(page, language)
            tops = page.locator("header.top .sections > ul > li").evaluate_all(
                "items => items.map(i => Math.round(i.getBoundingClientRect().top))"
            )
            assert len(set(tops)) == 1, (role, language, tops)
            assert page.evaluate(ONE_ROW) == [], (role, language)
        page.context.clear_cookies()
