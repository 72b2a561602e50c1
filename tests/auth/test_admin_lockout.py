"""Nobody can lock the operator out (issue 12, item 9): the last active admin keeps the role and
stays enabled whichever door asks, a restart says what it really did, and `csms user
reset-password` recovers a lost password."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest
from sqlalchemy import create_engine, delete, select, text, update

from auth.errors import Conflict
from auth.models import CasbinRule, User
from auth.passwords import verify_password
from auth.policy import Rule
from auth.principal import Principal
from auth.users import add_partner, add_user, ensure_bootstrap_admin
from csms.app import create_app
from csms.container import Container
from csms.serve import admin_message
from tests.auth.conftest import PASSWORD
from tests.pki.server import free_port, serving

pytestmark = pytest.mark.postgres

SYSTEM = Principal.system("test")


def _two_users(container: Container) -> None:
    with container.transaction() as session:
        add_user(session, container.policy, "boss", role="admin", password=PASSWORD, actor="t")
        add_user(session, container.policy, "tech", role="technician", password=PASSWORD, actor="t")


def _refused(container: Container, attempt: Callable[..., object]) -> Conflict:
    with pytest.raises(Conflict) as caught, container.transaction() as session:
        attempt(session)
    assert caught.value.code == "last_admin", caught.value
    assert "last active admin" in caught.value.message
    return caught.value


def test_the_last_active_admin_keeps_the_role_and_stays_enabled(
    fresh_container: Callable[..., Container],
) -> None:
    """Failed before the fix: the only admin's role could be replaced (UserAdmin.set_role),
    its `g` rule removed (PolicyAdmin.remove) and the account disabled, each leaving nobody
    able to administer."""
    container = fresh_container()
    _two_users(container)
    users, rules = container.users, container.rules
    _refused(container, lambda s: users.set_role(s, SYSTEM, "boss", "technician"))
    _refused(container, lambda s: rules.remove(s, SYSTEM, Rule("g", ("boss", "admin", "*"))))
    _refused(container, lambda s: users.disable_user(s, SYSTEM, "boss"))
    assert container.policy.roles_of("boss", "*") == ["admin"]
    with container.session_factory() as session:
        assert session.scalar(select(User.active).where(User.username == "boss")) is True

    # With a second admin either may step down; then the other one is the last.
    with container.transaction() as session:
        users.set_role(session, SYSTEM, "tech", "admin")
    with container.transaction() as session:
        users.set_role(session, SYSTEM, "boss", "client")
    _refused(container, lambda s: users.set_role(s, SYSTEM, "tech", "technician"))
    # An admin role held by a disabled account does not count.
    with container.transaction() as session:
        users.set_role(session, SYSTEM, "boss", "admin")
    with container.transaction() as session:
        users.disable_user(session, SYSTEM, "boss")
    _refused(container, lambda s: rules.remove(s, SYSTEM, Rule("g", ("tech", "admin", "*"))))
    with container.transaction() as session:  # the disabled one's rule may go
        rules.remove(session, SYSTEM, Rule("g", ("boss", "admin", "*")))


def test_the_api_answers_409_for_the_last_admin(
    fresh_container: Callable[..., Container],
) -> None:
    """Failed before the fix: the admin removed their own role assignment (200) and every
    later request of theirs was 403."""
    container = fresh_container()
    _two_users(container)
    with serving(create_app(container)) as url, httpx.Client(base_url=url, timeout=30) as client:
        token = client.post("/api/v1/auth/token", data={"username": "boss", "password": PASSWORD})
        client.headers["Authorization"] = f"Bearer {token.json()['access_token']}"
        removed = client.post(
            "/api/v1/policies/remove", json={"ptype": "g", "values": ["boss", "admin", "*"]}
        )
        assert removed.status_code == 409, removed.text
        assert "last active admin" in removed.json()["detail"]
        assert client.delete("/api/v1/users/boss").status_code == 409
        assert client.get("/api/v1/users").status_code == 200


def test_two_admins_demoting_each_other_at_once_leave_one(
    fresh_container: Callable[..., Container],
) -> None:
    """Both changes count the admins; the second waits for the first (a lock on the policy
    version) and then sees that it would remove the last one."""
    container = fresh_container()
    _two_users(container)
    with container.transaction() as session:
        container.users.set_role(session, SYSTEM, "tech", "admin")
    outcome: list[BaseException | None] = []

    def second() -> None:
        try:
            with container.transaction() as session:
                container.users.set_role(session, SYSTEM, "tech", "client")
        except BaseException as exc:
            outcome.append(exc)
        else:
            outcome.append(None)

    with container.transaction() as session:
        container.users.set_role(session, SYSTEM, "boss", "client")
        other = threading.Thread(target=second)
        other.start()
        time.sleep(0.5)  # the other transaction is now waiting for this one's lock
    other.join(timeout=30)
    assert len(outcome) == 1 and isinstance(outcome[0], Conflict), outcome
    assert container.policy.roles_of("tech", "*") == ["admin"]


def _env(tmp_path: Path, database_url: str) -> dict[str, str]:
    return dict(
        os.environ,
        CSMS_DATA_DIR=str(tmp_path),
        CSMS_DATABASE_URL=database_url,
        CSMS_KEY_PASSPHRASE="test-passphrase-not-secret",
    )


def _csms(tmp_path: Path, database_url: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "csms", *args],
        capture_output=True,
        text=True,
        env=_env(tmp_path, database_url),
        timeout=120,
    )


def _start_and_stop(tmp_path: Path, database_url: str) -> str:
    """`csms serve` until it answers, then stopped: what it printed."""
    port = free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "csms",
            "serve",
            "--port",
            str(port),
            "--ocpp-port",
            str(free_port()),
            "--tls-port",
            "0",
        ],
        env=_env(tmp_path, database_url),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                httpx.get(f"http://127.0.0.1:{port}/health", timeout=2)
                break
            except httpx.TransportError:
                assert process.poll() is None, process.stdout.read() if process.stdout else ""
                assert time.monotonic() < deadline, "server did not start"
                time.sleep(0.2)
    finally:
        process.terminate()
        output, _ = process.communicate(timeout=30)
    return output


def _hash_of(database_url: str, username: str) -> str:
    engine = create_engine(database_url.replace("postgresql://", "postgresql+psycopg://", 1))
    try:
        with engine.connect() as connection:
            found = connection.execute(
                text("SELECT password_hash FROM auth_users WHERE username = :u"), {"u": username}
            ).scalar()
    finally:
        engine.dispose()
    assert isinstance(found, str)
    return found


def test_a_restart_after_the_admin_lost_the_role_says_what_it_did(
    fresh_container: Callable[..., Container], postgres_url: str, tmp_path: Path
) -> None:
    """Failed before the fix: the restart restored only the role but printed "first start:
    user `admin` created with password …", a password it never set (it was rejected)."""
    container = fresh_container()
    with container.transaction() as session:
        add_user(session, container.policy, "admin", role="client", password=PASSWORD, actor="t")
    output = _start_and_stop(tmp_path, postgres_url)
    assert "created with password" not in output, output
    assert "user admin exists; its admin role was restored" in output, output
    assert "its password is unchanged" in output and "csms user reset-password admin" in output
    assert verify_password(_hash_of(postgres_url, "admin"), PASSWORD)
    container.policy.load()
    assert container.policy.roles_of("admin", "*") == ["admin"]
    # The next start finds the admin and says nothing about it.
    again = _start_and_stop(tmp_path, postgres_url)
    assert not [line for line in again.splitlines() if "user admin" in line], again


