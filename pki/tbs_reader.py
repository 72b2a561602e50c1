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

from .der import DerError, children, read_tlv

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
    """Raise DerError unless `tbs` is one TBSCertificate with nothing after it."""
    tag, start, end = read_tlv(tbs)
    if tag != _SEQUENCE or end != len(tbs):
        raise DerError("a TBSCertificate is one SEQUENCE")
    parts = children(tbs, start, end)
    version = 0
    if parts and parts[0][0] == _VERSION:
        _, _, value_start, value_end = parts.pop(0)
        tag, inner_start, inner_end = _expect(tbs, value_start, _INTEGER)
        if inner_end != value_end:
            raise DerError("trailing bytes after the version")
        version = int.from_bytes(tbs[inner_start:inner_end], "big", signed=True)
    extensions: dict[str, Extension] = {}
    if parts and parts[-1][0] == _EXTENSIONS:
        _, _, value_start, value_end = parts.pop()
        extensions = _read_extensions(tbs, value_start, value_end)
    if len(parts) != 6:  # issuer/subject unique IDs are not part of any profile here
        raise DerError(f"a TBSCertificate here has 6 core fields, not {len(parts)}")
    expected = (_INTEGER, _SEQUENCE, _SEQUENCE, _SEQUENCE, _SEQUENCE, _SEQUENCE)
    if tuple(p[0] for p in parts) != expected:
        raise DerError("the TBSCertificate's fields are not in RFC 5280's shape")
    serial_part, algorithm, issuer, validity, subject, spki = parts
    serial = int.from_bytes(tbs[serial_part[2] : serial_part[3]], "big", signed=True)
    times = children(tbs, validity[2], validity[3])
    if len(times) != 2:
        raise DerError("validity holds two times")
    spki_parts = children(tbs, spki[2], spki[3])
    if len(spki_parts) != 2 or spki_parts[0][0] != _SEQUENCE or spki_parts[1][0] != _BIT_STRING:
        raise DerError("subjectPublicKeyInfo is SEQUENCE { algorithm, BIT STRING }")
    key_start, key_end = spki_parts[1][2], spki_parts[1][3]
    if key_end <= key_start or tbs[key_start] != 0:
        raise DerError("the subject public key must be whole bytes")
    return TbsFields(
        version=version,
        serial=serial,
        signature_algorithm_der=tbs[algorithm[1] : algorithm[3]],
        issuer_der=tbs[issuer[1] : issuer[3]],
        not_before=_read_time(tbs, times[0]),
        not_after=_read_time(tbs, times[1]),
        subject_der=tbs[subject[1] : subject[3]],
        subject=_read_name(tbs, subject[2], subject[3]),
        spki_der=tbs[spki[1] : spki[3]],
        spki_algorithm_der=tbs[spki_parts[0][1] : spki_parts[0][3]],
        public_key_bits=tbs[key_start + 1 : key_end],
        extensions=extensions,
    )


def read_request_info(info: bytes) -> tuple[tuple[tuple[str, str | None], ...], bytes]:
    """The subject attributes (as TbsFields.subject holds them) and the SubjectPublicKeyInfo
    DER of a CertificationRequestInfo."""
    tag, start, end = read_tlv(info)
    if tag != _SEQUENCE or end != len(info):
        raise DerError("a CertificationRequestInfo is one SEQUENCE")
    parts = children(info, start, end)
    if len(parts) < 3 or [p[0] for p in parts[:3]] != [_INTEGER, _SEQUENCE, _SEQUENCE]:
        raise DerError("a CertificationRequestInfo starts with version, subject and key")
    return _read_name(info, parts[1][2], parts[1][3]), info[parts[2][1] : parts[2][3]]


def _expect(data: bytes, offset: int, tag: int) -> tuple[int, int, int]:
    found, start, end = read_tlv(data, offset)
    if found != tag:
        raise DerError(f"expected tag {tag:#04x}, found {found:#04x}")
    return found, start, end


