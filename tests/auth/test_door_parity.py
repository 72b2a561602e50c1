"""Every console action, for every role, against the REST route that does the same thing
through the same service (issue 12, item 12).

Before issue 12 the console called API route functions directly, so the routes' permission
dependencies never ran there: the users page (users:read) showed partners (partners:read).
Now every page and form goes through the service that owns the operation, and this test holds
the console to the API's answer:

- a role whose cabinet holds the action is refused by the console exactly when the API
  refuses it (401/403);
- every other role is refused by the console (a cabinet is one role's workspace: a partner
  reads its stations in the partner cabinet, not the technician's), so the console never
  allows what the API refuses.

Each console route must have a row here, or be named in NOT_ACTIONS with the reason: a new
page without a row fails `test_every_console_route_has_a_door`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest
from fastapi.routing import APIRoute

from auth.policy import Rule
from auth.rules import change_rules
from csms.api import (
    admin_routes,
    auth_routes,
    car_routes,
    certificate_routes,
    contract_routes,
    diagnostics_routes,
    ocpp_routes,
    station_routes,
    trust_routes,
)
from csms.console.pages import (
    admin,
    client,
    common,
    diagnostics,
    lists,
    partner,
    stations,
    technician,
)
from tests.auth.conftest import PASSWORD, ROLES, USERS, World

pytestmark = [pytest.mark.postgres]

CABINET_OF_ROLE = {
    "admin": "admin",
    "technician": "technician",
    "partner_a": "partner",
    "partner_b": "partner",
    "client_x": "client",
    "client_y": "client",
    "anonymous": None,
}


@dataclass(frozen=True)
class Door:
    cabinet: str | None  # None: pages every role may reach, each per its permission
    console: tuple[str, str, str]  # method, route template, path
    api: tuple[str, str]  # method, path
    form: dict[str, str] = field(default_factory=dict)
    body: dict[str, Any] | None = None


RULE = {
    "subject": "nobody-{role}",
    "domain": "*",
    "object": "x",
    "action": "^read$",
    "scope": "any",
}
RULE_VALUES = ["nobody-{role}", "*", "x", "^read$", "any"]
ZERO_FINGERPRINT = "0" * 64

DOORS = [
    Door(None, ("GET", "/console", "/console"), ("GET", "/api/v1/me")),
    Door(
        None, ("GET", "/console/stations", "/console/stations"), ("GET", "/api/v1/public/stations")
    ),
    # Plug & Charge diagnostics: one page for admins, partners and drivers, each in scope.
    Door(
        None,
        ("GET", "/console/diagnostics", "/console/diagnostics"),
        ("GET", "/api/v1/pnc-diagnostics"),
    ),
    Door(
        None,
        ("GET", "/console/diagnostics/{record_id}", "/console/diagnostics/1"),
        ("GET", "/api/v1/pnc-diagnostics/1"),
    ),
    Door(None, ("GET", "/console/map", "/console/map"), ("GET", "/api/v1/public/stations")),
    Door(
        None, ("GET", "/console/map/live", "/console/map/live"), ("GET", "/api/v1/public/stations")
    ),
    # The operator's cabinet.
    Door("admin", ("GET", "/console/admin", "/console/admin"), ("GET", "/api/v1/users")),
    Door("admin", ("GET", "/console/admin/map", "/console/admin/map"), ("GET", "/api/v1/stations")),
    Door(
        "admin",
        ("GET", "/console/admin/map/live", "/console/admin/map/live"),
        ("GET", "/api/v1/stations"),
    ),
    Door(
        "admin",
        (
            "GET",
            "/console/admin/stations/{station_id}",
            "/console/admin/stations/ST-A-1",
        ),
        ("GET", "/api/v1/stations/ST-A-1"),
    ),
    Door(
        "admin",
        (
            "POST",
            "/console/admin/stations/{station_id}/operations",
            "/console/admin/stations/ST-A-1/operations",
        ),
        ("POST", "/api/v1/stations/ST-A-1/unlock"),
        {"operation": "unlock", "evse_id": "1", "connector_id": "1"},
        {"evse_id": 1, "connector_id": 1},
    ),
    Door(
        "admin",
        (
            "POST",
            "/console/admin/stations/{station_id}/location",
            "/console/admin/stations/ST-A-1/location",
        ),
        ("PUT", "/api/v1/stations/ST-A-1/location"),
        {"latitude": "41.311081", "longitude": "69.240562", "address": "Toshkent"},
        {"latitude": 41.311081, "longitude": 69.240562, "address": "Toshkent"},
    ),
    Door(
        "admin",
        ("POST", "/console/admin/users", "/console/admin/users"),
        ("POST", "/api/v1/users"),
        {"username": "console-{role}", "role": "client", "password": PASSWORD},
        {"username": "api-{role}", "role": "client", "password": PASSWORD},
    ),
    Door(
        "admin",
        ("POST", "/console/admin/users/{username}/role", "/console/admin/users/nobody-here/role"),
        ("POST", "/api/v1/users/nobody-here/role"),
        {"role": "client"},
        {"role": "client"},
    ),
    Door(
        "admin",
        (
            "POST",
            "/console/admin/users/{username}/disable",
            "/console/admin/users/nobody-here/disable",
        ),
        ("DELETE", "/api/v1/users/nobody-here"),
    ),
    Door(
        "admin",
        (
            "POST",
            "/console/admin/users/{username}/password",
            "/console/admin/users/nobody-here/password",
        ),
        ("POST", "/api/v1/users/nobody-here/password"),
    ),
    Door(
        "admin",
        ("GET", "/console/admin/policies", "/console/admin/policies"),
        ("GET", "/api/v1/policies"),
    ),
    Door(
        "admin",
        ("POST", "/console/admin/policies", "/console/admin/policies"),
        ("POST", "/api/v1/policies"),
        {"ptype": "p", **RULE},
        {"ptype": "p", "values": RULE_VALUES},
    ),
    Door(
        "admin",
        (
            "GET",
            "/console/admin/policies/preview",
            "/console/admin/policies/preview?ptype=p&subject=x&domain=*&object=x&action=^read$&scope=any",
        ),
        ("GET", "/api/v1/policies"),
    ),
    Door(
        "admin",
        ("POST", "/console/admin/policies/remove", "/console/admin/policies/remove"),
        ("POST", "/api/v1/policies/remove"),
        {"ptype": "p", **RULE},
        {"ptype": "p", "values": RULE_VALUES},
    ),
    Door(
        "admin",
        ("GET", "/console/admin/partners", "/console/admin/partners"),
        ("GET", "/api/v1/partners"),
    ),
    Door(
        "admin",
        ("POST", "/console/admin/partners", "/console/admin/partners"),
        ("POST", "/api/v1/partners"),
        {"name": "Console {role}"},
        {"name": "Api {role}"},
    ),
    Door(
        "admin",
        ("GET", "/console/admin/pki", "/console/admin/pki"),
        ("GET", "/api/v1/certificates"),
    ),
    Door(
        "admin",
        (
            "GET",
            "/console/admin/pki/certificates/{serial}",
            "/console/admin/pki/certificates/{other_serial}",
        ),
        ("GET", "/api/v1/certificates"),
    ),
    Door(
        "admin",
        ("GET", "/console/admin/overview", "/console/admin/overview"),
        ("GET", "/api/v1/stations"),
    ),
    Door(
        "admin",
        ("POST", "/console/admin/pki/revoke", "/console/admin/pki/revoke"),
        ("POST", "/api/v1/certificates/ABCDEF0123/revoke"),
        {"serial": "ABCDEF0123", "reason": "superseded"},
        {"reason": "superseded"},
    ),
    Door(
        "admin",
        ("POST", "/console/admin/pki/trust", "/console/admin/pki/trust"),
        ("POST", "/api/v1/trust"),
        {"kind": "oem-root", "bundle": "not a certificate"},
        {"kind": "oem-root", "pem": "not a certificate"},
    ),
    Door(
        "admin",
        ("POST", "/console/admin/pki/trust/remove", "/console/admin/pki/trust/remove"),
        ("DELETE", f"/api/v1/trust/{ZERO_FINGERPRINT}"),
        {"fingerprint": ZERO_FINGERPRINT},
    ),
    Door(
        "admin", ("GET", "/console/admin/audit", "/console/admin/audit"), ("GET", "/api/v1/audit")
    ),
    # The driver's cabinet.
    Door("client", ("GET", "/console/client", "/console/client"), ("GET", "/api/v1/contracts")),
    Door(
        "client",
        ("POST", "/console/client/contracts", "/console/client/contracts"),
        ("POST", "/api/v1/contracts"),
        {"pcid": "ZZ00000DOORSC{n}"},
        {"pcid": "ZZ00000DOORSA{n}"},
    ),
    Door(
        "client",
        (
            "POST",
            "/console/client/contracts/{emaid}/terminate",
            "/console/client/contracts/{emaid_unknown}/terminate",
        ),
        ("POST", "/api/v1/contracts/{emaid_unknown}/terminate"),
    ),
    Door(
        "client",
        ("GET", "/console/client/sessions", "/console/client/sessions"),
        ("GET", "/api/v1/sessions"),
    ),
    # The lists (csms/console/pages/lists.py), each against the API route of the same
    # permission.
    Door(
        "admin",
        ("GET", "/console/admin/stations", "/console/admin/stations"),
        ("GET", "/api/v1/stations"),
    ),
    Door(
        "admin",
        ("GET", "/console/admin/sessions", "/console/admin/sessions"),
        ("GET", "/api/v1/sessions"),
    ),
    Door(
        "admin",
        ("GET", "/console/admin/security-events", "/console/admin/security-events"),
        ("GET", "/api/v1/stations/ST-A-1/security-events"),
    ),
    Door(
        "technician",
        ("GET", "/console/technician/security-events", "/console/technician/security-events"),
        ("GET", "/api/v1/stations/ST-A-1/security-events"),
    ),
    Door(
        "admin",
        ("GET", "/console/admin/contracts", "/console/admin/contracts"),
        ("GET", "/api/v1/contracts"),
    ),
    Door("admin", ("GET", "/console/admin/cars", "/console/admin/cars"), ("GET", "/api/v1/cars")),
    Door(
        "admin",
        ("GET", "/console/admin/certificates", "/console/admin/certificates"),
        ("GET", "/api/v1/certificates"),
    ),
    Door(
        "partner",
        ("GET", "/console/partner/stations", "/console/partner/stations"),
        ("GET", "/api/v1/stations"),
    ),
    Door(
        "client",
        (
            "POST",
            "/console/client/sessions/{station_id}/{transaction_id}/stop",
            "/console/client/sessions/ST-A-1/no-such-session/stop",
        ),
        ("POST", "/api/v1/sessions/ST-A-1/no-such-session/stop"),
    ),
    # The partner's cabinet.
    Door("partner", ("GET", "/console/partner", "/console/partner"), ("GET", "/api/v1/stations")),
    Door(
        "partner",
        ("GET", "/console/partner/overview", "/console/partner/overview"),
        ("GET", "/api/v1/stations"),
    ),
    Door(
        "partner",
        ("POST", "/console/partner/stations", "/console/partner/stations"),
        ("POST", "/api/v1/stations"),
        {"station_id": "CON-{role}", "security_profile": "2"},
        {"id": "API-{role}", "security_profile": 2},
    ),
    Door(
        "partner",
        ("GET", "/console/partner/sessions", "/console/partner/sessions"),
        ("GET", "/api/v1/sessions"),
    ),
    Door(
        "partner",
        ("GET", "/console/partner/stations/{station_id}", "/console/partner/stations/ST-A-1"),
        ("GET", "/api/v1/stations/ST-A-1"),
    ),
    Door(
        "partner",
        (
            "POST",
            "/console/partner/stations/{station_id}/operations",
            "/console/partner/stations/ST-A-1/operations",
        ),
        ("POST", "/api/v1/stations/ST-A-1/unlock"),
        {"operation": "unlock", "evse_id": "1", "connector_id": "1"},
        {"evse_id": 1, "connector_id": 1},
    ),
    Door(
        "partner",
        ("GET", "/console/partner/map", "/console/partner/map"),
        ("GET", "/api/v1/stations"),
    ),
    Door(
        "partner",
        ("GET", "/console/partner/map/live", "/console/partner/map/live"),
        ("GET", "/api/v1/stations"),
    ),
    Door(
        "partner",
        (
            "POST",
            "/console/partner/stations/{station_id}/location",
            "/console/partner/stations/ST-A-1/location",
        ),
        ("PUT", "/api/v1/stations/ST-A-1/location"),
        {"latitude": "41.311081", "longitude": "69.240562", "address": "Toshkent"},
        {"latitude": 41.311081, "longitude": 69.240562, "address": "Toshkent"},
    ),
    # The technician's cabinet.
    Door(
        "technician",
        ("GET", "/console/technician", "/console/technician"),
        ("GET", "/api/v1/stations"),
    ),
    Door(
        "technician",
        (
            "GET",
            "/console/technician/stations/{station_id}",
            "/console/technician/stations/ST-A-1",
        ),
        ("GET", "/api/v1/stations/ST-A-1"),
    ),
    Door(
        "technician",
        (
            "POST",
            "/console/technician/stations/{station_id}/actions",
            "/console/technician/stations/ST-A-1/actions",
        ),
        ("POST", "/api/v1/stations/ST-A-1/commands/Reset"),
        {"action": "reset"},
        {"type": "Immediate"},
    ),
    Door(
        "technician",
        (
            "POST",
            "/console/technician/stations/{station_id}/actions",
            "/console/technician/stations/ST-A-1/actions",
        ),
        ("POST", "/api/v1/stations/ST-A-1/install-roots"),
        {"action": "install-roots"},
    ),
    Door(
        "technician",
        (
            "POST",
            "/console/technician/stations/{station_id}/operations",
            "/console/technician/stations/ST-A-1/operations",
        ),
        ("POST", "/api/v1/stations/ST-A-1/availability"),
        {"operation": "availability", "target": "station", "operative": "false"},
        {"operative": False},
    ),
]
# Console routes that are not actions on the product's data, and why.
NOT_ACTIONS = {
    ("GET", "/console/"): "the same home page as /console",
    ("GET", "/console/login"): "the login form",
    ("POST", "/console/login"): "the login itself: tests/console/test_login.py",
    ("POST", "/console/logout"): "ends the caller's login: tests/console/test_login.py",
    ("GET", "/console/lang/{language}"): "the interface language (a cookie)",
    ("GET", "/console/manifest.webmanifest"): "the web app manifest",
    ("GET", "/console/myid/callback"): "MyID's redirect back: tests/auth/test_myid.py",
}
CSRF = re.compile(r'name="csrf" value="([^"]+)"')


def _fill(text: str, world: World, role: str) -> str:
    n = f"{ROLES.index(role):04d}"
    return text.format(role=role, n=n, **world.facts) if "{" in text else text


def _filled(values: Any, world: World, role: str) -> Any:
    if isinstance(values, dict):
        return {k: _filled(v, world, role) for k, v in values.items()}
    if isinstance(values, list):
        return [_filled(v, world, role) for v in values]
    return _fill(values, world, role) if isinstance(values, str) else values


API_MODULES = (
    admin_routes,
    car_routes,
    certificate_routes,
    contract_routes,
    ocpp_routes,
    station_routes,
    trust_routes,
    auth_routes,
    diagnostics_routes,
)


def api_action(method: str, path: str) -> str:
    """The action of the permission the API route for `path` requires, read from its
    permission dependency (csms/api/deps.py names it `allowed_<object>_<action>`)."""
    for module in API_MODULES:
        for route in module.router.routes:
            if not isinstance(route, APIRoute) or method not in route.methods:
                continue
            if not route.path_regex.match(path.split("?")[0]):
                continue
            for dependency in route.dependant.dependencies:
                name = getattr(dependency.call, "__name__", "")
                if name.startswith("allowed_"):
                    return name.rsplit("_", 1)[1]
    raise AssertionError(f"no permission dependency on {method} {path}")


class Console:
    """One role's browser session in the console, over plain HTTP: cookie, CSRF token."""

    def __init__(self, world: World, role: str) -> None:
        self.client = httpx.Client(base_url=world.url, timeout=30, follow_redirects=False)
        if role != "anonymous":
            username = USERS[role][0]
            answer = self.client.post(
                "/console/login",
                data={"username": username, "password": PASSWORD, "csrf": self.csrf()},
            )
            assert answer.status_code == 303, answer.text

    def csrf(self) -> str:
        found = CSRF.search(self.client.get("/console/login").text)
        assert found, "the login page carries the session's CSRF token"
        return found.group(1)

    def refused(self, method: str, path: str, form: dict[str, str]) -> bool:
        if method == "GET":
            answer = self.client.get(path)
        else:
            answer = self.client.post(path, data={**form, "csrf": self.csrf()})
        assert answer.status_code != 500, (path, answer.text[:500])
        to_login = answer.is_redirect and "/console/login" in answer.headers["location"]
        return answer.status_code in (401, 403) or to_login


