"""Users and partners: bootstrap admin, CLI, and the checks on their input."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import select

from auth.models import User
from auth.passwords import verify_password
from auth.users import ensure_bootstrap_admin
from csms.container import Container

pytestmark = pytest.mark.postgres


def test_bootstrap_admin_once_with_a_generated_password(
    fresh_container: Callable[..., Container],
) -> None:
    container = fresh_container()
    policy = container.policy
    with container.transaction() as session:
        first = ensure_bootstrap_admin(session, policy, password=None)
    password = first.generated_password
    assert first.outcome == "created"
    assert password is not None and len(password) >= 20
    with container.transaction() as session:
        assert ensure_bootstrap_admin(session, policy, password=None).outcome == "present"
    with container.session_factory() as session:
        admin = session.scalar(select(User).where(User.username == "admin"))
        assert admin is not None
        assert admin.password_hash.startswith("$argon2id$")
        assert password not in admin.password_hash
        assert verify_password(admin.password_hash, password)
    assert policy.decide("admin", "*", "policies", "create") == "any"


def test_bootstrap_admin_password_from_settings(fresh_container: Callable[..., Container]) -> None:
    container = fresh_container(bootstrap_admin_password="from-settings-123")
    policy = container.policy
    configured = container.settings.bootstrap_admin_password
    with container.transaction() as session:
        made = ensure_bootstrap_admin(session, policy, password=configured)
    assert made.outcome == "created" and made.generated_password is None
    with container.session_factory() as session:
        admin = session.scalar(select(User).where(User.username == "admin"))
        assert admin is not None and verify_password(admin.password_hash, "from-settings-123")


def _csms(tmp_path: Path, database_url: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(
        os.environ,
        CSMS_DATA_DIR=str(tmp_path),
        CSMS_DATABASE_URL=database_url,
        CSMS_KEY_PASSPHRASE="test-passphrase-not-secret",
    )
    return subprocess.run(
        [sys.executable, "-m", "csms", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


def test_cli_adds_partners_and_users_with_one_line_errors(
    postgres_url: str, tmp_path: Path
) -> None:
    ok = _csms(tmp_path, postgres_url, "partner", "add", "Acme Energy")
    assert ok.returncode == 0, ok.stderr
    staff = _csms(
        tmp_path,
        postgres_url,
        "user",
        "add",
        "ali",
        "--role",
        "partner",
        "--partner",
        "Acme Energy",
        "--password",
        "long-enough-pass",
    )
    assert staff.returncode == 0, staff.stderr
    assert "created user ali (partner of partner Acme Energy)" in staff.stdout
    cases = [
        (("user", "add", "ali", "--role", "client", "--myid-only"), "exists already [user_exists]"),
        (
            ("user", "add", "bo", "--role", "partner", "--partner", "Nope", "--myid-only"),
            "[partner_unknown]",
        ),
        (
            ("user", "add", "cy", "--role", "client", "--partner", "Acme Energy", "--myid-only"),
            "[partner]",
        ),
        (("user", "add", "di", "--role", "client", "--password", "short"), "[password]"),
        (("user", "add", "bad name", "--role", "client", "--myid-only"), "[username]"),
        # Neither a password nor MyID: an account nobody could use is refused.
        (("user", "add", "el", "--role", "client"), "[password_required]"),
        (
            (
                "user",
                "add",
                "fa",
                "--role",
                "client",
                "--myid-only",
                "--password",
                "long-enough-pass",
            ),
            "[myid_only_with_password]",
        ),
        (("partner", "add", "Acme Energy"), "[partner_exists]"),
    ]
    for args, message in cases:
        result = _csms(tmp_path, postgres_url, *args)
        assert result.returncode == 1, args
        assert result.stderr.startswith("error: ") and message in result.stderr, result.stderr
        assert "Traceback" not in result.stderr
