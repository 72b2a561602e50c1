"""Users, partners, policies (Casbin rules and role assignments) and the audit trail: the REST
door onto auth's services (auth/users.py, auth/rules.py, auth/audit.py)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request
from fastapi import Path as PathParam
from pydantic import BaseModel, Field
from sqlalchemy.orm import Session

from auth.audit import AUDIT_READ
from auth.policy import Rule
from auth.principal import Principal
from auth.rules import POLICIES_CREATE, POLICIES_DELETE, POLICIES_READ
from auth.users import (
    PARTNERS_CREATE,
    PARTNERS_READ,
    PARTNERS_UPDATE,
    ROLES_CHANGE,
    USERS_CREATE,
    USERS_DELETE,
    USERS_READ,
    USERS_UPDATE,
    PartnerView,
    UserView,
)

from ..web.context import container_of, in_transaction
from .deps import allowed
from .lists import Listing, PageOut
from .schemas import CONFLICT, ERRORS, NOT_FOUND, Limit, Offset

router = APIRouter(responses=ERRORS)


# --- users -------------------------------------------------------------------------------


class UserOut(BaseModel):
    username: str
    roles: list[str]
    partner: str | None
    full_name: str | None
    has_password: bool
    has_myid: bool
    active: bool
    created_at: datetime
    last_login_at: datetime | None

    @classmethod
    def of(cls, view: UserView) -> UserOut:
        return cls(**{**view.__dict__, "roles": list(view.roles)})


class UserIn(BaseModel):
    username: str = Field(min_length=1, max_length=128)
    role: Literal["admin", "technician", "partner", "client"]
    partner: str | None = Field(default=None, max_length=128)
    password: str | None = Field(default=None, min_length=12, max_length=256)
    myid_only: bool = Field(
        default=False, description="no password: the person logs in only with MyID"
    )


@router.get("/api/v1/users", tags=["users"], response_model=list[UserOut])
async def list_users(
    request: Request,
    principal: Annotated[Principal, allowed(USERS_READ)],
    limit: Limit = 100,
    offset: Offset = 0,
) -> list[UserOut]:
    users = container_of(request).users
    found = await in_transaction(
        request, lambda s: users.list_users(s, principal, limit=limit, offset=offset)
    )
    return [UserOut.of(u) for u in found]


@router.get("/api/v1/users/{username}", tags=["users"], response_model=UserOut, responses=NOT_FOUND)
async def get_user(
    request: Request, username: str, principal: Annotated[Principal, allowed(USERS_READ)]
) -> UserOut:
    users = container_of(request).users
    return UserOut.of(
        await in_transaction(request, lambda s: users.get_user(s, principal, username))
    )


@router.post(
    "/api/v1/users", tags=["users"], status_code=201, response_model=UserOut, responses=CONFLICT
)
async def create_user(
    request: Request, body: UserIn, principal: Annotated[Principal, allowed(USERS_CREATE)]
) -> UserOut:
    users = container_of(request).users
    created = await in_transaction(
        request,
        lambda s: users.create_user(
            s,
            principal,
            body.username,
            role=body.role,
            partner=body.partner,
            password=body.password,
            myid_only=body.myid_only,
        ),
    )
    return UserOut.of(created)


@router.delete("/api/v1/users/{username}", tags=["users"], status_code=204, responses=NOT_FOUND)
async def disable_user(
    request: Request, username: str, principal: Annotated[Principal, allowed(USERS_DELETE)]
) -> None:
    """Disable an account and end its logins (the row stays for the audit trail)."""
    users = container_of(request).users
    await in_transaction(request, lambda s: users.disable_user(s, principal, username))


class RoleIn(BaseModel):
    role: Literal["admin", "technician", "partner", "client"]


@router.post(
    "/api/v1/users/{username}/role",
    tags=["users"],
    response_model=UserOut,
    responses={**NOT_FOUND, **CONFLICT},
)
async def change_role(
    request: Request,
    username: str,
    body: RoleIn,
    principal: Annotated[Principal, allowed(ROLES_CHANGE)],
) -> UserOut:
    """Replace the user's roles with `role` (one policy change, audited). 409 when it would
    leave no active admin."""
    users = container_of(request).users

    def change(session: Session) -> UserView:
        users.set_role(session, principal, username, body.role)
        return users.get_user(session, principal, username)

    return UserOut.of(await in_transaction(request, change))


class PasswordOut(BaseModel):
    username: str
    password: str = Field(description="shown once: only its hash is stored")


@router.post(
    "/api/v1/users/{username}/password",
    tags=["users"],
    response_model=PasswordOut,
    responses=NOT_FOUND,
)
async def reset_password(
    request: Request, username: str, principal: Annotated[Principal, allowed(USERS_UPDATE)]
) -> PasswordOut:
    """A generated password for the user, returned once; the user's other logins end."""
    users = container_of(request).users
    password = await in_transaction(request, lambda s: users.reset_password(s, principal, username))
    return PasswordOut(username=username, password=password)


