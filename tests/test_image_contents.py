"""What the image would run, without a container runtime: the build stage of the Dockerfile
replayed on this machine. Its COPY lines make a build context, `pip wheel` builds the
package from it as `pip install .` does in the image, and a `csms serve` runs from the
unpacked wheel alone (not the repository) and serves the console, the CA and /ready.

A file the product reads at run time that the Dockerfile does not copy, or that
pyproject.toml's package data leaves out of the wheel (templates, catalogs, policies,
certificate profiles, migrations), fails here instead of in the first container."""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import httpx
import pytest

from tests.pki.server import free_port

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("auth", "certs", "contracts", "csms", "iso15118", "pki", "policies")


def _build_context(target: Path) -> Path:
    """The files the Dockerfile's build stage copies, at the places it copies them to."""
    dockerfile = (ROOT / "Dockerfile").read_text()
    first_stage = dockerfile.split("\nFROM ", 2)[1]
    for sources, destination in re.findall(r"^COPY (?!--)(.+) (\S+)$", first_stage, re.M):
        for source in sources.split():
            origin = ROOT / source
            place = target / destination / (origin.name if destination.endswith("/") else "")
            if origin.is_dir():
                shutil.copytree(origin, place, ignore=shutil.ignore_patterns("__pycache__"))
            else:
                place.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(origin, place)
    return target


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    context = _build_context(tmp_path_factory.mktemp("context"))
    out = tmp_path_factory.mktemp("wheel")
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(context)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert built.returncode == 0, built.stdout + built.stderr
    (found,) = out.glob("*.whl")
    return found


def test_the_wheel_carries_every_file_of_the_packages(wheel: Path) -> None:
    packed = set(zipfile.ZipFile(wheel).namelist())
    tracked = subprocess.run(
        ["git", "ls-files", "--", *PACKAGES], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    assert len(tracked) > 100
    assert [path for path in tracked if path not in packed] == []
    entry_points = zipfile.ZipFile(wheel).read(
        next(n for n in packed if n.endswith(".dist-info/entry_points.txt"))
    )
    assert b"csms = csms.cli:run" in entry_points  # the image's ENTRYPOINT


@pytest.fixture(scope="module")
def unpacked(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The wheel unpacked as site-packages; the environment a process needs to run from it
    (and not from the repository, nor the project installed in this virtualenv)."""
    site = tmp_path_factory.mktemp("site")
    zipfile.ZipFile(wheel).extractall(site)
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("CSMS_") and key != "PYTHONPATH"
    }
    return env | {"PYTHONPATH": str(site)}


def test_the_unpacked_wheel_is_what_runs(unpacked: dict[str, str], tmp_path: Path) -> None:
    found = subprocess.run(
        [sys.executable, "-c", "import csms, certs; print(csms.__file__, certs.__file__)"],
        cwd=tmp_path,
        env=unpacked,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert all(path.startswith(unpacked["PYTHONPATH"]) for path in found), found


def test_csms_serve_runs_from_the_wheel_alone(unpacked: dict[str, str], tmp_path: Path) -> None:
    port, ocpp, tls = free_port(), free_port(), free_port()
    env = unpacked | {"CSMS_DATA_DIR": str(tmp_path / "data")}
    command = [sys.executable, "-m", "csms", "serve", "--port", str(port)]
    command += ["--ocpp-port", str(ocpp), "--tls-port", str(tls)]
    log = tmp_path / "serve.log"
    with log.open("wb") as output:
        # The working directory is not the repository: nothing is read from it.
        process = subprocess.Popen(command, cwd=tmp_path, env=env, stdout=output, stderr=output)
    try:
        deadline = time.monotonic() + 120
        while True:
            assert process.poll() is None, log.read_text()
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", tls)) == 0:  # the last port to open
                    break
            assert time.monotonic() < deadline, "csms serve from the wheel never listened"
            time.sleep(0.2)
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=30) as client:
            assert client.get("/health").status_code == 200
            assert client.get("/ready").status_code == 200
            # Jinja templates and the Russian catalog come from the wheel.
            login = client.get("/console/login", headers={"Accept-Language": "ru"})
            assert login.status_code == 200
            # The Russian catalog came with the wheel; MyID is not configured here, so the
            # page offers the local login only.
            assert "<form" in login.text and "Имя пользователя" in login.text
            assert "Войти через MyID" not in login.text
            root = client.get("/pki/ca/v2g-root.pem")
            assert root.text.startswith("-----BEGIN CERTIFICATE-----")
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
    assert process.returncode == 0, log.read_text()
