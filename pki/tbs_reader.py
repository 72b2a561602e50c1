"""The fields of a TBSCertificate (RFC 5280 4.1) and of a CSR's CertificationRequestInfo
(RFC 2986), read straight from their DER.

The profile check runs on every certificate before the CA key signs it, and every CSR's subject
is checked before that. Reading the few fields they need from the bytes costs a fraction of
building `cryptography`'s Python objects for names, extensions and keys, and it reads exactly
the bytes that will be signed. Input is DER that `cryptography` has already parsed, so this
reader is strict about shape but is not the first line of defence against hostile encodings.
"""

from __future__ import annotations

from datetime import UTC, datetime
from functools import lru_cache
from typing import NamedTuple

from .der import DerError, read_tlv

_INTEGER, _BIT_STRING, _OCTET_STRING, _OID, _SEQUENCE, _SET = 0x02, 0x03, 0x04, 0x06, 0x30, 0x31
_BOOLEAN, _UTC_TIME, _GENERALIZED_TIME = 0x01, 0x17, 0x18
_VERSION, _EXTENSIONS = 0xA0, 0xA3
_STRING_CODECS = {
    0x0C: "utf-8",  # UTF8String
    0x12: "ascii",  # NumericString
    0x13: "ascii",  # PrintableString
    0x16: "ascii",  # IA5String
    0x1A: "ascii",  # VisibleString
    0x14: "latin-1",  # TeletexString, as RFC 5280 advises reading it
    0x1E: "utf-16-be",  # BMPString
    0x1C: "utf-32-be",  # UniversalString
}


# Named tuples rather than frozen dataclasses: just as immutable, and several times cheaper to
# make, which counts on the issuance path.
class Extension(NamedTuple):
    critical: bool
    value: bytes  # the contents of extnValue: the extension's own DER


class TbsFields(NamedTuple):
    version: int  # 0 for v1 ... 2 for v3
    serial: int
    signature_algorithm_der: bytes
    issuer_der: bytes
    not_before: datetime
    not_after: datetime
    subject_der: bytes
    # (dotted OID, value) in the order they appear; None for a value that is no character string
    subject: tuple[tuple[str, str | None], ...]
    spki_der: bytes
    spki_algorithm_der: bytes
    public_key_bits: bytes  # the subjectPublicKey BIT STRING's bits, as SKI method 1 hashes
    extensions: dict[str, Extension]  # by dotted OID

    def subject_values(self, oid: str) -> list[str | None]:
        return [value for attribute, value in self.subject if attribute == oid]


def read_tbs_certificate(tbs: bytes) -> TbsFields:
    """Raise DerError unless `tbs` is one TBSCertificate with nothing after it.

    One linear walk, one read_tlv per element and no lists of children: the CA runs this on
    every certificate it is about to sign."""
    try:
        return _read_tbs(tbs)
    except IndexError:
        raise DerError("the TBSCertificate is truncated") from None


