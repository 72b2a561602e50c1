"""MyID login end to end against the loopback stand-in, and every way it can fail."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import parse_qs, urlencode, urlsplit

import httpx
import pytest
from sqlalchemy import func, select

from auth.audit import AuditEvent
from auth.models import LoginSession, User
from csms.app import create_app
from csms.container import Container, build_container
from tests.auth.conftest import make_settings
from tests.auth.myid_standin import CLIENT_ID, CLIENT_SECRET, PINFL, StandIn, profile
from tests.harness.postgres import PostgresServer
from tests.pki.server import free_port, serving

pytestmark = pytest.mark.postgres


@dataclass
class Setup:
    container: Container
    url: str
    standin: StandIn

    def browser(self) -> httpx.Client:
        return httpx.Client(base_url=self.url, timeout=30, follow_redirects=False)

    def start(self, browser: httpx.Client) -> str:
        """Login → MyID's authorization page → the callback URL MyID sends the person to."""
        login = browser.get("/auth/myid/login")
        assert login.status_code == 302, login.text
        at_myid = httpx.get(login.headers["location"], follow_redirects=False)
        assert at_myid.status_code == 302
        return str(at_myid.headers["location"])

    def users(self) -> int:
        with self.container.session_factory() as session:
            return int(session.scalar(select(func.count(User.id)).where(User.pinfl.is_not(None))))

    def last_failure(self) -> str:
        with self.container.session_factory() as session:
            event = session.scalar(
                select(AuditEvent)
                .where(AuditEvent.action == "login.failed")
                .order_by(AuditEvent.id.desc())
            )
            assert event is not None
            return str(event.details["reason"])


@pytest.fixture(scope="module")
def setup(
    postgres_server: PostgresServer, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Setup]:
    url = postgres_server.create_database()
    standin = StandIn()
    port = free_port()
    with serving(standin.app()) as myid_url:
        container = build_container(
            make_settings(
                tmp_path_factory.mktemp("myid"),
                url,
                myid_base_url=myid_url,
                myid_client_id=CLIENT_ID,
                myid_client_secret=CLIENT_SECRET,
                myid_redirect_url=f"http://127.0.0.1:{port}/auth/myid/callback",
                myid_timeout=1.0,
            )
        )
        with serving(create_app(container), port) as api_url:
            yield Setup(container, api_url, standin)
        container.close()
    postgres_server.drop_database(url.rsplit("/", 1)[1])


@pytest.fixture(autouse=True)
def _reset(setup: Setup) -> None:
    setup.standin.mode = ""
    setup.standin.person = profile()
    setup.standin.seen.clear()


def _callback(browser: httpx.Client, callback_url: str) -> httpx.Response:
    parts = urlsplit(callback_url)
    return browser.get(f"{parts.path}?{parts.query}")


def test_login_creates_the_user_and_a_cookie_session(setup: Setup) -> None:
    with setup.browser() as browser:
        callback = setup.start(browser)
        authorization = setup.standin.seen[0]
        assert authorization["client_id"] == CLIENT_ID
        assert authorization["response_type"] == "code"
        assert authorization["scope"] == "common_data,contacts"
        assert authorization["method"] == "strong"
        assert len(authorization["state"]) >= 20
        answer = _callback(browser, callback)
        assert answer.status_code == 200, answer.text
        assert answer.json() == {"username": f"myid.{PINFL}", "created": True}
        me = browser.get("/api/v1/me")
        assert me.status_code == 200
        assert me.json()["full_name"] == "KARIMOV ALISHER BAXTIYOROVICH"
        assert me.json()["role"] == "client" and me.json()["has_myid"] is True
        assert me.json()["phone"] == "998901234567"
        # Logging out ends the cookie session.
        assert browser.post("/api/v1/auth/logout").status_code == 204
        assert browser.get("/api/v1/me").status_code == 401
    exchange = next(s for s in setup.standin.seen if s["path"] == "access-token")
    assert exchange["client_secret"] == CLIENT_SECRET  # in the form body ...
    assert exchange["authorization"] is None  # ... not in a Basic header
    assert exchange["grant_type"] == "authorization_code"


