"""Just enough DER to put a signature on bytes that were built elsewhere.

The CA builds certificates, CRLs and OCSP responses with `cryptography` (signed first with a
throwaway key), then has its real key sign the to-be-signed part and puts the three parts
together here. That keeps the real key behind the small `Signer` interface, so it can live in an
HSM that will never hand it out.
"""

from __future__ import annotations

from datetime import datetime

from cryptography.hazmat.primitives import hashes

# AlgorithmIdentifier DER for the signature algorithms the CA uses (RFC 5758, RFC 8410):
# ECDSA identifiers carry no parameters.
ECDSA_WITH_SHA256 = bytes.fromhex("300a06082a8648ce3d040302")
ECDSA_WITH_SHA384 = bytes.fromhex("300a06082a8648ce3d040303")
ECDSA_WITH_SHA512 = bytes.fromhex("300a06082a8648ce3d040304")
ED448 = bytes.fromhex("300506032b6571")

ALGORITHM_IDENTIFIERS: dict[str, bytes] = {
    "ecdsa-with-SHA256": ECDSA_WITH_SHA256,
    "ecdsa-with-SHA384": ECDSA_WITH_SHA384,
    "ecdsa-with-SHA512": ECDSA_WITH_SHA512,
    "ed448": ED448,
}

HASH_OF_ALGORITHM: dict[str, hashes.HashAlgorithm | None] = {
    "ecdsa-with-SHA256": hashes.SHA256(),
    "ecdsa-with-SHA384": hashes.SHA384(),
    "ecdsa-with-SHA512": hashes.SHA512(),
    "ed448": None,
}


def encode_length(length: int) -> bytes:
    if length < 0x80:
        return bytes([length])
    body = length.to_bytes((length.bit_length() + 7) // 8, "big")
    return bytes([0x80 | len(body)]) + body


def tlv(tag: int, value: bytes) -> bytes:
    length = len(value)
    if length < 0x80:  # the short form: most fields of a certificate
        return bytes((tag, length)) + value
    return bytes((tag,)) + encode_length(length) + value


def sequence(*parts: bytes) -> bytes:
    return tlv(0x30, b"".join(parts))


def bit_string(value: bytes) -> bytes:
    return tlv(0x03, b"\x00" + value)


def signed_structure(tbs_der: bytes, algorithm: str, signature: bytes) -> bytes:
    """SEQUENCE { tbs, AlgorithmIdentifier, BIT STRING signature } — the shape of an X.509
    Certificate, a CertificateList and (without the optional certs) a BasicOCSPResponse."""
    return sequence(tbs_der, ALGORITHM_IDENTIFIERS[algorithm], bit_string(signature))


def explicit(tag_number: int, value: bytes) -> bytes:
    """[tag_number] EXPLICIT, constructed context-specific."""
    return tlv(0xA0 | tag_number, value)


class DerError(ValueError):
    """Bytes that are not the DER this reader expects."""


def read_tlv(data: bytes, offset: int = 0) -> tuple[int, int, int]:
    """(tag, start of value, end of value) of the TLV at `offset`; definite lengths only."""
    try:
        tag = data[offset]
        first = data[offset + 1]
    except IndexError:
        raise DerError("truncated") from None
    if tag & 0x1F == 0x1F:
        raise DerError("multi-byte tags are not used here")
    position = offset + 2
    if first < 0x80:
        length = first
    else:
        count = first & 0x7F
        if count == 0 or count > 4 or position + count > len(data):
            raise DerError("bad length")
        length = int.from_bytes(data[position : position + count], "big")
        position += count
    end = position + length
    if end > len(data):
        raise DerError("truncated")
    return tag, position, end


def children(data: bytes, start: int, end: int) -> list[tuple[int, int, int, int]]:
    """The TLVs inside [start, end): (tag, TLV start, value start, value end) each."""
    result = []
    position = start
    while position < end:
        tag, value_start, value_end = read_tlv(data, position)
        if value_end > end:
            raise DerError("child overruns its parent")
        result.append((tag, position, value_start, value_end))
        position = value_end
    return result


def generalized_time(moment: datetime) -> bytes:
    return tlv(0x18, moment.strftime("%Y%m%d%H%M%SZ").encode())
