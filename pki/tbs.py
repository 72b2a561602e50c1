"""The to-be-signed part of an X.509 certificate (RFC 5280 4.1), assembled from DER pieces.

The subject public key and each extension's value come from `cryptography`; names, integers,
times and the frame are encoded here, so the CA key can sign the result through the `Signer`
interface without a signing library's builder in between. The result is parsed back by
`cryptography` and checked against its profile before anything signs it. Tests hold these
encoders to `cryptography`'s own output byte for byte.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.types import CertificateIssuerPublicKeyTypes

from . import der

_VERSION_3 = der.explicit(0, bytes.fromhex("020102"))
_TRUE = bytes.fromhex("0101ff")


def encode_oid(dotted: str) -> bytes:
    parts = [int(p) for p in dotted.split(".")]
    body = bytearray([40 * parts[0] + parts[1]])
    for value in parts[2:]:
        chunk = [value & 0x7F]
        value >>= 7
        while value:
            chunk.append(0x80 | (value & 0x7F))
            value >>= 7
        body.extend(reversed(chunk))
    return der.tlv(0x06, bytes(body))


def encode_integer(value: int) -> bytes:
    length = value.bit_length() // 8 + 1  # one spare bit keeps a positive value positive
    return der.tlv(0x02, value.to_bytes(length, "big", signed=True))


def encode_time(moment: datetime) -> bytes:
    """UTCTime through 2049, GeneralizedTime from 2050 (RFC 5280 4.1.2.5)."""
    moment = moment.astimezone(UTC)
    if moment.year < 2050:
        return der.tlv(0x17, moment.strftime("%y%m%d%H%M%SZ").encode())
    return der.tlv(0x18, moment.strftime("%Y%m%d%H%M%SZ").encode())


# Name attributes the CA writes, with the string type `cryptography` (and RFC 5280) uses for
# each: DirectoryString as UTF8String, countryName as PrintableString, domainComponent as
# IA5String (RFC 4519).
_NAME_ATTRIBUTES: dict[str, tuple[bytes, int]] = {
    "CN": (encode_oid("2.5.4.3"), 0x0C),
    "O": (encode_oid("2.5.4.10"), 0x0C),
    "C": (encode_oid("2.5.4.6"), 0x13),
    "DC": (encode_oid("0.9.2342.19200300.100.1.25"), 0x16),
}


def encode_name(attributes: list[tuple[str, str]]) -> bytes:
    """A Name with one attribute per RDN, in the order given ("CN", "O", "C" or "DC")."""
    rdns = []
    for kind, value in attributes:
        oid, string_tag = _NAME_ATTRIBUTES[kind]
        encoded = value.encode("utf-8" if string_tag == 0x0C else "ascii")
        rdns.append(der.tlv(0x31, der.sequence(oid, der.tlv(string_tag, encoded))))
    return der.sequence(*rdns)


def subject_public_key_info(public_key: CertificateIssuerPublicKeyTypes) -> bytes:
    return public_key.public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )


def key_identifier(spki_der: bytes) -> bytes:
    """RFC 5280 4.2.1.2 method 1: SHA-1 of the subjectPublicKey BIT STRING's bits, as
    `cryptography`'s SubjectKeyIdentifier.from_public_key computes it."""
    _, start, end = der.read_tlv(spki_der)
    algorithm_end = der.read_tlv(spki_der, start)[2]
    tag, key_start, key_end = der.read_tlv(spki_der, algorithm_end)
    if tag != 0x03 or key_end != end:
        raise der.DerError("subjectPublicKeyInfo ends in the key's BIT STRING")
    return key_identifier_of_bits(spki_der[key_start + 1 : key_end])


def key_identifier_of_bits(public_key_bits: bytes) -> bytes:
    return hashlib.sha1(public_key_bits).digest()  # noqa: S324 - an identifier, RFC 5280


def encode_extension(value: x509.ExtensionType, critical: bool) -> bytes:
    parts = [encode_oid(value.oid.dotted_string)]
    if critical:
        parts.append(_TRUE)
    parts.append(der.tlv(0x04, value.public_bytes()))
    return der.sequence(*parts)


def encode_tbs_certificate(
    *,
    serial: int,
    signature_algorithm: str,
    issuer_name_der: bytes,
    not_before: datetime,
    not_after: datetime,
    subject_name_der: bytes,
    spki_der: bytes,
    extensions_der: list[bytes],
) -> bytes:
    return der.sequence(
        _VERSION_3,
        encode_integer(serial),
        der.ALGORITHM_IDENTIFIERS[signature_algorithm],
        issuer_name_der,
        der.sequence(encode_time(not_before), encode_time(not_after)),
        subject_name_der,
        spki_der,
        der.tlv(0xA3, der.sequence(*extensions_der)),
    )
