"""`csms demo` on a fresh data directory, right after `csms serve` started: the README's
first command followed by the demo, as a person would run them."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

from tests.pki.server import free_port


def _wait_for_port(port: int, process: subprocess.Popen[bytes], seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert process.poll() is None, "the server exited"
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise AssertionError(f"nothing listens on {port}")


def test_demo_tells_the_whole_story(tmp_path: Path) -> None:
    env = dict(os.environ, CSMS_DATA_DIR=str(tmp_path / "var"))
    env.pop("CSMS_DATABASE_URL", None)
    http, ws, wss = free_port(), free_port(), free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "csms",
            "serve",
            "--port",
            str(http),
            "--ocpp-port",
            str(ws),
            "--tls-port",
            str(wss),
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _wait_for_port(http, server)
        _wait_for_port(wss, server)
        # The same story in every version the server speaks (1.6: PnC over DataTransfer).
        runs = {
            version: subprocess.run(
                [
                    *(sys.executable, "-m", "csms", "demo"),
                    *("--ocpp-url", f"wss://localhost:{wss}/ocpp", "--ocpp-version", version),
                ],
                env=env,
                capture_output=True,
                text=True,
                timeout=180,
            )
            for version in ("2.0.1", "1.6", "2.1")
        }
    finally:
        server.terminate()
        server.wait(timeout=30)
    for version, demo in runs.items():
        assert demo.returncode == 0, demo.stdout + demo.stderr
        out = demo.stdout
        session = (
            "StartTransaction (Accepted) / StopTransaction"
            if version == "1.6"
            else "TransactionEvent Started/Ended"
        )
        for expected in (
            f"connected over TLS, OCPP {version}",
            "BootNotification → Accepted",
            "SignCertificate(V2GCertificate) → Accepted",
            "CertificateSigned(V2GCertificate)",
            "Get15118EVCertificate(Install) → Accepted",
            "private key decrypted and matching",
            "idTokenInfo Accepted, certificateStatus Accepted",
            session,
            # The CSMS's record: energy = last register reading - first, not the register.
            "recorded: 14.2 kWh delivered (meter 1234567 → 1248767 Wh)",
            "terminated",
            "certificateStatus CertificateRevoked",
            "demo complete",
        ):
            assert expected in out, f"missing {expected!r} in ({version}):\n{out}"
        lines = [line for line in out.splitlines() if line.startswith("[")]
        times = [float(line[1:].split("s]")[0]) for line in lines]
        assert times == sorted(times)  # a timeline, in order


def test_demo_without_a_server_is_one_clear_line(tmp_path: Path) -> None:
    env = dict(os.environ, CSMS_DATA_DIR=str(tmp_path / "var"))
    env.pop("CSMS_DATABASE_URL", None)
    init = subprocess.run(
        [sys.executable, "-m", "csms", "pki", "init"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert init.returncode == 0, init.stderr
    demo = subprocess.run(
        [sys.executable, "-m", "csms", "demo", "--ocpp-url", f"wss://localhost:{free_port()}/ocpp"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert demo.returncode == 1
    assert "is `csms serve` running?" in demo.stderr
    assert "Traceback" not in demo.stderr
