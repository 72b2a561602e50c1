"""The PKI's tables. Other domains that build on the PKI (contracts) share this metadata."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    BigInteger,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from auth.db import UTCDateTime


class Base(DeclarativeBase):
    pass


class CertificateRecord(Base):
    """Every certificate the product signs, recorded *before* the signature is made.

    status: `reserved` (serial and to-be-signed content stored, signature not yet made),
    `issued` (DER stored), `failed` (the signature was never made).
    """

    __tablename__ = "pki_certificates"
    __table_args__ = (
        UniqueConstraint("serial_hex", name="uq_pki_certificates_serial"),
        Index("ix_pki_certificates_issuer", "issuer_ca"),
        Index("ix_pki_certificates_subject_cn", "subject_cn"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    serial_hex: Mapped[str] = mapped_column(String(42))
    issuer_ca: Mapped[str | None] = mapped_column(String(64))  # None: self-signed root
    profile: Mapped[str] = mapped_column(String(32))
    subject: Mapped[str] = mapped_column(Text)
    subject_cn: Mapped[str] = mapped_column(String(128))
    not_before: Mapped[datetime] = mapped_column(UTCDateTime)
    not_after: Mapped[datetime] = mapped_column(UTCDateTime)
    status: Mapped[str] = mapped_column(String(16), default="reserved")
    # The to-be-signed certificate, signed by a throwaway key (boulder's "lint certificate"):
    # it holds every byte of the real certificate but the signature.
    precert_der: Mapped[bytes] = mapped_column(LargeBinary)
    der: Mapped[bytes | None] = mapped_column(LargeBinary)
    fingerprint_sha256: Mapped[str | None] = mapped_column(String(64), unique=True)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revocation_reason: Mapped[str | None] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    requested_by: Mapped[str] = mapped_column(String(128))


class CertificateAuthorityRecord(Base):
    """A CA (or the CPS signing leaf) the product runs, and where its key lives."""

    __tablename__ = "pki_authorities"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    profile: Mapped[str] = mapped_column(String(32))
    parent: Mapped[str | None] = mapped_column(String(64))
    certificate_id: Mapped[int] = mapped_column(ForeignKey("pki_certificates.id"))
    key_backend: Mapped[str] = mapped_column(String(16))
    key_ref: Mapped[str] = mapped_column(String(128))
    crl_number: Mapped[int] = mapped_column(BigInteger, default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class StoredKey(Base):
    """A CA private key encrypted at rest (PKCS#8, PBES2). Never returned by any API."""

    __tablename__ = "pki_keys"

    ref: Mapped[str] = mapped_column(String(128), primary_key=True)
    encrypted_pkcs8: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class TrustAnchorRecord(Base):
    """A certificate from outside: an OEM, MO, V2G or CSO root, or a sub-CA under one."""

    __tablename__ = "pki_trust_anchors"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(16))  # oem-root | mo-root | v2g-root | cso-root
    role: Mapped[str] = mapped_column(String(8))  # root | sub-ca
    root_fingerprint: Mapped[str] = mapped_column(String(64))
    subject: Mapped[str] = mapped_column(Text)
    fingerprint_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    der: Mapped[bytes] = mapped_column(LargeBinary)
    not_after: Mapped[datetime] = mapped_column(UTCDateTime)
    added_at: Mapped[datetime] = mapped_column(UTCDateTime)
    added_by: Mapped[str] = mapped_column(String(128))
