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
from functools import lru_cache

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


@lru_cache(maxsize=64)  # certificates issued in the same second share their times
def encode_time(moment: datetime) -> bytes:
    """UTCTime through 2049, GeneralizedTime from 2050 (RFC 5280 4.1.2.5)."""
    if moment.tzinfo is not UTC:
        moment = moment.astimezone(UTC)
    clock = f"{moment.month:02}{moment.day:02}{moment.hour:02}{moment.minute:02}{moment.second:02}Z"
    if moment.year < 2050:
        return der.tlv(0x17, f"{moment.year % 100:02}{clock}".encode())
    return der.tlv(0x18, f"{moment.year:04}{clock}".encode())


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


# SubjectPublicKeyInfo algorithm identifiers (RFC 5480, RFC 8410, RFC 3279) as the CA writes
# them, by the key algorithm names of certs/profiles.toml.
SPKI_ALGORITHMS = {
    bytes.fromhex("301306072a8648ce3d020106082a8648ce3d030107"): "ec-p256",
    bytes.fromhex("301006072a8648ce3d020106052b81040022"): "ec-p384",
    bytes.fromhex("301006072a8648ce3d020106052b81040023"): "ec-p521",
    bytes.fromhex("300506032b6571"): "ed448",
    bytes.fromhex("300d06092a864886f70d0101010500"): "rsa",
}
_EC_POINT_BYTES = {"ec-p256": 65, "ec-p384": 97, "ec-p521": 133}  # 04 || X || Y


def subject_public_key_info(
    public_key: CertificateIssuerPublicKeyTypes, as_received: bytes | None = None
) -> bytes:
    """The key's SubjectPublicKeyInfo DER. `as_received` (from a CSR that `cryptography` has
    parsed into `public_key`) is used as it is when it already has the one form the CA writes:
    a named curve with an uncompressed point, Ed448, or RSA; otherwise the key is encoded anew.
    That spares an encoder call per issuance without letting odd encodings into certificates."""
    if as_received is not None and _in_the_form_the_ca_writes(as_received):
        return as_received
    return public_key.public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )


def split_subject_public_key_info(spki_der: bytes) -> tuple[bytes, bytes]:
    """(AlgorithmIdentifier DER, subjectPublicKey bits) of one SubjectPublicKeyInfo."""
    _, start, end = der.read_tlv(spki_der)
    algorithm_end = der.read_tlv(spki_der, start)[2]
    tag, key_start, key_end = der.read_tlv(spki_der, algorithm_end)
    if tag != 0x03 or key_end != end or end != len(spki_der):
        raise der.DerError("subjectPublicKeyInfo is SEQUENCE { algorithm, BIT STRING }")
    if key_end <= key_start or spki_der[key_start] != 0:
        raise der.DerError("the subject public key must be whole bytes")
    return spki_der[start:algorithm_end], spki_der[key_start + 1 : key_end]


def _in_the_form_the_ca_writes(spki_der: bytes) -> bool:
    try:
        algorithm_der, key = split_subject_public_key_info(spki_der)
    except der.DerError:
        return False
    algorithm = SPKI_ALGORITHMS.get(algorithm_der)
    if algorithm is None:
        return False
    point_bytes = _EC_POINT_BYTES.get(algorithm)
    return point_bytes is None or (len(key) == point_bytes and key[0] == 0x04)


def key_identifier(spki_der: bytes) -> bytes:
    """RFC 5280 4.2.1.2 method 1: SHA-1 of the subjectPublicKey BIT STRING's bits, as
    `cryptography`'s SubjectKeyIdentifier.from_public_key computes it."""
    return key_identifier_of_bits(split_subject_public_key_info(spki_der)[1])


# A few entries: the builder and the check ask for the same key's identifier within one
# issuance, and a hash call costs more than the lookup.
@lru_cache(maxsize=16)
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
