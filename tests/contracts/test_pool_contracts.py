"""Contracts of other mobility operators, through the OPCP Contract Certificate Pool.

Two operators, each a whole product with its own PKI: B, a foreign mobility operator whose
V2G root (X) the car trusts, has a contract for the car; its CPS's signed contract data sits
in the pool (the stand-in of Hubject's CCP, strict to the published API). A, the station's
operator, has no contract for the car and a V2G root (Y) the car does not trust. Josev plays
the car: it lists only X, and must accept what A answers."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import xmlschema
from sqlalchemy import select
from starlette.responses import JSONResponse

from auth.audit import AuditEvent
from auth.errors import Upstream
from contracts import CertificateProvisioningService
from contracts.cps import ISO2_SCHEMA
from contracts.errors import ContractError
from contracts.publish import ContractPublisher
from csms.opcp import OpcpClient
from csms.opcp.pool import OpcpContractPool, OpcpPublication
from tests.contracts.car import JosevCar
from tests.contracts.conftest import OPERATOR, Pnc, Product, contract_domain, trust
from tests.harness.opcp_standin import OpcpStandIn, PoolContract, ProvisioningEntry
from tests.opcp.test_client import settings_for

pytestmark = [pytest.mark.interop, pytest.mark.postgres]

SESSION = "5A5A5A5A5A5A5A5A"


@pytest.fixture
def pool() -> Iterator[OpcpStandIn]:
    with OpcpStandIn() as standin:
        yield standin


def _foreign_contract_in_pool(foreign: Pnc, josev: JosevCar, pool: OpcpStandIn) -> None:
    """B's CPS makes the car's signed contract data (under B's root X) and it goes to the
    pool, as a publishing operator's would."""
    request = josev.call(
        "install_req",
        oem_cert=foreign.oem_leaf_der,
        key_pem=foreign.oem_key_pem,
        roots=[foreign.der("v2g-root")],
        session_id="0000000000000001",
    )
    answer = foreign.handle(ISO2_SCHEMA, "Install", request["exi"])
    assert answer.status == "Accepted", answer.detail
    pool.contracts[foreign.pcid] = [PoolContract(foreign.emaid, answer.exi_response)]


def _operator_with_pool(
    product: Product, foreign: Pnc, pool: OpcpStandIn, budget_s: float = 2.0
) -> CertificateProvisioningService:
    """A: the car maker's roots imported (it checks the car's certificate itself), no
    contract for the car, the pool configured."""
    trust(product, foreign.oem.pem("root", "sub1", "sub2"))
    domain = contract_domain(product)
    return CertificateProvisioningService(
        product.ca,
        domain.trust_view,
        domain.service,
        pool=OpcpContractPool(OpcpClient(settings_for(pool))),
        pool_budget_s=budget_s,
    )


def _car_request(foreign: Pnc, josev: JosevCar) -> str:
    """Josev's CertificateInstallationReq for the car, listing only the other operator's
    root (X), in SESSION."""
    request = josev.call(
        "install_req",
        oem_cert=foreign.oem_leaf_der,
        key_pem=foreign.oem_key_pem,
        roots=[foreign.der("v2g-root")],  # X only: A's own root is not listed
        session_id=SESSION,
    )
    return str(request["exi"])


def _ask(product: Product, cps: CertificateProvisioningService, exi: str):  # type: ignore[no-untyped-def]
    with product.session_factory.begin() as session:
        return cps.handle(session, ISO2_SCHEMA, "Install", exi)


def test_a_car_trusting_only_the_foreign_root_installs_its_contract_from_the_pool(
    make_pnc: Callable[..., Pnc],
    make_product: Callable[..., Product],
    josev: JosevCar,
    pool: OpcpStandIn,
) -> None:
    foreign = make_pnc("sqlite-file")
    _foreign_contract_in_pool(foreign, josev, pool)
    operator = make_product("postgres-file")
    cps = _operator_with_pool(operator, foreign, pool)

    answer = _ask(operator, cps, _car_request(foreign, josev))
    assert answer.status == "Accepted", answer.detail
    assert answer.detail == "pool" and answer.emaid == foreign.emaid

    car = josev.call(
        "check_res",
        exi=answer.exi_response,
        key_pem=foreign.oem_key_pem,
        v2g_root=foreign.der("v2g-root"),
    )
    assert car["response_code"] == "OK"
    assert car["session_id"].upper() == SESSION  # A set the car's session in the header
    assert car["signature_ok"] is True  # B's CPS signature, verified by Josev up to X
    assert car["key_matches"] is True  # the contract key decrypts with the car's key
    assert car["emaid"] == foreign.emaid
    ccp = pool.seen("/v1/ccp/signedContractData")
    assert [(r.method, r.status, r.refused) for r in ccp] == [("POST", 200, None)]


def test_no_contract_anywhere_is_no_certificate_available(
    make_pnc: Callable[..., Pnc],
    make_product: Callable[..., Product],
    josev: JosevCar,
    pool: OpcpStandIn,
) -> None:
    foreign = make_pnc("sqlite-file")  # nothing published to the pool
    operator = make_product("postgres-file")
    cps = _operator_with_pool(operator, foreign, pool)
    request = _car_request(foreign, josev)
    answer = _ask(operator, cps, request)
    assert answer.status == "Failed"
    assert answer.response_code == "FAILED_NoCertificateAvailable"
    assert "pool" in answer.detail
    assert [r.status for r in pool.seen("/v1/ccp")] == [404]


def test_a_pool_slower_than_the_budget_is_a_failure_within_the_budget(
    make_pnc: Callable[..., Pnc],
    make_product: Callable[..., Product],
    josev: JosevCar,
    pool: OpcpStandIn,
) -> None:
    foreign = make_pnc("sqlite-file")
    _foreign_contract_in_pool(foreign, josev, pool)
    operator = make_product("postgres-file")
    cps = _operator_with_pool(operator, foreign, pool, budget_s=0.5)
    request = _car_request(foreign, josev)
    pool.latency_s = 3.0
    started = time.monotonic()
    answer = _ask(operator, cps, request)
    elapsed = time.monotonic() - started
    assert answer.response_code == "FAILED_NoCertificateAvailable"
    assert "timeout" in answer.detail
    assert elapsed < 1.5, elapsed


def test_a_pool_answer_that_does_not_verify_is_not_passed_on(
    make_pnc: Callable[..., Pnc],
    make_product: Callable[..., Product],
    josev: JosevCar,
    pool: OpcpStandIn,
) -> None:
    foreign = make_pnc("sqlite-file")
    _foreign_contract_in_pool(foreign, josev, pool)
    stored = pool.contracts[foreign.pcid][0]
    import base64

    from iso15118 import decode_v2g_message, encode_v2g_message

    message = decode_v2g_message(base64.b64decode(stored.certificate_installation_res))
    message.body.emaid.value = "UZXYZ000000000"  # type: ignore[union-attr]
    pool.contracts[foreign.pcid] = [
        PoolContract(stored.emaid, base64.b64encode(encode_v2g_message(message)).decode())
    ]
    operator = make_product("postgres-file")
    cps = _operator_with_pool(operator, foreign, pool)
    request = _car_request(foreign, josev)
    answer = _ask(operator, cps, request)
    assert answer.response_code == "FAILED_NoCertificateAvailable"
    assert "signature" in answer.detail


# --- the product as the mobility operator: publishing its contracts to the pool ----------------

REPO = Path(__file__).resolve().parents[2]


def _iso2_schema() -> xmlschema.XMLSchema:
    """ISO 15118-2's own XSDs, as Josev ships them (its venv, set up by the josev fixture)."""
    found = sorted(
        REPO.glob(
            ".interop/josev-venv/lib/python3*/site-packages/iso15118/shared/schemas/"
            "iso15118_2/V2G_CI_MsgDef.xsd"
        )
    )
    assert found, "Josev's ISO 15118-2 schemas are missing"
    return xmlschema.XMLSchema(str(found[0]))


def _publisher(pnc: Pnc, pool: OpcpStandIn) -> ContractPublisher:
    """B's publisher, wired as the composition root wires it, to the stand-in pool."""
    return ContractPublisher(
        pnc.product.session_factory,
        pnc.product.ca,
        pnc.domain.service,
        pnc.domain.trust_view,
        pnc.domain.cps,
        OpcpPublication(OpcpClient(settings_for(pool))),
    )


def test_a_product_contract_published_to_the_pool_installs_at_another_operators_station(
    make_pnc: Callable[..., Pnc],
    make_product: Callable[..., Product],
    josev: JosevCar,
    pool: OpcpStandIn,
) -> None:
    """B (this product as the car's mobility operator) publishes: the car's provisioning
    certificate from the PCP, signed contract data as XML to the CCP, valid against ISO
    15118-2's schemas. A (another operator, no contract for the car) answers the car from
    the pool, and Josev accepts it: B's CPS signature up to B's root, the key, the eMAID."""
    publishing = make_pnc("sqlite-file")
    oem = publishing.oem
    pool.provisioning[publishing.pcid] = ProvisioningEntry(oem.leaf, oem.sub2, oem.sub1, oem.root)

    done = _publisher(publishing, pool).publish(OPERATOR, publishing.emaid, publishing.pcid)
    assert (done.state, done.emaid, done.resent) == ("published", publishing.emaid, False)
    assert [(r.method, r.path, r.status, r.refused) for r in pool.seen("/v1/")] == [
        ("GET", f"/v1/oem/provCerts/{publishing.pcid}", 200, None),
        ("PUT", "/v1/ccp/signedContractData", 201, None),
    ]
    [stored] = pool.contracts[publishing.pcid]
    assert stored.signed_xml is not None
    _iso2_schema().validate(stored.signed_xml)  # raises on any deviation from the XSDs
    # The certificate inside is the one the product recorded for the contract and car.
    [certificate] = publishing.certificates()
    assert (certificate.action, certificate.pcid) == ("publish", publishing.pcid)
    assert certificate.serial_hex == done.serial_hex

    operator = make_product("postgres-file")
    cps = _operator_with_pool(operator, publishing, pool)
    answer = _ask(operator, cps, _car_request(publishing, josev))
    assert answer.status == "Accepted", answer.detail
    assert (answer.detail, answer.emaid) == ("pool", publishing.emaid)
    car = josev.call(
        "check_res",
        exi=answer.exi_response,
        key_pem=publishing.oem_key_pem,
        v2g_root=publishing.der("v2g-root"),
    )
    assert car["response_code"] == "OK"
    assert car["session_id"].upper() == SESSION
    assert car["signature_ok"] is True
    assert car["key_matches"] is True
    assert car["emaid"] == publishing.emaid


def test_a_publication_the_pool_refused_is_sent_again_not_issued_again(
    make_pnc: Callable[..., Pnc], pool: OpcpStandIn
) -> None:
    publishing = make_pnc("sqlite-file")
    oem = publishing.oem
    pool.provisioning[publishing.pcid] = ProvisioningEntry(oem.leaf, oem.sub2, oem.sub1, oem.root)
    publisher = _publisher(publishing, pool)
    # The PCP answers; the CCP refuses every attempt (the client's retries included).
    original = pool._answer

    def refusing(request, body):  # type: ignore[no-untyped-def]
        if request.method == "PUT":
            return JSONResponse({"errorMessages": ["down"], "traceId": "t"}, status_code=503)
        return original(request, body)

    pool._answer = refusing  # type: ignore[method-assign]
    with pytest.raises(Upstream) as refused:
        publisher.publish(OPERATOR, publishing.emaid, publishing.pcid)
    assert refused.value.code.startswith("pool_")
    pool._answer = original  # type: ignore[method-assign]
    again = publisher.publish(OPERATOR, publishing.emaid, publishing.pcid)
    assert again.resent is True and again.state == "published"
    assert len(publishing.certificates()) == 1  # one certificate, sent twice
    assert [r.method for r in pool.seen("/v1/oem")] == ["GET"]  # the car asked for once
    with publishing.product.session_factory() as session:
        actions = list(
            session.scalars(
                select(AuditEvent.action)
                .where(AuditEvent.action.like("contract.publ%"))
                .order_by(AuditEvent.id)
            )
        )
    assert actions == [
        "contract.publication_prepared", "contract.publication_failed", "contract.published",
    ]  # fmt: skip


def test_publishing_needs_the_car_bound_and_the_pool_on(
    make_pnc: Callable[..., Pnc], pool: OpcpStandIn
) -> None:
    publishing = make_pnc("sqlite-file")
    publisher = _publisher(publishing, pool)
    with pytest.raises(ContractError) as unbound:
        publisher.publish(OPERATOR, publishing.emaid, "ZZ00000NOTBOUND01")
    assert unbound.value.code == "car_not_bound"
    with pytest.raises(Upstream) as no_car:  # bound, but the OEM never published the car
        publisher.publish(OPERATOR, publishing.emaid, publishing.pcid)
    assert no_car.value.code == "pool_not_found"
    off = ContractPublisher(
        publishing.product.session_factory,
        publishing.product.ca,
        publishing.domain.service,
        publishing.domain.trust_view,
        publishing.domain.cps,
        None,
    )
    with pytest.raises(ContractError) as disabled:
        off.publish(OPERATOR, publishing.emaid, publishing.pcid)
    assert disabled.value.code == "opcp_off"
    assert publishing.certificates() == []  # nothing was issued by any of these
