"""The product's OPCP client against the strict stand-in (tests/harness/opcp_standin.py): a
real HTTP server that validates every request against Hubject's OpenAPI files."""

from __future__ import annotations

import base64
import time
from collections.abc import Iterator

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from csms.opcp import OpcpClient, OpcpError, OpcpSettings
from tests.harness.opcp_standin import OpcpStandIn


def settings_for(pool: OpcpStandIn, **overrides: object) -> OpcpSettings:
    values: dict[str, object] = {
        "base_url": pool.base_url,
        "token_url": pool.token_url,
        "client_id": pool.client_id,
        "client_secret": pool.client_secret,
        "audience": pool.audience,
        "timeout_seconds": 5.0,
        "backoff_seconds": 0.02,
    }
    values.update(overrides)
    return OpcpSettings(**values)  # type: ignore[arg-type]


@pytest.fixture
def pool() -> Iterator[OpcpStandIn]:
    with OpcpStandIn() as standin:
        yield standin


def test_roots_come_with_one_cached_token(pool: OpcpStandIn) -> None:
    audited: list[tuple[object, ...]] = []
    client = OpcpClient(settings_for(pool), audit=lambda *row: audited.append(row))
    first = client.root_certificates()
    second = client.root_certificates("v2g")
    assert [r.certificate for r in first] == [pool.pki.root]
    assert second[0].root_type == "V2G"
    assert pool.tokens_issued == 1
    assert [row[0] for row in audited] == ["rcp.roots", "rcp.roots"]
    assert all(row[3] == 200 and row[4] == "ok" for row in audited)
    assert all(r.refused is None for r in pool.requests)


def test_an_expired_token_is_fetched_again_once(pool: OpcpStandIn) -> None:
    client = OpcpClient(settings_for(pool))
    client.root_certificates()
    pool.expire_tokens()  # the pool forgets the token before the client expected it to
    assert client.root_certificates()
    assert pool.tokens_issued == 2
    assert [r.status for r in pool.seen("/v1/root")] == [200, 401, 200]


def test_a_short_lived_token_is_renewed_before_it_lapses() -> None:
    with OpcpStandIn(token_lifetime_s=1) as pool:
        client = OpcpClient(settings_for(pool))
        client.root_certificates()
        time.sleep(0.6)  # past half the token's life: renewed without a 401
        client.root_certificates()
        assert pool.tokens_issued == 2
        assert 401 not in [r.status for r in pool.requests]


def test_wrong_credentials_are_a_typed_error(pool: OpcpStandIn) -> None:
    client = OpcpClient(settings_for(pool, client_secret="wrong"))
    with pytest.raises(OpcpError) as caught:
        client.root_certificates()
    assert caught.value.code == "unauthorized"


def test_retries_ride_out_a_busy_pool_then_give_up(pool: OpcpStandIn) -> None:
    client = OpcpClient(settings_for(pool))
    pool.fail_next[:] = [503, 503]
    assert client.root_certificates()  # two retries allowed for a read
    pool.fail_next[:] = [503, 503, 503]
    with pytest.raises(OpcpError) as caught:
        client.root_certificates()
    assert caught.value.code == "unavailable" and caught.value.status == 503


def test_the_deadline_bounds_the_whole_call() -> None:
    with OpcpStandIn(latency_s=1.0) as pool:
        client = OpcpClient(settings_for(pool, timeout_seconds=0.3))
        started = time.monotonic()
        with pytest.raises(OpcpError) as caught:
            client.root_certificates()
        assert caught.value.code == "timeout"
        assert time.monotonic() - started < 0.8


def test_a_request_off_the_published_api_is_refused_by_the_pool(pool: OpcpStandIn) -> None:
    client = OpcpClient(settings_for(pool))
    with pytest.raises(OpcpError) as caught:  # rootType must be one of mo, v2g, oem
        client.root_certificates("everything")
    assert caught.value.code == "rejected" and caught.value.status == 400
    assert pool.requests[-1].refused


def _csr(cn: str) -> bytes:
    key = ec.generate_private_key(ec.SECP256R1())
    csr = (
        x509.CertificateSigningRequestBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn)]))
        .sign(key, hashes.SHA256())
    )
    return csr.public_bytes(serialization.Encoding.DER)


def test_est_enrollment_returns_the_chain_leaf_first(pool: OpcpStandIn) -> None:
    client = OpcpClient(settings_for(pool))
    chain = client.simple_enroll("cpo", "ISO15118-2", _csr("UZUPCE0001"))
    assert chain[0].subject.rfc4514_string() == "CN=UZUPCE0001"
    assert chain[0].issuer == chain[1].subject and chain[1].issuer == chain[2].subject
    assert chain[-1].issuer == pool.pki.root.subject
    with pytest.raises(OpcpError) as caught:  # a charger CN must be an EVSEID for ca=cpo
        client.simple_enroll("cpo", "ISO15118-2", _csr("not an evse id"))
    assert caught.value.code == "rejected"
    with pytest.raises(OpcpError):  # the iso-version must be one the API names
        client.simple_enroll("cpo", "ISO15118-99", _csr("UZUPCE0001"))
    assert base64.b64decode
