"""The product's own CAs under other roots: a CSR for a CA's existing key, the certificate an
external root signs for it, and cross-certificates between the product's roots and others.

A CA of the product (cps-sub1, cpo-sub1, mo-sub1, …) keeps one key (in the key store, never
out of it) and may hold several certificates for it: the one its own parent signed, and one
per external root that certified it ("this CA's certificate under root X",
db.CaCertificateRecord). Since the key is the same, every certificate the CA issued chains to
X as well, through the imported certificate; the CPS uses that to answer a car that trusts
only X (contracts.cps_common.cps_chain).

Checks on an imported certificate, each with its own error code: it must be for this CA
(same subject, same key: `subject_mismatch`, `key_mismatch`), a CA certificate whose
pathLenConstraint admits the product's CAs below it (`not_a_ca`, `path_length`), valid now
(`expired`), and verify along a path to an *active* imported root of the hierarchy's kind
(v2g-root for the V2G/CPO/CPS hierarchies, mo-root for MO: `untrusted`).

Cross-certificates (`import_cross`) come in two directions:
- for one of the product's roots' keys, signed by an external root: stored like a sub-CA's
  imported certificate (kind `cross`);
- for an external root's key, signed by one of the product's roots: stored as a trust anchor
  with source `cross` (pki.trust.TrustStore.add_cross), so chains under that root validate.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from sqlalchemy import select
from sqlalchemy.orm import Session

from auth.audit import record_event

from . import der
from .authority import Authority, CertificateAuthority, fingerprint_of
from .db import CaCertificateRecord
from .errors import PkiError
from .trust import MAX_BUNDLE_BYTES, TrustStore, parse_bundle
from .validation import MAX_SUB_CAS, PathValidator

# Which imported roots a hierarchy's CAs may be certified under, by the product root's name.
KIND_OF_ROOT = {
    "v2g-root": "v2g-root",
    "v2g-root-20": "v2g-root",
    "mo-root": "mo-root",
    "mo-root-20": "mo-root",
}


class CaVariantRejected(PkiError):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class ExternalCaCertificate:
    """One of the product's CAs certified under an active external root."""

    ca_name: str
    kind: str  # sub-ca | cross
    certificate: x509.Certificate
    root: x509.Certificate  # the imported root it chains to


@dataclass(frozen=True)
class CaImport:
    ca_name: str
    kind: str
    fingerprint: str
    root_subject: str
    already_known: bool


@dataclass(frozen=True)
class CrossImport:
    direction: str  # "own-key" (our root under theirs) | "their-key" (theirs under ours)
    fingerprint: str
    subject: str
    issuer: str


def request_csr(ca: CertificateAuthority, name: str) -> bytes:
    """A PEM PKCS#10 request for CA `name`'s existing key and subject, signed inside the key
    store (the private key is never exported, so an HSM-held key works the same)."""
    authority = _external_capable(ca, name, allow_root=False)
    signer = ca.signer_for(name)
    spki = authority.certificate.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    info = der.sequence(
        b"\x02\x01\x00",  # version 1
        authority.certificate.subject.public_bytes(),
        spki,
        b"\xa0\x00",  # [0] attributes: none
    )
    request = der.signed_structure(info, signer.signature_algorithm, signer.sign(info))
    csr = x509.load_der_x509_csr(request)
    if not csr.is_signature_valid:  # a faulty key store never hands out a broken request
        raise PkiError(f"the key store's signature on {name}'s request does not verify")
    return csr.public_bytes(serialization.Encoding.PEM)


def _external_capable(ca: CertificateAuthority, name: str, *, allow_root: bool) -> Authority:
    authority = ca.authority(name)
    if not authority.profile.ca:
        raise CaVariantRejected("not_a_ca", f"{name} is not a CA")
    if authority.parent is None and not allow_root:
        raise CaVariantRejected(
            "root", f"{name} is a root: use `csms pki trust import-cross` for its key"
        )
    if ca.root_of(name).name not in KIND_OF_ROOT:
        raise CaVariantRejected(
            "hierarchy", f"{name} is not in a V2G or MO hierarchy of the product"
        )
    return authority


