"""`csms serve` as an operator starts it: a process of its own, with its own data dir and
SQLite, on free ports; for tests that need the real process (its memory, its files' modes, its
sockets)."""

from __future__ import annotations

import math
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from tests.pki.server import free_port

ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Served:
    process: subprocess.Popen[bytes]
    data_dir: Path
    http: int
    ws: int
    tls: int

    def rss_kib(self) -> int:
        """The process's resident memory now (VmRSS of /proc/<pid>/status), in KiB."""
        for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
        raise AssertionError("no VmRSS")


def _wait_for_port(port: int, process: subprocess.Popen[bytes], seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"csms serve exited with {process.returncode}")
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise AssertionError(f"port {port} never opened")


@contextmanager
def csms_serve(data_dir: Path, *, umask: int | None = None, **settings: object) -> Iterator[Served]:
    """`csms serve` with HTTP, OCPP ws:// and wss:// on free ports; `settings` become CSMS_*
    variables (`http_request_timeout=3` → CSMS_HTTP_REQUEST_TIMEOUT=3). Its output goes to
    serve.log next to the data dir."""
    env = {**os.environ, "CSMS_DATA_DIR": str(data_dir)}
    env.pop("CSMS_DATABASE_URL", None)
    env.update({f"CSMS_{name.upper()}": str(value) for name, value in settings.items()})
    served_ports = free_port(), free_port(), free_port()
    http, ws, tls = served_ports
    command = [sys.executable, "-m", "csms", "serve", "--port", str(http)]
    command += ["--ocpp-port", str(ws), "--tls-port", str(tls)]
    with open(data_dir.parent / "serve.log", "ab") as log:
        process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=log, stderr=log, umask=-1 if umask is None else umask
        )
    try:
        for port in served_ports:
            _wait_for_port(port, process)
        yield Served(process, data_dir, http, ws, tls)
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


# --- talking to it over plain sockets ------------------------------------------------------


def read_answer(connection: socket.socket) -> bytes:
    """One HTTP response: up to its Content-Length, or to the end of the connection."""
    buffer = b""
    while True:
        head_end = buffer.find(b"\r\n\r\n")
        if head_end >= 0:
            head = buffer[:head_end].lower()
            marker = head.find(b"content-length:")
            if marker >= 0:
                length = int(head[marker + 15 :].split(b"\r\n")[0])
                if len(buffer) >= head_end + 4 + length:
                    return buffer[: head_end + 4 + length]
        try:
            chunk = connection.recv(65536)
        except ConnectionResetError:
            return buffer
        if not chunk:
            return buffer
        buffer += chunk


def exchange(port: int, request: bytes, source: str = "127.0.0.1") -> bytes:
    with socket.create_connection(("127.0.0.1", port), 10, (source, 0)) as connection:
        connection.sendall(request)
        return read_answer(connection)


def health_seconds(port: int) -> float:
    """Seconds /health takes to answer 200 on a new connection (inf: it did not)."""
    started = time.monotonic()
    try:
        answer = exchange(port, b"GET /health HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n")
    except OSError:
        return math.inf
    return time.monotonic() - started if answer.startswith(b"HTTP/1.1 200 ") else math.inf


@contextmanager
def probing(port: int) -> Iterator[list[float]]:
    """/health asked from 127.0.0.1 every 100 ms meanwhile; yields its answer times."""
    seconds: list[float] = []
    stop = threading.Event()

    def run() -> None:
        while not stop.is_set():
            seconds.append(health_seconds(port))
            stop.wait(0.1)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    try:
        yield seconds
    finally:
        stop.set()
        thread.join(timeout=10)
