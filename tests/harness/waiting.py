"""Waiting for something another process does: poll until done, then hand back what was read
(the caller asserts on it, so a timeout fails with the last value in the message)."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def eventually(
    read: Callable[[], T], done: Callable[[T], bool], seconds: float = 30, every: float = 0.1
) -> T:
    deadline = time.monotonic() + seconds
    while True:
        value = read()
        if done(value) or time.monotonic() > deadline:
            return value
        time.sleep(every)
