"""Browser tests of the console: Playwright (Python) driving Debian's Chromium against the
real product on a loopback port, on PostgreSQL, with the MyID stand-in of tests/auth.

- `scripts/browser_setup.sh` installs Chromium and axe-core when missing; a failure skips
  these tests on a developer's machine and fails them under CI=true (tests/harness rule).
- Screenshots of each main page at 1280x800 and 390x844 land in tests/screenshots/ (ignored
  by git), named <page>-<desktop|phone>.png.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from auth.users import add_user
from csms.app import create_app
from csms.container import Container, build_container
from csms.ocpp.db import ConnectorStatusRecord, SecurityEventRecord, TransactionRecord
from tests.auth.conftest import PASSWORD, make_settings, populate
from tests.auth.myid_standin import CLIENT_ID, CLIENT_SECRET, StandIn
from tests.harness.availability import unavailable
from tests.harness.postgres import PostgresServer
from tests.pki.server import free_port, serving

REPO = Path(__file__).resolve().parents[2]
SETUP_SCRIPT = REPO / "scripts" / "browser_setup.sh"
SCREENSHOTS = REPO / "tests" / "screenshots"
VIEWPORTS = {"desktop": (1280, 800), "phone": (390, 844)}
# As the machine notes prescribe for Debian's Chromium as root on a closed network.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# A loaded 2-core CI machine: waits are generous, and every wait is for a condition.
TIMEOUT_MS = 30_000
USERS = {
    "admin": "admin-1",
    "technician": "tech-1",
    "partner": "staff-a",
    "client": "driver-x",
}


expect.set_options(timeout=TIMEOUT_MS)


@dataclass(frozen=True)
class BrowserTools:
    chromium: str
    axe: Path


@pytest.fixture(scope="session")
def browser_tools() -> BrowserTools:
    done = subprocess.run(
        ["bash", str(SETUP_SCRIPT)],
        capture_output=True,
        text=True,
        timeout=900,
        stdin=subprocess.DEVNULL,
        check=False,
    )
    found = dict(line.split("=", 1) for line in done.stdout.splitlines() if "=" in line)
    if done.returncode != 0 or not found.get("chromium") or not found.get("axe"):
        unavailable(f"scripts/browser_setup.sh failed: {done.stderr.strip()[-500:]}")
    return BrowserTools(found["chromium"], Path(found["axe"]))


@pytest.fixture(scope="session")
def browser(browser_tools: BrowserTools) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=browser_tools.chromium,
            headless=True,
            args=CHROMIUM_ARGS,
            timeout=120_000,
        )
        yield launched
        launched.close()


@dataclass
class Console:
    container: Container
    url: str
    standin: StandIn
    facts: dict[str, str]


def _add_activity(container: Container, facts: dict[str, str]) -> None:
    """Sessions, a security event and connector states, so the pages have rows to show."""
    now = datetime.now(UTC)
    with container.transaction() as session:
        for station, partner_token in (("ST-A-1", facts["emaid_x"]), ("ST-B-1", facts["emaid_y"])):
            session.add(
                TransactionRecord(
                    station_id=station,
                    transaction_id=f"tx-{station}",
                    state="ended",
                    started_at=now - timedelta(hours=2),
                    updated_at=now - timedelta(hours=1),
                    ended_at=now - timedelta(hours=1),
                    evse_id=1,
                    id_token=partner_token,
                    id_token_type="eMAID",
                    meter_start_wh=1000.0,
                    meter_last_wh=23456.5,
                )
            )
            session.add(
                ConnectorStatusRecord(
                    station_id=station,
                    evse_id=1,
                    connector_id=1,
                    status="Available",
                    reported_at=now,
                )
            )
        session.add(
            SecurityEventRecord(
                station_id="ST-A-1",
                type="InvalidCsmsCertificate",
                tech_info="test: the station refused a server certificate",
                occurred_at=now - timedelta(minutes=5),
                received_at=now - timedelta(minutes=5),
            )
        )


@pytest.fixture(scope="module")
def console_settings() -> dict[str, Any]:
    """Settings a test module adds to the product's (e.g. the map's tile server); override
    it in the module."""
    return {}


@pytest.fixture(scope="module")
def console(
    postgres_server: PostgresServer,
    tmp_path_factory: pytest.TempPathFactory,
    console_settings: dict[str, Any],
) -> Iterator[Console]:
    url = postgres_server.create_database()
    standin = StandIn()
    port = free_port()
    with serving(standin.app()) as myid_url:
        container = build_container(
            make_settings(
                tmp_path_factory.mktemp("console"),
                url,
                myid_base_url=myid_url,
                myid_client_id=CLIENT_ID,
                myid_client_secret=CLIENT_SECRET,
                # A browser returns to the console's callback, which runs the API's.
                myid_redirect_url=f"http://127.0.0.1:{port}/console/myid/callback",
                myid_timeout=5.0,
                **console_settings,
            )
        )
        with container.transaction() as session:
            container.ca.init(session, "test", include_demo=False)
        facts = populate(container)
        _add_activity(container, facts)
        with serving(create_app(container), port) as api_url:
            yield Console(container, api_url, standin, facts)
        container.close()
    postgres_server.drop_database(url.rsplit("/", 1)[1])


@pytest.fixture
def page(browser: Any, console: Console) -> Iterator[Any]:
    context = browser.new_context(
        base_url=console.url,
        viewport={"width": 1280, "height": 800},
        locale="en-GB",
    )
    context.set_default_timeout(TIMEOUT_MS)
    context.set_default_navigation_timeout(TIMEOUT_MS)
    opened = context.new_page()
    yield opened
    context.close()


def login(page: Any, username: str, password: str = PASSWORD) -> None:
    """Local login through the form; waits until the cabinet has loaded."""
    page.goto("/console/login")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(lambda url: "/console/login" not in url)
    page.wait_for_load_state("load")


def set_language(page: Any, code: str) -> None:
    names = {"uz": "O‘zbekcha", "ru": "Русский", "en": "English"}  # noqa: RUF001
    page.get_by_role("link", name=names[code], exact=True).click()
    page.wait_for_function(f"document.documentElement.lang === '{code}'")


def screenshot(page: Any, name: str) -> list[Path]:
    """The page at desktop and at phone width; returns the files written."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    written = []
    for label, (width, height) in VIEWPORTS.items():
        page.set_viewport_size({"width": width, "height": height})
        page.wait_for_load_state("load")
        path = SCREENSHOTS / f"{name}-{label}.png"
        page.screenshot(path=str(path), full_page=True)
        written.append(path)
    page.set_viewport_size({"width": 1280, "height": 800})
    return written


def make_client_user(container: Container, username: str) -> None:
    # add_user reloads the policy once the transaction has committed.
    with container.transaction() as session:
        add_user(
            session, container.policy, username, role="client", password=PASSWORD, actor="test"
        )
