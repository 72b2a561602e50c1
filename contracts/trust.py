"""Which certificates the contract service trusts, and how it learns about revocation.

- OEM provisioning chains: the imported `oem-root` anchors and their sub-CAs (an ISO 15118-2
  request carries only the leaf), revocation from imported OEM CRLs.
- Contract chains (Update, Authorize): the product's own MO roots plus imported `mo-root` and
  `v2g-root` anchors; revocation from the product's own certificate records (the same source
  its OCSP responder answers from: pki.status_reader.own_revocation_checker) and imported
  CRLs.
- Only active anchors count (pki.trust.TrustStore.active_rows): a distrusted root and every
  certificate under it drop out of both at the next request. Cross-certificates one of the
  product's roots signed for another root's key (role `cross`) count as that root.
- The CPS chains under external V2G roots (`cps_alternatives`): the product's CPS CAs'
  certificates under active imported roots (pki.ca_variants).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import datetime

from cryptography import x509
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pki.authority import CertificateAuthority
from pki.ca_variants import CaVariants, ExternalCaCertificate
from pki.db import TrustAnchorRecord
from pki.foreign_revocation import ForeignCrlRecord, ForeignRevocation, checker_over
from pki.status_reader import StatusReader, own_revocation_checker
from pki.trust import ACTIVE, KINDS, TrustStore
from pki.validation import PathValidator

OWN_MO_ROOTS = ("mo-root", "mo-root-20")


@dataclass(frozen=True)
class _Snapshot:
    version: tuple[object, ...]
    anchors: dict[tuple[str, str], list[x509.Certificate]]  # (kind, role) -> certificates
    crls: dict[str, x509.CertificateRevocationList]
    distrusted: list[x509.Certificate]


class TrustView:
    """Imported anchors and CRLs, parsed once and reloaded when either table changes.

    Every request still asks the database, through the caller's session, one cheap question
    (row count and newest id of both tables), so an import or a removal is seen by the very
    next request; what is saved is loading and parsing every certificate and CRL on every
    request. The snapshot is shared by all threads; it holds only public data."""

    def __init__(
        self, trust: TrustStore, revocation: ForeignRevocation, status_reader: StatusReader
    ) -> None:
        self._trust = trust
        self._revocation = revocation
        self._status_reader = status_reader
        self._snapshot: _Snapshot | None = None
        self._lock = threading.Lock()

    @staticmethod
    def _version(session: Session) -> tuple[object, ...]:
        anchors, crls = TrustAnchorRecord.__table__, ForeignCrlRecord.__table__
        query = select(
            select(func.count()).select_from(anchors).scalar_subquery(),
            select(func.max(anchors.c.id)).select_from(anchors).scalar_subquery(),
            # distrust and restore change neither: the distrusted count and the newest
            # state change do
            select(func.count())
            .select_from(anchors)
            .where(anchors.c.state != ACTIVE)
            .scalar_subquery(),
            select(func.max(anchors.c.state_at)).select_from(anchors).scalar_subquery(),
            select(func.count()).select_from(crls).scalar_subquery(),
            select(func.max(crls.c.id)).select_from(crls).scalar_subquery(),
        )
        return tuple(session.execute(query).one())

    def snapshot(self, session: Session) -> _Snapshot:
        version = self._version(session)
        current = self._snapshot
        if current is not None and current.version == version:
            return current
        anchors: dict[tuple[str, str], list[x509.Certificate]] = {
            (kind, role): [] for kind in KINDS for role in ("root", "sub-ca", "cross")
        }
        for row in self._trust.active_rows(session):
            anchors[(row.kind, row.role)].append(x509.load_der_x509_certificate(row.der))
        fresh = _Snapshot(
            version,
            anchors,
            self._revocation.newest_by_issuer(session),
            self._trust.distrusted(session),
        )
        with self._lock:
            self._snapshot = fresh
        return fresh

    def oem_validator(self, session: Session) -> PathValidator:
        snapshot = self.snapshot(session)
        return PathValidator(
            snapshot.anchors[("oem-root", "root")] + snapshot.anchors[("oem-root", "cross")],
            snapshot.anchors[("oem-root", "sub-ca")],
            revocation=[checker_over(snapshot.crls)],
            excluded=snapshot.distrusted,
        )

    def contract_validator(self, session: Session, ca: CertificateAuthority) -> PathValidator:
        snapshot = self.snapshot(session)
        authorities = ca.authorities()
        own = [a.certificate for n, a in authorities.items() if n in OWN_MO_ROOTS]
        anchors = own + [
            cert
            for kind in ("mo-root", "v2g-root")
            for role in ("root", "cross")
            for cert in snapshot.anchors[(kind, role)]
        ]
        intermediates = [a.certificate for n, a in authorities.items() if n.startswith("mo-sub")]
        intermediates += snapshot.anchors[("mo-root", "sub-ca")]
        return PathValidator(
            anchors,
            intermediates,
            revocation=[
                own_revocation_checker(ca, self._status_reader),
                checker_over(snapshot.crls),
            ],
            excluded=snapshot.distrusted,
        )

    def cps_alternatives(
        self,
        session: Session,
        ca: CertificateAuthority,
        names: tuple[str, ...],
        *,
        at: datetime | None = None,
    ) -> list[ExternalCaCertificate]:
        """Certificates of the CPS's CAs (`names`) under active imported roots, oldest
        first (a few rows at most: read per request, not cached)."""
        return CaVariants(ca, self._trust).external_certificates(session, names, at=at)

    def is_own_root(self, ca: CertificateAuthority, certificate: x509.Certificate) -> bool:
        """Whether a validated path ended at one of the product's own MO roots."""
        return any(
            a.certificate == certificate for n, a in ca.authorities().items() if n in OWN_MO_ROOTS
        )
