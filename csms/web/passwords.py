"""Password logins at the doors (the API's POST /api/v1/auth/token, the console's POST
/console/login): what keeps a flood of them from taking the process.

1. The throttle's memory (`Logins.refuse_early`), on the event loop: an account or address
   this process already knows to be throttled is refused without a thread or a query.
2. The gate: at most `CSMS_PASSWORD_HASH_CONCURRENCY` password logins of this process run in
   worker threads at once (each holds a thread and a database connection while argon2 runs).
   Up to `QUEUE_PER_SLOT` times as many more wait here, on the event loop, for at most
   `CSMS_PASSWORD_HASH_WAIT_SECONDS`; the rest are turned away at once (`PasswordHashingBusy`:
   503 with Retry-After). So a flood never fills the worker threads that every other request
   needs (`/health` included) and never queues without bound.
3. The service (auth/logins.py) checks the throttle in the database, then argon2 runs in one
   of the process-wide hashing slots (auth/passwords.py).

A refusal that cost nothing (a throttled attempt, a full queue) is answered after
`CSMS_LOGIN_REFUSAL_DELAY_SECONDS` (a sleeping coroutine, no thread): a guessing tool waits for
each answer before it sends the next, so this caps what each of its connections can make the
event loop do (50 connections: 100 refusals a second at the default 0.5 s, instead of more
than a thousand that left `/health` waiting behind them).
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import TypeVar

from fastapi import Request
from sqlalchemy.orm import Session

from auth.passwords import PasswordHashingBusy
from auth.throttle import LoginThrottled

from .context import container_of, in_transaction

T = TypeVar("T")
QUEUE_PER_SLOT = 8


class PasswordGate:
    """A bounded number of password logins at once, a bounded queue, a bounded wait."""

    def __init__(
        self, concurrency: int, wait_seconds: float, queue: int, refusal_delay: float = 0.0
    ) -> None:
        self._free = asyncio.Semaphore(concurrency)
        self._wait = wait_seconds
        self._queue = queue
        self.refusal_delay = refusal_delay
        self._waiting = 0

    async def run(self, work: Callable[[], Awaitable[T]]) -> T:
        if self._free.locked():
            if self._waiting >= self._queue:
                await asyncio.sleep(self.refusal_delay)
                raise PasswordHashingBusy()
            self._waiting += 1
            try:
                async with asyncio.timeout(self._wait):
                    await self._free.acquire()
            except TimeoutError:
                raise PasswordHashingBusy() from None
            finally:
                self._waiting -= 1
        else:
            await self._free.acquire()
        try:
            return await work()
        finally:
            self._free.release()


def gate_of(request: Request) -> PasswordGate:
    """The application's gate (one per app, so per event loop), made on first use."""
    gate = getattr(request.app.state, "password_gate", None)
    if not isinstance(gate, PasswordGate):
        settings = container_of(request).settings
        slots = settings.password_hash_concurrency
        gate = PasswordGate(
            slots,
            settings.password_hash_wait_seconds,
            QUEUE_PER_SLOT * slots,
            settings.login_refusal_delay_seconds,
        )
        request.app.state.password_gate = gate
    return gate


def client_address(request: Request) -> str | None:
    return request.client.host if request.client else None


async def password_login(
    request: Request, username: str, client: str | None, work: Callable[[Session], T]
) -> T:
    """`work(session)` (a service's password login) through the throttle's memory and the
    gate, in one transaction in a worker thread. Raises auth.throttle.LoginThrottled (429)
    or PasswordHashingBusy (503) for the door to answer."""
    gate = gate_of(request)
    try:
        container_of(request).logins.refuse_early(username, client)
        return await gate.run(lambda: in_transaction(request, work))
    except LoginThrottled:
        await asyncio.sleep(gate.refusal_delay)
        raise
