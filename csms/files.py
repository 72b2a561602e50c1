"""Private files: the data directory is 0700 and everything the product writes in it 0600.

The data directory holds the SQLite database and its -wal and -shm files (password and station
hashes, personal data, the encrypted CA keys), the development key-store passphrase and token
key, and the OCPP TLS keys. None of it is any other local user's business, whatever the umask
of the shell that started the process: files are created with their final mode (a umask only
ever removes bits, so 0600 stays 0600 or tighter) and set to it explicitly (an older file may
have had looser bits), and `tighten` brings an existing directory back to these modes on start.
"""

from __future__ import annotations

import logging
import os
import stat
from pathlib import Path

log = logging.getLogger("csms.files")

DIRECTORY_MODE = 0o700
FILE_MODE = 0o600


def private_dir(path: Path) -> Path:
    """`path` (and missing parents) as a directory only its owner may enter."""
    path.mkdir(mode=DIRECTORY_MODE, parents=True, exist_ok=True)
    if stat.S_IMODE(path.stat().st_mode) != DIRECTORY_MODE:
        path.chmod(DIRECTORY_MODE)
    return path


def private_file(path: Path) -> Path:
    """Create `path` empty with mode 0600 if it is missing, else set its mode to 0600. (Its
    directory is left alone: it may be the operator's choice, such as a database path.)
    SQLite gives its -wal and -shm files the mode of the database file, so a database created
    this way keeps them private too."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_NOFOLLOW, FILE_MODE)
    try:
        if stat.S_IMODE(os.fstat(fd).st_mode) != FILE_MODE:
            os.fchmod(fd, FILE_MODE)
    finally:
        os.close(fd)
    return path


def write_private(path: Path, data: bytes) -> None:
    """Write `data` to `path` (replacing its content), mode 0600, in a private directory."""
    private_dir(path.parent)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW, FILE_MODE)
    with os.fdopen(fd, "wb") as handle:
        os.fchmod(fd, FILE_MODE)  # an older file may have had looser bits
        handle.write(data)


def tighten(directory: Path) -> None:
    """Take group and other users' access away from an existing data directory: from it and
    everything in it. Only those bits go; the owner's stay as they are (an executable stays
    executable), so a directory named here by mistake loses nothing its owner had. Symbolic
    links are neither followed nor changed; what cannot be changed (a file of another owner)
    is logged, not fatal."""
    if not directory.is_dir():
        return
    targets = [str(directory)]
    for root, directories, files in os.walk(directory):
        targets += [os.path.join(root, name) for name in (*directories, *files)]
    for target in targets:
        try:
            status = os.lstat(target)
            if stat.S_ISLNK(status.st_mode):
                continue
            mode = stat.S_IMODE(status.st_mode)
            if mode & 0o077 and (stat.S_ISDIR(status.st_mode) or stat.S_ISREG(status.st_mode)):
                os.chmod(target, mode & 0o700)
        except OSError as exc:
            log.warning("could not make %s private: %s", target, exc)