# --- partners ----------------------------------------------------------------------------


class PartnerOut(BaseModel):
    name: str
    created_at: datetime
    v2g_issuer: str = Field(description="where its stations' V2G certificates come from")

    @classmethod
    def of(cls, view: PartnerView) -> PartnerOut:
        return cls(name=view.name, created_at=view.created_at, v2g_issuer=view.v2g_issuer)


class PartnerIn(BaseModel):
    name: str = Field(min_length=1, max_length=128)
    v2g_issuer: Literal["local", "opcp"] = "local"


class PartnerChange(BaseModel):
    v2g_issuer: Literal["local", "opcp"] | None = None
    station_roots: list[Annotated[str, Field(min_length=64, max_length=64)]] | None = Field(
        default=None,
        max_length=100,
        description="imported V2G/MO root fingerprints its stations should hold",
    )
    all_station_roots: bool = Field(
        default=False, description="its stations should hold every active imported root"
    )


@router.get("/api/v1/partners", tags=["partners"], response_model=list[PartnerOut])
async def list_partners(
    request: Request,
    principal: Annotated[Principal, allowed(PARTNERS_READ)],
    limit: Limit = 100,
    offset: Offset = 0,
) -> list[PartnerOut]:
    users = container_of(request).users
    found = await in_transaction(
        request, lambda s: users.list_partners(s, principal, limit=limit, offset=offset)
    )
    return [PartnerOut.of(p) for p in found]


@router.get(
    "/api/v1/partners/{name}", tags=["partners"], response_model=PartnerOut, responses=NOT_FOUND
)
async def get_partner(
    request: Request, name: str, principal: Annotated[Principal, allowed(PARTNERS_READ)]
) -> PartnerOut:
    users = container_of(request).users
    return PartnerOut.of(
        await in_transaction(request, lambda s: users.get_partner(s, principal, name))
    )


@router.post(
    "/api/v1/partners",
    tags=["partners"],
    status_code=201,
    response_model=PartnerOut,
    responses=CONFLICT,
)
async def create_partner(
    request: Request, body: PartnerIn, principal: Annotated[Principal, allowed(PARTNERS_CREATE)]
) -> PartnerOut:
    users = container_of(request).users
    created = await in_transaction(
        request,
        lambda s: users.create_partner(s, principal, body.name, v2g_issuer=body.v2g_issuer),
    )
    return PartnerOut.of(created)


