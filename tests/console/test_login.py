"""Logging in (locally and through the MyID stand-in), out, and the login page itself."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from auth.users import add_user
from tests.auth.conftest import PASSWORD
from tests.auth.myid_standin import profile
from tests.console.a11y import check_page, tab_reaches
from tests.console.conftest import (
    USERS,
    BrowserTools,
    Console,
    login,
    make_client_user,
    screenshot,
)


def test_login_page_is_accessible_and_keyboard_usable(
    page: Any, browser_tools: BrowserTools
) -> None:
    page.goto("/console/login")
    assert check_page(page, browser_tools.axe) == []
    reached = tab_reaches(page)
    # The skip link first, then every control of the form, in reading order.
    assert reached[0] == "a:#main"
    wanted = ["a:/auth/myid/login", "input:f-username", "input:f-password", "button:Log in"]
    assert [r for r in reached if r in wanted] == wanted, reached
    screenshot(page, "login")


def test_wrong_password_is_shown_next_to_the_field(page: Any) -> None:
    page.goto("/console/login")
    page.get_by_role("button", name="Log in").click()
    # Both fields empty: each says so below itself.
    assert page.locator("#e-username").inner_text() == "This field is required."
    assert page.locator("#f-username").get_attribute("aria-invalid") == "true"
    page.get_by_label("Username").fill(USERS["admin"])
    page.get_by_label("Password").fill("not the password at all")
    page.get_by_role("button", name="Log in").click()
    expect(page.locator("#e-password")).to_have_text("Wrong username or password.")
    assert page.get_by_label("Username").input_value() == USERS["admin"]
    screenshot(page, "login-error")


def test_each_role_lands_in_its_own_cabinet_and_logs_out(page: Any) -> None:
    for role, username in USERS.items():
        login(page, username)
        assert page.url.endswith(f"/console/{role}"), (role, page.url)
        assert username in page.locator("header").inner_text()
        page.get_by_role("button", name="Log out").click()
        page.wait_for_url("**/console/login")
        # The session is over: the cabinet sends back to the login page.
        page.goto(f"/console/{role}")
        assert "/console/login" in page.url


def test_login_returns_to_the_page_asked_for(page: Any) -> None:
    page.goto("/console/admin/audit")
    assert "/console/login?next=/console/admin/audit" in page.url
    page.get_by_label("Username").fill(USERS["admin"])
    page.get_by_label("Password").fill("correct horse battery staple")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/console/admin/audit")
    assert page.get_by_role("heading", name="Audit log").is_visible()


def test_myid_login_through_the_stand_in_opens_the_driver_page(page: Any, console: Console) -> None:
    console.standin.mode = ""
    page.goto("/console/login")
    page.get_by_role("link", name="Log in with MyID").click()
    page.wait_for_url("**/console/client")
    assert "myid.31234567890123" in page.locator("header").inner_text()
    assert page.get_by_role("heading", name="My contracts").is_visible()
    paths = [entry["path"] for entry in console.standin.seen]
    assert paths[:3] == ["authorization", "access-token", "users/me"]


def test_myid_refusal_shows_a_translated_message(page: Any, console: Console) -> None:
    console.standin.mode = "consent_denied"
    try:
        page.goto("/console/lang/ru?next=/console/login")
        page.get_by_role("link", name="Войти через MyID").click()
        page.wait_for_url("**/console/myid/callback**")
        alert = page.get_by_role("alert").inner_text()
        assert alert.startswith("Не удалось войти через MyID")  # noqa: RUF001 - Russian
    finally:
        console.standin.mode = ""


def test_hostile_login_input_is_a_field_error_not_a_crash(page: Any) -> None:
    page.goto("/console/login")
    csrf = page.locator("input[name=csrf]").first.get_attribute("value")
    answer = page.request.post(
        "/console/login",
        form={"csrf": csrf, "username": "adm\x00in-1", "password": "x" * 5000, "next": "//evil"},
        headers={"Accept-Language": "en"},
        max_redirects=0,
    )
    assert answer.status == 422
    assert "Wrong username or password." in answer.text()


PINFLS = {"admin": "41234567890001", "technician": "41234567890002", "partner": "41234567890003"}


@pytest.mark.parametrize("role", list(PINFLS))
def test_staff_log_in_through_myid_into_their_own_cabinet(
    page: Any, console: Console, role: str
) -> None:
    """Staff accounts carrying a PINFL log in with MyID as themselves, in their role."""
    container = console.container
    username = f"myid-staff-{role}"
    # add_user reloads the policy once the transaction has committed.
    with container.transaction() as session:
        add_user(
            session,
            container.policy,
            username,
            role=role,
            partner="Partner A" if role == "partner" else None,
            pinfl=PINFLS[role],
            actor="test",
        )
    console.standin.person = profile(PINFLS[role])
    try:
        page.goto("/console/login")
        page.get_by_role("link", name="Log in with MyID").click()
        page.wait_for_url(f"**/console/{role}")
        assert username in page.locator("header").inner_text()
    finally:
        console.standin.person = profile()


def test_too_many_failed_logins_are_429_with_a_translated_message(
    page: Any, console: Console
) -> None:
    """Failed before the fix: after any number of wrong passwords the right one logged in."""
    make_client_user(console.container, "guessed-at")
    page.goto("/console/login")
    csrf = page.locator("input[name=csrf]").first.get_attribute("value")

    def attempt(password: str, language: str = "en") -> Any:
        return page.request.post(
            "/console/login",
            form={"csrf": csrf, "username": "guessed-at", "password": password, "next": ""},
            # The address this test plays (the test server trusts X-Forwarded-For from
            # loopback), so other tests' failures from 127.0.0.1 do not count here.
            headers={"Accept-Language": language, "X-Forwarded-For": "198.51.100.77"},
            max_redirects=0,
        )

    for i in range(10):  # CSMS_LOGIN_MAX_FAILURES_PER_ACCOUNT's default
        assert attempt(f"wrong password {i}").status == 422
    refused = attempt(PASSWORD)
    assert refused.status == 429, refused.status
    assert int(refused.headers["retry-after"]) > 0
    assert "Too many failed logins." in refused.text()
    russian = attempt(PASSWORD, "ru")
    assert russian.status == 429
    assert "Слишком много неудачных попыток входа." in russian.text()
    assert console.container.settings.login_max_failures_per_account == 10
