"""console_list_p95_ms: a console list page with 100,000 charging sessions and 10,000
stations on PostgreSQL, the whole request (login cookie, authorization, the service's
query with count, sort and page, the HTML), against its baseline: the same two SQL
statements (count and page) run directly in the same process.

    .venv/bin/python -m bench.console_list [--sessions 100000] [--stations 10000] [--samples 40]

Runs on a PostgreSQL of its own. Rows go straight into the tables (the OCPP path would take
an hour at this size). Requests go through the whole ASGI stack in-process (httpx's ASGI
transport), logged in as an admin through the console's login form (and as a partner for the
tenant-scoped figure). Each query is timed `--samples` times after a warm-up.
"""

from __future__ import annotations

import argparse
import asyncio
import re
import sys
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from tempfile import TemporaryDirectory
from typing import Any

sys.path.insert(0, ".")

from bench.common import emit, percentile, temporary_postgres

PASSWORD = "bench-password-123"
PARTNERS = 100
# The list requests an operator makes: the first page, a search, a filter, another sort, a
# deep page, a day range; the stations list plain, by state and searched; a partner's view.
QUERIES = {
    "sessions_first_page": "/console/admin/sessions",
    "sessions_search": "/console/admin/sessions?q=tx-0099",
    "sessions_by_station": "/console/admin/sessions?station_id=ST-01234",
    "sessions_by_energy": "/console/admin/sessions?sort=energy_wh&order=desc",
    "sessions_page_1000": "/console/admin/sessions?page=1000",
    "sessions_day_range": "/console/admin/sessions?since={since}&until={until}&state=ended",
    "stations_first_page": "/console/admin/stations",
    "stations_offline": "/console/admin/stations?state=offline&page=50",
    "stations_search": "/console/admin/stations?q=ST-0999",
}
PARTNER_QUERY = "/console/partner/sessions"


def populate(container: Any, stations: int, sessions: int) -> None:
    from sqlalchemy import insert

    from auth.models import Partner
    from csms.ocpp.db import ConnectorStatusRecord, StationRecord, TransactionRecord

    now = datetime.now(UTC)
    with container.session_factory() as session, session.begin():
        session.add_all(Partner(name=f"Partner {p:03d}", created_at=now) for p in range(PARTNERS))
        session.execute(
            insert(StationRecord),
            [
                {
                    "id": f"ST-{i:05d}",
                    "security_profile": 2,
                    "partner": f"Partner {i % PARTNERS:03d}",
                    "boot_policy": "accept",
                    "enabled": True,
                    "created_at": now - timedelta(days=400),
                    "last_seen_at": now - timedelta(minutes=i % 1440),
                    "last_ocpp_version": ("2.0.1", "1.6", "2.1")[i % 3],
                    "allow_v2g_without_tls": False,
                }
                for i in range(stations)
            ],
        )
        session.execute(
            insert(ConnectorStatusRecord),
            [
                {
                    "station_id": f"ST-{i:05d}",
                    "evse_id": 1,
                    "connector_id": 1,
                    "status": ("Available", "Occupied", "Faulted")[i % 3],
                    "reported_at": now,
                }
                for i in range(stations)
            ],
        )
        batch = []
        for i in range(sessions):
            started = now - timedelta(minutes=7 * i)
            batch.append(
                {
                    "station_id": f"ST-{i % stations:05d}",
                    "transaction_id": f"tx-{i:06d}",
                    "state": "ended" if i > 50 else "updated",
                    "started_at": started,
                    "updated_at": started + timedelta(minutes=40),
                    "ended_at": started + timedelta(minutes=40) if i > 50 else None,
                    "evse_id": 1,
                    "id_token": f"UZUPCC{i % 5000:09d}",
                    "id_token_type": "eMAID",
                    "last_seq_no": 3,
                    "meter_start_wh": 1000.0 * (i % 97),
                    "meter_last_wh": 1000.0 * (i % 97) + (i * 37) % 60_000,
                    "verified": True,
                }
            )
            if len(batch) == 10_000:
                session.execute(insert(TransactionRecord), batch)
                batch = []
        if batch:
            session.execute(insert(TransactionRecord), batch)
    with container.session_factory() as session, session.begin():
        from sqlalchemy import text

        session.execute(text("ANALYZE"))


