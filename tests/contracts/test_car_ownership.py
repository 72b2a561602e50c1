"""Issue 12: a car has one owner, and claiming it first is not enough; references must exist.

Before issue 12 any driver could register a contract for another person's car (PCID): the
first binding became the car's default, so at the station the car received the claimant's
contract. Now a driver's claim waits for an operator, a car held by another owner is refused
(and the refusal audited), an operator can transfer a car, and the owner picks the default.
"""

from __future__ import annotations

import pytest
from sqlalchemy import select

from auth.audit import AuditEvent
from auth.principal import Principal
from contracts import ContractError
from contracts.errors import ContractConflict, ContractNotFound
from tests.contracts.conftest import OPERATOR, Pnc, car

pytestmark = pytest.mark.postgres

ALICE = Principal("alice", 1, None, ("client",))  # owns pnc's car (bound by the operator)
BOB = Principal("bob", 2, None, ("client",))


def _actions(pnc: Pnc) -> list[str]:
    with pnc.product.session_factory() as session:
        return list(session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)))


def test_a_drivers_claim_waits_for_the_operator(pnc: Pnc) -> None:
    """Fails before issue 12: the driver's car was bound at once, as its default."""
    service = pnc.domain.service
    with pnc.product.transaction() as session:
        bobs = service.create(session, BOB, pcid=car(7))
    with pnc.product.transaction() as session:
        assert service.contract_for_pcid(session, car(7)) is None  # the CPS does not use it
        [claim] = service.claims(session, OPERATOR)
        assert (claim.pcid, claim.emaid, claim.status) == (car(7), bobs.emaid, "pending")
        decided = service.decide_claim(session, OPERATOR, car(7), bobs.emaid, approve=True)
        assert decided.status == "approved" and decided.is_default
    with pnc.product.transaction() as session:
        found = service.contract_for_pcid(session, car(7))
        assert found is not None and found.emaid == bobs.emaid
    actions = _actions(pnc)
    assert "contract.vehicle_claimed" in actions
    assert "contract.vehicle_claim_approved" in actions


def test_a_rejected_claim_never_serves_the_car(pnc: Pnc) -> None:
    service = pnc.domain.service
    with pnc.product.transaction() as session:
        bobs = service.create(session, BOB, pcid=car(8))
    with pnc.product.transaction() as session:
        service.decide_claim(session, OPERATOR, car(8), bobs.emaid, approve=False)
    with pnc.product.transaction() as session:
        assert service.contract_for_pcid(session, car(8)) is None
        with pytest.raises(ContractConflict):  # decided once
            service.decide_claim(session, OPERATOR, car(8), bobs.emaid, approve=True)


def test_claiming_another_owners_car_is_refused_and_audited(pnc: Pnc) -> None:
    """Fails before issue 12: bob's contract for alice's car was accepted (HTTP 201), and the
    car then held contracts of two owners."""
    service = pnc.domain.service
    with pytest.raises(ContractConflict) as caught, pnc.product.transaction() as session:
        service.create(session, BOB, pcid=pnc.pcid)
    assert caught.value.code == "pcid_claimed"
    with pytest.raises(ContractConflict), pnc.product.transaction() as session:
        service.create(session, OPERATOR, owner="bob", pcid=pnc.pcid)  # operators too
    assert _actions(pnc).count("contract.pcid_claim_refused") == 2  # audited despite rollback
    with pnc.product.transaction() as session:
        found = service.contract_for_pcid(session, pnc.pcid)
        assert found is not None and found.emaid == pnc.emaid
        assert [c.owner for c in service.contracts_for_pcid(session, pnc.pcid)] == ["alice"]


def test_the_operator_transfers_a_car(pnc: Pnc) -> None:
    service = pnc.domain.service
    with pytest.raises(ContractError) as caught, pnc.product.transaction() as session:
        service.transfer_car(session, OPERATOR, pnc.pcid, "nobody-at-all")
    assert caught.value.code == "owner_unknown"
    with pnc.product.transaction() as session:
        after = service.transfer_car(session, OPERATOR, pnc.pcid, "bob")
        assert [(b.owner, b.status) for b in after] == [("alice", "released")]
    with pnc.product.transaction() as session:
        assert service.contract_for_pcid(session, pnc.pcid) is None
        bobs = service.create(session, OPERATOR, owner="bob", pcid=pnc.pcid)
    with pnc.product.transaction() as session:
        found = service.contract_for_pcid(session, pnc.pcid)
        assert found is not None and found.emaid == bobs.emaid
    assert "contract.vehicle_transferred" in _actions(pnc)
    with pytest.raises(Exception), pnc.product.transaction() as session:  # noqa: B017
        service.claims(session, BOB)  # reviewing cars is the operator's


def test_the_owner_chooses_the_default_contract(pnc: Pnc) -> None:
    service = pnc.domain.service
    with pnc.product.transaction() as session:
        second = service.create(session, OPERATOR, owner="alice", pcid=pnc.pcid)
    with pnc.product.transaction() as session:
        first = service.contract_for_pcid(session, pnc.pcid)
        assert first is not None and first.emaid == pnc.emaid
        chosen = service.choose_default(session, ALICE, pnc.pcid, second.emaid)
        assert chosen.is_default
    with pnc.product.transaction() as session:
        found = service.contract_for_pcid(session, pnc.pcid)
        assert found is not None and found.emaid == second.emaid
    with pytest.raises(ContractNotFound), pnc.product.transaction() as session:
        service.choose_default(session, BOB, pnc.pcid, pnc.emaid)  # not bob's contract


@pytest.mark.parametrize(
    ("owner", "partner", "pcid", "code"),
    [
        ("ghost", None, car(1), "owner_unknown"),
        ("alice", "Nope", car(1), "partner_unknown"),
        ("alice", None, None, "pcid_missing"),
    ],
)
def test_references_must_exist(
    pnc: Pnc, owner: str, partner: str | None, pcid: str | None, code: str
) -> None:
    """Fails before issue 12: each of these contracts was created."""
    with pytest.raises(ContractError) as caught, pnc.product.transaction() as session:
        pnc.domain.service.create(session, OPERATOR, owner=owner, partner=partner, pcid=pcid)
    assert caught.value.code == code
