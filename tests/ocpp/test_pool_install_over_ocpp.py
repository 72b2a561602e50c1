"""Another operator's contract, installed at a real station through the OPCP pool: the
station (OCPP 2.0.1 over a WebSocket) sends Get15118EVCertificate with Josev's request; the
product's OCPP server, configured for the stand-in pool, has no contract for the car and
answers with the pool's signed contract data; Josev, trusting only the other operator's root,
accepts it."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from contracts.cps import ISO2_SCHEMA
from tests.contracts.car import JosevCar
from tests.contracts.conftest import Pnc, josev, make_pnc, make_product, trust
from tests.contracts.test_pool_contracts import _foreign_contract_in_pool
from tests.harness.opcp_standin import OpcpStandIn
from tests.ocpp.client import boot, call, open_station
from tests.ocpp.conftest import Running

__all__ = ["josev", "make_pnc", "make_product"]

pytestmark = [pytest.mark.interop, pytest.mark.postgres]


@pytest.fixture
def pool() -> Iterator[OpcpStandIn]:
    with OpcpStandIn() as standin:
        yield standin


def test_a_station_installs_another_operators_contract_from_the_pool(
    start_ocpp: Callable[..., Running],
    make_pnc: Callable[..., Pnc],
    josev: JosevCar,
    pool: OpcpStandIn,
) -> None:
    foreign = make_pnc("sqlite-file")  # the other operator, its own PKI (root X)
    _foreign_contract_in_pool(foreign, josev, pool)
    ocpp = start_ocpp(
        settings={
            "opcp_base_url": pool.base_url,
            "opcp_token_url": pool.token_url,
            "opcp_client_id": pool.client_id,
            "opcp_client_secret": pool.client_secret,
        }
    )
    trust(ocpp.container, foreign.oem.pem("root", "sub1", "sub2"))
    ocpp.add("POOL-1")
    request = josev.call(
        "install_req",
        oem_cert=foreign.oem_leaf_der,
        key_pem=foreign.oem_key_pem,
        roots=[foreign.der("v2g-root")],
        session_id="1234567812345678",
    )
    with open_station(ocpp.ws_url("POOL-1"), "POOL-1") as ws:
        boot(ws)
        answer = call(
            ws,
            "Get15118EVCertificate",
            {
                "iso15118SchemaVersion": ISO2_SCHEMA,
                "action": "Install",
                "exiRequest": request["exi"],
            },
        )
    assert answer[0] == 3 and answer[2]["status"] == "Accepted", answer
    car = josev.call(
        "check_res",
        exi=answer[2]["exiResponse"],
        key_pem=foreign.oem_key_pem,
        v2g_root=foreign.der("v2g-root"),
    )
    assert car["response_code"] == "OK" and car["signature_ok"] is True
    assert car["key_matches"] is True and car["emaid"] == foreign.emaid
    assert car["session_id"].upper() == "1234567812345678"
    assert [(r.status, r.refused) for r in pool.seen("/v1/ccp")] == [(200, None)]
