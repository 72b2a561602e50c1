"""Rotating the CSMS root across the fleet: who may step it, and when the fleet is ready.

The generations and their steps are the PKI's (pki/csms_root.py); which roots a station
should hold and how it is brought there are the trust store's (csms/ocpp/trust_store.py);
serving the new certificate is every node's (csms/ocpp/server.py `_follow_csms_root`). This
module decides whether a step may be taken: `switch` only when every station that checks the
server's certificate (security profile 2 or 3) has reported holding the next root, and
`retire` only when each holds the current one, so no station is stranded. `force` takes the
step anyway and names the stations it leaves behind in the audit trail.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from sqlalchemy.orm import Session

from auth.access import AccessControl
from auth.audit import record_event
from auth.principal import Permission, Principal
from pki.authority import CertificateAuthority
from pki.csms_root import CsmsRoot, CsmsRootRotation, RotationRefused

from . import trust_store
from .stations import Station, StationRegistry

AUTHORITIES_READ = Permission("authorities", "read")
AUTHORITIES_UPDATE = Permission("authorities", "update")
Step = Literal["begin", "switch", "retire"]
FLEET_LIMIT = 100_000


@dataclass(frozen=True)
class StationReadiness:
    station_id: str
    security_profile: int
    holds: str  # "yes" | "no" | "unknown" (never reported its certificates)

    def as_dict(self) -> dict[str, Any]:
        return {
            "stationId": self.station_id,
            "securityProfile": self.security_profile,
            "holdsTarget": self.holds,
        }


class CsmsRootService:
    def __init__(
        self, access: AccessControl, ca: CertificateAuthority, registry: StationRegistry
    ) -> None:
        self._access = access
        self._ca = ca
        self._registry = registry
        self._rotation = CsmsRootRotation(ca)

    def status(self, session: Session, principal: Principal) -> dict[str, Any]:
        """The generations, the step that comes next, and each TLS station's readiness for
        it (holding the root the next step relies on)."""
        self._access.require(principal, AUTHORITIES_READ)
        generations = self._rotation.generations(session)
        step, target = _next_step(generations)
        readiness = self._readiness(session, target) if target is not None else []
        behind = [r for r in readiness if r.holds != "yes"]
        return {
            "generations": [g.describe() for g in generations],
            "nextStep": step,
            "target": None if target is None else target.describe(),
            "ready": not behind,
            "stations": len(readiness),
            "behind": [r.as_dict() for r in behind],
        }

    def step(
        self, session: Session, principal: Principal, step: Step, *, force: bool = False
    ) -> dict[str, Any]:
        """Take one step of the rotation in the caller's transaction (audited in
        pki/csms_root.py); every node serves it and brings its stations along within
        CSMS_OCPP_TLS_CHECK_SECONDS."""
        self._access.require(principal, AUTHORITIES_UPDATE)
        if step == "begin":
            made = self._rotation.begin(session, actor=principal.actor)
            return {"step": step, "generation": made.generation, "root": made.describe()}
        generations = self._rotation.generations(session)
        expected, target = _next_step(generations)
        if expected != step or target is None:
            raise RotationRefused(
                f"the rotation's next step is {expected or 'begin'}, not {step}",
            )
        behind = [r for r in self._readiness(session, target) if r.holds != "yes"]
        if behind and not force:
            names = ", ".join(r.station_id for r in behind[:10])
            more = f" and {len(behind) - 10} more" if len(behind) > 10 else ""
            raise RotationRefused(
                f"{len(behind)} stations on TLS do not hold CSMS root generation "
                f"{target.generation} yet ({names}{more}); wait for them, repair their trust "
                "stores, or force",
                code="stations_not_ready",
            )
        if step == "switch":
            number = self._rotation.switch(session, actor=principal.actor)
        else:
            number = self._rotation.retire(session, actor=principal.actor)
        if behind:
            record_event(
                session,
                actor=principal.actor,
                action=f"csms_root.{step}_forced",
                generation=number,
                stations_behind=[r.station_id for r in behind[:1000]],
            )
        return {"step": step, "generation": number, "forcedPast": len(behind)}

    def _readiness(self, session: Session, target: CsmsRoot) -> list[StationReadiness]:
        found = []
        form = trust_store.ExpectedRoot(
            trust_store.CSMS_ROOT, target.root, "product", target.link, target.link_issuer
        )
        for station in self._registry.list_stations(session, limit=FLEET_LIMIT):
            if station.security_profile < 2:
                continue  # no TLS: it never checks the server's certificate
            found.append(
                StationReadiness(station.id, station.security_profile, _holds(station, form))
            )
        return found


def _next_step(generations: list[CsmsRoot]) -> tuple[Step | None, CsmsRoot | None]:
    """The step the rotation is waiting for, and the root stations must hold before it."""
    by_state = {g.state: g for g in generations}
    if "next" in by_state:
        return "switch", by_state["next"]
    if "previous" in by_state:
        return "retire", by_state["current"]
    return None, None


def _holds(station: Station, root: trust_store.ExpectedRoot) -> str:
    held = station.installed_certificates
    if held is None:
        return "unknown"
    for entry in held:
        if not isinstance(entry, dict) or entry.get("certificateType") != trust_store.CSMS_ROOT:
            continue
        data = entry.get("certificateHashData")
        if not isinstance(data, dict):
            continue
        algorithm = str(data.get("hashAlgorithm", "SHA256"))
        if algorithm in trust_store.HASH_ALGORITHMS and root.matches(data, algorithm):
            return "yes"
    return "no"
