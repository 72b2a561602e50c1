"""What a profile puts into a certificate, and the check that a certificate is exactly that.

`extensions_for` is the only place extensions come from. `check_certificate` runs on every
to-be-signed certificate before the real signature, and on certificates from outside during
path validation.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from datetime import datetime, timedelta

from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import ed448, ed25519
from cryptography.hazmat.primitives.asymmetric.types import CertificateIssuerPublicKeyTypes
from cryptography.x509.oid import AuthorityInformationAccessOID, ExtendedKeyUsageOID, ExtensionOID

from .errors import ProfileViolation
from .profiles import Profile

BACKDATE = timedelta(minutes=5)  # stations reject certificates that start in their future
_EKU_OIDS = {
    "ocsp_signing": ExtendedKeyUsageOID.OCSP_SIGNING,
    "server_auth": ExtendedKeyUsageOID.SERVER_AUTH,
    "client_auth": ExtendedKeyUsageOID.CLIENT_AUTH,
}


@dataclass(frozen=True)
class Extension:
    value: x509.ExtensionType
    critical: bool


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
    names = profile.key_usage
    if isinstance(public_key, _SIGNATURE_ONLY_KEYS):
        names = tuple(n for n in names if n not in _AGREEMENT_USAGES)
    return key_usage_of(names)


def extensions_for(
    profile: Profile,
    *,
    public_key: CertificateIssuerPublicKeyTypes,
    issuer_ski: bytes | None,
    ocsp_url: str,
    common_name: str,
) -> list[Extension]:
    exts = [
        Extension(
            x509.BasicConstraints(
                ca=profile.ca, path_length=profile.path_len if profile.ca else None
            ),
            critical=True,
        ),
        Extension(key_usage_for(profile, public_key), critical=True),
        Extension(x509.SubjectKeyIdentifier.from_public_key(public_key), critical=False),
    ]
    if issuer_ski is not None:
        exts.append(Extension(x509.AuthorityKeyIdentifier(issuer_ski, None, None), critical=False))
    if profile.aia_ocsp:
        exts.append(
            Extension(
                x509.AuthorityInformationAccess(
                    [
                        x509.AccessDescription(
                            AuthorityInformationAccessOID.OCSP,
                            x509.UniformResourceIdentifier(ocsp_url),
                        )
                    ]
                ),
                critical=False,
            )
        )
    if profile.extended_key_usage:
        exts.append(
            Extension(
                x509.ExtendedKeyUsage([_EKU_OIDS[n] for n in profile.extended_key_usage]),
                critical=False,
            )
        )
    if profile.ocsp_nocheck:
        exts.append(Extension(x509.OCSPNoCheck(), critical=False))
    if profile.subject_alt_name_from_cn:
        exts.append(Extension(x509.SubjectAlternativeName([_general_name(common_name)]), False))
    return exts


def _general_name(name: str) -> x509.GeneralName:
    try:
        return x509.IPAddress(ipaddress.ip_address(name))
    except ValueError:
        return x509.DNSName(name)


def expected_extension_oids(profile: Profile, *, is_root: bool) -> set[x509.ObjectIdentifier]:
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
    return oids


def check_certificate(
    cert: x509.Certificate,
    profile: Profile,
    *,
    issuer: x509.Certificate | None,
) -> None:
    """Raise ProfileViolation unless `cert` is exactly what `profile` makes under `issuer`
    (None: a self-signed root)."""
    problems: list[str] = []
    exts = {e.oid: e for e in cert.extensions}
    expected = expected_extension_oids(profile, is_root=issuer is None)
    if set(exts) != expected:
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
    ku = exts.get(ExtensionOID.KEY_USAGE)
    expected_ku = key_usage_for(profile, cert.public_key())
    if ku is not None and (not ku.critical or ku.value != expected_ku):
        problems.append("keyUsage must be critical and exactly the profile's")
    if profile.accepts_key(cert.public_key()) is None:
        problems.append("the subject key's algorithm is not one the profile allows")
    serial = cert.serial_number
    if serial <= 0 or serial.bit_length() > 159:
        problems.append("serial must be positive and at most 20 bytes")
    lifetime = cert.not_valid_after_utc - cert.not_valid_before_utc
    if lifetime > timedelta(days=profile.max_days) + BACKDATE:
        problems.append(f"validity {lifetime.days} days exceeds the profile's {profile.max_days}")
    if issuer is not None:
        if cert.not_valid_after_utc > issuer.not_valid_after_utc:
            problems.append("validity ends after the issuer's")
        aki = exts.get(ExtensionOID.AUTHORITY_KEY_IDENTIFIER)
        try:
            issuer_ski = issuer.extensions.get_extension_for_class(x509.SubjectKeyIdentifier)
        except x509.ExtensionNotFound:
            issuer_ski = None
        if aki is not None and issuer_ski is not None:
            aki_value = aki.value
            assert isinstance(aki_value, x509.AuthorityKeyIdentifier)
            if aki_value.key_identifier != issuer_ski.value.digest:
                problems.append("authorityKeyIdentifier does not match the issuer's key")
        if cert.issuer != issuer.subject:
            problems.append("issuer name does not match the issuer's subject")
    cn = cert.subject.get_attributes_for_oid(x509.NameOID.COMMON_NAME)
    if len(cn) != 1:
        problems.append("the subject needs exactly one CN")
    elif profile.cn_pattern and not profile.cn_pattern.match(str(cn[0].value)):
        problems.append(f"CN {cn[0].value!r} does not match the profile's pattern")
    if profile.domain_component:
        dcs = [a.value for a in cert.subject.get_attributes_for_oid(x509.NameOID.DOMAIN_COMPONENT)]
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
