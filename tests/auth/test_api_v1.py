"""One API under /api/v1 (issue 16): paged lists with the console's search, filters and
sorting; a list asked for wrongly is a 400 with the reason; every path before v1 answers 308
to its successor and says it is deprecated; one naming convention (snake_case) in what the
OpenAPI document declares."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest

from csms.ocpp.db import SecurityEventRecord, TransactionRecord
from tests.auth.conftest import World

pytestmark = pytest.mark.postgres


@pytest.fixture(scope="module")
def sessions(world: World) -> None:
    now = datetime.now(UTC)
    with world.container.transaction() as session:
        for i in range(7):
            station = "ST-A-1" if i < 4 else "ST-B-1"
            session.add(
                TransactionRecord(
                    station_id=station, transaction_id=f"v1-tx-{i}", state="ended",
                    started_at=now - timedelta(days=i), updated_at=now - timedelta(days=i),
                    ended_at=now - timedelta(days=i), evse_id=1, meter_start_wh=0.0,
                    meter_last_wh=1000.0 * i,
                )
            )  # fmt: skip
        session.add(
            SecurityEventRecord(
                station_id="ST-B-1", type="TamperDetectionActivated", tech_info="v1 test",
                occurred_at=now, received_at=now,
            )
        )  # fmt: skip


def test_a_list_is_a_page_searched_filtered_and_sorted_on_the_server(
    world: World, sessions: None
) -> None:
    with world.client("admin") as admin:
        first = admin.get(
            "/api/v1/sessions", params={"q": "v1-tx-", "sort": "energy_wh", "per_page": 3}
        ).json()
        assert (first["total"], first["pages"], first["page"], first["per_page"]) == (7, 3, 1, 3)
        assert first["sort"] == "energy_wh" and first["order"] == "desc"
        assert [s["energy_wh"] for s in first["items"]] == [6000.0, 5000.0, 4000.0]
        last = admin.get(
            "/api/v1/sessions",
            params={"q": "v1-tx-", "sort": "energy_wh", "order": "asc", "per_page": 3, "page": 3},
        ).json()
        assert [s["transaction_id"] for s in last["items"]] == ["v1-tx-6"]
        at_a = admin.get("/api/v1/sessions", params={"q": "v1-tx-", "station_id": "ST-A-1"})
        assert at_a.json()["total"] == 4
        since = (datetime.now(UTC) - timedelta(days=1, hours=1)).isoformat()
        recent = admin.get("/api/v1/sessions", params={"q": "v1-tx-", "since": since}).json()
        assert {s["transaction_id"] for s in recent["items"]} == {"v1-tx-0", "v1-tx-1"}
        events = admin.get("/api/v1/security-events", params={"type": "TamperDetectionActivated"})
        assert [e["tech_info"] for e in events.json()["items"]] == ["v1 test"]
        for bad in ({"sort": "password_hash"}, {"colour": "red"}, {"state": "flying"}):
            refused = admin.get("/api/v1/sessions", params=bad)
            assert refused.status_code == 400, bad
            assert refused.json()["detail"]  # the reason, in words
        assert admin.get("/api/v1/sessions", params={"per_page": 1000}).status_code == 422
    with world.client("partner_b") as partner:
        own = partner.get("/api/v1/sessions", params={"q": "v1-tx-"}).json()
        assert own["total"] == 3 and {s["station_id"] for s in own["items"]} == {"ST-B-1"}
        # Another partner's station: not found, whatever the filter says.
        assert partner.get("/api/v1/stations/ST-A-1/sessions").status_code == 404


def test_every_path_before_v1_answers_308_to_its_successor(world: World) -> None:
    moves = {
        "/api/stations?limit=5": "/api/v1/stations?limit=5",
        "/api/ocpp/stations/ST-A-1": "/api/v1/stations/ST-A-1",
        "/api/ocpp/stations/ST-A-1/transactions": "/api/v1/stations/ST-A-1/sessions",
        "/api/ocpp/trust-store/drifted": "/api/v1/trust-store/drifted",
        "/api/audit": "/api/v1/audit",
    }
    with world.client("admin") as admin:
        for old, new in moves.items():
            answer = admin.get(old)
            assert answer.status_code == 308, old
            assert answer.headers["location"] == new
            assert answer.headers["deprecation"] == "true"
            assert f"<{new}>" in answer.headers["link"]
        posted = admin.post("/api/auth/token", data={"username": "x", "password": "y"})
        assert posted.status_code == 308  # a POST keeps its method and body through a 308
        assert admin.get("/api/v1/no-such-thing").status_code == 404
        followed = admin.get("/api/ocpp/stations/ST-A-1", follow_redirects=True)
        assert followed.status_code == 200 and followed.json()["id"] == "ST-A-1"


def test_the_openapi_document_speaks_one_convention(world: World) -> None:
    with world.client() as client:
        document = client.get("/openapi.json").json()
    paths = [p for p in document["paths"] if p.startswith("/api/")]
    assert paths and all(p.startswith("/api/v1/") for p in paths)
    camel = re.compile(r"^[a-z]+[A-Z]")
    names = [
        name
        for schema in document["components"]["schemas"].values()
        for name in schema.get("properties", {})
        if camel.match(name)
    ]
    assert names == [], names
    parameters = [
        parameter["name"]
        for operations in document["paths"].values()
        for operation in operations.values()
        for parameter in operation.get("parameters", [])
        if camel.match(parameter["name"])
    ]
    assert parameters == [], parameters
