"""The roots each station should hold, the roots it holds, and the difference (drift).

Expected, per station (`expected_roots`):
- CSMSRootCertificate: the root the CSMS's TLS server certificate chains to (csms/ocpp/tls.py:
  the product's V2G root until the first rotation), and during a rotation both the old and
  the new one (pki/csms_root.py); a station may hold the new one self-signed or as the link
  certificate its predecessor signed (AdditionalRootCertificateCheck, M05.FR.10);
- V2GRootCertificate: the product's V2G root, and the active imported V2G roots its partner's
  policy names (all of them when the partner has no list: `auth_partners.station_roots`);
- MORootCertificate: the product's MO root, and the active imported MO roots of that policy.
A distrusted anchor is never expected, whatever the policy says.

Held: the last GetInstalledCertificateIds answer (refreshed by the server after each boot and
every `CSMS_TRUST_STORE_REFRESH_HOURS`, and by every GetInstalledCertificateIds an operator
sends). Roots are compared by OCPP's certificate hash data (the RFC 6960 CertID of a
self-signed certificate: hashes of its own name and key, and its serial), computed with the
hash algorithm the station reported.

Drift: expected roots the station does not hold (`missing`), and roots of these three types it
holds that are not expected (`unexpected`: each says whether it is a distrusted anchor, an
active one outside the policy, a retired CSMS root, or unknown to the product). A root held
under a type it is not expected as, but expected as another type, is `kept`, not drift:
DeleteCertificate names a certificate by its hash data alone, and deleting it would take the
other one too (the V2G root that was the CSMS root before the first rotation). A station that
never answered GetInstalledCertificateIds has an unknown trust store, not a drifted one. Other
certificate types (ManufacturerRootCertificate, the station's own leaves) are not judged.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from sqlalchemy import select
from sqlalchemy.orm import Session

from auth.models import Partner
from pki.authority import CertificateAuthority, fingerprint_of
from pki.csms_root import CsmsRoot, CsmsRootRotation
from pki.db import TrustAnchorRecord
from pki.ocsp import cert_id_for

from .stations import Station

CSMS_ROOT = "CSMSRootCertificate"
V2G_ROOT = "V2GRootCertificate"
MO_ROOT = "MORootCertificate"
MANAGED_TYPES = (CSMS_ROOT, V2G_ROOT, MO_ROOT)
_HASH_NAMES = {"SHA256": "sha256", "SHA384": "sha384", "SHA512": "sha512"}
HASH_ALGORITHMS = frozenset(_HASH_NAMES)
_KIND_TYPE = {"v2g-root": V2G_ROOT, "mo-root": MO_ROOT}


def _hash_data(
    certificate: x509.Certificate, issuer: x509.Certificate, algorithm: str
) -> dict[str, str]:
    cid = cert_id_for(certificate, issuer, _HASH_NAMES[algorithm])
    return {
        "hashAlgorithm": algorithm,
        "issuerNameHash": cid.issuer_name_hash.hex(),
        "issuerKeyHash": cid.issuer_key_hash.hex(),
        "serialNumber": format(certificate.serial_number, "x"),
    }


@dataclass(frozen=True)
class ExpectedRoot:
    certificate_type: str
    certificate: x509.Certificate
    source: str  # "product" | "anchor"
    # A CSMS root's link certificate (its key certified by the root it replaces) and that
    # root: a station enforcing AdditionalRootCertificateCheck holds the link instead.
    link: x509.Certificate | None = None
    link_issuer: x509.Certificate | None = None

    @property
    def fingerprint(self) -> str:
        return fingerprint_of(self.certificate)

    def hash_data(self, algorithm: str = "SHA256") -> dict[str, str]:
        return _hash_data(self.certificate, self.certificate, algorithm)

    def matches(self, data: dict[str, Any], algorithm: str) -> bool:
        """The station's hash data names this root, self-signed or as its link."""
        if _same(data, self.hash_data(algorithm)):
            return True
        return (
            self.link is not None
            and self.link_issuer is not None
            and _same(data, _hash_data(self.link, self.link_issuer, algorithm))
        )

    def pem(self) -> str:
        return self.certificate.public_bytes(serialization.Encoding.PEM).decode()

    def link_pem(self) -> str | None:
        return (
            None
            if self.link is None
            else self.link.public_bytes(serialization.Encoding.PEM).decode()
        )

    def describe(self) -> dict[str, Any]:
        return {
            "certificateType": self.certificate_type,
            "subject": self.certificate.subject.rfc4514_string(),
            "fingerprint": self.fingerprint,
            "source": self.source,
            "notAfter": self.certificate.not_valid_after_utc.isoformat(),
        }


