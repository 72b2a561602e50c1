"""Contracts: the REST door onto contracts.service.ContractService."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Path, Request
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel, Field
from sqlalchemy.orm import Session

from auth.principal import Principal
from contracts.models import Contract
from contracts.service import (
    CONTRACTS_CREATE,
    CONTRACTS_READ,
    CONTRACTS_TERMINATE,
    CONTRACTS_UPDATE,
    ContractService,
)

from ..web.context import container_of, in_transaction
from .deps import allowed
from .lists import Listing, PageOut
from .schemas import CONFLICT, ERRORS, NOT_FOUND, UPSTREAM

router = APIRouter(responses=ERRORS)
EmaidPath = Annotated[str, Path(min_length=1, max_length=32)]


class ContractOut(BaseModel):
    emaid: str
    owner: str
    partner: str | None
    status: str
    valid_from: datetime
    valid_until: datetime
    pcids: list[str] = Field(description="the cars bound to the contract (approved bindings)")

    @classmethod
    def of(cls, c: Contract, pcids: list[str]) -> ContractOut:
        return cls(
            emaid=c.emaid,
            owner=c.owner,
            partner=c.partner,
            status=c.status,
            valid_from=c.valid_from,
            valid_until=c.valid_until,
            pcids=pcids,
        )


def _with_cars(
    contracts: ContractService, session: Session, found: list[Contract]
) -> list[ContractOut]:
    cars = contracts.cars_of(session, [c.id for c in found])
    return [ContractOut.of(c, cars[c.id]) for c in found]


class ContractIn(BaseModel):
    pcid: str = Field(min_length=17, max_length=18, description="the car's PCID")
    owner: str | None = Field(
        default=None, max_length=128, description="admins only; default: the caller"
    )


@router.get(
    "/api/v1/contracts",
    tags=["contracts"],
    description="Filters: `status` (active, suspended, terminated), `owner`, `partner`, `pcid` "
    "(a car). Sort: created_at (newest first), valid_until, emaid. Search: eMAID, owner, "
    "partner.",
)
async def list_contracts(
    request: Request, principal: Annotated[Principal, allowed(CONTRACTS_READ)], wanted: Listing
) -> PageOut[ContractOut]:
    """Contracts the caller may read (admins all, a partner its own, a driver theirs)."""
    contracts = container_of(request).contracts

    def read(session: Session) -> PageOut[ContractOut]:
        found = contracts.find(session, principal, wanted)
        return PageOut.of(found.map_all(_with_cars(contracts, session, found.rows)), lambda c: c)

    return await in_transaction(request, read)


@router.get(
    "/api/v1/contracts/{emaid}", tags=["contracts"], response_model=ContractOut, responses=NOT_FOUND
)
async def get_contract(
    request: Request, emaid: EmaidPath, principal: Annotated[Principal, allowed(CONTRACTS_READ)]
) -> ContractOut:
    contracts = container_of(request).contracts
    [found] = await in_transaction(
        request, lambda s: _with_cars(contracts, s, [contracts.get(s, principal, emaid)])
    )
    return found


@router.post(
    "/api/v1/contracts",
    tags=["contracts"],
    status_code=201,
    response_model=ContractOut,
    responses=CONFLICT,
)
async def create_contract(
    request: Request, body: ContractIn, principal: Annotated[Principal, allowed(CONTRACTS_CREATE)]
) -> ContractOut:
    """A contract for a car (PCID); drivers create them for themselves only."""
    contracts = container_of(request).contracts
    [created] = await in_transaction(
        request,
        lambda s: _with_cars(
            contracts, s, [contracts.create(s, principal, owner=body.owner, pcid=body.pcid)]
        ),
    )
    return created


@router.post(
    "/api/v1/contracts/{emaid}/terminate",
    tags=["contracts"],
    response_model=ContractOut,
    responses={**NOT_FOUND, **CONFLICT},
)
async def terminate_contract(
    request: Request,
    emaid: EmaidPath,
    principal: Annotated[Principal, allowed(CONTRACTS_TERMINATE)],
) -> ContractOut:
    """Terminate a contract; its certificates are revoked in the same transaction."""
    contracts = container_of(request).contracts
    [done] = await in_transaction(
        request, lambda s: _with_cars(contracts, s, [contracts.terminate(s, principal, emaid)[0]])
    )
    return done


class PublicationIn(BaseModel):
    pcid: str = Field(min_length=17, max_length=18, description="the car's PCID")


@router.post(
    "/api/v1/contracts/{emaid}/publish",
    tags=["contracts"],
    responses={**NOT_FOUND, **UPSTREAM},
)
async def publish_contract(
    request: Request,
    emaid: EmaidPath,
    body: PublicationIn,
    principal: Annotated[Principal, allowed(CONTRACTS_UPDATE)],
) -> dict[str, Any]:
    """Publish the contract's signed contract data for the car to the Open Plug & Charge
    Contract Certificate Pool (the car's provisioning certificate comes from the pool's
    PCP), so the car gets it at other operators' stations too. 400 `opcp_off` without OPCP,
    `car_not_bound` when the contract is not bound to that car; 502 when the pool fails."""
    publisher = container_of(request).publisher
    done = await run_in_threadpool(publisher.publish, principal, emaid, body.pcid)
    return done.as_dict()
