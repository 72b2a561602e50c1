"""Hubject's webhook events at the product's endpoints, sent signed by the stand-in: a new
root in the pool is synchronised, a revoked one distrusted, a contract event recorded; an
unsigned, wrongly signed or malformed event is refused and changes nothing; a retried event
is acknowledged once."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator

import httpx
import pytest
from sqlalchemy import select

from auth.audit import AuditEvent
from csms.app import create_app
from csms.container import Container
from pki.authority import fingerprint_of
from pki.db import TrustAnchorRecord
from tests.harness.opcp_standin import OpcpStandIn
from tests.pki.server import serving

pytestmark = pytest.mark.postgres

SECRET = "webhook-signing-secret-0123456789"


@pytest.fixture
def pool() -> Iterator[OpcpStandIn]:
    with OpcpStandIn() as standin:
        yield standin


@pytest.fixture
def base(make_container: Callable[..., Container], pool: OpcpStandIn) -> Iterator[str]:
    product = make_container(
        "postgres-file",
        opcp_base_url=pool.base_url,
        opcp_token_url=pool.token_url,
        opcp_client_id=pool.client_id,
        opcp_client_secret=pool.client_secret,
        opcp_webhook_secret=SECRET,
    )
    with serving(create_app(product)) as url:
        yield url


def root_event(kind: str, pool: OpcpStandIn, **payload: str) -> dict[str, object]:
    root = pool.pki.root
    return {
        "timestamp": "2026-12-05T10:00:00Z",
        "eventId": str(uuid.uuid4()),
        "eventType": kind,
        "xsdMsgDefNamespace": "urn:iso:15118:2:2013:MsgDef",
        "payload": {
            "rootCertificateId": pool.roots[0]["rootCertificateId"],
            "distinguishedName": "CN=Stand-in V2G Root CA, O=OPCP Stand-in, C=DE",
            "commonName": "Stand-in V2G Root CA",
            "rootType": "V2G",
            "rootSerialNumber": format(root.serial_number, "x"),
            **payload,
        },
    }


def test_root_events_synchronise_and_distrust(
    base: str, pool: OpcpStandIn, postgres_url: str
) -> None:
    added = root_event("root.cert.added", pool)
    first = pool.send_webhook(f"{base}/api/v1/opcp/webhooks/root", added, SECRET)
    assert first.status_code == 200, first.text
    assert first.json()["outcome"] == "synchronised: 1 added"
    again = pool.send_webhook(f"{base}/api/v1/opcp/webhooks/root", added, SECRET)
    assert again.json()["outcome"] == "already handled"
    assert len(pool.seen("/v1/root/rootCerts")) == 1  # the retry did not sync again

    revoked = root_event(
        "root.cert.revoked", pool, fingerprintSHA256=fingerprint_of(pool.pki.root).upper()
    )
    answer = pool.send_webhook(f"{base}/api/v1/opcp/webhooks/root", revoked, SECRET)
    assert answer.json()["outcome"] == "distrusted", answer.text

    from sqlalchemy import create_engine

    engine = create_engine(postgres_url)
    with engine.connect() as connection:
        state = connection.execute(select(TrustAnchorRecord.source, TrustAnchorRecord.state)).all()
        audited = connection.execute(
            select(AuditEvent.action).where(AuditEvent.actor == "opcp:webhook")
        ).all()
    engine.dispose()
    assert state == [("rcp", "distrusted")]
    # Each change and each event, under the webhook's own actor name.
    assert [a for (a,) in audited] == [
        "trust.added",
        "opcp.webhook",
        "trust.distrusted",
        "opcp.webhook",
    ]


def test_refused_events_change_nothing(base: str, pool: OpcpStandIn) -> None:
    url = f"{base}/api/v1/opcp/webhooks/root"
    event = root_event("root.cert.added", pool)
    unsigned = httpx.post(url, json=event, timeout=10)
    assert unsigned.status_code == 401
    wrong = pool.send_webhook(url, event, "another-secret-0123456789")
    assert wrong.status_code == 401
    malformed = pool.send_webhook(url, {**event, "eventType": "root.cert.eaten"}, SECRET)
    assert malformed.status_code == 400
    huge = httpx.post(url, content=b"{" + b" " * 70_000 + b"}", timeout=10)
    assert huge.status_code == 413
    assert pool.seen("/v1/root") == []  # nothing was synchronised

    contract = {
        "timestamp": "2026-12-05T10:00:00Z",
        "eventId": str(uuid.uuid4()),
        "eventType": "oem.contract.created",
        "xsdMsgDefNamespace": "urn:iso:15118:2:2013:MsgDef",
        "payload": {"emaid": "DEHUBC123456789", "pcid": "WMIABC1234567890X"},
    }
    recorded = pool.send_webhook(f"{base}/api/v1/opcp/webhooks/contract", contract, SECRET)
    assert recorded.status_code == 200 and recorded.json()["outcome"] == "recorded"
