"""deploy/haproxy.cfg in front of a real node: Debian's haproxy runs the project's own
configuration, with only the addresses changed (the nodes' Docker names and fixed ports
become this node's loopback ports). A security-profile-3 station gets in through the TLS port
with its client certificate, which the node checks itself, so the balancer must pass TLS
through; a profile-1 station gets in through the ws:// port (the WebSocket upgrade through
HTTP mode); HTTP goes through to /health."""

from __future__ import annotations

import re
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from csms.app import create_app
from tests.ocpp.client import boot, open_station
from tests.ocpp.conftest import Running
from tests.ocpp.tlsutil import own_client_cert
from tests.pki.server import free_port, serving

pytestmark = pytest.mark.postgres

CONFIG = Path(__file__).resolve().parents[2] / "deploy" / "haproxy.cfg"


def _for_this_machine(config: str, node: dict[str, int], front: dict[str, int]) -> str:
    """The deployed configuration, pointed at loopback ports: both `node-a` and `node-b` are
    the one node here; no Docker DNS (its resolver section and references go)."""
    config = re.sub(r"\nresolvers docker\n(?:[ \t]+\S.*\n)+", "\n", config)
    config = config.replace(" resolvers docker", "")
    for name, deployed in (("http", 8000), ("ws", 9000), ("wss", 8443)):
        config = config.replace(f"bind :{deployed}\n", f"bind 127.0.0.1:{front[name]}\n")
        config = re.sub(rf"node-[ab]:{deployed}\b", f"127.0.0.1:{node[name]}", config)
    config = config.replace("check port 8000", f"check port {node['http']}")
    # This machine's file-descriptor limit is below what 50,000 connections need.
    config = config.replace("maxconn 50000", "maxconn 1000")
    assert "node-a:" not in config and "resolvers" not in config and ":8000" not in config
    return config


def _wait_for_bind(port: int, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 30
    while True:
        assert process.poll() is None, log.read_text()
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        assert time.monotonic() < deadline, f"haproxy never bound {port}"
        time.sleep(0.1)


def _wait_until_served(url: str, process: subprocess.Popen[bytes], log: Path) -> None:
    """haproxy forwards once its health checks (GET /ready) found the node up."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert process.poll() is None, log.read_text()
        try:
            if httpx.get(url + "/health", timeout=5).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    raise AssertionError("haproxy never forwarded /health: " + log.read_text())


@pytest.fixture
def balanced(ocpp: Running, tmp_path: Path) -> Iterator[dict[str, int]]:
    haproxy = shutil.which("haproxy")
    if haproxy is None:
        pytest.skip("haproxy is not installed (apt-get install haproxy)")
    with serving(create_app(ocpp.container)) as http_url:
        node = {"http": int(http_url.rsplit(":", 1)[1]), **ocpp.ports}
        front = {"http": free_port(), "ws": free_port(), "wss": free_port()}
        config = tmp_path / "haproxy.cfg"
        config.write_text(_for_this_machine(CONFIG.read_text(), node, front))
        log = tmp_path / "haproxy.log"
        with log.open("wb") as output:
            process = subprocess.Popen(
                [haproxy, "-db", "-f", str(config)], stdout=output, stderr=output
            )
        try:
            for port in front.values():
                _wait_for_bind(port, process, log)
            _wait_until_served(f"http://127.0.0.1:{front['http']}", process, log)
            yield front
        finally:
            process.terminate()
            process.wait(timeout=30)


def test_stations_and_http_through_the_deployed_haproxy_configuration(
    ocpp: Running, balanced: dict[str, int], tmp_path: Path
) -> None:
    ocpp.add("HA-P3", profile=3)
    cert, key, _ = own_client_cert(ocpp.container, tmp_path, "HA-P3")
    context = ocpp.client_context(cert, key)
    context.check_hostname = False  # the server certificate names the deployed FQDN
    url = f"wss://127.0.0.1:{balanced['wss']}/ocpp/HA-P3"
    with open_station(url, "HA-P3", ssl_context=context, password=None) as ws:
        assert boot(ws)[2]["status"] == "Accepted"
    assert not [r for r in ocpp.server.refusals if r.station_id == "HA-P3"]

    ocpp.add("HA-P1", profile=1)
    with open_station(f"ws://127.0.0.1:{balanced['ws']}/ocpp/HA-P1", "HA-P1") as ws:
        assert boot(ws)[2]["status"] == "Accepted"

    answer = httpx.get(f"http://127.0.0.1:{balanced['http']}/ready", timeout=10)
    assert answer.status_code == 200
