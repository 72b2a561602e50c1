"""Revocation of certificates from foreign PKIs (car makers' OEM provisioning certificates):
CRLs an operator imports, checked during path validation.

A CRL is stored only if its signature verifies under an imported trust anchor (root or
sub-CA). The checker answers REVOKED / GOOD from the newest CRL of the certificate's issuer,
and UNKNOWN where no CRL of that issuer is known, so other sources may still answer.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import UTC, datetime

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from sqlalchemy import Integer, LargeBinary, String, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from auth.audit import record_event
from auth.db import UTCDateTime

from .db import Base, TrustAnchorRecord
from .errors import PkiError
from .validation import RevocationState


class ForeignCrlRecord(Base):
    __tablename__ = "pki_foreign_crls"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    issuer_fingerprint: Mapped[str] = mapped_column(String(64), index=True)
    issuer_subject: Mapped[str] = mapped_column(String(512))
    crl_number: Mapped[str | None] = mapped_column(String(64))
    this_update: Mapped[datetime] = mapped_column(UTCDateTime)
    next_update: Mapped[datetime | None] = mapped_column(UTCDateTime)
    der: Mapped[bytes] = mapped_column(LargeBinary)
    added_at: Mapped[datetime] = mapped_column(UTCDateTime)
    added_by: Mapped[str] = mapped_column(String(128))


class CrlRejected(PkiError):
    code = "crl_rejected"


def _fingerprint(cert: x509.Certificate) -> str:
    return hashlib.sha256(cert.public_bytes(serialization.Encoding.DER)).hexdigest()


def load_crl(data: bytes) -> x509.CertificateRevocationList:
    try:
        if b"-----BEGIN" in data:
            return x509.load_pem_x509_crl(data)
        return x509.load_der_x509_crl(data)
    except ValueError:
        raise CrlRejected("cannot read the CRL: expected PEM or DER") from None


class ForeignRevocation:
    """Imported CRLs of foreign CAs; every method works in the caller's session."""

    @staticmethod
    def import_crl(session: Session, data: bytes, *, actor: str) -> ForeignCrlRecord:
        crl = load_crl(data)
        anchors = [
            x509.load_der_x509_certificate(der)
            for der in session.scalars(select(TrustAnchorRecord.der))
        ]
        issuer = next(
            (
                a
                for a in anchors
                if a.subject == crl.issuer and crl.is_signature_valid(a.public_key())  # type: ignore[arg-type]
            ),
            None,
        )
        if issuer is None:
            raise CrlRejected(
                f"no imported trust anchor named {crl.issuer.rfc4514_string()} "
                "signed this CRL: import its CA first (`csms pki trust add`)"
            )
        try:
            number = str(crl.extensions.get_extension_for_class(x509.CRLNumber).value.crl_number)
        except x509.ExtensionNotFound:
            number = None
        record = ForeignCrlRecord(
            issuer_fingerprint=_fingerprint(issuer),
            issuer_subject=crl.issuer.rfc4514_string()[:512],
            crl_number=number,
            this_update=crl.last_update_utc,
            next_update=crl.next_update_utc,
            der=crl.public_bytes(serialization.Encoding.DER),
            added_at=datetime.now(UTC),
            added_by=actor,
        )
        session.add(record)
        record_event(
            session,
            actor=actor,
            action="trust.crl_imported",
            fingerprint=record.issuer_fingerprint,
            issuer=record.issuer_subject,
            revoked=len(crl),
            crl_number=number,
        )
        return record

    @staticmethod
    def newest_by_issuer(session: Session) -> dict[str, x509.CertificateRevocationList]:
        """{issuer fingerprint: its newest imported CRL}, for callers that cache them."""
        rows = session.execute(
            select(ForeignCrlRecord.issuer_fingerprint, ForeignCrlRecord.der).order_by(
                ForeignCrlRecord.this_update, ForeignCrlRecord.id
            )
        ).all()
        return {fingerprint: x509.load_der_x509_crl(der) for fingerprint, der in rows}


def checker_over(
    crls: dict[str, x509.CertificateRevocationList],
) -> Callable[[x509.Certificate, x509.Certificate], RevocationState]:
    """The same answers as ForeignRevocation.checker, from CRLs already in memory."""

    # The function's name is the source a diagnostics record names (PathValidator.examine).
    def imported_crl(cert: x509.Certificate, issuer: x509.Certificate) -> RevocationState:
        crl = crls.get(_fingerprint(issuer))
        if crl is None:
            return RevocationState.UNKNOWN
        if crl.get_revoked_certificate_by_serial_number(cert.serial_number) is not None:
            return RevocationState.REVOKED
        return RevocationState.GOOD

    return imported_crl
