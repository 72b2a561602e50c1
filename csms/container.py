"""The composition root: one typed container of everything a process needs, built in one place.

Every door (the ASGI app, the console, the command line, the OCPP server) receives the
container, or the part of it it needs, and reaches the services through its fields; nothing
looks anything up by name at run time.

    container = build_container(Settings())
    with container.transaction() as session:          # the caller owns the transaction
        container.contracts.create(session, principal, pcid=...)
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from auth.access import AccessControl
from auth.audit import AuditLog, record_event
from auth.logins import Logins
from auth.passwords import configure as configure_passwords
from auth.policy import PolicyEngine
from auth.rules import PolicyAdmin
from auth.throttle import LoginThrottle, ThrottleRules
from auth.tokens import TokenService
from auth.users import UserAdmin
from contracts.authorization import PncAuthorizer, TokenOnly
from contracts.cps import CertificateProvisioningService
from contracts.publish import ContractPublisher
from contracts.registry import EmaidRegistry
from contracts.service import ContractService
from contracts.trust import TrustView
from pki.authority import CertificateAuthority
from pki.errors import KeyStoreError
from pki.foreign_revocation import ForeignRevocation
from pki.keystore import FileKeyStore, KeyStore, Pkcs11KeyStore
from pki.ocsp import OcspResponder
from pki.service import PkiService
from pki.status_reader import StatusReader
from pki.trust import TrustStore

from .database import make_engine, make_session_factory, upgrade
from .files import tighten
from .ocpp.certificates import StationCertificates
from .ocpp.cluster import Cluster
from .ocpp.csms_root import CsmsRootService
from .ocpp.diagnostics import DiagnosticsRecorder
from .ocpp.diagnostics_service import PncDiagnostics
from .ocpp.enrollment import Enrollments
from .ocpp.expiry import ExpiryWatch
from .ocpp.hub import StationHub
from .ocpp.parts import OcppParts
from .ocpp.service import StationService
from .ocpp.stations import StationRegistry
from .ocpp.store import OcppStore, SessionRules
from .opcp.client import OpcpClient
from .opcp.pool import OpcpContractPool, OpcpPublication
from .pnc import PncDecisions
from .settings import Settings


@dataclass(frozen=True)
class Container:
    settings: Settings
    engine: Engine
    session_factory: sessionmaker[Session]
    # the certificate authority
    keystore: KeyStore
    ca: CertificateAuthority
    ocsp: OcspResponder
    status_reader: StatusReader
    trust: TrustStore
    revocation: ForeignRevocation
    pki: PkiService
    # people and permissions
    policy: PolicyEngine
    access: AccessControl
    tokens: TokenService
    logins: Logins
    users: UserAdmin
    rules: PolicyAdmin
    audit: AuditLog
    # the mobility operator
    contracts: ContractService
    trust_view: TrustView
    cps: CertificateProvisioningService
    publisher: ContractPublisher
    authorizer: PncAuthorizer
    # the OCPP core
    stations: StationService
    ocpp: OcppParts
    pnc_diagnostics: PncDiagnostics
    # Hubject's Open Plug & Charge services; None while CSMS_OPCP_* are not set
    opcp: OpcpClient | None = None

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A unit of work: commits when the block ends, rolls back if it raises."""
        with self.session_factory.begin() as session:
            yield session

    def close(self) -> None:
        if self.opcp is not None:
            self.opcp.close()
        self.engine.dispose()


def make_keystore(settings: Settings, session_factory: sessionmaker[Session]) -> KeyStore:
    if settings.key_backend == "pkcs11":
        if not (settings.pkcs11_module and settings.pkcs11_token_label and settings.pkcs11_pin):
            raise KeyStoreError(
                "CSMS_PKCS11_MODULE, CSMS_PKCS11_TOKEN_LABEL and CSMS_PKCS11_PIN must be set"
            )
        return Pkcs11KeyStore(
            settings.pkcs11_module, settings.pkcs11_token_label, settings.pkcs11_pin
        )
    return FileKeyStore(session_factory, settings.resolved_key_passphrase())


def make_opcp(settings: Settings, sessions: sessionmaker[Session]) -> OpcpClient | None:
    """The OPCP client when it is configured; every call it makes is audited in a
    transaction of its own (a call is made whether or not the caller's work commits)."""
    opcp_settings = settings.opcp_settings()
    if opcp_settings is None:
        return None

    def audit(
        operation: str, method: str, path: str, status: int | None, outcome: str, ms: float
    ) -> None:
        with sessions.begin() as session:
            record_event(
                session,
                actor="opcp",
                action=f"opcp.{operation}",
                method=method,
                path=path,
                status=status,
                outcome=outcome,
                ms=round(ms, 1),
            )

    return OpcpClient(opcp_settings, audit=audit)


