"""A throw-away PostgreSQL server for one test run.

Each run gets its own data directory and port, so it never touches the machine's `main`
cluster and a server left behind by a killed run cannot block the next one (it is reaped
when its owner process is gone). Durability is switched off: the data dies with the run.
"""

from __future__ import annotations

import itertools
import os
import re
import shutil
import socket
import subprocess
import tempfile
import threading
import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import psycopg
from psycopg import sql

DIR_PREFIX = "csms-pg-"
OWNER_FILE = "owner.pid"
HOST = "127.0.0.1"
SUPERUSER = "postgres"
# PostgreSQL refuses to run as root; as root we hand the server to this OS user.
OS_USER = "postgres"

# Speed over durability: nothing here must survive a crash.
SERVER_SETTINGS = {
    "listen_addresses": f"'{HOST}'",
    "fsync": "off",
    "synchronous_commit": "off",
    "full_page_writes": "off",
    "max_connections": "200",
    # Keep the server's own log in the data dir where failures point to it.
    "logging_collector": "off",
}

_DB_NAME = re.compile(r"[a-z_][a-z0-9_]{0,62}")


class PostgresError(RuntimeError):
    """The server could not be set up; the message says what to look at."""


def find_bindir() -> Path | None:
    """The newest server bin dir: $CSMS_TEST_PG_BINDIR, Debian's layout, then PATH."""
    override = os.environ.get("CSMS_TEST_PG_BINDIR")
    if override:
        return Path(override)
    versions: list[tuple[int, Path]] = []
    for bindir in Path("/usr/lib/postgresql").glob("*/bin"):
        if bindir.parent.name.isdigit() and (bindir / "initdb").exists():
            versions.append((int(bindir.parent.name), bindir))
    if versions:
        return max(versions)[1]
    initdb = shutil.which("initdb")
    return Path(initdb).resolve().parent if initdb else None


def _free_port() -> int:
    # The port may be taken between here and the server's bind; start() retries for that.
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


@dataclass
class PostgresServer:
    bindir: Path
    base_dir: Path
    port: int = 0
    host: str = HOST
    # Seconds that initdb + server start took: the harness's fixed cost per test run.
    start_seconds: float = 0.0
    _admin: psycopg.Connection[tuple[object, ...]] | None = field(default=None, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    _counter: itertools.count[int] = field(default_factory=itertools.count, repr=False)

    @property
    def data_dir(self) -> Path:
        return self.base_dir / "data"

    @property
    def socket_dir(self) -> Path:
        return self.base_dir

    @property
    def log_path(self) -> Path:
        return self.base_dir / "server.log"

    @property
    def admin_url(self) -> str:
        return self.url("postgres")

    def url(self, dbname: str) -> str:
        """SQLAlchemy URL of database `dbname` on this server."""
        return f"postgresql+psycopg://{SUPERUSER}@{self.host}:{self.port}/{dbname}"

    def conninfo(self, dbname: str = "postgres") -> str:
        """libpq connection string, for psycopg.connect() or psql."""
        return f"host={self.host} port={self.port} user={SUPERUSER} dbname={dbname}"

    # -- databases ---------------------------------------------------------------------

    def create_database(self, name: str | None = None, template: str | None = None) -> str:
        """Creates an empty database (or a copy of `template`) and returns its URL.

        A template lets a caller migrate one database per session and clone it per test,
        which is much cheaper than running migrations again.
        """
        if name is None:
            name = f"test_{next(self._counter)}_{uuid.uuid4().hex[:8]}"
        stmt = sql.SQL("CREATE DATABASE {}").format(sql.Identifier(_checked(name)))
        if template is not None:
            stmt += sql.SQL(" TEMPLATE {}").format(sql.Identifier(_checked(template)))
        self._execute(stmt)
        return self.url(name)

    def drop_database(self, name: str) -> None:
        """Drops a database, disconnecting whoever still holds it open."""
        stmt = sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
            sql.Identifier(_checked(name))
        )
        self._execute(stmt)

    def _execute(self, stmt: sql.Composable) -> None:
        # One admin connection for the run: opening one per database costs more than the
        # CREATE DATABASE itself. The lock keeps threaded callers from interleaving.
        with self._lock:
            if self._admin is None or self._admin.closed:
                self._admin = psycopg.connect(self.conninfo(), autocommit=True)
            self._admin.execute(stmt)

    # -- lifecycle ---------------------------------------------------------------------

    def start(self, attempts: int = 3) -> None:
        self._run(
            [
                str(self.bindir / "initdb"),
                "--pgdata", str(self.data_dir),
                "--username", SUPERUSER,
                "--auth", "trust",
                "--encoding", "UTF8",
                "--no-locale",
                "--no-sync",
            ],
            "initdb",
        )  # fmt: skip
        settings = dict(SERVER_SETTINGS, unix_socket_directories=f"'{self.socket_dir}'")
        with (self.data_dir / "postgresql.conf").open("a", encoding="utf-8") as conf:
            conf.write("\n# csms test harness\n")
            conf.writelines(f"{key} = {value}\n" for key, value in settings.items())

        for attempt in range(1, attempts + 1):
            self.port = _free_port()
            try:
                self._pg_ctl("start", "--wait", "--timeout", "60",
                             "--log", str(self.log_path), "-o", f"-p {self.port}")  # fmt: skip
                return
            except PostgresError:
                # Another process may have taken the port we picked; anything else repeats.
                if attempt == attempts or "could not bind" not in self._log_tail():
                    raise

    def stop(self) -> None:
        with self._lock:
            if self._admin is not None:
                self._admin.close()
                self._admin = None
        if (self.data_dir / "postmaster.pid").exists():
            # immediate: no checkpoint, the data is thrown away next anyway.
            self._pg_ctl("stop", "--mode", "immediate", "--wait")

    def pause(self) -> None:
        """Stop the server abruptly (as a crash or a failover would), keeping its data."""
        self.stop()

    def resume(self) -> None:
        """Start a paused server again, on the same port, with its data."""
        self._pg_ctl("start", "--wait", "--timeout", "60",
                     "--log", str(self.log_path), "-o", f"-p {self.port}")  # fmt: skip

    def _pg_ctl(self, *args: str) -> None:
        self._run([str(self.bindir / "pg_ctl"), "--pgdata", str(self.data_dir), *args],
                  f"pg_ctl {args[0]}")  # fmt: skip

    def _run(self, cmd: Sequence[str], what: str) -> None:
        result = subprocess.run(
            cmd, capture_output=True, text=True, cwd=self.base_dir, check=False,
            stdin=subprocess.DEVNULL, **_as_server_user(),
        )  # fmt: skip
        if result.returncode != 0:
            raise PostgresError(
                f"{what} failed (exit {result.returncode}): {' '.join(cmd)}\n"
                f"{result.stdout}{result.stderr}\n--- {self.log_path} ---\n{self._log_tail()}"
            )

    def _log_tail(self, lines: int = 30) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no server log)"


