"""authz_p99_ms: the authorization decision with 10,000 users and 1,000 partners, and the
whole authorized request's overhead against an open endpoint.

    .venv/bin/python -m bench.authz_decision [--users 10000] [--partners 1000]

Runs on a PostgreSQL of its own. Decisions are timed one by one over a random mix of users
(admins, technicians, partner staff in 1,000 tenants, drivers), objects and actions, half of
them denied (the slowest path: every scope is tried). Requests go through the whole ASGI
stack in-process (httpx's ASGI transport), so the network does not blur the difference.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import sys
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path
from tempfile import TemporaryDirectory

sys.path.insert(0, ".")

from bench.common import emit, percentile, temporary_postgres

OBJECTS = ("stations", "contracts", "users", "policies", "certificates", "sessions", "me")
ACTIONS = ("read", "create", "delete", "terminate")


def populate(container, users: int, partners: int) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    """Bulk rows straight into the tables (the API path would take minutes at this size)."""
    from sqlalchemy import update

    from auth.models import CasbinRule, Partner, PolicyVersion, User

    now = datetime.now(UTC)
    names = [f"Partner {i:04d}" for i in range(partners)]
    subjects: list[tuple[str, str]] = []
    with container.session_factory() as session, session.begin():
        session.add_all(Partner(name=n, created_at=now) for n in names)
        rules = []
        user_rows = []
        for i in range(users):
            role = ("client", "client", "partner", "technician", "admin")[i % 5]
            partner = names[i % partners] if role == "partner" else None
            username = f"user-{i:05d}"
            user_rows.append(User(username=username, partner=partner, active=True, created_at=now))
            rules.append(
                CasbinRule(ptype="g", v0=username, v1=role, v2=partner or "*", v3="", v4="", v5="")
            )
            subjects.append((username, partner or "*"))
        session.add_all(user_rows)
        session.add_all(rules)
        session.execute(update(PolicyVersion).values(version=PolicyVersion.version + 1))
    return subjects


def time_decisions(access, subjects, samples: int) -> list[float]:  # type: ignore[no-untyped-def]
    """The decision every service asks for (auth.access.AccessControl), with the user's roles
    looked up in the tenant as a login does."""
    from auth.principal import Permission, Principal

    rng = random.Random(7)
    timings = []
    for _ in range(samples):
        username, domain = rng.choice(subjects)
        permission = Permission(rng.choice(OBJECTS), rng.choice(ACTIONS))
        partner = None if domain == "*" else domain
        start = time.perf_counter()
        roles = access.roles_of(username, domain)
        access.decide(Principal(username, None, partner, roles), permission)
        timings.append((time.perf_counter() - start) * 1000)
    return timings


def time_engine(engine, subjects, samples: int) -> list[float]:  # type: ignore[no-untyped-def]
    """The policy engine's decision alone (`PolicyEngine.decide`: roles in the tenant, then the
    cached Casbin answer), what `authz_p99_ms` measured before the services existed."""
    rng = random.Random(7)
    timings = []
    for _ in range(samples):
        username, domain = rng.choice(subjects)
        obj, action = rng.choice(OBJECTS), rng.choice(ACTIONS)
        start = time.perf_counter()
        engine.decide(username, domain, obj, action)
        timings.append((time.perf_counter() - start) * 1000)
    return timings


async def time_requests(app, path: str, headers: dict[str, str], samples: int) -> list[float]:  # type: ignore[no-untyped-def]
    import httpx

    transport = httpx.ASGITransport(app=app)
    timings = []
    async with httpx.AsyncClient(transport=transport, base_url="http://bench") as client:
        for _ in range(50):
            assert (await client.get(path, headers=headers)).status_code == 200
        for _ in range(samples):
            start = time.perf_counter()
            answer = await client.get(path, headers=headers)
            timings.append((time.perf_counter() - start) * 1000)
            assert answer.status_code == 200
    return timings


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--users", type=int, default=10_000)
    parser.add_argument("--partners", type=int, default=1_000)
    parser.add_argument("--samples", type=int, default=20_000)
    parser.add_argument("--requests", type=int, default=2_000)
    args = parser.parse_args()

    from auth.access import AccessControl
    from auth.policy import PolicyEngine
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
        subjects = populate(container, args.users, args.partners)
        started = time.perf_counter()
        engine = PolicyEngine(container.session_factory)
        load_ms = (time.perf_counter() - started) * 1000
        with container.session_factory() as session:
            rows = len(engine.rules(session))
        timings = time_decisions(AccessControl(engine), subjects, args.samples)
        emit(
            "authz_p99_ms",
            percentile(timings, 99),
            "ms",
            p50=percentile(timings, 50),
            max=max(timings),
            samples=len(timings),
            users=args.users,
            partners=args.partners,
            policy_rows=rows,
            target=1.0,
        )
        engine_timings = time_engine(engine, subjects, args.samples)
        emit(
            "authz_engine_p99_ms",
            percentile(engine_timings, 99),
            "ms",
            p50=percentile(engine_timings, 50),
            max=max(engine_timings),
            samples=len(engine_timings),
            notes="PolicyEngine.decide alone: the call authz_p99_ms timed before the services",
        )
        emit(
            "authz_policy_load_ms",
            load_ms,
            "ms",
            policy_rows=rows,
            notes="full reload after a change (this process at once, others within 0.5 s)",
        )

        # The whole request: an open endpoint, the same scoped endpoint anonymous (decision
        # only) and with a bearer token (JWT check + session lookup + decision).
        # add_user reloads the container's policy once the transaction has committed.
        with container.transaction() as session:
            add_user(
                session,
                container.policy,
                "bench-driver",
                role="client",
                password="bench-password-123",
                actor="bench",
            )
        with container.transaction() as session:
            from sqlalchemy import select

            from auth.models import User

            driver = session.scalar(select(User).where(User.username == "bench-driver"))
            pair = container.tokens.open_api_session(session, driver)
        app = create_app(container)
        bearer = {"Authorization": f"Bearer {pair.access_token}"}
        open_ms = asyncio.run(time_requests(app, "/health", {}, args.requests))
        me_ms = asyncio.run(time_requests(app, "/api/v1/me", bearer, args.requests))
        anon_ms = asyncio.run(
            time_requests(app, "/api/v1/public/stations?limit=1", {}, args.requests)
        )
        auth_ms = asyncio.run(
            time_requests(app, "/api/v1/public/stations?limit=1", bearer, args.requests)
        )
        emit(
            "request_open_p50_ms",
            percentile(open_ms, 50),
            "ms",
            p99=percentile(open_ms, 99),
            path="/health",
        )
        emit(
            "request_me_p50_ms",
            percentile(me_ms, 50),
            "ms",
            p99=percentile(me_ms, 99),
            path="/api/v1/me (bearer)",
            overhead_vs_open_p50=percentile(me_ms, 50) - percentile(open_ms, 50),
        )
        emit(
            "request_authenticated_overhead_p50_ms",
            percentile(auth_ms, 50) - percentile(anon_ms, 50),
            "ms",
            anonymous_p50=percentile(anon_ms, 50),
            bearer_p50=percentile(auth_ms, 50),
            bearer_p99=percentile(auth_ms, 99),
            path="/api/v1/public/stations?limit=1",
        )
        container.close()


if __name__ == "__main__":
    main()
