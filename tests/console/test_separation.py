"""Each role reaches its own cabinet only, and only its own rows; strangers reach nothing."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.console.conftest import USERS, Console, login, screenshot

CABINET_PAGES = {
    "admin": [
        "/console/admin",
        "/console/admin/policies",
        "/console/admin/partners",
        "/console/admin/pki",
        "/console/admin/audit",
    ],
    "technician": ["/console/technician", "/console/technician/stations/ST-A-1"],
    "partner": ["/console/partner", "/console/partner/sessions"],
    "client": ["/console/client", "/console/client/sessions"],
}


@pytest.mark.parametrize("role", list(USERS))
def test_a_role_is_refused_every_other_cabinet(page: Any, role: str) -> None:
    login(page, USERS[role])
    for owner, paths in CABINET_PAGES.items():
        for path in paths:
            answer = page.goto(path)
            assert answer is not None
            if owner == role:
                assert answer.status == 200, (role, path)
            else:
                assert answer.status == 403, (role, path)
                assert page.get_by_role("heading", name="Not allowed").is_visible()
                # The refusal page shows nothing of the page refused.
                assert "<table" not in page.content()
    if role == "client":
        screenshot(page, "refused-403")


def test_strangers_are_sent_to_the_login_page(page: Any) -> None:
    for paths in CABINET_PAGES.values():
        for path in paths:
            page.goto(path)
            assert page.url.endswith(f"/console/login?next={path}"), page.url
    # ... but the public station list is public.
    assert page.goto("/console/stations").status == 200


def _csrf(page: Any) -> str:
    match = re.search(r'name="csrf" value="([^"]+)"', page.content())
    assert match is not None
    return match.group(1)


def test_a_driver_cannot_terminate_another_drivers_contract(page: Any, console: Console) -> None:
    login(page, USERS["client"])
    other = console.facts["emaid_y"]
    answer = page.request.post(
        f"/console/client/contracts/{other}/terminate",
        form={"csrf": _csrf(page)},
        max_redirects=0,
    )
    assert answer.status == 404
    assert console.container and other not in page.content()
    with console.container.session_factory() as session:
        from sqlalchemy import select

        from contracts.models import Contract

        status = session.scalar(select(Contract.status).where(Contract.emaid == other))
    assert status == "active"


def test_a_form_without_the_session_token_is_refused(page: Any, console: Console) -> None:
    login(page, USERS["client"])
    answer = page.request.post(
        "/console/client/contracts", form={"pcid": "ZZ00000ABCDEF0099"}, max_redirects=0
    )
    assert answer.status == 400
    page.goto("/console/client")
    assert "ZZ00000ABCDEF0099" not in page.content()


def test_a_partner_sees_neither_another_partners_station_nor_its_sessions(page: Any) -> None:
    login(page, USERS["partner"])
    assert "ST-B-1" not in page.content()
    page.goto("/console/partner/sessions")
    assert "tx-ST-B-1" not in page.content()
    page.goto("/console/stations")  # the public list names every station, without owners
    assert "ST-B-1" in page.content() and "Partner B" not in page.content()
