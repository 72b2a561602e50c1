"""The to-be-signed part of an X.509 certificate (RFC 5280 4.1), assembled from DER pieces.

Every piece comes from `cryptography` (names, the subject public key, each extension's value);
this module only puts them in order, so the CA key can sign the result through the `Signer`
interface without a signing library's builder in between. The result is parsed back by
`cryptography` and checked against its profile before anything signs it.
"""

from __future__ import annotations

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
    public_key: CertificateIssuerPublicKeyTypes,
    extensions_der: list[bytes],
) -> bytes:
    spki = public_key.public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return der.sequence(
        _VERSION_3,
        encode_integer(serial),
        der.ALGORITHM_IDENTIFIERS[signature_algorithm],
        issuer_name_der,
        der.sequence(encode_time(not_before), encode_time(not_after)),
        subject_name_der,
        spki,
        der.tlv(0xA3, der.sequence(*extensions_der)),
    )
