"""Tokens: issue, refresh rotation, reuse detection, logout, and every way a token is refused."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import jwt
import pytest

from auth.tokens import ALGORITHM, AUDIENCE
from tests.auth.conftest import PASSWORD, World

pytestmark = pytest.mark.postgres


def _me(world: World, token: str) -> tuple[int, dict]:
    with world.client() as client:
        answer = client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"})
    return answer.status_code, answer.json()


def _claims(world: World, **changes: object) -> dict[str, object]:
    claims = jwt.decode(world.tokens["client_x"], options={"verify_signature": False})
    claims.update(changes)
    return claims


def _key(world: World) -> bytes:
    return world.container.settings.resolved_token_key()


def test_password_login_gives_tokens_that_me_accepts(world: World) -> None:
    status, body = _me(world, world.tokens["partner_a"])
    assert status == 200
    assert body["username"] == "staff-a"
    assert body["role"] == "partner"
    assert body["partner"] == "Partner A"


def test_wrong_password_is_401_and_audited(world: World) -> None:
    with world.client() as client:
        answer = client.post(
            "/api/v1/auth/token", data={"username": "driver-x", "password": "wrong password!"}
        )
        assert answer.status_code == 401
        assert answer.json()["detail"] == "wrong username or password"
        unknown = client.post("/api/v1/auth/token", data={"username": "nobody", "password": "x"})
        assert unknown.status_code == 401
    with world.client("admin") as admin:
        events = admin.get("/api/v1/audit", params={"action": "login."}).json()["items"]
    failed = [e for e in events if e["action"] == "login.failed"]
    assert {e["actor"] for e in failed} >= {"user:driver-x", "user:nobody"}
    assert any(e["action"] == "login.succeeded" for e in events)


@pytest.mark.parametrize(
    ("case", "reason"),
    [
        ("expired", "token expired"),
        ("signature", "bad token signature"),
        ("audience", "token for another audience"),
        ("issuer", "token from another issuer"),
        ("algorithm_none", "malformed token"),
        ("garbage", "malformed token"),
        ("unknown_session", "unknown session"),
    ],
)
def test_bad_access_tokens_are_401(world: World, case: str, reason: str) -> None:
    now = datetime.now(UTC)
    key = _key(world)
    if case == "expired":
        token = jwt.encode(
            _claims(
                world,
                iat=now - timedelta(hours=1),
                nbf=now - timedelta(hours=1),
                exp=now - timedelta(seconds=5),
            ),
            key,
            algorithm=ALGORITHM,
        )
    elif case == "signature":
        token = jwt.encode(
            _claims(world), b"another key of at least 32 bytes!!", algorithm=ALGORITHM
        )
    elif case == "audience":
        token = jwt.encode(_claims(world, aud="someone-else"), key, algorithm=ALGORITHM)
    elif case == "issuer":
        token = jwt.encode(_claims(world, iss="https://evil.example"), key, algorithm=ALGORITHM)
    elif case == "algorithm_none":
        token = jwt.encode(_claims(world), None, algorithm="none")
    elif case == "unknown_session":
        token = jwt.encode(_claims(world, sid="no-such-session"), key, algorithm=ALGORITHM)
    else:
        token = "not.a.jwt"
    status, body = _me(world, token)
    assert status == 401
    assert body["detail"] == reason


def test_audience_is_the_products(world: World) -> None:
    claims = jwt.decode(world.tokens["client_x"], options={"verify_signature": False})
    assert claims["aud"] == AUDIENCE
    assert claims["exp"] - claims["iat"] == 15 * 60


def test_refresh_rotates_and_a_reused_refresh_token_revokes_the_session(world: World) -> None:
    pair = world.login("driver-y")
    with world.client() as client:
        first = client.post("/api/v1/auth/refresh", json={"refresh_token": pair["refresh_token"]})
        assert first.status_code == 200
        rotated = first.json()
        assert rotated["refresh_token"] != pair["refresh_token"]
        assert _me(world, rotated["access_token"])[0] == 200
        # The old refresh token comes back: theft. 401, and the whole login ends.
        reused = client.post("/api/v1/auth/refresh", json={"refresh_token": pair["refresh_token"]})
        assert reused.status_code == 401
        assert reused.json()["detail"] == "refresh token reused; session revoked"
        after = client.post(
            "/api/v1/auth/refresh", json={"refresh_token": rotated["refresh_token"]}
        )
        assert after.status_code == 401
    assert _me(world, rotated["access_token"]) == (401, {"detail": "session ended"})


def test_forged_and_malformed_refresh_tokens_are_401(world: World) -> None:
    pair = world.login("driver-y")
    sid, generation, _secret = pair["refresh_token"].split(".", 2)
    with world.client() as client:
        for token in (f"{sid}.{generation}.forged", "no-dots", f"{sid}.x.y", f"{sid}.7.z"):
            answer = client.post("/api/v1/auth/refresh", json={"refresh_token": token})
            assert answer.status_code == 401, token
    # A forged attempt does not end the real login.
    assert _me(world, pair["access_token"])[0] == 200


def test_an_old_generation_nobody_was_issued_is_a_bad_token_not_a_theft(world: World) -> None:
    """Failed before the fix: after one rotation, `<sid>.0.<anything>` counted as reuse and
    ended the victim's login, though the sid is in every access token and no secret was
    known. Only a token that was really issued may trigger reuse detection."""
    pair = world.login("driver-y")
    sid = pair["refresh_token"].split(".", 1)[0]
    with world.client() as client:
        rotated = client.post("/api/v1/auth/refresh", json={"refresh_token": pair["refresh_token"]})
        assert rotated.status_code == 200
        current = rotated.json()
        for forged in (f"{sid}.0.anything", f"{sid}.0.{'A' * 43}.{'B' * 43}", f"{sid}.0.x.y.z"):
            answer = client.post("/api/v1/auth/refresh", json={"refresh_token": forged})
            assert answer.status_code == 401, forged
            assert answer.json()["detail"] == "bad refresh token", forged
        # The login is untouched: its access token and its refresh token still work.
        assert _me(world, current["access_token"])[0] == 200
        again = client.post(
            "/api/v1/auth/refresh", json={"refresh_token": current["refresh_token"]}
        )
        assert again.status_code == 200, again.text


def test_any_earlier_generation_that_was_issued_still_revokes(world: World) -> None:
    """A thief who refreshed several times is still caught when the victim's older token
    comes back (not only the generation just before the current one)."""
    pair = world.login("driver-y")
    tokens = [pair["refresh_token"]]
    with world.client() as client:
        for _ in range(3):
            answer = client.post("/api/v1/auth/refresh", json={"refresh_token": tokens[-1]})
            assert answer.status_code == 200
            tokens.append(answer.json()["refresh_token"])
        reused = client.post("/api/v1/auth/refresh", json={"refresh_token": tokens[0]})
        assert reused.json()["detail"] == "refresh token reused; session revoked"
        after = client.post("/api/v1/auth/refresh", json={"refresh_token": tokens[-1]})
        assert after.json()["detail"] == "session ended"


def test_logout_revokes_access_and_refresh_tokens(world: World) -> None:
    pair = world.login("tech-1")
    token = pair["access_token"]
    with world.client() as client:
        answer = client.post("/api/v1/auth/logout", headers={"Authorization": f"Bearer {token}"})
        assert answer.status_code == 204
        refreshed = client.post(
            "/api/v1/auth/refresh", json={"refresh_token": pair["refresh_token"]}
        )
        assert refreshed.status_code == 401
    assert _me(world, token) == (401, {"detail": "session ended"})


def test_disabled_user_tokens_stop_working(world: World) -> None:
    with world.client("admin") as admin:
        created = admin.post(
            "/api/v1/users", json={"username": "temp-1", "role": "client", "password": PASSWORD}
        )
        assert created.status_code == 201, created.text
        pair = world.login("temp-1")
        assert _me(world, pair["access_token"])[0] == 200
        assert admin.delete("/api/v1/users/temp-1").status_code == 204
    assert _me(world, pair["access_token"])[0] == 401
    with world.client() as client:
        again = client.post("/api/v1/auth/token", data={"username": "temp-1", "password": PASSWORD})
        assert again.status_code == 401


def test_non_bearer_authorization_is_401(world: World) -> None:
    with world.client() as client:
        answer = client.get("/api/v1/me", headers={"Authorization": "Basic YWRtaW46YWRtaW4="})
    assert answer.status_code == 401
    assert answer.headers["www-authenticate"] == "Bearer"
