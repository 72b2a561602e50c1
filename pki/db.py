"""The PKI's tables. Other domains that build on the PKI (contracts) share this metadata."""

from __future__ import annotations

from datetime import datetime

from cryptography import x509
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
    """A certificate from outside: an OEM, MO, V2G or CSO root, or a sub-CA under one; or a
    cross-certificate the product's own root signed for another root's key (role `cross`).

    source: where it came from (`file`: `csms pki trust add`, `rcp`: Hubject's Root
    Certificate Pool, `cross`: `csms pki trust import-cross`). state: `active` or
    `distrusted` (with who, when and why; pki.trust.TrustStore.distrust). A distrusted root
    takes every row under it (same root_fingerprint) out of path validation.
    """

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
    source: Mapped[str] = mapped_column(String(16), default="file")
    state: Mapped[str] = mapped_column(String(16), default="active")
    state_reason: Mapped[str | None] = mapped_column(Text)
    state_by: Mapped[str | None] = mapped_column(String(128))
    state_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    @property
    def not_before(self) -> datetime:
        """From the certificate itself (older rows have no column for it)."""
        return x509.load_der_x509_certificate(self.der).not_valid_before_utc


class CaCertificateRecord(Base):
    """Another certificate for the key of one of the product's own CAs, signed by an external
    root (or a sub-CA under one): "this CA's certificate under root X". The CA keeps signing
    with the same key, so everything it issued also chains to X through this certificate.
    kind: `sub-ca` (`csms pki sub-ca import`) or `cross` (the product's root key certified by
    an external root, `csms pki trust import-cross`). anchor_fingerprint: the imported root
    (pki_trust_anchors.root_fingerprint) it chains to; distrusting that root retires it."""

    __tablename__ = "pki_ca_certificates"
    __table_args__ = (Index("ix_pki_ca_certificates_ca", "ca_name"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    ca_name: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(8))  # sub-ca | cross
    anchor_fingerprint: Mapped[str] = mapped_column(String(64))
    subject: Mapped[str] = mapped_column(Text)
    issuer: Mapped[str] = mapped_column(Text)
    fingerprint_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    der: Mapped[bytes] = mapped_column(LargeBinary)
    not_before: Mapped[datetime] = mapped_column(UTCDateTime)
    not_after: Mapped[datetime] = mapped_column(UTCDateTime)
    added_at: Mapped[datetime] = mapped_column(UTCDateTime)
    added_by: Mapped[str] = mapped_column(String(128))


class CsmsRootGenerationRecord(Base):
    """One generation of the CSMS root: the root the OCPP TLS server certificate chains to,
    the CA that issues that certificate, and the link certificate by which the previous
    generation's root certified this one (pki/csms_root.py). Generation 0 is the product's
    V2G root with cpo-sub2, recorded when the first rotation begins.

    state: `next` (made; stations are given its root), `current` (the server's certificate
    comes from it), `previous` (the last current one: still expected in stations' stores and
    still reachable through the link), `retired` (removed from stations' stores)."""

    __tablename__ = "pki_csms_root_generations"

    generation: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    root_ca: Mapped[str] = mapped_column(String(64))
    issuing_ca: Mapped[str] = mapped_column(String(64))
    link_certificate_id: Mapped[int | None] = mapped_column(ForeignKey("pki_certificates.id"))
    state: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    created_by: Mapped[str] = mapped_column(String(128))
    switched_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    switched_by: Mapped[str | None] = mapped_column(String(128))
    retired_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    retired_by: Mapped[str | None] = mapped_column(String(128))
