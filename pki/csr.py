"""Reading and checking certificate signing requests against a profile.

A CSR contributes a public key and a few subject attributes. It never contributes extensions:
the profile decides every extension, and a CSR that asks to be a CA is refused outright rather
than quietly ignored, so that a misconfigured requester learns about it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import NamedTuple

from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, ed448, ed25519, rsa
from cryptography.hazmat.primitives.asymmetric.types import CertificateIssuerPublicKeyTypes
from cryptography.x509.oid import ExtensionOID, NameOID, SignatureAlgorithmOID

from .errors import CsrRejected
from .profiles import Profile, describe_key
from .signatures import verify_signature
from .tbs import subject_public_key_info
from .tbs_reader import read_request_info

MAX_CSR_BYTES = 16 * 1024
_PEM_HEADERS = (b"-----BEGIN CERTIFICATE REQUEST-----", b"-----BEGIN NEW CERTIFICATE REQUEST-----")
_ATTRIBUTE_OIDS = {
    "CN": NameOID.COMMON_NAME.dotted_string,
    "O": NameOID.ORGANIZATION_NAME.dotted_string,
    "C": NameOID.COUNTRY_NAME.dotted_string,
}
_ATTRIBUTE_NAMES = {oid: short for short, oid in _ATTRIBUTE_OIDS.items()}
# Signature algorithms a CSR is verified with directly: the key type each belongs to, and its
# hash. Anything else (RSA-PSS, SHA-1, unknown) goes through `cryptography`'s generic check.
_SIGNATURES: dict[x509.ObjectIdentifier, tuple[type, hashes.HashAlgorithm | None]] = {
    SignatureAlgorithmOID.ECDSA_WITH_SHA256: (ec.EllipticCurvePublicKey, hashes.SHA256()),
    SignatureAlgorithmOID.ECDSA_WITH_SHA384: (ec.EllipticCurvePublicKey, hashes.SHA384()),
    SignatureAlgorithmOID.ECDSA_WITH_SHA512: (ec.EllipticCurvePublicKey, hashes.SHA512()),
    SignatureAlgorithmOID.RSA_WITH_SHA256: (rsa.RSAPublicKey, hashes.SHA256()),
    SignatureAlgorithmOID.RSA_WITH_SHA384: (rsa.RSAPublicKey, hashes.SHA384()),
    SignatureAlgorithmOID.RSA_WITH_SHA512: (rsa.RSAPublicKey, hashes.SHA512()),
    SignatureAlgorithmOID.ED448: (ed448.Ed448PublicKey, None),
    SignatureAlgorithmOID.ED25519: (ed25519.Ed25519PublicKey, None),
}


# Named tuples, not frozen dataclasses: as immutable, and cheaper to make on the issuance path.
class CheckedCsr(NamedTuple):
    public_key: CertificateIssuerPublicKeyTypes
    spki_der: bytes  # the key's SubjectPublicKeyInfo in the form certificates carry it
    key_algorithm: str
    common_name: str
    organization: str | None
    country: str | None


class LoadedCsr(NamedTuple):
    """A parsed CSR whose self-signature verified, with the parts issuance reads."""

    csr: x509.CertificateSigningRequest
    public_key: CertificateIssuerPublicKeyTypes
    subject: tuple[tuple[str, str | None], ...]  # (dotted OID, value) as in pki.tbs_reader
    spki_der: bytes  # the SubjectPublicKeyInfo as the CSR encodes it
    extensions: x509.Extensions


def load_csr(data: bytes | str) -> LoadedCsr:
    """Exactly one CSR, PEM or DER, with a valid self-signature."""
    raw = data.encode() if isinstance(data, str) else data
    if not raw or not raw.strip():
        raise CsrRejected("empty", "the CSR is empty")
    if len(raw) > MAX_CSR_BYTES:
        raise CsrRejected("too_large", f"the CSR is larger than {MAX_CSR_BYTES} bytes")
    try:
        if raw.lstrip().startswith(b"-----"):
            blocks = raw.count(b"-----BEGIN ")
            if blocks > 1:
                raise CsrRejected("multiple_csrs", f"the PEM holds {blocks} blocks, not one CSR")
            if not any(header in raw for header in _PEM_HEADERS):
                raise CsrRejected("malformed", "no CERTIFICATE REQUEST block in the PEM")
            csr = _parsed(x509.load_pem_x509_csr, raw, "the PEM block is not a PKCS#10 request")
        else:
            csr = _parsed(
                x509.load_der_x509_csr,
                raw,
                "neither a PEM CERTIFICATE REQUEST block nor a DER PKCS#10 request",
            )
        # Read the parts we use now, so a lazily detected defect cannot surface later,
        # half-way through issuance.
        info = csr.tbs_certrequest_bytes
        public_key = csr.public_key()
        subject, spki_der = read_request_info(info)
        loaded = LoadedCsr(csr, public_key, subject, spki_der, csr.extensions)  # type: ignore[arg-type]
        algorithm = csr.signature_algorithm_oid
    except CsrRejected:
        raise
    except (ValueError, TypeError) as exc:  # DerError is a ValueError
        raise CsrRejected("malformed", f"the CSR cannot be parsed ({_first_line(exc)})") from None
    if not _signature_is_valid(csr, algorithm, public_key, info):
        raise CsrRejected("bad_signature", "the CSR's signature does not verify with its key")
    return loaded


def _signature_is_valid(
    csr: x509.CertificateSigningRequest,
    algorithm: x509.ObjectIdentifier,
    public_key: object,
    info: bytes,
) -> bool:
    known = _SIGNATURES.get(algorithm)
    if known is not None:
        key_type, hash_algorithm = known
        return isinstance(public_key, key_type) and verify_signature(
            public_key,  # type: ignore[arg-type]
            csr.signature,
            info,
            hash_algorithm,
        )
    try:
        hash_name = csr.signature_hash_algorithm.name if csr.signature_hash_algorithm else None
    except Exception:  # an algorithm cryptography does not know
        hash_name = "unknown"
    if hash_name in ("sha1", "md5", "unknown"):
        raise CsrRejected(
            "weak_signature", f"the CSR is signed with {hash_name}; use SHA-256 or stronger"
        )
    try:
        return csr.is_signature_valid
    except Exception:  # unsupported signature algorithms surface here
        return False


def check_csr(
    loaded: LoadedCsr,
    profile: Profile,
    *,
    expected_cn: str | None = None,
    expected_organization: str | None = None,
) -> CheckedCsr:
    key = loaded.public_key
    key_algorithm = profile.accepts_key(key)
    if key_algorithm is None:
        raise CsrRejected(
            "key_not_allowed",
            f"profile {profile.name} does not accept a {describe_key(key)} key "
            f"(allowed: {', '.join(profile.key_algorithms)})",
        )
    _refuse_ca_request(loaded.extensions, profile)
    values = _subject_values(loaded.subject)
    for name in profile.subject_required:
        if not values.get(name):
            raise CsrRejected("subject", f"profile {profile.name} needs {name}= in the subject")
    cn = values["CN"]
    if cn is None:
        raise CsrRejected("subject", "the CSR has no CN")
    if not _printable(cn) or (profile.cn_pattern and not profile.cn_pattern.fullmatch(cn)):
        raise CsrRejected("forbidden_cn", f"CN {cn!r} is not allowed by profile {profile.name}")
    if expected_cn is not None and cn != expected_cn:
        raise CsrRejected("cn_mismatch", f"CN {cn!r} must be {expected_cn!r}")
    organization = values["O"]
    if organization is not None and not _printable(organization):
        raise CsrRejected("subject", "O= has characters outside printable ASCII")
    if expected_organization is not None and organization != expected_organization:
        raise CsrRejected("o_mismatch", f"O={organization!r} must be {expected_organization!r}")
    country = values["C"]
    if country is not None and not re.fullmatch(r"[A-Z]{2}", country):
        raise CsrRejected("subject", f"C={country!r} is not a two-letter country code")
    return CheckedCsr(
        public_key=key,
        spki_der=subject_public_key_info(key, as_received=loaded.spki_der),
        key_algorithm=key_algorithm,
        common_name=cn,
        organization=organization,
        country=country,
    )


def _printable(text: str) -> bool:
    """Non-empty printable ASCII (0x20-0x7E): no control character, not even a final newline."""
    return bool(text) and text.isascii() and text.isprintable()


def _refuse_ca_request(extensions: x509.Extensions, profile: Profile) -> None:
    if profile.ca:
        return
    # A loop rather than get_extension_for_oid: most CSRs have no extensions, and the lookup
    # reports absence by raising, which costs more than the whole loop.
    for extension in extensions:
        if extension.oid == ExtensionOID.BASIC_CONSTRAINTS and extension.value.ca:
            raise CsrRejected(
                "ca_requested",
                f"the CSR asks for CA:true; profile {profile.name} issues leaves only",
            )


def _subject_values(subject: tuple[tuple[str, str | None], ...]) -> dict[str, str | None]:
    """CN, O and C of a CSR subject, each at most once and a character string."""
    values: dict[str, str | None] = dict.fromkeys(_ATTRIBUTE_OIDS)
    for oid, value in subject:
        short = _ATTRIBUTE_NAMES.get(oid)
        if short is None:
            continue
        if values[short] is not None:
            count = sum(1 for other, _ in subject if other == oid)
            raise CsrRejected("subject", f"the subject has {count} {short}= attributes")
        if value is None:
            raise CsrRejected("subject", f"{short}= is not a character string")
        values[short] = value
    return values


def _parsed(
    load: Callable[[bytes], x509.CertificateSigningRequest], raw: bytes, what: str
) -> x509.CertificateSigningRequest:
    """The library's parser, whose errors read as its internals (Rust parse states): the
    operator gets what the input is not instead."""
    try:
        return load(raw)
    except ValueError:
        raise CsrRejected("malformed", f"the CSR cannot be read: {what}") from None


def _first_line(exc: Exception) -> str:
    text = str(exc).strip().splitlines()
    return text[0][:120] if text else type(exc).__name__
