"""Hostile clients against a real `csms serve` (issue 12, "must show" 2).

One `csms serve` process on PostgreSQL, started as an operator starts it (its own process,
data dir and free ports: tests/serve_process.py), prepared through the CLI as an operator
would. Then each test plays one attacker over real sockets: an oversized header, 1,000 slow
connections, a login flood, a driver squatting another's car, a profile-1 station forging a
session, a technician sending a rogue CSMS root. Throughout every test a probe asks `/health`
every 100 ms from another address, and the server's resident memory is sampled.

The bounds this module holds the server to: every `/health` answer within 1 s, and resident
memory under MEMORY_BOUND_MIB = 300 MiB (the process starts at about 150 MiB and peaked at 173
MiB here; a flood of bad logins
before issue 12 took it to 2.4 GiB).
"""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass

import httpx
import pytest
from click.testing import CliRunner

from csms.cli import main
from tests.harness.postgres import PostgresServer
from tests.ocpp.client import boot, call, open_station
from tests.serve_process import Served, csms_serve, exchange, probing

pytestmark = [pytest.mark.postgres, pytest.mark.slow]

MEMORY_BOUND_MIB = 300
HEALTH_BOUND_S = 1.0
PASSWORD = "hostile-test-password-1"
STATION_PASSWORD = "station-password-0001"
ALICE_CAR = "ZZHOSTILEALICE001"


@dataclass
class Target:
    served: Served
    base: str
    tokens: dict[str, str]
    alice_emaid: str

    def headers(self, who: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.tokens[who]}"}


def _cli(env: dict[str, str], *args: str) -> str:
    result = CliRunner().invoke(main, list(args), env=env)
    assert result.exit_code == 0, (args, result.output)
    return result.output


@pytest.fixture(scope="module")
def target(
    postgres_server: PostgresServer, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Target]:
    data_dir = tmp_path_factory.mktemp("hostile") / "var"
    database = postgres_server.create_database()
    with csms_serve(data_dir, database_url=database) as served:
        env = {"CSMS_DATA_DIR": str(data_dir), "CSMS_DATABASE_URL": database}
        for username, role in (
            ("op-h", "admin"),
            ("tech-h", "technician"),
            ("alice-h", "client"),
            ("mallory-h", "client"),
            ("victim-h", "client"),
        ):
            _cli(env, "user", "add", username, "--role", role, "--password", PASSWORD)
        _cli(
            env,
            "station",
            "add",
            "HOSTILE-P1",
            "--security-profile",
            "1",
            "--password",
            STATION_PASSWORD,
        )
        alice_emaid = _cli(
            env, "contract", "create", "--pcid", ALICE_CAR, "--owner", "alice-h"
        ).strip()
        base = f"http://127.0.0.1:{served.http}"
        tokens = {}
        # Logged in before any flood: the flood's address is throttled for 15 minutes after.
        for username in ("op-h", "tech-h", "alice-h", "mallory-h"):
            answer = httpx.post(
                f"{base}/api/v1/auth/token",
                data={"username": username, "password": PASSWORD},
                timeout=30,
            )
            assert answer.status_code == 200, answer.text
            tokens[username] = answer.json()["access_token"]
        yield Target(served, base, tokens, alice_emaid)


