"""Users, partners, policies (Casbin rules and role assignments) and the audit trail."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel, Field
from sqlalchemy import func, select

from auth.audit import AuditEvent, record_event
from auth.models import CasbinRule, Partner, User
from auth.policy import PolicyError, Rule
from auth.users import UserError, add_partner, add_user
from auth.wiring import auth_of

from .deps import Principal, authorize, product_of, scope_query
from .schemas import CONFLICT, ERRORS, NOT_FOUND

router = APIRouter(responses=ERRORS)
Limit = Annotated[int, Query(ge=1, le=1000)]
Offset = Annotated[int, Query(ge=0, le=10_000_000)]


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


class UserIn(BaseModel):
    username: str = Field(min_length=1, max_length=128)
    role: Literal["admin", "technician", "partner", "client"]
    partner: str | None = Field(default=None, max_length=128)
    password: str | None = Field(default=None, min_length=12, max_length=256)


def _user_out(user: User, roles: list[str]) -> UserOut:
    return UserOut(
        username=user.username,
        roles=roles,
        partner=user.partner,
        full_name=user.full_name,
        has_password=user.password_hash is not None,
        has_myid=user.pinfl is not None,
        active=user.active,
        created_at=user.created_at,
        last_login_at=user.last_login_at,
    )


def _roles_by_user(session: Any, usernames: list[str]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {name: [] for name in usernames}
    if usernames:
        rows = session.execute(
            select(CasbinRule.v0, CasbinRule.v1).where(
                CasbinRule.ptype == "g", CasbinRule.v0.in_(usernames)
            )
        )
        for name, role in rows:
            found[name].append(role)
    return found


@router.get("/api/users", tags=["users"], response_model=list[UserOut])
async def list_users(
    request: Request,
    principal: Annotated[Principal, Depends(authorize("users", "read"))],
    limit: Limit = 100,
    offset: Offset = 0,
) -> list[UserOut]:
    factory = product_of(request).session_factory

    def load() -> list[UserOut]:
        query = scope_query(
            select(User).order_by(User.id),
            principal,
            partner_column=User.partner,
            owner_column=User.username,
        )
        with factory() as session:
            users = list(session.scalars(query.limit(limit).offset(offset)))
            roles = _roles_by_user(session, [u.username for u in users])
            return [_user_out(u, roles[u.username]) for u in users]

    return await run_in_threadpool(load)


@router.get("/api/users/{username}", tags=["users"], response_model=UserOut, responses=NOT_FOUND)
async def get_user(
    request: Request,
    username: str,
    principal: Annotated[Principal, Depends(authorize("users", "read"))],
) -> UserOut:
    factory = product_of(request).session_factory

    def load() -> UserOut | None:
        query = scope_query(
            select(User).where(User.username == username),
            principal,
            partner_column=User.partner,
            owner_column=User.username,
        )
        with factory() as session:
            user = session.scalar(query)
            if user is None:
                return None
            return _user_out(user, _roles_by_user(session, [username])[username])

    found = await run_in_threadpool(load)
    if found is None:
        raise HTTPException(404, f"no user {username}")
    return found


@router.post(
    "/api/users", tags=["users"], status_code=201, response_model=UserOut, responses=CONFLICT
)
async def create_user(
    request: Request,
    body: UserIn,
    principal: Annotated[Principal, Depends(authorize("users", "create"))],
) -> UserOut:
    product = product_of(request)
    policy = auth_of(product).policy

    def create() -> UserOut:
        with product.session_factory() as session, session.begin():
            user = add_user(
                session,
                policy,
                body.username,
                role=body.role,
                partner=body.partner,
                password=body.password,
                actor=principal.actor,
            )
            return _user_out(user, [body.role])

    try:
        out = await run_in_threadpool(create)
    except UserError as exc:
        raise HTTPException(409 if exc.code.endswith("exists") else 400, str(exc)) from None
    policy.load()
    return out


@router.delete("/api/users/{username}", tags=["users"], status_code=204, responses=NOT_FOUND)
async def disable_user(
    request: Request,
    username: str,
    principal: Annotated[Principal, Depends(authorize("users", "delete"))],
) -> None:
    """Disable an account and end its logins (the row stays for the audit trail)."""
    product = product_of(request)
    tokens = auth_of(product).tokens

    def disable() -> bool:
        with product.session_factory() as session, session.begin():
            user = session.scalar(select(User).where(User.username == username))
            if user is None:
                return False
            user.active = False
            tokens.revoke_user(session, user.id, "disabled")
            record_event(session, actor=principal.actor, action="user.disabled", username=username)
            return True

    if not await run_in_threadpool(disable):
        raise HTTPException(404, f"no user {username}")


# --- partners ----------------------------------------------------------------------------


class PartnerOut(BaseModel):
    name: str
    created_at: datetime


class PartnerIn(BaseModel):
    name: str = Field(min_length=1, max_length=128)


@router.get("/api/partners", tags=["partners"], response_model=list[PartnerOut])
async def list_partners(
    request: Request,
    principal: Annotated[Principal, Depends(authorize("partners", "read"))],
    limit: Limit = 100,
    offset: Offset = 0,
) -> list[PartnerOut]:
    factory = product_of(request).session_factory

    def load() -> list[PartnerOut]:
        query = scope_query(
            select(Partner).order_by(Partner.name), principal, partner_column=Partner.name
        )
        with factory() as session:
            return [
                PartnerOut(name=p.name, created_at=p.created_at)
                for p in session.scalars(query.limit(limit).offset(offset))
            ]

    return await run_in_threadpool(load)


@router.get(
    "/api/partners/{name}", tags=["partners"], response_model=PartnerOut, responses=NOT_FOUND
)
async def get_partner(
    request: Request,
    name: str,
    principal: Annotated[Principal, Depends(authorize("partners", "read"))],
) -> PartnerOut:
    factory = product_of(request).session_factory

    def load() -> Partner | None:
        query = scope_query(
            select(Partner).where(Partner.name == name), principal, partner_column=Partner.name
        )
        with factory() as session:
            return session.scalar(query)

    partner = await run_in_threadpool(load)
    if partner is None:
        raise HTTPException(404, f"no partner {name}")
    return PartnerOut(name=partner.name, created_at=partner.created_at)


@router.post(
    "/api/partners",
    tags=["partners"],
    status_code=201,
    response_model=PartnerOut,
    responses=CONFLICT,
)
async def create_partner(
    request: Request,
    body: PartnerIn,
    principal: Annotated[Principal, Depends(authorize("partners", "create"))],
) -> PartnerOut:
    factory = product_of(request).session_factory

    def create() -> PartnerOut:
        with factory() as session, session.begin():
            partner = add_partner(session, body.name, actor=principal.actor)
            return PartnerOut(name=partner.name, created_at=partner.created_at)

    try:
        return await run_in_threadpool(create)
    except UserError as exc:
        raise HTTPException(409 if exc.code.endswith("exists") else 400, str(exc)) from None


# --- policies ----------------------------------------------------------------------------


class RuleIO(BaseModel):
    ptype: Literal["p", "g"]
    values: list[str] = Field(min_length=3, max_length=5)


class PolicyChangeOut(BaseModel):
    changed: int
    version: int


@router.get("/api/policies", tags=["policies"], response_model=list[RuleIO])
async def list_policies(
    request: Request,
    principal: Annotated[Principal, Depends(authorize("policies", "read"))],
    ptype: Literal["p", "g"] | None = None,
    subject: Annotated[str | None, Query(max_length=128)] = None,
    limit: Limit = 1000,
    offset: Offset = 0,
) -> list[RuleIO]:
    """Permissions (`p`: subject, domain, object, action, scope) and role assignments
    (`g`: user, role, domain), in the order the enforcer reads them."""
    factory = product_of(request).session_factory

    def load() -> list[RuleIO]:
        query = select(CasbinRule).order_by(CasbinRule.id)
        if ptype is not None:
            query = query.where(CasbinRule.ptype == ptype)
        if subject is not None:
            query = query.where(CasbinRule.v0 == subject)
        with factory() as session:
            out = []
            for row in session.scalars(query.limit(limit).offset(offset)):
                width = 5 if row.ptype == "p" else 3
                values = [row.v0, row.v1, row.v2, row.v3, row.v4][:width]
                out.append(RuleIO(ptype=row.ptype, values=values))  # type: ignore[arg-type]
            return out

    return await run_in_threadpool(load)


async def _change_policy(
    request: Request, principal: Principal, rule: RuleIO, *, adding: bool
) -> PolicyChangeOut:
    product = product_of(request)
    policy = auth_of(product).policy
    wanted = Rule(rule.ptype, tuple(rule.values))

    def change() -> int:
        with product.session_factory() as session, session.begin():
            changed = policy.change(
                session, add=[wanted] if adding else [], remove=[] if adding else [wanted]
            )
            if changed:
                record_event(
                    session,
                    actor=principal.actor,
                    action="policy.added" if adding else "policy.removed",
                    rule=rule.model_dump(),
                )
            return changed

    try:
        changed = await run_in_threadpool(change)
    except PolicyError as exc:
        raise HTTPException(400, str(exc)) from None
    policy.load()  # this process sees the change before the answer leaves
    return PolicyChangeOut(changed=changed, version=policy.version)


@router.post("/api/policies", tags=["policies"], response_model=PolicyChangeOut)
async def add_policy(
    request: Request,
    rule: RuleIO,
    principal: Annotated[Principal, Depends(authorize("policies", "create"))],
) -> PolicyChangeOut:
    """Add a permission or a role assignment (nothing changes if it exists)."""
    return await _change_policy(request, principal, rule, adding=True)


@router.post("/api/policies/remove", tags=["policies"], response_model=PolicyChangeOut)
async def remove_policy(
    request: Request,
    rule: RuleIO,
    principal: Annotated[Principal, Depends(authorize("policies", "delete"))],
) -> PolicyChangeOut:
    """Remove a permission or a role assignment (a body, so values need no URL escaping)."""
    return await _change_policy(request, principal, rule, adding=False)


# --- audit -------------------------------------------------------------------------------


class AuditOut(BaseModel):
    id: int
    at: datetime
    actor: str
    action: str
    serial: str | None
    fingerprint: str | None
    details: dict[str, Any] | None


@router.get("/api/audit", tags=["audit"], response_model=list[AuditOut])
async def audit(
    request: Request,
    principal: Annotated[Principal, Depends(authorize("audit", "read"))],
    action: Annotated[str | None, Query(max_length=64)] = None,
    limit: Limit = 100,
    # audit_events.id is a 32-bit integer column; larger values would only fail in SQL
    before_id: Annotated[int | None, Query(ge=1, le=2**31 - 1)] = None,
) -> list[AuditOut]:
    """Newest first; `action` is a prefix such as `login.` or `policy.`."""
    factory = product_of(request).session_factory

    def load() -> list[AuditOut]:
        query = select(AuditEvent).order_by(AuditEvent.id.desc())
        if action:
            escaped = action.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            query = query.where(AuditEvent.action.like(f"{escaped}%", escape="\\"))
        if before_id is not None:
            query = query.where(AuditEvent.id < before_id)
        with factory() as session:
            return [
                AuditOut(
                    id=e.id,
                    at=e.at,
                    actor=e.actor,
                    action=e.action,
                    serial=e.serial_hex,
                    fingerprint=e.fingerprint_sha256,
                    details=e.details,
                )
                for e in session.scalars(query.limit(limit))
            ]

    return await run_in_threadpool(load)


def count_users(session: Any) -> int:
    return int(session.scalar(select(func.count(User.id))) or 0)
