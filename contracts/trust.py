"""Which certificates the contract service trusts, and how it learns about revocation.

- OEM provisioning chains: the imported `oem-root` anchors and their sub-CAs (an ISO 15118-2
  request carries only the leaf), revocation from imported OEM CRLs.
- Contract chains (Update, Authorize): the product's own MO root plus imported `mo-root` and
  `v2g-root` anchors; revocation from the product's own certificate records (the same source
  its OCSP responder answers from) and imported CRLs.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass

from cryptography import x509
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pki.authority import CertificateAuthority
from pki.db import TrustAnchorRecord
from pki.errors import NotInitialised, UnknownAuthority, UnknownCertificate
from pki.foreign_revocation import ForeignCrlRecord, ForeignRevocation, checker_over
from pki.issuance import serial_to_hex
from pki.status_reader import StatusReader
from pki.trust import KINDS, TrustStore
from pki.validation import PathValidator, RevocationState


def own_revocation_checker(  # type: ignore[no-untyped-def]
    ca: CertificateAuthority, reader: StatusReader | None = None
):
    """RevocationChecker over the product's own issuance records: authoritative for
    certificates its CAs signed, UNKNOWN for anything else. With a `reader` (the OCSP
    responder's plain-DBAPI status reads) each check is one indexed lookup, with no ORM session:
    Authorize checks two or three certificates per request."""
    if reader is not None:
        return _fast_checker(ca, reader)

    def check(cert: x509.Certificate, issuer: x509.Certificate) -> RevocationState:
        try:
            record = ca.find(cert.serial_number)
        except UnknownCertificate:
            return RevocationState.UNKNOWN
        if record.issuer_ca is None:
            return RevocationState.UNKNOWN
        try:
            if ca.authority(record.issuer_ca).certificate != issuer:
                return RevocationState.UNKNOWN
        except (UnknownAuthority, NotInitialised):
            return RevocationState.UNKNOWN
        return RevocationState.REVOKED if record.revoked_at else RevocationState.GOOD

    return check


def _fast_checker(ca: CertificateAuthority, reader: StatusReader):  # type: ignore[no-untyped-def]
    def check(cert: x509.Certificate, issuer: x509.Certificate) -> RevocationState:
        issuer_name = next(
            (name for name, a in ca.authorities().items() if a.certificate == issuer), None
        )
        if issuer_name is None:
            return RevocationState.UNKNOWN  # not one of ours: another source must decide
        row = reader.read(serial_to_hex(cert.serial_number), issuer_name)
        if row is None or row[0] == "failed":
            return RevocationState.UNKNOWN
        return RevocationState.REVOKED if row[1] is not None else RevocationState.GOOD

    return check


@dataclass(frozen=True)
class _Snapshot:
    version: tuple[object, ...]
    anchors: dict[tuple[str, str], list[x509.Certificate]]  # (kind, role) -> certificates
    crls: dict[str, x509.CertificateRevocationList]


class TrustView:
    """Imported anchors and CRLs, parsed once and reloaded when either table changes.

    Every request still asks the database one cheap question (row count and newest id of
    both tables), so an import or a removal is seen by the very next request; what is saved
    is loading and parsing every certificate and CRL on every request."""

    def __init__(
        self,
        session_factory: Callable[[], Session],
        trust: TrustStore,
        revocation: ForeignRevocation,
        status_reader: StatusReader | None = None,
    ) -> None:
        self._session_factory = session_factory
        self._trust = trust
        self._revocation = revocation
        self._status_reader = status_reader
        self._snapshot: _Snapshot | None = None
        self._lock = threading.Lock()

    def _version(self) -> tuple[object, ...]:
        anchors, crls = TrustAnchorRecord.__table__, ForeignCrlRecord.__table__
        query = select(
            select(func.count()).select_from(anchors).scalar_subquery(),
            select(func.max(anchors.c.id)).select_from(anchors).scalar_subquery(),
            select(func.count()).select_from(crls).scalar_subquery(),
            select(func.max(crls.c.id)).select_from(crls).scalar_subquery(),
        )
        with self._session_factory() as session:
            return tuple(session.execute(query).one())

    def snapshot(self) -> _Snapshot:
        version = self._version()
        current = self._snapshot
        if current is not None and current.version == version:
            return current
        anchors: dict[tuple[str, str], list[x509.Certificate]] = {}
        for kind in KINDS:
            for role in ("root", "sub-ca"):
                anchors[(kind, role)] = self._trust.certificates(kind, role)
        fresh = _Snapshot(version, anchors, self._revocation.newest_by_issuer())
        with self._lock:
            self._snapshot = fresh
        return fresh

    def oem_validator(self) -> PathValidator:
        snapshot = self.snapshot()
        return PathValidator(
            snapshot.anchors[("oem-root", "root")],
            snapshot.anchors[("oem-root", "sub-ca")],
            revocation=[checker_over(snapshot.crls)],
        )

    def contract_validator(self, ca: CertificateAuthority) -> PathValidator:
        snapshot = self.snapshot()
        authorities = ca.authorities()
        own = [a.certificate for n, a in authorities.items() if n in ("mo-root", "mo-root-20")]
        anchors = (
            own + snapshot.anchors[("mo-root", "root")] + snapshot.anchors[("v2g-root", "root")]
        )
        intermediates = [a.certificate for n, a in authorities.items() if n.startswith("mo-sub")]
        intermediates += snapshot.anchors[("mo-root", "sub-ca")]
        return PathValidator(
            anchors,
            intermediates,
            revocation=[
                own_revocation_checker(ca, self._status_reader),
                checker_over(snapshot.crls),
            ],
        )


def _rdn_set(text: str) -> frozenset[str]:
    text = text.strip()
    if text.startswith("<Name(") and text.endswith(")>"):  # Josev sends Python's repr
        text = text[len("<Name(") : -len(")>")]
    parts = [p.strip() for p in text.replace(";", ",").split(",") if p.strip()]
    return frozenset(p.replace(" =", "=").replace("= ", "=").casefold() for p in parts)


def issuer_name_matches(listed: str, certificate: x509.Certificate) -> bool:
    """A ListOfRootCertificateIDs X509IssuerName (RFC 4514 text in practice, order and case
    vary between implementations) against a root certificate's subject."""
    return _rdn_set(listed) == _rdn_set(certificate.subject.rfc4514_string())