@router.patch(
    "/api/v1/partners/{name}", tags=["partners"], response_model=PartnerOut, responses=NOT_FOUND
)
async def change_partner(
    request: Request,
    name: Annotated[str, PathParam(min_length=1, max_length=128)],
    body: PartnerChange,
    principal: Annotated[Principal, allowed(PARTNERS_UPDATE)],
) -> PartnerOut:
    """Change a partner's settings: where its stations' V2G certificates come from."""
    container = container_of(request)

    def change(session: Session) -> PartnerView:
        changed = container.users.update_partner(
            session, principal, name, v2g_issuer=body.v2g_issuer
        )
        if body.station_roots is not None or body.all_station_roots:
            container.stations.set_partner_station_roots(
                session, principal, name, None if body.all_station_roots else body.station_roots
            )
        return changed

    return PartnerOut.of(await in_transaction(request, change))


# --- policies ----------------------------------------------------------------------------


class RuleIO(BaseModel):
    ptype: Literal["p", "g"]
    values: list[str] = Field(min_length=3, max_length=5)


class PolicyChangeOut(BaseModel):
    changed: int
    version: int


@router.get("/api/v1/policies", tags=["policies"], response_model=list[RuleIO])
async def list_policies(
    request: Request,
    principal: Annotated[Principal, allowed(POLICIES_READ)],
    ptype: Literal["p", "g"] | None = None,
    subject: Annotated[str | None, Query(max_length=128)] = None,
    limit: Limit = 1000,
    offset: Offset = 0,
) -> list[RuleIO]:
    """Permissions (`p`: subject, domain, object, action, scope) and role assignments
    (`g`: user, role, domain), in the order the enforcer reads them."""
    rules = container_of(request).rules
    found = await in_transaction(
        request,
        lambda s: rules.list_rules(
            s, principal, ptype=ptype, subject=subject, limit=limit, offset=offset
        ),
    )
    return [RuleIO(ptype=r.ptype, values=list(r.values)) for r in found]  # type: ignore[arg-type]


@router.post("/api/v1/policies", tags=["policies"], response_model=PolicyChangeOut)
async def add_policy(
    request: Request, rule: RuleIO, principal: Annotated[Principal, allowed(POLICIES_CREATE)]
) -> PolicyChangeOut:
    """Add a permission or a role assignment (nothing changes if it exists)."""
    rules = container_of(request).rules
    wanted = Rule(rule.ptype, tuple(rule.values))
    changed = await in_transaction(request, lambda s: rules.add(s, principal, wanted))
    return PolicyChangeOut(changed=changed, version=rules.version)


@router.post("/api/v1/policies/remove", tags=["policies"], response_model=PolicyChangeOut)
async def remove_policy(
    request: Request, rule: RuleIO, principal: Annotated[Principal, allowed(POLICIES_DELETE)]
) -> PolicyChangeOut:
    """Remove a permission or a role assignment (a body, so values need no URL escaping)."""
    rules = container_of(request).rules
    wanted = Rule(rule.ptype, tuple(rule.values))
    changed = await in_transaction(request, lambda s: rules.remove(s, principal, wanted))
    return PolicyChangeOut(changed=changed, version=rules.version)


# --- audit -------------------------------------------------------------------------------


class AuditOut(BaseModel):
    id: int
    at: datetime
    actor: str
    action: str
    serial: str | None
    fingerprint: str | None
    details: dict[str, Any] | None


@router.get(
    "/api/v1/audit",
    tags=["audit"],
    description="Filters: `action` (a prefix such as `login.` or `policy.`), `actor` (a "
    "substring), `since`/`until` (UTC days or ISO times). Sort: at (newest first). Search: "
    "actor, action, serial.",
)
async def audit(
    request: Request, principal: Annotated[Principal, allowed(AUDIT_READ)], wanted: Listing
) -> PageOut[AuditOut]:
    """The audit trail, a page at a time."""
    log = container_of(request).audit
    found = await in_transaction(request, lambda s: log.page(s, principal, wanted))
    return PageOut.of(
        found,
        lambda e: AuditOut(
            id=e.id,
            at=e.at,
            actor=e.actor,
            action=e.action,
            serial=e.serial_hex,
            fingerprint=e.fingerprint_sha256,
            details=e.details,
        ),
    )
