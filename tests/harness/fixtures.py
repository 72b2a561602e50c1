"""pytest fixtures of the harness; `tests/conftest.py` re-exports them.

- `postgres_server` (session): a real PostgreSQL server started for this run.
- `postgres_url` (function): SQLAlchemy URL of a new, empty database on it.
- `softhsm_token` (session): a freshly initialised SoftHSM2 token.
- `tmp_data_dir` (function): an empty directory, also set as $CSMS_DATA_DIR.

A missing PostgreSQL or SoftHSM2 skips the tests that need it, except under CI=true,
where it fails them: CI must never pass by skipping.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.harness.availability import unavailable
from tests.harness.postgres import PostgresServer, find_bindir, shutdown, start_server
from tests.harness.softhsm import SoftHsmToken, create_token, find_module, find_util

INSTALL_HINT = "install it with scripts/test.sh (as root) or apt-get install -y {package}"


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    bindir = find_bindir()
    if bindir is None:
        unavailable(
            "PostgreSQL server binaries not found (/usr/lib/postgresql/*/bin, "
            "$CSMS_TEST_PG_BINDIR or initdb on PATH); " + INSTALL_HINT.format(package="postgresql")
        )
    server = start_server(bindir)
    # The generator's finally runs on errors and KeyboardInterrupt alike; only a killed
    # process leaves the server behind, and the next run's start_server() reaps it.
    try:
        yield server
    finally:
        shutdown(server)


@pytest.fixture
def postgres_url(postgres_server: PostgresServer) -> Iterator[str]:
    url = postgres_server.create_database()
    yield url
    # Dropped so a long suite does not pile up hundreds of databases on disk.
    postgres_server.drop_database(url.rsplit("/", 1)[1])


@pytest.fixture(scope="session")
def softhsm_token() -> Iterator[SoftHsmToken]:
    util, module = find_util(), find_module()
    if util is None or module is None:
        missing = "softhsm2-util" if util is None else "libsofthsm2.so"
        unavailable(f"SoftHSM2 not found ({missing}); " + INSTALL_HINT.format(package="softhsm2"))
    token = create_token(util, module)
    patch = pytest.MonkeyPatch()
    # Set for the whole session: SoftHSM reads it when a process first initialises the
    # module, and python-pkcs11 keeps the module loaded from then on.
    patch.setenv("SOFTHSM2_CONF", str(token.conf_path))
    try:
        yield token
    finally:
        patch.undo()
        shutil.rmtree(token.conf_path.parent, ignore_errors=True)


@pytest.fixture
def tmp_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    data_dir = tmp_path / "csms-data"
    data_dir.mkdir()
    monkeypatch.setenv("CSMS_DATA_DIR", str(data_dir))
    return data_dir