def build_container(settings: Settings, *, migrate: bool = True) -> Container:
    tighten(settings.data_dir)  # an existing data dir with looser modes: 0700/0600 on start
    url = settings.resolved_database_url
    if migrate:
        upgrade(url)
    engine = make_engine(url)
    sessions = make_session_factory(engine)
    keystore = make_keystore(settings, sessions)
    ca = CertificateAuthority(
        sessions,
        keystore,
        public_url=settings.public_url,
        organization=settings.organization,
        country=settings.country,
        key_label_prefix=settings.key_label_prefix,
    )
    status_reader = StatusReader(engine)
    trust = TrustStore()
    revocation = ForeignRevocation()
    policy = PolicyEngine(sessions)
    access = AccessControl(policy)
    tokens = TokenService(
        sessions,
        settings.resolved_token_key(),
        issuer=settings.public_url,
        access_ttl=timedelta(minutes=settings.access_token_minutes),
        refresh_ttl=timedelta(days=settings.refresh_token_days),
    )
    # Process-wide: argon2's parameters and how many hashes run at once (auth/passwords.py).
    configure_passwords(
        memory_kib=settings.password_hash_memory_kib,
        time_cost=settings.password_hash_time_cost,
        concurrency=settings.password_hash_concurrency,
        wait_seconds=settings.password_hash_wait_seconds,
    )
    throttle = LoginThrottle(
        ThrottleRules(
            per_account=settings.login_max_failures_per_account,
            per_address=settings.login_max_failures_per_address,
            window=timedelta(seconds=settings.login_throttle_window_seconds),
        )
    )
    contracts = ContractService(
        access, ca, EmaidRegistry(settings.emaid_country, settings.emaid_provider_id)
    )
    trust_view = TrustView(trust, revocation, status_reader)
    opcp = make_opcp(settings, sessions)
    cps = CertificateProvisioningService(
        ca,
        trust_view,
        contracts,
        certificate_days=settings.contract_certificate_days,
        escrow_passphrase=(
            settings.resolved_key_passphrase() if settings.contract_key_escrow else None
        ),
        pool=OpcpContractPool(opcp) if opcp is not None else None,
        pool_budget_s=settings.opcp_ccp_budget_ms / 1000,
    )
    authorizer = PncAuthorizer(
        ca, trust_view, contracts, token_only=TokenOnly(settings.pnc_emaid_only_authorize)
    )
    ocsp = OcspResponder(ca, engine)
    # Station password verifiers are keyed by a key of their own derived from the token key,
    # which every node shares (docs/deploy.md).
    registry = StationRegistry(
        verifier_key=hmac.new(
            settings.resolved_token_key(), b"csms station password verifier", hashlib.sha256
        ).digest()
    )
    store = OcppStore(
        sessions,
        SessionRules(
            authorization_window=timedelta(minutes=settings.ocpp_authorization_window_minutes),
            max_power_w=settings.ocpp_max_power_kw * 1000,
            max_session_wh=settings.ocpp_max_session_kwh * 1000,
        ),
    )
    station_certificates = StationCertificates(
        ca,
        settings.organization,
        requests_per_hour=settings.ocpp_certificates_per_hour,
        external_v2g=opcp is not None,
    )
    enrollments = Enrollments(
        sessions,
        ((lambda csr, iso: opcp.simple_enroll("cpo", iso, csr)) if opcp is not None else None),
        max_attempts=settings.opcp_enroll_max_attempts,
        backoff_seconds=settings.opcp_enroll_backoff_seconds,
    )
    hub = StationHub(
        Cluster(
            sessions,
            str(engine.url.render_as_string(hide_password=False)),
            node_id=settings.node_id,
            lease_seconds=settings.node_lease_seconds,
            call_timeout=settings.ocpp_call_timeout,
            token_key=settings.resolved_token_key(),
            public_url=settings.public_url,
        )
        if engine.dialect.name == "postgresql"
        else None,
        node_id=settings.node_id,
    )
    ocpp = OcppParts(
        settings=settings,
        sessions=sessions,
        ca=ca,
        ocsp=ocsp,
        status_reader=status_reader,
        registry=registry,
        store=store,
        certificates=station_certificates,
        contracts=PncDecisions(sessions, cps, authorizer),
        hub=hub,
        enrollments=enrollments,
        expiry=ExpiryWatch(access, sessions, ca, settings.data_dir),
        csms_root=CsmsRootService(access, ca, registry),
        diagnostics=DiagnosticsRecorder(sessions, keep_days=settings.pnc_diagnostics_days),
    )
    return Container(
        settings=settings,
        engine=engine,
        session_factory=sessions,
        keystore=keystore,
        ca=ca,
        ocsp=ocsp,
        status_reader=status_reader,
        trust=trust,
        revocation=revocation,
        pki=PkiService(access, ca, trust, revocation),
        policy=policy,
        access=access,
        tokens=tokens,
        logins=Logins(access, tokens, throttle),
        users=UserAdmin(access, tokens, throttle),
        rules=PolicyAdmin(access),
        audit=AuditLog(access),
        contracts=contracts,
        trust_view=trust_view,
        cps=cps,
        publisher=ContractPublisher(
            sessions,
            ca,
            contracts,
            trust_view,
            cps,
            OpcpPublication(opcp) if opcp is not None else None,
        ),
        authorizer=authorizer,
        stations=StationService(
            access, sessions, registry, store, station_certificates, hub, ca, contracts
        ),
        ocpp=ocpp,
        opcp=opcp,
        pnc_diagnostics=PncDiagnostics(access, contracts),
    )
