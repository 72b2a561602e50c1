"""Fixtures of the ISO 15118 EXI tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.iso15118.oracle import Oracle


@pytest.fixture(scope="session")
def exificient() -> Iterator[Oracle]:
    """EXIficient in its own venv; the setup script installs it (and Java) when missing, so
    the interop tests run everywhere, CI included, instead of skipping."""
    oracle = Oracle()
    yield oracle
    oracle.close()
