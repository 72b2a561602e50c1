"""Files are private (csms/files.py): the data directory is 0700 and everything `csms serve`
writes in it 0600 (the SQLite database and its -wal and -shm files, keystore.passphrase,
token.key, the OCPP TLS keys and certificates), whatever the umask it was started with; an
existing data dir with looser modes is tightened on start.

Before this change the database and its WAL were 0644 (0666 under umask 0000: password and
station hashes, personal data and the encrypted CA keys readable, even writable, by any local
user), the data dir and ocpp-tls/ 0755 (0777), the TLS certificates 0644 (0666); each test
below fails on that code.
"""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from tests.serve_process import Served, csms_serve


def _modes(data_dir: Path) -> dict[str, int]:
    """Every entry of the data dir, itself included (as "."), with its permission bits."""
    found = {".": stat.S_IMODE(data_dir.lstat().st_mode)}
    for path in data_dir.rglob("*"):
        found[str(path.relative_to(data_dir))] = stat.S_IMODE(path.lstat().st_mode)
    return found


def _not_private(data_dir: Path) -> dict[str, str]:
    wrong = {}
    for name, mode in _modes(data_dir).items():
        expected = 0o700 if (data_dir / name).is_dir() else 0o600
        if mode != expected:
            wrong[name] = oct(mode)
    return wrong


def _written(served: Served) -> set[str]:
    return set(_modes(served.data_dir))


EXPECTED = {
    ".",
    "csms.sqlite3",
    "csms.sqlite3-wal",
    "csms.sqlite3-shm",
    "keystore.passphrase",
    "token.key",
    "ocpp-tls",
    "ocpp-tls/server-ec.key",
    "ocpp-tls/server-ec.pem",
    "ocpp-tls/server-rsa.key",
    "ocpp-tls/server-rsa.pem",
}


@pytest.mark.parametrize("umask", [0o000, 0o022], ids=["umask-0000", "umask-0022"])
def test_serve_writes_private_files_whatever_the_umask(tmp_path: Path, umask: int) -> None:
    data_dir = tmp_path / "var"
    with csms_serve(data_dir, umask=umask) as served:
        assert EXPECTED <= _written(served)  # all there while it runs, the WAL included
        assert _not_private(data_dir) == {}
    assert _not_private(data_dir) == {}


def test_an_existing_data_dir_with_looser_modes_is_tightened_on_start(tmp_path: Path) -> None:
    data_dir = tmp_path / "var"
    with csms_serve(data_dir, umask=0o022):
        pass
    (data_dir / "notes.txt").write_text("an operator's file\n")
    (data_dir / "backup").mkdir()
    (data_dir / "backup" / "old.sqlite3").write_bytes(b"")
    for path in [data_dir, *data_dir.rglob("*")]:
        path.chmod(0o777 if path.is_dir() else 0o666)
    with csms_serve(data_dir, umask=0o022) as served:
        assert {"notes.txt", "backup/old.sqlite3"} <= _written(served)
        assert _not_private(data_dir) == {}


def test_tighten_takes_only_group_and_other_bits(tmp_path: Path) -> None:
    """A directory named by mistake loses nothing its owner had: an executable stays one."""
    from csms.files import tighten

    tool = tmp_path / "run.sh"
    tool.write_text("#!/bin/sh\n")
    tool.chmod(0o755)
    (tmp_path / "notes").write_text("x")
    (tmp_path / "notes").chmod(0o644)
    tighten(tmp_path)
    assert stat.S_IMODE(tool.stat().st_mode) == 0o700
    assert stat.S_IMODE((tmp_path / "notes").stat().st_mode) == 0o600
    assert stat.S_IMODE(tmp_path.stat().st_mode) == 0o700


def test_an_empty_data_dir_setting_is_refused() -> None:
    """CSMS_DATA_DIR= would have meant the current directory, made private on start."""
    from pydantic import ValidationError

    from csms.settings import Settings

    with pytest.raises(ValidationError, match="CSMS_DATA_DIR is empty"):
        Settings(data_dir="")  # type: ignore[arg-type]