def _cas_below(ca: CertificateAuthority, name: str) -> int:
    """How many of the product's CA levels sit below `name` (cps-sub1: 1, for cps-sub2)."""
    children = [n for n, a in ca.authorities().items() if a.parent == name and a.profile.ca]
    return max((1 + _cas_below(ca, child) for child in children), default=0)


def _load_one(data: bytes) -> x509.Certificate:
    if len(data) > MAX_BUNDLE_BYTES:
        raise CaVariantRejected("too_large", "the file is larger than 256 KiB")
    try:
        certificates = parse_bundle(data)
    except PkiError as exc:
        raise CaVariantRejected("malformed", str(exc)) from None
    if len(certificates) != 1:
        raise CaVariantRejected(
            "malformed", f"expected one PEM certificate, the file holds {len(certificates)}"
        )
    return certificates[0]


class CaVariants:
    """The product CAs' certificates under external roots; every method works in the caller's
    session."""

    def __init__(self, ca: CertificateAuthority, trust: TrustStore) -> None:
        self._ca = ca
        self._trust = trust

    def request(self, session: Session, name: str, *, actor: str) -> bytes:
        """`request_csr`, audited (`ca.csr_exported`): a use of the CA's key."""
        csr = request_csr(self._ca, name)
        record_event(
            session,
            actor=actor,
            action="ca.csr_exported",
            ca=name,
            subject=self._ca.authority(name).certificate.subject.rfc4514_string(),
        )
        return csr

    def import_certificate(
        self,
        session: Session,
        name: str,
        data: bytes,
        *,
        actor: str,
        kind: str = "sub-ca",
        now: datetime | None = None,
    ) -> CaImport:
        now = now or datetime.now(UTC)
        authority = _external_capable(self._ca, name, allow_root=kind == "cross")
        certificate = _load_one(data)
        return self._store(session, authority, certificate, kind=kind, actor=actor, now=now)

    def _store(
        self,
        session: Session,
        authority: Authority,
        certificate: x509.Certificate,
        *,
        kind: str,
        actor: str,
        now: datetime,
    ) -> CaImport:
        name = authority.name
        own = authority.certificate
        if certificate.public_key() != own.public_key():
            raise CaVariantRejected(
                "key_mismatch", f"the certificate is not for {name}'s key (made from another CSR?)"
            )
        if certificate.subject != own.subject:
            raise CaVariantRejected(
                "subject_mismatch",
                f"the certificate names {certificate.subject.rfc4514_string()}, "
                f"{name} is {own.subject.rfc4514_string()}",
            )
        try:
            bc = certificate.extensions.get_extension_for_class(x509.BasicConstraints).value
        except x509.ExtensionNotFound:
            bc = None
        if bc is None or not bc.ca:
            raise CaVariantRejected("not_a_ca", "the certificate is not a CA certificate")
        below = _cas_below(self._ca, name)
        if bc.path_length is not None and bc.path_length < below:
            raise CaVariantRejected(
                "path_length",
                f"pathLenConstraint {bc.path_length} does not admit the {below} CA level(s) "
                f"below {name}",
            )
        if certificate.not_valid_after_utc < now or certificate.not_valid_before_utc > now:
            raise CaVariantRejected("expired", "the certificate is not valid now")
        root_kind = KIND_OF_ROOT[self._ca.root_of(name).name]
        rows = [r for r in self._trust.active_rows(session, root_kind) if r.role != "cross"]
        anchors = [x509.load_der_x509_certificate(r.der) for r in rows if r.role == "root"]
        subs = [x509.load_der_x509_certificate(r.der) for r in rows if r.role == "sub-ca"]
        # Below X's root: X's sub-CAs, then this CA, then the product's CAs under it; ISO
        # 15118 allows two sub-CAs in all, the validator checks what it sees here.
        result = PathValidator(anchors, subs, max_sub_cas=MAX_SUB_CAS).validate(certificate, at=now)
        if not result.ok or result.anchor is None:
            raise CaVariantRejected(
                "untrusted",
                f"the certificate does not chain to an active imported {root_kind}: "
                f"{result.detail}",
            )
        anchor_fp = fingerprint_of(result.anchor)
        fp = fingerprint_of(certificate)
        existing = session.scalar(
            select(CaCertificateRecord).where(CaCertificateRecord.fingerprint_sha256 == fp)
        )
        root_subject = result.anchor.subject.rfc4514_string()
        if existing is not None:
            return CaImport(name, existing.kind, fp, root_subject, already_known=True)
        session.add(
            CaCertificateRecord(
                ca_name=name,
                kind=kind,
                anchor_fingerprint=anchor_fp,
                subject=certificate.subject.rfc4514_string(),
                issuer=certificate.issuer.rfc4514_string(),
                fingerprint_sha256=fp,
                der=certificate.public_bytes(serialization.Encoding.DER),
                not_before=certificate.not_valid_before_utc,
                not_after=certificate.not_valid_after_utc,
                added_at=now,
                added_by=actor,
            )
        )
        record_event(
            session,
            actor=actor,
            action="ca.certificate_imported",
            fingerprint=fp,
            serial_hex=format(certificate.serial_number, "X"),
            ca=name,
            kind=kind,
            root=root_subject,
            root_fingerprint=anchor_fp,
        )
        return CaImport(name, kind, fp, root_subject, already_known=False)

    def import_cross(
        self, session: Session, data: bytes, *, actor: str, now: datetime | None = None
    ) -> CrossImport:
        now = now or datetime.now(UTC)
        certificate = _load_one(data)
        roots = {
            n: a
            for n, a in self._ca.authorities().items()
            if a.parent is None and n in KIND_OF_ROOT
        }
        for name, root in roots.items():
            if certificate.public_key() == root.certificate.public_key():
                done = self._store(session, root, certificate, kind="cross", actor=actor, now=now)
                return CrossImport(
                    "own-key", done.fingerprint, name, certificate.issuer.rfc4514_string()
                )
        for name, root in roots.items():
            try:
                certificate.verify_directly_issued_by(root.certificate)
            except Exception:  # noqa: S112 - not signed by this root: try the next one
                continue
            if certificate.not_valid_after_utc < now or certificate.not_valid_before_utc > now:
                raise CaVariantRejected("expired", "the certificate is not valid now")
            row = self._trust.add_cross(
                session, certificate, KIND_OF_ROOT[name], actor=actor, now=now
            )
            return CrossImport(
                "their-key",
                row.fingerprint_sha256,
                row.subject,
                certificate.issuer.rfc4514_string(),
            )
        raise CaVariantRejected(
            "cross_unrelated",
            "the certificate is neither for one of the product's root keys nor signed by one "
            "of the product's roots",
        )

    def external_certificates(
        self, session: Session, names: tuple[str, ...], *, at: datetime | None = None
    ) -> list[ExternalCaCertificate]:
        """The certificates of these CAs under roots that are active now, oldest import first;
        an expired one is left out."""
        at = at or datetime.now(UTC)
        records = list(
            session.scalars(
                select(CaCertificateRecord)
                .where(CaCertificateRecord.ca_name.in_(names))
                .order_by(CaCertificateRecord.id)
            )
        )
        if not records:
            return []
        roots = {
            r.fingerprint_sha256: x509.load_der_x509_certificate(r.der)
            for r in self._trust.active_rows(session)
            if r.role == "root"
        }
        found = []
        for record in records:
            root = roots.get(record.anchor_fingerprint)
            if root is None or not record.not_before <= at <= record.not_after:
                continue
            found.append(
                ExternalCaCertificate(
                    record.ca_name, record.kind, x509.load_der_x509_certificate(record.der), root
                )
            )
        return found

    @staticmethod
    def list(session: Session) -> list[CaCertificateRecord]:
        return list(session.scalars(select(CaCertificateRecord).order_by(CaCertificateRecord.id)))
