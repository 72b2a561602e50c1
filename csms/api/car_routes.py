"""Cars (PCIDs) and the claims drivers make on them: the REST door onto
contracts.service.ContractService (claims, decisions, transfers, the owner's default)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Path, Request
from pydantic import BaseModel, Field

from auth.principal import Principal
from contracts.service import CARS_DECIDE, CARS_READ, CONTRACTS_DEFAULT, CarClaim

from ..web.context import container_of, in_transaction
from .deps import allowed
from .lists import Listing, PageOut
from .schemas import CONFLICT, ERRORS, NOT_FOUND

router = APIRouter(responses=ERRORS, tags=["cars"])
Pcid = Annotated[str, Path(min_length=17, max_length=18)]
Emaid = Annotated[str, Path(min_length=1, max_length=32)]


class CarClaimOut(BaseModel):
    pcid: str
    emaid: str
    owner: str
    status: str
    is_default: bool
    claimed_by: str | None
    decided_by: str | None
    created_at: datetime

    @classmethod
    def of(cls, claim: CarClaim) -> CarClaimOut:
        return cls(**claim.__dict__)


class TransferIn(BaseModel):
    owner: str = Field(min_length=1, max_length=128)


class DefaultIn(BaseModel):
    emaid: str = Field(min_length=1, max_length=32)


@router.get(
    "/api/v1/cars",
    description="Filters: `status` (pending: the claims awaiting an operator's decision; "
    "approved, rejected, released), `owner`, `is_default` (yes/no). Sort: created_at (newest "
    "first), pcid, emaid. Search: PCID, eMAID, owner.",
)
async def list_cars(
    request: Request, principal: Annotated[Principal, allowed(CARS_READ)], wanted: Listing
) -> PageOut[CarClaimOut]:
    """Cars and the contracts that hold or claim them."""
    contracts = container_of(request).contracts
    found = await in_transaction(request, lambda s: contracts.find_cars(s, principal, wanted))
    return PageOut.of(found, CarClaimOut.of)


async def _decide(
    request: Request, principal: Principal, pcid: str, emaid: str, approve: bool
) -> CarClaimOut:
    contracts = container_of(request).contracts
    decided = await in_transaction(
        request, lambda s: contracts.decide_claim(s, principal, pcid, emaid, approve=approve)
    )
    return CarClaimOut.of(decided)


@router.post(
    "/api/v1/cars/{pcid}/claims/{emaid}/approve",
    response_model=CarClaimOut,
    responses={**NOT_FOUND, **CONFLICT},
)
async def approve_claim(
    request: Request,
    pcid: Pcid,
    emaid: Emaid,
    principal: Annotated[Principal, allowed(CARS_DECIDE)],
) -> CarClaimOut:
    """The driver's claim is right: the car uses the contract (its default if it has none)."""
    return await _decide(request, principal, pcid, emaid, True)


@router.post(
    "/api/v1/cars/{pcid}/claims/{emaid}/reject",
    response_model=CarClaimOut,
    responses={**NOT_FOUND, **CONFLICT},
)
async def reject_claim(
    request: Request,
    pcid: Pcid,
    emaid: Emaid,
    principal: Annotated[Principal, allowed(CARS_DECIDE)],
) -> CarClaimOut:
    return await _decide(request, principal, pcid, emaid, False)


@router.post("/api/v1/cars/{pcid}/transfer", response_model=list[CarClaimOut], responses=NOT_FOUND)
async def transfer_car(
    request: Request,
    pcid: Pcid,
    body: TransferIn,
    principal: Annotated[Principal, allowed(CARS_DECIDE)],
) -> list[CarClaimOut]:
    """The car now belongs to `owner`: other owners' contracts let it go."""
    contracts = container_of(request).contracts
    bindings = await in_transaction(
        request, lambda s: contracts.transfer_car(s, principal, pcid, body.owner)
    )
    return [CarClaimOut.of(b) for b in bindings]


@router.post(
    "/api/v1/cars/{pcid}/default",
    response_model=CarClaimOut,
    responses={**NOT_FOUND, **CONFLICT},
)
async def choose_default(
    request: Request,
    pcid: Pcid,
    body: DefaultIn,
    principal: Annotated[Principal, allowed(CONTRACTS_DEFAULT)],
) -> CarClaimOut:
    """The owner picks which of their contracts the car uses."""
    contracts = container_of(request).contracts
    chosen = await in_transaction(
        request, lambda s: contracts.choose_default(s, principal, pcid, body.emaid)
    )
    return CarClaimOut.of(chosen)
