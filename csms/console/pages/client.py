"""The driver's page: own contracts (a car by its PCID becomes a contract with an eMAID;
terminate), own charging sessions."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import Response

from contracts.service import PCID_PATTERN
from csms.api import resource_routes
from csms.api.deps import Principal

from ..access import check_csrf, page
from ..forms import N_, Errors, required, see_other
from ..web import PREFIX, render

router = APIRouter(prefix=f"{PREFIX}/client", include_in_schema=False)
CABINET = "client"
# Contract states as the page shows them (contracts/models.py CONTRACT_STATUSES).
STATUS_WORDS = (N_("active"), N_("suspended"), N_("terminated"))


def client(obj: str, action: str) -> Any:
    return Depends(page(obj, action, cabinet=CABINET))


async def _contracts_page(
    request: Request, principal: Principal, status_code: int = 200, **context: Any
) -> Response:
    found = await resource_routes.list_contracts(request, principal, limit=500, offset=0)
    return render(request, "client/contracts.html", status_code, contracts=found, **context)


@router.get("")
async def contracts(
    request: Request, principal: Annotated[Principal, client("contracts", "read")]
) -> Response:
    params = request.query_params
    return await _contracts_page(
        request, principal, created=params.get("created"), terminated=params.get("terminated")
    )


@router.post("/contracts")
async def add_vehicle(
    request: Request, principal: Annotated[Principal, client("contracts", "create")]
) -> Response:
    form = await check_csrf(request)
    errors: Errors = {}
    pcid = required(form, "pcid", errors, 64).replace(" ", "").replace("-", "").upper()
    if pcid and not PCID_PATTERN.match(pcid):
        errors["pcid"] = N_("A PCID has 17 or 18 letters and digits.")
    if not errors:
        try:
            created = await resource_routes.create_contract(
                request, resource_routes.ContractIn(pcid=pcid), principal
            )
        except HTTPException:
            errors["pcid"] = N_("No contract could be made for this car.")
        else:
            return see_other(f"{PREFIX}/client?created={created.emaid}")
    read = await page("contracts", "read", cabinet=CABINET)(request)
    return await _contracts_page(request, read, 422, errors=errors, values=form)


@router.post("/contracts/{emaid}/terminate")
async def terminate(
    request: Request,
    emaid: str,
    principal: Annotated[Principal, client("contracts", "terminate")],
) -> Response:
    await check_csrf(request)
    done = await resource_routes.terminate_contract(request, emaid[:32], principal)
    return see_other(f"{PREFIX}/client?terminated={done.emaid}")


@router.get("/sessions")
async def sessions(
    request: Request, principal: Annotated[Principal, client("sessions", "read")]
) -> Response:
    found = await resource_routes.list_sessions(request, principal, limit=500, offset=0)
    return render(request, "sessions.html", sessions=found)
