"""Contracts and the cars bound to them: create, bind, suspend, resume, terminate, search; and
what the certificate provisioning service (CPS) and the authorizer read and record.

Every method works in the caller's session and never commits: the caller owns the
transaction, so a contract, its audit rows and the certificates revoked with it commit
together or not at all.

Two kinds of caller:
- on someone's behalf (the doors: REST API, console, command line): the method takes a
  `Principal`, asks AccessControl for its permission and stays within the grant's scope. A
  contract outside the scope looks exactly like a missing one (ContractNotFound), so another
  tenant's eMAIDs cannot be probed.
- for a station (the CPS and the authorizer, called by the OCPP core, which serves stations in
  their own name): no principal; reads by PCID or eMAID, the lock before a certificate is
  completed, and the link between a contract and its certificate.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, cast

from sqlalchemy import Select, or_, select
from sqlalchemy.orm import Session

from auth.access import AccessControl
from auth.audit import record_event, record_refusal
from auth.listing import Field, ListRequest, ListSpec, Page
from auth.models import Partner, User
from auth.principal import Forbidden, Grant, Permission, Principal, Scope
from iso15118.emaid import Emaid, EmaidError, normalize_emaid
from pki.authority import CertificateAuthority
from pki.errors import AlreadyRevoked, UnknownCertificate
from pki.issuance import parse_serial

from .errors import ContractConflict, ContractError, ContractNotFound, ContractUnusable
from .models import (
    BINDING_STATUSES,
    CONTRACT_PROFILES,
    CONTRACT_STATUSES,
    Contract,
    ContractCertificate,
    VehicleBinding,
    unusable_reason,
)
from .registry import EmaidRegistry

CONTRACTS_READ = Permission("contracts", "read")
CONTRACTS_CREATE = Permission("contracts", "create")
CONTRACTS_TERMINATE = Permission("contracts", "terminate")
CONTRACTS_UPDATE = Permission("contracts", "update")  # suspend, resume, bind a car (operators)
CONTRACTS_DEFAULT = Permission("contracts", "default")  # choose the car's default (its owner)
CARS_READ = Permission("cars", "read")  # cars and claims (operators)
CARS_DECIDE = Permission("cars", "decide")  # approve or reject a claim, transfer a car

PCID_PATTERN = re.compile(r"^[A-Z0-9]{17,18}\Z")
DEFAULT_CONTRACT_DAYS = 730
EMAID_DRAWS = 5  # a random eMAID has ~41 bits: a second draw is already rare
# Audit action names: status or CPS action -> what happened.
_PAST = {
    "active": "resumed",
    "suspended": "suspended",
    "terminated": "terminated",
    "install": "installed",
    "update": "updated",
    "publish": "published",  # contract.certificate_published: for a contract pool
}


def pcid_key(text: str) -> str:
    """A PCID as stored and looked up: upper case, no surrounding blanks (not validated:
    an unknown car simply has no contract)."""
    return text.strip().upper()


def normalize_pcid(text: str) -> str:
    """A PCID an operator gives, validated."""
    pcid = pcid_key(text)
    if not PCID_PATTERN.match(pcid):
        raise ContractError(
            "pcid_malformed", f"{text!r} is not a PCID (17 or 18 letters and digits)"
        )
    return pcid


def emaid_or_none(text: str) -> str | None:
    """`text` as a normalised eMAID (iso15118.emaid), or None if it is none: for eMAIDs a
    car or a certificate names, which are compared, not refused."""
    try:
        return normalize_emaid(text)
    except EmaidError:
        return None


@dataclass(frozen=True)
class CarClaim:
    """A car bound to, or claimed for, a contract."""

    pcid: str
    emaid: str
    owner: str
    status: str  # BINDING_STATUSES
    is_default: bool
    claimed_by: str | None
    decided_by: str | None
    created_at: datetime

    @classmethod
    def of(cls, binding: VehicleBinding, contract: Contract) -> CarClaim:
        return cls(
            binding.pcid,
            contract.emaid,
            contract.owner,
            binding.status,
            binding.is_default,
            binding.claimed_by,
            binding.decided_by,
            binding.created_at,
        )


@dataclass(frozen=True)
class ContractView:
    """A contract as callers see it, with its cars and certificates."""

    contract: Contract
    pcids: tuple[str, ...]
    certificates: tuple[ContractCertificate, ...]


def _scoped(grant: Grant, query: Select[Contract]) -> Select[Contract]:
    return grant.filter(query, partner_column=Contract.partner, owner_column=Contract.owner)


class ContractService:
    def __init__(
        self,
        access: AccessControl,
        ca: CertificateAuthority,
        registry: EmaidRegistry,
        *,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self._access = access
        self._ca = ca
        self.registry = registry
        self._clock = clock

    # --- reading, on someone's behalf -------------------------------------------------------

    def list_contracts(
        self, session: Session, principal: Principal, *, limit: int = 100, offset: int = 0
    ) -> list[Contract]:
        """The contracts the principal may read, newest first."""
        return self.search(session, principal, limit=limit, offset=offset)

    def search(
        self,
        session: Session,
        principal: Principal,
        *,
        text: str | None = None,
        owner: str | None = None,
        status: str | None = None,
        pcid: str | None = None,
        limit: int = 100,
        offset: int = 0,
    ) -> list[Contract]:
        """Contracts within the principal's scope matching every given filter, newest first.
        `text` matches eMAID, owner or partner (case-insensitive substring)."""
        grant = self._access.require(principal, CONTRACTS_READ)
        query = _scoped(grant, select(Contract).order_by(Contract.id.desc()))
        if owner is not None:
            query = query.where(Contract.owner == owner)
        if status is not None:
            if status not in CONTRACT_STATUSES:
                raise ContractError("contract_status", f"status must be one of {CONTRACT_STATUSES}")
            query = query.where(Contract.status == status)
        if pcid is not None:
            query = query.join(VehicleBinding, VehicleBinding.contract_id == Contract.id).where(
                VehicleBinding.pcid == pcid_key(pcid)
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
        return list(session.scalars(query.limit(limit).offset(offset)))

    def find(self, session: Session, principal: Principal, wanted: ListRequest) -> Page[Contract]:
        """A page of the contracts in the principal's scope (admins all, a partner its own, a
        driver theirs), searched, filtered and sorted as asked; `pcid` filters by car."""
        grant = self._access.require(principal, CONTRACTS_READ)
        return CONTRACT_SPEC.page(session, _scoped(grant, select(Contract)), wanted)

    def export(
        self, session: Session, principal: Principal, wanted: ListRequest
    ) -> Iterator[Contract]:
        grant = self._access.require(principal, CONTRACTS_READ)
        return CONTRACT_SPEC.every(session, _scoped(grant, select(Contract)), wanted)

    def find_cars(
        self, session: Session, principal: Principal, wanted: ListRequest
    ) -> Page[CarClaim]:
        """A page of cars bound to or claimed for contracts (operators: `cars:read`), searched,
        filtered (e.g. status=pending: the claims awaiting a decision) and sorted as asked."""
        page = CAR_SPEC.page(session, self._cars_in_scope(principal), wanted)
        return page.map(lambda row: CarClaim.of(*row))

    def export_cars(
        self, session: Session, principal: Principal, wanted: ListRequest
    ) -> Iterator[CarClaim]:
        for row in CAR_SPEC.every(session, self._cars_in_scope(principal), wanted):
            yield CarClaim.of(*row)

    def _cars_in_scope(self, principal: Principal) -> Select[Any]:
        grant = self._access.require(principal, CARS_READ)
        # Two entities per row: typed as the list helper takes any query.
        query = cast(
            "Select[Any]",
            select(VehicleBinding, Contract).join(
                Contract, Contract.id == VehicleBinding.contract_id
            ),
        )
        return grant.filter(query, partner_column=Contract.partner, owner_column=Contract.owner)

    def get(self, session: Session, principal: Principal, emaid: str) -> Contract:
        """The contract with this eMAID (any accepted form); ContractNotFound if there is none
        within the principal's scope."""
        grant = self._access.require(principal, CONTRACTS_READ)
        return self._in_scope(session, grant, emaid)

    def view(self, session: Session, principal: Principal, emaid: str) -> ContractView:
        contract = self.get(session, principal, emaid)
        pcids = tuple(
            session.scalars(
                select(VehicleBinding.pcid)
                .where(VehicleBinding.contract_id == contract.id)
                .order_by(VehicleBinding.id)
            )
        )
        return ContractView(contract, pcids, tuple(self._linked(session, contract.id)))

    @staticmethod
    def cars_of(session: Session, contract_ids: Sequence[int]) -> dict[int, list[str]]:
        """The cars (PCIDs) each contract holds by an approved binding, in one query (for
        listings; the caller already read the contracts in its scope)."""
        found: dict[int, list[str]] = {cid: [] for cid in contract_ids}
        if not contract_ids:
            return found
        rows = session.execute(
            select(VehicleBinding.contract_id, VehicleBinding.pcid)
            .where(
                VehicleBinding.contract_id.in_(list(contract_ids)),
                VehicleBinding.status == "approved",
            )
            .order_by(VehicleBinding.id)
        )
        for contract_id, pcid in rows:
            found[contract_id].append(pcid)
        return found

    # --- changes, on someone's behalf -------------------------------------------------------

    def create(
        self,
        session: Session,
        principal: Principal,
        *,
        owner: str | None = None,
        pcid: str | None = None,
        emaid: str | None = None,
        partner: str | None = None,
        valid_days: int = DEFAULT_CONTRACT_DAYS,
        valid_until: datetime | None = None,
    ) -> Contract:
        """A new active contract for a car; with `emaid` the ID is imported, else the registry
        makes one. The owner defaults to the principal, the partner to the principal's
        partner; a principal may create contracts only for owners and partners its grant
        covers, and both must exist.

        The car is bound at once when an operator (a grant over every contract) creates the
        contract; a driver's own contract claims the car, and the claim waits for an operator
        (`decide_claim`). A car that another owner's live contract holds, or claims, is refused
        (ContractConflict `pcid_claimed`, audited): the operator can transfer it."""
        grant = self._access.require(principal, CONTRACTS_CREATE)
        owner = (owner if owner is not None else principal.username).strip()
        if not owner:
            raise ContractError("owner_missing", "a contract needs an owner")
        partner = partner if partner is not None else principal.partner
        if not grant.covers(owner=owner, partner=partner):
            raise Forbidden("contracts can be created only for yourself")
        if not pcid:
            raise ContractError("pcid_missing", "a contract needs the car (PCID) it is for")
        car = normalize_pcid(pcid)
        if session.scalar(select(User.id).where(User.username == owner)) is None:
            raise ContractError("owner_unknown", f"no user {owner!r} to own the contract")
        if partner is not None and session.get(Partner, partner) is None:
            raise ContractError("partner_unknown", f"no partner {partner!r}; add it first")
        self._refuse_other_owners(session, car, owner, principal)
        now = self._clock()
        until = valid_until or now + timedelta(days=valid_days)
        if until <= now:
            raise ContractError("validity", "the contract must end in the future")
        chosen, origin = self._unused_emaid(session, emaid)
        contract = Contract(
            emaid=chosen.normalized,
            emaid_origin=origin,
            owner=owner,
            partner=partner,
            status="active",
            valid_from=now,
            valid_until=until,
            created_at=now,
            created_by=principal.actor,
        )
        session.add(contract)
        # A concurrent insert of the same eMAID makes this flush fail (the unique
        # constraint): the caller's transaction is then rolled back as a whole.
        session.flush()
        record_event(
            session,
            actor=principal.actor,
            action="contract.created",
            emaid=contract.emaid,
            owner=contract.owner,
            origin=origin,
            valid_until=until.isoformat(),
        )
        claim = grant.scope is not Scope.ANY  # a driver's word for whose car it is
        self._bind(session, contract, car, None, principal.actor, claim=claim)
        return contract

    @staticmethod
    def _refuse_other_owners(session: Session, pcid: str, owner: str, principal: Principal) -> None:
        holders = set(
            session.scalars(
                select(Contract.owner)
                .join(VehicleBinding, VehicleBinding.contract_id == Contract.id)
                .where(
                    VehicleBinding.pcid == pcid,
                    VehicleBinding.status.in_(("approved", "pending")),
                    Contract.status != "terminated",
                )
            )
        )
        if holders - {owner}:
            record_refusal(
                session,
                actor=principal.actor,
                action="contract.pcid_claim_refused",
                pcid=pcid,
                owner=owner,
            )
            raise ContractConflict(
                "pcid_claimed",
                f"car {pcid} belongs to another account; the operator can transfer it",
            )

    def _unused_emaid(self, session: Session, emaid: str | None) -> tuple[Emaid, str]:
        """(eMAID, origin). Checked before the insert rather than caught after it: a failed
        insert would abort the caller's whole transaction on PostgreSQL, and a savepoint
        around it does not work with pysqlite's default transaction handling."""
        if emaid is not None:
            chosen, origin = self.registry.imported(emaid)
            if self._exists(session, chosen.normalized):
                raise ContractConflict(
                    "emaid_taken", f"a contract with eMAID {chosen.normalized} exists"
                )
            return chosen, origin
        for _draw in range(EMAID_DRAWS):
            drawn = self.registry.new()
            if not self._exists(session, drawn.normalized):
                return drawn, "issued"
        raise ContractConflict("emaid_exhausted", "could not draw an unused eMAID")

    @staticmethod
    def _exists(session: Session, emaid: str) -> bool:
        return session.scalar(select(Contract.id).where(Contract.emaid == emaid)) is not None

    def bind_vehicle(
        self,
        session: Session,
        principal: Principal,
        emaid: str,
        pcid: str,
        *,
        default: bool | None = None,
    ) -> VehicleBinding:
        grant = self._access.require(principal, CONTRACTS_UPDATE)
        car = normalize_pcid(pcid)
        contract = self._in_scope(session, grant, emaid)
        existing = session.scalar(
            select(VehicleBinding).where(
                VehicleBinding.pcid == car, VehicleBinding.contract_id == contract.id
            )
        )
        if existing is not None:
            if default and existing.status == "approved":
                self._make_default(session, existing)
            return existing
        self._refuse_other_owners(session, car, contract.owner, principal)
        claim = grant.scope is not Scope.ANY
        return self._bind(session, contract, car, default, principal.actor, claim=claim)

    def _bind(
        self,
        session: Session,
        contract: Contract,
        pcid: str,
        default: bool | None,
        actor: str,
        *,
        claim: bool = False,
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
            status="pending" if claim else "approved",
            claimed_by=actor if claim else None,
        )
        session.add(binding)
        session.flush()
        if not claim and (default or (default is None and has_default is None)):
            self._make_default(session, binding)
        record_event(
            session,
            actor=actor,
            action="contract.vehicle_claimed" if claim else "contract.vehicle_bound",
            emaid=contract.emaid,
            pcid=pcid,
            default=binding.is_default,
        )
        return binding

    # --- cars: claims, decisions, transfers ---------------------------------------------------

    def claims(
        self, session: Session, principal: Principal, *, status: str | None = "pending"
    ) -> list[CarClaim]:
        """Cars bound or claimed, newest first (by default the claims awaiting a decision)."""
        self._access.require(principal, CARS_READ)
        query = (
            select(VehicleBinding, Contract)
            .join(Contract, Contract.id == VehicleBinding.contract_id)
            .order_by(VehicleBinding.id.desc())
        )
        if status is not None:
            if status not in BINDING_STATUSES:
                raise ContractError("claim_status", f"status must be one of {BINDING_STATUSES}")
            query = query.where(VehicleBinding.status == status)
        return [CarClaim.of(b, c) for b, c in session.execute(query.limit(1000)).all()]

    def decide_claim(
        self, session: Session, principal: Principal, pcid: str, emaid: str, *, approve: bool
    ) -> CarClaim:
        """Approve or reject a driver's claim of a car. Approving refuses while another
        owner's live contract holds the car (transfer it first)."""
        grant = self._access.require(principal, CARS_DECIDE)
        car = normalize_pcid(pcid)
        contract = self._in_scope(session, grant, emaid)
        binding = self._binding(session, car, contract.id, for_update=True)
        if binding.status != "pending":
            raise ContractConflict("claim_status", f"the claim of {car} is {binding.status}")
        if approve:
            self._refuse_other_owners(session, car, contract.owner, principal)
        binding.status = "approved" if approve else "rejected"
        binding.decided_by = principal.actor
        binding.decided_at = self._clock()
        if approve and not self._has_default(session, car):
            self._make_default(session, binding)
        record_event(
            session,
            actor=principal.actor,
            action="contract.vehicle_claim_approved"
            if approve
            else "contract.vehicle_claim_rejected",
            emaid=contract.emaid,
            pcid=car,
            owner=contract.owner,
        )
        return CarClaim.of(binding, contract)

    def transfer_car(
        self, session: Session, principal: Principal, pcid: str, to_owner: str
    ) -> list[CarClaim]:
        """The car goes to `to_owner`: every binding of other owners' contracts is released,
        the new owner's claims are approved. Returns the car's bindings after the change."""
        self._access.require(principal, CARS_DECIDE)
        car = normalize_pcid(pcid)
        if session.scalar(select(User.id).where(User.username == to_owner)) is None:
            raise ContractError("owner_unknown", f"no user {to_owner!r}")
        rows = list(
            session.execute(
                select(VehicleBinding, Contract)
                .join(Contract, Contract.id == VehicleBinding.contract_id)
                .where(VehicleBinding.pcid == car)
                .with_for_update(of=VehicleBinding)
            ).all()
        )
        if not rows:
            raise ContractNotFound("unknown_car", f"no contract knows car {car}")
        now = self._clock()
        for binding, contract in rows:
            mine = contract.owner == to_owner
            if not mine and binding.status in ("approved", "pending"):
                binding.status, binding.is_default = "released", False
            elif mine and binding.status == "pending":
                binding.status = "approved"
            else:
                continue
            binding.decided_by, binding.decided_at = principal.actor, now
        session.flush()
        if not self._has_default(session, car):
            mine_approved = [b for b, c in rows if c.owner == to_owner and b.status == "approved"]
            if mine_approved:
                self._make_default(session, mine_approved[0])
        record_event(
            session, actor=principal.actor, action="contract.vehicle_transferred", pcid=car,
            owner=to_owner,
        )  # fmt: skip
        return [CarClaim.of(b, c) for b, c in rows]

    def choose_default(
        self, session: Session, principal: Principal, pcid: str, emaid: str
    ) -> CarClaim:
        """The owner picks which of their contracts the car uses (its default)."""
        grant = self._access.require(principal, CONTRACTS_DEFAULT)
        car = normalize_pcid(pcid)
        contract = self._in_scope(session, grant, emaid)
        binding = self._binding(session, car, contract.id, for_update=True)
        if binding.status != "approved":
            raise ContractConflict(
                "claim_status", f"car {car} is {binding.status} for this contract"
            )
        self._make_default(session, binding)
        record_event(
            session,
            actor=principal.actor,
            action="contract.vehicle_default_chosen",
            emaid=contract.emaid,
            pcid=car,
        )
        return CarClaim.of(binding, contract)

    @staticmethod
    def _binding(
        session: Session, pcid: str, contract_id: int, *, for_update: bool = False
    ) -> VehicleBinding:
        query = select(VehicleBinding).where(
            VehicleBinding.pcid == pcid, VehicleBinding.contract_id == contract_id
        )
        if for_update:
            query = query.with_for_update()
        binding = session.scalar(query)
        if binding is None:
            raise ContractNotFound("unknown_car", f"car {pcid} is not bound to this contract")
        return binding

    @staticmethod
    def _has_default(session: Session, pcid: str) -> bool:
        found = session.scalar(
            select(VehicleBinding.id).where(
                VehicleBinding.pcid == pcid, VehicleBinding.is_default.is_(True)
            )
        )
        return found is not None

    @staticmethod
    def _make_default(session: Session, binding: VehicleBinding) -> None:
        for other in session.scalars(
            select(VehicleBinding).where(
                VehicleBinding.pcid == binding.pcid, VehicleBinding.is_default.is_(True)
            )
        ):
            other.is_default = False
        session.flush()  # the old default is cleared before the new one is set
        binding.is_default = True

    def bound_for_publication(
        self, session: Session, principal: Principal, emaid: str, pcid: str
    ) -> Contract:
        """The contract (in the caller's scope, `contracts:update`) if it is usable and bound
        to the car `pcid` by an approved binding: only then may its data go to a pool."""
        grant = self._access.require(principal, CONTRACTS_UPDATE)
        contract = self._in_scope(session, grant, emaid)
        car = normalize_pcid(pcid)
        bound = session.scalar(
            select(VehicleBinding.id).where(
                VehicleBinding.contract_id == contract.id,
                VehicleBinding.pcid == car,
                VehicleBinding.status == "approved",
            )
        )
        if bound is None:
            raise ContractError(
                "car_not_bound", f"contract {contract.emaid} is not bound to the car {car}"
            )
        return contract

    def suspend(self, session: Session, principal: Principal, emaid: str) -> Contract:
        grant = self._access.require(principal, CONTRACTS_UPDATE)
        return self._set_status(session, grant, emaid, "suspended", allowed_from=("active",))

    def resume(self, session: Session, principal: Principal, emaid: str) -> Contract:
        grant = self._access.require(principal, CONTRACTS_UPDATE)
        return self._set_status(session, grant, emaid, "active", allowed_from=("suspended",))

    def terminate(
        self, session: Session, principal: Principal, emaid: str
    ) -> tuple[Contract, list[str]]:
        """Terminate the contract and revoke every certificate of it, in the caller's
        transaction; returns the revoked serials. Terminating twice is an error (nothing to
        do is worth saying)."""
        grant = self._access.require(principal, CONTRACTS_TERMINATE)
        contract = self._set_status(
            session, grant, emaid, "terminated", allowed_from=("active", "suspended")
        )
        return contract, self._revoke_certificates(session, contract, principal.actor)

    def _revoke_certificates(self, session: Session, contract: Contract, actor: str) -> list[str]:
        """Found through the CA's own records by CN, not only through the links: a
        certificate reserved for the eMAID whose CPS transaction never committed may still
        have been signed, and has no link."""
        serials = [
            record.serial_hex
            for record in self._ca.certificates_of_subject(
                session, contract.emaid, profiles=CONTRACT_PROFILES
            )
            if record.revoked_at is None
        ]
        serials += [s for s in self._linked_serials(session, contract.id) if s not in serials]
        revoked = []
        for serial_hex in serials:
            try:
                self._ca.revoke(
                    session, parse_serial(serial_hex), reason="cessationOfOperation", actor=actor
                )
            except (AlreadyRevoked, UnknownCertificate):
                continue
            revoked.append(serial_hex)
        return revoked

    def _set_status(
        self,
        session: Session,
        grant: Grant,
        emaid: str,
        status: str,
        *,
        allowed_from: tuple[str, ...],
    ) -> Contract:
        assert status in CONTRACT_STATUSES
        contract = self._in_scope(session, grant, emaid, for_update=True)
        if contract.status not in allowed_from:
            raise ContractConflict(
                "contract_status",
                f"contract {contract.emaid} is {contract.status}; cannot become {status}",
            )
        previous = contract.status
        contract.status = status
        contract.status_changed_at = self._clock()
        record_event(
            session,
            actor=grant.principal.actor,
            action=f"contract.{_PAST[status]}",
            emaid=contract.emaid,
            previous=previous,
        )
        return contract

    def _in_scope(
        self, session: Session, grant: Grant, emaid: str, *, for_update: bool = False
    ) -> Contract:
        key = self.registry.imported(emaid)[0].normalized
        query = _scoped(grant, select(Contract).where(Contract.emaid == key))
        if for_update:
            # populate_existing: a contract already in the session is re-read, not trusted.
            query = query.with_for_update().execution_options(populate_existing=True)
        contract = session.scalar(query)
        if contract is None:
            raise ContractNotFound("unknown_contract", f"no contract with eMAID {key}")
        return contract

    # --- for stations (the CPS and the authorizer) ------------------------------------------

    @staticmethod
    def find_by_emaid(session: Session, emaid: str) -> Contract | None:
        """The contract with this normalised eMAID (a contract certificate's CN)."""
        return session.scalar(select(Contract).where(Contract.emaid == emaid))

    @staticmethod
    def contract_for_pcid(session: Session, pcid: str) -> Contract | None:
        """The car's default contract, else its newest one; None if the car is unknown."""
        return session.scalar(
            select(Contract)
            .join(VehicleBinding, VehicleBinding.contract_id == Contract.id)
            .where(VehicleBinding.pcid == pcid_key(pcid), VehicleBinding.status == "approved")
            .order_by(VehicleBinding.is_default.desc(), VehicleBinding.id.desc())
            .limit(1)
        )

    @staticmethod
    def contracts_for_pcid(session: Session, pcid: str) -> list[Contract]:
        """All the car's contracts, default first (ISO 15118-20 may install several)."""
        return list(
            session.scalars(
                select(Contract)
                .join(VehicleBinding, VehicleBinding.contract_id == Contract.id)
                .where(VehicleBinding.pcid == pcid_key(pcid), VehicleBinding.status == "approved")
                .order_by(VehicleBinding.is_default.desc(), VehicleBinding.id.desc())
            )
        )

    @staticmethod
    def certificates(session: Session, emaid: str) -> list[ContractCertificate]:
        """The certificates the CPS issued and linked to the contract, oldest first."""
        return list(
            session.scalars(
                select(ContractCertificate)
                .join(Contract, Contract.id == ContractCertificate.contract_id)
                .where(Contract.emaid == emaid)
                .order_by(ContractCertificate.id)
            )
        )

    @staticmethod
    def lock_usable(session: Session, contract_id: int, now: datetime) -> Contract:
        """The contract re-read under a row lock (held until the caller's transaction ends,
        so a termination waits for the certificate being completed and then revokes it);
        ContractUnusable if it is no longer active and within its validity."""
        contract = session.scalar(
            select(Contract)
            .where(Contract.id == contract_id)
            .with_for_update()
            # The object read earlier in this session may be stale: read the row afresh.
            .execution_options(populate_existing=True)
        )
        if contract is None:
            raise ContractUnusable(f"contract {contract_id} does not exist")
        reason = unusable_reason(contract, now)
        if reason is not None:
            raise ContractUnusable(reason)
        return contract

    def record_certificate(
        self,
        session: Session,
        contract: Contract,
        *,
        serial_hex: str,
        pcid: str | None,
        action: str,
        schema: str,
        not_after: datetime,
        escrowed_key: bytes | None,
        actor: str,
    ) -> ContractCertificate:
        """Link a contract certificate to its contract, audited, in the transaction that
        completes the certificate."""
        link = ContractCertificate(
            contract_id=contract.id,
            serial_hex=serial_hex,
            pcid=pcid,
            action=action,
            schema=schema,
            not_after=not_after,
            issued_at=self._clock(),
            escrowed_key=escrowed_key,
        )
        session.add(link)
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
        return link

    @staticmethod
    def emaids_owned_by(username: str) -> Select[str]:
        """The eMAIDs of a user's contracts, as a subquery for other domains' listings (the
        OCPP core's charging sessions) so they need not read the contracts table."""
        return select(Contract.emaid).where(Contract.owner == username)

    @staticmethod
    def pcids_owned_by(username: str) -> Select[str]:
        """The cars (PCIDs) bound to a user's contracts with an operator's approval, as a
        subquery: a claim still waiting is no proof the car is theirs (VehicleBinding)."""
        return (
            select(VehicleBinding.pcid)
            .join(Contract, Contract.id == VehicleBinding.contract_id)
            .where(Contract.owner == username, VehicleBinding.status == "approved")
        )

    # --- links ------------------------------------------------------------------------------

    @staticmethod
    def _linked(session: Session, contract_id: int) -> list[ContractCertificate]:
        return list(
            session.scalars(
                select(ContractCertificate)
                .where(ContractCertificate.contract_id == contract_id)
                .order_by(ContractCertificate.id)
            )
        )

    def _linked_serials(self, session: Session, contract_id: int) -> list[str]:
        return [link.serial_hex for link in self._linked(session, contract_id)]


