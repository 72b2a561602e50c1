"""One product on PostgreSQL per test module, served over real HTTP, with a small world:
two partners with a station each, two drivers with a contract each, one user per role."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest
from cryptography.hazmat.primitives.asymmetric import ec

from auth.principal import Principal
from auth.users import add_partner, add_user
from csms.app import create_app
from csms.container import Container, build_container
from csms.settings import Settings
from tests.harness.postgres import PostgresServer
from tests.pki.server import serving

PASSWORD = "correct horse battery staple"
ROLES = ("admin", "technician", "partner_a", "partner_b", "client_x", "client_y", "anonymous")
PCID_X = "ZZ00000ABCDEF0001"
PCID_Y = "ZZ00000ABCDEF0002"


@dataclass
class World:
    container: Container
    url: str
    tokens: dict[str, str] = field(default_factory=dict)
    refresh: dict[str, str] = field(default_factory=dict)
    facts: dict[str, str] = field(default_factory=dict)

    def client(self, role: str = "anonymous") -> httpx.Client:
        headers = {}
        if role != "anonymous":
            headers["Authorization"] = f"Bearer {self.tokens[role]}"
        return httpx.Client(base_url=self.url, headers=headers, timeout=30)

    def login(self, username: str, password: str = PASSWORD) -> dict[str, Any]:
        with httpx.Client(base_url=self.url, timeout=30) as client:
            answer = client.post(
                "/api/v1/auth/token", data={"username": username, "password": password}
            )
        assert answer.status_code == 200, answer.text
        return answer.json()  # type: ignore[no-any-return]


def make_settings(tmp: Path, database_url: str, **extra: Any) -> Settings:
    values: dict[str, Any] = {
        "data_dir": tmp,
        "database_url": database_url,
        "key_passphrase": "test-passphrase-not-secret",
        "key_label_prefix": f"t{uuid.uuid4().hex[:12]}",
        "token_key": "k" * 16 + uuid.uuid4().hex,
    }
    values.update(extra)
    return Settings(**values)


USERS = {
    "admin": ("admin-1", "admin", None),
    "technician": ("tech-1", "technician", None),
    "partner_a": ("staff-a", "partner", "Partner A"),
    "partner_b": ("staff-b", "partner", "Partner B"),
    "client_x": ("driver-x", "client", None),
    "client_y": ("driver-y", "client", None),
}


def populate(container: Container) -> dict[str, str]:
    """Users, partners, stations, contracts and certificates the tests look at."""
    system = Principal.system("test")
    with container.transaction() as session:
        add_partner(session, "Partner A", actor="test")
        add_partner(session, "Partner B", actor="test")
        for username, role, partner in USERS.values():
            add_user(
                session,
                container.policy,
                username,
                role=role,
                partner=partner,
                password=PASSWORD,
                actor="test",
            )
    key = ec.generate_private_key(ec.SECP256R1()).public_key()
    with container.transaction() as session:
        # Certificates first: an issuance commits its reservation on its own (SQLite has one
        # writer), so it comes before anything else writes in this transaction.
        station_cert = container.ca.issue_for_key(
            session,
            key,
            "charging-station",
            common_name="ST-A-1",
            organization="UzPnC",
            actor="test",
        )
        other_cert = container.ca.issue_for_key(
            session,
            key,
            "csms-server",
            common_name="csms.example",
            organization="UzPnC",
            actor="test",
        )
        registry = container.ocpp.registry
        registry.add(session, "ST-A-1", security_profile=2, partner="Partner A", actor="test")
        registry.add(session, "ST-B-1", security_profile=2, partner="Partner B", actor="test")
        contract_x = container.contracts.create(session, system, owner="driver-x", pcid=PCID_X)
        contract_y = container.contracts.create(session, system, owner="driver-y", pcid=PCID_Y)
        facts = {
            "emaid_unknown": container.contracts.registry.new().normalized,
            "emaid_x": contract_x.emaid,
            "emaid_y": contract_y.emaid,
            "pcid_x": PCID_X,
            "station_serial": f"{station_cert.certificate.serial_number:X}",
            "other_serial": f"{other_cert.certificate.serial_number:X}",
        }
    return facts


@pytest.fixture(scope="module")
def module_database(postgres_server: PostgresServer) -> Iterator[str]:
    url = postgres_server.create_database()
    yield url
    postgres_server.drop_database(url.rsplit("/", 1)[1])


@pytest.fixture(scope="module")
def world(module_database: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    container = build_container(make_settings(tmp_path_factory.mktemp("auth"), module_database))
    with container.transaction() as session:
        container.ca.init(session, "test", include_demo=False)
    facts = populate(container)
    with serving(create_app(container)) as url:
        found = World(container, url, facts=facts)
        for role, (username, _r, _p) in USERS.items():
            pair = found.login(username)
            found.tokens[role] = pair["access_token"]
            found.refresh[role] = pair["refresh_token"]
        yield found
    container.close()


@pytest.fixture
def fresh_container(postgres_url: str, tmp_path: Path) -> Iterator[Callable[..., Container]]:
    built: list[Container] = []

    def factory(**extra: Any) -> Container:
        container = build_container(
            make_settings(tmp_path / f"d{len(built)}", postgres_url, **extra)
        )
        built.append(container)
        return container

    yield factory
    for container in built:
        container.close()