def test_second_login_updates_the_same_user(setup: Setup) -> None:
    setup.standin.person = profile(contacts=False)  # contacts scope not granted this time
    with setup.browser() as browser:
        first = _callback(browser, setup.start(browser))
        assert first.status_code == 200
    before = setup.users()
    with setup.browser() as browser:
        second = _callback(browser, setup.start(browser))
        assert second.json()["created"] is False
        assert browser.get("/api/v1/me").json()["phone"] == "998901234567"  # kept
    assert setup.users() == before


@pytest.mark.parametrize(
    ("mode", "status", "reason"),
    [
        ("consent_denied", 401, "MyID refused: access_denied"),
        ("userinfo_403", 401, "MyID refused the profile request (403)"),
        ("token_text_error", 502, "MyID's token answer was not understood"),
        ("no_common_data", 401, "MyID sent no common_data (was the common_data scope granted?)"),
        ("timeout", 502, "MyID did not answer in time"),
    ],
)
def test_myid_failures_are_clear_and_create_nothing(
    setup: Setup, mode: str, status: int, reason: str
) -> None:
    setup.standin.person = profile(pinfl="39999999999999")
    setup.standin.mode = mode
    before = setup.users()
    with setup.browser() as browser:
        answer = _callback(browser, setup.start(browser))
        assert answer.status_code == status
        assert answer.json() == {"detail": f"MyID login failed: {reason}"}
        assert browser.get("/api/v1/me").status_code == 401
    assert setup.users() == before
    assert setup.last_failure() == reason


def test_forged_missing_and_foreign_state_are_refused(setup: Setup) -> None:
    with setup.browser() as browser:
        callback = setup.start(browser)
        query = parse_qs(urlsplit(callback).query)
        code = query["code"][0]
        forged = browser.get(f"/auth/myid/callback?{urlencode({'code': code, 'state': 'forged'})}")
        assert forged.status_code == 401
        assert "state does not match" in forged.json()["detail"]
        missing = browser.get(f"/auth/myid/callback?{urlencode({'code': code})}")
        assert missing.status_code == 401
        assert "no state" in missing.json()["detail"]
    # A state minted in someone else's browser is worthless in this one.
    with setup.browser() as other:
        stolen = _callback(other, callback)
        assert stolen.status_code == 401
        assert "state does not match" in stolen.json()["detail"]


def test_bad_and_reused_codes_are_refused(setup: Setup) -> None:
    with setup.browser() as browser:
        first = setup.start(browser)
        code_1 = parse_qs(urlsplit(first).query)["code"][0]
        assert _callback(browser, first).status_code == 200
        # A fresh login's state with the first login's (spent) code.
        second = setup.start(browser)
        state_2 = parse_qs(urlsplit(second).query)["state"][0]
        reused = browser.get(f"/auth/myid/callback?{urlencode({'code': code_1, 'state': state_2})}")
        assert reused.status_code == 401
        assert reused.json()["detail"] == "MyID login failed: MyID refused the code: invalid_grant"
        third = setup.start(browser)
        state_3 = parse_qs(urlsplit(third).query)["state"][0]
        bogus = browser.get(
            f"/auth/myid/callback?{urlencode({'code': 'made-up', 'state': state_3})}"
        )
        assert bogus.status_code == 401
        no_code = browser.get(f"/auth/myid/callback?{urlencode({'state': state_3})}")
        assert no_code.status_code == 401


def test_a_failed_login_leaves_no_session_rows(setup: Setup) -> None:
    with setup.container.session_factory() as session:
        before = session.scalar(select(func.count()).select_from(LoginSession))
    setup.standin.mode = "userinfo_403"
    with setup.browser() as browser:
        assert _callback(browser, setup.start(browser)).status_code == 401
    with setup.container.session_factory() as session:
        assert session.scalar(select(func.count()).select_from(LoginSession)) == before
