"""The contract service enforces permissions and scope itself: a door only says who acts.

Drivers (`client` in policies/seed.csv: contracts read, create, terminate, own scope) see and
change their own contracts only; another owner's contract looks exactly like a missing one.
"""

from __future__ import annotations

import pytest
from sqlalchemy import select

from auth.principal import Forbidden, Principal
from contracts import Contract, ContractNotFound
from tests.contracts.conftest import OPERATOR, Pnc, car

pytestmark = pytest.mark.postgres

ALICE = Principal("alice", 1, None, ("client",))  # the owner of pnc's contract
BOB = Principal("bob", 2, None, ("client",))


def test_a_driver_sees_only_their_own_contracts(pnc: Pnc) -> None:
    service = pnc.domain.service
    with pnc.product.session_factory.begin() as session:
        bobs = service.create(session, BOB, pcid=car(1)).emaid  # owner: the principal himself
    with pnc.product.session_factory() as session:
        assert [c.emaid for c in service.list_contracts(session, ALICE)] == [pnc.emaid]
        assert [c.emaid for c in service.list_contracts(session, BOB)] == [bobs]
        assert service.get(session, ALICE, pnc.emaid).owner == "alice"
        with pytest.raises(ContractNotFound) as caught:
            service.get(session, BOB, pnc.emaid)
        assert caught.value.code == "unknown_contract"
        assert str(caught.value) == f"no contract with eMAID {pnc.emaid}"  # as if missing
        owned = select(Contract.emaid).where(Contract.emaid.in_(service.emaids_owned_by("alice")))
        assert list(session.scalars(owned)) == [pnc.emaid]


def test_a_driver_creates_contracts_for_themselves_only(pnc: Pnc) -> None:
    with pytest.raises(Forbidden), pnc.product.session_factory.begin() as session:
        pnc.domain.service.create(session, BOB, owner="alice", pcid=car(2))
    with pnc.product.session_factory.begin() as session:
        created = pnc.domain.service.create(session, OPERATOR, owner="alice", pcid=car(2))
        assert created.owner == "alice"


def test_a_driver_terminates_only_their_own_contract_and_cannot_suspend(pnc: Pnc) -> None:
    service = pnc.domain.service
    with pytest.raises(ContractNotFound), pnc.product.session_factory.begin() as session:
        service.terminate(session, BOB, pnc.emaid)
    with pytest.raises(Forbidden), pnc.product.session_factory.begin() as session:
        service.suspend(session, ALICE, pnc.emaid)  # `update` is the operator's
    with pnc.product.session_factory.begin() as session:
        terminated, _revoked = service.terminate(session, ALICE, pnc.emaid)
    assert terminated.status == "terminated"
