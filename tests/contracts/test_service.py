"""Contracts and cars: registry eMAIDs, bindings with one default, search, audit, escrow."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import select

from auth.audit import AuditEvent
from contracts import ContractError
from iso15118.emaid import parse_emaid
from tests.contracts.conftest import OPERATOR, Pnc, Product, car, contract_domain

pytestmark = pytest.mark.postgres


def _actions(product: Product) -> list[str]:
    with product.session_factory() as session:
        return list(session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)))


def test_registry_emaids_are_valid_and_unique(product: Product) -> None:
    service = contract_domain(product).service
    with product.session_factory.begin() as session:
        made = {service.create(session, OPERATOR, owner="u", pcid=car(n)).emaid for n in range(50)}
    assert len(made) == 50
    for emaid in made:
        parsed = parse_emaid(emaid)  # check character verified by the parser
        assert (parsed.country, parsed.provider, parsed.instance[0]) == ("UZ", "UPC", "C")


def test_imported_and_din_emaids(product: Product) -> None:
    service = contract_domain(product).service
    with product.session_factory.begin() as session:
        imported = service.create(
            session, OPERATOR, owner="u", pcid=car(1), emaid="nl-tnm-c00122045"
        )
    assert (imported.emaid, imported.emaid_origin) == ("NLTNMC00122045K", "imported")
    with pytest.raises(ContractError) as caught, product.session_factory.begin() as session:
        # the same ID, DIN form
        service.create(session, OPERATOR, owner="u", pcid=car(2), emaid="NL*TNM*012204*5")
    assert caught.value.code == "emaid_taken"
    with product.session_factory.begin() as session:
        din = service.create(session, OPERATOR, owner="u", pcid=car(3), emaid="DE*8AA*123456*2")
    assert din.emaid_origin == "din-converted" and din.emaid.startswith("DE8AAC0123456")
    with pytest.raises(ContractError) as caught, product.session_factory.begin() as session:
        service.create(session, OPERATOR, owner="u", pcid=car(4), emaid="NL-TNM-C00122045-X")
    assert caught.value.code == "emaid_check_character"


def test_several_contracts_per_car_one_default(make_pnc: Callable[..., Pnc]) -> None:
    pnc = make_pnc()
    service = pnc.domain.service
    begin = pnc.product.session_factory.begin
    with begin() as session:
        # Issue 12: one car's contracts all belong to one owner (here a fleet contract of
        # the same driver); before, this was owned by "fleet".
        second = service.create(
            session, OPERATOR, owner="alice", partner="UzAuto Fleet", pcid=pnc.pcid
        )
    with begin() as session:
        assert service.contract_for_pcid(session, pnc.pcid).emaid == pnc.emaid  # first stays
        service.bind_vehicle(session, OPERATOR, second.emaid, pnc.pcid, default=True)
    with begin() as session:
        assert service.contract_for_pcid(session, pnc.pcid).emaid == second.emaid
        assert [c.emaid for c in service.contracts_for_pcid(session, pnc.pcid)] == [
            second.emaid,
            pnc.emaid,
        ]
        found = service.search(session, OPERATOR, pcid=pnc.pcid.lower())
        assert {c.emaid for c in found} == {pnc.emaid, second.emaid}
        assert [c.emaid for c in service.search(session, OPERATOR, text="uzauto")] == [second.emaid]
        by_owner = service.search(session, OPERATOR, owner="alice")
        assert [c.emaid for c in by_owner] == [second.emaid, pnc.emaid]  # both are alice's now
        assert service.search(session, OPERATOR, owner="fleet") == []
        service.terminate(session, OPERATOR, pnc.emaid)
    with begin() as session:
        terminated = service.search(session, OPERATOR, status="terminated")
        assert [c.emaid for c in terminated] == [pnc.emaid]
    actions = _actions(pnc.product)
    for expected in ("contract.created", "contract.vehicle_bound", "contract.terminated"):
        assert expected in actions
    with pytest.raises(ContractError), begin() as session:
        service.bind_vehicle(session, OPERATOR, pnc.emaid, "short")
