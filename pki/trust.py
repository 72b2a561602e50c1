"""Trust anchors from outside: car makers' (OEM) roots with their sub-CAs, other V2G, MO and
CSO roots. An ISO 15118-2 installation request carries only the OEM leaf, so the OEM sub-CAs
must be known here in advance.

Each anchor has a source (`file`, `rcp`, `cross`) and a state. Distrusting is the one place
that takes an anchor out of every path validation (OEM provisioning chains, contract chains,
station TLS, the CPS's choice of chain): `certificates` and `active_rows` return only anchors
that are active and whose root is active, and never a certificate for the same subject and
key as a distrusted one (a distrusted root stays distrusted when it arrives again inside
another bundle or as a cross-certificate)."""

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
from .errors import TrustAnchorRejected, UnknownTrustAnchor
from .validation import MAX_SUB_CAS, PathValidator, identity

KINDS = ("oem-root", "mo-root", "v2g-root", "cso-root")
SOURCES = ("file", "rcp", "cross")
ACTIVE, DISTRUSTED = "active", "distrusted"
MAX_BUNDLE_BYTES = 256 * 1024
MAX_REASON_CHARACTERS = 500


@dataclass(frozen=True)
class TrustImport:
    kind: str
    root_fingerprint: str
    added: tuple[str, ...]  # subjects newly stored
    already_known: tuple[str, ...]


def _fingerprint(cert: x509.Certificate) -> str:
    return hashlib.sha256(cert.public_bytes(serialization.Encoding.DER)).hexdigest()


