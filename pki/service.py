"""The PKI as the doors use it: who may see, issue and revoke which certificates, and who may
change what the product trusts. Every method takes the caller's session and principal; the
CA itself (pki.authority) only signs, stores and revokes, and decides nobody's permissions.

Rules kept here, once:
- everyone who may read `station_certificates` sees the stations' certificates (OCPP and
  ISO 15118 SECC); only a principal who may read `certificates` everywhere sees all of them;
- revoking follows the same split: a station certificate needs `station_certificates`
  revoke, any other certificate `certificates` revoke in scope `any`;
- trust anchors and their CRLs belong to `trust_anchors` (distrust and restore: `update`);
  the hierarchy, and its CAs' certificates under external roots, to `authorities`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from cryptography import x509
from sqlalchemy import Select, case, select
from sqlalchemy.orm import Session

from auth.access import AccessControl
from auth.listing import Field, ListRequest, ListSpec, Page
from auth.principal import Forbidden, Permission, Principal, Scope

from .authority import (
    Authority,
    CertificateAuthority,
    InitResult,
    IssuedCertificate,
    RevocationInfo,
)
from .ca_variants import CaImport, CaVariants, CrossImport
from .crl import build_crl
from .db import CaCertificateRecord, CertificateRecord, TrustAnchorRecord
from .errors import UnknownCertificate
from .foreign_revocation import ForeignCrlRecord, ForeignRevocation
from .issuance import parse_serial
from .trust import TrustImport, TrustStore

CERTIFICATES_READ = Permission("certificates", "read")
CERTIFICATES_CREATE = Permission("certificates", "create")
CERTIFICATES_REVOKE = Permission("certificates", "revoke")
STATION_CERTIFICATES_READ = Permission("station_certificates", "read")
STATION_CERTIFICATES_REVOKE = Permission("station_certificates", "revoke")
TRUST_READ = Permission("trust_anchors", "read")
TRUST_CREATE = Permission("trust_anchors", "create")
TRUST_DELETE = Permission("trust_anchors", "delete")
TRUST_UPDATE = Permission("trust_anchors", "update")  # distrust, restore
AUTHORITIES_CREATE = Permission("authorities", "create")

# The stations' own certificates (OCPP client and ISO 15118 SECC): what technicians handle.
STATION_PROFILES = ("charging-station", "secc", "secc-20")


@dataclass(frozen=True)
class CertificateView:
    serial: str
    profile: str
    issuer: str | None
    subject: str
    status: str  # reserved | issued | failed | revoked
    not_before: datetime
    not_after: datetime
    revoked_at: datetime | None
    revocation_reason: str | None

    @property
    def issuer_name(self) -> str:
        """The issuing CA's name; "" for a self-signed root (for grouping)."""
        return self.issuer or ""

    @classmethod
    def of(cls, record: CertificateRecord) -> CertificateView:
        return cls(
            serial=record.serial_hex,
            profile=record.profile,
            issuer=record.issuer_ca,
            subject=record.subject,
            status="revoked" if record.revoked_at else record.status,
            not_before=record.not_before,
            not_after=record.not_after,
            revoked_at=record.revoked_at,
            revocation_reason=record.revocation_reason,
        )


