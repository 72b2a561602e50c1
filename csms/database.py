"""Engines, sessions and migrations, on SQLite (embedded default) or PostgreSQL (psycopg 3)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event, make_url, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import NullPool

from . import metrics
from .files import private_file

T = TypeVar("T")


# How long a PostgreSQL connection attempt, and one statement, may take. Without the first, a
# database that accepts TCP and never answers hangs a starting node silently; without the
# second, one stuck query holds a pooled connection (and a station's answer) for ever.
# libpq takes connect_timeout in whole seconds (at least 2: it rounds 1 up).
DEFAULT_CONNECT_TIMEOUT_SECONDS = 5
DEFAULT_STATEMENT_TIMEOUT_MS = 30_000


def normalise_url(url: str) -> str:
    """Accept plain `postgresql://` URLs and use psycopg 3 for them."""
    if url.startswith("postgresql://") or url.startswith("postgres://"):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


def with_timeouts(
    url: str,
    *,
    connect_seconds: int = DEFAULT_CONNECT_TIMEOUT_SECONDS,
    statement_ms: int = DEFAULT_STATEMENT_TIMEOUT_MS,
) -> str:
    """A PostgreSQL URL with a connect timeout and a statement timeout, unless the URL sets
    its own (every connection of the product, the migrations' included, gets them)."""
    url = normalise_url(url)
    parsed = make_url(url)
    if not parsed.drivername.startswith("postgresql"):
        return url
    query = dict(parsed.query)
    query.setdefault("connect_timeout", str(connect_seconds))
    if "options" not in query:
        query["options"] = f"-c statement_timeout={statement_ms}"
    return parsed.set(query=query).render_as_string(hide_password=False)


def private_sqlite_file(url: str) -> None:
    """A SQLite database file (and its -wal and -shm files, if any) exists with mode 0600
    before SQLite opens it: SQLite creates its -wal and -shm files with the database file's
    mode, and its own default for a new database is 0644 less the umask."""
    parsed = make_url(url)
    name = parsed.database
    if not parsed.drivername.startswith("sqlite") or not name or name == ":memory:":
        return
    if name.startswith("file:") or parsed.query.get("mode") == "memory":
        return  # a URI filename: SQLite's to interpret
    path = Path(name)
    private_file(path)
    for suffix in ("-wal", "-shm", "-journal"):
        companion = path.with_name(path.name + suffix)
        if companion.exists():
            private_file(companion)


def make_engine(url: str) -> Engine:
    url = normalise_url(url)
    if url.startswith("sqlite"):
        private_sqlite_file(url)
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")  # readers do not block the writer
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA busy_timeout=30000")
            cursor.close()

        return engine
    # Pre-ping: a pooled connection that died with a database restart is replaced at checkout
    # instead of failing the request that draws it (one loopback round trip, ~0.1 ms).
    return create_engine(
        with_timeouts(url), pool_size=20, max_overflow=20, pool_recycle=1800, pool_pre_ping=True
    )


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


def alembic_config(url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(resources.files("csms").joinpath("migrations")))
    config.set_main_option("sqlalchemy.url", with_timeouts(url).replace("%", "%%"))
    return config


def upgrade(url: str) -> None:
    """Bring the schema to the newest migration (idempotent). Each domain keeps its own
    branch of migrations, so all heads are applied. Nodes starting together take turns."""
    if normalise_url(url).startswith("sqlite"):
        private_sqlite_file(url)
    with one_node_at_a_time(url, "migrations"):
        command.upgrade(alembic_config(url), "heads")


@contextmanager
def one_node_at_a_time(url: str, what: str) -> Iterator[None]:
    """Run the block while no other node runs the block of the same name: a PostgreSQL
    session-level advisory lock, held on a connection of its own and released when the
    block ends (or the process dies). Several nodes started at once on an empty database
    would otherwise each run the migrations and each create the PKI. SQLite: one node."""
    if not normalise_url(url).startswith("postgresql"):
        yield
        return
    engine = create_engine(with_timeouts(url), poolclass=NullPool)
    try:
        with engine.connect() as connection:
            key = {"key": f"csms:{what}"}
            connection.execute(text("SELECT pg_advisory_lock(hashtext(:key))"), key)
            try:
                yield
            finally:
                connection.execute(text("SELECT pg_advisory_unlock(hashtext(:key))"), key)
    finally:
        engine.dispose()


async def in_worker_autocommit(sessions: sessionmaker[Session], work: Callable[[Session], T]) -> T:
    """`work(session)` in a worker thread on a connection in autocommit mode: every statement
    is a transaction of its own, so a read costs one round trip, without the BEGIN and COMMIT
    a transaction adds. Only for work whose statements each stand alone (reads, and a write
    that needs no other to be whole): the OCPP opening handshake, which a restart runs once
    per station within seconds."""

    def run() -> T:
        try:
            with sessions() as session:
                session.connection(execution_options={"isolation_level": "AUTOCOMMIT"})
                result = work(session)
                session.commit()  # flushes what work added; each statement commits by itself
                return result
        except DBAPIError:
            metrics.DATABASE_ERRORS.labels(where="ocpp").inc()
            raise

    return await asyncio.to_thread(run)


async def in_worker_transaction(sessions: sessionmaker[Session], work: Callable[[Session], T]) -> T:
    """`work(session)` in a worker thread, in one transaction committed when it returns (and
    rolled back when it raises): how the OCPP core runs database work off its event loop."""

    def run() -> T:
        try:
            with sessions.begin() as session:
                return work(session)
        except DBAPIError:
            metrics.DATABASE_ERRORS.labels(where="ocpp").inc()
            raise

    return await asyncio.to_thread(run)
