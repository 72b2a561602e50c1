"""The CSMS root and its rotation: which root the OCPP TLS server certificate chains to.

Stations check the CSMS's server certificate against the CSMSRootCertificate they hold. Until
the first rotation that root is the product's V2G root (the server certificate comes from
cpo-sub2, csms/ocpp/tls.py). A rotation moves the server to a new generation in three steps,
each a command of its own so that an operator (or a script) decides when the fleet is ready:

1. `begin`: a new root `csms-root-N` with its issuing CA `csms-tls-N`, and a link certificate:
   the new root's name and key certified by the current root (stations that enforce
   AdditionalRootCertificateCheck accept only a CSMS root signed by the one it replaces,
   OCPP 2.0.1 M05.FR.10). The new generation is `next`: every node gives its root to the
   stations it serves (csms/ocpp/trust_store.py), the server certificate does not change.
2. `switch`: `next` becomes `current`, the old one `previous`. Every node reissues its server
   certificate under `csms-tls-N` and serves it from the next handshake on, followed by the
   link certificate, so a station that holds only the old root still finds a path to it.
3. `retire`: `previous` becomes `retired`; the link is no longer served and every node removes
   the retired root from its stations' stores (never a root the station still needs as
   another type: the V2G root of generation 0 stays a V2G root).

The steps are recorded in `pki_csms_root_generations` in the caller's transaction, so a crash
leaves one state or the next, never half of one; `begin` reuses the keys an interrupted run
left. Which stations are ready for `switch` and `retire` is the station service's business
(csms/ocpp/service.py), which calls these with its answer.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from cryptography import x509
from sqlalchemy import select
from sqlalchemy.orm import Session

from auth.audit import record_event
from auth.errors import Conflict

from .authority import CertificateAuthority, fingerprint_of
from .db import CertificateRecord, CsmsRootGenerationRecord

GENERATION_ZERO_ROOT = "v2g-root"
GENERATION_ZERO_ISSUER = "cpo-sub2"
STATES = ("next", "current", "previous", "retired")


class RotationRefused(Conflict):
    """The rotation is not in the state the step needs."""

    def __init__(self, message: str, code: str = "rotation_state") -> None:
        super().__init__(message, code=code)


@dataclass(frozen=True)
class CsmsRoot:
    """One generation as stations and the TLS server need it."""

    generation: int
    state: str
    root: x509.Certificate
    issuing_ca: str
    link: x509.Certificate | None  # this root certified by the previous generation's root
    link_issuer: x509.Certificate | None  # that previous root

    @property
    def fingerprint(self) -> str:
        return fingerprint_of(self.root)

    def describe(self) -> dict[str, object]:
        return {
            "generation": self.generation,
            "state": self.state,
            "subject": self.root.subject.rfc4514_string(),
            "fingerprint": self.fingerprint,
            "notAfter": self.root.not_valid_after_utc.isoformat(),
            "issuingCa": self.issuing_ca,
            "link": None if self.link is None else fingerprint_of(self.link),
        }


class CsmsRootRotation:
    def __init__(self, ca: CertificateAuthority) -> None:
        self._ca = ca

    # --- reading ---------------------------------------------------------------------------------

    def generations(self, session: Session) -> list[CsmsRoot]:
        """Every generation, oldest first; generation 0 alone before the first rotation."""
        rows = list(
            session.scalars(
                select(CsmsRootGenerationRecord).order_by(CsmsRootGenerationRecord.generation)
            )
        )
        if not rows:
            return [self._generation_zero("current")]
        links = {
            record.id: record.der
            for record in session.scalars(
                select(CertificateRecord).where(
                    CertificateRecord.id.in_(
                        [r.link_certificate_id for r in rows if r.link_certificate_id]
                    )
                )
            )
        }
        found: list[CsmsRoot] = []
        for row in rows:
            der = links.get(row.link_certificate_id) if row.link_certificate_id else None
            found.append(
                CsmsRoot(
                    generation=row.generation,
                    state=row.state,
                    root=self._ca.authority(row.root_ca).certificate,
                    issuing_ca=row.issuing_ca,
                    link=x509.load_der_x509_certificate(der) if der else None,
                    link_issuer=found[-1].root if found and der else None,
                )
            )
        return found

    def _generation_zero(self, state: str) -> CsmsRoot:
        return CsmsRoot(
            generation=0,
            state=state,
            root=self._ca.chain_to_root(GENERATION_ZERO_ISSUER)[-1],
            issuing_ca=GENERATION_ZERO_ISSUER,
            link=None,
            link_issuer=None,
        )

    def current(self, session: Session) -> CsmsRoot:
        return next(g for g in self.generations(session) if g.state == "current")

    def in_use(self, session: Session) -> list[CsmsRoot]:
        """The roots stations should hold now: current, and next or previous while a rotation
        runs."""
        return [g for g in self.generations(session) if g.state in ("next", "current", "previous")]

    def retired(self, session: Session) -> list[CsmsRoot]:
        return [g for g in self.generations(session) if g.state == "retired"]

    def served_chain(self, session: Session) -> tuple[str, list[x509.Certificate]]:
        """What the TLS server presents: the issuing CA of its certificate, and the
        certificates it sends after the issuing CA's chain (the link while the previous
        root is still in use)."""
        generations = self.generations(session)
        current = next(g for g in generations if g.state == "current")
        extra = []
        if current.link is not None and any(g.state == "previous" for g in generations):
            extra.append(current.link)
        return current.issuing_ca, extra

    def state_token(self, session: Session) -> str:
        """Changes whenever any generation changes state: nodes compare it to notice steps.
        (Read from the table alone: no CA needs to be loaded for it.)"""
        rows = self._rows(session, lock=False)
        return ",".join(f"{r.generation}:{r.state}" for r in rows) or "0:current"

    # --- the steps -------------------------------------------------------------------------------

    def begin(self, session: Session, *, actor: str) -> CsmsRoot:
        """Make the next generation (step 1). Refused while a rotation is under way: a
        `next` generation not yet switched, or a `previous` one not yet retired."""
        rows = self._rows(session, lock=True)
        if any(r.state in ("next", "previous") for r in rows):
            raise RotationRefused(
                "a CSMS root rotation is under way: finish it (switch, retire) first",
                code="rotation_in_progress",
            )
        now = datetime.now(UTC)
        if not rows:
            zero = CsmsRootGenerationRecord(
                generation=0,
                root_ca=GENERATION_ZERO_ROOT,
                issuing_ca=GENERATION_ZERO_ISSUER,
                link_certificate_id=None,
                state="current",
                created_at=now,
                created_by=actor,
            )
            session.add(zero)
            rows = [zero]
        current = next(r for r in rows if r.state == "current")
        number = max(r.generation for r in rows) + 1
        old_root = self._ca.authority(current.root_ca)
        while old_root.parent is not None:  # generation 0 names the V2G root itself
            old_root = self._ca.authority(old_root.parent)
        root_subject = self._ca.subject(f"CSMS Root CA {number}")
        # Every signature first (each reservation commits on its own), then every write in the
        # caller's transaction: the generation appears whole or not at all.
        root = self._ca.prepare_authority(
            name=f"csms-root-{number}",
            profile_name="csms-root",
            parent=None,
            key_algorithm="ec-p256",
            subject=root_subject,
            actor=actor,
        )
        issuing = self._ca.prepare_authority(
            name=f"csms-tls-{number}",
            profile_name="csms-tls-ca",
            parent=root.authority,
            key_algorithm="ec-p256",
            subject=self._ca.subject(f"CSMS TLS CA {number}"),
            actor=actor,
        )
        link = self._ca.prepare_link(
            subject_of=root.authority,
            subject=root_subject,
            issuer=old_root,
            profile_name="csms-root-link",
            actor=actor,
        )
        self._ca.record_authority(session, root, actor)
        self._ca.record_authority(session, issuing, actor)
        self._ca.complete(session, link)
        session.add(
            CsmsRootGenerationRecord(
                generation=number,
                root_ca=root.authority.name,
                issuing_ca=issuing.authority.name,
                link_certificate_id=link.record_id,
                state="next",
                created_at=now,
                created_by=actor,
            )
        )
        record_event(
            session,
            actor=actor,
            action="csms_root.begin",
            generation=number,
            fingerprint=fingerprint_of(root.authority.certificate),
            link=fingerprint_of(link.certificate),
        )
        return CsmsRoot(
            generation=number,
            state="next",
            root=root.authority.certificate,
            issuing_ca=issuing.authority.name,
            link=link.certificate,
            link_issuer=old_root.certificate,
        )

    def switch(self, session: Session, *, actor: str) -> int:
        """Serve the next generation (step 2); returns its number."""
        rows = self._rows(session, lock=True)
        following = next((r for r in rows if r.state == "next"), None)
        if following is None:
            raise RotationRefused("no CSMS root rotation to switch to: begin one first")
        now = datetime.now(UTC)
        for row in rows:
            if row.state == "current":
                row.state = "previous"
        following.state = "current"
        following.switched_at, following.switched_by = now, actor
        record_event(
            session, actor=actor, action="csms_root.switch", generation=following.generation
        )
        return following.generation

    def retire(self, session: Session, *, actor: str) -> int:
        """Stop using the previous generation (step 3); returns its number."""
        rows = self._rows(session, lock=True)
        previous = next((r for r in rows if r.state == "previous"), None)
        if previous is None:
            raise RotationRefused("no previous CSMS root to retire: switch first")
        previous.state = "retired"
        previous.retired_at, previous.retired_by = datetime.now(UTC), actor
        record_event(
            session, actor=actor, action="csms_root.retire", generation=previous.generation
        )
        return previous.generation

    @staticmethod
    def _rows(session: Session, *, lock: bool) -> list[CsmsRootGenerationRecord]:
        query = select(CsmsRootGenerationRecord).order_by(CsmsRootGenerationRecord.generation)
        if lock:
            # Two operators (or nodes) stepping at once take turns; the second sees the first's
            # step and is refused or does the next one.
            query = query.with_for_update()
        return list(session.scalars(query))
