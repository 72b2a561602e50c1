"""Issue 12, item 7, at the REST and CLI doors: references must exist.

Before issue 12 `"owner": "ghost"` and `"partner": "Nope2"` answered 201, the CLI made a
contract for nobody, and a second owner's contract for a car that already had one was created
beside it (these tests fail there). A contract without a car was already refused at the REST
door (the body's schema); the service took it from the CLI (tests/contracts/
test_car_ownership.py::test_references_must_exist covers that).
"""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from csms.cli import main
from tests.auth.conftest import PCID_X, World

pytestmark = [pytest.mark.postgres]


def test_a_contract_for_a_user_who_does_not_exist_is_refused(world: World) -> None:
    with world.client("admin") as client:
        ghost = client.post(
            "/api/v1/contracts", json={"pcid": "ZZ00000REFERENC01", "owner": "ghost"}
        )
    assert ghost.status_code == 400, ghost.text
    assert "ghost" in ghost.json()["detail"]


def test_a_contract_needs_its_car(world: World) -> None:
    with world.client("admin") as client:
        carless = client.post("/api/v1/contracts", json={"owner": "driver-x"})
    assert carless.status_code == 422, carless.text
    assert any(error["loc"][-1] == "pcid" for error in carless.json()["detail"])


def test_one_owner_per_car(world: World) -> None:
    """driver-x's car, asked for by the admin for driver-y: a conflict, not a second owner."""
    with world.client("admin") as client:
        second = client.post("/api/v1/contracts", json={"pcid": PCID_X, "owner": "driver-y"})
        mine = client.get(f"/api/v1/contracts/{world.facts['emaid_x']}")
    assert second.status_code == 409, second.text
    assert mine.status_code == 200  # the owner's contract is untouched


def test_a_station_for_a_partner_that_does_not_exist_is_refused(world: World) -> None:
    with world.client("admin") as client:
        nope = client.post(
            "/api/v1/stations", json={"id": "ST-NOPE2", "security_profile": 2, "partner": "Nope2"}
        )
        listed = client.get("/api/v1/stations/ST-NOPE2")
    assert nope.status_code == 400, nope.text
    assert "Nope2" in nope.json()["detail"]
    assert listed.status_code == 404  # nothing was stored


def test_the_cli_refuses_a_contract_for_nobody(world: World, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    settings = world.container.settings
    for name in ("database_url", "data_dir", "key_passphrase", "key_label_prefix", "token_key"):
        monkeypatch.setenv(f"CSMS_{name.upper()}", str(getattr(settings, name)))
    result = CliRunner().invoke(
        main, ["contract", "create", "--pcid", "ZZ00000REFERENC02", "--owner", "nobody"]
    )
    assert result.exit_code == 1
    assert result.output == "error: no user 'nobody' to own the contract [owner_unknown]\n"
