"""What a new CSMS_TOKEN_KEY does to the people logged in (docs/deploy.md "Rotating the token
key"): every node restarted with key B on the database that key A's nodes used.

- an access token signed under A is refused (its signature), but the current refresh token
  still works: the database keeps a plain hash of it, not a keyed one, so an API client is
  back after one refresh and nobody types a password;
- a refresh token of an earlier generation, replayed after the rotation, is a plain bad token:
  its MAC was made under A, so B cannot recognise it as once issued, and the login it belonged
  to is not ended (under A it would be: reuse detection);
- a console (browser) login is gone: its cookie is signed under a key derived from A.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable

import httpx
import pytest

from auth.users import add_user
from csms.app import create_app
from csms.container import Container
from tests.auth.conftest import PASSWORD
from tests.pki.server import serving

pytestmark = pytest.mark.postgres

OLD_KEY = "old-token-key-" + "a" * 40
NEW_KEY = "new-token-key-" + "b" * 40


def _me(client: httpx.Client, access_token: str) -> int:
    return client.get("/api/v1/me", headers={"Authorization": f"Bearer {access_token}"}).status_code


def _console_home(client: httpx.Client) -> str:
    """Where /console/ sends this browser: its cabinet, or the login page."""
    answer = client.get("/console/", follow_redirects=False)
    assert answer.status_code == 303
    return answer.headers["location"]


def _console_login(client: httpx.Client) -> None:
    form = client.get("/console/login")
    match = re.search(r'name="csrf" value="([^"]+)"', form.text)
    assert match, "the login form carries a CSRF token"
    answer = client.post(
        "/console/login",
        data={"csrf": match.group(1), "username": "rotating", "password": PASSWORD},
    )
    assert answer.status_code == 303, answer.text
    assert answer.headers["location"] == "/console/"


def test_a_new_token_key_keeps_api_logins_and_ends_console_logins(
    fresh_container: Callable[..., Container],
) -> None:
    # Same database, same CA keys (one key label prefix): only the token key changes.
    prefix = f"t{uuid.uuid4().hex[:12]}"
    old = fresh_container(token_key=OLD_KEY, key_label_prefix=prefix)
    with old.transaction() as session:
        add_user(session, old.policy, "rotating", role="client", password=PASSWORD, actor="t")

    with serving(create_app(old)) as url, httpx.Client(base_url=url, timeout=30) as client:
        first = client.post(
            "/api/v1/auth/token", data={"username": "rotating", "password": PASSWORD}
        )
        assert first.status_code == 200, first.text
        pair = client.post(
            "/api/v1/auth/refresh", json={"refresh_token": first.json()["refresh_token"]}
        )
        assert pair.status_code == 200, pair.text
        assert _me(client, pair.json()["access_token"]) == 200
        _console_login(client)
        assert not _console_home(client).startswith("/console/login")  # in a cabinet
        cookies = dict(client.cookies)
    old.close()

    new = fresh_container(token_key=NEW_KEY, key_label_prefix=prefix)
    with serving(create_app(new)) as url, httpx.Client(base_url=url, timeout=30) as client:
        assert _me(client, pair.json()["access_token"]) == 401

        refreshed = client.post(
            "/api/v1/auth/refresh", json={"refresh_token": pair.json()["refresh_token"]}
        )
        assert refreshed.status_code == 200, refreshed.text
        assert _me(client, refreshed.json()["access_token"]) == 200

        replayed = client.post(
            "/api/v1/auth/refresh", json={"refresh_token": first.json()["refresh_token"]}
        )
        assert replayed.status_code == 401
        assert replayed.json()["detail"] == "bad refresh token"
        assert _me(client, refreshed.json()["access_token"]) == 200  # the login lives on

        client.cookies.update(cookies)
        assert _console_home(client).startswith("/console/login")