def _read_tbs(tbs: bytes) -> TbsFields:
    tag, position, end = read_tlv(tbs)
    if tag != _SEQUENCE or end != len(tbs):
        raise DerError("a TBSCertificate is one SEQUENCE")
    tag, start, stop = read_tlv(tbs, position)
    version = 0
    if tag == _VERSION:  # [0] EXPLICIT Version DEFAULT v1
        tag, value_start, value_end = read_tlv(tbs, start)
        if tag != _INTEGER or value_end != stop:
            raise DerError("the version is [0] { INTEGER }")
        version = int.from_bytes(tbs[value_start:value_end], "big", signed=True)
        tag, start, stop = read_tlv(tbs, stop)
    if tag != _INTEGER:
        raise DerError("the serial number is an INTEGER")
    serial = int.from_bytes(tbs[start:stop], "big", signed=True)
    algorithm_at = stop
    tag, _, issuer_at = read_tlv(tbs, algorithm_at)
    issuer_tag, _, validity_at = read_tlv(tbs, issuer_at)
    validity_tag, times_at, subject_at = read_tlv(tbs, validity_at)
    subject_tag, subject_start, spki_at = read_tlv(tbs, subject_at)
    spki_tag, spki_start, extensions_at = read_tlv(tbs, spki_at)
    if (tag, issuer_tag, validity_tag, subject_tag, spki_tag) != (_SEQUENCE,) * 5:
        raise DerError("the TBSCertificate's fields are not in RFC 5280's shape")
    not_before_tag, not_before_start, not_before_end = read_tlv(tbs, times_at)
    not_after_tag, not_after_start, not_after_end = read_tlv(tbs, not_before_end)
    if not_after_end != subject_at:
        raise DerError("validity holds two times")
    key_algorithm_tag, _, key_at = read_tlv(tbs, spki_start)
    key_tag, key_start, key_end = read_tlv(tbs, key_at)
    if key_algorithm_tag != _SEQUENCE or key_tag != _BIT_STRING or key_end != extensions_at:
        raise DerError("subjectPublicKeyInfo is SEQUENCE { algorithm, BIT STRING }")
    if key_end <= key_start or tbs[key_start] != 0:
        raise DerError("the subject public key must be whole bytes")
    extensions: dict[str, Extension] = {}
    if extensions_at < end:  # issuer/subject unique IDs are not part of any profile here
        tag, start, stop = read_tlv(tbs, extensions_at)
        if tag != _EXTENSIONS or stop != end:
            raise DerError("only [3] extensions may follow the subject public key")
        extensions = _read_extensions(tbs, start, stop)
    return TbsFields(
        version=version,
        serial=serial,
        signature_algorithm_der=tbs[algorithm_at:issuer_at],
        issuer_der=tbs[issuer_at:validity_at],
        not_before=_read_time(not_before_tag, tbs[not_before_start:not_before_end]),
        not_after=_read_time(not_after_tag, tbs[not_after_start:not_after_end]),
        subject_der=tbs[subject_at:spki_at],
        subject=_read_name(tbs, subject_start, spki_at),
        spki_der=tbs[spki_at:extensions_at],
        spki_algorithm_der=tbs[spki_start:key_at],
        public_key_bits=tbs[key_start + 1 : key_end],
        extensions=extensions,
    )


def read_request_info(info: bytes) -> tuple[tuple[tuple[str, str | None], ...], bytes]:
    """The subject attributes (as TbsFields.subject holds them) and the SubjectPublicKeyInfo
    DER of a CertificationRequestInfo."""
    try:
        tag, position, end = read_tlv(info)
        if tag != _SEQUENCE or end != len(info):
            raise DerError("a CertificationRequestInfo is one SEQUENCE")
        version_tag, _, subject_at = read_tlv(info, position)
        subject_tag, subject_start, spki_at = read_tlv(info, subject_at)
        spki_tag, _, spki_end = read_tlv(info, spki_at)
    except IndexError:
        raise DerError("the CertificationRequestInfo is truncated") from None
    if (version_tag, subject_tag, spki_tag) != (_INTEGER, _SEQUENCE, _SEQUENCE):
        raise DerError("a CertificationRequestInfo starts with version, subject and key")
    return _read_name(info, subject_start, spki_at), info[spki_at:spki_end]


def _read_extensions(tbs: bytes, start: int, end: int) -> dict[str, Extension]:
    tag, position, list_end = read_tlv(tbs, start)
    if tag != _SEQUENCE or list_end != end:
        raise DerError("the extensions are one SEQUENCE")
    result: dict[str, Extension] = {}
    while position < end:
        # Extension ::= SEQUENCE { extnID OID, critical BOOLEAN DEFAULT FALSE, extnValue }
        tag, oid_at, extension_end = read_tlv(tbs, position)
        oid_tag, oid_start, oid_end = read_tlv(tbs, oid_at)
        next_tag, next_start, next_end = read_tlv(tbs, oid_end)
        critical = next_tag == _BOOLEAN
        if critical:
            if tbs[next_start:next_end] != b"\xff":  # DER: TRUE is FF; FALSE is left out
                raise DerError("critical is encoded as DER TRUE or left out")
            next_tag, next_start, next_end = read_tlv(tbs, next_end)
        if tag != _SEQUENCE or oid_tag != _OID or next_tag != _OCTET_STRING:
            raise DerError("an extension is SEQUENCE { OID, [critical], OCTET STRING }")
        if next_end != extension_end or extension_end > end:
            raise DerError("an extension's value must end it")
        oid = decode_oid(tbs[oid_start:oid_end])
        if oid in result:
            raise DerError(f"extension {oid} appears twice")
        result[oid] = Extension(critical, tbs[next_start:next_end])
        position = extension_end
    return result


