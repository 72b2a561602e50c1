"""The container behind an HTTP request, and service calls in a worker thread.

Services are synchronous (SQLAlchemy sessions, argon2, signatures); an HTTP handler runs them
off its event loop, in one transaction it owns:

    view = await in_transaction(request, lambda s: c.users.get_user(s, principal, name))
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from fastapi import Request
from fastapi.concurrency import run_in_threadpool
from sqlalchemy.orm import Session

from ..container import Container

T = TypeVar("T")


def container_of(request: Request) -> Container:
    container = request.app.state.container
    assert isinstance(container, Container)
    return container


async def in_transaction(request: Request, work: Callable[[Session], T]) -> T:
    """`work(session)` in a worker thread, in a transaction committed when it returns (and
    rolled back when it raises)."""
    sessions = container_of(request).session_factory

    def run() -> T:
        with sessions.begin() as session:
            return work(session)

    return await run_in_threadpool(run)