class PkiService:
    def __init__(
        self,
        access: AccessControl,
        ca: CertificateAuthority,
        trust: TrustStore,
        revocation: ForeignRevocation,
    ) -> None:
        self._access = access
        self.ca = ca
        self._trust = trust
        self._revocation = revocation
        self._variants = CaVariants(ca, trust)

    # --- public: the CA certificates and CRLs anyone may fetch ---------------------------------

    def authorities(self) -> dict[str, Authority]:
        return self.ca.authorities()

    def crl(self, session: Session, name: str) -> x509.CertificateRevocationList:
        return build_crl(session, self.ca, name)

    # --- the hierarchy ---------------------------------------------------------------------------

    def init(
        self,
        session: Session,
        principal: Principal,
        *,
        names: tuple[str, ...] | None = None,
        include_demo: bool = False,
    ) -> InitResult:
        self._access.require(principal, AUTHORITIES_CREATE)
        return self.ca.init(session, principal.actor, names=names, include_demo=include_demo)

    def create_ocsp_delegate(self, session: Session, principal: Principal, name: str) -> Authority:
        self._access.require(principal, AUTHORITIES_CREATE)
        return self.ca.create_ocsp_delegate(session, name, actor=principal.actor)

    # --- certificates --------------------------------------------------------------------------

    def list_certificates(
        self, session: Session, principal: Principal, *, limit: int = 100, offset: int = 0
    ) -> list[CertificateView]:
        """Issued certificates, newest first: every one for those who may read all
        certificates, the stations' for those who may read only `station_certificates`."""
        everything = self._access.decide(principal, CERTIFICATES_READ) is Scope.ANY
        if not everything:
            self._access.require(principal, STATION_CERTIFICATES_READ)
        records = self.ca.list_certificates(
            session,
            profiles=None if everything else STATION_PROFILES,
            limit=limit,
            offset=offset,
        )
        return [CertificateView.of(r) for r in records]

    def find_certificates(
        self, session: Session, principal: Principal, wanted: ListRequest
    ) -> Page[CertificateView]:
        """A page of issued certificates under the reading rule of `list_certificates`,
        searched (serial, subject, issuing CA), filtered (profile, status, issuer, expiry) and
        sorted as asked."""
        return CERTIFICATE_SPEC.page(session, self._readable(principal), wanted).map(
            CertificateView.of
        )

    def export_certificates(
        self, session: Session, principal: Principal, wanted: ListRequest
    ) -> Iterator[CertificateView]:
        for record in CERTIFICATE_SPEC.every(session, self._readable(principal), wanted):
            yield CertificateView.of(record)

    def _readable(self, principal: Principal) -> Select[Any]:
        everything = self._access.decide(principal, CERTIFICATES_READ) is Scope.ANY
        if not everything:
            self._access.require(principal, STATION_CERTIFICATES_READ)
        query = select(CertificateRecord)
        if not everything:
            query = query.where(CertificateRecord.profile.in_(STATION_PROFILES))
        return query

    def certificate(self, session: Session, principal: Principal, serial: str) -> CertificateView:
        """One issued certificate by serial, under the same reading rule as the list (a
        principal who may read only station certificates finds only those)."""
        everything = self._access.decide(principal, CERTIFICATES_READ) is Scope.ANY
        if not everything:
            self._access.require(principal, STATION_CERTIFICATES_READ)
        record = self.ca.find(session, parse_serial(serial))
        if not everything and record.profile not in STATION_PROFILES:
            raise UnknownCertificate(f"no certificate with serial {record.serial_hex}")
        return CertificateView.of(record)

    def revoke(
        self, session: Session, principal: Principal, serial: str, *, reason: str | None
    ) -> tuple[RevocationInfo, CertificateView]:
        """Revoke by serial (hex, colons allowed); station certificates for whoever may revoke
        those, any other only for whoever may revoke every certificate."""
        everything = self._access.decide(principal, CERTIFICATES_REVOKE) is Scope.ANY
        if not everything:
            self._access.require(principal, STATION_CERTIFICATES_REVOKE)
        number = parse_serial(serial)
        record = self.ca.find(session, number)
        if not everything and record.profile not in STATION_PROFILES:
            raise Forbidden("you may revoke station certificates only")
        info = self.ca.revoke(session, number, reason=reason, actor=principal.actor)
        return info, CertificateView.of(record)

    def issue_from_csr(
        self,
        session: Session,
        principal: Principal,
        csr: bytes,
        profile: str,
        *,
        days: int | None = None,
        ca_name: str | None = None,
    ) -> IssuedCertificate:
        self._access.require(principal, CERTIFICATES_CREATE)
        return self.ca.issue_from_csr(
            session, csr, profile, actor=principal.actor, ca_name=ca_name, days=days
        )

    # --- trust ---------------------------------------------------------------------------------

    def trust_anchors(self, session: Session, principal: Principal) -> list[TrustAnchorRecord]:
        self._access.require(principal, TRUST_READ)
        return self._trust.list(session)

    def add_trust_bundle(
        self,
        session: Session,
        principal: Principal,
        data: bytes,
        kind: str,
        *,
        source: str = "file",
    ) -> TrustImport:
        self._access.require(principal, TRUST_CREATE)
        return self._trust.add_bundle(session, data, kind, actor=principal.actor, source=source)

    def require_trust_import(self, principal: Principal) -> None:
        """Before fetching roots from outside (the RCP sync): fail closed before any call."""
        self._access.require(principal, TRUST_CREATE)

    def distrust_anchor(
        self, session: Session, principal: Principal, fingerprint: str, *, reason: str
    ) -> TrustAnchorRecord:
        self._access.require(principal, TRUST_UPDATE)
        return self._trust.distrust(session, fingerprint, reason=reason, actor=principal.actor)

    def restore_anchor(
        self, session: Session, principal: Principal, fingerprint: str
    ) -> TrustAnchorRecord:
        self._access.require(principal, TRUST_UPDATE)
        return self._trust.restore(session, fingerprint, actor=principal.actor)

    def import_cross_certificate(
        self, session: Session, principal: Principal, data: bytes
    ) -> CrossImport:
        self._access.require(principal, TRUST_CREATE)
        return self._variants.import_cross(session, data, actor=principal.actor)

    # --- the product's CAs under external roots ---------------------------------------------

    def sub_ca_request(self, session: Session, principal: Principal, name: str) -> bytes:
        """A PEM CSR for CA `name`'s existing key (signed in the key store), audited."""
        self._access.require(principal, AUTHORITIES_CREATE)
        return self._variants.request(session, name, actor=principal.actor)

    def import_sub_ca_certificate(
        self, session: Session, principal: Principal, name: str, data: bytes
    ) -> CaImport:
        self._access.require(principal, AUTHORITIES_CREATE)
        return self._variants.import_certificate(session, name, data, actor=principal.actor)

    def ca_certificates(self, session: Session, principal: Principal) -> list[CaCertificateRecord]:
        self._access.require(principal, TRUST_READ)
        return self._variants.list(session)

    def remove_trust_anchor(self, session: Session, principal: Principal, fingerprint: str) -> int:
        self._access.require(principal, TRUST_DELETE)
        return self._trust.remove(session, fingerprint, actor=principal.actor)

    def import_foreign_crl(
        self, session: Session, principal: Principal, data: bytes
    ) -> ForeignCrlRecord:
        """A CRL of an imported (OEM) CA: its revoked certificates are refused from then on."""
        self._access.require(principal, TRUST_CREATE)
        return self._revocation.import_crl(session, data, actor=principal.actor)


# "revoked" is a status of its own in the list, as CertificateView shows it.
_STATUS = case(
    (CertificateRecord.revoked_at.is_not(None), "revoked"), else_=CertificateRecord.status
)
CERTIFICATE_SPEC = ListSpec(
    fields={
        "created_at": Field(CertificateRecord.created_at, natural_descending=True),
        "not_after": Field(CertificateRecord.not_after),
        "serial": Field(CertificateRecord.serial_hex),
        "subject": Field(CertificateRecord.subject_cn),
        "issuer": Field(CertificateRecord.issuer_ca, filter="exact"),
        "profile": Field(CertificateRecord.profile, filter="exact"),
        "status": Field(
            _STATUS, filter="choice", choices=("reserved", "issued", "failed", "revoked")
        ),
        "expires_after": Field(CertificateRecord.not_after, sortable=False, filter="since"),
        "expires_before": Field(CertificateRecord.not_after, sortable=False, filter="until"),
    },
    search=(CertificateRecord.serial_hex, CertificateRecord.subject, CertificateRecord.issuer_ca),
    default_sort="created_at",
    tiebreak=CertificateRecord.id,
)
