"""Building a certificate and signing it, without storage (pki.authority adds the database).

The to-be-signed part is assembled (pki.tbs) into a precertificate: every byte of the real
certificate but the signature. Its fields are read back from those bytes (pki.tbs_reader) and
checked against the profile; the precertificate is recorded, and only then does the CA's key
sign it.
"""

from __future__ import annotations

import os
import threading
from datetime import datetime
from functools import cache
from typing import NamedTuple

from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import ec, ed448
from cryptography.hazmat.primitives.asymmetric.types import CertificateIssuerPublicKeyTypes

from . import der
from .certificate_profile import IssuerFacts, check_certificate, clamp_validity, extensions_der
from .der import DerError
from .errors import InvalidSerial, PkiError, ProfileViolation
from .keystore import Signer
from .profiles import Profile
from .signatures import verify_signature
from .tbs import encode_name, encode_tbs_certificate, subject_public_key_info
from .tbs_reader import TbsFields, read_tbs_certificate

SERIAL_BITS = 126  # random bits; bit 126 is set so every serial is 16 bytes long in DER


class _RandomBytes:
    """Bytes from os.urandom, read 4 KiB at a time: one system call per 256 serials instead of
    one per serial, which shows in issuance rates. A forked child drops what its parent read,
    so two processes never hand out the same bytes; the database's unique serial constraint
    stays the last word."""

    _CHUNK = 4096

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._buffer = b""
        self._position = 0

    def take(self, count: int) -> bytes:
        with self._lock:
            if self._position + count > len(self._buffer):
                self._buffer = os.urandom(max(self._CHUNK, count))
                self._position = 0
            start = self._position
            self._position += count
            return self._buffer[start : self._position]

    def forget(self) -> None:
        self._lock = threading.Lock()  # a lock held by another thread at fork stays held
        self._buffer = b""
        self._position = 0


_random_bytes = _RandomBytes()
os.register_at_fork(after_in_child=_random_bytes.forget)


def random_serial() -> int:
    value = int.from_bytes(_random_bytes.take(16), "big") >> (128 - SERIAL_BITS)
    return (1 << SERIAL_BITS) | value


def serial_to_hex(serial: int) -> str:
    """Upper-case hex, as `openssl x509 -serial` prints it (even number of digits)."""
    text = format(serial, "X")
    return text if len(text) % 2 == 0 else "0" + text


def parse_serial(text: str) -> int:
    cleaned = text.strip().replace(":", "")
    if cleaned.lower().startswith("0x"):
        cleaned = cleaned[2:]
    try:
        value = int(cleaned, 16)
    except ValueError:
        raise InvalidSerial(f"{text!r} is not a hexadecimal serial number") from None
    if value <= 0:
        raise InvalidSerial("serial numbers are positive")
    return value


@cache
def _throwaway_key(signature_algorithm: str) -> ec.EllipticCurvePrivateKey | ed448.Ed448PrivateKey:
    """A key that signs drafts of CRLs only. Its signatures are discarded: any key of the
    right algorithm gives the same to-be-signed bytes, so one per algorithm is kept."""
    curves = {
        "ecdsa-with-SHA256": ec.SECP256R1(),
        "ecdsa-with-SHA384": ec.SECP384R1(),
        "ecdsa-with-SHA512": ec.SECP521R1(),
    }
    if signature_algorithm == "ed448":
        return ed448.Ed448PrivateKey.generate()
    return ec.generate_private_key(curves[signature_algorithm])


def throwaway_sign_args(signature_algorithm: str):  # type: ignore[no-untyped-def]
    return _throwaway_key(signature_algorithm), der.HASH_OF_ALGORITHM[signature_algorithm]