def _by_car(query: Select[Any], pcid: str) -> Select[Any]:
    cars = select(VehicleBinding.contract_id).where(VehicleBinding.pcid == pcid_key(pcid))
    return query.where(Contract.id.in_(cars))


CONTRACT_SPEC = ListSpec(
    fields={
        "created_at": Field(Contract.created_at, natural_descending=True),
        "valid_until": Field(Contract.valid_until),
        "emaid": Field(Contract.emaid),
        "owner": Field(Contract.owner, filter="exact"),
        "partner": Field(Contract.partner, filter="exact"),
        "status": Field(Contract.status, filter="choice", choices=tuple(CONTRACT_STATUSES)),
    },
    search=(Contract.emaid, Contract.owner, Contract.partner),
    default_sort="created_at",
    tiebreak=Contract.id,
    custom_filters={"pcid": (None, _by_car)},
)

CAR_SPEC = ListSpec(
    fields={
        "created_at": Field(VehicleBinding.created_at, natural_descending=True),
        "pcid": Field(VehicleBinding.pcid),
        "emaid": Field(Contract.emaid),
        "owner": Field(Contract.owner, filter="exact"),
        "status": Field(VehicleBinding.status, filter="choice", choices=BINDING_STATUSES),
        "is_default": Field(VehicleBinding.is_default, filter="bool"),
    },
    search=(VehicleBinding.pcid, Contract.emaid, Contract.owner),
    default_sort="created_at",
    tiebreak=VehicleBinding.id,
)
