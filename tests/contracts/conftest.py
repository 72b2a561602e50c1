"""Fixtures of the contract service tests: a product with an openssl-made car maker's PKI
imported, a car with a contract, and Josev playing the car.

The product and its contract domain are built here from their parts (database, key store,
CA), so these tests depend neither on the composition root nor on the shared tests/pki
fixtures, both of which the restructuring is rewriting."""

from __future__ import annotations

import base64
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from auth.access import AccessControl
from auth.policy import PolicyEngine
from auth.principal import Principal
from contracts import (
    CertificateProvisioningService,
    ContractCertificate,
    ContractService,
    CpsAnswer,
    EmaidRegistry,
    PncAuthorizer,
    TrustView,
)
from csms.database import make_engine, make_session_factory, upgrade
from csms.settings import Settings
from pki.authority import CertificateAuthority
from pki.foreign_revocation import ForeignRevocation
from pki.keystore import FileKeyStore
from pki.ocsp import OcspResponder
from pki.status_reader import StatusReader
from pki.trust import TrustStore
from tests.contracts.car import JosevCar
from tests.pki.foreign import ForeignPki, make_foreign_pki

PCID = "WMIABC1234567890X"
OPERATOR = Principal.system("test")  # the tests act as the operator (the command line)


@dataclass
class Product:
    """The parts of a product the contract domain is built from."""

    settings: Settings
    engine: Engine
    session_factory: sessionmaker[Session]
    ca: CertificateAuthority
    ocsp: OcspResponder

    def trust(self, bundle: bytes, kind: str = "oem-root") -> None:
        with self.session_factory.begin() as session:
            TrustStore().add_bundle(session, bundle, kind, actor="test")

    def close(self) -> None:
        self.engine.dispose()


def build_product(settings: Settings, *, init: bool) -> Product:
    url = settings.resolved_database_url
    upgrade(url)
    engine = make_engine(url)
    sessions = make_session_factory(engine)
    ca = CertificateAuthority(
        sessions,
        FileKeyStore(sessions, settings.resolved_key_passphrase()),
        public_url=settings.public_url,
        organization=settings.organization,
        country=settings.country,
        key_label_prefix=settings.key_label_prefix,
    )
    if init:
        with sessions.begin() as session:
            ca.init(session, "test", include_demo=True)
    return Product(settings, engine, sessions, ca, OcspResponder(ca, engine))


@pytest.fixture
def make_product(
    request: pytest.FixtureRequest, tmp_path: Path
) -> Iterator[Callable[..., Product]]:
    """A product per call on `sqlite-file` or `postgres-file` (the contract domain does not
    touch the key store's backend; tests/pki covers SoftHSM)."""
    built: list[Product] = []

    def factory(backend: str = "sqlite-file", *, init: bool = True) -> Product:
        database, keys = backend.split("-")
        assert keys == "file", backend
        settings = Settings(
            data_dir=tmp_path / f"data-{len(built)}",
            database_url=(
                request.getfixturevalue("postgres_url") if database == "postgres" else None
            ),
            key_passphrase="test-passphrase-not-secret",
            key_label_prefix=f"t{uuid.uuid4().hex[:12]}",
        )
        product = build_product(settings, init=init)
        built.append(product)
        return product

    yield factory
    for product in built:
        product.close()


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
        product.trust(oem.pem("root", "sub1", "sub2"))
        domain = contract_domain(product)
        with product.session_factory.begin() as session:
            contract = domain.service.create(session, OPERATOR, owner="alice", pcid=pcid)
        return Pnc(product, domain, oem, pcid, contract.emaid)

    return factory


@pytest.fixture
def pnc(make_pnc: Callable[..., Pnc]) -> Pnc:
    return make_pnc()