async def login(client: Any, username: str) -> None:
    form = await client.get("/console/login")
    csrf = re.search(r'name="csrf" value="([^"]+)"', form.text)
    assert csrf is not None
    answer = await client.post(
        "/console/login",
        data={"username": username, "password": PASSWORD, "csrf": csrf.group(1), "next": "/"},
    )
    assert answer.status_code == 303, answer.text[:300]


async def time_pages(app: Any, username: str, paths: dict[str, str], samples: int) -> dict:  # type: ignore[type-arg]
    import httpx

    timings: dict[str, list[float]] = {}
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://bench") as client:
        await login(client, username)
        for name, path in paths.items():
            for _ in range(3):
                answer = await client.get(path)
                assert answer.status_code == 200, (path, answer.status_code, answer.text[:300])
                assert "list-summary" in answer.text
            timings[name] = []
            for _ in range(samples):
                start = time.perf_counter()
                answer = await client.get(path)
                timings[name].append((time.perf_counter() - start) * 1000)
                assert answer.status_code == 200
    return timings


def time_sql(container: Any, principal: Any, samples: int) -> list[float]:
    """The baseline: the first page's two statements (count, then the ordered page) straight
    through SQLAlchemy, no service, no authorization, no HTML."""
    from sqlalchemy import func, select

    from csms.ocpp.db import TransactionRecord

    timings = []
    for _ in range(samples):
        start = time.perf_counter()
        with container.session_factory() as session:
            session.scalar(select(func.count()).select_from(TransactionRecord))
            list(
                session.scalars(
                    select(TransactionRecord)
                    .order_by(TransactionRecord.started_at.desc(), TransactionRecord.id.desc())
                    .limit(50)
                )
            )
        timings.append((time.perf_counter() - start) * 1000)
    return timings


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sessions", type=int, default=100_000)
    parser.add_argument("--stations", type=int, default=10_000)
    parser.add_argument("--samples", type=int, default=40)
    args = parser.parse_args()

    from auth.principal import Principal
    from auth.users import add_user
    from csms.app import create_app
    from csms.container import build_container
    from csms.settings import Settings

    with temporary_postgres() as url, TemporaryDirectory() as tmp:
        settings = Settings(
            data_dir=Path(tmp),
            database_url=url,
            key_passphrase="bench-passphrase-not-secret",
            key_label_prefix=f"b{uuid.uuid4().hex[:8]}",
            token_key="b" * 48,
        )
        container = build_container(settings)
        started = time.perf_counter()
        populate(container, args.stations, args.sessions)
        load_s = time.perf_counter() - started
        with container.transaction() as session:
            add_user(
                session,
                container.policy,
                "bench-admin",
                role="admin",
                password=PASSWORD,
                actor="bench",
            )
            add_user(
                session,
                container.policy,
                "bench-partner",
                role="partner",
                partner="Partner 007",
                password=PASSWORD,
                actor="bench",
            )
        app = create_app(container)
        today = datetime.now(UTC).date()
        paths = {
            name: path.format(since=today - timedelta(days=30), until=today - timedelta(days=1))
            for name, path in QUERIES.items()
        }
        timings = asyncio.run(time_pages(app, "bench-admin", paths, args.samples))
        partner = asyncio.run(
            time_pages(app, "bench-partner", {"partner_sessions": PARTNER_QUERY}, args.samples)
        )
        timings.update(partner)
        baseline = time_sql(container, Principal.system("bench"), args.samples)
        baseline_p95 = percentile(baseline, 95)
        worst = max(percentile(t, 95) for t in timings.values())
        for name, values in timings.items():
            emit(
                f"console_list_p95_ms.{name}",
                percentile(values, 95),
                "ms",
                p50=percentile(values, 50),
                samples=len(values),
                baseline_sql_p95_ms=baseline_p95,
                ratio=percentile(values, 95) / baseline_p95,
            )
        emit(
            "console_list_p95_ms",
            worst,
            "ms",
            notes="the slowest of the list requests above (each its own p95)",
            sessions=args.sessions,
            stations=args.stations,
            target=300.0,
            baseline_sql_p95_ms=baseline_p95,
            ratio=worst / baseline_p95,
            populate_s=load_s,
        )
        container.close()


if __name__ == "__main__":
    main()
