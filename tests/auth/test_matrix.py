"""The role x endpoint matrix, generated: every API route, every role, the status it must get.

Rows name who is allowed and what they get; everyone else gets 403 (401 when anonymous).
Guessed IDs of another tenant's rows answer 404, exactly like IDs that do not exist.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

import pytest

from tests.auth.conftest import PASSWORD, PCID_X, ROLES, World
from tests.auth.test_schemathesis import STATION_COMMANDS

pytestmark = pytest.mark.postgres

LOGGED_IN = ("admin", "technician", "partner_a", "partner_b", "client_x", "client_y")
EVERYONE = (*LOGGED_IN, "anonymous")


@dataclass(frozen=True)
class Row:
    method: str
    template: str  # the route as FastAPI declares it
    path: str  # with IDs filled in; {role} and {n} are replaced per role
    allowed: dict[str, int]
    body: dict[str, Any] | None = field(default=None)


def allow(status: int, *roles: str) -> dict[str, int]:
    return dict.fromkeys(roles, status)


ROWS = [
    Row("GET", "/api/v1/me", "/api/v1/me", allow(200, *LOGGED_IN)),
    Row(
        "GET",
        "/api/v1/pnc-diagnostics",
        "/api/v1/pnc-diagnostics",
        allow(200, "admin", "partner_a", "partner_b", "client_x", "client_y"),
    ),
    Row(
        "GET",
        "/api/v1/pnc-diagnostics/{record_id}",
        "/api/v1/pnc-diagnostics/999999",
        allow(404, "admin", "partner_a", "partner_b", "client_x", "client_y"),
    ),
    Row("GET", "/api/v1/users", "/api/v1/users", allow(200, "admin")),
    Row("GET", "/api/v1/users/{username}", "/api/v1/users/driver-x", allow(200, "admin")),
    Row(
        "POST",
        "/api/v1/users",
        "/api/v1/users",
        allow(201, "admin"),
        {"username": "new-{role}", "role": "client", "password": PASSWORD},
    ),
    Row("DELETE", "/api/v1/users/{username}", "/api/v1/users/nobody-here", allow(404, "admin")),
    Row(
        "POST",
        "/api/v1/users/{username}/role",
        "/api/v1/users/nobody-here/role",
        allow(404, "admin"),
        {"role": "client"},
    ),
    Row(
        "POST",
        "/api/v1/users/{username}/password",
        "/api/v1/users/nobody-here/password",
        allow(404, "admin"),
    ),
    Row("GET", "/api/v1/trust", "/api/v1/trust", allow(200, "admin")),
    Row(
        "POST",
        "/api/v1/trust",
        "/api/v1/trust",
        allow(400, "admin"),
        {"kind": "oem-root", "pem": "not a certificate"},
    ),
    Row("DELETE", "/api/v1/trust/{fingerprint}", "/api/v1/trust/" + "0" * 64, allow(404, "admin")),
    Row(
        "POST",
        "/api/v1/trust/{fingerprint}/distrust",
        "/api/v1/trust/" + "0" * 64 + "/distrust",
        allow(404, "admin"),
        {"reason": "test"},
    ),
    Row(
        "POST",
        "/api/v1/trust/{fingerprint}/restore",
        "/api/v1/trust/" + "0" * 64 + "/restore",
        allow(404, "admin"),
    ),
    Row(
        "POST",
        "/api/v1/trust/cross",
        "/api/v1/trust/cross",
        allow(400, "admin"),
        {"pem": "not a cert"},
    ),
    Row(
        "POST", "/api/v1/trust/sync-rcp", "/api/v1/trust/sync-rcp", allow(400, "admin")
    ),  # OPCP off
    Row(
        "GET",
        "/api/v1/pki/expiry",
        "/api/v1/pki/expiry",
        allow(200, "admin", "technician", "partner_a", "partner_b"),
    ),
    Row("GET", "/api/v1/pki/csms-root", "/api/v1/pki/csms-root", allow(200, "admin")),
    # No rotation under way: the next step is begin, so switch is a 409 for the admin.
    Row(
        "POST", "/api/v1/pki/csms-root/{step}", "/api/v1/pki/csms-root/switch", allow(409, "admin")
    ),
    Row(
        "GET",
        "/api/v1/pki/sub-ca/{name}/csr",
        "/api/v1/pki/sub-ca/no-such-ca/csr",
        allow(404, "admin"),
    ),
    Row(
        "POST",
        "/api/v1/pki/sub-ca/{name}/certificates",
        "/api/v1/pki/sub-ca/no-such-ca/certificates",
        allow(404, "admin"),
        {"pem": "not a cert"},
    ),
    Row(
        "GET", "/api/v1/partners", "/api/v1/partners", allow(200, "admin", "partner_a", "partner_b")
    ),
    Row(
        "GET",
        "/api/v1/partners/{name}",
        f"/api/v1/partners/{quote('Partner A')}",
        {**allow(200, "admin", "partner_a"), "partner_b": 404},
    ),
    Row(
        "POST", "/api/v1/partners", "/api/v1/partners", allow(201, "admin"), {"name": "New {role}"}
    ),
    Row(
        "PATCH",
        "/api/v1/partners/{name}",
        "/api/v1/partners/Nobody%20Here",
        allow(404, "admin"),
        {"v2g_issuer": "opcp"},
    ),
    Row("GET", "/api/v1/policies", "/api/v1/policies", allow(200, "admin")),
    Row(
        "POST",
        "/api/v1/policies",
        "/api/v1/policies",
        allow(200, "admin"),
        {"ptype": "p", "values": ["nobody-{role}", "*", "x", "^read$", "any"]},
    ),
    Row(
        "POST",
        "/api/v1/policies/remove",
        "/api/v1/policies/remove",
        allow(200, "admin"),
        {"ptype": "p", "values": ["nobody-{role}", "*", "x", "^read$", "any"]},
    ),
    Row("GET", "/api/v1/audit", "/api/v1/audit", allow(200, "admin")),
    Row("GET", "/api/v1/certificates", "/api/v1/certificates", allow(200, "admin", "technician")),
    Row(
        "POST",
        "/api/v1/certificates/{serial}/revoke",
        "/api/v1/certificates/ABCDEF0123/revoke",
        allow(404, "admin", "technician"),
        {},
    ),
    Row(
        "GET",
        "/api/v1/stations",
        "/api/v1/stations",
        allow(200, "admin", "technician", "partner_a", "partner_b"),
    ),
    Row(
        "GET",
        "/api/v1/stations/{station_id}",
        "/api/v1/stations/ST-A-1",
        {**allow(200, "admin", "technician", "partner_a"), "partner_b": 404},
    ),
    Row(
        "GET",
        "/api/v1/stations/{station_id}/sessions",
        "/api/v1/stations/ST-A-1/sessions",
        {**allow(200, "admin", "technician", "partner_a"), "partner_b": 404},
    ),
    Row(
        "GET",
        "/api/v1/stations/{station_id}/security-events",
        "/api/v1/stations/ST-A-1/security-events",
        allow(200, "admin", "technician"),
    ),
    Row(
        "GET",
        "/api/v1/security-events",
        "/api/v1/security-events",
        allow(200, "admin", "technician"),
    ),
    Row(
        "GET",
        "/api/v1/stations/{station_id}",
        "/api/v1/stations/ST-B-1",
        {**allow(200, "admin", "technician", "partner_b"), "partner_a": 404},
    ),
    Row(
        "POST",
        "/api/v1/stations",
        "/api/v1/stations",
        allow(201, "admin", "partner_a", "partner_b"),
        {"id": "ST-N-{role}", "security_profile": 2},
    ),
    Row(
        "PATCH",
        "/api/v1/stations/{station_id}",
        "/api/v1/stations/ST-A-1",
        {**allow(200, "admin", "partner_a"), "partner_b": 404},
        {"evse_ids": ["UZ*MTX*E{n}*1"]},
    ),
    Row(
        "PUT",
        "/api/v1/stations/{station_id}/location",
        "/api/v1/stations/ST-A-1/location",
        {**allow(200, "admin", "partner_a"), "partner_b": 404},
        {"latitude": 41.311081, "longitude": 69.240562, "address": "Toshkent"},
    ),
    Row(
        "GET",
        "/api/v1/sessions",
        "/api/v1/sessions",
        allow(200, "admin", "partner_a", "partner_b", "client_x", "client_y"),
    ),
    Row(
        "POST",
        "/api/v1/sessions/{station_id}/{transaction_id}/stop",
        "/api/v1/sessions/ST-A-1/no-such-session/stop",
        allow(404, "admin", "client_x", "client_y"),  # nothing ongoing there to stop
    ),
    Row(
        "GET", "/api/v1/contracts", "/api/v1/contracts", allow(200, "admin", "client_x", "client_y")
    ),
    Row(
        "GET",
        "/api/v1/contracts/{emaid}",
        "/api/v1/contracts/{emaid_x}",
        {**allow(200, "admin", "client_x"), "client_y": 404},
    ),
    Row(
        "POST",
        "/api/v1/contracts",
        "/api/v1/contracts",
        allow(201, "admin", "client_x", "client_y"),
        {"pcid": "ZZ00000MATRIX{n}"},
    ),
    Row(
        "POST",
        "/api/v1/contracts/{emaid}/terminate",
        "/api/v1/contracts/{emaid_unknown}/terminate",
        allow(404, "admin", "client_x", "client_y"),
    ),
    Row(
        "POST",
        "/api/v1/contracts/{emaid}/publish",
        "/api/v1/contracts/{emaid_x}/publish",
        allow(400, "admin"),  # the contract and its car are fine; OPCP is off here
        {"pcid": PCID_X},
    ),
    Row("GET", "/api/v1/cars", "/api/v1/cars", allow(200, "admin")),
    Row(
        "POST",
        "/api/v1/cars/{pcid}/claims/{emaid}/approve",
        "/api/v1/cars/ZZ00000UNKNOWN001/claims/{emaid_unknown}/approve",
        allow(404, "admin"),
    ),
    Row(
        "POST",
        "/api/v1/cars/{pcid}/claims/{emaid}/reject",
        "/api/v1/cars/ZZ00000UNKNOWN001/claims/{emaid_unknown}/reject",
        allow(404, "admin"),
    ),
    Row(
        "POST",
        "/api/v1/cars/{pcid}/transfer",
        "/api/v1/cars/ZZ00000UNKNOWN001/transfer",
        allow(404, "admin"),
        {"owner": "driver-x"},
    ),
    Row(
        "POST",
        "/api/v1/cars/{pcid}/default",
        "/api/v1/cars/{pcid_x}/default",
        {**allow(200, "admin", "client_x"), "client_y": 404},
        {"emaid": "{emaid_x}"},
    ),
    Row("GET", "/api/v1/public/stations", "/api/v1/public/stations", allow(200, *EVERYONE)),
    # MyID is not configured in this world: authorization passes for everyone, then 404.
    Row("GET", "/auth/myid/login", "/auth/myid/login", allow(404, *EVERYONE)),
    Row("GET", "/auth/myid/callback", "/auth/myid/callback", allow(404, *EVERYONE)),
]
# Routes outside the matrix, and why.
NOT_IN_MATRIX = {
    ("POST", "/api/v1/auth/token"): "the login itself: tests/auth/test_tokens.py",
    ("POST", "/api/v1/auth/refresh"): "token rotation: tests/auth/test_tokens.py",
    ("POST", "/api/v1/auth/logout"): "ends the caller's login: tests/auth/test_tokens.py",
    ("POST", "/api/v1/opcp/webhooks/root"): "signed by OPCP, no login: tests/opcp/test_webhooks.py",
    ("POST", "/api/v1/opcp/webhooks/contract"): "signed by OPCP: tests/opcp/test_webhooks.py",
}


def expected(row: Row, role: str) -> int:
    if role in row.allowed:
        return row.allowed[role]
    return 401 if role == "anonymous" else 403


def _fill(text: str, world: World, role: str) -> str:
    n = f"{ROLES.index(role):04d}"
    return text.format(role=role, n=n, **world.facts) if "{" in text else text


def _fill_body(body: Any, world: World, role: str) -> Any:
    if isinstance(body, dict):
        return {k: _fill_body(v, world, role) for k, v in body.items()}
    if isinstance(body, list):
        return [_fill_body(v, world, role) for v in body]
    if isinstance(body, str) and "{" in body:
        return _fill(body, world, role)
    return body


CASES = [
    pytest.param(row, role, id=f"{row.method} {row.path} as {role}")
    for row in ROWS
    for role in EVERYONE
]


@pytest.mark.parametrize(("row", "role"), CASES)
def test_matrix(world: World, row: Row, role: str) -> None:
    with world.client(role) as client:
        answer = client.request(
            row.method,
            _fill(row.path, world, role),
            json=_fill_body(row.body, world, role) if row.body is not None else None,
        )
    assert answer.status_code == expected(row, role), answer.text


def test_every_api_route_is_in_the_matrix(world: World) -> None:
    """Read from the served OpenAPI schema, so a new route without a row fails here."""
    with world.client() as client:
        paths = client.get("/openapi.json").json()["paths"]
    declared = {
        (method.upper(), path)
        for path, operations in paths.items()
        if (path.startswith("/api/v1/") or path.startswith("/auth/"))
        # The OCPP core's commands have their own role tests: tests/auth/test_ocpp_api_access.py
        and not re.match(STATION_COMMANDS, path)
        for method in operations
    }
    covered = {(row.method, row.template) for row in ROWS} | set(NOT_IN_MATRIX)
    assert declared - covered == set(), "routes without a matrix row"
    assert covered - declared == set(), "matrix rows for routes that do not exist"
