"""Contracts and cars: registry eMAIDs, bindings with one default, search, audit, escrow."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import select

from auth.audit import AuditEvent
from contracts import ContractError, contracts_of
from csms.product import Product
from iso15118.emaid import parse_emaid
from tests.contracts.conftest import Pnc

pytestmark = pytest.mark.postgres


def _actions(product: Product) -> list[str]:
    with product.session_factory() as session:
        return list(session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)))


def test_registry_emaids_are_valid_and_unique(product: Product) -> None:
    service = contracts_of(product).service
    made = {service.create(owner="u", actor="t").emaid for _ in range(50)}
    assert len(made) == 50
    for emaid in made:
        parsed = parse_emaid(emaid)  # check character verified by the parser
        assert (parsed.country, parsed.provider, parsed.instance[0]) == ("UZ", "UPC", "C")


def test_imported_and_din_emaids(product: Product) -> None:
    service = contracts_of(product).service
    imported = service.create(owner="u", emaid="nl-tnm-c00122045", actor="t")
    assert (imported.emaid, imported.emaid_origin) == ("NLTNMC00122045K", "imported")
    with pytest.raises(ContractError) as caught:
        service.create(owner="u", emaid="NL*TNM*012204*5", actor="t")  # the same ID, DIN form
    assert caught.value.code == "emaid_taken"
    din = service.create(owner="u", emaid="DE*8AA*123456*2", actor="t")
    assert din.emaid_origin == "din-converted" and din.emaid.startswith("DE8AAC0123456")
    with pytest.raises(ContractError) as caught:
        service.create(owner="u", emaid="NL-TNM-C00122045-X", actor="t")
    assert caught.value.code == "emaid_check_character"


def test_several_contracts_per_car_one_default(make_pnc: Callable[..., Pnc]) -> None:
    pnc = make_pnc()
    service = pnc.domain.service
    second = service.create(owner="fleet", partner="UzAuto Fleet", pcid=pnc.pcid, actor="t")
    assert service.contract_for_pcid(pnc.pcid).emaid == pnc.emaid  # first stays default
    service.bind_vehicle(second.emaid, pnc.pcid, default=True, actor="t")
    assert service.contract_for_pcid(pnc.pcid).emaid == second.emaid
    assert [c.emaid for c in service.contracts_for_pcid(pnc.pcid)] == [second.emaid, pnc.emaid]
    assert {c.emaid for c in service.search(pcid=pnc.pcid.lower())} == {pnc.emaid, second.emaid}
    assert [c.emaid for c in service.search(text="uzauto")] == [second.emaid]
    assert [c.emaid for c in service.search(owner="alice")] == [pnc.emaid]
    service.terminate(pnc.emaid, actor="ops")
    assert [c.emaid for c in service.search(status="terminated")] == [pnc.emaid]
    actions = _actions(pnc.product)
    for expected in ("contract.created", "contract.vehicle_bound", "contract.terminated"):
        assert expected in actions
    with pytest.raises(ContractError):
        service.bind_vehicle(pnc.emaid, "short", actor="t")