def _read_name(data: bytes, start: int, end: int) -> tuple[tuple[str, str | None], ...]:
    """A Name's attributes in order. Headers are read inline rather than through read_tlv:
    this runs twice per issuance (the CSR's subject and the certificate's), and the calls
    would cost more than the work. Long-form lengths, rare in names, take read_tlv."""
    attributes: list[tuple[str, str | None]] = []
    position = start
    try:
        while position < end:  # RelativeDistinguishedName ::= SET OF AttributeTypeAndValue
            if data[position] != _SET:
                raise DerError("a relative distinguished name is a SET")
            length = data[position + 1]
            if length < 0x80:
                inner, rdn_end = position + 2, position + 2 + length
            else:
                _, inner, rdn_end = read_tlv(data, position)
            if rdn_end > end:
                raise DerError("a relative distinguished name overruns the name")
            while inner < rdn_end:  # AttributeTypeAndValue ::= SEQUENCE { type OID, value }
                tag, attribute_start, attribute_end = read_tlv(data, inner)
                if data[attribute_start] != _OID:
                    raise DerError("a name attribute starts with its type's OID")
                oid_start = attribute_start + 2
                oid_end = oid_start + data[attribute_start + 1]  # OIDs here are short
                value_tag = data[oid_end]
                length = data[oid_end + 1]
                if length < 0x80:
                    value_start, value_end = oid_end + 2, oid_end + 2 + length
                else:
                    _, value_start, value_end = read_tlv(data, oid_end)
                if tag != _SEQUENCE or value_end != attribute_end or attribute_end > rdn_end:
                    raise DerError("a name attribute is SEQUENCE { OID, value }")
                codec = _STRING_CODECS.get(value_tag)
                value = None if codec is None else data[value_start:value_end].decode(codec)
                attributes.append((decode_oid(data[oid_start:oid_end]), value))
                inner = attribute_end
            position = rdn_end
    except IndexError:
        raise DerError("a name is truncated") from None
    except UnicodeDecodeError:
        raise DerError("a name attribute's string does not decode") from None
    return tuple(attributes)


@lru_cache(maxsize=64)
def _read_time(tag: int, text: bytes) -> datetime:
    """UTCTime or GeneralizedTime in RFC 5280's one DER form: seconds, 'Z', no fractions.
    Cached: certificates issued in the same second share both their times."""
    if tag not in (_UTC_TIME, _GENERALIZED_TIME) or len(text) != (13 if tag == _UTC_TIME else 15):
        raise DerError("a time is UTCTime or GeneralizedTime with seconds and Z")
    if not text[:-1].isdigit() or text[-1:] != b"Z":  # bytes.isdigit: ASCII digits only
        raise DerError("a time is digits then Z")
    if tag == _UTC_TIME:
        year = int(text[0:2])
        year += 1900 if year >= 50 else 2000  # RFC 5280 4.1.2.5.1
        rest = text[2:]
    else:
        year = int(text[0:4])
        rest = text[4:]
    try:
        return datetime(
            year, int(rest[0:2]), int(rest[2:4]), int(rest[4:6]), int(rest[6:8]),
            int(rest[8:10]), tzinfo=UTC,
        )  # fmt: skip
    except ValueError:
        raise DerError("a time names no real moment") from None


@lru_cache(maxsize=1024)  # the same few OIDs recur in every certificate
def decode_oid(body: bytes) -> str:
    """The dotted form of an OID's contents octets."""
    if not body or body[-1] & 0x80:
        raise DerError("a truncated object identifier")
    arcs: list[int] = []
    value = 0
    for byte in body:
        value = (value << 7) | (byte & 0x7F)
        if not byte & 0x80:
            arcs.append(value)
            value = 0
    first = arcs[0]
    head = [0, first] if first < 40 else [1, first - 40] if first < 80 else [2, first - 80]
    return ".".join(str(arc) for arc in head + arcs[1:])