def _api_refused(world: World, role: str, door: Door) -> bool:
    method, path = door.api
    body = _filled(door.body, world, role) if door.body is not None else None
    with world.client(role) as client:
        answer = client.request(method, _fill(path, world, role), json=body)
    assert answer.status_code != 500, (path, answer.text[:500])
    return answer.status_code in (401, 403)


CASES = [
    pytest.param(door, id=f"{door.console[0]} {door.console[2]} ~ {door.api[0]} {door.api[1]}")
    for door in DOORS
]


@pytest.fixture(scope="module")
def consoles(world: World) -> Iterator[dict[str, Console]]:
    """Each role logged into the console once for the module."""
    logged_in = {role: Console(world, role) for role in ROLES}
    yield logged_in
    for console in logged_in.values():
        console.client.close()


@pytest.mark.parametrize("door", CASES)
def test_the_console_refuses_what_the_api_refuses(
    world: World, consoles: dict[str, Console], door: Door
) -> None:
    method, _template, path = door.console
    for role in ROLES:
        console_refused = consoles[role].refused(
            method, _fill(path, world, role), _filled(door.form, world, role)
        )
        api_refused = _api_refused(world, role, door)
        if door.cabinet is None or CABINET_OF_ROLE[role] == door.cabinet:
            assert console_refused == api_refused, (role, console_refused, api_refused)
        else:
            assert console_refused, f"{role} reached the {door.cabinet} cabinet"


