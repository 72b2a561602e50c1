"""Two real `csms serve` nodes on one PostgreSQL: any node serves any station.

Each node is a process of its own with its own data dir; they share only the database and
the keys an operator gives both (CSMS_KEY_PASSPHRASE, CSMS_TOKEN_KEY, CSMS_PUBLIC_URL). The
stations are real WebSocket peers. What is shown (issue 13, must show 1): a station on node A
is listed as connected by node B; a command through node B is answered by the station on
node A; the same station connecting to node B makes node A close its connection; a
revocation made on B is "revoked" in A's OCSP at the next request; kill -9 of node A: its
stations show as disconnected once its lease runs out, and a station reconnecting to B gets
the CertificateSigned that A could not deliver.
"""

from __future__ import annotations

import json
import os
import secrets
import signal
import subprocess
import sys
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import psycopg
import pytest
from click.testing import CliRunner
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509 import ocsp
from websockets.exceptions import ConnectionClosed

from csms.cli import main
from tests.harness.postgres import PostgresServer
from tests.harness.waiting import eventually
from tests.ocpp.client import boot, call, open_station
from tests.pki.helpers import make_csr
from tests.pki.server import free_port
from tests.serve_process import ROOT, Served, csms_serve

pytestmark = pytest.mark.postgres

PASSWORD = "cluster-test-password-1"
STATION_PASSWORD = "cluster-station-password-1"
LEASE_SECONDS = 3


@dataclass
class Node:
    name: str
    served: Served

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.served.http}"

    def ws_url(self, station_id: str) -> str:
        return f"ws://127.0.0.1:{self.served.ws}/ocpp/{station_id}"


@dataclass
class Cluster:
    a: Node
    b: Node
    env: dict[str, str]
    token: str

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}

    def station(self, node: Node, station_id: str) -> dict[str, Any]:
        answer = httpx.get(
            f"{node.base}/api/v1/stations/{station_id}", headers=self.headers, timeout=30
        )
        assert answer.status_code == 200, answer.text
        return answer.json()  # type: ignore[no-any-return]


def _cli(env: dict[str, str], *args: str) -> str:
    result = CliRunner().invoke(main, list(args), env=env)
    assert result.exit_code == 0, (args, result.output)
    return result.output


def _shared(postgres_server: PostgresServer, root: Path) -> dict:
    """What the nodes of one cluster are given: one database, the same keys and public URL."""
    return {
        "database_url": postgres_server.create_database(),
        "key_passphrase": secrets.token_urlsafe(24),
        "token_key": secrets.token_urlsafe(48),
        "public_url": "http://127.0.0.1:8000",
        "node_lease_seconds": LEASE_SECONDS,
        "root": root,
    }


@pytest.fixture(scope="module")
def shared(postgres_server: PostgresServer, tmp_path_factory: pytest.TempPathFactory) -> dict:
    return _shared(postgres_server, tmp_path_factory.mktemp("cluster"))


def _node(shared: dict, name: str) -> Any:
    settings = {k: v for k, v in shared.items() if k != "root"}
    data_dir: Path = shared["root"] / name / "var"
    data_dir.parent.mkdir(exist_ok=True)
    return csms_serve(data_dir, node_id=f"node-{name}", **settings)


@contextmanager
def _two_nodes(shared: dict) -> Iterator[Cluster]:
    # A first, alone: its first start creates the PKI; B then finds it in the database.
    with _node(shared, "a") as a, _node(shared, "b") as b:
        env = {
            "CSMS_DATA_DIR": str(shared["root"] / "cli"),
            "CSMS_DATABASE_URL": shared["database_url"],
            "CSMS_KEY_PASSPHRASE": shared["key_passphrase"],
            "CSMS_TOKEN_KEY": shared["token_key"],
        }
        _cli(env, "user", "add", "op-cluster", "--role", "admin", "--password", PASSWORD)
        for station_id in ("CL-1", "CL-2", "CL-3", "CL-4", "CL-16"):
            _cli(
                env,
                "station",
                "add",
                station_id,
                "--security-profile",
                "1",
                "--password",
                STATION_PASSWORD,
            )
        answer = httpx.post(
            f"http://127.0.0.1:{b.http}/api/v1/auth/token",
            data={"username": "op-cluster", "password": PASSWORD},
            timeout=30,
        )
        assert answer.status_code == 200, answer.text
        yield Cluster(Node("a", a), Node("b", b), env, answer.json()["access_token"])


