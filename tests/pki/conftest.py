"""A whole product (database + key store + CA) per test, on each backend pair."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from csms.container import Container, build_container
from csms.settings import Settings
from tests.pki.helpers import in_tx

BACKENDS = ["sqlite-file", "postgres-file", "postgres-softhsm", "sqlite-softhsm"]


@pytest.fixture
def make_container(
    request: pytest.FixtureRequest, tmp_path: Path
) -> Iterator[Callable[..., Container]]:
    built: list[Container] = []

    def factory(
        backend: str = "sqlite-file", *, init: bool = True, **overrides: object
    ) -> Container:
        database, keys = backend.split("-")
        values: dict[str, object] = {
            "data_dir": tmp_path / f"data-{len(built)}",
            "key_passphrase": "test-passphrase-not-secret",
            "key_label_prefix": f"t{uuid.uuid4().hex[:12]}",
        }
        if database == "postgres":
            values["database_url"] = request.getfixturevalue("postgres_url")
        if keys == "softhsm":
            token = request.getfixturevalue("softhsm_token")
            values.update(
                key_backend="pkcs11",
                pkcs11_module=str(token.module_path),
                pkcs11_token_label=token.token_label,
                pkcs11_pin=token.pin,
            )
        values.update(overrides)  # settings read when the container is built (e.g. OPCP)
        container = build_container(Settings(**values))  # type: ignore[arg-type]
        built.append(container)
        if init:
            in_tx(container, container.ca.init, actor="test", include_demo=True)
        return container

    yield factory
    for container in built:
        container.close()


@pytest.fixture(params=BACKENDS)
def any_container(
    request: pytest.FixtureRequest, make_container: Callable[..., Container]
) -> Container:
    """The same test on every database x key-store pair."""
    return make_container(request.param)


@pytest.fixture
def container(make_container: Callable[..., Container]) -> Container:
    """A product on PostgreSQL with the encrypted-file key store."""
    return make_container("postgres-file")
