"""A node started without its database says so in one line and exits 1: when nothing listens
on the database's port, and when something accepts TCP there and never answers (the
connect timeout, 5 s by default, ends the wait: before it, the node hung silently)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator

import pytest

from tests.serve_process import ROOT


@pytest.fixture
def silent_port() -> Iterator[int]:
    """A port that completes TCP handshakes (the kernel's backlog) and never says a word."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(16)
        yield listener.getsockname()[1]


def _serve(database_url: str, tmp_path: object) -> tuple[subprocess.CompletedProcess[str], float]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CSMS_")}
    env.update(CSMS_DATA_DIR=str(tmp_path), CSMS_DATABASE_URL=database_url)
    started = time.monotonic()
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "csms",
            "serve",
            "--port",
            "0",
            "--ocpp-port",
            "0",
            "--tls-port",
            "0",
        ],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,  # a hang fails here, loudly
    )
    return done, time.monotonic() - started


def _one_line(done: subprocess.CompletedProcess[str]) -> str:
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr, done.stderr
    errors = [line for line in done.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1, done.stderr
    assert errors[0].endswith("[database_unavailable]"), errors
    return errors[0]


def test_a_database_that_never_answers_ends_in_one_line(silent_port: int, tmp_path) -> None:  # type: ignore[no-untyped-def]
    done, seconds = _serve(f"postgresql://csms@127.0.0.1:{silent_port}/csms", tmp_path)
    line = _one_line(done)
    assert "timeout" in line.lower(), line
    # Not a timing judgement: the process ended by its own connect timeout, not ours (120 s).
    assert seconds < 120


def test_no_database_listening_ends_in_one_line(tmp_path) -> None:  # type: ignore[no-untyped-def]
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    done, _seconds = _serve(f"postgresql://csms@127.0.0.1:{port}/csms", tmp_path)
    line = _one_line(done)
    assert "refused" in line.lower() or "connect" in line.lower(), line
