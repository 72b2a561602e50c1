"""Certificate revocation lists, one per issuing CA, signed through the key store."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from cryptography import x509
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from . import der
from .authority import CertificateAuthority
from .db import CertificateAuthorityRecord, CertificateRecord
from .errors import PkiError, UnknownAuthority
from .issuance import throwaway_sign_args

CRL_VALIDITY = timedelta(days=7)


def build_crl(
    session: Session,
    ca: CertificateAuthority,
    name: str,
    *,
    now: datetime | None = None,
) -> x509.CertificateRevocationList:
    """A fresh CRL of CA `name` listing its revoked, not yet expired certificates. Its CRL
    number is taken in the caller's transaction, which must commit before the CRL is
    published (a number handed out twice would break RFC 5280 5.2.3)."""
    authority = ca.authority(name)
    if not authority.profile.ca:
        raise UnknownAuthority(f"{name} is not a CA and publishes no CRL")
    now = (now or datetime.now(UTC)).replace(microsecond=0)
    # The CRL number must grow with every CRL the CA signs (RFC 5280 5.2.3).
    session.execute(
        update(CertificateAuthorityRecord)
        .where(CertificateAuthorityRecord.name == name)
        .values(crl_number=CertificateAuthorityRecord.crl_number + 1)
    )
    number = session.scalar(
        select(CertificateAuthorityRecord.crl_number).where(CertificateAuthorityRecord.name == name)
    )
    revoked = session.execute(
        select(
            CertificateRecord.serial_hex,
            CertificateRecord.revoked_at,
            CertificateRecord.revocation_reason,
        ).where(
            CertificateRecord.issuer_ca == name,
            CertificateRecord.revoked_at.is_not(None),
            CertificateRecord.not_after > now,
        )
    ).all()
    issuer = authority.certificate
    ski = issuer.extensions.get_extension_for_class(x509.SubjectKeyIdentifier).value
    builder = (
        x509.CertificateRevocationListBuilder()
        .issuer_name(issuer.subject)
        .last_update(now)
        .next_update(now + CRL_VALIDITY)
        .add_extension(x509.CRLNumber(int(number or 1)), critical=False)
        .add_extension(x509.AuthorityKeyIdentifier(ski.digest, None, None), critical=False)
    )
    for serial_hex, revoked_at, reason in revoked:
        if revoked_at is None:  # the query asked for revoked ones only
            continue
        entry = (
            x509.RevokedCertificateBuilder()
            .serial_number(int(serial_hex, 16))
            .revocation_date(revoked_at)
        )
        # RFC 5280 5.3.1: the reason code "unspecified" should not be written.
        if reason and reason != x509.ReasonFlags.unspecified.value:
            entry = entry.add_extension(x509.CRLReason(x509.ReasonFlags(reason)), critical=False)
        builder = builder.add_revoked_certificate(entry.build())
    signer = ca.signer_for(name)
    key, hash_algorithm = throwaway_sign_args(signer.signature_algorithm)
    draft = builder.sign(key, hash_algorithm)
    tbs = draft.tbs_certlist_bytes
    crl = x509.load_der_x509_crl(
        der.signed_structure(tbs, signer.signature_algorithm, signer.sign(tbs))
    )
    if not crl.is_signature_valid(signer.public_key()):  # type: ignore[arg-type]
        raise PkiError("the CRL signature did not verify; the CRL was discarded")
    return crl
