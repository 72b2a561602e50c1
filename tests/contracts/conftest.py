"""Fixtures of the contract service tests: a product with an openssl-made car maker's PKI
imported, a car with a contract, and Josev playing the car.

The product is the whole container (csms/container.py); `contract_domain` builds the contract
services again from its parts, so a test can change a setting (key escrow) and rebuild them."""

from __future__ import annotations

import base64
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from sqlalchemy import select

from auth.access import AccessControl
from auth.models import Partner, User
from auth.policy import PolicyEngine
from auth.principal import Principal
from auth.users import add_partner, add_user
from contracts import (
    CertificateProvisioningService,
    ContractCertificate,
    ContractService,
    CpsAnswer,
    EmaidRegistry,
    PncAuthorizer,
    TrustView,
)
from csms.container import Container
from pki.foreign_revocation import ForeignRevocation
from pki.status_reader import StatusReader
from pki.trust import TrustStore
from tests.contracts.car import JosevCar
from tests.pki.conftest import make_container
from tests.pki.foreign import ForeignPki, make_foreign_pki

__all__ = ["make_container"]

PCID = "WMIABC1234567890X"
OPERATOR = Principal.system("test")  # the tests act as the operator (the command line)


# The contract tests take the whole container (csms/container.py) as their product.
Product = Container


def trust(product: Product, bundle: bytes, kind: str = "oem-root") -> None:
    """Import a bundle of roots and sub-CAs the way the operator does, in one transaction."""
    with product.transaction() as session:
        product.trust.add_bundle(session, bundle, kind, actor="test")


@pytest.fixture
def make_product(make_container: Callable[..., Container]) -> Callable[..., Product]:
    """A product per call on `sqlite-file` or `postgres-file` (the contract domain does not
    touch the key store's backend; tests/pki covers SoftHSM)."""

    def factory(backend: str = "sqlite-file", *, init: bool = True) -> Product:
        assert backend.endswith("-file"), backend
        product = make_container(backend, init=init)
        people(product, *PEOPLE)
        return product

    return factory


# The drivers these tests give contracts to, and the fleet partner: a contract's owner and
# partner must exist (issue 12, "references must exist").
PEOPLE = ("alice", "bob", "u", "mallory", "fleet")
FLEET = "UzAuto Fleet"


def people(product: Product, *usernames: str) -> None:
    """Client accounts (and the fleet partner), created as the operator would."""
    with product.transaction() as session:
        if session.get(Partner, FLEET) is None:
            add_partner(session, FLEET, actor="test")
        for username in usernames:
            if session.scalar(select(User.id).where(User.username == username)) is None:
                add_user(session, product.policy, username, role="client", actor="test")


def car(n: int) -> str:
    """A distinct PCID per number, for tests that need many cars."""
    return f"ZZTESTCAR{n:08d}"


@pytest.fixture
def product(make_product: Callable[..., Product]) -> Product:
    """A product on PostgreSQL with the encrypted-file key store."""
    return make_product("postgres-file")


@dataclass
class Domain:
    service: ContractService
    cps: CertificateProvisioningService
    authorizer: PncAuthorizer
    revocation: ForeignRevocation
    trust_view: TrustView


def contract_domain(product: Product) -> Domain:
    """The contract domain over a product's parts, wired as the composition root wires it."""
    settings = product.settings
    service = ContractService(
        AccessControl(PolicyEngine(product.session_factory)),
        product.ca,
        EmaidRegistry(settings.emaid_country, settings.emaid_provider_id),
    )
    revocation = ForeignRevocation()
    trust_view = TrustView(TrustStore(), revocation, StatusReader(product.engine))
    cps = CertificateProvisioningService(
        product.ca,
        trust_view,
        service,
        certificate_days=settings.contract_certificate_days,
        escrow_passphrase=(
            settings.resolved_key_passphrase() if settings.contract_key_escrow else None
        ),
    )
    authorizer = PncAuthorizer(product.ca, trust_view, service)
    return Domain(service, cps, authorizer, revocation, trust_view)


def handle(
    product: Product, domain: Domain, schema: str, action: str, exi_request: str
) -> CpsAnswer:
    """One Get15118EVCertificate in its own transaction, as the OCPP core answers it."""
    with product.session_factory.begin() as session:
        return domain.cps.handle(session, schema, action, exi_request)


def linked_certificates(product: Product, domain: Domain, emaid: str) -> list[ContractCertificate]:
    with product.session_factory() as session:
        return domain.service.certificates(session, emaid)


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
    domain: Domain
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

    def handle(self, schema: str, action: str, exi_request: str) -> CpsAnswer:
        return handle(self.product, self.domain, schema, action, exi_request)

    def certificates(self, emaid: str | None = None) -> list[ContractCertificate]:
        return linked_certificates(self.product, self.domain, emaid or self.emaid)

    def operate(self, operation: str, emaid: str | None = None) -> None:
        """suspend / resume / terminate a contract (this car's), as the operator, in one
        transaction."""
        with self.product.session_factory.begin() as session:
            getattr(self.domain.service, operation)(session, OPERATOR, emaid or self.emaid)


@pytest.fixture
def make_pnc(make_product: Callable[..., Product], tmp_path: Path) -> Callable[..., Pnc]:
    def factory(backend: str = "postgres-file", *, pcid: str = PCID) -> Pnc:
        product = make_product(backend)
        oem = make_foreign_pki(tmp_path / f"oem-{pcid}", leaf_cn=pcid)
        trust(product, oem.pem("root", "sub1", "sub2"))
        domain = contract_domain(product)
        with product.session_factory.begin() as session:
            contract = domain.service.create(session, OPERATOR, owner="alice", pcid=pcid)
        return Pnc(product, domain, oem, pcid, contract.emaid)

    return factory


@pytest.fixture
def pnc(make_pnc: Callable[..., Pnc]) -> Pnc:
    return make_pnc()
