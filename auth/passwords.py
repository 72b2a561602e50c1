"""Password hashes: argon2id with parameters chosen for this product, and a process-wide bound
on how many hashes run at once.

Parameters (docs/security.md has the reasoning): 19 MiB of memory, 2 passes, one lane — the
OWASP baseline for argon2id, the same the OCPP core uses for station passwords. One hash takes
a few tens of milliseconds of one core, so a login stays quick and a process can afford a few
at once; an attacker who copied the table still pays 19 MiB and two passes per guess. The
library's default (64 MiB, 3 passes, 4 lanes) cost 64 MiB and four threads per login, which a
flood of 40 concurrent bad logins turned into 900 MiB and a stalled process.

Hashes made with other parameters (older ones, or before an operator changed
`CSMS_PASSWORD_HASH_*`) still verify, since each hash names its parameters; `needs_rehash`
tells a login to store a new hash of the password it just checked.

At most `concurrency` hashes (and verifications) run in a process at once; a caller beyond the
bound waits up to `wait_seconds` for a slot and then gets `PasswordHashingBusy`, so a flood
queues nothing without bound. The hashes run on `concurrency` threads of their own, whichever
thread asks: glibc gives each thread its own malloc arena and keeps a freed 19 MiB block in it,
so hashing on the 40 threads of a web server's pool kept up to 40 x 19 MiB resident although
only one hash ran at a time. On its own threads memory stays near `concurrency` x the cost.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from typing import TypeVar

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

T = TypeVar("T")
MIN_PASSWORD_LENGTH = 12
DEFAULT_MEMORY_KIB = 19 * 1024
DEFAULT_TIME_COST = 2
PARALLELISM = 1  # lanes per hash: one core each; concurrency comes from separate logins


class PasswordHashingBusy(Exception):
    """Every hashing slot stayed taken for the whole wait: try again in a moment."""

    retry_after = 1

    def __init__(self) -> None:
        super().__init__("password checks are busy; try again in a moment")


class PasswordHashing:
    """argon2id with fixed parameters behind a bounded number of slots."""

    def __init__(
        self,
        *,
        memory_kib: int = DEFAULT_MEMORY_KIB,
        time_cost: int = DEFAULT_TIME_COST,
        concurrency: int = 2,
        wait_seconds: float = 1.0,
    ) -> None:
        if concurrency < 1:
            raise ValueError("concurrency must be at least 1")
        self.memory_kib = memory_kib
        self.time_cost = time_cost
        self.concurrency = concurrency
        self.wait_seconds = wait_seconds
        self._hasher = PasswordHasher(
            time_cost=time_cost, memory_cost=memory_kib, parallelism=PARALLELISM
        )
        self._slots = threading.BoundedSemaphore(concurrency)
        # One thread per slot: a slot's holder hands its hash to them and waits.
        self._threads = ThreadPoolExecutor(concurrency, thread_name_prefix="argon2")
        self._dummy: str | None = None
        self._dummy_lock = threading.Lock()

    @property
    def settings(self) -> tuple[int, int, int, float]:
        return (self.memory_kib, self.time_cost, self.concurrency, self.wait_seconds)

    @contextmanager
    def slot(self) -> Iterator[None]:
        """One of the process's hashing slots, waited for at most `wait_seconds`."""
        if not self._slots.acquire(timeout=self.wait_seconds):
            raise PasswordHashingBusy()
        try:
            yield
        finally:
            self._slots.release()

    def _run(self, work: Callable[[], T]) -> T:
        """`work()` in a slot, on one of the hashing threads."""
        with self.slot():
            return self._threads.submit(work).result()

    def hash(self, password: str) -> str:
        """A new hash; ValueError for a password shorter than MIN_PASSWORD_LENGTH."""
        if len(password) < MIN_PASSWORD_LENGTH:
            raise ValueError(f"a password needs at least {MIN_PASSWORD_LENGTH} characters")
        return self.rehash(password)

    def rehash(self, password: str) -> str:
        """A new hash of a password that was just verified (no length rule: it is in use)."""
        return self._run(lambda: self._hasher.hash(password))

    def verify(self, stored_hash: str | None, password: str) -> bool:
        """Whether `password` matches; a missing hash costs as much time as a wrong password,
        so the answer's timing does not tell which accounts exist."""
        reference = stored_hash or self._dummy_hash()

        def check() -> bool:
            try:
                return self._hasher.verify(reference, password)
            except (VerificationError, InvalidHashError):
                return False

        return self._run(check) and stored_hash is not None

    def needs_rehash(self, stored_hash: str) -> bool:
        """Whether a hash was made with other parameters than these (no hashing involved)."""
        try:
            return self._hasher.check_needs_rehash(stored_hash)
        except (InvalidHashError, ValueError):
            return False

    def _dummy_hash(self) -> str:
        with self._dummy_lock:
            if self._dummy is None:
                self._dummy = self.rehash("not-a-real-password-only-for-timing")
            return self._dummy


_current = PasswordHashing()
_configure_lock = threading.Lock()


def configure(
    *, memory_kib: int, time_cost: int, concurrency: int, wait_seconds: float
) -> PasswordHashing:
    """Set the process's hashing (the composition root calls this with the settings). The
    slots are process-wide: an unchanged configuration keeps the same ones."""
    global _current
    with _configure_lock:
        wanted = (memory_kib, time_cost, concurrency, wait_seconds)
        if _current.settings != wanted:
            _current = PasswordHashing(
                memory_kib=memory_kib,
                time_cost=time_cost,
                concurrency=concurrency,
                wait_seconds=wait_seconds,
            )
        return _current


def current() -> PasswordHashing:
    return _current


def hash_password(password: str) -> str:
    return _current.hash(password)


def verify_password(stored_hash: str | None, password: str) -> bool:
    return _current.verify(stored_hash, password)


def needs_rehash(stored_hash: str) -> bool:
    return _current.needs_rehash(stored_hash)


def rehash_password(password: str) -> str:
    return _current.rehash(password)