@pytest.fixture(scope="module")
def cluster(shared: dict) -> Iterator[Cluster]:
    with _two_nodes(shared) as both:
        yield both


def _connect(node: Node, station_id: str) -> Any:
    ws = open_station(node.ws_url(station_id), station_id, password=STATION_PASSWORD)
    assert boot(ws)[2]["status"] == "Accepted"
    return ws


def test_a_1_6_only_command_through_b_reaches_a_1_6_station_on_a(cluster: Cluster) -> None:
    """Node B does not know the station's version: it lets through what some version takes,
    and node A, which holds the 1.6 connection, checks it against 1.6 and sends it."""
    ws = open_station(
        cluster.a.ws_url("CL-16"), "CL-16", password=STATION_PASSWORD, subprotocols=("ocpp1.6",)
    )
    with ws:
        boot16 = {"chargePointVendor": "UzPnC", "chargePointModel": "Cluster-16"}
        ws.send(json.dumps([2, "boot", "BootNotification", boot16]))
        assert json.loads(ws.recv(timeout=15))[2]["status"] == "Accepted"
        eventually(lambda: cluster.station(cluster.b, "CL-16"), lambda s: s["connected"])
        with ThreadPoolExecutor(1) as pool:
            sent = pool.submit(
                httpx.post,
                f"{cluster.b.base}/api/v1/stations/CL-16/commands/RemoteStartTransaction",
                json={"connectorId": 1, "idTag": "CLUSTER-16"},
                headers=cluster.headers,
                timeout=30,
            )
            frame = json.loads(ws.recv(timeout=15))
            assert frame[2] == "RemoteStartTransaction" and frame[3]["idTag"] == "CLUSTER-16"
            ws.send(json.dumps([3, frame[1], {"status": "Accepted"}]))
            answer = sent.result(timeout=30)
        assert answer.status_code == 200, answer.text
        assert answer.json()["response"] == {"status": "Accepted"}


def test_a_station_on_a_is_connected_for_b_and_answers_b_s_command(cluster: Cluster) -> None:
    with _connect(cluster.a, "CL-1") as ws:
        seen = eventually(lambda: cluster.station(cluster.b, "CL-1"), lambda s: s["connected"])
        assert seen["connected"] is True
        assert seen["connection"]["node"] == "node-a"
        assert cluster.station(cluster.a, "CL-1")["connection"]["node"] == "node-a"

        # The command goes to node B; the station, on node A, answers it.
        with ThreadPoolExecutor(1) as pool:
            sent = pool.submit(
                httpx.post,
                f"{cluster.b.base}/api/v1/stations/CL-1/commands/TriggerMessage",
                json={"requestedMessage": "Heartbeat"},
                headers=cluster.headers,
                timeout=30,
            )
            frame = json.loads(ws.recv(timeout=15))
            assert frame[0] == 2 and frame[2] == "TriggerMessage", frame
            assert frame[3] == {"requestedMessage": "Heartbeat"}
            ws.send(json.dumps([3, frame[1], {"status": "Accepted"}]))
            answer = sent.result(timeout=30)
        assert answer.status_code == 200, answer.text
        assert answer.json()["response"] == {"status": "Accepted"}

        # A CALLERROR from the station reaches B's caller as the station's error (502).
        with ThreadPoolExecutor(1) as pool:
            sent = pool.submit(
                httpx.post,
                f"{cluster.b.base}/api/v1/stations/CL-1/commands/TriggerMessage",
                json={"requestedMessage": "StatusNotification"},
                headers=cluster.headers,
                timeout=30,
            )
            frame = json.loads(ws.recv(timeout=15))
            ws.send(json.dumps([4, frame[1], "NotSupported", "not here", {}]))
            answer = sent.result(timeout=30)
        assert answer.status_code == 502, answer.text
        assert answer.json()["detail"]["code"] == "NotSupported"

        # The command is audited on the node it went through, with who sent it.
        audit = httpx.get(
            f"{cluster.a.base}/api/v1/audit",
            params={"action": "station.command"},
            headers=cluster.headers,
            timeout=30,
        )
        assert audit.status_code == 200, audit.text
        commands = [
            e for e in audit.json()["items"] if (e["details"] or {}).get("station") == "CL-1"
        ]
        assert len(commands) >= 2
    # Gone from A: B shows it disconnected at once (the row goes with the connection).
    gone = eventually(lambda: cluster.station(cluster.b, "CL-1"), lambda s: not s["connected"])
    assert gone["connected"] is False


