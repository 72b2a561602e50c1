"""The driver's page: own contracts (a car by its PCID becomes a contract with an eMAID;
terminate), own charging sessions, and stopping one that is still going."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from auth.errors import ServiceError
from auth.principal import Permission, Principal
from contracts.models import Contract
from contracts.service import (
    CONTRACTS_CREATE,
    CONTRACTS_READ,
    CONTRACTS_TERMINATE,
    PCID_PATTERN,
)

from ...ocpp.diagnostics_service import DiagnosticsQuery, DiagnosticView
from ...ocpp.service import SESSIONS_READ, SESSIONS_STOP, UnknownSession
from ...web.context import container_of, in_transaction
from .. import station_operations
from ..access import check_csrf, page
from ..forms import N_, Errors, required, see_other
from ..web import PREFIX, render
from .diagnostics import KIND_WORDS
from .lists import client_sessions_page

router = APIRouter(prefix=f"{PREFIX}/client", include_in_schema=False)
CABINET = "client"
# Contract states as the page shows them (contracts/models.py CONTRACT_STATUSES).
STATUS_WORDS = (N_("active"), N_("suspended"), N_("terminated"))


def client(permission: Permission) -> Any:
    return Depends(page(permission, cabinet=CABINET))


async def _contracts_page(
    request: Request, principal: Principal, status_code: int = 200, **context: Any
) -> Response:
    container = container_of(request)
    service = container.contracts
    refusals = DiagnosticsQuery(outcome="refused", limit=5)

    def read(session: Session) -> tuple[list[Contract], dict[int, list[str]], list[DiagnosticView]]:
        found = service.list_contracts(session, principal, limit=500)
        cars = service.cars_of(session, [c.id for c in found])
        # Why the driver's car was refused lately, in plain words (their own records only).
        refused = container.pnc_diagnostics.search(session, principal, refusals)
        return found, cars, refused

    found, cars, refused = await in_transaction(request, read)
    return render(
        request,
        "client/contracts.html",
        status_code,
        contracts=found,
        cars=cars,
        refused=refused,
        kinds=KIND_WORDS,
        **context,
    )


@router.get("")
async def contracts(
    request: Request, principal: Annotated[Principal, client(CONTRACTS_READ)]
) -> Response:
    params = request.query_params
    return await _contracts_page(
        request, principal, created=params.get("created"), terminated=params.get("terminated")
    )


@router.post("/contracts")
async def add_vehicle(
    request: Request, principal: Annotated[Principal, client(CONTRACTS_CREATE)]
) -> Response:
    form = await check_csrf(request)
    errors: Errors = {}
    pcid = required(form, "pcid", errors, 64).replace(" ", "").replace("-", "").upper()
    if pcid and not PCID_PATTERN.match(pcid):
        errors["pcid"] = N_("A PCID has 17 or 18 letters and digits.")
    if not errors:
        service = container_of(request).contracts
        try:
            created = await in_transaction(
                request, lambda s: service.create(s, principal, pcid=pcid)
            )
        except ServiceError:
            errors["pcid"] = N_("No contract could be made for this car.")
        else:
            return see_other(f"{PREFIX}/client?created={created.emaid}")
    read = await page(CONTRACTS_READ, cabinet=CABINET)(request)
    return await _contracts_page(request, read, 422, errors=errors, values=form)


@router.post("/contracts/{emaid}/terminate")
async def terminate(
    request: Request,
    emaid: str,
    principal: Annotated[Principal, client(CONTRACTS_TERMINATE)],
) -> Response:
    await check_csrf(request)
    service = container_of(request).contracts
    done, _revoked = await in_transaction(
        request, lambda s: service.terminate(s, principal, emaid[:32])
    )
    return see_other(f"{PREFIX}/client?terminated={done.emaid}")


@router.post("/sessions/{station_id}/{transaction_id}/stop")
async def stop(
    request: Request,
    station_id: str,
    transaction_id: str,
    principal: Annotated[Principal, client(SESSIONS_STOP)],
) -> Response:
    """Stop an own session that is still going; the station's answer in words."""
    await check_csrf(request)
    service = container_of(request).stations
    done = N_("Stop charging")
    result: dict[str, Any]
    try:
        answer = await service.remote_stop(principal, station_id, transaction_id)
    except UnknownSession:
        result = {"ok": False, "message": station_operations.NO_SESSION}
    except Exception as exc:
        message = station_operations.failure_message(exc)
        if message is None:
            raise
        result = {"ok": False, "message": message}
    else:
        words = station_operations.STATUS_WORDS.get(answer.status, N_("The station answered."))
        result = {"ok": answer.ok, "message": words}
    read = await page(SESSIONS_READ, cabinet=CABINET)(request)
    return await client_sessions_page(request, read, result={**result, "done": done})
