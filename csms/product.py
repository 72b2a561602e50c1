"""The composition root: one object that wires settings, database, key store and services."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from pki.authority import CertificateAuthority
from pki.keystore import FileKeyStore, KeyStore, Pkcs11KeyStore
from pki.ocsp import OcspResponder
from pki.trust import TrustStore

from .database import make_engine, make_session_factory, upgrade
from .settings import Settings


@dataclass
class Product:
    settings: Settings
    engine: Engine
    session_factory: sessionmaker[Session]
    keystore: KeyStore
    ca: CertificateAuthority
    ocsp: OcspResponder
    trust: TrustStore
    extras: dict[str, object] = field(default_factory=dict)

    def close(self) -> None:
        self.engine.dispose()


def make_keystore(settings: Settings, session_factory: sessionmaker[Session]) -> KeyStore:
    if settings.key_backend == "pkcs11":
        if not (settings.pkcs11_module and settings.pkcs11_token_label and settings.pkcs11_pin):
            from pki.errors import KeyStoreError

            raise KeyStoreError(
                "CSMS_PKCS11_MODULE, CSMS_PKCS11_TOKEN_LABEL and CSMS_PKCS11_PIN must be set"
            )
        return Pkcs11KeyStore(
            settings.pkcs11_module, settings.pkcs11_token_label, settings.pkcs11_pin
        )
    return FileKeyStore(session_factory, settings.resolved_key_passphrase())


def build_product(settings: Settings, *, migrate: bool = True) -> Product:
    url = settings.resolved_database_url
    if migrate:
        upgrade(url)
    engine = make_engine(url)
    session_factory = make_session_factory(engine)
    keystore = make_keystore(settings, session_factory)
    ca = CertificateAuthority(
        session_factory,
        keystore,
        public_url=settings.public_url,
        organization=settings.organization,
        country=settings.country,
        key_label_prefix=settings.key_label_prefix,
    )
    return Product(
        settings=settings,
        engine=engine,
        session_factory=session_factory,
        keystore=keystore,
        ca=ca,
        ocsp=OcspResponder(ca, engine),
        trust=TrustStore(session_factory),
    )
