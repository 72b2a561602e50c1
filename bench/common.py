"""Shared bits of the benchmarks: JSON-line figures and a throwaway PostgreSQL."""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager


def emit(figure: str, value: float, unit: str, **extra: object) -> None:
    """One figure as a JSON line: {"figure", "value", "unit", ...baseline/ratio/notes}."""
    record = {"figure": figure, "value": round(value, 4), "unit": unit}
    record.update({k: (round(v, 4) if isinstance(v, float) else v) for k, v in extra.items()})
    print(json.dumps(record), flush=True)


def rate(operation: Callable[[], object], *, seconds: float = 2.0, min_runs: int = 20) -> float:
    """Operations per second of `operation`, run back to back for about `seconds`."""
    operation()  # warm up
    runs = 0
    start = time.perf_counter()
    deadline = start + seconds
    while True:
        operation()
        runs += 1
        now = time.perf_counter()
        if now >= deadline and runs >= min_runs:
            return runs / (now - start)


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(p / 100 * (len(ordered) - 1))))
    return ordered[index]


@contextmanager
def temporary_postgres() -> Iterator[str]:
    """A PostgreSQL server of our own for the run (the test harness's, reused)."""
    sys.path.insert(0, ".")
    from tests.harness.postgres import find_bindir, shutdown, start_server

    bindir = find_bindir()
    if bindir is None:
        raise SystemExit("PostgreSQL binaries not found: run scripts/test.sh once to install")
    server = start_server(bindir)
    try:
        yield server.create_database()
    finally:
        shutdown(server)