def _checked(name: str) -> str:
    if not _DB_NAME.fullmatch(name):
        raise ValueError(f"database name {name!r} must match {_DB_NAME.pattern}")
    return name


def _running_as_root() -> bool:
    return os.geteuid() == 0


def _as_server_user() -> dict[str, object]:
    """subprocess arguments that drop root to the postgres OS user (same as runuser)."""
    if not _running_as_root():
        return {}
    return {"user": OS_USER, "group": OS_USER, "extra_groups": [], "umask": 0o077}


def _make_base_dir() -> Path:
    base = Path(tempfile.mkdtemp(prefix=DIR_PREFIX))
    (base / OWNER_FILE).write_text(f"{os.getpid()}\n")
    if _running_as_root():
        try:
            shutil.chown(base, OS_USER, OS_USER)
        except LookupError as exc:
            shutil.rmtree(base, ignore_errors=True)
            raise PostgresError(
                f"running as root but there is no {OS_USER!r} OS user to run PostgreSQL as "
                "(Debian's postgresql package creates it)"
            ) from exc
    return base


def reap_stale_servers(bindir: Path) -> None:
    """Stops servers and removes dirs whose owning test process no longer exists."""
    for base in Path(tempfile.gettempdir()).glob(f"{DIR_PREFIX}*"):
        try:
            owner = int((base / OWNER_FILE).read_text().strip())
        except (OSError, ValueError):
            continue  # not ours, or still being created
        if _pid_alive(owner):
            continue
        stale = PostgresServer(bindir=bindir, base_dir=base)
        try:
            stale.stop()
        except PostgresError:
            pass  # already gone: removing the dir is all that is left to do
        shutil.rmtree(base, ignore_errors=True)


def start_server(bindir: Path) -> PostgresServer:
    """Starts a fresh server; the caller must call `shutdown()` on it."""
    for tool in ("initdb", "pg_ctl", "postgres"):
        if not (bindir / tool).exists():
            raise PostgresError(f"{bindir / tool} not found")
    reap_stale_servers(bindir)
    server = PostgresServer(bindir=bindir, base_dir=_make_base_dir())
    started = time.monotonic()
    try:
        server.start()
    except BaseException:
        shutdown(server)
        raise
    server.start_seconds = time.monotonic() - started
    return server


def shutdown(server: PostgresServer) -> None:
    """Stops the server (if it runs) and deletes its directory, whatever happens."""
    try:
        server.stop()
    finally:
        shutil.rmtree(server.base_dir, ignore_errors=True)