ROLE_OF_CABINET = {
    None: "admin",
    "admin": "admin",
    "technician": "technician",
    "partner": "partner_a",
    "client": "client_x",
}


def _narrowed(rules: list[Rule], role: str, action: str) -> list[Rule]:
    """`role`'s permission rules with `action` taken out of every one of them."""
    narrowed = []
    for rule in rules:
        if rule.ptype != "p" or rule.values[0] != role:
            continue
        subject, domain, obj, act, scope = rule.values
        inner = act.removeprefix("^").removesuffix("$")
        narrowed.append(Rule("p", (subject, domain, obj, f"^(?!{action}$)(?:{inner})$", scope)))
    return narrowed


@pytest.mark.parametrize("door", CASES)
def test_without_the_permission_both_doors_refuse(
    world: World, consoles: dict[str, Console], door: Door
) -> None:
    """The same action's permission taken from the role whose cabinet holds it: the console
    and the API both refuse, so neither door checks a different permission than the other
    (before issue 11 the console's users page showed partners without partners:read)."""
    role = ROLE_OF_CABINET[door.cabinet]
    subject = USERS[role][1]
    action = api_action(door.api[0], _fill(door.api[1], world, role))
    container = world.container
    with container.transaction() as session:
        original = [
            r for r in container.policy.rules(session) if r.ptype == "p" and r.values[0] == subject
        ]
    narrowed = _narrowed(original, subject, action)
    with container.transaction() as session:
        change_rules(session, container.policy, actor="test", remove=original, add=narrowed)
    try:
        method, _template, path = door.console
        console_refused = consoles[role].refused(
            method, _fill(path, world, role), _filled(door.form, world, role)
        )
        api_refused = _api_refused(world, role, door)
    finally:
        with container.transaction() as session:
            change_rules(session, container.policy, actor="test", remove=narrowed, add=original)
    assert api_refused, f"the API let {role} {action} without the permission"
    assert console_refused, f"the console let {role} {action} without the permission"


def test_every_console_route_has_a_door() -> None:
    # The routers csms/console/mount.py includes, read directly: FastAPI keeps included
    # routers unflattened in `app.routes`.
    declared = {
        (method, route.path)
        for module in (common, lists, admin, technician, partner, client, diagnostics, stations)
        for route in module.router.routes
        if isinstance(route, APIRoute)
        for method in route.methods
    }
    covered = {(d.console[0], d.console[1]) for d in DOORS} | set(NOT_ACTIONS)
    assert declared - covered == set(), "console routes without a door"
    assert covered - declared == set(), "doors for console routes that do not exist"
