"""The overview: the network at a glance for admins (everything) and partners (their own
stations), drawn on the server (SVG, no script), readable in uz, ru and en at desktop and
phone width, axe-clean."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import func, select

from csms.ocpp.db import PncDiagnosticRecord, StationRecord, TransactionRecord
from tests.console.a11y import check_page
from tests.console.conftest import USERS, BrowserTools, Console, login, screenshot, set_language

pytestmark = pytest.mark.postgres


@pytest.fixture(scope="module")
def activity(console: Console) -> None:
    """A session at Partner A's station a minute ago (12.5 kWh), and Plug & Charge
    diagnostics records there: authorizations three accepted, one refused; installations one
    accepted, one refused."""
    now = datetime.now(UTC)
    with console.container.transaction() as session:
        session.add(
            TransactionRecord(
                station_id="ST-A-1", transaction_id="tx-overview", state="ended",
                started_at=now - timedelta(minutes=1), updated_at=now, ended_at=now,
                evse_id=1, meter_start_wh=100_000.0, meter_last_wh=112_500.0,
            )
        )  # fmt: skip
        for kind, status in (
            ("authorize", "Accepted"),
            ("authorize", "Accepted"),
            ("authorize", "Accepted"),
            ("authorize", "Invalid"),
            ("installation", "Accepted"),
            ("installation", "Failed"),
        ):
            session.add(
                PncDiagnosticRecord(
                    at=now - timedelta(minutes=1), kind=kind, station_id="ST-A-1",
                    ocpp_version="2.0.1", emaid="UZUPCC000000001", status=status,
                    outcome="accepted" if status == "Accepted" else "refused",
                )
            )  # fmt: skip


def _figure(page: Any, label: str) -> str:
    return str(
        page.locator("dt", has_text=label)
        .first.locator("xpath=following-sibling::dd[1]")
        .inner_text()
    )


def test_the_admin_overview(
    page: Any, browser_tools: BrowserTools, console: Console, activity: None
) -> None:
    login(page, USERS["admin"])
    page.get_by_role("link", name="Overview").click()
    page.wait_for_url("**/console/admin/overview")
    heading = page.get_by_role("heading", name="Stations ·")
    assert int(heading.inner_text().rsplit("·", 1)[1]) >= 2  # ST-A-1, ST-B-1 at least
    assert page.locator("figure.chart svg rect").count() == 12  # four charts, all bars
    today = _figure(page, "Today")
    assert int(today.split("·")[0]) >= 1 and "kWh" in today
    assert float(today.split("·")[1].split()[0].replace(",", "")) >= 12.5
    main = page.inner_text("main")
    authorizations = page.locator("section", has_text="Plug & Charge authorizations")
    assert "failed: 25%" in authorizations.inner_text()  # 1 of 4
    installations = page.locator("section", has_text="Plug & Charge installations")
    assert "failed: 50%" in installations.inner_text() and "Plug & Charge" in main
    for language in ("uz", "ru", "en"):
        set_language(page, language)
        assert check_page(page, browser_tools.axe) == [], language
        screenshot(page, f"overview-admin-{language}")


def test_a_partner_sees_only_its_own_network(
    page: Any, browser_tools: BrowserTools, console: Console, activity: None
) -> None:
    login(page, USERS["partner"])
    page.goto("/console/partner/overview")
    heading = page.get_by_role("heading", name="Stations ·").inner_text()
    with console.container.session_factory() as session:
        own = session.scalar(
            select(func.count())
            .select_from(StationRecord)
            .where(StationRecord.partner == "Partner A")
        )
    assert int(heading.rsplit("·", 1)[1]) == own
    assert "failed: 25%" in page.inner_text("main")
    assert check_page(page, browser_tools.axe) == []
    screenshot(page, "overview-partner")
