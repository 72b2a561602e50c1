"""Policies: the seed, changes through the API with audit, validation, and other processes
seeing a change within a second."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time

import pytest

from auth.policy import PolicyEngine, Rule, read_seed
from tests.auth.conftest import World

pytestmark = pytest.mark.postgres

GRANT = {"ptype": "p", "values": ["client", "*", "audit", "^read$", "any"]}


def test_seed_is_loaded_once(world: World) -> None:
    with world.client("admin") as client:
        rules = client.get("/api/v1/policies", params={"ptype": "p"}).json()
    seeded = [r for r in read_seed() if r.ptype == "p"]
    assert [tuple(r["values"]) for r in rules][: len(seeded)] == [r.values for r in seeded]


def test_policy_change_applies_at_once_and_is_audited(world: World) -> None:
    with world.client("client_x") as client_x, world.client("admin") as admin:
        assert client_x.get("/api/v1/audit").status_code == 403
        added = admin.post("/api/v1/policies", json=GRANT)
        assert added.status_code == 200 and added.json()["changed"] == 1
        assert client_x.get("/api/v1/audit").status_code == 200
        removed = admin.post("/api/v1/policies/remove", json=GRANT)
        assert removed.json()["changed"] == 1
        assert client_x.get("/api/v1/audit").status_code == 403
        events = admin.get("/api/v1/audit", params={"action": "policy."}).json()["items"]
    assert [e["action"] for e in events[:2]] == ["policy.removed", "policy.added"]
    assert events[0]["actor"] == "user:admin-1"
    assert events[0]["details"]["rule"] == GRANT


def test_role_assignment_through_the_policy_api(world: World) -> None:
    grant = {"ptype": "g", "values": ["driver-y", "technician", "*"]}
    with world.client("client_y") as client_y, world.client("admin") as admin:
        assert client_y.get("/api/v1/certificates").status_code == 403
        assert admin.post("/api/v1/policies", json=grant).status_code == 200
        assert client_y.get("/api/v1/certificates").status_code == 200
        assert "technician" in client_y.get("/api/v1/me").json()["roles"]
        assert admin.post("/api/v1/policies/remove", json=grant).status_code == 200
        assert client_y.get("/api/v1/certificates").status_code == 403


@pytest.mark.parametrize(
    "rule",
    [
        {"ptype": "p", "values": ["client", "*", "audit", "read", "any"]},  # unanchored
        {"ptype": "p", "values": ["client", "*", "audit", "^(read$", "any"]},  # not a regex
        {"ptype": "p", "values": ["client", "*", "audit", "^read$", "everything"]},
        {"ptype": "p", "values": ["client", "*", "audit"]},
        {"ptype": "g", "values": ["driver-y", "admin", "*", "extra"]},
        {"ptype": "p", "values": ["client", "*", "a,b", "^read$", "any"]},
    ],
)
def test_bad_rules_are_400(world: World, rule: dict) -> None:
    with world.client("admin") as admin:
        answer = admin.post("/api/v1/policies", json=rule)
    assert answer.status_code == 400, answer.text
    assert answer.json()["detail"]


def test_another_process_sees_a_change_within_a_second(world: World) -> None:
    """A second process changes the policy in the database; the served one (which polls the
    version row at most every 0.5 s) must follow within a second."""
    url = world.container.settings.resolved_database_url
    script = textwrap.dedent(
        f"""
        import sys
        from auth.policy import PolicyEngine, Rule
        from csms.database import make_engine, make_session_factory
        factory = make_session_factory(make_engine({url!r}))
        engine = PolicyEngine(factory)
        rule = Rule("p", ("client", "*", "audit", "^read$", "any"))
        with factory() as session, session.begin():
            engine.change(session, **{{sys.argv[1]: [rule]}})
        """
    )

    def other_process(verb: str) -> float:
        subprocess.run(
            [sys.executable, "-c", script, verb],
            check=True,
            env=dict(os.environ),
            cwd=os.path.dirname(os.path.dirname(os.path.dirname(__file__))),
        )
        return time.monotonic()

    def wait_for(client, status: int, since: float) -> float:  # type: ignore[no-untyped-def]
        while time.monotonic() - since < 3:
            if client.get("/api/v1/audit").status_code == status:
                return time.monotonic() - since
            time.sleep(0.02)
        raise AssertionError(f"no {status} within 3 s")

    with world.client("client_x") as client:
        assert client.get("/api/v1/audit").status_code == 403
        granted = wait_for(client, 200, other_process("add"))
        revoked = wait_for(client, 403, other_process("remove"))
    assert granted < 1.0
    assert revoked < 1.0


def test_engine_refuses_nothing_it_can_read(world: World) -> None:
    engine = PolicyEngine(world.container.session_factory)
    assert engine.decide("admin-1", "*", "anything", "whatever") == "any"
    assert engine.decide("staff-a", "Partner A", "stations", "read") == "tenant"
    assert engine.decide("driver-x", "*", "contracts", "read") == "own"
    assert engine.decide("driver-x", "*", "stations", "read") is None
    assert engine.decide_for_roles(("anonymous",), "*", "public_stations", "read") == "any"
    assert engine.decide_for_roles(("anonymous",), "*", "stations", "read") is None
    # A username is never a role, even one spelled like a role.
    assert engine.decide("anonymous", "*", "public_stations", "read") is None
    # A role in one tenant does not carry over to another.
    assert engine.decide("staff-a", "Partner B", "stations", "read") is None
    with world.container.session_factory() as session:
        assert Rule("g", ("staff-a", "partner", "Partner A")) in engine.rules(session)
