"""`GET /ready`: may this node take traffic? `GET /health` only says the process answers.

Ready means: the database answers (within its connect timeout), its schema is at the newest
migration this code knows (a node of a newer release waits for the migration; one of an older
release is not ready against a newer schema it does not know), and every CA's key opens and
matches its certificate (the key store's passphrase or PKCS#11 token is right). A load
balancer or Kubernetes takes the node out while any of these fails, and back when it passes.
"""

from __future__ import annotations

from functools import cache

from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import text

from .container import Container
from .database import alembic_config


@cache
def _code_heads(url: str) -> frozenset[str]:
    return frozenset(ScriptDirectory.from_config(alembic_config(url)).get_heads())


def failed_checks(container: Container) -> dict[str, str]:
    """What keeps this node from being ready, by check (empty: ready). Blocking: run it in a
    worker thread."""
    failed: dict[str, str] = {}
    try:
        with container.engine.connect() as connection:
            connection.execute(text("SELECT 1"))
            current = frozenset(MigrationContext.configure(connection).get_current_heads())
        expected = _code_heads(container.settings.resolved_database_url)
        if current != expected:
            failed["migrations"] = (
                f"schema at {sorted(current) or 'nothing'}, this code expects {sorted(expected)}"
            )
    except Exception as exc:
        failed["database"] = _first_line(exc)
    try:
        container.ca.check_keys()
    except Exception as exc:
        failed["ca_keys"] = _first_line(exc)
    return failed


def _first_line(exc: BaseException) -> str:
    cause = getattr(exc, "orig", None) or exc
    lines = [line.strip() for line in str(cause).splitlines() if line.strip()]
    return (lines[0] if lines else type(cause).__name__)[:200]