def _read_extensions(tbs: bytes, start: int, end: int) -> dict[str, Extension]:
    tag, list_start, list_end = _expect(tbs, start, _SEQUENCE)
    if list_end != end:
        raise DerError("trailing bytes after the extensions")
    result: dict[str, Extension] = {}
    for tag, _, value_start, value_end in children(tbs, list_start, list_end):
        # Extension ::= SEQUENCE { extnID OID, critical BOOLEAN DEFAULT FALSE, extnValue }
        oid_tag, oid_start, oid_end = read_tlv(tbs, value_start)
        next_tag, next_start, next_end = read_tlv(tbs, oid_end)
        critical = next_tag == _BOOLEAN
        if critical:
            if tbs[next_start:next_end] != b"\xff":  # DER: TRUE is FF; FALSE is left out
                raise DerError("critical is encoded as DER TRUE or left out")
            next_tag, next_start, next_end = read_tlv(tbs, next_end)
        if tag != _SEQUENCE or oid_tag != _OID or next_tag != _OCTET_STRING:
            raise DerError("an extension is SEQUENCE { OID, [critical], OCTET STRING }")
        if next_end != value_end:
            raise DerError("an extension has bytes after its value")
        oid = decode_oid(tbs[oid_start:oid_end])
        if oid in result:
            raise DerError(f"extension {oid} appears twice")
        result[oid] = Extension(critical, tbs[next_start:next_end])
    return result


def _read_name(data: bytes, start: int, end: int) -> tuple[tuple[str, str | None], ...]:
    attributes: list[tuple[str, str | None]] = []
    position = start
    while position < end:  # RelativeDistinguishedName ::= SET OF AttributeTypeAndValue
        tag, rdn_start, rdn_end = read_tlv(data, position)
        if tag != _SET or rdn_end > end:
            raise DerError("a relative distinguished name is a SET")
        inner = rdn_start
        while inner < rdn_end:  # AttributeTypeAndValue ::= SEQUENCE { type OID, value ANY }
            tag, attribute_start, attribute_end = read_tlv(data, inner)
            oid_tag, oid_start, oid_end = read_tlv(data, attribute_start)
            value_tag, value_start, value_end = read_tlv(data, oid_end)
            if (
                tag != _SEQUENCE
                or oid_tag != _OID
                or value_end != attribute_end
                or attribute_end > rdn_end
            ):
                raise DerError("a name attribute is SEQUENCE { OID, value }")
            codec = _STRING_CODECS.get(value_tag)
            value = None
            if codec is not None:
                try:
                    value = data[value_start:value_end].decode(codec)
                except UnicodeDecodeError:
                    raise DerError("a name attribute's string does not decode") from None
            attributes.append((decode_oid(data[oid_start:oid_end]), value))
            inner = attribute_end
        position = rdn_end
    return tuple(attributes)


def _read_time(data: bytes, part: tuple[int, int, int, int]) -> datetime:
    """UTCTime or GeneralizedTime in RFC 5280's one DER form: seconds, 'Z', no fractions."""
    tag, _, start, end = part
    text = data[start:end]
    if tag == _UTC_TIME and len(text) == 13:
        year = int(text[0:2])
        year += 1900 if year >= 50 else 2000  # RFC 5280 4.1.2.5.1
        rest = text[2:]
    elif tag == _GENERALIZED_TIME and len(text) == 15:
        year = int(text[0:4])
        rest = text[4:]
    else:
        raise DerError("a time is UTCTime or GeneralizedTime with seconds and Z")
    if not rest[:-1].isdigit() or rest[-1:] != b"Z":
        raise DerError("a time is digits then Z")
    try:
        return datetime(
            year, int(rest[0:2]), int(rest[2:4]), int(rest[4:6]), int(rest[6:8]),
            int(rest[8:10]), tzinfo=UTC,
        )  # fmt: skip
    except ValueError:
        raise DerError("a time names no real moment") from None


@lru_cache(maxsize=1024)
def decode_oid(body: bytes) -> str:
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