# Named tuples rather than frozen dataclasses: as immutable, cheaper to make per issuance.
class SubjectFields(NamedTuple):
    common_name: str
    organization: str | None = None
    country: str | None = None
    domain_component: str | None = None

    def name_der(self) -> bytes:
        """The subject Name: CN, then O, C and DC where present, one attribute per RDN."""
        attributes = [("CN", self.common_name)]
        if self.organization:
            attributes.append(("O", self.organization))
        if self.country:
            attributes.append(("C", self.country))
        if self.domain_component:
            attributes.append(("DC", self.domain_component))
        return encode_name(attributes)


class Precertificate(NamedTuple):
    """The certificate as it will be, with an empty signature: every byte but the signature."""

    fields: TbsFields  # read back from tbs_der: what the profile check saw
    tbs_der: bytes
    der: bytes
    signature_algorithm: str


def build_precertificate(
    *,
    profile: Profile,
    subject: SubjectFields,
    public_key: CertificateIssuerPublicKeyTypes,
    issuer: IssuerFacts | None,
    issuer_signature_algorithm: str,
    serial: int,
    now: datetime,
    days: int,
    ocsp_url: str,
    not_after_limit: datetime | None = None,
    spki_der: bytes | None = None,
) -> Precertificate:
    """The certificate as it will be, checked against its profile. `issuer` None makes a
    self-signed root. `spki_der`, where the caller has it, is `public_key`'s
    SubjectPublicKeyInfo (pki.tbs.subject_public_key_info)."""
    if days > profile.max_days:
        raise ProfileViolation(
            f"{days} days is longer than profile {profile.name} allows ({profile.max_days})"
        )
    if days <= 0:
        raise ProfileViolation("the validity must be at least one day")
    limit = issuer.not_after if issuer else None
    if not_after_limit is not None and (limit is None or not_after_limit < limit):
        limit = not_after_limit
    not_before, not_after = clamp_validity(now, days, limit)
    if not_after <= not_before:
        raise ProfileViolation("no validity left: the limit lies before the start")
    try:
        subject_der = subject.name_der()
    except UnicodeEncodeError:
        raise ProfileViolation("the subject has characters its string type cannot hold") from None
    if spki_der is None:
        spki_der = subject_public_key_info(public_key)
    tbs_der = encode_tbs_certificate(
        serial=serial,
        signature_algorithm=issuer_signature_algorithm,
        issuer_name_der=issuer.subject_der if issuer else subject_der,
        not_before=not_before,
        not_after=not_after,
        subject_name_der=subject_der,
        spki_der=spki_der,
        extensions_der=extensions_der(
            profile,
            public_key=public_key,
            spki_der=spki_der,
            issuer_ski=issuer.ski if issuer else None,
            ocsp_url=ocsp_url,
            common_name=subject.common_name,
        ),
    )
    unsigned = der.signed_structure(tbs_der, issuer_signature_algorithm, b"")
    try:
        fields = read_tbs_certificate(tbs_der)
    except DerError as exc:
        raise ProfileViolation(f"the built certificate does not parse ({exc})") from None
    check_certificate(fields, profile, issuer=issuer)
    return Precertificate(fields, tbs_der, unsigned, issuer_signature_algorithm)


def sign_precertificate(precert: Precertificate, signer: Signer) -> x509.Certificate:
    """The real certificate: the CA key's signature over the precertificate's TBS part.

    A signer that computes outside this process (an HSM) has its signature verified before
    the certificate exists, so a faulty device can never produce a certificate that looks
    issued. In-process keys sign with the same library that would verify, so that check
    would only repeat the work."""
    if signer.signature_algorithm != precert.signature_algorithm:
        raise PkiError("the signer's algorithm differs from the precertificate's")
    signature = signer.sign(precert.tbs_der)
    certificate = x509.load_der_x509_certificate(
        der.signed_structure(precert.tbs_der, precert.signature_algorithm, signature)
    )
    if signer.verify_after_sign and not verify_signature(
        signer.public_key(),
        certificate.signature,
        certificate.tbs_certificate_bytes,
        certificate.signature_hash_algorithm,
    ):
        raise PkiError("the CA signature did not verify; the certificate was discarded")
    return certificate