@pytest.fixture
def watched(target: Target) -> Iterator[Target]:
    """The test's attack runs while /health is probed (from 127.0.0.1) and memory sampled."""
    peak = [target.served.rss_kib()]
    stop = threading.Event()

    def sample() -> None:
        while not stop.is_set():
            peak.append(target.served.rss_kib())
            stop.wait(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    with probing(target.served.http) as health:
        yield target
    stop.set()
    sampler.join(timeout=10)
    assert health, "the probe never ran"
    assert max(health) < HEALTH_BOUND_S, f"/health took {max(health):.2f} s"
    assert max(peak) < MEMORY_BOUND_MIB * 1024, f"peak RSS {max(peak) // 1024} MiB"


def test_an_oversized_header_is_431_and_costs_nothing(watched: Target) -> None:
    port = watched.served.http
    with socket.create_connection(("127.0.0.1", port), 10, ("127.0.0.2", 0)) as connection:
        connection.sendall(b"GET /health HTTP/1.1\r\nHost: t\r\nX-Fill: ")
        try:
            for _ in range(256):  # up to 1 MiB of one header line
                connection.sendall(b"a" * 4096)
        except OSError:
            pass  # the server answered and closed: expected before the end
        answer = connection.recv(65536)
    assert answer.startswith(b"HTTP/1.1 431 "), answer[:100]
    time.sleep(0.5)  # and the server is well after it


def test_1000_slow_connections_from_one_address_do_not_stall_others(watched: Target) -> None:
    port = watched.served.http
    sockets = []
    try:
        for _ in range(1000):
            connection = socket.socket()
            connection.bind(("127.0.0.3", 0))
            connection.settimeout(5)
            connection.connect(("127.0.0.1", port))
            try:
                connection.sendall(b"GET /health HTTP/1.1\r\nHost: t\r\n")  # never finished
            except OSError:
                pass
            sockets.append(connection)
        time.sleep(2)  # held open while /health is probed
        # Another client is served meanwhile; one more from the flooding address is refused.
        assert exchange(
            port, b"GET /health HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n", "127.0.0.4"
        ).startswith(b"HTTP/1.1 200 ")
        refused = exchange(port, b"GET /health HTTP/1.1\r\nHost: t\r\n\r\n", "127.0.0.3")
        assert refused.startswith(b"HTTP/1.1 503 ") or refused == b""
    finally:
        for connection in sockets:
            connection.close()


def test_a_login_flood_is_throttled_without_stalling_the_server(watched: Target) -> None:
    statuses: list[int] = []
    stop = time.monotonic() + 5

    def guess() -> None:
        with httpx.Client(base_url=watched.base, timeout=30) as client:
            while time.monotonic() < stop:
                answer = client.post(
                    "/api/v1/auth/token", data={"username": "victim-h", "password": "wrong guess 1"}
                )
                statuses.append(answer.status_code)

    threads = [threading.Thread(target=guess) for _ in range(50)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert set(statuses) <= {401, 429, 503}, set(statuses)
    assert statuses.count(401) <= 30  # then the account and the address are throttled
    right = httpx.post(
        f"{watched.base}/api/v1/auth/token",
        data={"username": "victim-h", "password": PASSWORD},
        timeout=30,
    )
    assert right.status_code == 429 and int(right.headers["Retry-After"]) > 0


def test_a_driver_cannot_squat_another_drivers_car(watched: Target) -> None:
    mallory = watched.headers("mallory-h")
    with httpx.Client(base_url=watched.base, timeout=30) as client:
        squat = client.post("/api/v1/contracts", headers=mallory, json={"pcid": ALICE_CAR})
        assert squat.status_code == 409, squat.text
        claim = client.post(
            "/api/v1/contracts", headers=mallory, json={"pcid": "ZZHOSTILEMALLO001"}
        )
        assert claim.status_code == 201, claim.text
        pending = client.get(
            "/api/v1/cars", headers=watched.headers("op-h"), params={"status": "pending"}
        ).json()["items"]
        refusals = client.get(
            "/api/v1/audit",
            headers=watched.headers("op-h"),
            params={"action": "contract.pcid_claim"},
        ).json()["items"]
    assert [c["pcid"] for c in pending if c["owner"] == "mallory-h"] == ["ZZHOSTILEMALLO001"]
    assert any(e["details"].get("pcid") == ALICE_CAR for e in refusals)


def test_a_profile_1_station_cannot_credit_a_forged_session(watched: Target) -> None:
    url = f"ws://127.0.0.1:{watched.served.ws}/ocpp/HOSTILE-P1"
    token = {"idToken": watched.alice_emaid, "type": "eMAID"}
    stamp = "2026-03-01T10:00:00Z"
    meter = [{"timestamp": stamp, "sampledValue": [{"value": 123_456_789}]}]
    with open_station(url, "HOSTILE-P1", password=STATION_PASSWORD) as ws:
        assert boot(ws)[2]["status"] == "Accepted"
        started = {
            "eventType": "Started",
            "timestamp": stamp,
            "triggerReason": "Authorized",
            "seqNo": 0,
            "transactionInfo": {"transactionId": "FORGED-1"},
            "idToken": token,
            "meterValue": meter,
        }
        assert call(ws, "TransactionEvent", started)[0] == 3
        emaid_only = call(ws, "Authorize", {"idToken": token})
        assert emaid_only[2]["idTokenInfo"]["status"] == "Invalid"
    with httpx.Client(base_url=watched.base, timeout=30) as client:
        alices = client.get("/api/v1/sessions", headers=watched.headers("alice-h")).json()["items"]
        operators = client.get("/api/v1/sessions", headers=watched.headers("op-h")).json()["items"]
    assert alices == []
    (forged,) = [s for s in operators if s["transaction_id"] == "FORGED-1"]
    assert forged["verified"] is False and forged["unverified_reason"] == "no_authorization"


def test_a_technician_cannot_send_a_rogue_csms_root(watched: Target) -> None:
    url = f"ws://127.0.0.1:{watched.served.ws}/ocpp/HOSTILE-P1"
    rogue = {
        "certificateType": "CSMSRootCertificate",
        "certificate": "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n",
    }
    with open_station(url, "HOSTILE-P1", password=STATION_PASSWORD) as ws:
        assert boot(ws)[2]["status"] == "Accepted"
        sent = httpx.post(
            f"{watched.base}/api/v1/stations/HOSTILE-P1/commands/InstallCertificate",
            headers=watched.headers("tech-h"),
            json=rogue,
            timeout=30,
        )
        assert sent.status_code == 403, sent.text
        # The next frame the station gets is the answer to its own Heartbeat: nothing came.
        ws.send(json.dumps([2, "hb-1", "Heartbeat", {}]))
        assert json.loads(ws.recv(timeout=10))[:2] == [3, "hb-1"]
    audit = httpx.get(
        f"{watched.base}/api/v1/audit",
        headers=watched.headers("op-h"),
        params={"action": "station.command_refused"},
        timeout=30,
    ).json()["items"]
    assert audit and audit[0]["actor"] == "user:tech-h"
    assert audit[0]["details"]["command"] == "InstallCertificate"
