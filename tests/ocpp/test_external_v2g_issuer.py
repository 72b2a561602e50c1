"""A charger's V2G certificate from an external CA through OPCP EST (the strict stand-in of
Hubject's services): routed by the partner's (or the station's) v2g_issuer, never waited on
inside the OCPP call, retried with back-off, given up on visibly, and delivered by
CertificateSigned with whichever chain was produced."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from cryptography import x509
from sqlalchemy import select

from auth.users import add_partner
from csms.ocpp.db import ExternalEnrollmentRecord
from pki.authority import pem_of
from tests.harness.opcp_standin import OpcpStandIn
from tests.ocpp.client import boot, open_station
from tests.ocpp.conftest import Running
from tests.ocpp.test_certificates import chain_of, eventually, expect_call, of_station, sign
from tests.pki.helpers import openssl

pytestmark = pytest.mark.postgres


@pytest.fixture
def pool() -> Iterator[OpcpStandIn]:
    with OpcpStandIn() as standin:
        yield standin


@pytest.fixture
def ocpp(start_ocpp: Callable[..., Running], pool: OpcpStandIn) -> Running:
    running = start_ocpp(
        settings={
            "opcp_base_url": pool.base_url,
            "opcp_token_url": pool.token_url,
            "opcp_client_id": pool.client_id,
            "opcp_client_secret": pool.client_secret,
            "opcp_enroll_max_attempts": 3,
            "opcp_enroll_backoff_seconds": 0.2,
        },
        ocpp_retry_interval=0.2,
    )
    with running.container.transaction() as session:
        add_partner(session, "Hubject CPO", actor="test", v2g_issuer="opcp")
    return running


def _verifies(tmp: Path, chain: list[x509.Certificate], root: x509.Certificate) -> bool:
    (tmp / "root.pem").write_text(pem_of([root]))
    (tmp / "untrusted.pem").write_text(pem_of(chain[1:]))
    (tmp / "leaf.pem").write_text(pem_of(chain[:1]))
    try:
        output = openssl(
            "verify",
            "-CAfile",
            str(tmp / "root.pem"),
            "-untrusted",
            str(tmp / "untrusted.pem"),
            str(tmp / "leaf.pem"),
        )
    except Exception:
        return False
    return "leaf.pem: OK" in output


def test_the_partners_chargers_get_their_v2g_certificate_from_the_external_ca(
    ocpp: Running, pool: OpcpStandIn, tmp_path: Path
) -> None:
    ocpp.add("CS-EXT", partner="Hubject CPO", evse_ids=["UZ*UPC*E7*1"], allow_v2g_without_tls=True)
    # The same partner, but this station says local: the station's choice wins.
    ocpp.add(
        "CS-LOC",
        partner="Hubject CPO",
        evse_ids=["UZ*UPC*E7*2"],
        allow_v2g_without_tls=True,
        v2g_issuer="local",
    )
    product_root = ocpp.container.ca.authority("v2g-root").certificate
    with open_station(ocpp.ws_url("CS-EXT"), "CS-EXT") as ws:
        boot(ws)
        started = time.monotonic()
        answer, key = sign(ws, ocpp, "CS-EXT", "V2GCertificate", cn="UZ*UPC*E7*1")
        assert answer[2] == {"status": "Accepted"}
        assert time.monotonic() - started < 1.0  # answered before any call to the pool
        signed = expect_call(ws, "CertificateSigned")
        chain = chain_of(signed)
        assert chain[0].public_key() == key.public_key()
        assert _verifies(tmp_path, chain, pool.pki.root)  # the external root only
        assert not _verifies(tmp_path, chain, product_root)
        ws.send(json.dumps([3, signed[1], {"status": "Accepted"}]))
        rows = eventually(
            lambda: of_station(ocpp, "CS-EXT"), lambda r: r and r[0]["status"] == "accepted"
        )
        assert rows[0]["status"] == "accepted"
        assert rows[0]["serial"] == format(chain[0].serial_number, "X")
    est = pool.seen("/.well-known/est/cpo/simpleenroll/ISO15118-2")
    assert [(r.status, r.refused) for r in est] == [(200, None)]

    with open_station(ocpp.ws_url("CS-LOC"), "CS-LOC") as ws:
        boot(ws)
        answer, _ = sign(ws, ocpp, "CS-LOC", "V2GCertificate", cn="UZ*UPC*E7*2")
        assert answer[2] == {"status": "Accepted"}
        local = chain_of(expect_call(ws, "CertificateSigned"))
        assert _verifies(tmp_path, local, product_root)
        assert not _verifies(tmp_path, local, pool.pki.root)
    assert len(pool.seen("/.well-known/est")) == 1  # the local one never went to the pool


def test_a_busy_pool_is_retried_and_a_dead_one_given_up_on_visibly(
    ocpp: Running, pool: OpcpStandIn
) -> None:
    ocpp.add(
        "CS-RETRY", partner="Hubject CPO", evse_ids=["UZ*UPC*E8*1"], allow_v2g_without_tls=True
    )
    ocpp.add(
        "CS-GIVEUP", partner="Hubject CPO", evse_ids=["UZ*UPC*E9*1"], allow_v2g_without_tls=True
    )
    pool.fail_next[:] = [503, 503]
    with open_station(ocpp.ws_url("CS-RETRY"), "CS-RETRY") as ws:
        boot(ws)
        answer, key = sign(ws, ocpp, "CS-RETRY", "V2GCertificate", cn="UZ*UPC*E8*1")
        assert answer[2] == {"status": "Accepted"}
        signed = expect_call(ws, "CertificateSigned")  # after two failed attempts
        assert chain_of(signed)[0].public_key() == key.public_key()
        ws.send(json.dumps([3, signed[1], {"status": "Accepted"}]))
    assert [r.status for r in pool.seen("/.well-known/est")] == [503, 503, 200]

    pool.fail_next[:] = [503] * 10
    with open_station(ocpp.ws_url("CS-GIVEUP"), "CS-GIVEUP") as ws:
        boot(ws)
        answer, _ = sign(ws, ocpp, "CS-GIVEUP", "V2GCertificate", cn="UZ*UPC*E9*1")
        assert answer[2] == {"status": "Accepted"}
        rows = eventually(
            lambda: of_station(ocpp, "CS-GIVEUP"),
            lambda r: r and r[0]["status"] == "enrollment_failed",
            seconds=15,
        )
    assert rows[0]["status"] == "enrollment_failed" and rows[0]["attempts"] == 3
    assert "503" in rows[0]["lastError"]
    with ocpp.container.session_factory() as session:
        audited = session.scalars(
            select(ExternalEnrollmentRecord.status).where(
                ExternalEnrollmentRecord.station_id == "CS-GIVEUP"
            )
        ).all()
    assert audited == ["failed"]


def test_opcp_off_refuses_external_stations_with_a_reason(
    start_ocpp: Callable[..., Running],
) -> None:
    ocpp = start_ocpp()
    with ocpp.container.transaction() as session:
        add_partner(session, "Hubject CPO", actor="test", v2g_issuer="opcp")
    ocpp.add("CS-OFF", partner="Hubject CPO", evse_ids=["UZ*UPC*E6*1"], allow_v2g_without_tls=True)
    with open_station(ocpp.ws_url("CS-OFF"), "CS-OFF") as ws:
        boot(ws)
        answer, _ = sign(ws, ocpp, "CS-OFF", "V2GCertificate", cn="UZ*UPC*E6*1")
    assert answer[2]["status"] == "Rejected"
    assert answer[2]["statusInfo"]["reasonCode"] == "NoExternalIssuer"


def test_v2g_issuer_through_the_cli_and_the_api(
    tmp_data_dir: Path, postgres_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from click.testing import CliRunner

    from csms.cli import main

    monkeypatch.setenv("CSMS_DATABASE_URL", postgres_url)
    monkeypatch.setenv("CSMS_KEY_PASSPHRASE", "test-passphrase-not-secret")
    runner = CliRunner()

    def run(*args: str) -> tuple[int, str]:
        result = runner.invoke(main, list(args))
        return result.exit_code, result.output

    assert run("partner", "add", "Ext", "--v2g-issuer", "opcp") == (0, "created partner Ext\n")
    assert run("partner", "set", "Ext", "--v2g-issuer", "local") == (0, "Ext: V2G issuer local\n")
    code, out = run("partner", "set", "Nobody", "--v2g-issuer", "opcp")
    assert code == 1 and out.startswith("error: ") and out.rstrip().endswith("[unknown_partner]")
    code, out = run("partner", "set", "Ext", "--v2g-issuer", "hubject")
    assert code == 2 and "Invalid value for '--v2g-issuer'" in out
    code, out = run(
        "station",
        "add",
        "CLI-V",
        "--security-profile",
        "2",
        "--partner",
        "Ext",
        "--v2g-issuer",
        "opcp",
    )
    assert code == 0, out
    code, out = run("station", "set", "CLI-V", "--v2g-issuer", "partner")
    assert code == 0 and out.rstrip().endswith("V2G issuer as its partner"), out
    code, out = run("station", "set", "CLI-V", "--v2g-issuer", "local")
    assert code == 0 and out.rstrip().endswith("V2G issuer local"), out
    # Which imported roots the partner's stations should hold (the trust-store policy).
    code, out = run("partner", "set", "Ext", "--station-root", "0" * 64)
    assert code == 1 and out.rstrip().endswith("[unknown_anchor]"), out
    code, out = run("partner", "set", "Ext", "--all-station-roots")
    assert code == 0 and out.rstrip().endswith("stations hold every active imported root"), out
    code, out = run("partner", "set", "Ext", "--all-station-roots", "--station-root", "a" * 64)
    assert code == 2 and "exclude each other" in out
