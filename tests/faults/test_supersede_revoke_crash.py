"""kill -9 of a node between marking a station's old certificate superseded and revoking it:
after the restart the old certificate is revoked, and at no moment is it superseded without
being revoked.

Marking superseded and revoking are one transaction (csms/ocpp/certificates.py `answered`),
and the delivery of the new certificate is recorded intent (`ocpp_station_certificates`,
status pending) that whichever node the station reaches next finishes. To stop the node exactly
between the two steps without a hook in the product, the test holds a row lock on the old
certificate's `pki_certificates` row: the node marks the record superseded, then waits on the
lock to revoke; PostgreSQL shows it waiting; then it is killed.
"""

from __future__ import annotations

import json
import os
import signal
from pathlib import Path
from typing import Any

import psycopg
import pytest
from cryptography.hazmat.primitives.asymmetric import ec

from csms.container import build_container
from csms.settings import Settings
from tests.harness.postgres import PostgresServer
from tests.harness.waiting import eventually
from tests.ocpp.client import boot, call, open_station
from tests.pki.helpers import make_csr
from tests.serve_process import csms_serve

pytestmark = pytest.mark.postgres

PASSWORD = "crash-station-password-1"
PASSPHRASE = "crash-test-passphrase-1"
# Both nodes share the token key, as a cluster's nodes must (a node whose key differs from a
# live node's is refused at start, and the killed node counts as live for its lease).
SHARED = {"key_passphrase": PASSPHRASE, "token_key": "crash-test-token-key-0123456789abcdef"}


def _sign(ws: Any) -> list[Any]:
    key = ec.generate_private_key(ec.SECP256R1())
    csr = make_csr(key, cn="SR-1", o="UzPnC").decode()
    request = {"csr": csr, "certificateType": "ChargingStationCertificate"}
    assert call(ws, "SignCertificate", request)[2] == {"status": "Accepted"}
    signed = json.loads(ws.recv(timeout=15))
    assert signed[2] == "CertificateSigned", signed
    return signed  # type: ignore[no-any-return]


def test_a_node_killed_between_supersede_and_revoke_leaves_nothing_half_done(
    postgres_server: PostgresServer, tmp_path: Path
) -> None:
    database = postgres_server.create_database()
    libpq = database.replace("+psycopg", "")
    setup = build_container(
        Settings(database_url=database, data_dir=tmp_path / "setup", key_passphrase=PASSPHRASE)
    )
    with setup.transaction() as session:
        setup.ocpp.registry.add(
            session, "SR-1", security_profile=1, actor="test", password=PASSWORD
        )
    setup.close()
    db = psycopg.connect(libpq, autocommit=True)

    def records() -> list[tuple[int, str, str, object]]:
        return db.execute(
            "SELECT s.id, s.status, s.serial_hex, p.revoked_at FROM ocpp_station_certificates s"
            " JOIN pki_certificates p ON p.serial_hex = s.serial_hex ORDER BY s.id"
        ).fetchall()

    with csms_serve(tmp_path / "a", database_url=database, **SHARED) as node:
        url = f"ws://127.0.0.1:{node.ws}/ocpp/SR-1"
        ws = open_station(url, "SR-1", password=PASSWORD)
        assert boot(ws)[2]["status"] == "Accepted"
        first = _sign(ws)
        ws.send(json.dumps([3, first[1], {"status": "Accepted"}]))
        accepted = eventually(records, lambda rows: rows and rows[0][1] == "accepted")
        assert accepted[0][1] == "accepted"
        old_serial = accepted[0][2]

        second = _sign(ws)
        locker = psycopg.connect(libpq)  # a transaction of its own, held open
        locker.execute(
            "SELECT id FROM pki_certificates WHERE serial_hex = %s FOR UPDATE", (old_serial,)
        )
        ws.send(json.dumps([3, second[1], {"status": "Accepted"}]))
        waiting = eventually(
            lambda: db.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                " AND query ILIKE %s",
                ("%pki_certificates%",),
            ).fetchone()[0],
            lambda count: count > 0,
        )
        assert waiting == 1  # the node is between the two steps, inside its transaction
        os.kill(node.process.pid, signal.SIGKILL)
        node.process.wait(timeout=10)
        locker.rollback()
        locker.close()
        ws.socket.close()

    # Nothing half done: the old certificate is neither superseded nor revoked, the new one
    # still waits for the station's answer.
    after_kill = eventually(records, lambda rows: True)
    assert [row[1] for row in after_kill] == ["accepted", "pending"]
    assert after_kill[0][3] is None

    # The next node finishes it: the station gets the new certificate again, accepts it, and
    # the old one is superseded and revoked together.
    with csms_serve(tmp_path / "b", database_url=database, **SHARED) as node:
        url = f"ws://127.0.0.1:{node.ws}/ocpp/SR-1"
        with open_station(url, "SR-1", password=PASSWORD) as again:
            delivered = json.loads(again.recv(timeout=30))
            assert delivered[2] == "CertificateSigned", delivered
            assert delivered[3]["certificateChain"] == second[3]["certificateChain"]
            again.send(json.dumps([3, delivered[1], {"status": "Accepted"}]))
            assert call(again, "Heartbeat", {})[0] == 3
            done = eventually(records, lambda rows: rows[0][1] == "superseded")
    assert [row[1] for row in done] == ["superseded", "accepted"]
    assert done[0][3] is not None  # revoked
    db.close()
