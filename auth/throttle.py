"""The password-login throttle: failures per account and per client address, in a sliding
window, kept in the database so every process of an installation counts the same failures.

- Each failed password login adds one row for the account name tried (whether or not such an
  account exists, so the answer says nothing about which ones do) and one for the client's
  address (an IPv6 client counts by its /64, which one subscriber usually holds whole).
- A login is refused (`LoginThrottled`, 429 with Retry-After at the doors) while either key has
  `limit` failures within the last `window`, before any password hash runs; it lifts when the
  oldest of those leaves the window. Refused attempts add no rows, so a flood cannot grow the
  table: each key holds at most about `limit` rows, and rows older than the window are pruned.
- Each process remembers the blocks it has seen, so a flood from one address is refused from
  memory, on the event loop, without a thread or a query (`refuse_early`). An account's block
  is remembered for a few seconds only, so `csms user reset-password` (which clears the
  account's failures) takes effect everywhere at once.
- Successful logins clear nothing: otherwise a script logging in every minute would give a
  guesser a fresh allowance every minute.

An attacker can keep one account's password login closed by failing on it `limit` times per
window; that is the price of stopping guessing from many addresses. MyID login is not
affected, and the account's owner or an admin can reset the password.
"""

from __future__ import annotations

import ipaddress
import math
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from .audit import record_event
from .models import LoginFailure

ACCOUNT = "account"
ADDRESS = "address"
ACCOUNT_MEMORY_SECONDS = 5.0  # how long a process trusts its memory of an account's block
MEMORY_LIMIT = 10_000  # remembered blocks per process, at most
PRUNE_EVERY_SECONDS = 60.0


class LoginThrottled(Exception):
    """Too many failed logins for this account or from this address; `retry_after` seconds
    until the next attempt may be judged."""

    def __init__(self, retry_after: int) -> None:
        super().__init__("too many failed logins; try again later")
        self.retry_after = max(1, retry_after)


@dataclass(frozen=True)
class ThrottleRules:
    per_account: int = 10
    per_address: int = 30
    window: timedelta = timedelta(minutes=15)


def address_key(client: str | None) -> str | None:
    """The key an address counts under: IPv4 as it is, IPv6 by its /64; None when there is
    no usable address (a local test client, a Unix socket)."""
    if not client:
        return None
    try:
        address = ipaddress.ip_address(client)
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            return str(address.ipv4_mapped)
        return str(ipaddress.IPv6Network((address, 64), strict=False))
    return str(address)


class LoginThrottle:
    def __init__(
        self,
        rules: ThrottleRules | None = None,
        *,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.rules = rules or ThrottleRules()
        self._clock = clock
        self._blocked: dict[tuple[str, str], float] = {}  # key -> monotonic deadline
        self._lock = threading.Lock()
        self._pruned_at = 0.0

    def _keys(self, username: str, client: str | None) -> list[tuple[str, str, int]]:
        keys = [(ACCOUNT, username[:160], self.rules.per_account)]
        address = address_key(client)
        if address is not None:
            keys.append((ADDRESS, address, self.rules.per_address))
        return keys

    # --- from memory (cheap enough for an event loop) -----------------------------------------

    def refuse_early(self, username: str, client: str | None) -> None:
        """LoginThrottled if this process already knows the attempt would be refused."""
        now = time.monotonic()
        with self._lock:
            waits = [
                self._blocked.get((kind, key), 0.0) - now
                for kind, key, _limit in self._keys(username, client)
            ]
        longest = max(waits)
        if longest > 0:
            raise LoginThrottled(math.ceil(longest))

    def _remember(self, kind: str, key: str, seconds: float) -> None:
        memory = min(seconds, ACCOUNT_MEMORY_SECONDS) if kind == ACCOUNT else seconds
        now = time.monotonic()
        with self._lock:
            if len(self._blocked) >= MEMORY_LIMIT:
                self._blocked = {k: v for k, v in self._blocked.items() if v > now}
                if len(self._blocked) >= MEMORY_LIMIT:
                    self._blocked.clear()
            self._blocked[(kind, key)] = now + memory

    def forget_account(self, username: str) -> None:
        with self._lock:
            self._blocked.pop((ACCOUNT, username[:160]), None)

    # --- from the database (the shared truth) -------------------------------------------------

    def _blocked_for(self, session: Session, kind: str, key: str, limit: int) -> float:
        """Seconds until `key` may fail again (0 when it may now): the `limit`-th newest
        failure in the window leaves it then."""
        now = self._clock()
        since = now - self.rules.window
        found = session.scalar(
            select(LoginFailure.at)
            .where(LoginFailure.kind == kind, LoginFailure.key == key, LoginFailure.at > since)
            .order_by(LoginFailure.at.desc())
            .limit(1)
            .offset(limit - 1)
        )
        if found is None:
            return 0.0
        return max(0.0, (found + self.rules.window - now).total_seconds())

    def check(self, session: Session, username: str, client: str | None) -> None:
        """LoginThrottled if the account or the address has too many recent failures."""
        longest = 0.0
        for kind, key, limit in self._keys(username, client):
            seconds = self._blocked_for(session, kind, key, limit)
            if seconds > 0:
                self._remember(kind, key, seconds)
                longest = max(longest, seconds)
        if longest > 0:
            raise LoginThrottled(math.ceil(longest))

    def failed(self, session: Session, username: str, client: str | None) -> None:
        """Count a failed login in the caller's transaction; the attempt that closes a key is
        audited (`login.throttled`)."""
        now = self._clock()
        keys = self._keys(username, client)
        session.add_all(LoginFailure(kind=kind, key=key, at=now) for kind, key, _limit in keys)
        session.flush()
        for kind, key, limit in keys:
            seconds = self._blocked_for(session, kind, key, limit)
            if seconds > 0:
                self._remember(kind, key, seconds)
                record_event(
                    session,
                    actor=f"user:{username}" if kind == ACCOUNT else "anonymous",
                    action="login.throttled",
                    kind=kind,
                    key=key,
                    seconds=math.ceil(seconds),
                )
        self._prune(session, now)

    def clear_account(self, session: Session, username: str) -> None:
        """Forget an account's failures (a password reset gives its owner a fresh start)."""
        session.execute(
            delete(LoginFailure).where(
                LoginFailure.kind == ACCOUNT, LoginFailure.key == username[:160]
            )
        )
        self.forget_account(username)

    def _prune(self, session: Session, now: datetime) -> None:
        moment = time.monotonic()
        if moment - self._pruned_at < PRUNE_EVERY_SECONDS:
            return
        self._pruned_at = moment
        session.execute(delete(LoginFailure).where(LoginFailure.at <= now - self.rules.window))
