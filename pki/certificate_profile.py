"""What a profile puts into a certificate, and the check that a certificate is exactly that.

`extensions_for` is the only place extensions come from. `check_certificate` runs on every
to-be-signed certificate before the real signature, and on certificates from outside during
path validation.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache

from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import ed448, ed25519
from cryptography.hazmat.primitives.asymmetric.types import CertificateIssuerPublicKeyTypes
from cryptography.x509.oid import AuthorityInformationAccessOID, ExtendedKeyUsageOID, ExtensionOID

from .errors import ProfileViolation
from .profiles import Profile
from .tbs import encode_extension

BACKDATE = timedelta(minutes=5)  # stations reject certificates that start in their future
_EKU_OIDS = {
    "ocsp_signing": ExtendedKeyUsageOID.OCSP_SIGNING,
    "server_auth": ExtendedKeyUsageOID.SERVER_AUTH,
    "client_auth": ExtendedKeyUsageOID.CLIENT_AUTH,
}


def key_usage_of(names: tuple[str, ...]) -> x509.KeyUsage:
    flags = {
        name: name in names
        for name in (
            "digital_signature",
            "content_commitment",
            "key_encipherment",
            "data_encipherment",
            "key_agreement",
            "key_cert_sign",
            "crl_sign",
        )
    }
    return x509.KeyUsage(**flags, encipher_only=False, decipher_only=False)


# RFC 8410 section 5: an Edwards-curve key signs only, so key agreement or encipherment bits
# are not allowed on it; the profile's other bits stay.
_SIGNATURE_ONLY_KEYS = (ed448.Ed448PublicKey, ed25519.Ed25519PublicKey)
_AGREEMENT_USAGES = ("key_agreement", "key_encipherment", "data_encipherment")


def key_usage_for(profile: Profile, public_key: object) -> x509.KeyUsage:
    return _key_usage(profile.key_usage, isinstance(public_key, _SIGNATURE_ONLY_KEYS))


@lru_cache(maxsize=128)
def _key_usage(names: tuple[str, ...], signature_only: bool) -> x509.KeyUsage:
    if signature_only:
        names = tuple(n for n in names if n not in _AGREEMENT_USAGES)
    return key_usage_of(names)


def extensions_der(
    profile: Profile,
    *,
    public_key: CertificateIssuerPublicKeyTypes,
    issuer_ski: bytes | None,
    ocsp_url: str,
    common_name: str,
) -> list[bytes]:
    """The DER of every extension the profile puts into a certificate for this key. The
    parts that only depend on profile and issuer are built once and reused."""
    signature_only = isinstance(public_key, _SIGNATURE_ONLY_KEYS)
    before_ski, after_ski = _fixed_extensions_der(
        profile.name, signature_only, issuer_ski, ocsp_url
    )
    ski = x509.SubjectKeyIdentifier.from_public_key(public_key)
    result = [*before_ski, encode_extension(ski, critical=False), *after_ski]
    if profile.subject_alt_name_from_cn:
        san = x509.SubjectAlternativeName([_general_name(common_name)])
        result.append(encode_extension(san, critical=False))
    return result


@lru_cache(maxsize=256)
def _fixed_extensions_der(
    profile_name: str, signature_only: bool, issuer_ski: bytes | None, ocsp_url: str
) -> tuple[tuple[bytes, ...], tuple[bytes, ...]]:
    from .profiles import get_profile

    profile = get_profile(profile_name)
    before = (
        encode_extension(
            x509.BasicConstraints(
                ca=profile.ca, path_length=profile.path_len if profile.ca else None
            ),
            critical=True,
        ),
        encode_extension(_key_usage(profile.key_usage, signature_only), critical=True),
    )
    after = []
    if issuer_ski is not None:
        after.append(
            encode_extension(x509.AuthorityKeyIdentifier(issuer_ski, None, None), critical=False)
        )
    if profile.aia_ocsp:
        access = x509.AccessDescription(
            AuthorityInformationAccessOID.OCSP, x509.UniformResourceIdentifier(ocsp_url)
        )
        after.append(encode_extension(x509.AuthorityInformationAccess([access]), critical=False))
    if profile.extended_key_usage:
        usages = [_EKU_OIDS[n] for n in profile.extended_key_usage]
        after.append(encode_extension(x509.ExtendedKeyUsage(usages), critical=False))
    if profile.ocsp_nocheck:
        after.append(encode_extension(x509.OCSPNoCheck(), critical=False))
    return before, tuple(after)


def _general_name(name: str) -> x509.GeneralName:
    try:
        return x509.IPAddress(ipaddress.ip_address(name))
    except ValueError:
        return x509.DNSName(name)


def expected_extension_oids(profile: Profile, *, is_root: bool) -> frozenset[x509.ObjectIdentifier]:
    return _expected_extension_oids(profile.name, is_root)


@lru_cache(maxsize=128)
def _expected_extension_oids(profile_name: str, is_root: bool) -> frozenset[x509.ObjectIdentifier]:
    from .profiles import get_profile

    profile = get_profile(profile_name)
    oids = {
        ExtensionOID.BASIC_CONSTRAINTS,
        ExtensionOID.KEY_USAGE,
        ExtensionOID.SUBJECT_KEY_IDENTIFIER,
    }
    if not is_root:
        oids.add(ExtensionOID.AUTHORITY_KEY_IDENTIFIER)
    if profile.aia_ocsp:
        oids.add(ExtensionOID.AUTHORITY_INFORMATION_ACCESS)
    if profile.extended_key_usage:
        oids.add(ExtensionOID.EXTENDED_KEY_USAGE)
    if profile.ocsp_nocheck:
        oids.add(ExtensionOID.OCSP_NO_CHECK)
    if profile.subject_alt_name_from_cn:
        oids.add(ExtensionOID.SUBJECT_ALTERNATIVE_NAME)
    return frozenset(oids)


@dataclass(frozen=True)
class IssuerFacts:
    """What checks and issuance need of an issuer, read from its certificate once."""

    certificate: x509.Certificate
    subject: x509.Name
    subject_der: bytes
    ski: bytes | None
    not_after: datetime

    @classmethod
    def of(cls, certificate: x509.Certificate) -> IssuerFacts:
        try:
            ski: bytes | None = certificate.extensions.get_extension_for_class(
                x509.SubjectKeyIdentifier
            ).value.digest
        except x509.ExtensionNotFound:
            ski = None
        subject = certificate.subject
        return cls(
            certificate, subject, subject.public_bytes(), ski, certificate.not_valid_after_utc
        )


def check_certificate(
    cert: x509.Certificate,
    profile: Profile,
    *,
    issuer: IssuerFacts | x509.Certificate | None,
) -> None:
    """Raise ProfileViolation unless `cert` is exactly what `profile` makes under `issuer`
    (None: a self-signed root)."""
    if isinstance(issuer, x509.Certificate):
        issuer = IssuerFacts.of(issuer)
    problems: list[str] = []
    exts = {e.oid: e for e in cert.extensions}
    expected = expected_extension_oids(profile, is_root=issuer is None)
    if exts.keys() != expected:
        extra = sorted(o.dotted_string for o in set(exts) - expected)
        missing = sorted(o.dotted_string for o in expected - set(exts))
        problems.append(f"extensions differ (unexpected {extra}, missing {missing})")
    bc = exts.get(ExtensionOID.BASIC_CONSTRAINTS)
    if bc is not None:
        value = bc.value
        assert isinstance(value, x509.BasicConstraints)
        if not bc.critical or value.ca != profile.ca:
            problems.append("basicConstraints must be critical and match the profile's CA flag")
        if profile.ca and value.path_length != profile.path_len:
            problems.append(f"pathLen {value.path_length} != {profile.path_len}")
    public_key = cert.public_key()
    ku = exts.get(ExtensionOID.KEY_USAGE)
    if ku is not None and (not ku.critical or ku.value != key_usage_for(profile, public_key)):
        problems.append("keyUsage must be critical and exactly the profile's")
    if profile.accepts_key(public_key) is None:
        problems.append("the subject key's algorithm is not one the profile allows")
    serial = cert.serial_number
    if serial <= 0 or serial.bit_length() > 159:
        problems.append("serial must be positive and at most 20 bytes")
    not_after = cert.not_valid_after_utc
    lifetime = not_after - cert.not_valid_before_utc
    if lifetime > timedelta(days=profile.max_days) + BACKDATE:
        problems.append(f"validity {lifetime.days} days exceeds the profile's {profile.max_days}")
    if issuer is not None:
        if not_after > issuer.not_after:
            problems.append("validity ends after the issuer's")
        aki = exts.get(ExtensionOID.AUTHORITY_KEY_IDENTIFIER)
        if aki is not None and issuer.ski is not None:
            aki_value = aki.value
            assert isinstance(aki_value, x509.AuthorityKeyIdentifier)
            if aki_value.key_identifier != issuer.ski:
                problems.append("authorityKeyIdentifier does not match the issuer's key")
        if cert.issuer != issuer.subject:
            problems.append("issuer name does not match the issuer's subject")
    subject = cert.subject
    cn = subject.get_attributes_for_oid(x509.NameOID.COMMON_NAME)
    if len(cn) != 1:
        problems.append("the subject needs exactly one CN")
    elif profile.cn_pattern and not profile.cn_pattern.match(str(cn[0].value)):
        problems.append(f"CN {cn[0].value!r} does not match the profile's pattern")
    if profile.domain_component:
        dcs = [a.value for a in subject.get_attributes_for_oid(x509.NameOID.DOMAIN_COMPONENT)]
        if dcs != [profile.domain_component]:
            problems.append(f"the subject needs DC={profile.domain_component}")
    if problems:
        raise ProfileViolation(
            f"certificate does not match profile {profile.name}: " + "; ".join(problems)
        )


def clamp_validity(
    now: datetime, days: int, issuer_not_after: datetime | None
) -> tuple[datetime, datetime]:
    not_before = (now - BACKDATE).replace(microsecond=0)
    not_after = (now + timedelta(days=days)).replace(microsecond=0)
    if issuer_not_after is not None and not_after > issuer_not_after:
        not_after = issuer_not_after
    return not_before, not_after
