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


@dataclass(frozen=True)
class CertificateVerdict:
    """One certificate of a chain as `PathValidator.examine` judged it."""

    subject: str
    issuer: str
    serial: str  # upper-case hex
    not_before: datetime
    not_after: datetime
    validity: str  # valid | expired | not_yet_valid
    profile: str | None  # None: within the ISO 15118 path rules; else what breaks them
    revocation: str  # good | revoked | unknown | error | not_checked (anchors, off-path)
    revocation_source: str | None  # the checker that answered (own_records, imported_crl)
    anchor: bool  # the trust anchor the path ended at


@dataclass(frozen=True)
class ChainExamination:
    certificates: tuple[CertificateVerdict, ...]  # the path first (leaf to anchor), then extras
    root: str | None  # the anchor reached (RFC 4514 subject); None: not anchored


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

    def examine(
        self,
        leaf: x509.Certificate,
        chain: Sequence[x509.Certificate] = (),
        *,
        at: datetime | None = None,
    ) -> ChainExamination:
        """Every certificate's own verdict, for an operator reading why a chain was refused:
        `validate` stops at the first failure, this judges each certificate presented (and
        the ones the path borrowed from the trust store) on validity, the path rules and
        revocation, and names the anchor reached. Never raises: a revocation source that
        fails is reported as such."""
        at = at or datetime.now(UTC)
        built = self._build_path(leaf, list(chain))
        anchored = not isinstance(built, ValidationResult)
        path = tuple(built) if not isinstance(built, ValidationResult) else built.path
        shown = list(path) + [c for c in chain if all(c != p for p in path)]
        verdicts = []
        for cert in shown:
            depth = next((i for i, p in enumerate(path) if p == cert), None)
            verdicts.append(self._verdict(cert, path, depth, anchored, at))
        root = path[-1].subject.rfc4514_string() if anchored and path else None
        return ChainExamination(tuple(verdicts), root)

    def _verdict(
        self,
        cert: x509.Certificate,
        path: tuple[x509.Certificate, ...],
        depth: int | None,
        anchored: bool,
        at: datetime,
    ) -> CertificateVerdict:
        if at < cert.not_valid_before_utc:
            validity = "not_yet_valid"
        elif at > cert.not_valid_after_utc:
            validity = "expired"
        else:
            validity = "valid"
        profile: str | None = None
        revocation, source = "not_checked", None
        if depth is None:
            profile = "not on the path to a trust anchor"
        elif depth > 0:
            profile = _issuer_problem(cert, depth)
        elif len(path) - 2 > self._max_sub_cas:
            profile = f"more than {self._max_sub_cas} sub-CAs between the leaf and a root"
        is_anchor = anchored and depth is not None and depth == len(path) - 1
        if depth is not None and depth + 1 < len(path):
            revocation, source = self._revocation_of(cert, path[depth + 1])
        return CertificateVerdict(
            subject=cert.subject.rfc4514_string(),
            issuer=cert.issuer.rfc4514_string(),
            serial=f"{cert.serial_number:X}",
            not_before=cert.not_valid_before_utc,
            not_after=cert.not_valid_after_utc,
            validity=validity,
            profile=profile,
            revocation=revocation,
            revocation_source=source,
            anchor=is_anchor,
        )

    def _revocation_of(
        self, cert: x509.Certificate, issuer: x509.Certificate
    ) -> tuple[str, str | None]:
        for checker in self._revocation:
            source = getattr(checker, "__name__", "revocation check")
            try:
                state = checker(cert, issuer)
            except Exception as exc:  # a diagnosis reports a failing source, never raises
                return "error", f"{source}: {type(exc).__name__}"
            if state is not RevocationState.UNKNOWN:
                return state.value, source
        return RevocationState.UNKNOWN.value, None

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
        problem = _issuer_problem(issuer, depth)
        if problem:
            return problem
    return None


def _issuer_problem(issuer: x509.Certificate, depth: int) -> str | None:
    """What keeps `issuer`, `depth` places above the leaf, from issuing on this path."""
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
