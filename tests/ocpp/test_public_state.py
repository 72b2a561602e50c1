"""What a driver sees of a station: free, all busy, or out of service (a station that never
reported, or whose connectors are faulted, is not "busy")."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from csms.ocpp.service import PublicStation


@pytest.mark.parametrize(
    ("statuses", "state"),
    [
        (["Available", "Occupied"], "available"),
        (["Occupied", "Reserved"], "busy"),
        (["Occupied", "Faulted"], "busy"),
        (["Faulted", "Unavailable"], "out_of_service"),
        ([], "out_of_service"),  # never reported its connectors
    ],
)
def test_the_state_a_driver_sees(statuses: list[str], state: str) -> None:
    connectors = [SimpleNamespace(status=s) for s in statuses]
    assert PublicStation("S", connectors).state == state  # type: ignore[arg-type]
