"""Certificate path validation with the ISO 15118 rules, answering with a typed reason.

ISO 15118-2 [V2G2-656]: at most two sub-CAs between a leaf and its root. Every issuer must be a
CA with keyCertSign whose pathLenConstraint admits the CAs below it. Checks run in an order that
gives the most useful reason: path building and signatures first (a path that is not genuinely
ours says nothing about time or revocation), then validity, then constraints, then revocation.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from itertools import pairwise

from cryptography import x509
from cryptography.hazmat.primitives import serialization

from .errors import ValidationReason

MAX_SUB_CAS = 2


class RevocationState(StrEnum):
    GOOD = "good"
    REVOKED = "revoked"
    UNKNOWN = "unknown"


# (certificate, its issuer) -> state; UNKNOWN means "this source cannot tell".
RevocationChecker = Callable[[x509.Certificate, x509.Certificate], RevocationState]


@dataclass(frozen=True)
class ValidationResult:
    reason: ValidationReason
    detail: str
    path: tuple[x509.Certificate, ...] = ()  # leaf first, ending with the trust anchor

    @property
    def ok(self) -> bool:
        return self.reason is ValidationReason.VALID

    @property
    def anchor(self) -> x509.Certificate | None:
        return self.path[-1] if self.ok and self.path else None


def _fingerprint(cert: x509.Certificate) -> bytes:
    return hashlib.sha256(cert.public_bytes(serialization.Encoding.DER)).digest()


def _ski(cert: x509.Certificate) -> bytes | None:
    try:
        return cert.extensions.get_extension_for_class(x509.SubjectKeyIdentifier).value.digest
    except (x509.ExtensionNotFound, ValueError):
        return None


def _aki(cert: x509.Certificate) -> bytes | None:
    try:
        value = cert.extensions.get_extension_for_class(x509.AuthorityKeyIdentifier).value
    except (x509.ExtensionNotFound, ValueError):
        return None
    return value.key_identifier


def identity(cert: x509.Certificate) -> tuple[bytes, bytes]:
    """Who a CA is, whatever certificate names it: its subject and its key."""
    key = cert.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return cert.subject.public_bytes(), key


def _is_issued_by(cert: x509.Certificate, issuer: x509.Certificate) -> bool:
    try:
        cert.verify_directly_issued_by(issuer)
    except Exception:
        return False
    return True


class PathValidator:
    def __init__(
        self,
        anchors: Iterable[x509.Certificate],
        intermediates: Iterable[x509.Certificate] = (),
        *,
        revocation: Sequence[RevocationChecker] = (),
        max_sub_cas: int = MAX_SUB_CAS,
        excluded: Iterable[x509.Certificate] = (),
    ) -> None:
        """`excluded`: distrusted CAs; no certificate with the subject and key of one of them
        is used as an issuer, even when the chain being validated supplies it."""
        self._excluded = {identity(c) for c in excluded}
        self._anchors = {
            _fingerprint(a): a
            for a in anchors
            if not self._excluded or identity(a) not in self._excluded
        }
        self._intermediates = list(intermediates)
        self._revocation = tuple(revocation)
        self._max_sub_cas = max_sub_cas

    def validate(
        self,
        leaf: x509.Certificate,
        chain: Sequence[x509.Certificate] = (),
        *,
        at: datetime | None = None,
    ) -> ValidationResult:
        at = at or datetime.now(UTC)
        built = self._build_path(leaf, list(chain))
        if isinstance(built, ValidationResult):
            return built
        path = tuple(built)
        for cert in path:
            if at < cert.not_valid_before_utc:
                return ValidationResult(
                    ValidationReason.NOT_YET_VALID,
                    f"{_name(cert)} is not valid before {cert.not_valid_before_utc.isoformat()}",
                    path,
                )
            if at > cert.not_valid_after_utc:
                return ValidationResult(
                    ValidationReason.EXPIRED,
                    f"{_name(cert)} expired at {cert.not_valid_after_utc.isoformat()}",
                    path,
                )
        problem = _constraint_problem(path)
        if problem:
            return ValidationResult(ValidationReason.PROFILE_VIOLATION, problem, path)
        for cert, issuer in pairwise(path):
            for checker in self._revocation:
                state = checker(cert, issuer)
                if state is RevocationState.REVOKED:
                    return ValidationResult(
                        ValidationReason.REVOKED, f"{_name(cert)} is revoked", path
                    )
                if state is RevocationState.GOOD:
                    break
        return ValidationResult(ValidationReason.VALID, "valid", path)

    def _build_path(
        self, leaf: x509.Certificate, chain: list[x509.Certificate]
    ) -> list[x509.Certificate] | ValidationResult:
        path = [leaf]
        current = leaf
        candidates = chain + self._intermediates
        if self._excluded:
            candidates = [c for c in candidates if identity(c) not in self._excluded]
        while _fingerprint(current) not in self._anchors:
            if len(path) > self._max_sub_cas + 1:
                return ValidationResult(
                    ValidationReason.PROFILE_VIOLATION,
                    f"more than {self._max_sub_cas} sub-CAs between the leaf and a root",
                    tuple(path),
                )
            issuer = self._find_issuer(current, list(self._anchors.values()))
            if issuer is None:
                issuer = self._find_issuer(current, candidates)
                if issuer is None:
                    if self._has_name_match(current, candidates):
                        return ValidationResult(
                            ValidationReason.BAD_SIGNATURE,
                            f"the signature of {_name(current)} does not verify",
                            tuple(path),
                        )
                    return ValidationResult(
                        ValidationReason.UNKNOWN_ISSUER,
                        f"no trusted issuer for {_name(current)} (issuer "
                        f"{current.issuer.rfc4514_string()})",
                        tuple(path),
                    )
                if current.issuer == current.subject:
                    return ValidationResult(
                        ValidationReason.UNKNOWN_ISSUER,
                        f"{_name(current)} is a self-signed root that is not trusted",
                        tuple(path),
                    )
            path.append(issuer)
            current = issuer
        return path

    def _has_name_match(self, cert: x509.Certificate, candidates: list[x509.Certificate]) -> bool:
        pool = candidates + list(self._anchors.values())
        return any(c.subject == cert.issuer for c in pool)

    @staticmethod
    def _find_issuer(
        cert: x509.Certificate, pool: list[x509.Certificate]
    ) -> x509.Certificate | None:
        aki = _aki(cert)
        for candidate in pool:
            if candidate.subject != cert.issuer:
                continue
            if candidate is cert or candidate == cert:
                if cert.issuer != cert.subject:
                    continue
            ski = _ski(candidate)
            if aki is not None and ski is not None and aki != ski:
                continue
            if _is_issued_by(cert, candidate):
                return candidate
        return None


def _constraint_problem(path: tuple[x509.Certificate, ...]) -> str | None:
    for depth, issuer in enumerate(path[1:], start=1):
        try:
            bc = issuer.extensions.get_extension_for_class(x509.BasicConstraints).value
        except x509.ExtensionNotFound:
            return f"{_name(issuer)} has no basicConstraints and cannot issue certificates"
        except ValueError:
            return f"{_name(issuer)} has malformed extensions"
        if not bc.ca:
            return f"{_name(issuer)} is not a CA"
        cas_below = depth - 1  # CA certificates between this issuer and the leaf
        if bc.path_length is not None and cas_below > bc.path_length:
            return f"{_name(issuer)} allows {bc.path_length} CAs below it, the path has {cas_below}"
        try:
            ku = issuer.extensions.get_extension_for_class(x509.KeyUsage).value
        except x509.ExtensionNotFound:
            ku = None
        if ku is not None and not ku.key_cert_sign:
            return f"{_name(issuer)} lacks keyCertSign"
    return None


def _name(cert: x509.Certificate) -> str:
    cn = cert.subject.get_attributes_for_oid(x509.NameOID.COMMON_NAME)
    label = str(cn[0].value) if cn else cert.subject.rfc4514_string()
    return f"'{label}' (serial {cert.serial_number:X})"
