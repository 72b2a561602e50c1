"""A whole product (database + key store + CA) per test, on each backend pair."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from csms.product import Product, build_product
from csms.settings import Settings

BACKENDS = ["sqlite-file", "postgres-file", "postgres-softhsm", "sqlite-softhsm"]


@pytest.fixture
def make_product(
    request: pytest.FixtureRequest, tmp_path: Path
) -> Iterator[Callable[..., Product]]:
    built: list[Product] = []

    def factory(backend: str = "sqlite-file", *, init: bool = True) -> Product:
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
        product = build_product(Settings(**values))  # type: ignore[arg-type]
        built.append(product)
        if init:
            product.ca.init(actor="test", include_demo=True)
        return product

    yield factory
    for product in built:
        product.close()


@pytest.fixture(params=BACKENDS)
def any_product(request: pytest.FixtureRequest, make_product: Callable[..., Product]) -> Product:
    """The same test on every database x key-store pair."""
    return make_product(request.param)


@pytest.fixture
def product(make_product: Callable[..., Product]) -> Product:
    """A product on PostgreSQL with the encrypted-file key store."""
    return make_product("postgres-file")
