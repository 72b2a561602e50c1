"""Fixtures of the contract service tests: a product with an openssl-made car maker's PKI
imported, a car with a contract, and Josev playing the car."""

from __future__ import annotations

import base64
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization

from contracts import ContractDomain, contracts_of
from csms.product import Product
from tests.contracts.car import JosevCar
from tests.pki.conftest import make_product, product
from tests.pki.foreign import ForeignPki, make_foreign_pki

__all__ = ["make_product", "product"]

PCID = "WMIABC1234567890X"


@pytest.fixture(scope="session")
def josev() -> Iterator[JosevCar]:
    """Josev in its own venv; the setup script installs it (and Java) when missing, so the
    interop tests run everywhere, CI included, instead of skipping."""
    car = JosevCar()
    yield car
    car.close()


@dataclass
class Pnc:
    product: Product
    domain: ContractDomain
    oem: ForeignPki
    pcid: str
    emaid: str

    def der(self, name: str) -> str:
        cert = self.product.ca.authority(name).certificate
        return base64.b64encode(cert.public_bytes(serialization.Encoding.DER)).decode()

    @property
    def oem_leaf_der(self) -> str:
        return base64.b64encode(self.oem.leaf.public_bytes(serialization.Encoding.DER)).decode()

    @property
    def oem_key_pem(self) -> str:
        return self.oem.leaf_key_pem.decode()


@pytest.fixture
def make_pnc(make_product: Callable[..., Product], tmp_path: Path) -> Callable[..., Pnc]:
    def factory(backend: str = "postgres-file", *, pcid: str = PCID) -> Pnc:
        product = make_product(backend)
        oem = make_foreign_pki(tmp_path / f"oem-{pcid}", leaf_cn=pcid)
        product.trust.add_bundle(oem.pem("root", "sub1", "sub2"), "oem-root", actor="test")
        domain = contracts_of(product)
        contract = domain.service.create(owner="alice", pcid=pcid, actor="test")
        return Pnc(product, domain, oem, pcid, contract.emaid)

    return factory


@pytest.fixture
def pnc(make_pnc: Callable[..., Pnc]) -> Pnc:
    return make_pnc()