def test_a_command_for_a_station_connected_nowhere_is_409_on_every_node(cluster: Cluster) -> None:
    for node in (cluster.a, cluster.b):
        answer = httpx.post(
            f"{node.base}/api/v1/stations/CL-4/commands/TriggerMessage",
            json={"requestedMessage": "Heartbeat"},
            headers=cluster.headers,
            timeout=30,
        )
        assert answer.status_code == 409, answer.text


def test_the_newest_connection_wins_across_nodes(cluster: Cluster) -> None:
    with _connect(cluster.a, "CL-2") as old:
        eventually(lambda: cluster.station(cluster.b, "CL-2"), lambda s: s["connected"])
        with _connect(cluster.b, "CL-2") as new:
            with pytest.raises(ConnectionClosed) as closed:
                while True:
                    old.recv(timeout=15)
            assert closed.value.rcvd is not None and closed.value.rcvd.code == 1000
            where = eventually(
                lambda: cluster.station(cluster.a, "CL-2"),
                lambda s: s["connection"] and s["connection"]["node"] == "node-b",
            )
            assert where["connection"]["node"] == "node-b"
            assert call(new, "Heartbeat", {})[0] == 3  # the new one goes on


def _ocsp_status(node: Node, certificate: x509.Certificate, issuer: x509.Certificate) -> Any:
    request = (
        ocsp.OCSPRequestBuilder()
        .add_certificate(certificate, issuer, hashes.SHA256())
        .build()
        .public_bytes(serialization.Encoding.DER)
    )
    answer = httpx.post(
        f"{node.base}/ocsp",
        content=request,
        headers={"Content-Type": "application/ocsp-request"},
        timeout=30,
    )
    assert answer.status_code == 200, answer.text
    return ocsp.load_der_ocsp_response(answer.content).certificate_status


def test_a_revocation_on_b_is_revoked_in_a_s_ocsp_at_the_next_request(cluster: Cluster) -> None:
    with _connect(cluster.a, "CL-3") as ws:
        key = ec.generate_private_key(ec.SECP256R1())
        csr = make_csr(key, cn="CL-3", o="UzPnC").decode()
        payload = {"csr": csr, "certificateType": "ChargingStationCertificate"}
        assert call(ws, "SignCertificate", payload)[2] == {"status": "Accepted"}
        frame = json.loads(ws.recv(timeout=15))
        assert frame[2] == "CertificateSigned", frame
        ws.send(json.dumps([3, frame[1], {"status": "Accepted"}]))
    chain = x509.load_pem_x509_certificates(frame[3]["certificateChain"].encode())
    leaf, issuer = chain[0], chain[1]
    assert _ocsp_status(cluster.a, leaf, issuer) == ocsp.OCSPCertStatus.GOOD  # and cached
    revoked = httpx.post(
        f"{cluster.b.base}/api/v1/certificates/{leaf.serial_number:x}/revoke",
        json={"reason": "keyCompromise"},
        headers=cluster.headers,
        timeout=30,
    )
    assert revoked.status_code == 200, revoked.text
    assert _ocsp_status(cluster.a, leaf, issuer) == ocsp.OCSPCertStatus.REVOKED


def _node_env(shared: dict, name: str, **changed: object) -> dict[str, str]:
    """The environment of node `name` started by hand: the shared settings (some `changed`),
    its own data dir and node id, nothing of the test process's own CSMS_* variables."""
    settings = {**{k: v for k, v in shared.items() if k != "root"}, **changed}
    env = {k: v for k, v in os.environ.items() if not k.startswith("CSMS_")}
    env.update({f"CSMS_{k.upper()}": str(v) for k, v in settings.items()})
    env["CSMS_DATA_DIR"] = str(shared["root"] / name / "var")
    env["CSMS_NODE_ID"] = f"node-{name}"
    return env


