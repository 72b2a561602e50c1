"""The station registry: who may connect, with which security profile and credentials.

Passwords are stored as argon2id hashes (A01.FR.08) and compared in constant time inside
argon2. Hashing costs tens of milliseconds on purpose, which would make thousands of stations
reconnecting after a restart expensive; a verified password is therefore remembered as a keyed
HMAC under a per-process random key, so a reconnect with the same password costs one HMAC and
one constant-time comparison, and nothing reusable ever sits in memory.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, TypeVar

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import ColumnElement, Row, delete, literal, select, update
from sqlalchemy.orm import Session

from auth.audit import record_event
from auth.errors import Conflict, NotFound, ServiceError
from auth.models import Partner
from iso15118.evse_id import EvseIdError, evse_key, parse_evse_id

from . import limits
from .db import StationEvseIdRecord, StationRecord
from .location import NOWHERE, Location
from .versions import OcppVersion, parse_version

# OCPP identifierString without ':' (part 4 §3.1.1: the identity is the Basic username).
STATION_ID = re.compile(rf"^[A-Za-z0-9*\-_=+|@.]{{1,{limits.IDENTITY}}}\Z")
# OCPP passwordString (A00.FR.304); printable ASCII.
PASSWORD = re.compile(rf"^[\x21-\x7e]{{{limits.PASSWORD_MIN},{limits.PASSWORD_MAX}}}\Z")
_PASSWORD_RULE = (
    f"password must be {limits.PASSWORD_MIN}-{limits.PASSWORD_MAX} printable ASCII characters"
)
BOOT_POLICIES = ("accept", "pending")

# OWASP's argon2id minimum (m=19 MiB, t=2, p=1): ~20 ms a verification here.
_HASHER = PasswordHasher(time_cost=2, memory_cost=19 * 1024, parallelism=1)


T = TypeVar("T")


def _issuer(value: str | None) -> str | None:
    """A station's V2G issuer: local, opcp, or "partner" (None: follow its partner)."""
    if value is None or value == "partner":
        return None
    if value not in ("local", "opcp"):
        raise StationError(
            f"v2g issuer must be local, opcp or partner, not {value!r}", code="v2g_issuer"
        )
    return value


def _pin(text: str | None) -> str | None:
    """The stored pin for an operator's `--ocpp-version` ("any" or None: no pin)."""
    if text is None or text == "any":
        return None
    try:
        return parse_version(text).value
    except ValueError as exc:
        raise StationError(f"{exc}, or any", code="ocpp_version_unknown") from None


class StationError(ServiceError):
    """Bad station data from an operator; the message says what is wrong."""

    code = "station"


class StationExists(StationError, Conflict):
    code = "station_exists"


class UnknownStation(StationError, NotFound):
    code = "unknown_station"


class StationConflict(StationError, Conflict):
    code = "station_conflict"


@dataclass(frozen=True)
class Station:
    id: str
    security_profile: int
    partner: str | None
    boot_policy: str
    enabled: bool
    created_at: datetime
    last_boot_at: datetime | None
    boot_status: str | None
    boot_info: dict | None
    last_seen_at: datetime | None
    installed_certificates: list | None
    password_hash: str | None
    evse_ids: tuple[str, ...] = ()
    password_verifier: str | None = None
    allow_v2g_without_tls: bool = False
    ocpp_version: OcppVersion | None = None  # pinned by an operator; None: any
    last_ocpp_version: str | None = None
    v2g_issuer: str | None = None  # local | opcp; None: its partner's (enrollment.py)
    installed_certificates_at: datetime | None = None
    location: Location = NOWHERE

    @classmethod
    def of(cls, record: StationRecord | Row[Any], evse_ids: tuple[str, ...] = ()) -> Station:
        return cls(
            id=record.id,
            security_profile=record.security_profile,
            partner=record.partner,
            boot_policy=record.boot_policy,
            enabled=record.enabled,
            created_at=record.created_at,
            last_boot_at=record.last_boot_at,
            boot_status=record.boot_status,
            boot_info=record.boot_info,
            last_seen_at=record.last_seen_at,
            installed_certificates=record.installed_certificates,
            password_hash=record.password_hash,
            evse_ids=evse_ids,
            password_verifier=record.password_verifier,
            allow_v2g_without_tls=record.allow_v2g_without_tls,
            ocpp_version=OcppVersion(record.ocpp_version) if record.ocpp_version else None,
            last_ocpp_version=record.last_ocpp_version,
            v2g_issuer=getattr(record, "v2g_issuer", None),  # handshake rows omit it
            installed_certificates_at=getattr(record, "installed_certificates_at", None),
            location=Location(
                getattr(record, "latitude", None),
                getattr(record, "longitude", None),
                getattr(record, "address", None),
            ),
        )