@dataclass
class TrustStoreView:
    station_id: str
    known: bool  # the station has answered GetInstalledCertificateIds at least once
    expected: list[dict[str, Any]] = field(default_factory=list)
    held: list[dict[str, Any]] = field(default_factory=list)
    missing: list[dict[str, Any]] = field(default_factory=list)
    unexpected: list[dict[str, Any]] = field(default_factory=list)
    kept: list[dict[str, Any]] = field(default_factory=list)
    refreshed_at: str | None = None

    @property
    def drifted(self) -> bool:
        return self.known and bool(self.missing or self.unexpected)

    def as_dict(self) -> dict[str, Any]:
        return {
            "stationId": self.station_id,
            "known": self.known,
            "drifted": self.drifted,
            "refreshedAt": self.refreshed_at,
            "expected": self.expected,
            "held": self.held,
            "missing": self.missing,
            "unexpected": self.unexpected,
            "kept": self.kept,
        }


def _same(a: dict[str, Any], b: dict[str, Any]) -> bool:
    try:
        return (
            str(a["issuerNameHash"]).lower() == str(b["issuerNameHash"]).lower()
            and str(a["issuerKeyHash"]).lower() == str(b["issuerKeyHash"]).lower()
            and int(str(a["serialNumber"]), 16) == int(str(b["serialNumber"]), 16)
        )
    except (KeyError, ValueError):
        return False


def _policy(session: Session, partner: str | None) -> list[str] | None:
    if partner is None:
        return None
    row = session.get(Partner, partner)
    return list(row.station_roots) if row is not None and row.station_roots is not None else None


def _anchors(session: Session) -> list[TrustAnchorRecord]:
    return list(
        session.scalars(
            select(TrustAnchorRecord).where(
                TrustAnchorRecord.role == "root",
                TrustAnchorRecord.kind.in_(tuple(_KIND_TYPE)),
            )
        )
    )


def expected_roots(
    session: Session, ca: CertificateAuthority, station: Station
) -> list[ExpectedRoot]:
    v2g = ca.authority("v2g-root").certificate
    roots = [
        ExpectedRoot(CSMS_ROOT, g.root, "product", link=g.link, link_issuer=g.link_issuer)
        for g in CsmsRootRotation(ca).in_use(session)
    ]
    roots += [
        ExpectedRoot(V2G_ROOT, v2g, "product"),
        ExpectedRoot(MO_ROOT, ca.authority("mo-root").certificate, "product"),
    ]
    policy = _policy(session, station.partner)
    for anchor in _anchors(session):
        if anchor.state != "active":
            continue
        if policy is not None and anchor.fingerprint_sha256 not in policy:
            continue
        roots.append(
            ExpectedRoot(
                _KIND_TYPE[anchor.kind], x509.load_der_x509_certificate(anchor.der), "anchor"
            )
        )
    return roots


def view(session: Session, ca: CertificateAuthority, station: Station) -> TrustStoreView:
    expected = expected_roots(session, ca, station)
    held_chain = station.installed_certificates
    result = TrustStoreView(
        station.id,
        known=held_chain is not None,
        expected=[e.describe() for e in expected],
        refreshed_at=(
            station.installed_certificates_at.isoformat()
            if station.installed_certificates_at
            else None
        ),
    )
    if held_chain is None:
        return result
    held = [
        entry
        for entry in held_chain
        if isinstance(entry, dict)
        and entry.get("certificateType") in MANAGED_TYPES
        and isinstance(entry.get("certificateHashData"), dict)
    ]
    result.held = [
        {"certificateType": e["certificateType"], "certificateHashData": e["certificateHashData"]}
        for e in held
    ]
    for root in expected:
        if not any(
            e["certificateType"] == root.certificate_type
            and root.matches(
                e["certificateHashData"],
                str(e["certificateHashData"].get("hashAlgorithm", "SHA256")),
            )
            for e in held
            if str(e["certificateHashData"].get("hashAlgorithm", "SHA256")) in _HASH_NAMES
        ):
            result.missing.append(root.describe())
    anchors = _anchors(session)
    retired = CsmsRootRotation(ca).retired(session)
    for entry in held:
        data = entry["certificateHashData"]
        algorithm = str(data.get("hashAlgorithm", "SHA256"))
        if algorithm not in _HASH_NAMES:
            result.unexpected.append({**_held(entry), "why": "unknown hash algorithm"})
            continue
        if any(
            root.certificate_type == entry["certificateType"] and root.matches(data, algorithm)
            for root in expected
        ):
            continue
        also = next((r for r in expected if r.matches(data, algorithm)), None)
        if also is not None:
            result.kept.append({**_held(entry), "why": f"also expected as {also.certificate_type}"})
            continue
        result.unexpected.append({**_held(entry), "why": _why(data, algorithm, anchors, retired)})
    return result