class _Starting:
    """A node's `csms serve` started by `release()`, so two can start at the same moment."""

    def __init__(self, shared: dict, name: str) -> None:
        self.env = _node_env(shared, name)
        self.http = free_port()
        self.log = shared["root"] / f"{name}.log"
        self.process: subprocess.Popen[bytes] | None = None

    def release(self) -> None:
        command = [sys.executable, "-m", "csms", "serve", "--port", str(self.http)]
        command += ["--ocpp-port", "0", "--tls-port", "0"]
        with open(self.log, "ab") as log:
            self.process = subprocess.Popen(command, env=self.env, cwd=ROOT, stdout=log, stderr=log)

    def wait_ready(self) -> None:
        assert self.process is not None
        answer = eventually(
            lambda: _ready(self.http, self.process), lambda status: status in (200, -1), seconds=120
        )
        assert answer == 200, self.log.read_text()[-2000:]


def _ready(port: int, process: Any) -> int:
    if process.poll() is not None:
        return -1
    try:
        return httpx.get(f"http://127.0.0.1:{port}/ready", timeout=10).status_code
    except httpx.HTTPError:
        return 0


@contextmanager
def _started_together(shared: dict, name: str) -> Iterator[_Starting]:
    node = _Starting(shared, name)
    try:
        yield node
    finally:
        if node.process is not None and node.process.poll() is None:
            node.process.send_signal(signal.SIGINT)
            try:
                node.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                node.process.kill()


def _refused_start(shared: dict, name: str, **changed: object) -> list[str]:
    """`csms serve` of a third node given something other than what the cluster shares:
    it must exit 1 with one line of error, before listening."""
    env = _node_env(shared, name, **changed)
    command = [sys.executable, "-m", "csms", "serve", "--port", "0", "--ocpp-port", "0"]
    done = subprocess.run(
        [*command, "--tls-port", "0"], env=env, capture_output=True, timeout=120, cwd=ROOT
    )
    assert done.returncode == 1, done.stderr
    errors = [line for line in done.stderr.decode().splitlines() if line.startswith("error:")]
    assert "Traceback" not in done.stderr.decode()
    return errors


def test_a_node_with_another_token_key_is_refused_in_one_line(
    shared: dict, cluster: Cluster
) -> None:
    errors = _refused_start(shared, "c", token_key=secrets.token_urlsafe(48))
    assert len(errors) == 1 and "CSMS_TOKEN_KEY differs" in errors[0], errors
    assert errors[0].endswith("[node_mismatch]")


def test_a_node_with_another_public_url_is_refused_in_one_line(
    shared: dict, cluster: Cluster
) -> None:
    errors = _refused_start(shared, "d", public_url="http://other.example:8000")
    assert len(errors) == 1 and "CSMS_PUBLIC_URL" in errors[0], errors


def test_a_node_without_the_key_passphrase_is_refused_in_one_line(
    shared: dict, cluster: Cluster
) -> None:
    errors = _refused_start(shared, "e", key_passphrase=secrets.token_urlsafe(24))
    assert len(errors) == 1 and "CSMS_KEY_PASSPHRASE" in errors[0], errors
    assert errors[0].endswith("[key_store]")


def test_kill_9_of_a_its_stations_move_to_b_with_their_pending_certificate(
    postgres_server: PostgresServer, tmp_path: Path
) -> None:
    # A cluster of its own: node A is killed here.
    with _two_nodes(_shared(postgres_server, tmp_path)) as cluster:
        _kill_a_and_move_to_b(cluster)


