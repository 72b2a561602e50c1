"""What a profile puts into a certificate, and the check that a certificate is exactly that.

`extensions_der` is the only place extensions come from. `check_certificate` runs on every
to-be-signed certificate before the real signature; it reads the fields from the TBS bytes
themselves (pki.tbs_reader), so it checks exactly what will be signed.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache

from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import ed448, ed25519
from cryptography.hazmat.primitives.asymmetric.types import CertificateIssuerPublicKeyTypes
from cryptography.x509.oid import (
    AuthorityInformationAccessOID,
    ExtendedKeyUsageOID,
    ExtensionOID,
    NameOID,
)

from . import der
from .der import DerError, children, read_tlv
from .errors import ProfileViolation
from .profiles import KEY_USAGES, Profile, get_profile
from .tbs import (
    SPKI_ALGORITHMS,
    encode_extension,
    encode_oid,
    key_identifier,
    key_identifier_of_bits,
)
from .tbs_reader import TbsFields

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


@lru_cache(maxsize=128)
def _key_usage(names: tuple[str, ...], signature_only: bool) -> x509.KeyUsage:
    if signature_only:
        names = tuple(n for n in names if n not in _AGREEMENT_USAGES)
    return key_usage_of(names)


_SUBJECT_KEY_IDENTIFIER_OID = encode_oid(ExtensionOID.SUBJECT_KEY_IDENTIFIER.dotted_string)


def extensions_der(
    profile: Profile,
    *,
    public_key: CertificateIssuerPublicKeyTypes,
    spki_der: bytes,
    issuer_ski: bytes | None,
    ocsp_url: str,
    common_name: str,
) -> list[bytes]:
    """The DER of every extension the profile puts into a certificate for this key
    (`spki_der` is the key's SubjectPublicKeyInfo). The parts that only depend on profile and
    issuer are built once and reused."""
    signature_only = isinstance(public_key, _SIGNATURE_ONLY_KEYS)
    before_ski, after_ski = _fixed_extensions_der(
        profile.name, signature_only, issuer_ski, ocsp_url
    )
    ski = der.sequence(
        _SUBJECT_KEY_IDENTIFIER_OID,
        der.tlv(0x04, der.tlv(0x04, key_identifier(spki_der))),
    )
    result = [*before_ski, ski, *after_ski]
    if profile.subject_alt_name_from_cn:
        san = x509.SubjectAlternativeName([_general_name(common_name)])
        result.append(encode_extension(san, critical=False))
    return result


@lru_cache(maxsize=256)
def _fixed_extensions_der(
    profile_name: str, signature_only: bool, issuer_ski: bytes | None, ocsp_url: str
) -> tuple[tuple[bytes, ...], tuple[bytes, ...]]:
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


def expected_extension_oids(profile: Profile, *, is_root: bool) -> frozenset[str]:
    """The dotted OIDs of exactly the extensions `profile` puts into a certificate."""
    return _expected_extension_oids(profile.name, is_root)


@lru_cache(maxsize=128)
def _expected_extension_oids(profile_name: str, is_root: bool) -> frozenset[str]:
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
    return frozenset(oid.dotted_string for oid in oids)


@dataclass(frozen=True)
class IssuerFacts:
    """What checks and issuance need of an issuer, read from its certificate once."""

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
        return cls(certificate.subject.public_bytes(), ski, certificate.not_valid_after_utc)


_BASIC_CONSTRAINTS = ExtensionOID.BASIC_CONSTRAINTS.dotted_string
_KEY_USAGE = ExtensionOID.KEY_USAGE.dotted_string
_SUBJECT_KEY_IDENTIFIER = ExtensionOID.SUBJECT_KEY_IDENTIFIER.dotted_string
_AUTHORITY_KEY_IDENTIFIER = ExtensionOID.AUTHORITY_KEY_IDENTIFIER.dotted_string
_COMMON_NAME = NameOID.COMMON_NAME.dotted_string
_DOMAIN_COMPONENT = NameOID.DOMAIN_COMPONENT.dotted_string
# keyUsage bits in RFC 5280 4.2.1.3 order: bit 0 is the first byte's highest bit.
_KEY_USAGE_BITS = (*KEY_USAGES, "encipher_only", "decipher_only")
_UB_COMMON_NAME = 64  # RFC 5280 Appendix A


def check_certificate(tbs: TbsFields, profile: Profile, *, issuer: IssuerFacts | None) -> None:
    """Raise ProfileViolation unless the certificate whose TBS part is `tbs` is exactly what
    `profile` makes under `issuer` (None: a self-signed root)."""
    problems: list[str] = []
    if tbs.version != 2:
        problems.append(f"version must be v3, not v{tbs.version + 1}")
    if tbs.serial <= 0 or tbs.serial.bit_length() > 159:
        problems.append("serial must be positive and at most 20 bytes")
    exts = tbs.extensions
    expected = expected_extension_oids(profile, is_root=issuer is None)
    if exts.keys() != expected:
        extra = sorted(set(exts) - expected)
        missing = sorted(expected - set(exts))
        problems.append(f"extensions differ (unexpected {extra}, missing {missing})")
    key_algorithm = _key_algorithm(tbs)
    if key_algorithm is None or profile.accepts_algorithm(*key_algorithm) is None:
        problems.append("the subject key's algorithm is not one the profile allows")
    try:
        _check_extension_values(tbs, profile, key_algorithm, issuer, problems)
    except DerError as exc:
        problems.append(f"an extension is not valid DER ({exc})")
    lifetime = tbs.not_after - tbs.not_before
    if lifetime <= timedelta(0):
        problems.append("validity ends before it starts")
    if lifetime > timedelta(days=profile.max_days) + BACKDATE:
        problems.append(f"validity {lifetime.days} days exceeds the profile's {profile.max_days}")
    if issuer is not None:
        if tbs.not_after > issuer.not_after:
            problems.append("validity ends after the issuer's")
        if tbs.issuer_der != issuer.subject_der:
            problems.append("issuer name does not match the issuer's subject")
    elif tbs.issuer_der != tbs.subject_der:
        problems.append("a root names itself as issuer")
    cn = tbs.subject_values(_COMMON_NAME)
    if len(cn) != 1 or cn[0] is None:
        problems.append("the subject needs exactly one CN, a character string")
    elif len(cn[0]) > _UB_COMMON_NAME:
        problems.append(f"the CN is longer than {_UB_COMMON_NAME} characters")
    elif profile.cn_pattern and not profile.cn_pattern.fullmatch(cn[0]):
        problems.append(f"CN {cn[0]!r} does not match the profile's pattern")
    if profile.domain_component and tbs.subject_values(_DOMAIN_COMPONENT) != [
        profile.domain_component
    ]:
        problems.append(f"the subject needs DC={profile.domain_component}")
    if problems:
        raise ProfileViolation(
            f"certificate does not match profile {profile.name}: " + "; ".join(problems)
        )


def _key_algorithm(tbs: TbsFields) -> tuple[str, int | None] | None:
    """The subject key's algorithm as profiles name it, with an RSA key's size; None for
    algorithms no profile knows."""
    algorithm = SPKI_ALGORITHMS.get(tbs.spki_algorithm_der)
    if algorithm != "rsa":
        return None if algorithm is None else (algorithm, None)
    try:  # RSAPublicKey ::= SEQUENCE { modulus INTEGER, publicExponent INTEGER }
        _, start, end = read_tlv(tbs.public_key_bits)
        modulus = children(tbs.public_key_bits, start, end)[0]
    except (DerError, IndexError):
        return None
    bits = int.from_bytes(tbs.public_key_bits[modulus[2] : modulus[3]], "big").bit_length()
    return algorithm, bits


def _check_extension_values(
    tbs: TbsFields,
    profile: Profile,
    key_algorithm: tuple[str, int | None] | None,
    issuer: IssuerFacts | None,
    problems: list[str],
) -> None:
    exts = tbs.extensions
    bc = exts.get(_BASIC_CONSTRAINTS)
    if bc is not None:
        ca, path_len = _read_basic_constraints(bc.value)
        if not bc.critical or ca != profile.ca:
            problems.append("basicConstraints must be critical and match the profile's CA flag")
        if profile.ca and path_len != profile.path_len:
            problems.append(f"pathLen {path_len} != {profile.path_len}")
        if not profile.ca and path_len is not None:
            problems.append("a leaf carries no pathLen")
    ku = exts.get(_KEY_USAGE)
    if ku is not None:
        signature_only = key_algorithm is not None and key_algorithm[0] == "ed448"
        expected = _key_usage_names(profile.key_usage, signature_only)
        if not ku.critical or _read_key_usage(ku.value) != expected:
            problems.append("keyUsage must be critical and exactly the profile's")
    ski = exts.get(_SUBJECT_KEY_IDENTIFIER)
    if ski is not None:
        key_id = _read_octet_string(ski.value)
        if ski.critical or key_id != key_identifier_of_bits(tbs.public_key_bits):
            problems.append("subjectKeyIdentifier must be the SHA-1 of the subject key")
    aki = exts.get(_AUTHORITY_KEY_IDENTIFIER)
    if aki is not None and issuer is not None and issuer.ski is not None:
        if aki.critical or _read_authority_key_id(aki.value) != issuer.ski:
            problems.append("authorityKeyIdentifier does not match the issuer's key")


@lru_cache(maxsize=128)
def _key_usage_names(names: tuple[str, ...], signature_only: bool) -> frozenset[str]:
    if signature_only:
        names = tuple(n for n in names if n not in _AGREEMENT_USAGES)
    return frozenset(names)


# The decoders below are pure functions of an extension's bytes, and the bytes of these
# extensions repeat for every certificate a CA issues under one profile: they are cached.
@lru_cache(maxsize=64)
def _read_key_usage(value: bytes) -> frozenset[str]:
    tag, start, end = read_tlv(value)
    if tag != 0x03 or end != len(value) or end - start < 2 or value[start] > 7:
        raise DerError("keyUsage is a non-empty BIT STRING")
    bits = int.from_bytes(value[start + 1 : end], "big") >> value[start]
    width = (end - start - 1) * 8 - value[start]
    return frozenset(
        name
        for index, name in enumerate(_KEY_USAGE_BITS)
        if index < width and bits >> (width - 1 - index) & 1
    )


@lru_cache(maxsize=64)
def _read_basic_constraints(value: bytes) -> tuple[bool, int | None]:
    tag, start, end = read_tlv(value)
    if tag != 0x30 or end != len(value):
        raise DerError("basicConstraints is a SEQUENCE")
    ca, path_len = False, None
    for tag, _, part_start, part_end in children(value, start, end):
        if tag == 0x01 and path_len is None and not ca:
            if value[part_start:part_end] != b"\xff":  # DER leaves a FALSE default out
                raise DerError("cA is DER TRUE or absent")
            ca = True
        elif tag == 0x02 and path_len is None:
            path_len = int.from_bytes(value[part_start:part_end], "big", signed=True)
        else:
            raise DerError("basicConstraints holds only cA and pathLenConstraint")
    return ca, path_len


def _read_octet_string(value: bytes) -> bytes:
    tag, start, end = read_tlv(value)
    if tag != 0x04 or end != len(value):
        raise DerError("expected one OCTET STRING")
    return value[start:end]


@lru_cache(maxsize=64)
def _read_authority_key_id(value: bytes) -> bytes | None:
    tag, start, end = read_tlv(value)
    if tag != 0x30 or end != len(value):
        raise DerError("authorityKeyIdentifier is a SEQUENCE")
    for tag, _, part_start, part_end in children(value, start, end):
        if tag == 0x80:  # [0] IMPLICIT KeyIdentifier
            return value[part_start:part_end]
    return None


def clamp_validity(
    now: datetime, days: int, issuer_not_after: datetime | None
) -> tuple[datetime, datetime]:
    """notBefore back-dated by BACKDATE, notAfter `days` later but not past the issuer's; whole
    seconds. Certificates issued in the same second share the result, so it is cached."""
    return _clamp_validity(now.replace(microsecond=0), days, issuer_not_after)


@lru_cache(maxsize=64)
def _clamp_validity(
    now: datetime, days: int, issuer_not_after: datetime | None
) -> tuple[datetime, datetime]:
    not_before = now - BACKDATE
    not_after = now + timedelta(days=days)
    if issuer_not_after is not None and not_after > issuer_not_after:
        not_after = issuer_not_after
    return not_before, not_after
