"""Which certificates the contract service trusts, and how it learns about revocation.

- OEM provisioning chains: the imported `oem-root` anchors and their sub-CAs (an ISO 15118-2
  request carries only the leaf), revocation from imported OEM CRLs.
- Contract chains (Update, Authorize): the product's own MO root plus imported `mo-root` and
  `v2g-root` anchors; revocation from the product's own certificate records (the same source
  its OCSP responder answers from) and imported CRLs.
"""

from __future__ import annotations

from cryptography import x509

from pki.authority import CertificateAuthority
from pki.errors import NotInitialised, UnknownAuthority, UnknownCertificate
from pki.foreign_revocation import ForeignRevocation
from pki.trust import TrustStore
from pki.validation import PathValidator, RevocationState


def own_revocation_checker(ca: CertificateAuthority):  # type: ignore[no-untyped-def]
    """RevocationChecker over the product's own issuance records: authoritative for
    certificates its CAs signed, UNKNOWN for anything else."""

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


def oem_validator(trust: TrustStore, revocation: ForeignRevocation) -> PathValidator:
    return PathValidator(
        trust.certificates("oem-root", "root"),
        trust.certificates("oem-root", "sub-ca"),
        revocation=[revocation.checker()],
    )


def contract_validator(
    ca: CertificateAuthority, trust: TrustStore, revocation: ForeignRevocation
) -> PathValidator:
    own = [
        authority.certificate
        for name, authority in ca.authorities().items()
        if name in ("mo-root", "mo-root-20")
    ]
    anchors = own + trust.certificates("mo-root", "root") + trust.certificates("v2g-root", "root")
    intermediates = [
        authority.certificate
        for name, authority in ca.authorities().items()
        if name.startswith("mo-sub")
    ]
    intermediates += trust.certificates("mo-root", "sub-ca")
    return PathValidator(
        anchors,
        intermediates,
        revocation=[own_revocation_checker(ca), revocation.checker()],
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
