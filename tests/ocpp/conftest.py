"""A running OCPP server (plain and TLS listeners) on a real product per test."""

from __future__ import annotations

import ssl
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from csms.container import Container
from csms.ocpp.runner import BackgroundServer
from csms.ocpp.server import OcppServer
from tests.pki.conftest import make_container

__all__ = ["make_container"]

PASSWORD = "correct-horse-battery-1"
# The REST API answers people through the policy and machines through this token.
API_TOKEN = "test-ocpp-api-token-0001"
API = {"Authorization": f"Bearer {API_TOKEN}"}


@dataclass
class Running:
    container: Container
    background: BackgroundServer
    ports: dict[str, int]
    tmp: Path

    @property
    def server(self) -> OcppServer:
        return self.background.server

    def ws_url(self, station_id: str) -> str:
        return f"ws://127.0.0.1:{self.ports['ws']}/ocpp/{station_id}"

    def wss_url(self, station_id: str) -> str:
        return f"wss://127.0.0.1:{self.ports['wss']}/ocpp/{station_id}"

    def ca_file(self) -> Path:
        """The V2G root, which stations use to check the CSMS server certificate."""
        from pki.authority import pem_of

        path = self.tmp / "v2g-root.pem"
        path.write_text(pem_of([self.container.ca.authority("v2g-root").certificate]))
        return path

    def client_context(
        self, cert: Path | None = None, key: Path | None = None, **versions: ssl.TLSVersion
    ) -> ssl.SSLContext:
        context = ssl.create_default_context(cafile=str(self.ca_file()))
        context.check_hostname = True
        for name, value in versions.items():
            setattr(context, name, value)
        if cert is not None:
            context.load_cert_chain(cert, key)
        return context

    def add_partner(self, name: str) -> None:
        from auth.users import add_partner

        with self.container.transaction() as session:
            add_partner(session, name, actor="test")

    def add(self, station_id: str, profile: int = 1, **kwargs: object) -> None:
        password = kwargs.pop("password", PASSWORD if profile in (1, 2) else None)
        with self.container.transaction() as session:
            self.container.ocpp.registry.add(
                session,
                station_id,
                security_profile=profile,
                password=password,  # type: ignore[arg-type]
                actor="test",
                **kwargs,  # type: ignore[arg-type]
            )


@pytest.fixture
def start_ocpp(
    postgres_url: str, make_container: Callable[..., Container], tmp_path: Path
) -> Iterator[Callable[..., Running]]:
    # postgres_url is requested first so its database outlives the server's last flush.
    started: list[BackgroundServer] = []

    def factory(
        backend: str = "postgres-file",
        *,
        settings: dict[str, object] | None = None,
        **options: object,
    ) -> Running:
        container = make_container(backend, **(settings or {}))
        container.settings.ocpp_api_token = API_TOKEN
        for key, value in options.items():
            setattr(container.settings, key, value)
        background = BackgroundServer(container.ocpp)
        started.append(background)
        ports = background.start(port=0, tls_port=0)
        return Running(container, background, ports, tmp_path)

    yield factory
    for background in started:
        background.stop()


@pytest.fixture
def ocpp(start_ocpp: Callable[..., Running]) -> Running:
    return start_ocpp()
