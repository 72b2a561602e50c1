"""Migrations 0008 and 0021: an installation seeded before issue 12 gets the seed's new rights
(drivers choose their car's default contract, partner staff change their own stations; then
technicians and partner staff run station operations, drivers stop their own sessions), an
operator's own edit of those rules is left alone, and a fresh database is still seeded on
first start."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from sqlalchemy import create_engine, select, text
from sqlalchemy.orm import sessionmaker

from auth.models import CasbinRule
from auth.policy import PolicyEngine
from csms.database import alembic_config, upgrade

OLD_CLIENT = "^(read|create|terminate)$"
OLD_PARTNER = "^(read|create)$"
OLD_TECHNICIAN = "^(read|command)$"
OLD_CLIENT_SESSIONS = "^read$"


def _actions(url: str, subject: str, obj: str) -> list[str]:
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            rows = connection.execute(
                select(CasbinRule.v3).where(
                    CasbinRule.ptype == "p", CasbinRule.v0 == subject, CasbinRule.v2 == obj
                )
            )
            return [row[0] for row in rows]
    finally:
        engine.dispose()


def _version(url: str) -> int:
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return int(connection.scalar(text("SELECT version FROM auth_policy_version")))
    finally:
        engine.dispose()


def test_an_installation_seeded_before_gets_the_new_rights(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'old.sqlite3'}"
    config = alembic_config(url)
    command.upgrade(config, "0005_auth_login_failures")
    engine = create_engine(url)
    PolicyEngine(sessionmaker(engine))  # the first start seeds the (current) seed ...
    with engine.begin() as connection:  # ... which we turn back into the seed of before
        connection.execute(
            text("UPDATE auth_casbin_rules SET v3 = :old WHERE v0 = 'client' AND v2 = 'contracts'"),
            {"old": OLD_CLIENT},
        )
        connection.execute(
            text("UPDATE auth_casbin_rules SET v3 = :old WHERE v0 = 'partner' AND v2 = 'stations'"),
            {"old": OLD_PARTNER},
        )
        connection.execute(
            text(
                "UPDATE auth_casbin_rules SET v3 = :old WHERE v0 = 'technician' AND v2 = 'stations'"
            ),
            {"old": OLD_TECHNICIAN},
        )
        connection.execute(
            text("UPDATE auth_casbin_rules SET v3 = :old WHERE v0 = 'client' AND v2 = 'sessions'"),
            {"old": OLD_CLIENT_SESSIONS},
        )
        # An operator's edit: partner staff may only read stations. Not the old seed row.
        connection.execute(
            text(
                "INSERT INTO auth_casbin_rules (ptype, v0, v1, v2, v3, v4, v5) "
                "VALUES ('p', 'partner', '*', 'stations', '^read$', 'tenant', '')"
            )
        )
    engine.dispose()
    before = _version(url)

    upgrade(url)

    assert _actions(url, "client", "contracts") == ["^(read|create|terminate|default)$"]
    assert sorted(_actions(url, "partner", "stations")) == [
        "^(read|create|update|operate)$",
        "^read$",
    ]
    assert _actions(url, "technician", "stations") == ["^(read|command|operate)$"]
    assert _actions(url, "client", "sessions") == ["^(read|stop)$"]
    # Every node reloads its policy, once per migration: 0008, 0021 (diagnostics), 0022.
    assert _version(url) == before + 3


def test_a_fresh_database_is_still_seeded_on_first_start(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'fresh.sqlite3'}"
    upgrade(url)
    assert _version(url) == 0 and _actions(url, "client", "contracts") == []
    engine = create_engine(url)
    try:
        policy = PolicyEngine(sessionmaker(engine))
        assert policy.decide_for_roles(("client",), "*", "contracts", "default") == "own"
    finally:
        engine.dispose()
    assert _actions(url, "client", "contracts") == ["^(read|create|terminate|default)$"]
