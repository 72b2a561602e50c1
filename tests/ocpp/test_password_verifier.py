"""Station passwords: argon2id once, then a keyed verifier, in the station's row, that every
node and every restart can use; never admitting what argon2 would refuse."""

from __future__ import annotations

from pathlib import Path

import pytest

from csms.container import build_container
from csms.ocpp import stations as stations_module
from csms.ocpp.stations import StationRegistry
from csms.settings import Settings

PASSWORD = "verifier-station-password-01"


@pytest.fixture
def argon2_calls(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Counts argon2 verifications (the real ones still run)."""
    calls: list[str] = []
    real = stations_module._HASHER

    class Counting:
        def hash(self, password: str) -> str:
            return real.hash(password)

        def verify(self, stored: str, password: str) -> bool:
            calls.append(password)
            return real.verify(stored, password)

    monkeypatch.setattr(stations_module, "_HASHER", Counting())
    return calls


def test_one_argon2_check_then_the_verifier_serves_every_node(
    tmp_path: Path, argon2_calls: list[str]
) -> None:
    container = build_container(Settings(data_dir=tmp_path / "var"))
    registry = container.ocpp.registry
    with container.transaction() as session:
        registry.add(session, "PV-1", security_profile=1, actor="test", password=PASSWORD)
    with container.transaction() as session:
        station = registry.get(session, "PV-1")
        assert station is not None and station.password_verifier is None
        assert registry.check_password(station, PASSWORD, session)
    assert argon2_calls == [PASSWORD]
    with container.transaction() as session:
        station = registry.get(session, "PV-1")
        assert station is not None and station.password_verifier is not None

    # Another node (or this one after a restart): same key, nothing in memory.
    other = StationRegistry(verifier_key=registry._key)
    with container.transaction() as session:
        station = registry.get(session, "PV-1")
        assert station is not None
        assert other.check_password(station, PASSWORD, session)
        assert argon2_calls == [PASSWORD]  # no argon2: the verifier did it
        # A wrong password is never let in by the verifier: argon2 refuses it.
        assert not other.check_password(station, PASSWORD + "x", session)
        assert argon2_calls == [PASSWORD, PASSWORD + "x"]

    # A rotated key: the verifier no longer matches, argon2 decides, a new verifier is kept.
    rotated = StationRegistry(verifier_key=b"k" * 32)
    with container.transaction() as session:
        station = registry.get(session, "PV-1")
        assert station is not None
        old_verifier = station.password_verifier
        assert rotated.check_password(station, PASSWORD, session)
    with container.transaction() as session:
        station = registry.get(session, "PV-1")
        assert station is not None and station.password_verifier not in (None, old_verifier)

    # A new password: the old verifier is gone with the old hash.
    with container.transaction() as session:
        registry.update(session, "PV-1", actor="test", password="a-new-station-password-02")
    with container.transaction() as session:
        station = registry.get(session, "PV-1")
        assert station is not None and station.password_verifier is None
        assert not StationRegistry(verifier_key=registry._key).check_password(
            station, PASSWORD, session
        )
    container.close()
