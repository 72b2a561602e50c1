"""Plug & Charge diagnostics in the console: the records of a refused and of an accepted
installation, driven through the product's OCPP server by a simulated car, as the admin reads
them (decoded messages, the chain's verdicts, timings) and as the car's owner does (why the
car was refused, in words), at desktop and phone width, in uz and ru, axe-clean."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric import ec

from csms.ocpp.runner import BackgroundServer
from csms.simulator.car import SimulatedCar
from pki.authority import pem_of
from tests.auth.conftest import PCID_X
from tests.console.a11y import check_page
from tests.console.conftest import USERS, BrowserTools, Console, login, screenshot, set_language
from tests.ocpp.client import boot, call, open_station
from tests.ocpp.conftest import PASSWORD as STATION_PASSWORD

pytestmark = pytest.mark.postgres

STATION = "ST-A-DIAG"
ISO2 = "urn:iso:15118:2:2013:MsgDef"
REFUSED_WORDS = "The car's certificate does not lead to a car maker the network trusts."


def _install(ws: Any, car: SimulatedCar) -> str:
    answer = call(
        ws,
        "Get15118EVCertificate",
        {
            "iso15118SchemaVersion": ISO2,
            "action": "Install",
            "exiRequest": car.installation_request(),
        },
    )
    return str(answer[2]["status"])


@pytest.fixture(scope="module")
def installations(console: Console) -> Iterator[None]:
    """Driver X's car asks for its contract certificate at Partner A's station twice: before
    the network trusts its maker (refused), then after (installed)."""
    container = console.container
    ca = container.ca
    with container.transaction() as session:
        ca.init(session, "test", include_demo=True)  # the test car maker's CAs
        container.ocpp.registry.add(
            session,
            STATION,
            security_profile=1,
            password=STATION_PASSWORD,
            partner="Partner A",
            actor="test",
        )
    key = ec.generate_private_key(ec.SECP256R1())
    with container.transaction() as session:
        oem = ca.issue_for_key(session, key.public_key(), "oem-prov", common_name=PCID_X, actor="t")
    car = SimulatedCar(PCID_X, oem.certificate, key, [ca.authority("v2g-root").certificate])
    background = BackgroundServer(container.ocpp)
    ports = background.start(port=0)
    try:
        with open_station(f"ws://127.0.0.1:{ports['ws']}/ocpp/{STATION}", STATION) as ws:
            boot(ws)
            assert _install(ws, car) == "Failed"
            with container.transaction() as session:
                container.trust.add_bundle(
                    session, pem_of(ca.chain_to_root("oem-sub2")).encode(), "oem-root", actor="t"
                )
            assert _install(ws, car) == "Accepted"
    finally:
        background.stop()
    yield


def _open(page: Any, outcome: str) -> None:
    """From the list filtered by the car, the newest record of `outcome`."""
    page.goto(f"/console/diagnostics?pcid={PCID_X}&outcome={outcome}")
    page.locator("tbody tr").first.get_by_role("link").click()
    page.wait_for_url("**/console/diagnostics/*")


def test_the_admin_reads_a_refused_and_an_accepted_installation(
    page: Any, browser_tools: BrowserTools, installations: None
) -> None:
    login(page, USERS["admin"])
    page.locator("details.menu summary", has_text="Network").click()  # the admin's menus
    page.get_by_role("link", name="Plug & Charge diagnostics").click()
    page.wait_for_url("**/console/diagnostics")
    page.get_by_label("Vehicle PCID").fill(PCID_X.lower())
    page.get_by_role("button", name="Search").click()
    rows = page.locator("tbody tr")
    assert rows.count() == 2 and STATION in rows.first.inner_text()
    assert check_page(page, browser_tools.axe) == []

    _open(page, "refused")
    main = page.inner_text("main")
    assert REFUSED_WORDS in main and "FAILED_CertChainError" in main
    assert "Not anchored at any trusted root." in main
    chain = page.locator("table", has_text="Revocation").inner_text()
    assert PCID_X in chain and "valid" in chain
    request = page.locator("pre").first.inner_text()
    assert PCID_X in request and "CertificateInstallationReq" in request
    assert page.locator("h2", has_text="Timings").count() == 1
    assert check_page(page, browser_tools.axe) == []
    screenshot(page, "diagnostics-refused-admin")
    for language, words in (
        ("uz", "Avtomobil sertifikati tarmoq ishonadigan"),
        ("ru", "Сертификат автомобиля не ведёт"),
    ):
        set_language(page, language)
        assert words in page.inner_text("main")
        assert check_page(page, browser_tools.axe) == [], language
        screenshot(page, f"diagnostics-refused-admin-{language}")
    set_language(page, "en")

    _open(page, "accepted")
    main = page.inner_text("main")
    assert "The car received its contract certificate." in main
    assert "Anchored at the trusted root:" in main
    response = page.locator("pre").nth(1).inner_text()
    assert "encrypted private key, " in response and "CertificateInstallationRes" in response
    assert check_page(page, browser_tools.axe) == []
    screenshot(page, "diagnostics-accepted-admin")


def test_the_owner_reads_why_the_car_was_refused(
    page: Any, browser_tools: BrowserTools, console: Console, installations: None
) -> None:
    login(page, USERS["client"])
    why = page.locator("section", has_text="Why your car was refused")
    assert REFUSED_WORDS in why.inner_text()
    assert check_page(page, browser_tools.axe) == []
    screenshot(page, "diagnostics-owner-contracts")
    why.get_by_role("link").first.click()
    page.wait_for_url("**/console/diagnostics/*")
    main = page.inner_text("main")
    assert REFUSED_WORDS in main and PCID_X in main
    # The owner reads what happened and why, never the operator's internals.
    assert page.locator("pre").count() == 0 and "Timings" not in main
    assert "no trusted issuer" not in main
    assert check_page(page, browser_tools.axe) == []
    screenshot(page, "diagnostics-refused-owner")
    set_language(page, "ru")
    assert "Сертификат автомобиля не ведёт" in page.inner_text("main")
    assert check_page(page, browser_tools.axe) == []
    screenshot(page, "diagnostics-refused-owner-ru")
