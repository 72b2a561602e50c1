"""The certificate authority: its hierarchies, issuance with storage, revocation.

Issuance, in order (each step says why it is there):
1. Check the issuer (one of the profile's `issuers`, certs/profiles.toml) and the request
   against the profile (pki.csr): nothing is stored for a bad request.
2. Build the precertificate and check it against the profile (pki.issuance).
3. Record serial and precertificate, committed, *before* the real signature: a crash after
   this point can never leave a signed certificate the database does not know about.
4. Sign with the CA key and verify the signature (a faulty HSM cannot fake an issuance).
5. Store the certificate and its audit event in the *caller's* transaction, with whatever else
   the caller records about it (the contract it belongs to, the station it is for): the
   certificate counts as issued only if all of it commits.
If 4 fails, the reservation is marked `failed`; if the caller's transaction does not commit,
the row stays `reserved`: known to the database, never handed out, and revocable like any other.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cached_property
from typing import cast

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.types import CertificateIssuerPublicKeyTypes
from sqlalchemy import Table, bindparam, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from auth.audit import AuditEvent, record_event
from auth.db import after_commit, after_rollback

from .certificate_profile import IssuerFacts
from .csr import check_csr, load_csr
from .db import CertificateAuthorityRecord, CertificateRecord
from .errors import (
    AlreadyRevoked,
    CsrRejected,
    IssuerNotAllowed,
    KeyStoreError,
    NotInitialised,
    PkiError,
    UnknownAuthority,
    UnknownCertificate,
)
from .issuance import (
    Precertificate,
    SubjectFields,
    build_precertificate,
    random_serial,
    serial_to_hex,
    sign_precertificate,
)
from .keystore import KeyStore, Signer
from .profiles import AuthoritySpec, Profile, get_profile, key_algorithm_of, load_hierarchy

REVOCATION_REASONS = {
    flag.value.lower(): flag
    for flag in x509.ReasonFlags
    if flag not in (x509.ReasonFlags.remove_from_crl,)
}


_CERTIFICATES = cast(Table, CertificateRecord.__table__)
_INSERT_RESERVATION = insert(_CERTIFICATES).returning(_CERTIFICATES.c.id)
_MARK_ISSUED = (
    update(_CERTIFICATES)
    .where(_CERTIFICATES.c.id == bindparam("record_id"), _CERTIFICATES.c.status == "reserved")
    .values(status="issued", der=bindparam("der"), fingerprint_sha256=bindparam("fingerprint"))
)
_INSERT_AUDIT = insert(cast(Table, AuditEvent.__table__))


def _stored(der: bytes | None) -> bytes:
    if der is None:
        raise PkiError("a CA's certificate record has no certificate: the database is damaged")
    return der


def fingerprint_of(certificate: x509.Certificate) -> str:
    return hashlib.sha256(certificate.public_bytes(serialization.Encoding.DER)).hexdigest()


def pem_of(certificates: list[x509.Certificate] | tuple[x509.Certificate, ...]) -> str:
    return "".join(c.public_bytes(serialization.Encoding.PEM).decode() for c in certificates)


def parse_reason(text: str | None) -> x509.ReasonFlags:
    if text is None:
        return x509.ReasonFlags.unspecified
    key = text.replace("-", "").replace("_", "").lower()
    for name, flag in REVOCATION_REASONS.items():
        if name == key:
            return flag
    raise PkiError(
        f"unknown revocation reason {text!r}; one of: "
        + ", ".join(f.value for f in REVOCATION_REASONS.values())
    )


@dataclass(frozen=True)
class Authority:
    name: str
    profile: Profile
    certificate: x509.Certificate
    parent: str | None
    key_backend: str
    key_ref: str

    @cached_property
    def facts(self) -> IssuerFacts:
        return IssuerFacts.of(self.certificate)


@dataclass(frozen=True)
class IssuedCertificate:
    certificate: x509.Certificate
    chain: tuple[x509.Certificate, ...]  # the issuing CA up to, not including, the root
    serial_hex: str
    fingerprint: str

    def pem_chain(self) -> str:
        """Leaf first, without the root: what CertificateSigned and `pki issue` hand out."""
        return pem_of((self.certificate, *self.chain))


@dataclass(frozen=True)
class PendingCertificate:
    """Reserved and signed, not yet issued: see `CertificateAuthority.sign_for_key`."""

    record_id: int
    issued: IssuedCertificate
    profile: Profile
    issuer_name: str
    actor: str

    @property
    def certificate(self) -> x509.Certificate:
        return self.issued.certificate


@dataclass(frozen=True)
class PreparedAuthority:
    """A CA signed by `prepare_authority`, recorded by `record_authority`."""

    authority: Authority
    record_id: int
    issued: IssuedCertificate


@dataclass(frozen=True)
class InitResult:
    created: tuple[str, ...]
    existing: tuple[str, ...]


@dataclass(frozen=True)
class RevocationInfo:
    serial_hex: str
    issuer_ca: str | None
    revoked_at: datetime
    reason: str


class CertificateAuthority:
    def __init__(
        self,
        session_factory: Callable[[], Session],
        keystore: KeyStore,
        *,
        public_url: str,
        organization: str,
        country: str,
        key_label_prefix: str = "csms",
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self._session_factory = session_factory
        self._key_label_prefix = key_label_prefix
        self._keystore = keystore
        self.public_url = public_url.rstrip("/")
        self.ocsp_url = f"{self.public_url}/ocsp"
        self._organization = organization
        self._country = country
        self._clock = clock
        self._authorities: dict[str, Authority] | None = None
        self._lock = threading.Lock()

    # --- hierarchy -------------------------------------------------------------------------

    def init(
        self,
        session: Session,
        actor: str,
        *,
        names: tuple[str, ...] | None = None,
        include_demo: bool = False,
    ) -> InitResult:
        """Create the hierarchies of certs/hierarchy.toml in the caller's transaction; existing
        CAs are left alone. Demo CAs (a test car maker) only with `include_demo`.

        Every certificate is reserved and signed first (each reservation committed on its own,
        as for any issuance), and only then are the certificates completed and the CAs
        recorded, all in the caller's transaction: the hierarchy appears whole or not at all,
        and a second run after a failure reuses the keys already generated."""
        existing_authorities = self._load_authorities()
        created: dict[str, tuple[AuthoritySpec, Authority, int, IssuedCertificate]] = {}
        existing: list[str] = []
        for spec in load_hierarchy():
            if names is not None and spec.name not in names:
                continue
            if spec.demo and not include_demo:
                continue
            if spec.name in existing_authorities:
                existing.append(spec.name)
                continue
            parent = None
            if spec.parent is not None:
                parent = created[spec.parent][1] if spec.parent in created else None
                parent = parent or self.authority(spec.parent)
            authority, record_id, issued = self._sign_authority(
                name=spec.name,
                profile=get_profile(spec.profile),
                parent=parent,
                key_algorithm=spec.key,
                subject=SubjectFields(spec.cn, self._organization, self._country, spec.dc),
                actor=actor,
            )
            created[spec.name] = (spec, authority, record_id, issued)
        for _spec, authority, record_id, issued in created.values():
            self._record_authority(session, authority, record_id, issued, actor)
        if created:
            after_commit(session, self.forget_authorities)
        return InitResult(tuple(created), tuple(existing))

    def create_ocsp_delegate(self, session: Session, ca_name: str, *, actor: str) -> Authority:
        """A delegated OCSP responder for `ca_name` (RFC 6960 4.2.2.2); from then on it signs
        that CA's OCSP responses, so the CA key is used for certificates and CRLs only."""
        issuer = self.authority(ca_name)
        if not issuer.profile.ca:  # the responder is signed by the CA it answers for
            raise IssuerNotAllowed(f"{ca_name} is not a CA: it has no OCSP responder to delegate")
        name = f"{ca_name}-ocsp"
        existing = self._load_authorities().get(name)
        if existing is not None:
            return existing
        key_algorithm = key_algorithm_of(issuer.certificate.public_key())
        issuer_cn = issuer.certificate.subject.get_attributes_for_oid(x509.NameOID.COMMON_NAME)
        authority, record_id, issued = self._sign_authority(
            name=name,
            profile=get_profile("ocsp-responder"),
            parent=issuer,
            key_algorithm=key_algorithm,
            subject=SubjectFields(
                f"{issuer_cn[0].value!s} OCSP"[:64], self._organization, self._country
            ),
            actor=actor,
        )
        self._record_authority(session, authority, record_id, issued, actor)
        after_commit(session, self.forget_authorities)
        return authority

    def subject(self, common_name: str, domain_component: str | None = None) -> SubjectFields:
        """A subject of this installation: `common_name`, its organization and country."""
        return SubjectFields(common_name, self._organization, self._country, domain_component)

    def prepare_authority(
        self,
        *,
        name: str,
        profile_name: str,
        parent: Authority | None,
        key_algorithm: str,
        subject: SubjectFields,
        actor: str,
    ) -> PreparedAuthority:
        """A CA made at run time (pki/csms_root.py), signed but not yet recorded: the key (a
        new one, or the one an interrupted earlier run left under the same name) and its
        certificate, reserved and signed in transactions of their own. `record_authority`
        then completes it in the caller's transaction; until then it is nobody's issuer."""
        authority, record_id, issued = self._sign_authority(
            name=name,
            profile=get_profile(profile_name),
            parent=parent,
            key_algorithm=key_algorithm,
            subject=subject,
            actor=actor,
        )
        return PreparedAuthority(authority, record_id, issued)

    def record_authority(self, session: Session, prepared: PreparedAuthority, actor: str) -> None:
        self._record_authority(
            session, prepared.authority, prepared.record_id, prepared.issued, actor
        )
        after_commit(session, self.forget_authorities)

    def prepare_link(
        self,
        *,
        subject_of: Authority,
        subject: SubjectFields,
        issuer: Authority,
        profile_name: str,
        actor: str,
    ) -> PendingCertificate:
        """`subject_of`'s key, under its name (`subject`, the fields it was made with), certified
        by `issuer` (a root certifying its successor: the link certificate of a root rotation),
        reserved and signed; completed by `complete` in the caller's transaction."""
        profile = get_profile(profile_name)
        record_id, issued = self._reserve_and_sign(
            profile=profile,
            subject=subject,
            public_key=subject_of.certificate.public_key(),  # type: ignore[arg-type]
            issuer=issuer,
            self_signer=None,
            days=profile.default_days,
            actor=actor,
        )
        return PendingCertificate(record_id, issued, profile, issuer.name, actor)

    def _sign_authority(
        self,
        *,
        name: str,
        profile: Profile,
        parent: Authority | None,
        key_algorithm: str,
        subject: SubjectFields,
        actor: str,
    ) -> tuple[Authority, int, IssuedCertificate]:
        """A CA's key (generated, or left by an interrupted earlier run) and its certificate,
        reserved and signed but not yet completed."""
        key_ref = f"{self._key_label_prefix}/ca/{name}"
        try:
            signer = self._keystore.signer(key_ref)
        except PkiError:
            signer = self._keystore.generate(key_ref, key_algorithm)
        record_id, issued = self._reserve_and_sign(
            profile=profile,
            subject=subject,
            public_key=signer.public_key(),  # type: ignore[arg-type]
            issuer=parent,
            self_signer=signer if parent is None else None,
            days=profile.default_days,
            actor=actor,
        )
        authority = Authority(
            name=name,
            profile=profile,
            certificate=issued.certificate,
            parent=parent.name if parent else None,
            key_backend=self._keystore.backend,
            key_ref=key_ref,
        )
        return authority, record_id, issued

    def _record_authority(
        self,
        session: Session,
        authority: Authority,
        record_id: int,
        issued: IssuedCertificate,
        actor: str,
    ) -> None:
        self._complete(session, record_id, issued, authority.profile, authority.parent, actor)
        session.add(
            CertificateAuthorityRecord(
                name=authority.name,
                profile=authority.profile.name,
                parent=authority.parent,
                certificate_id=record_id,
                key_backend=authority.key_backend,
                key_ref=authority.key_ref,
                crl_number=0,
                created_at=self._clock(),
            )
        )
        record_event(
            session,
            actor=actor,
            action="ca.created",
            serial_hex=issued.serial_hex,
            fingerprint=issued.fingerprint,
            ca=authority.name,
            key_backend=authority.key_backend,
        )

    def forget_authorities(self) -> None:
        """Reload the hierarchy on next use (called once a change to it has committed)."""
        with self._lock:
            self._authorities = None

    def _load_authorities(self) -> dict[str, Authority]:
        with self._lock:
            if self._authorities is not None:
                return self._authorities
        with self._session_factory() as session:
            rows = session.execute(
                select(CertificateAuthorityRecord, CertificateRecord.der).join(
                    CertificateRecord,
                    CertificateRecord.id == CertificateAuthorityRecord.certificate_id,
                )
            ).all()
        loaded = {
            ca.name: Authority(
                name=ca.name,
                profile=get_profile(ca.profile),
                # An authority row is written only with its completed certificate.
                certificate=x509.load_der_x509_certificate(_stored(der)),
                parent=ca.parent,
                key_backend=ca.key_backend,
                key_ref=ca.key_ref,
            )
            for ca, der in rows
        }
        with self._lock:
            self._authorities = loaded
        return loaded

    def authorities(self) -> dict[str, Authority]:
        return dict(self._load_authorities())

    def find_authority(self, name: str) -> Authority | None:
        """The CA called `name`, or None; without copying the table (OCSP asks per request)."""
        return self._load_authorities().get(name)

    def authority(self, name: str) -> Authority:
        authorities = self._load_authorities()
        if name not in authorities:
            # Made since this process loaded them: by another process or node (a CSMS root
            # rotation's CAs, a delegated responder); one reload, then the answer stands.
            self.forget_authorities()
            authorities = self._load_authorities()
        if not authorities:
            raise NotInitialised("the PKI has no CAs yet: run `csms pki init`")
        try:
            return authorities[name]
        except KeyError:
            raise UnknownAuthority(
                f"unknown CA {name!r}; known: {', '.join(sorted(authorities))}"
            ) from None

    def chain_to_root(self, name: str) -> list[x509.Certificate]:
        """The CA's certificate, its parents', ending with the root's."""
        chain = []
        current: str | None = name
        while current is not None:
            authority = self.authority(current)
            chain.append(authority.certificate)
            current = authority.parent
        return chain

    def root_of(self, name: str) -> Authority:
        authority = self.authority(name)
        while authority.parent is not None:
            authority = self.authority(authority.parent)
        return authority

    def signer_for(self, name: str) -> Signer:
        authority = self.authority(name)
        return self._keystore.signer(authority.key_ref)

    def check_keys(self) -> None:
        """Every CA's key is in the key store, opens (the passphrase or the PKCS#11 PIN is
        right) and matches its certificate; KeyStoreError names the first that does not. A
        node started with another node's database but not its CSMS_KEY_PASSPHRASE fails
        here, at start, instead of at its first signature."""
        for name, authority in sorted(self._load_authorities().items()):
            signer = self._keystore.signer(authority.key_ref)
            if signer.public_key() != authority.certificate.public_key():
                raise KeyStoreError(
                    f"the key store's key for CA {name!r} is not the key of its certificate"
                )

    # --- issuance --------------------------------------------------------------------------

    def issue_from_csr(
        self,
        session: Session,
        csr: bytes | str,
        profile_name: str,
        *,
        actor: str,
        ca_name: str | None = None,
        days: int | None = None,
        expected_cn: str | None = None,
        expected_organization: str | None = None,
    ) -> IssuedCertificate:
        """Check the issuer and the CSR against the profile and issue; the certificate is
        completed in the caller's transaction (see the module's steps)."""
        profile = get_profile(profile_name)
        issuer = self._issuer_for(profile, ca_name)
        checked = check_csr(
            load_csr(csr),
            profile,
            expected_cn=expected_cn,
            expected_organization=expected_organization,
        )
        return self._issue(
            session,
            profile=profile,
            subject=SubjectFields(
                checked.common_name,
                checked.organization,
                checked.country,
                profile.domain_component,
            ),
            public_key=checked.public_key,
            spki_der=checked.spki_der,
            issuer=issuer,
            days=days or profile.default_days,
            actor=actor,
        )

    def issue_for_key(
        self,
        session: Session,
        public_key: CertificateIssuerPublicKeyTypes,
        profile_name: str,
        *,
        common_name: str,
        actor: str,
        organization: str | None = None,
        country: str | None = None,
        ca_name: str | None = None,
        days: int | None = None,
        not_after_limit: datetime | None = None,
    ) -> IssuedCertificate:
        """Issue for a key the product made itself (contract certificates, demo OEM leaves)."""
        pending = self.sign_for_key(
            public_key,
            profile_name,
            common_name=common_name,
            actor=actor,
            organization=organization,
            country=country,
            ca_name=ca_name,
            days=days,
            not_after_limit=not_after_limit,
        )
        return self.complete(session, pending)

    def sign_for_key(
        self,
        public_key: CertificateIssuerPublicKeyTypes,
        profile_name: str,
        *,
        common_name: str,
        actor: str,
        organization: str | None = None,
        country: str | None = None,
        ca_name: str | None = None,
        days: int | None = None,
        not_after_limit: datetime | None = None,
    ) -> PendingCertificate:
        """Steps 1-4 only: the certificate is reserved (committed) and signed, and becomes
        issued when the caller passes it to `complete` in its transaction. Between the two the
        caller may check what must still hold (e.g. the contract, re-read under a lock); if
        it does not, `abandon` marks the reservation failed."""
        profile = get_profile(profile_name)
        issuer = self._issuer_for(profile, ca_name)
        if profile.accepts_key(public_key) is None:
            raise CsrRejected("key_not_allowed", f"profile {profile.name} does not take this key")
        if profile.cn_pattern and not profile.cn_pattern.fullmatch(common_name):
            raise CsrRejected(
                "forbidden_cn", f"CN {common_name!r} is not allowed by {profile.name}"
            )
        record_id, issued = self._reserve_and_sign(
            profile=profile,
            subject=SubjectFields(common_name, organization, country, profile.domain_component),
            public_key=public_key,
            issuer=issuer,
            self_signer=None,
            days=days or profile.default_days,
            actor=actor,
            not_after_limit=not_after_limit,
        )
        return PendingCertificate(record_id, issued, profile, issuer.name, actor)

    def complete(self, session: Session, pending: PendingCertificate) -> IssuedCertificate:
        """Step 5 for a certificate from `sign_for_key`, in the caller's transaction."""
        self._complete(
            session,
            pending.record_id,
            pending.issued,
            pending.profile,
            pending.issuer_name,
            pending.actor,
        )
        return pending.issued

    def abandon(self, pending: PendingCertificate, reason: str) -> None:
        """Never complete `pending`: its reservation is marked failed (in a transaction of its
        own; call it before the caller's transaction writes, as for any issuance)."""
        self._mark_failed(pending.record_id, pending.actor, reason)

    def default_issuer(self, profile_name: str) -> str:
        """The CA that issues `profile_name` certificates when none is named (the first of the
        profile's `issuers`); IssuerNotAllowed for a profile not issued from requests."""
        return self._issuer_for(get_profile(profile_name), None).name

    def _issuer_for(self, profile: Profile, ca_name: str | None) -> Authority:
        """Step 1's first check, before anything is stored: the CA named (or the profile's
        default) must be one of the profile's `issuers` (certs/profiles.toml), so a profile is
        signed only inside its own hierarchy, never by a root, and never by a CA of the other
        generation. A profile without issuers (the CA profiles, the delegated OCSP responder)
        is not issued from a request at all."""
        if not profile.issuers:
            if profile.ca:
                why = "CA certificates come from `csms pki init` only"
            elif profile.ocsp_nocheck:
                why = "a delegated OCSP responder comes from `csms pki ocsp-delegate CA` only"
            else:
                why = "no CA of this installation signs it"
            raise IssuerNotAllowed(f"profile {profile.name} is not issued from a request: {why}")
        name = ca_name or profile.issuers[0]
        issuer = self.authority(name)
        if not profile.allows_issuer(name):
            raise IssuerNotAllowed(
                f"{name} may not issue {profile.name} certificates; "
                f"allowed: {', '.join(profile.issuers)}"
            )
        # The data is checked on load; these hold the rule should a stored CA differ from it.
        if not issuer.profile.ca or issuer.parent is None:
            raise IssuerNotAllowed(f"{name} may not issue {profile.name}: not a sub-CA")
        return issuer

    def _issue(
        self,
        session: Session,
        *,
        profile: Profile,
        subject: SubjectFields,
        public_key: CertificateIssuerPublicKeyTypes,
        issuer: Authority,
        days: int,
        actor: str,
        not_after_limit: datetime | None = None,
        spki_der: bytes | None = None,
    ) -> IssuedCertificate:
        record_id, issued = self._reserve_and_sign(
            profile=profile,
            subject=subject,
            public_key=public_key,
            issuer=issuer,
            self_signer=None,
            days=days,
            actor=actor,
            not_after_limit=not_after_limit,
            spki_der=spki_der,
        )
        self._complete(session, record_id, issued, profile, issuer.name, actor)
        return issued

    def _reserve_and_sign(
        self,
        *,
        profile: Profile,
        subject: SubjectFields,
        public_key: CertificateIssuerPublicKeyTypes,
        issuer: Authority | None,
        self_signer: Signer | None,
        days: int,
        actor: str,
        not_after_limit: datetime | None = None,
        spki_der: bytes | None = None,
    ) -> tuple[int, IssuedCertificate]:
        """Steps 2-4: the reservation is committed on its own before the signature, so the
        caller's transaction, which completes the certificate, must not have written to a
        SQLite database yet (SQLite has one writer; PostgreSQL has no such limit)."""
        signer = self_signer if issuer is None else self._keystore.signer(issuer.key_ref)
        assert signer is not None
        now = self._clock()
        for _attempt in range(3):
            precert = build_precertificate(
                profile=profile,
                subject=subject,
                public_key=public_key,
                issuer=issuer.facts if issuer else None,
                issuer_signature_algorithm=signer.signature_algorithm,
                serial=random_serial(),
                now=now,
                days=days,
                ocsp_url=self.ocsp_url,
                not_after_limit=not_after_limit,
                spki_der=spki_der,
            )
            try:
                record_id = self._reserve(precert, profile, issuer, actor)
                break
            except IntegrityError:  # a serial collision: vanishingly rare, but cheap to handle
                continue
        else:
            raise PkiError("could not reserve a unique serial number")
        try:
            certificate = sign_precertificate(precert, signer)
        except BaseException as exc:
            self._mark_failed(record_id, actor, type(exc).__name__)
            raise
        # A CA being created under a parent created in the same transaction has no stored
        # chain yet; nobody hands a CA certificate out with its chain.
        known = issuer is not None and issuer.name in self._load_authorities()
        issued = IssuedCertificate(
            certificate=certificate,
            chain=tuple(self.chain_to_root(issuer.name)[:-1]) if known and issuer else (),
            serial_hex=serial_to_hex(certificate.serial_number),
            fingerprint=fingerprint_of(certificate),
        )
        return record_id, issued

    # The two writes of every issuance are prepared Core statements on the tables rather than
    # ORM objects: they sit on the hot path, and the unit of work adds nothing there.

    def _reserve(
        self, precert: Precertificate, profile: Profile, issuer: Authority | None, actor: str
    ) -> int:
        """Step 3, in a transaction of its own, committed before anything is signed."""
        # cryptography parses the precertificate once more before anything signs it; its
        # Name also gives the subject in RFC 4514 form for the record.
        subject = x509.load_der_x509_certificate(precert.der).subject
        fields = precert.fields
        cn = subject.get_attributes_for_oid(x509.NameOID.COMMON_NAME)[0].value
        row = {
            "serial_hex": serial_to_hex(fields.serial),
            "issuer_ca": issuer.name if issuer else None,
            "profile": profile.name,
            "subject": subject.rfc4514_string(),
            "subject_cn": str(cn),
            "not_before": fields.not_before,
            "not_after": fields.not_after,
            "status": "reserved",
            "precert_der": precert.der,
            "created_at": self._clock(),
            "requested_by": actor,
        }
        with self._session_factory() as session, session.begin():
            return int(session.connection().execute(_INSERT_RESERVATION, row).scalar_one())

    def _complete(
        self,
        session: Session,
        record_id: int,
        issued: IssuedCertificate,
        profile: Profile,
        issuer_name: str | None,
        actor: str,
    ) -> None:
        """Step 5, in the caller's transaction: the certificate counts as issued only if that
        transaction commits; if it does not, the row stays `reserved` (known, never issued).
        If this step itself fails, the reservation is marked `failed` once the caller's
        transaction has rolled back (not before: that transaction may hold the row's lock)."""
        try:
            self._store_issued(session, record_id, issued, profile, issuer_name, actor)
        except BaseException as exc:
            error = type(exc).__name__
            after_rollback(session, lambda: self._mark_failed(record_id, actor, error))
            raise

    def _store_issued(
        self,
        session: Session,
        record_id: int,
        issued: IssuedCertificate,
        profile: Profile,
        issuer_name: str | None,
        actor: str,
    ) -> None:
        connection = session.connection()
        updated = connection.execute(
            _MARK_ISSUED,
            {
                "record_id": record_id,
                "der": issued.certificate.public_bytes(serialization.Encoding.DER),
                "fingerprint": issued.fingerprint,
            },
        )
        if updated.rowcount != 1:
            raise PkiError("the reservation vanished before the certificate was stored")
        connection.execute(
            _INSERT_AUDIT,
            {
                "at": self._clock(),
                "actor": actor,
                "action": "certificate.issued",
                "serial_hex": issued.serial_hex,
                "fingerprint_sha256": issued.fingerprint,
                "details": {
                    "profile": profile.name,
                    "issuer": issuer_name,
                    "subject": issued.certificate.subject.rfc4514_string(),
                },
            },
        )

    def _mark_failed(self, record_id: int, actor: str, error: str) -> None:
        try:
            with self._session_factory() as session, session.begin():
                record = session.get(CertificateRecord, record_id)
                if record is not None and record.status == "reserved":
                    record.status = "failed"
                    record_event(
                        session,
                        actor=actor,
                        action="certificate.issue_failed",
                        serial_hex=record.serial_hex,
                        error=error,
                    )
        except Exception:  # noqa: S110 - the row stays `reserved`: still known, never issued
            pass

    # --- lookup and revocation ---------------------------------------------------------------

    def find(self, session: Session, serial: int) -> CertificateRecord:
        record = session.scalar(
            select(CertificateRecord).where(CertificateRecord.serial_hex == serial_to_hex(serial))
        )
        if record is None:
            raise UnknownCertificate(f"no certificate with serial {serial_to_hex(serial)}")
        return record

    def revoke(
        self, session: Session, serial: int, *, reason: str | None, actor: str
    ) -> RevocationInfo:
        """Revoke in the caller's transaction (a reserved certificate too: it may have been
        signed, and revoking it costs nothing)."""
        flag = parse_reason(reason)
        serial_hex = serial_to_hex(serial)
        record = session.scalar(
            select(CertificateRecord)
            .where(CertificateRecord.serial_hex == serial_hex)
            .with_for_update()
        )
        if record is None or record.status not in ("issued", "reserved"):
            raise UnknownCertificate(f"no issued certificate with serial {serial_hex}")
        if record.revoked_at is not None:
            raise AlreadyRevoked(
                f"{serial_hex} was revoked at {record.revoked_at.isoformat()} "
                f"({record.revocation_reason})"
            )
        record.revoked_at = self._clock().replace(microsecond=0)
        record.revocation_reason = flag.value
        record_event(
            session,
            actor=actor,
            action="certificate.revoked",
            serial_hex=serial_hex,
            fingerprint=record.fingerprint_sha256,
            reason=flag.value,
            issuer=record.issuer_ca,
        )
        return RevocationInfo(serial_hex, record.issuer_ca, record.revoked_at, flag.value)

    def list_certificates(
        self,
        session: Session,
        *,
        issuer_ca: str | None = None,
        profiles: tuple[str, ...] | None = None,
        limit: int = 100,
        offset: int = 0,
    ) -> list[CertificateRecord]:
        """Certificates the CA signed or reserved, newest first."""
        query = select(CertificateRecord).order_by(CertificateRecord.id.desc())
        if issuer_ca is not None:
            query = query.where(CertificateRecord.issuer_ca == issuer_ca)
        if profiles is not None:
            query = query.where(CertificateRecord.profile.in_(profiles))
        return list(session.scalars(query.limit(limit).offset(offset)))

    def certificates_of_subject(
        self, session: Session, common_name: str, *, profiles: tuple[str, ...]
    ) -> list[CertificateRecord]:
        """Every certificate of these profiles with this CN that was reserved or issued, so a
        caller can revoke all of them: a reservation whose caller's transaction never
        committed may still have been signed."""
        return list(
            session.scalars(
                select(CertificateRecord)
                .where(
                    CertificateRecord.subject_cn == common_name,
                    CertificateRecord.profile.in_(profiles),
                    CertificateRecord.status.in_(("issued", "reserved")),
                )
                .order_by(CertificateRecord.id)
            )
        )