def _held(entry: dict[str, Any]) -> dict[str, Any]:
    return {
        "certificateType": entry["certificateType"],
        "certificateHashData": entry["certificateHashData"],
    }


def _retired_generation(
    data: dict[str, Any], algorithm: str, retired: list[CsmsRoot]
) -> CsmsRoot | None:
    for generation in retired:
        form = ExpectedRoot(
            CSMS_ROOT, generation.root, "product", generation.link, generation.link_issuer
        )
        if form.matches(data, algorithm):
            return generation
    return None


def _why(
    data: dict[str, Any],
    algorithm: str,
    anchors: list[TrustAnchorRecord],
    retired: list[CsmsRoot],
) -> str:
    generation = _retired_generation(data, algorithm, retired)
    if generation is not None:
        return f"retired CSMS root (generation {generation.generation})"
    for anchor in anchors:
        certificate = x509.load_der_x509_certificate(anchor.der)
        root = ExpectedRoot(_KIND_TYPE[anchor.kind], certificate, "anchor")
        if _same(data, root.hash_data(algorithm)):
            if anchor.state != "active":
                return f"distrusted: {anchor.subject}"
            return f"not in the partner's policy: {anchor.subject}"
    return "unknown to the product"


@dataclass(frozen=True)
class RepairStep:
    """One CALL of a repair; `fallback` is sent instead when the station answers Rejected
    (a CSMS root's link certificate, for a station enforcing AdditionalRootCertificateCheck:
    M05.FR.11 rejects a new CSMS root its current one did not sign)."""

    action: str
    payload: dict[str, Any]
    fallback: dict[str, Any] | None = None


def repair_plan(
    session: Session, ca: CertificateAuthority, station: Station, *, csms_root_only: bool = False
) -> list[RepairStep]:
    """The CALLs that bring the station's store in order: install what is missing, delete
    what is unexpected (deletions last: a station is never left without a CSMS root).

    `csms_root_only`: only what the product's own CSMS root rotation needs (install the CSMS
    roots in use, delete retired ones), which nodes do without being asked (pki/csms_root.py);
    anything else stays for an operator's repair or CSMS_TRUST_STORE_AUTO_REPAIR."""
    current = view(session, ca, station)
    if not current.known:
        return []
    expected = {
        (e.certificate_type, e.fingerprint): e for e in expected_roots(session, ca, station)
    }
    retired = CsmsRootRotation(ca).retired(session)
    steps: list[RepairStep] = []
    for missing in current.missing:
        root = expected[(missing["certificateType"], missing["fingerprint"])]
        if csms_root_only and root.certificate_type != CSMS_ROOT:
            continue
        link = root.link_pem()
        steps.append(
            RepairStep(
                "InstallCertificate",
                {"certificateType": root.certificate_type, "certificate": root.pem()},
                None
                if link is None
                else {"certificateType": root.certificate_type, "certificate": link},
            )
        )
    for unexpected in current.unexpected:
        data = unexpected["certificateHashData"]
        algorithm = str(data.get("hashAlgorithm", "SHA256"))
        if csms_root_only and not (
            unexpected["certificateType"] == CSMS_ROOT
            and algorithm in _HASH_NAMES
            and _retired_generation(data, algorithm, retired)
        ):
            continue
        steps.append(RepairStep("DeleteCertificate", {"certificateHashData": data}))
    return steps
