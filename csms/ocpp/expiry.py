"""Every certificate the network depends on, with its expiry, and alerts at 90, 30 and 7 days.

Watched:
- the product's own CAs and signers (`pki`'s authorities: roots, sub-CAs, the CPS leaf and its
  sub-CAs, OCSP responders), and the CSMS's TLS server certificates in the data directory;
- imported trust anchors that are active (a distrusted one is out of every path already);
- the current certificates of stations (charging station and V2G certificates that are
  accepted or waiting for delivery: superseded, rejected and abandoned ones are not).

Bands: `expired`, `7` (at most 7 days left), `30`, `90`, `ok`. `check` (every
CSMS_EXPIRY_CHECK_MINUTES in `csms serve`) logs once per certificate and band it enters,
WARNING for 90 and 30 days, ERROR for 7 days and expired: the band last alerted is kept in the
database (ocpp_expiry_alerts, under a row lock), so with several nodes one of them logs a
crossing and the others see it done. The gauge csms_certificates_expiring{band} counts the
certificates in each band at the last check.

Who sees what (`items`): operators (certificates:read everywhere) and technicians
(station_certificates:read everywhere) everything; a partner (stations:read for its tenant)
its own stations' certificates.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from cryptography import x509
from prometheus_client import Gauge
from sqlalchemy import DateTime, String, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, Session, mapped_column, sessionmaker

from auth.access import AccessControl
from auth.principal import Forbidden, NotAuthenticated, Permission, Principal, Scope
from pki.authority import CertificateAuthority
from pki.db import TrustAnchorRecord

from ..files import private_dir
from ..metrics import REGISTRY
from .db import Base, StationCertificateRecord, StationRecord

log = logging.getLogger("csms.expiry")

BANDS = ("expired", "7", "30", "90", "ok")
KINDS = ("ca", "csms-server", "trust-anchor", "station")
CERTIFICATES_READ = Permission("certificates", "read")
STATION_CERTIFICATES_READ = Permission("station_certificates", "read")
STATIONS_READ = Permission("stations", "read")

EXPIRING = Gauge(
    "csms_certificates_expiring",
    "Certificates the network depends on, by expiry band at the last check "
    "(expired, 7, 30, 90 days left)",
    ["band"],
    registry=REGISTRY,
)


class ExpiryAlertRecord(Base):
    """The band a certificate was last alerted in (one log line per crossing, cluster-wide)."""

    __tablename__ = "ocpp_expiry_alerts"

    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    band: Mapped[str] = mapped_column(String(8))
    alerted_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


@dataclass(frozen=True)
class Watched:
    kind: str  # ca | csms-server | trust-anchor | station
    name: str  # the CA's name, the anchor's kind, the station id, the file
    subject: str
    issuer: str
    serial_hex: str
    not_after: datetime
    partner: str | None = None

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.name}:{self.serial_hex}"[:200]

    def days_left(self, now: datetime) -> float:
        return (self.not_after - now).total_seconds() / 86400

    def band(self, now: datetime) -> str:
        days = self.days_left(now)
        if days < 0:
            return "expired"
        for limit in ("7", "30", "90"):
            if days <= int(limit):
                return limit
        return "ok"

    def as_dict(self, now: datetime) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "name": self.name,
            "subject": self.subject,
            "issuer": self.issuer,
            "serial": self.serial_hex,
            "notAfter": self.not_after.isoformat(),
            "daysLeft": round(self.days_left(now), 1),
            "band": self.band(now),
            "partner": self.partner,
        }


def _of(kind: str, name: str, certificate: x509.Certificate, partner: str | None = None) -> Watched:
    return Watched(
        kind,
        name,
        certificate.subject.rfc4514_string(),
        certificate.issuer.rfc4514_string(),
        format(certificate.serial_number, "X"),
        certificate.not_valid_after_utc,
        partner,
    )


class ExpiryWatch:
    def __init__(
        self,
        access: AccessControl,
        sessions: sessionmaker[Session],
        ca: CertificateAuthority,
        data_dir: Path,
    ) -> None:
        self._access = access
        self._sessions = sessions
        self._ca = ca
        self._data_dir = data_dir

    def everything(self, session: Session) -> list[Watched]:
        found = [
            _of("ca", name, authority.certificate)
            for name, authority in sorted(self._ca.authorities().items())
        ]
        tls = private_dir(self._data_dir) / "ocpp-tls"
        for kind in ("ec", "rsa"):
            path = tls / f"server-{kind}.pem"
            if path.exists():
                try:
                    leaf = x509.load_pem_x509_certificates(path.read_bytes())[0]
                except ValueError:
                    continue
                found.append(_of("csms-server", f"server-{kind}", leaf))
        for anchor in session.scalars(
            select(TrustAnchorRecord).where(TrustAnchorRecord.state == "active")
        ):
            found.append(
                Watched(
                    "trust-anchor",
                    anchor.kind,
                    anchor.subject,
                    anchor.subject if anchor.role == "root" else "",
                    anchor.fingerprint_sha256[:16],
                    anchor.not_after,
                )
            )
        rows = session.execute(
            select(StationCertificateRecord, StationRecord.partner)
            .join(StationRecord, StationRecord.id == StationCertificateRecord.station_id)
            .where(StationCertificateRecord.status.in_(("accepted", "pending")))
        )
        for record, partner in rows:
            found.append(
                Watched(
                    "station",
                    f"{record.station_id} {record.certificate_type}",
                    record.station_id,
                    "",
                    record.serial_hex,
                    record.not_after,
                    partner,
                )
            )
        return found

    def items(
        self,
        session: Session,
        principal: Principal,
        *,
        within_days: int | None = None,
        band: str | None = None,
        kind: str | None = None,
        now: datetime | None = None,
    ) -> list[dict[str, Any]]:
        """What the principal may see, soonest first; `within_days` keeps those expiring
        within that many days (expired ones included)."""
        now = now or datetime.now(UTC)
        if band is not None and band not in BANDS:
            raise ValueError(f"band must be one of {', '.join(BANDS)}")
        if kind is not None and kind not in KINDS:
            raise ValueError(f"kind must be one of {', '.join(KINDS)}")
        if within_days is not None and within_days < 0:
            raise ValueError("within must be 0 or more days")
        partner = self._scope(principal)
        watched = self.everything(session)
        if partner is not None:
            watched = [w for w in watched if w.kind == "station" and w.partner == partner]
        if within_days is not None:
            watched = [w for w in watched if w.days_left(now) <= within_days]
        if band is not None:
            watched = [w for w in watched if w.band(now) == band]
        if kind is not None:
            watched = [w for w in watched if w.kind == kind]
        return [w.as_dict(now) for w in sorted(watched, key=lambda w: w.not_after)]

    def _scope(self, principal: Principal) -> str | None:
        """None: everything; a partner name: its stations only; Forbidden otherwise."""
        for permission in (CERTIFICATES_READ, STATION_CERTIFICATES_READ):
            if self._access.decide(principal, permission) is Scope.ANY:
                return None
        if self._access.decide(principal, STATIONS_READ) is Scope.TENANT and principal.partner:
            return principal.partner
        if principal.is_anonymous:
            raise NotAuthenticated("log in first")
        raise Forbidden("you may not see certificate expiry")

    def check(self, now: datetime | None = None) -> list[tuple[Watched, str]]:
        """Log each certificate entering a band (once, cluster-wide) and set the gauge;
        returns what was alerted now. Blocking: run it in a worker thread."""
        now = now or datetime.now(UTC)
        with self._sessions.begin() as session:
            watched = self.everything(session)
        counts = dict.fromkeys(BANDS[:-1], 0)
        alerted: list[tuple[Watched, str]] = []
        for item in watched:
            band = item.band(now)
            if band != "ok":
                counts[band] += 1
            if self._crossed(item.key, band, now):
                if band != "ok":
                    alerted.append((item, band))
                    level = logging.ERROR if band in ("expired", "7") else logging.WARNING
                    log.log(
                        level,
                        "certificate %s %s (%s, serial %s) %s on %s",
                        item.kind,
                        item.name,
                        item.subject,
                        item.serial_hex,
                        "expired" if band == "expired" else f"expires within {band} days",
                        item.not_after.date().isoformat(),
                    )
        for band, count in counts.items():
            EXPIRING.labels(band=band).set(count)
        return alerted

    def _crossed(self, key: str, band: str, now: datetime) -> bool:
        try:
            with self._sessions.begin() as session:
                row = session.get(ExpiryAlertRecord, key, with_for_update=True)
                if row is None:
                    if band == "ok":
                        return False  # nothing to remember for a certificate far from expiry
                    session.add(ExpiryAlertRecord(key=key, band=band, alerted_at=now))
                    return True
                if row.band == band:
                    return False
                row.band, row.alerted_at = band, now
                return True
        except IntegrityError:  # another node recorded it first: it logs, not us
            return False