def generate_password() -> str:
    # 30 URL-safe characters: ~180 bits, inside OCPP's 16-40 range.
    return secrets.token_urlsafe(22)[:30]


class StationRegistry:
    """Stations in the caller's session, and the password check of the handshake."""

    def __init__(self, verifier_key: bytes | None = None) -> None:
        self._verified: dict[str, tuple[str, bytes]] = {}  # id -> (stored hash, HMAC)
        # Shared by the cluster's nodes (derived from the token key by the container), so a
        # verifier one node wrote serves every node; random when none is given (tests).
        self._key = verifier_key or secrets.token_bytes(32)
        self._lock = threading.Lock()

    # --- administration ----------------------------------------------------------------------

    def add(
        self,
        session: Session,
        station_id: str,
        *,
        security_profile: int,
        actor: str,
        password: str | None = None,
        partner: str | None = None,
        boot_policy: str = "accept",
        evse_ids: Sequence[str] = (),
        allow_v2g_without_tls: bool = False,
        ocpp_version: str | None = None,
        v2g_issuer: str | None = None,
    ) -> tuple[Station, str | None]:
        """Register a station. Returns it and the password when one was generated here."""
        if not STATION_ID.match(station_id):
            raise StationError(
                f"station id {station_id!r} must be 1-{limits.IDENTITY} characters of "
                "A-Z a-z 0-9 * - _ = + | @ ."
            )
        if security_profile not in (1, 2, 3):
            raise StationError("security profile must be 1, 2 or 3")
        if boot_policy not in BOOT_POLICIES:
            raise StationError(f"boot policy must be one of {', '.join(BOOT_POLICIES)}")
        pinned = _pin(ocpp_version)
        issuer = _issuer(v2g_issuer)
        generated = None
        if security_profile in (1, 2):
            if password is None:
                password = generated = generate_password()
            if not PASSWORD.match(password):
                raise StationError(_PASSWORD_RULE)
        elif password is not None:
            raise StationError("security profile 3 authenticates by certificate: no password")
        if session.get(StationRecord, station_id) is not None:
            raise StationExists(f"station {station_id} exists already")
        if partner is not None and session.get(Partner, partner) is None:
            raise StationError(f"no partner {partner!r}; add it first", code="partner_unknown")
        record = StationRecord(
            id=station_id,
            security_profile=security_profile,
            password_hash=_HASHER.hash(password) if password else None,
            partner=partner,
            boot_policy=boot_policy,
            enabled=True,
            created_at=datetime.now(UTC),
            allow_v2g_without_tls=allow_v2g_without_tls,
            ocpp_version=pinned,
            v2g_issuer=issuer,
        )
        session.add(record)
        session.flush()
        registered = self._register_evse_ids(session, station_id, evse_ids)
        record_event(
            session,
            actor=actor,
            action="station.created",
            station=station_id,
            security_profile=security_profile,
            partner=partner,
            evse_ids=list(registered),
            allow_v2g_without_tls=allow_v2g_without_tls,
            ocpp_version=pinned,
            v2g_issuer=issuer,
        )
        return Station.of(record, registered), generated

    def update(
        self,
        session: Session,
        station_id: str,
        *,
        actor: str,
        boot_policy: str | None = None,
        enabled: bool | None = None,
        password: str | None = None,
        evse_ids: Sequence[str] | None = None,
        allow_v2g_without_tls: bool | None = None,
        ocpp_version: str | None = None,
        v2g_issuer: str | None = None,
    ) -> Station:
        """Change what is given; `evse_ids` replaces the station's EVSE IDs; `ocpp_version`
        "any" unpins the station (it then speaks the newest version it offers)."""
        record = session.get(StationRecord, station_id, with_for_update=True)
        if record is None:
            raise UnknownStation(f"no station {station_id}")
        if boot_policy is not None:
            if boot_policy not in BOOT_POLICIES:
                raise StationError(f"boot policy must be one of {', '.join(BOOT_POLICIES)}")
            record.boot_policy = boot_policy
        if enabled is not None:
            record.enabled = enabled
        if password is not None:
            if not PASSWORD.match(password):
                raise StationError(_PASSWORD_RULE)
            record.password_hash = _HASHER.hash(password)
            record.password_verifier = None  # bound to the old hash anyway: gone with it
            with self._lock:
                self._verified.pop(station_id, None)
        if allow_v2g_without_tls is not None:
            record.allow_v2g_without_tls = allow_v2g_without_tls
        if ocpp_version is not None:
            record.ocpp_version = _pin(ocpp_version)
        if v2g_issuer is not None:
            record.v2g_issuer = _issuer(v2g_issuer)
        if evse_ids is not None:
            session.execute(
                delete(StationEvseIdRecord).where(StationEvseIdRecord.station_id == station_id)
            )
            session.flush()
            self._register_evse_ids(session, station_id, evse_ids)
        record_event(
            session,
            actor=actor,
            action="station.updated",
            station=station_id,
            boot_policy=boot_policy,
            enabled=enabled,
            password_changed=password is not None,
            evse_ids=list(evse_ids) if evse_ids is not None else None,
            allow_v2g_without_tls=allow_v2g_without_tls,
            ocpp_version=ocpp_version,
            v2g_issuer=v2g_issuer,
        )
        return Station.of(record, self.evse_ids(session, station_id))

    def set_location(
        self, session: Session, station_id: str, location: Location, *, actor: str
    ) -> Station:
        """Store where the station stands (the caller validated it: csms/ocpp/location.py),
        replacing what was there; audited with the location before and after."""
        record = session.get(StationRecord, station_id, with_for_update=True)
        if record is None:
            raise UnknownStation(f"no station {station_id}")
        before = {
            "latitude": record.latitude,
            "longitude": record.longitude,
            "address": record.address,
        }
        record.latitude = location.latitude
        record.longitude = location.longitude
        record.address = location.address
        record_event(
            session,
            actor=actor,
            action="station.location_set",
            station=station_id,
            before=before,
            after={
                "latitude": location.latitude,
                "longitude": location.longitude,
                "address": location.address,
            },
        )
        return Station.of(record, self.evse_ids(session, station_id))

    @staticmethod
    def _register_evse_ids(
        session: Session, station_id: str, evse_ids: Sequence[str]
    ) -> tuple[str, ...]:
        """Store the station's EVSE IDs; one registered for another station is refused."""
        registered: list[str] = []
        keys: set[str] = set()
        for text in evse_ids:
            try:
                evse_id = parse_evse_id(text)
            except EvseIdError as exc:
                raise StationError(str(exc), code="evse_id") from None
            key = evse_key(evse_id)
            if key in keys:
                continue
            holder = session.get(StationEvseIdRecord, key)
            if holder is not None and holder.station_id != station_id:
                raise StationConflict(
                    f"EVSE ID {evse_id} is registered for station {holder.station_id}",
                    code="evse_id_taken",
                )
            session.add(
                StationEvseIdRecord(
                    evse_key=key,
                    evse_id=evse_id,
                    station_id=station_id,
                    created_at=datetime.now(UTC),
                )
            )
            keys.add(key)
            registered.append(evse_id)
        session.flush()
        return tuple(registered)

    @staticmethod
    def evse_ids(session: Session, station_id: str) -> tuple[str, ...]:
        return tuple(
            session.scalars(
                select(StationEvseIdRecord.evse_id)
                .where(StationEvseIdRecord.station_id == station_id)
                .order_by(StationEvseIdRecord.evse_id)
            )
        )

    @staticmethod
    def evse_ids_of(session: Session, station_ids: Sequence[str]) -> dict[str, tuple[str, ...]]:
        found: dict[str, list[str]] = {sid: [] for sid in station_ids}
        if station_ids:
            rows = session.execute(
                select(StationEvseIdRecord.station_id, StationEvseIdRecord.evse_id)
                .where(StationEvseIdRecord.station_id.in_(station_ids))
                .order_by(StationEvseIdRecord.evse_id)
            )
            for station_id, evse_id in rows:
                found[station_id].append(evse_id)
        return {sid: tuple(ids) for sid, ids in found.items()}

    @classmethod
    def get(cls, session: Session, station_id: str) -> Station | None:
        found = cls.get_with(session, station_id, lambda _id: literal(None))
        return found[0] if found is not None else None

    @staticmethod
    def get_with(
        session: Session, station_id: str, also: Callable[[ColumnElement[str]], ColumnElement[T]]
    ) -> tuple[Station, T] | None:
        """The station with its EVSE IDs and the value of `also(the station's id column)` (e.g.
        whether something waits for it), in one query of plain rows.

        Every opening handshake runs it, and a restart runs it for every station within
        seconds: one round trip instead of one per question, and no ORM objects loaded
        (which cost more here than the query itself)."""
        stations = StationRecord.__table__
        rows = session.execute(
            select(stations, StationEvseIdRecord.evse_id, also(stations.c.id).label("also"))
            .outerjoin(StationEvseIdRecord, StationEvseIdRecord.station_id == stations.c.id)
            .where(stations.c.id == station_id)
            .order_by(StationEvseIdRecord.evse_id)
        ).all()
        if not rows:
            return None
        evse_ids = tuple(row.evse_id for row in rows if row.evse_id)
        return Station.of(rows[0], evse_ids), rows[0].also

    @classmethod
    def list_stations(
        cls, session: Session, *, limit: int = 1000, offset: int = 0, partner: str | None = None
    ) -> list[Station]:
        """Stations by id; with `partner`, only that partner's (a tenant's view, in SQL)."""
        query = select(StationRecord).order_by(StationRecord.id).limit(limit).offset(offset)
        if partner is not None:
            query = query.where(StationRecord.partner == partner)
        return cls.as_stations(session, list(session.scalars(query)))

    @classmethod
    def as_stations(cls, session: Session, records: Sequence[StationRecord]) -> list[Station]:
        """Station records (e.g. a list's page) as stations, their EVSE ids read in one go."""
        evse_ids = cls.evse_ids_of(session, [r.id for r in records])
        return [Station.of(r, evse_ids[r.id]) for r in records]

    # --- authentication ----------------------------------------------------------------------

    @staticmethod
    def raise_security_profile(
        session: Session, station_id: str, profile: int, *, actor: str
    ) -> None:
        """Record the profile a station was upgraded to (only ever upward: no downgrade
        through here). The caller checked the station can use it and that it agreed."""
        record = session.get(StationRecord, station_id, with_for_update=True)
        if record is None:
            raise UnknownStation(f"no station {station_id}")
        if profile <= record.security_profile:
            raise StationConflict(
                f"{station_id} is on security profile {record.security_profile}; "
                f"profiles only go up ({profile} asked)",
                code="security_profile_not_higher",
            )
        before = record.security_profile
        record.security_profile = profile
        record_event(
            session,
            actor=actor,
            action="station.security_profile_raised",
            station=station_id,
            before=before,
            after=profile,
        )

    @staticmethod
    def record_version(session: Session, station_id: str, version: OcppVersion) -> None:
        """The OCPP version the station connected with (a statement that stands alone: the
        handshake runs it on an autocommit connection, only when the version changed)."""
        session.execute(
            update(StationRecord)
            .where(StationRecord.id == station_id)
            .values(last_ocpp_version=version.value)
        )

    def check_password(
        self, station: Station, password: str, session: Session | None = None
    ) -> bool:
        """Constant-time check of an HTTP Basic password.

        argon2id (19 MiB, 2 passes: tens of ms of CPU) is checked once per station and
        password; then an HMAC-SHA256 verifier under the cluster's key, bound to the station
        and to its argon2 hash, is kept in memory and, with `session`, in the station's row,
        so that after a restart thousands of stations reconnecting at once are readmitted in
        microseconds each instead of argon2's tens of milliseconds (docs/security.md).
        A verifier that does not match (a wrong password, or a rotated token key) falls back
        to argon2, so the verifier can never admit what argon2 would refuse."""
        stored = station.password_hash
        if not stored:
            return False
        message = b"\0".join((station.id.encode(), stored.encode(), password.encode()))
        digest = hmac.new(self._key, message, hashlib.sha256).digest()
        with self._lock:
            remembered = self._verified.get(station.id)
        if remembered is not None and remembered[0] == stored:
            if hmac.compare_digest(remembered[1], digest):
                return True
        elif station.password_verifier is not None and hmac.compare_digest(
            station.password_verifier, digest.hex()
        ):
            with self._lock:
                self._verified[station.id] = (stored, digest)
            return True
        try:
            _HASHER.verify(stored, password)
        except (VerificationError, InvalidHashError):
            return False
        with self._lock:
            self._verified[station.id] = (stored, digest)
        if session is not None and station.password_verifier != digest.hex():
            session.execute(
                update(StationRecord)
                .where(StationRecord.id == station.id, StationRecord.password_hash == stored)
                .values(password_verifier=digest.hex())
            )
        return True
