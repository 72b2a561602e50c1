"""Plug & Charge diagnostics in the console: a searchable list and one record, for admins,
partners (their stations) and drivers (their cars and contracts, in plain words). One page
for every cabinet: what each caller sees is decided by the service
(csms/ocpp/diagnostics_service.py), as the REST API's /api/pnc-diagnostics is."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from auth.principal import Principal

from ...ocpp.diagnostics_service import (
    OUTCOMES,
    PNC_DIAGNOSTICS_READ,
    DiagnosticsQuery,
)
from ...web.context import container_of, in_transaction
from ..access import page
from ..forms import N_, Errors
from ..i18n import TASHKENT
from ..web import PREFIX, render

router = APIRouter(prefix=f"{PREFIX}/diagnostics", include_in_schema=False)
PAGE = 50

KIND_WORDS = {
    "installation": N_("Contract certificate installation"),
    "authorize": N_("Authorization with a contract"),
    "certificate-status": N_("Certificate status"),
    "sign-certificate": N_("Station certificate request"),
}
OUTCOME_WORDS = {"accepted": N_("Accepted"), "refused": N_("Refused"), "error": N_("Error")}
VALIDITY_WORDS = {
    "valid": N_("valid"),
    "expired": N_("expired"),
    "not_yet_valid": N_("not yet valid"),
}
REVOCATION_WORDS = {
    "good": N_("not revoked"),
    "revoked": N_("revoked"),
    "unknown": N_("no source could tell"),
    "error": N_("the source failed"),
    "not_checked": N_("not checked"),
}
STEP_WORDS = {
    "decode": N_("EXI decoding"),
    "chain": N_("Chain check"),
    "signature": N_("Request signature check"),
    "ocsp": N_("Certificate status (OCSP)"),
    "signing": N_("Signing"),
    "encode": N_("EXI encoding"),
    "diagnosis": N_("Diagnosis"),
    "total": N_("Total"),
}
FILTERS = {"pcid": 64, "emaid": 64, "station": 48}


def _day(text: str, errors: Errors, name: str) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        errors[name] = N_("Enter a date as YYYY-MM-DD.")
        return None


def _query(params: Any, errors: Errors) -> tuple[DiagnosticsQuery, dict[str, str]]:
    values = {name: str(params.get(name, "")).strip()[:size] for name, size in FILTERS.items()}
    kind = str(params.get("kind", ""))
    outcome = str(params.get("outcome", ""))
    values["kind"] = kind if kind in KIND_WORDS else ""
    values["outcome"] = outcome if outcome in OUTCOMES else ""
    values["since"] = str(params.get("since", ""))[:10]
    values["until"] = str(params.get("until", ""))[:10]
    since = _day(values["since"], errors, "since")
    until = _day(values["until"], errors, "until")
    try:
        offset = max(0, min(int(str(params.get("offset", "0"))[:9]), 1_000_000))
    except ValueError:
        offset = 0
    # Days are Tashkent's, as every time on the console is; `until` takes its whole day.
    query = DiagnosticsQuery(
        pcid=values["pcid"] or None,
        emaid=values["emaid"] or None,
        station_id=values["station"] or None,
        kind=values["kind"] or None,
        outcome=values["outcome"] or None,
        since=datetime.combine(since, time(), TASHKENT) if since else None,
        until=datetime.combine(until + timedelta(days=1), time(), TASHKENT) if until else None,
        limit=PAGE + 1,  # one more: whether an older page exists
        offset=offset,
    )
    return query, values


@router.get("")
async def diagnostics(
    request: Request, principal: Annotated[Principal, Depends(page(PNC_DIAGNOSTICS_READ))]
) -> Response:
    errors: Errors = {}
    query, values = _query(request.query_params, errors)
    service = container_of(request).pnc_diagnostics
    found = (
        []
        if errors
        else await in_transaction(request, lambda s: service.search(s, principal, query))
    )
    filters = urlencode({name: value for name, value in values.items() if value})
    return render(
        request,
        "diagnostics/list.html",
        422 if errors else 200,
        records=found[:PAGE],
        older=len(found) > PAGE,
        offset=query.offset,
        page_size=PAGE,
        filters=filters,
        kinds=KIND_WORDS,
        outcomes=OUTCOME_WORDS,
        errors=errors,
        values=values,
    )


@router.get("/{record_id}")
async def record(
    request: Request,
    record_id: str,
    principal: Annotated[Principal, Depends(page(PNC_DIAGNOSTICS_READ))],
) -> Response:
    # Any text in the path: what is no record number is no record (the 404 page, not a 422).
    number = int(record_id) if record_id.isdigit() and len(record_id) <= 18 else 0
    service = container_of(request).pnc_diagnostics
    found = await in_transaction(request, lambda s: service.get(s, principal, number))
    return render(
        request,
        "diagnostics/record.html",
        r=found,
        kinds=KIND_WORDS,
        outcomes=OUTCOME_WORDS,
        validity_words=VALIDITY_WORDS,
        revocation_words=REVOCATION_WORDS,
        step_words=STEP_WORDS,
    )
