"""Trust anchors from outside: car makers' (OEM) roots with their sub-CAs, other V2G, MO and
CSO roots. An ISO 15118-2 installation request carries only the OEM leaf, so the OEM sub-CAs
must be known here in advance."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from sqlalchemy import select
from sqlalchemy.orm import Session

from auth.audit import record_event

from .db import TrustAnchorRecord
from .errors import TrustAnchorRejected
from .validation import MAX_SUB_CAS, PathValidator

KINDS = ("oem-root", "mo-root", "v2g-root", "cso-root")
MAX_BUNDLE_BYTES = 256 * 1024


@dataclass(frozen=True)
class TrustImport:
    kind: str
    root_fingerprint: str
    added: tuple[str, ...]  # subjects newly stored
    already_known: tuple[str, ...]


def _fingerprint(cert: x509.Certificate) -> str:
    return hashlib.sha256(cert.public_bytes(serialization.Encoding.DER)).hexdigest()


def _basic_constraints(cert: x509.Certificate) -> x509.BasicConstraints | None:
    try:
        return cert.extensions.get_extension_for_class(x509.BasicConstraints).value
    except x509.ExtensionNotFound:
        return None


def _check_is_ca(cert: x509.Certificate) -> None:
    bc = _basic_constraints(cert)
    if bc is None or not bc.ca:
        raise TrustAnchorRejected(
            "not_a_ca", f"{cert.subject.rfc4514_string()} is not a CA certificate"
        )
    try:
        ku = cert.extensions.get_extension_for_class(x509.KeyUsage).value
    except x509.ExtensionNotFound:
        return
    if not ku.key_cert_sign:
        raise TrustAnchorRejected("not_a_ca", f"{cert.subject.rfc4514_string()} lacks keyCertSign")


def parse_bundle(data: bytes) -> list[x509.Certificate]:
    if not data.strip():
        raise TrustAnchorRejected("empty", "the bundle is empty")
    if len(data) > MAX_BUNDLE_BYTES:
        raise TrustAnchorRejected("too_large", "the bundle is larger than 256 KiB")
    try:
        certs = x509.load_pem_x509_certificates(data)
        for cert in certs:
            _ = cert.extensions  # surface malformed extensions now
    except ValueError:
        raise TrustAnchorRejected(
            "malformed", "cannot read the bundle: expected PEM certificates"
        ) from None
    return certs


class TrustStore:
    """Imported trust anchors; every method works in the caller's session."""

    def add_bundle(
        self,
        session: Session,
        data: bytes,
        kind: str,
        *,
        actor: str,
        now: datetime | None = None,
    ) -> TrustImport:
        """Validate a bundle (one self-signed root, CA certificates chaining to it) and store
        it. Nothing is stored unless every certificate in it passes."""
        if kind not in KINDS:
            raise TrustAnchorRejected("kind", f"kind must be one of {', '.join(KINDS)}")
        now = now or datetime.now(UTC)
        certs = parse_bundle(data)
        roots = [c for c in certs if c.issuer == c.subject]
        if len(roots) != 1:
            raise TrustAnchorRejected(
                "root", f"the bundle must hold exactly one self-signed root, it holds {len(roots)}"
            )
        root = roots[0]
        try:
            root.verify_directly_issued_by(root)
        except Exception:
            raise TrustAnchorRejected(
                "bad_signature", "the root's self-signature does not verify"
            ) from None
        for cert in certs:
            _check_is_ca(cert)
            if cert.not_valid_after_utc < now:
                raise TrustAnchorRejected("expired", f"{cert.subject.rfc4514_string()} expired")
        sub_cas = [c for c in certs if c is not root]
        validator = PathValidator([root], sub_cas, max_sub_cas=MAX_SUB_CAS - 1)
        for sub_ca in sub_cas:
            result = validator.validate(sub_ca, at=now)
            if not result.ok:
                raise TrustAnchorRejected(
                    str(result.reason), f"{sub_ca.subject.rfc4514_string()}: {result.detail}"
                )
        root_fp = _fingerprint(root)
        added: list[str] = []
        known: list[str] = []
        existing = set(
            session.scalars(
                select(TrustAnchorRecord.fingerprint_sha256).where(
                    TrustAnchorRecord.fingerprint_sha256.in_([_fingerprint(c) for c in certs])
                )
            )
        )
        for cert in [root, *sub_cas]:
            fp = _fingerprint(cert)
            subject = cert.subject.rfc4514_string()
            if fp in existing:
                known.append(subject)
                continue
            session.add(
                TrustAnchorRecord(
                    kind=kind,
                    role="root" if cert is root else "sub-ca",
                    root_fingerprint=root_fp,
                    subject=subject,
                    fingerprint_sha256=fp,
                    der=cert.public_bytes(serialization.Encoding.DER),
                    not_after=cert.not_valid_after_utc,
                    added_at=now,
                    added_by=actor,
                )
            )
            added.append(subject)
            record_event(
                session,
                actor=actor,
                action="trust.added",
                fingerprint=fp,
                serial_hex=format(cert.serial_number, "X"),
                kind=kind,
                subject=subject,
                role="root" if cert is root else "sub-ca",
            )
        return TrustImport(kind, root_fp, tuple(added), tuple(known))

    @staticmethod
    def certificates(
        session: Session, kind: str, role: str | None = None
    ) -> list[x509.Certificate]:
        query = select(TrustAnchorRecord.der).where(TrustAnchorRecord.kind == kind)
        if role is not None:
            query = query.where(TrustAnchorRecord.role == role)
        return [x509.load_der_x509_certificate(d) for d in session.scalars(query)]

    @staticmethod
    def list(session: Session) -> list[TrustAnchorRecord]:
        return list(session.scalars(select(TrustAnchorRecord).order_by(TrustAnchorRecord.id)))

    @staticmethod
    def remove(session: Session, fingerprint: str, *, actor: str) -> int:
        """Remove an anchor; removing a root removes its sub-CAs too."""
        rows = list(
            session.scalars(
                select(TrustAnchorRecord).where(
                    (TrustAnchorRecord.fingerprint_sha256 == fingerprint.lower())
                    | (TrustAnchorRecord.root_fingerprint == fingerprint.lower())
                )
            )
        )
        for row in rows:
            session.delete(row)
            record_event(
                session,
                actor=actor,
                action="trust.removed",
                fingerprint=row.fingerprint_sha256,
                kind=row.kind,
                subject=row.subject,
            )
        return len(rows)
