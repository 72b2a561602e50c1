"""Password login resists guessing and floods (issue 12, item 10): failures are counted per
account and per client address in the database (so every process sees them), a throttled
login is 429 with Retry-After, password hashing runs a bounded number at a time, and a hash
made with other parameters is replaced at the next login."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest
from argon2 import PasswordHasher
from sqlalchemy import select, update

from auth.models import User
from auth.passwords import PasswordHashing, PasswordHashingBusy
from auth.throttle import address_key
from auth.users import add_user
from csms.app import create_app
from csms.container import Container
from tests.auth.conftest import PASSWORD
from tests.pki.server import serving

pytestmark = pytest.mark.postgres

REPO = Path(__file__).resolve().parents[2]


def _user(container: Container, username: str) -> None:
    with container.transaction() as session:
        add_user(session, container.policy, username, role="client", password=PASSWORD, actor="t")


def _login(client: httpx.Client, username: str, password: str, address: str) -> httpx.Response:
    # The test server trusts X-Forwarded-For from loopback (uvicorn's default), so each
    # test picks the client address it plays.
    return client.post(
        "/api/v1/auth/token",
        data={"username": username, "password": password},
        headers={"X-Forwarded-For": address},
    )


def test_forty_wrong_passwords_then_the_right_one_is_429(
    fresh_container: Callable[..., Container],
) -> None:
    """Failed before the fix: 40 wrong passwords, then the right one was 200."""
    container = fresh_container(login_refusal_delay_seconds=0.05)  # 30 refusals, quickly
    _user(container, "victim")
    with serving(create_app(container)) as url, httpx.Client(base_url=url, timeout=30) as client:
        statuses = [
            _login(client, "victim", f"wrong password {i}", f"198.51.100.{i}").status_code
            for i in range(40)
        ]
        right = _login(client, "victim", PASSWORD, "198.51.100.200")
        # Another account from the same addresses is not affected by this one's count.
        _user(container, "bystander")
        other = _login(client, "bystander", PASSWORD, "198.51.100.3")
    assert right.status_code == 429, right.text
    limit = container.settings.login_max_failures_per_account
    assert statuses[:limit] == [401] * limit
    assert set(statuses[limit:]) == {429}
    assert right.json()["detail"].startswith("too many failed logins")
    assert 0 < int(right.headers["retry-after"]) <= container.settings.login_throttle_window_seconds
    assert other.status_code == 200, other.text


def test_one_address_trying_many_accounts_is_429(
    fresh_container: Callable[..., Container],
) -> None:
    """Failed before the fix: one address could try any number of account names."""
    container = fresh_container(login_max_failures_per_address=15)
    _user(container, "someone")
    with serving(create_app(container)) as url, httpx.Client(base_url=url, timeout=30) as client:
        statuses = [
            _login(client, f"guess-{i}", "some password", "203.0.113.7").status_code
            for i in range(20)
        ]
        right_from_there = _login(client, "someone", PASSWORD, "203.0.113.7")
        right_elsewhere = _login(client, "someone", PASSWORD, "203.0.113.8")
    assert statuses == [401] * 15 + [429] * 5
    assert right_from_there.status_code == 429
    assert right_elsewhere.status_code == 200


def test_failures_counted_by_another_process_count_here(
    fresh_container: Callable[..., Container],
) -> None:
    """Failed before the fix (nothing was counted). Another process, with its own container
    and no memory shared with the server, fails ten times; the server then refuses."""
    container = fresh_container()
    _user(container, "shared-victim")
    settings = container.settings
    script = textwrap.dedent(
        f"""
        from auth.principal import Principal
        from csms.container import build_container
        from csms.settings import Settings

        container = build_container(
            Settings(
                data_dir={str(settings.data_dir)!r},
                database_url={settings.database_url!r},
                key_passphrase={settings.key_passphrase!r},
                key_label_prefix={settings.key_label_prefix!r},
                token_key={settings.token_key!r},
            ),
            migrate=False,
        )
        visitor = Principal.anonymous()
        for attempt in range(10):
            with container.transaction() as session:
                pair = container.logins.password_for_tokens(
                    session, visitor, "shared-victim", f"wrong {{attempt}}", client="192.0.2.1"
                )
            assert pair is None
        """
    )
    subprocess.run([sys.executable, "-c", script], check=True, cwd=REPO, env=dict(os.environ))
    with serving(create_app(container)) as url, httpx.Client(base_url=url, timeout=30) as client:
        answer = _login(client, "shared-victim", PASSWORD, "192.0.2.99")
    assert answer.status_code == 429, answer.text


def test_a_hash_with_other_parameters_is_replaced_at_login(
    fresh_container: Callable[..., Container],
) -> None:
    """Failed before the fix: a hash made with the library's defaults (64 MiB, t=3, p=4)
    stayed as it was forever."""
    container = fresh_container()
    _user(container, "old-hash")
    legacy = PasswordHasher(time_cost=3, memory_cost=65536, parallelism=4).hash(PASSWORD)
    with container.transaction() as session:
        session.execute(
            update(User).where(User.username == "old-hash").values(password_hash=legacy)
        )
    with serving(create_app(container)) as url, httpx.Client(base_url=url, timeout=30) as client:
        assert _login(client, "old-hash", PASSWORD, "192.0.2.5").status_code == 200
    with container.session_factory() as session:
        stored = session.scalar(select(User.password_hash).where(User.username == "old-hash"))
    assert stored != legacy
    settings = container.settings
    wanted = (
        f"$argon2id$v=19$m={settings.password_hash_memory_kib},"
        f"t={settings.password_hash_time_cost},p=1$"
    )
    assert stored is not None and stored.startswith(wanted), stored
    with serving(create_app(container)) as url, httpx.Client(base_url=url, timeout=30) as client:
        assert _login(client, "old-hash", PASSWORD, "192.0.2.5").status_code == 200


def _rss_mib() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def test_a_flood_of_bad_logins_neither_stalls_health_nor_eats_memory(
    fresh_container: Callable[..., Container],
) -> None:
    """Failed before the fix: 40 concurrent bad logins from 40 addresses (so no throttle
    helps) ran 40 argon2 hashes at once, took hundreds of MiB and held every worker thread,
    so /health waited seconds. Now at most a few hashes run; the others wait briefly on the
    event loop and get 503."""
    container = fresh_container()
    with serving(create_app(container)) as url:
        httpx.get(f"{url}/health", timeout=10)
        before = _rss_mib()
        peak = [before]
        health: list[float] = []
        statuses: list[int] = []
        stop = threading.Event()

        def sample() -> None:
            while not stop.is_set():
                peak[0] = max(peak[0], _rss_mib())
                time.sleep(0.02)

        async def flood() -> None:
            async with httpx.AsyncClient(base_url=url, timeout=60) as client:

                async def bad(i: int) -> None:
                    for round_ in range(3):
                        answer = await client.post(
                            "/api/v1/auth/token",
                            data={"username": f"nobody-{i}-{round_}", "password": "wrong"},
                            headers={"X-Forwarded-For": f"10.9.{i}.{round_}"},
                        )
                        statuses.append(answer.status_code)

                async def probe() -> None:
                    await asyncio.sleep(0.05)
                    while len(statuses) < 120:
                        started = time.perf_counter()
                        answer = await client.get("/health")
                        assert answer.status_code == 200
                        health.append(time.perf_counter() - started)
                        await asyncio.sleep(0.05)

                await asyncio.gather(probe(), *(bad(i) for i in range(40)))

        sampler = threading.Thread(target=sample)
        sampler.start()
        try:
            asyncio.run(flood())
        finally:
            stop.set()
            sampler.join()
    assert set(statuses) <= {401, 503}, statuses
    assert 401 in statuses
    assert health and max(health) < 1.0, sorted(health)[-5:]
    assert peak[0] - before < 250, (before, peak[0])


def test_a_caller_beyond_the_hashing_bound_waits_briefly_then_is_refused() -> None:
    hashing = PasswordHashing(memory_kib=8192, time_cost=1, concurrency=1, wait_seconds=0.2)
    stored = hashing.hash(PASSWORD)
    outcome: list[float] = []

    def second() -> None:
        started = time.monotonic()
        try:
            hashing.verify(stored, PASSWORD)
        except PasswordHashingBusy:
            outcome.append(time.monotonic() - started)

    with hashing.slot():  # the one slot is taken
        other = threading.Thread(target=second)
        other.start()
        other.join(timeout=10)
    assert len(outcome) == 1 and 0.15 < outcome[0] < 2.0
    assert hashing.verify(stored, PASSWORD)  # free again


def test_addresses_count_by_ipv4_and_ipv6_64() -> None:
    assert address_key("203.0.113.9") == "203.0.113.9"
    assert address_key("2001:db8:1:2:aaaa::1") == address_key("2001:db8:1:2:bbbb::2")
    assert address_key("2001:db8:1:2::1") == "2001:db8:1:2::/64"
    assert address_key("::ffff:203.0.113.9") == "203.0.113.9"
    assert address_key("testclient") is None and address_key(None) is None