def check_fingerprint(text: str) -> str:
    value = text.strip().lower().replace(":", "")
    if len(value) != 64 or any(c not in "0123456789abcdef" for c in value):
        raise TrustAnchorRejected("fingerprint", "a fingerprint is 64 hex digits (SHA-256)")
    return value


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
        source: str = "file",
    ) -> TrustImport:
        """Validate a bundle (one self-signed root, CA certificates chaining to it) and store
        it with its `source`. Nothing is stored unless every certificate in it passes. A
        certificate already stored keeps its source and state (a distrusted root is not
        trusted again by importing it again: `restore` does that)."""
        if kind not in KINDS:
            raise TrustAnchorRejected("kind", f"kind must be one of {', '.join(KINDS)}")
        if source not in SOURCES:
            raise TrustAnchorRejected("source", f"source must be one of {', '.join(SOURCES)}")
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
                    source=source,
                    state=ACTIVE,
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
                source=source,
            )
        return TrustImport(kind, root_fp, tuple(added), tuple(known))

    def add_cross(
        self,
        session: Session,
        certificate: x509.Certificate,
        kind: str,
        *,
        actor: str,
        now: datetime,
    ) -> TrustAnchorRecord:
        """Store a cross-certificate one of the product's own roots signed for another
        root's key (the caller, pki.ca_variants, has checked that signature): from then on
        that root's subordinates validate up to it as if it were an imported root."""
        _check_is_ca(certificate)
        fp = _fingerprint(certificate)
        existing = session.scalar(
            select(TrustAnchorRecord).where(TrustAnchorRecord.fingerprint_sha256 == fp)
        )
        if existing is not None:
            return existing
        row = TrustAnchorRecord(
            kind=kind,
            role="cross",
            root_fingerprint=fp,  # it stands in for the root it certifies
            subject=certificate.subject.rfc4514_string(),
            fingerprint_sha256=fp,
            der=certificate.public_bytes(serialization.Encoding.DER),
            not_after=certificate.not_valid_after_utc,
            added_at=now,
            added_by=actor,
            source="cross",
            state=ACTIVE,
        )
        session.add(row)
        record_event(
            session,
            actor=actor,
            action="trust.added",
            fingerprint=fp,
            serial_hex=format(certificate.serial_number, "X"),
            kind=kind,
            subject=row.subject,
            role="cross",
            source="cross",
            issuer=certificate.issuer.rfc4514_string(),
        )
        return row

    # --- what path validation may use ------------------------------------------------------

    @staticmethod
    def active_rows(session: Session, kind: str | None = None) -> list[TrustAnchorRecord]:
        """The anchors path validation may use: active, under an active root, and not naming
        (subject and key) any distrusted anchor."""
        rows = list(session.scalars(select(TrustAnchorRecord).order_by(TrustAnchorRecord.id)))
        distrusted = [r for r in rows if r.state != ACTIVE]
        dead_roots = {r.root_fingerprint for r in distrusted if r.role != "sub-ca"}
        dead_ids = {identity(x509.load_der_x509_certificate(r.der)) for r in distrusted}
        usable = []
        for row in rows:
            if kind is not None and row.kind != kind:
                continue
            if row.state != ACTIVE or row.root_fingerprint in dead_roots:
                continue
            if dead_ids and identity(x509.load_der_x509_certificate(row.der)) in dead_ids:
                continue
            usable.append(row)
        return usable

    @staticmethod
    def distrusted(session: Session) -> list[x509.Certificate]:
        """The distrusted anchors, for PathValidator(excluded=…): a chain that brings its own
        copy of a distrusted sub-CA must not get through."""
        rows = session.scalars(
            select(TrustAnchorRecord.der).where(TrustAnchorRecord.state != ACTIVE)
        )
        return [x509.load_der_x509_certificate(d) for d in rows]

    @classmethod
    def certificates(
        cls, session: Session, kind: str, role: str | None = None
    ) -> list[x509.Certificate]:
        """Active anchors of `kind` (and `role`: root, sub-ca, cross) as certificates."""
        return [
            x509.load_der_x509_certificate(r.der)
            for r in cls.active_rows(session, kind)
            if role is None or r.role == role
        ]

    # --- state -----------------------------------------------------------------------------

    def distrust(
        self,
        session: Session,
        fingerprint: str,
        *,
        reason: str,
        actor: str,
        now: datetime | None = None,
    ) -> TrustAnchorRecord:
        """Take an anchor (a root: with everything under it) out of every path validation;
        the row stays, with who, when and why, so `restore` can bring it back."""
        reason = reason.strip()
        if not reason:
            raise TrustAnchorRejected("reason", "say why the anchor is distrusted (--reason)")
        if len(reason) > MAX_REASON_CHARACTERS:
            raise TrustAnchorRejected(
                "reason", f"the reason is longer than {MAX_REASON_CHARACTERS} characters"
            )
        row = self._row(session, fingerprint)
        if row.state == DISTRUSTED:
            raise TrustAnchorRejected(
                "already_distrusted", f"{row.subject} is distrusted already ({row.state_reason})"
            )
        self._set_state(session, row, DISTRUSTED, reason, actor, now or datetime.now(UTC))
        return row

    def restore(
        self, session: Session, fingerprint: str, *, actor: str, now: datetime | None = None
    ) -> TrustAnchorRecord:
        row = self._row(session, fingerprint)
        if row.state == ACTIVE:
            raise TrustAnchorRejected("not_distrusted", f"{row.subject} is not distrusted")
        self._set_state(session, row, ACTIVE, None, actor, now or datetime.now(UTC))
        return row

    @staticmethod
    def _row(session: Session, fingerprint: str) -> TrustAnchorRecord:
        value = check_fingerprint(fingerprint)
        row = session.scalar(
            select(TrustAnchorRecord)
            .where(TrustAnchorRecord.fingerprint_sha256 == value)
            .with_for_update()
        )
        if row is None:
            raise UnknownTrustAnchor(f"no trust anchor with fingerprint {value}")
        return row

    @staticmethod
    def _set_state(
        session: Session,
        row: TrustAnchorRecord,
        state: str,
        reason: str | None,
        actor: str,
        now: datetime,
    ) -> None:
        row.state = state
        row.state_reason = reason
        row.state_by = actor
        row.state_at = now
        record_event(
            session,
            actor=actor,
            action="trust.distrusted" if state == DISTRUSTED else "trust.restored",
            fingerprint=row.fingerprint_sha256,
            kind=row.kind,
            subject=row.subject,
            role=row.role,
            reason=reason,
        )

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
