"""Contracts and the cars bound to them: create, bind, suspend, terminate, search.

Every change is audited in the same transaction (pki.audit.record_event). Terminating a
contract revokes its certificates, so the next authorization (contracts.authorization) and
every OCSP answer see it at once.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from auth.audit import record_event
from pki.authority import CertificateAuthority
from pki.errors import AlreadyRevoked, UnknownCertificate
from pki.issuance import parse_serial

from .errors import ContractError
from .models import CONTRACT_STATUSES, Contract, ContractCertificate, VehicleBinding
from .registry import EmaidRegistry

PCID_PATTERN = re.compile(r"^[A-Z0-9]{17,18}\Z")
DEFAULT_CONTRACT_DAYS = 730
# Audit action names: status or CPS action -> what happened.
_PAST = {
    "active": "resumed",
    "suspended": "suspended",
    "terminated": "terminated",
    "install": "installed",
    "update": "updated",
}


def normalize_pcid(text: str) -> str:
    pcid = text.strip().upper()
    if not PCID_PATTERN.match(pcid):
        raise ContractError(
            "pcid_malformed", f"{text!r} is not a PCID (17 or 18 letters and digits)"
        )
    return pcid


@dataclass(frozen=True)
class ContractView:
    """A contract as callers see it, with its cars and certificates."""

    contract: Contract
    pcids: tuple[str, ...]
    certificates: tuple[ContractCertificate, ...]


class ContractService:
    def __init__(
        self,
        session_factory: Callable[[], Session],
        ca: CertificateAuthority,
        registry: EmaidRegistry,
        *,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self._session_factory = session_factory
        self._ca = ca
        self.registry = registry
        self._clock = clock

    # --- creation and binding ---------------------------------------------------------------

    def create(
        self,
        *,
        owner: str,
        actor: str,
        pcid: str | None = None,
        emaid: str | None = None,
        partner: str | None = None,
        valid_days: int = DEFAULT_CONTRACT_DAYS,
        valid_until: datetime | None = None,
    ) -> Contract:
        """A new active contract; with `emaid` the ID is imported, else the registry makes one.
        With `pcid` the car is bound (as its default contract if it has none yet)."""
        if not owner.strip():
            raise ContractError("owner_missing", "a contract needs an owner")
        car = normalize_pcid(pcid) if pcid else None
        now = self._clock()
        until = valid_until or now + timedelta(days=valid_days)
        if until <= now:
            raise ContractError("validity", "the contract must end in the future")
        for _attempt in range(5):
            if emaid is not None:
                chosen, origin = self.registry.imported(emaid)
            else:
                chosen, origin = self.registry.new(), "issued"
            try:
                with self._session_factory() as session, session.begin():
                    contract = Contract(
                        emaid=chosen.normalized,
                        emaid_origin=origin,
                        owner=owner.strip(),
                        partner=partner,
                        status="active",
                        valid_from=now,
                        valid_until=until,
                        created_at=now,
                        created_by=actor,
                    )
                    session.add(contract)
                    session.flush()
                    record_event(
                        session,
                        actor=actor,
                        action="contract.created",
                        emaid=contract.emaid,
                        owner=contract.owner,
                        origin=origin,
                        valid_until=until.isoformat(),
                    )
                    if car:
                        self._bind(session, contract, car, None, actor)
                return contract
            except IntegrityError:
                if emaid is not None:
                    raise ContractError(
                        "emaid_taken", f"a contract with eMAID {chosen.normalized} exists"
                    ) from None
        raise ContractError("emaid_exhausted", "could not draw an unused eMAID")

    def bind_vehicle(
        self, emaid: str, pcid: str, *, actor: str, default: bool | None = None
    ) -> VehicleBinding:
        car = normalize_pcid(pcid)
        with self._session_factory() as session, session.begin():
            contract = self._get(session, emaid)
            existing = session.scalar(
                select(VehicleBinding).where(
                    VehicleBinding.pcid == car, VehicleBinding.contract_id == contract.id
                )
            )
            if existing is not None:
                if default:
                    self._make_default(session, existing)
                return existing
            return self._bind(session, contract, car, default, actor)

    def _bind(
        self, session: Session, contract: Contract, pcid: str, default: bool | None, actor: str
    ) -> VehicleBinding:
        has_default = session.scalar(
            select(VehicleBinding.id).where(
                VehicleBinding.pcid == pcid, VehicleBinding.is_default.is_(True)
            )
        )
        binding = VehicleBinding(
            pcid=pcid,
            contract_id=contract.id,
            is_default=False,
            created_at=self._clock(),
        )
        session.add(binding)
        session.flush()
        if default or (default is None and has_default is None):
            self._make_default(session, binding)
        record_event(
            session,
            actor=actor,
            action="contract.vehicle_bound",
            emaid=contract.emaid,
            pcid=pcid,
            default=binding.is_default,
        )
        return binding

    @staticmethod
    def _make_default(session: Session, binding: VehicleBinding) -> None:
        for other in session.scalars(
            select(VehicleBinding).where(
                VehicleBinding.pcid == binding.pcid, VehicleBinding.is_default.is_(True)
            )
        ):
            other.is_default = False
        session.flush()
        binding.is_default = True

    # --- status -----------------------------------------------------------------------------

    def suspend(self, emaid: str, *, actor: str) -> Contract:
        return self._set_status(emaid, "suspended", actor=actor, allowed_from=("active",))

    def resume(self, emaid: str, *, actor: str) -> Contract:
        return self._set_status(emaid, "active", actor=actor, allowed_from=("suspended",))

    def terminate(self, emaid: str, *, actor: str) -> tuple[Contract, list[str]]:
        """Terminate and revoke every certificate of the contract; returns the revoked
        serials. Terminating twice is an error (nothing to do is worth saying)."""
        contract = self._set_status(
            emaid, "terminated", actor=actor, allowed_from=("active", "suspended")
        )
        revoked = []
        for certificate in self.certificates(contract.emaid):
            try:
                self._ca.revoke(
                    parse_serial(certificate.serial_hex),
                    reason="cessationOfOperation",
                    actor=actor,
                )
            except (AlreadyRevoked, UnknownCertificate):
                continue
            revoked.append(certificate.serial_hex)
        return contract, revoked

    def _set_status(
        self, emaid: str, status: str, *, actor: str, allowed_from: tuple[str, ...]
    ) -> Contract:
        assert status in CONTRACT_STATUSES
        with self._session_factory() as session, session.begin():
            contract = self._get(session, emaid, for_update=True)
            if contract.status not in allowed_from:
                raise ContractError(
                    "contract_status",
                    f"contract {contract.emaid} is {contract.status}; cannot become {status}",
                )
            previous = contract.status
            contract.status = status
            contract.status_changed_at = self._clock()
            record_event(
                session,
                actor=actor,
                action=f"contract.{_PAST[status]}",
                emaid=contract.emaid,
                previous=previous,
            )
            return contract

    # --- lookup -----------------------------------------------------------------------------

    def get(self, emaid: str) -> Contract:
        with self._session_factory() as session:
            return self._get(session, emaid)

    def _get(self, session: Session, emaid: str, *, for_update: bool = False) -> Contract:
        key = self.registry.imported(emaid)[0].normalized
        query = select(Contract).where(Contract.emaid == key)
        if for_update:
            query = query.with_for_update()
        contract = session.scalar(query)
        if contract is None:
            raise ContractError("unknown_contract", f"no contract with eMAID {key}")
        return contract

    def find_by_emaid(self, emaid: str) -> Contract | None:
        with self._session_factory() as session:
            return session.scalar(select(Contract).where(Contract.emaid == emaid))

    def contract_for_pcid(self, pcid: str) -> Contract | None:
        """The car's default contract, else its newest one; None if the car is unknown."""
        with self._session_factory() as session:
            return session.scalar(
                select(Contract)
                .join(VehicleBinding, VehicleBinding.contract_id == Contract.id)
                .where(VehicleBinding.pcid == pcid.strip().upper())
                .order_by(VehicleBinding.is_default.desc(), VehicleBinding.id.desc())
                .limit(1)
            )

    def contracts_for_pcid(self, pcid: str) -> list[Contract]:
        """All the car's contracts, default first (ISO 15118-20 may install several)."""
        with self._session_factory() as session:
            return list(
                session.scalars(
                    select(Contract)
                    .join(VehicleBinding, VehicleBinding.contract_id == Contract.id)
                    .where(VehicleBinding.pcid == pcid.strip().upper())
                    .order_by(VehicleBinding.is_default.desc(), VehicleBinding.id.desc())
                )
            )

    def search(
        self,
        *,
        text: str | None = None,
        owner: str | None = None,
        status: str | None = None,
        pcid: str | None = None,
        limit: int = 100,
        offset: int = 0,
    ) -> list[Contract]:
        """Contracts matching every given filter, newest first. `text` matches eMAID, owner
        or partner (case-insensitive substring)."""
        query = select(Contract).order_by(Contract.id.desc())
        if owner is not None:
            query = query.where(Contract.owner == owner)
        if status is not None:
            if status not in CONTRACT_STATUSES:
                raise ContractError("contract_status", f"status must be one of {CONTRACT_STATUSES}")
            query = query.where(Contract.status == status)
        if pcid is not None:
            query = query.join(VehicleBinding, VehicleBinding.contract_id == Contract.id).where(
                VehicleBinding.pcid == pcid.strip().upper()
            )
        if text:
            pattern = f"%{text.strip().replace('-', '')}%"
            query = query.where(
                or_(
                    Contract.emaid.ilike(pattern),
                    Contract.owner.ilike(f"%{text.strip()}%"),
                    Contract.partner.ilike(f"%{text.strip()}%"),
                )
            )
        with self._session_factory() as session:
            return list(session.scalars(query.limit(limit).offset(offset)))

    def view(self, emaid: str) -> ContractView:
        with self._session_factory() as session:
            contract = self._get(session, emaid)
            pcids = tuple(
                session.scalars(
                    select(VehicleBinding.pcid).where(VehicleBinding.contract_id == contract.id)
                )
            )
        return ContractView(contract, pcids, tuple(self.certificates(contract.emaid)))

    def certificates(self, emaid: str) -> list[ContractCertificate]:
        with self._session_factory() as session:
            return list(
                session.scalars(
                    select(ContractCertificate)
                    .join(Contract, Contract.id == ContractCertificate.contract_id)
                    .where(Contract.emaid == emaid)
                    .order_by(ContractCertificate.id)
                )
            )

    def certificate_by_serial(self, serial_hex: str) -> ContractCertificate | None:
        with self._session_factory() as session:
            return session.scalar(
                select(ContractCertificate).where(ContractCertificate.serial_hex == serial_hex)
            )

    def record_certificate(
        self,
        contract: Contract,
        *,
        serial_hex: str,
        pcid: str | None,
        action: str,
        schema: str,
        not_after: datetime,
        escrowed_key: bytes | None,
        actor: str,
    ) -> None:
        with self._session_factory() as session, session.begin():
            session.add(
                ContractCertificate(
                    contract_id=contract.id,
                    serial_hex=serial_hex,
                    pcid=pcid,
                    action=action,
                    schema=schema,
                    not_after=not_after,
                    issued_at=self._clock(),
                    escrowed_key=escrowed_key,
                )
            )
            record_event(
                session,
                actor=actor,
                action=f"contract.certificate_{_PAST[action]}",
                serial_hex=serial_hex,
                emaid=contract.emaid,
                pcid=pcid,
                schema=schema,
                escrowed=escrowed_key is not None,
            )