def _kill_a_and_move_to_b(cluster: Cluster) -> None:
    stay = _connect(cluster.a, "CL-4")  # never reconnects: shows as disconnected after A dies
    ws = _connect(cluster.a, "CL-3")
    key = ec.generate_private_key(ec.SECP256R1())
    csr = make_csr(key, cn="CL-3", o="UzPnC").decode()
    payload = {"csr": csr, "certificateType": "ChargingStationCertificate"}
    assert call(ws, "SignCertificate", payload)[2] == {"status": "Accepted"}
    frame = json.loads(ws.recv(timeout=15))
    assert frame[2] == "CertificateSigned", frame
    signed_serial = x509.load_pem_x509_certificates(frame[3]["certificateChain"].encode())[
        0
    ].serial_number
    # No answer: the certificate stays pending. Node A dies without a word.
    eventually(lambda: cluster.station(cluster.b, "CL-4"), lambda s: s["connected"])
    os.kill(cluster.a.served.process.pid, signal.SIGKILL)
    cluster.a.served.process.wait(timeout=10)
    for dead in (ws, stay):
        dead.socket.close()  # the peer is gone: no closing handshake to wait for

    # CL-4 never reconnects: B shows it disconnected once A's lease has run out.
    gone = eventually(
        lambda: cluster.station(cluster.b, "CL-4"),
        lambda s: not s["connected"],
        seconds=LEASE_SECONDS * 5,
    )
    assert gone["connected"] is False

    # CL-3 reconnects to B, which delivers the certificate A signed and could not deliver
    # (the station was accepted before: delivery starts with the connection, before any boot).
    with open_station(cluster.b.ws_url("CL-3"), "CL-3", password=STATION_PASSWORD) as again:
        delivered = json.loads(again.recv(timeout=30))
        assert delivered[2] == "CertificateSigned", delivered
        chain = x509.load_pem_x509_certificates(delivered[3]["certificateChain"].encode())
        assert chain[0].serial_number == signed_serial
        again.send(json.dumps([3, delivered[1], {"status": "Accepted"}]))
        assert call(again, "Heartbeat", {})[0] == 3
        here = cluster.station(cluster.b, "CL-3")
        assert here["connected"] and here["connection"]["node"] == "node-b"


def test_heartbeats_repair_rows_lost_or_left_behind(shared: dict, cluster: Cluster) -> None:
    """A row deleted behind the node's back (as when the database was away) is written again;
    a row naming a connection that ended without a word is removed."""
    database = psycopg.connect(shared["database_url"].replace("+psycopg", ""), autocommit=True)
    with database, _connect(cluster.a, "CL-2"):
        eventually(lambda: cluster.station(cluster.b, "CL-2"), lambda s: s["connected"])
        # Asserted by the statements themselves: a heartbeat (every second here) may repair
        # either row before an API read could see the damage.
        deleted = database.execute(
            "DELETE FROM ocpp_connections WHERE station_id = 'CL-2' RETURNING node_id"
        ).fetchall()
        assert deleted == [("node-a",)]
        planted = database.execute(
            "INSERT INTO ocpp_connections (station_id, node_id, connection_id, connected_at)"
            " VALUES ('CL-4', 'node-a', 'gone', now() - interval '1 minute') RETURNING node_id"
        ).fetchall()
        assert planted == [("node-a",)]  # believed connected to node A, for now
        back = eventually(
            lambda: cluster.station(cluster.b, "CL-2"),
            lambda s: s["connected"],
            seconds=LEASE_SECONDS * 3,
        )
        assert back["connected"] is True and back["connection"]["node"] == "node-a"
        gone = eventually(
            lambda: cluster.station(cluster.b, "CL-4"),
            lambda s: not s["connected"],
            seconds=LEASE_SECONDS * 3,
        )
        assert gone["connected"] is False


def test_nodes_started_together_on_an_empty_database_make_one_pki(
    postgres_server: PostgresServer, tmp_path: Path
) -> None:
    """Migrations and the first start's PKI run one node at a time (an advisory lock): both
    nodes come up, and there is one set of CAs, not two."""
    shared = _shared(postgres_server, tmp_path)
    with ExitStack() as stack:
        nodes = [stack.enter_context(_started_together(shared, name)) for name in ("p", "q")]
        for node in nodes:
            node.release()
        for node in nodes:
            node.wait_ready()
    with psycopg.connect(shared["database_url"].replace("+psycopg", "")) as connection:
        roots = connection.execute(
            "SELECT count(*) FROM pki_authorities WHERE parent IS NULL"
        ).fetchone()[0]
        self_signed = connection.execute(
            "SELECT count(*) FROM pki_certificates WHERE issuer_ca IS NULL"
        ).fetchone()[0]
    assert roots > 0 and self_signed == roots  # no second, orphaned set of roots
