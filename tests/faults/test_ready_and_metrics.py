"""`/ready` follows the database (503 while it is away, 200 again after, without a restart);
`/health` stays 200; `/metrics` counts what happens: a real `csms serve` on a PostgreSQL of the
test's own, scraped as Prometheus would, with Prometheus's own parser."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509 import ocsp
from prometheus_client.parser import text_string_to_metric_families

from csms.container import build_container
from csms.settings import Settings
from tests.harness.postgres import PostgresServer
from tests.harness.waiting import eventually
from tests.ocpp.client import boot, call, open_station
from tests.pki.helpers import make_csr
from tests.serve_process import csms_serve

pytestmark = pytest.mark.postgres

PASSWORD = "metrics-station-password-1"
PASSPHRASE = "metrics-test-passphrase-1"


def scrape(base: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    answer = httpx.get(f"{base}/metrics", timeout=30)
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("text/plain; version=0.0.4")
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(answer.text)
        for sample in family.samples
    }


def test_ready_follows_the_database_and_metrics_move(
    private_postgres: PostgresServer, tmp_path: Path
) -> None:
    database = private_postgres.create_database()
    setup = build_container(
        Settings(database_url=database, data_dir=tmp_path / "setup", key_passphrase=PASSPHRASE)
    )
    with setup.transaction() as session:
        setup.ocpp.registry.add(
            session, "MX-1", security_profile=1, actor="test", password=PASSWORD
        )
    setup.close()
    with csms_serve(tmp_path / "var", database_url=database, key_passphrase=PASSPHRASE) as node:
        base = f"http://127.0.0.1:{node.http}"
        ready = eventually(lambda: httpx.get(f"{base}/ready", timeout=30), lambda r: r.is_success)
        assert ready.status_code == 200 and ready.json() == {"status": "ready"}

        before = scrape(base)
        heartbeat = ("csms_ocpp_messages_total", (("action", "Heartbeat"), ("outcome", "result")))
        connected = ("csms_ocpp_stations_connected", ())
        assert before[connected] == 0
        with open_station(f"ws://127.0.0.1:{node.ws}/ocpp/MX-1", "MX-1", password=PASSWORD) as ws:
            assert boot(ws)[2]["status"] == "Accepted"
            for _ in range(3):
                assert call(ws, "Heartbeat", {})[0] == 3
            key = ec.generate_private_key(ec.SECP256R1())
            csr = make_csr(key, cn="MX-1", o="UzPnC").decode()
            request = {"csr": csr, "certificateType": "ChargingStationCertificate"}
            assert call(ws, "SignCertificate", request)[2] == {"status": "Accepted"}
            signed = json.loads(ws.recv(timeout=15))
            waiting = scrape(base)[("csms_certificate_deliveries_pending", ())]
            assert waiting == 1  # signed and recorded, the station's answer still to come
            ws.send(json.dumps([3, signed[1], {"status": "Accepted"}]))
            chain = x509.load_pem_x509_certificates(signed[3]["certificateChain"].encode())
            during = scrape(base)
            assert during[connected] == 1
        assert during[heartbeat] - before.get(heartbeat, 0) == 3
        handled = ("csms_ocpp_handler_seconds_count", (("action", "Heartbeat"),))
        assert during[handled] - before.get(handled, 0) == 3
        issued_keys = [k for k in during if k[0] == "csms_certificates_issued"]
        assert any(during[k] > before.get(k, 0) for k in issued_keys), issued_keys

        ocsp_count = ("csms_ocsp_requests_total", (("path", "front"),))
        ocsp_request = (
            ocsp.OCSPRequestBuilder()
            .add_certificate(chain[0], chain[1], hashes.SHA256())
            .build()
            .public_bytes(serialization.Encoding.DER)
        )
        answer = httpx.post(
            f"{base}/ocsp",
            content=ocsp_request,
            headers={"Content-Type": "application/ocsp-request"},
            timeout=30,
        )
        assert answer.status_code == 200
        after = scrape(base)
        assert after[ocsp_count] - during.get(ocsp_count, 0) == 1
        pending = ("csms_certificate_deliveries_pending", ())
        assert eventually(lambda: scrape(base)[pending], lambda v: v == 0) == 0
        assert eventually(lambda: scrape(base)[connected], lambda v: v == 0) == 0

        # The database goes away: not ready, still alive; back: ready again, same process.
        private_postgres.pause()
        down = httpx.get(f"{base}/ready", timeout=60)
        assert down.status_code == 503
        assert "database" in down.json()["failed"]
        assert httpx.get(f"{base}/health", timeout=30).status_code == 200
        private_postgres.resume()
        back = eventually(lambda: httpx.get(f"{base}/ready", timeout=60), lambda r: r.is_success)
        assert back.status_code == 200
        assert node.process.poll() is None