def test_a_first_start_prints_a_password_that_works(postgres_url: str, tmp_path: Path) -> None:
    output = _start_and_stop(tmp_path, postgres_url)
    line = next(line for line in output.splitlines() if "user admin created" in line)
    password = line.split("password ", 1)[1].split()[0]
    assert verify_password(_hash_of(postgres_url, "admin"), password), line


def test_cli_reset_password_prints_a_working_password_once_and_is_audited(
    postgres_url: str, tmp_path: Path
) -> None:
    """Failed before the fix: there was no `csms user reset-password` (exit status 2), so a
    lost admin password could not be recovered."""
    added = _csms(tmp_path, postgres_url, "user", "add", "ops", "--role", "admin", "--myid-only")
    assert added.returncode == 0, added.stderr
    reset = _csms(tmp_path, postgres_url, "user", "reset-password", "ops")
    assert reset.returncode == 0, reset.stderr
    password = reset.stdout.strip().rsplit(" ", 1)[1]
    assert len(password) >= 20 and reset.stdout.count(password) == 1, reset.stdout
    assert verify_password(_hash_of(postgres_url, "ops"), password)
    chosen = _csms(
        tmp_path, postgres_url, "user", "reset-password", "ops", "--password", "chosen-by-me-123"
    )
    assert chosen.returncode == 0, chosen.stderr
    assert "chosen-by-me-123" not in chosen.stdout
    assert verify_password(_hash_of(postgres_url, "ops"), "chosen-by-me-123")
    audit = _csms(tmp_path, postgres_url, "audit", "--json")
    assert audit.stdout.count('"action": "user.password_reset"') == 2, audit.stdout
    assert password not in audit.stdout and "chosen-by-me-123" not in audit.stdout
    for args, code in (
        (("nobody",), "[unknown_user]"),
        (("ops", "--password", "short"), "[password]"),
    ):
        refused = _csms(tmp_path, postgres_url, "user", "reset-password", *args)
        assert refused.returncode == 1 and code in refused.stderr, refused.stderr


def test_start_up_restores_a_disabled_admin_and_says_so(
    fresh_container: Callable[..., Container],
) -> None:
    """The other outcomes of a start without an active admin (a state older versions could
    leave behind), as the operator reads them."""
    container = fresh_container()
    with container.transaction() as session:
        add_user(session, container.policy, "admin", role="admin", actor="t")  # no password
        session.execute(update(User).where(User.username == "admin").values(active=False))
    with container.transaction() as session:
        restored = ensure_bootstrap_admin(session, container.policy, password=None)
    assert restored.outcome == "restored" and restored.enabled_again
    assert admin_message(restored) == (
        "no active admin: user admin exists and was disabled; it was enabled again and its "
        "admin role restored; it has no password (set one with `csms user reset-password "
        "admin`)"
    )
    with container.transaction() as session:
        again = ensure_bootstrap_admin(session, container.policy, password=None)
    assert again.outcome == "present" and admin_message(again) is None

    # User `admin` made partner staff behind the product's back: it cannot be an admin.
    with container.transaction() as session:
        add_partner(session, "Acme", actor="t")
        session.execute(delete(CasbinRule).where(CasbinRule.v0 == "admin"))
        session.execute(update(User).where(User.username == "admin").values(partner="Acme"))
    with container.transaction() as session:
        impossible = ensure_bootstrap_admin(session, container.policy, password=None)
    assert impossible.outcome == "impossible"
    assert "staff of partner Acme" in (admin_message(impossible) or "")
